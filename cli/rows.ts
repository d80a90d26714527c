/**
 * Reading the rows of a CSV or JSON Lines stream one at a time, each with its line number:
 * csv-parse does the CSV (RFC 4180 quoting, embedded newlines, CRLF, a byte-order mark); the
 * delimiter is found from the header line.
 *
 * @module
 */
import { once } from "node:events";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { parse } from "csv-parse";
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

/** The rows of a CSV stream (header first). */
export async function* csvRows(stream: Readable, delimiter?: string): AsyncGenerator<Row> {
  const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const first = await chunks.next();
  if (first.done === true) return;
  const head = String(first.value);
  const chosen =
    delimiter ?? detectDelimiter(head.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "");
  // Records as arrays, no per-record info (csv-parse's info and on_record cost 3–4× the parse):
  // empty lines are kept as one-empty-field records, so that every record spans one line plus
  // the newlines inside its quoted fields, and the line numbers can be counted here.
  const parser = parse({ bom: true, delimiter: chosen, relax_column_count: true });
  // Feed the parser from the stream while the loop below reads records from it.
  const pump = (async () => {
    try {
      if (!parser.write(first.value)) await once(parser, "drain");
      for (let next = await chunks.next(); next.done !== true; next = await chunks.next()) {
        if (!parser.write(next.value)) await once(parser, "drain");
      }
      parser.end();
    } catch (error) {
      parser.destroy(error as Error);
    }
  })();
  let index: Map<string, number> | undefined;
  let width = 0;
  let line = 1;
  try {
    for await (const fields of parser as AsyncIterable<string[]>) {
      const at = line;
      line++;
      for (const field of fields) {
        if (field.length > 0 && field.includes("\n")) line += field.split("\n").length - 1;
      }
      if (fields.length === 1 && fields[0] === "") continue;
      if (index === undefined) {
        index = new Map(fields.map((name, i) => [name.trim(), i] as const));
        width = fields.length;
        continue;
      }
      yield new CsvRow(
        index,
        fields,
        at,
        fields.length === width
          ? undefined
          : `has ${howMany(fields.length, "field")}, the header ${width}`,
      );
    }
  } catch (error) {
    throw new InputError(`the CSV cannot be read: ${(error as Error).message}`);
  } finally {
    await pump;
  }
}

/** The rows of a JSON Lines stream: one JSON object per non-blank line. */
export async function* jsonLinesRows(stream: Readable): AsyncGenerator<Row> {
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  for await (const text of lines) {
    line++;
    const trimmed = (line === 1 ? text.replace(/^\uFEFF/, "") : text).trim();
    if (trimmed === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      yield new JsonRow({}, line, "is not valid JSON");
      continue;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      yield new JsonRow({}, line, "is not a JSON object");
      continue;
    }
    yield new JsonRow(value as Record<string, unknown>, line);
  }
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
