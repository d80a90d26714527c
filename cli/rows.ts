/**
 * Reading the rows of a CSV or JSON Lines stream, a batch at a time, each with its line number:
 * Papa Parse does the CSV (RFC 4180 quoting, embedded newlines, CRLF, a byte-order mark); the
 * delimiter is found from the header line.
 *
 * @module
 */
import { createInterface } from "node:readline";
import { Readable } from "node:stream";
import Papa from "papaparse";
import { BUILT_IN_MISSING } from "../src/distribution/answer-text.js";
import { howMany } from "./render.js";

/** One row of the input: its fields by column name, the line it starts on, and what is wrong with its shape. */
export interface Row {
  /** The row's value in a column (undefined when it has none). */
  value(column: string): unknown;
  /** The columns of the input (the CSV header, or this JSON object's keys). */
  columns(): readonly string[];
  readonly line: number;
  /** Why the row cannot be read (a wrong number of fields, a line that is not a JSON object). */
  readonly problem?: string;
}

/** A CSV row: its fields, read by the header's index of a column. */
class CsvRow implements Row {
  readonly #index: ReadonlyMap<string, number>;
  readonly #fields: readonly string[];
  readonly line: number;
  readonly problem?: string;

  constructor(
    index: ReadonlyMap<string, number>,
    fields: readonly string[],
    line: number,
    problem?: string,
  ) {
    this.#index = index;
    this.#fields = fields;
    this.line = line;
    if (problem !== undefined) this.problem = problem;
  }

  value(column: string): unknown {
    const i = this.#index.get(column);
    return i === undefined ? undefined : this.#fields[i];
  }

  columns(): readonly string[] {
    return [...this.#index.keys()];
  }
}

/** A JSON Lines row: one object. */
class JsonRow implements Row {
  readonly #record: Readonly<Record<string, unknown>>;
  readonly line: number;
  readonly problem?: string;

  constructor(record: Readonly<Record<string, unknown>>, line: number, problem?: string) {
    this.#record = record;
    this.line = line;
    if (problem !== undefined) this.problem = problem;
  }

  value(column: string): unknown {
    return Object.hasOwn(this.#record, column) ? this.#record[column] : undefined;
  }

  columns(): readonly string[] {
    return Object.keys(this.#record);
  }
}

/** A file that cannot be read at all (malformed CSV quoting, a stream error): exit code 1. */
export class InputError extends Error {
  override readonly name = "InputError";
}

const CANDIDATES = [",", ";", "\t"] as const;

/** The delimiter of a CSV header line: the candidate that occurs most often outside quotes. */
export function detectDelimiter(header: string): string {
  const counts = new Map<string, number>(CANDIDATES.map((c) => [c, 0]));
  let quoted = false;
  for (const ch of header) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) as number) + 1);
  }
  let best = ",";
  let most = 0;
  for (const [c, n] of counts) {
    if (n > most) {
      best = c;
      most = n;
    }
  }
  return best;
}

/** A batch of rows: what one chunk of the input parses to. */
export type RowBatch = readonly Row[];

/** Parsed chunks waiting for the reader, at most: beyond it, the parser pauses the file. */
const QUEUED = 4;

/**
 * The rows of a CSV stream (header first), a batch per chunk of the file. Papa Parse does the
 * CSV — RFC 4180 quoting, quoted delimiters and newlines (an LF inside a CRLF file too), a
 * byte-order mark — measured about 4 × csv-parse on the report's job (`bench/csv-parsers.mjs`);
 * uDSV, faster still, merges a short row into the next one without a word, and drops blank
 * CRLF lines, so it is not used. Empty lines are kept as one-empty-field records, so that every
 * record spans one line plus the newlines inside its quoted fields, and line numbers are
 * counted here. A quote that is never closed, or a stray quote inside a quoted field, is an
 * {@link InputError}.
 */
export async function* csvRows(stream: Readable, delimiter?: string): AsyncGenerator<RowBatch> {
  // Text, split only between characters (a Buffer chunk may end inside one).
  stream.setEncoding("utf8");
  const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<string>;
  const first = await chunks.next();
  if (first.done === true) return;
  const chosen =
    delimiter ?? detectDelimiter(first.value.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "");
  // Only a quoted field holds a line break: until a quote has been read, no field is searched
  // for one (the common file has no quotes at all).
  let quoted = first.value.includes('"');
  const source = Readable.from(
    (async function* () {
      yield first.value;
      for (let next = await chunks.next(); next.done !== true; next = await chunks.next()) {
        if (!quoted && next.value.includes('"')) quoted = true;
        yield next.value;
      }
    })(),
  );
  // Papa Parse pushes each chunk's records; the loop below pulls them, pausing the parser (and
  // the file) while QUEUED chunks wait, so memory stays constant.
  const queue: string[][][] = [];
  let finished = false;
  let failure: Error | undefined;
  let paused = false;
  let parser: Papa.Parser | undefined;
  let wake: (() => void) | undefined;
  Papa.parse<string[]>(source as unknown as NodeJS.ReadableStream, {
    delimiter: chosen,
    chunk: (results, handle) => {
      parser = handle;
      const quotes = results.errors.find((e) => e.type === "Quotes");
      if (quotes !== undefined) {
        failure ??= new InputError(`the CSV cannot be read: ${quotes.message.toLowerCase()}`);
        handle.abort();
      } else {
        queue.push(results.data);
        if (queue.length >= QUEUED && !paused) {
          paused = true;
          handle.pause();
        }
      }
      wake?.();
    },
    complete: () => {
      finished = true;
      wake?.();
    },
    error: (error: Error) => {
      failure ??= new InputError(`the CSV cannot be read: ${error.message}`);
      finished = true;
      wake?.();
    },
  });
  let index: Map<string, number> | undefined;
  let width = 0;
  let line = 1;
  for (;;) {
    const data = queue.shift();
    if (data === undefined) {
      if (failure !== undefined) throw failure;
      if (finished) return;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = undefined;
      continue;
    }
    if (paused && queue.length < QUEUED / 2) {
      paused = false;
      parser?.resume();
    }
    const batch: Row[] = [];
    for (const fields of data) {
      const at = line;
      line++;
      if (quoted) {
        for (const field of fields) {
          if (field.length > 0 && field.includes("\n")) line += field.split("\n").length - 1;
        }
      }
      if (fields.length === 1 && fields[0] === "") continue;
      if (index === undefined) {
        index = new Map(fields.map((name, i) => [name.trim(), i] as const));
        width = fields.length;
        continue;
      }
      batch.push(
        new CsvRow(
          index,
          fields,
          at,
          fields.length === width
            ? undefined
            : `has ${howMany(fields.length, "field")}, the header ${width}`,
        ),
      );
    }
    // A stray quote after all the data is found at the end: no row is read before the error.
    if (failure !== undefined) throw failure;
    if (batch.length > 0) yield batch;
  }
}

/** Lines of JSON per batch. */
const JSON_BATCH = 1024;

/** The rows of a JSON Lines stream, in batches: one JSON object per non-blank line. */
export async function* jsonLinesRows(stream: Readable): AsyncGenerator<RowBatch> {
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  let batch: Row[] = [];
  for await (const text of lines) {
    line++;
    const trimmed = (line === 1 ? text.replace(/^\uFEFF/, "") : text).trim();
    if (trimmed === "") continue;
    batch.push(jsonRow(trimmed, line));
    if (batch.length === JSON_BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** One line of JSON Lines as a row, or why it is not one. */
function jsonRow(text: string, line: number): Row {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return new JsonRow({}, line, "is not valid JSON");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return new JsonRow({}, line, "is not a JSON object");
  }
  return new JsonRow(value as Record<string, unknown>, line);
}

const MISSING: ReadonlySet<string> = new Set(BUILT_IN_MISSING);
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A cell as a loyalty amount: a blank, "NA", "N/A", "null" or "-" is missing (`null`); a number
 * written as text is that number; anything else stays as it is (and is named a bad row). The
 * report reads its answers by the rules of the library's answer text instead.
 */
export function answerOf(cell: unknown): unknown {
  if (cell === undefined || cell === null) return null;
  if (typeof cell !== "string") return cell;
  const text = cell.trim();
  if (MISSING.has(text.toLowerCase())) return null;
  return NUMBER.test(text) ? Number(text) : cell;
}

/** A cell as a group or period label: blank is no group (`null`). */
export function labelOf(cell: unknown): string | null {
  if (cell === undefined || cell === null) return null;
  const text = String(cell).trim();
  return text === "" ? null : text;
}
