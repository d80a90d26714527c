/**
 * One byte range of a CSV file counted by the report's one pass: the header line first when the
 * range is not the file's start, the range's double quotes counted on the way (parallel.ts
 * checks the cuts with them), the first bad rows kept with their lines in the range's text. The
 * report on several threads counts the first range on the main thread and each other one in a
 * worker (worker.ts).
 *
 * @module
 */
import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { type ReportArgs, UsageError } from "./args.js";
import { type AnswerLabels, BadRowError, type Counted, countRows } from "./report.js";
import { csvRows, InputError, type LineBreak, READ_CHUNK } from "./rows.js";

/** A range to count: bytes of the file, the header before them if needed. */
export interface RangeTask {
  readonly path: string;
  readonly start: number;
  /** One past the last byte. */
  readonly end: number;
  /** The header line (with its line end) to read before the range; absent for the first. */
  readonly header?: string;
  /** The file's line break, found once from its opening text. */
  readonly lineBreak: LineBreak;
  readonly args: ReportArgs;
  readonly labels: AnswerLabels | undefined;
}

/** A bad row as the range's count saw it: its line within the range's text (header included). */
export interface RangeBadRow {
  readonly line: number;
  readonly reason: string;
}

/** A range's counts, or that it failed (the file is then read on one thread). */
export type RangeResult =
  | {
      readonly ok: true;
      readonly counted: Counted[];
      /** The first bad rows of the range (enough for the ten shown). */
      readonly bad: RangeBadRow[];
      /** Double quotes in the range's own bytes. */
      readonly quotes: number;
    }
  | { readonly ok: false; readonly message: string };

/** The bad rows a range reports: the ten shown, and one to say there are more. */
const KEPT = 11;

const QUOTE = 0x22;

/**
 * Count one range. The errors a one-thread pass reports itself — a usage error, a file that
 * cannot be read, a bad row under --strict — are a failed range: the file is then counted again
 * on one thread, which reports them with their lines in the whole file.
 */
export async function countRange(task: RangeTask): Promise<RangeResult> {
  let quotes = 0;
  async function* bytes(): AsyncGenerator<string | Buffer> {
    if (task.header !== undefined) yield task.header;
    const range = createReadStream(task.path, {
      start: task.start,
      end: task.end - 1,
      highWaterMark: READ_CHUNK,
    });
    for await (const chunk of range as AsyncIterable<Buffer>) {
      for (let i = chunk.indexOf(QUOTE); i !== -1; i = chunk.indexOf(QUOTE, i + 1)) quotes++;
      yield chunk;
    }
  }
  const bad: RangeBadRow[] = [];
  try {
    const counted = await countRows(
      csvRows(Readable.from(bytes()), task.args.delimiter, task.lineBreak),
      task.args,
      task.labels,
      (line, reason) => {
        if (bad.length < KEPT) bad.push({ line, reason });
      },
      () => {},
    );
    return { ok: true, counted, bad, quotes };
  } catch (error) {
    if (error instanceof UsageError || error instanceof InputError || error instanceof BadRowError)
      return { ok: false, message: (error as Error).message };
    throw error;
  }
}
