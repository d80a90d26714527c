/**
 * Reading the rows of a CSV or JSON Lines stream, a batch at a time, each with its line number:
 * uDSV reads the quote-free lines of a CSV, Papa Parse the rest (RFC 4180 quoting, embedded
 * newlines, CRLF, a byte-order mark); the delimiter is found from the header line.
 *
 * @module
 */
import { createInterface } from "node:readline";
import { Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import Papa from "papaparse";
import { initParser, type Parser } from "udsv";
import { BUILT_IN_MISSING } from "../src/distribution/answer-text.js";
import { howMany } from "./render.js";

/** A column of a batch, found by {@link RowBatch.column}: how its cells are read. */
export type ColumnKey = number | string;

/**
 * A batch of rows: what one block of the input parses to. Row r (0 ≤ r < size) is read by
 * number: its cells by a column found once per batch, the line it starts on, and what is wrong
 * with its shape. No object is made per row.
 */
export interface RowBatch {
  readonly size: number;
  /** The line row r starts on. */
  line(r: number): number;
  /** Why row r cannot be read (a wrong number of fields, a line that is not a JSON object). */
  problem(r: number): string | undefined;
  /** The columns of row r (the CSV header, or its JSON object's keys). */
  columns(r: number): readonly string[];
  /** A column by its name (undefined: no column), for {@link RowBatch.cell}. */
  column(name: string | undefined): ColumnKey;
  /** Row r's cell in a column (undefined when it has none). */
  cell(r: number, column: ColumnKey): unknown;
}

/** Row r's cell in the column named (undefined when it has none): for a cell or two, not a pass. */
export function cellOf(batch: RowBatch, r: number, name: string | undefined): unknown {
  return batch.cell(r, batch.column(name));
}

/** CSV rows: each a record of fields, read by the header's index of a column. */
class CsvBatch implements RowBatch {
  readonly #index: ReadonlyMap<string, number>;
  readonly #width: number;
  readonly #records: readonly (readonly string[])[];
  /** Each row's line, or the first row's when each is the line after the one before. */
  readonly #lines: readonly number[] | number;

  constructor(
    index: ReadonlyMap<string, number>,
    width: number,
    records: readonly (readonly string[])[],
    lines: readonly number[] | number,
  ) {
    this.#index = index;
    this.#width = width;
    this.#records = records;
    this.#lines = lines;
  }

  get size(): number {
    return this.#records.length;
  }

  line(r: number): number {
    const lines = this.#lines;
    return typeof lines === "number" ? lines + r : (lines[r] as number);
  }

  problem(r: number): string | undefined {
    const fields = (this.#records[r] as readonly string[]).length;
    return fields === this.#width ? undefined : wrongWidth(fields, this.#width);
  }

  columns(): readonly string[] {
    return [...this.#index.keys()];
  }

  column(name: string | undefined): ColumnKey {
    return (name === undefined ? undefined : this.#index.get(name)) ?? -1;
  }

  cell(r: number, column: ColumnKey): unknown {
    return (column as number) < 0
      ? undefined
      : (this.#records[r] as readonly string[])[column as number];
  }
}

/** Why a record of `fields` fields is not a row of a header `width` wide. */
function wrongWidth(fields: number, width: number): string {
  return `has ${howMany(fields, "field")}, the header ${width}`;
}

/** JSON Lines rows: one object each, or why a line is not one. */
class JsonBatch implements RowBatch {
  readonly #records: Readonly<Record<string, unknown>>[] = [];
  readonly #lines: number[] = [];
  readonly #problems: (string | undefined)[] = [];

  get size(): number {
    return this.#records.length;
  }

  push(record: Readonly<Record<string, unknown>>, problem: string | undefined, line: number): void {
    this.#records.push(record);
    this.#lines.push(line);
    this.#problems.push(problem);
  }

  line(r: number): number {
    return this.#lines[r] as number;
  }

  problem(r: number): string | undefined {
    return this.#problems[r];
  }

  columns(r: number): readonly string[] {
    return Object.keys(this.#records[r] as object);
  }

  column(name: string | undefined): ColumnKey {
    return name ?? -1;
  }

  cell(r: number, column: ColumnKey): unknown {
    const record = this.#records[r] as Readonly<Record<string, unknown>>;
    return typeof column === "string" && Object.hasOwn(record, column) ? record[column] : undefined;
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

/**
 * The size of a file's reads, in bytes: larger than the stream's default 64 KB, so that fewer
 * reads wait on the disk (`BENCH_ROWS=2000000`, five runs each: 256 KB reads in 16 K-character
 * pieces took 0.87 s median, 64 KB reads 0.96 s, 1 MB reads 0.98 s and 40 % more memory).
 */
export const READ_CHUNK: number = 1 << 18;

/**
 * The opening text a CSV's line break is found from: its first OPENING characters (after a
 * byte-order mark), or all of it. The one thread and the several threads (parallel.ts) find it
 * from the same text, so that they read the file alike.
 */
export const OPENING: number = 1 << 16;

/** A CSV's line break. */
export type LineBreak = "\n" | "\r\n" | "\r";

/**
 * The line break of a CSV from its opening text (a byte-order mark already dropped): Papa
 * Parse's guess — CR LF when at least half the CRs outside quotes are followed by an LF, CR when
 * there is no LF, else LF — made on the whole lines of its first OPENING characters (from a CR
 * at their end it would guess CR). The guess does not depend on the delimiter.
 */
export function lineBreakOf(opening: string): LineBreak {
  const sample = opening.slice(0, OPENING);
  const feed = sample.lastIndexOf("\n");
  return Papa.parse(feed < 0 ? sample : sample.slice(0, feed + 1), { delimiter: ",", preview: 1 })
    .meta.linebreak as LineBreak;
}

/**
 * The characters of text parsed at once, at most: a block's records are short-lived, and die in
 * the young generation only if there are few enough of them.
 */
const BLOCK = 1 << 14;

/** Parsed chunks waiting for the reader, at most: beyond it, the parser pauses the file. */
const QUEUED = 4;

/**
 * Records into rows: the first record is the header; a record of one empty field is a blank
 * line, skipped but counted; the others are rows, with the line they start on.
 */
class CsvLines {
  #index: Map<string, number> | undefined;
  #width = 0;
  #line = 1;

  /** The header's width, once it has been read. */
  get width(): number {
    return this.#width;
  }

  /**
   * The rows of `records`, if any. `oneLineEach`: each record is one line (no field holds a
   * line break), so no field is searched for one.
   */
  rows(records: readonly (readonly string[])[], oneLineEach: boolean): RowBatch | undefined {
    const first = this.#line;
    // The common block: a line per record, none blank, the header read before it.
    if (oneLineEach && this.#index !== undefined && (this.#width > 1 || !records.some(isBlank))) {
      this.#line += records.length;
      return records.length === 0
        ? undefined
        : new CsvBatch(this.#index, this.#width, records, first);
    }
    const kept: (readonly string[])[] = [];
    const lines: number[] = [];
    for (const fields of records) {
      const at = this.#line;
      this.#line++;
      if (!oneLineEach) {
        for (const field of fields) {
          if (field.length > 0 && field.includes("\n")) this.#line += field.split("\n").length - 1;
        }
      }
      if (isBlank(fields)) continue;
      if (this.#index === undefined) {
        this.#index = new Map(fields.map((name, i) => [name.trim(), i] as const));
        this.#width = fields.length;
        continue;
      }
      kept.push(fields);
      lines.push(at);
    }
    return this.#index === undefined || kept.length === 0
      ? undefined
      : new CsvBatch(this.#index, this.#width, kept, lines);
  }
}

/** A record of one empty field: a blank line. */
function isBlank(fields: readonly string[]): boolean {
  return fields.length === 1 && fields[0] === "";
}

/**
 * The rows of a CSV stream (header first), a batch per chunk of the file. Two parsers, one
 * reading: while the file has shown no double quote, each chunk's whole lines are a block that
 * uDSV reads (`bench/csv-parsers.mjs`: about twice Papa Parse's speed, four times csv-parse's),
 * and its records are kept only if each is one line of the header's width — else Papa Parse
 * reads the block again. From the first quote on, Papa Parse reads the rest of the stream: RFC
 * 4180 quoting, quoted delimiters and line breaks (an LF inside a CRLF file too). A byte-order
 * mark is dropped; a blank line is skipped but counted, so that line numbers are the file's. A
 * quote that is never closed, or a stray quote inside a quoted field, is an {@link InputError}.
 */
export async function* csvRows(
  stream: Readable,
  delimiter?: string,
  lineBreak?: LineBreak,
): AsyncGenerator<RowBatch> {
  const chunks = textOf(stream);
  // The delimiter and the line break (unless given: a range of a file read on several threads)
  // are found from the opening text, OPENING characters or the whole stream.
  let opening = "";
  for (let more = await chunks.next(); more.done !== true; more = await chunks.next()) {
    opening += more.value;
    if (opening.length > OPENING) break;
  }
  opening = opening.replace(/^\uFEFF/, "");
  if (opening === "") return;
  const chosen = delimiter ?? detectDelimiter(opening.split(/\r?\n/, 1)[0] ?? "");
  // Blocks are cut at the line break.
  const newline = lineBreak ?? lineBreakOf(opening);
  const lines = new CsvLines();
  // The part line carried from chunk to chunk, in pieces: joined once, when its line ends (a
  // line as long as the file, of a file whose line break is not the one found, stays linear).
  const carried = new PartLine();
  let next: IteratorResult<string> = { done: false, value: opening };
  if ((newline === "\n" || newline === "\r\n") && !'"\r\n'.includes(chosen)) {
    const blocks = new QuoteFreeBlocks(chosen, newline);
    for (; next.done !== true; next = await chunks.next()) {
      const chunk = next.value;
      if (chunk.includes('"')) break;
      const end = carried.lineEndIn(chunk, newline);
      if (end < 0) {
        carried.add(chunk);
        continue;
      }
      const block = carried.take(chunk.slice(0, end));
      carried.add(chunk.slice(end));
      const batch = lines.rows(...blocks.records(block, lines.width));
      if (batch !== undefined) yield batch;
    }
    if (next.done === true) {
      // The last line, without a line break after it.
      const last = carried.take("");
      if (last !== "") {
        const batch = lines.rows(...blocks.records(last + newline, lines.width));
        if (batch !== undefined) yield batch;
      }
      return;
    }
  }
  // A quote: Papa Parse reads from the start of the chunk that holds it (the carried part line
  // is a record's start, since no quote came before), then the rest of the stream.
  const pending = carried.take(next.value);
  // Papa Parse reads a record that spans chunks again from its start with each chunk: while one
  // does (the last chunk gave no record), it is given twice as much text as the last time, so
  // that a record as long as the file is read in linear time.
  let spanning = false;
  const rest = Readable.from(
    (async function* () {
      // Papa Parse takes a quoted field's CR LF split between two chunks for a malformed quote:
      // no chunk it is given ends in a CR, which goes to the next one.
      let text = pending;
      let least = 0;
      for (let more = await chunks.next(); more.done !== true; more = await chunks.next()) {
        if (text.length >= least) {
          const end = text.endsWith("\r") ? text.length - 1 : text.length;
          if (end > 0) {
            yield text.slice(0, end);
            least = spanning ? 2 * end : 0;
          }
          text = text.slice(end);
        }
        text += more.value;
      }
      if (text !== "") yield text;
    })(),
  );
  const onChunk = (records: number) => {
    spanning = records === 0;
  };
  for await (const records of papaRecords(rest, chosen, newline, onChunk)) {
    const batch = lines.rows(records, false);
    if (batch !== undefined) yield batch;
  }
}

/** The text of a line not yet ended, kept in pieces. */
class PartLine {
  #pieces: string[] = [];

  /** Keep a piece of it. */
  add(piece: string): void {
    if (piece !== "") this.#pieces.push(piece);
  }

  /** Its text followed by `rest`, and nothing kept any more. */
  take(rest: string): string {
    const text = this.#pieces.length === 0 ? rest : this.#pieces.join("") + rest;
    this.#pieces = [];
    return text;
  }

  /**
   * One past the last line break in `chunk`, which comes after this part line; -1 when it
   * holds none. A CR LF may be split between the part line's end and the chunk's start.
   */
  lineEndIn(chunk: string, newline: "\n" | "\r\n"): number {
    const at = chunk.lastIndexOf(newline);
    if (at >= 0) return at + newline.length;
    const last = this.#pieces[this.#pieces.length - 1];
    return newline === "\r\n" && chunk.startsWith("\n") && last?.endsWith("\r") === true ? 1 : -1;
  }
}

/**
 * A stream's text in pieces of at most BLOCK characters, split only between characters (a
 * Buffer may end inside one). The file is read a READ_CHUNK at a time, but decoded in smaller
 * pieces: a string over 128 KB is born in the old generation, and so is all that it holds.
 */
async function* textOf(stream: Readable): AsyncGenerator<string> {
  const decoder = new StringDecoder("utf8");
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    if (typeof chunk === "string") {
      yield chunk;
      continue;
    }
    for (let at = 0; at < chunk.length; at += BLOCK) {
      const text = decoder.write(chunk.subarray(at, Math.min(chunk.length, at + BLOCK)));
      if (text !== "") yield text;
    }
  }
  const last = decoder.end();
  if (last !== "") yield last;
}

/**
 * Blocks of whole lines without a double quote, read by uDSV when its records can be trusted:
 * as many records as line feeds (so none merged a short line into the next, none skipped a
 * blank line), and no last field holding a delimiter (a long line). uDSV would never stop on a
 * block whose last line is short of fields (its search for the missing delimiter starts over
 * from the block's start): such blocks, and those it misreads, are read by Papa Parse.
 */
class QuoteFreeBlocks {
  readonly #delimiter: string;
  readonly #newline: "\n" | "\r\n";
  #parser: Parser | undefined;

  constructor(delimiter: string, newline: "\n" | "\r\n") {
    this.#delimiter = delimiter;
    this.#newline = newline;
  }

  /** The block's records (of a header `width` fields wide, 0 before it), and whether each is one line. */
  records(block: string, width: number): [string[][], boolean] {
    const read = this.#read(block, width);
    // Both parsers drop a byte-order mark that starts their text; the file's own is gone by now,
    // so this one is a character of the first field.
    const first = read[0][0];
    if (block.charCodeAt(0) === 0xfeff && first !== undefined) first[0] = `\uFEFF${first[0]}`;
    return read;
  }

  #read(block: string, width: number): [string[][], boolean] {
    if (width > 0 && this.#endsWithWholeRow(block, width)) {
      const parser = this.#parserOf(width);
      const records = parser.stringArrs(block);
      if (this.#trusted(block, records, width)) return [records, true];
    }
    const body = block.slice(0, -this.#newline.length);
    // Papa Parse reads an empty text as no record at all: it is one blank line.
    if (body === "") return [[[""]], false];
    const { data } = Papa.parse<string[]>(body, {
      delimiter: this.#delimiter,
      newline: this.#newline,
    });
    return [data, false];
  }

  /** uDSV's parser of `width` text columns, without quotes, none of them a header. */
  #parserOf(width: number): Parser {
    if (this.#parser?.schema.cols.length !== width) {
      this.#parser = initParser({
        col: this.#delimiter,
        row: this.#newline,
        encl: "",
        esc: "",
        trim: false,
        cols: Array.from({ length: width }, (_, i) => ({
          name: String(i),
          type: "s",
          repl: { empty: "", null: "null", NaN: "NaN" },
        })),
      });
    }
    return this.#parser;
  }

  /** Whether the block's last line has a field for each column (delimiters enough). */
  #endsWithWholeRow(block: string, width: number): boolean {
    const end = block.length - this.#newline.length;
    let delimiters = 0;
    for (
      let i = block.indexOf(this.#delimiter, block.lastIndexOf("\n", end - 1) + 1);
      i !== -1 && i < end && delimiters < width - 1;
      i = block.indexOf(this.#delimiter, i + 1)
    )
      delimiters++;
    return delimiters >= width - 1;
  }

  /** As many records as line feeds, and no last field with a delimiter in it. */
  #trusted(block: string, records: readonly string[][], width: number): boolean {
    let feeds = 0;
    for (let i = block.indexOf("\n"); i !== -1; i = block.indexOf("\n", i + 1)) feeds++;
    if (feeds !== records.length) return false;
    for (const fields of records) {
      if ((fields[width - 1] as string).includes(this.#delimiter)) return false;
    }
    return true;
  }
}

/**
 * Papa Parse's records of a stream, a chunk's at a time: it pushes each chunk's records, this
 * pulls them, pausing the parser (and the file) while QUEUED chunks wait, so memory stays
 * constant.
 */
async function* papaRecords(
  source: Readable,
  delimiter: string,
  newline: string,
  onChunk: (records: number) => void,
): AsyncGenerator<string[][]> {
  const queue: string[][][] = [];
  let finished = false;
  let failure: Error | undefined;
  let paused = false;
  let parser: Papa.Parser | undefined;
  let wake: (() => void) | undefined;
  Papa.parse<string[]>(source as unknown as NodeJS.ReadableStream, {
    delimiter,
    newline: newline as "\n" | "\r\n" | "\r",
    chunk: (results, handle) => {
      parser = handle;
      const quotes = results.errors.find((e) => e.type === "Quotes");
      if (quotes !== undefined) {
        failure ??= new InputError(`the CSV cannot be read: ${quotes.message.toLowerCase()}`);
        handle.abort();
      } else {
        onChunk(results.data.length);
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
    // A stray quote after all the data is found at the end: no row is read before the error.
    if (failure !== undefined) throw failure;
    yield data;
  }
}

/** Lines of JSON per batch. */
const JSON_BATCH = 1024;

/** The rows of a JSON Lines stream, in batches: one JSON object per non-blank line. */
export async function* jsonLinesRows(stream: Readable): AsyncGenerator<RowBatch> {
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  let batch = new JsonBatch();
  for await (const text of lines) {
    line++;
    const trimmed = (line === 1 ? text.replace(/^\uFEFF/, "") : text).trim();
    if (trimmed === "") continue;
    batch.push(...jsonRecord(trimmed), line);
    if (batch.size === JSON_BATCH) {
      yield batch;
      batch = new JsonBatch();
    }
  }
  if (batch.size > 0) yield batch;
}

/** One line of JSON Lines as an object, or why it is not one. */
function jsonRecord(text: string): [Readonly<Record<string, unknown>>, string | undefined] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [{}, "is not valid JSON"];
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return [{}, "is not a JSON object"];
  }
  return [value as Record<string, unknown>, undefined];
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
