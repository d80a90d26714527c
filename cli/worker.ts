/**
 * A worker thread of the report: one byte range of a CSV file, counted by the same pass as one
 * thread's (see parallel.ts), its results sent back as plain data.
 *
 * @module
 */
import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { parentPort, workerData } from "node:worker_threads";
import { UsageError } from "./args.js";
import type { RangeBadRow, RangeResult, RangeTask } from "./parallel.js";
import { BadRowError, countRows } from "./report.js";
import { csvRows, InputError, READ_CHUNK } from "./rows.js";

/** The bad rows a range reports: the ten shown, and one to say there are more. */
const KEPT = 11;

const task = workerData as RangeTask;
let quotes = 0;
const QUOTE = 0x22;

/** The range's bytes, after the header it needs, with their double quotes counted. */
async function* text(): AsyncGenerator<string | Buffer> {
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

async function main(): Promise<RangeResult> {
  const bad: RangeBadRow[] = [];
  try {
    const counted = await countRows(
      csvRows(Readable.from(text()), task.args.delimiter),
      task.args,
      task.labels,
      (line, reason) => {
        if (bad.length < KEPT) bad.push({ line, reason });
      },
      () => {},
    );
    return { ok: true, counted, bad, quotes };
  } catch (error) {
    // The main thread reads the file again on one thread, which reports the error itself.
    if (error instanceof UsageError || error instanceof InputError || error instanceof BadRowError)
      return { ok: false, message: (error as Error).message };
    throw error;
  }
}

parentPort?.postMessage(await main());
