/**
 * The report on both cores: a CSV file cut into byte ranges at line ends, each range counted
 * by the same pass as one thread's — the first on the main thread, each other one in a worker
 * thread — and the counts merged (distributions merge exactly). A cut inside a quoted field
 * would split a record: each range's quotes are counted, and if the quotes before a cut are odd
 * in number the cut was inside quotes, and the file is counted again on one thread. Bad rows
 * are named by the lines they start on in the whole file, the first ten in file order.
 *
 * @module
 */
import { closeSync, existsSync, openSync, readSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { type Distribution, mergeDistributions } from "../src/core.js";
import type { ReportArgs } from "./args.js";
import { countRange, type RangeResult, type RangeTask } from "./range.js";
import type { AnswerLabels, Counted } from "./report.js";
import { lineBreakOf, OPENING } from "./rows.js";

/**
 * Below this size a file is counted on one thread: starting a worker, and two threads sharing
 * the machine, cost more than half the file saves (2 cores, `--by region`: 0.82 s on one thread
 * and 0.84 s on two at 77 MB; 1.11 s and 1.02 s at 129 MB; 1.84 s and 1.46 s at 260 MB). The
 * environment variable CUSTOMER_METRICS_PARALLEL_FROM (bytes) lowers it, for tests.
 */
export const PARALLEL_FROM: number = 96 << 20;

function parallelFrom(): number {
  const set = Number(process.env.CUSTOMER_METRICS_PARALLEL_FROM);
  return Number.isSafeInteger(set) && set >= 0 ? set : PARALLEL_FROM;
}

/**
 * The default number of threads at most: each worker adds about 30 MB to the peak memory (its
 * own heap, its young generation, its copy of the code), so that beyond two threads the report
 * comes near 150 MB or passes it (`BENCH_ROWS=10000000`: 116 MB with two threads, 146 MB with
 * three, 176 MB with four). `--threads N` asks for more.
 */
export const DEFAULT_THREADS_AT_MOST = 2;

/**
 * The young generation of a worker's heap, in MB: with less, a block's rows outlive two
 * collections, are moved to the old generation, and the worker is slower and larger (measured
 * with both ranges in workers: 184 MB peak at 8 MB, 126 MB at 16).
 */
const YOUNG_GENERATION_MB = 16;

/** The worker script beside this file (dist/worker.js), if it was built. */
export function workerScript(): string | undefined {
  const path = fileURLToPath(new URL("./worker.js", import.meta.url));
  return existsSync(path) ? path : undefined;
}

/**
 * A file's opening text (OPENING characters, or all of it; a byte-order mark kept), read as
 * csvRows reads it: enough bytes for OPENING characters of any size.
 */
function openingOf(path: string): string {
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.alloc(4 * OPENING);
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.toString("utf8", 0, read);
  } finally {
    closeSync(fd);
  }
}

/** The header line of an opening text, with its line end, or undefined if it is not a plain line. */
function headerOf(opening: string): string | undefined {
  const end = opening.indexOf("\n");
  if (end < 0) return undefined;
  const text = opening.slice(0, end + 1);
  // A header with a quoted line break is not cut after its first line.
  return (text.split('"').length - 1) % 2 === 0 ? text : undefined;
}

/**
 * The offset just past the first line break at or after `from` (a CR LF when `crlf`, a line
 * feed else), or the file's end.
 */
function lineStartAfter(fd: number, from: number, size: number, crlf: boolean): number {
  const buffer = Buffer.alloc(1 << 16);
  // One byte before each read, so that a CR LF split between two reads is seen whole.
  const back = from > 0 ? 1 : 0;
  for (let at = from - back; at < size; at += buffer.length - 1) {
    const read = readSync(fd, buffer, 0, buffer.length, at);
    const bytes = buffer.subarray(0, read);
    for (let i = bytes.indexOf(10, at < from ? 1 : 0); i !== -1; i = bytes.indexOf(10, i + 1)) {
      if (!crlf || (i > 0 && bytes[i - 1] === 13)) return at + i + 1;
    }
    if (read < buffer.length) break;
  }
  return size;
}

/**
 * The byte ranges of `threads` threads, each starting at a line start; fewer if lines are long.
 * A file read with CR LF (see lineBreakOf) is cut only after a CR LF: a line feed alone is then
 * text within a record.
 */
function rangesOf(path: string, size: number, threads: number, crlf: boolean): [number, number][] {
  const fd = openSync(path, "r");
  try {
    const starts = [0];
    for (let k = 1; k < threads; k++) {
      const start = lineStartAfter(fd, Math.floor((k * size) / threads), size, crlf);
      if (start > (starts[starts.length - 1] as number) && start < size) starts.push(start);
    }
    return starts.map((s, k) => [s, starts[k + 1] ?? size]);
  } finally {
    closeSync(fd);
  }
}

/** The line feeds in a file before each of the offsets (ascending), in one read up to the last. */
function lineFeedsBefore(path: string, offsets: readonly number[]): number[] {
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.alloc(1 << 20);
    const counts: number[] = [];
    let feeds = 0;
    let at = 0;
    for (const offset of offsets) {
      while (at < offset) {
        const read = readSync(fd, buffer, 0, Math.min(buffer.length, offset - at), at);
        if (read === 0) break;
        for (let i = buffer.indexOf(10); i !== -1 && i < read; i = buffer.indexOf(10, i + 1))
          feeds++;
        at += read;
      }
      counts.push(feeds);
    }
    return counts;
  } finally {
    closeSync(fd);
  }
}

/** Run one range in a worker. */
async function runRange(script: string, task: RangeTask): Promise<RangeResult> {
  const worker = new Worker(script, {
    workerData: task,
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
  });
  // A worker that dies without an answer (out of memory, a bug) is a failed range: the file is
  // then counted on one thread, which meets the same trouble in the open.
  const result = await new Promise<RangeResult>((resolve) => {
    worker.once("message", resolve);
    worker.once("error", (error) => resolve({ ok: false, message: error.message }));
    worker.once("exit", (code) => resolve({ ok: false, message: `the worker exited (${code})` }));
  });
  await worker.terminate();
  return result;
}

/** Merge Maps of distributions in the order their keys are first seen, worker by worker. */
function mergeGroups(
  parts: readonly (ReadonlyMap<string | null, Distribution> | undefined)[],
): Map<string | null, Distribution> | undefined {
  if (parts[0] === undefined) return undefined;
  const lists = new Map<string | null, Distribution[]>();
  for (const groups of parts) {
    for (const [key, d] of groups ?? []) {
      const list = lists.get(key);
      if (list === undefined) lists.set(key, [d]);
      else list.push(d);
    }
  }
  return new Map([...lists].map(([key, list]) => [key, mergeDistributions(list)] as const));
}

/**
 * Count a CSV file on `threads` threads (this one and threads − 1 workers); undefined when it
 * must be counted on one (the file is small, has no plain header line, a cut fell inside
 * quotes, a range failed — a column not in the file, a quote never closed, a worker that died —
 * or no worker script was built).
 * `onBad` hears the first bad rows in file order, with their lines in the whole file.
 */
export async function countRowsInParallel(
  path: string,
  args: ReportArgs,
  labels: AnswerLabels | undefined,
  threads: number,
  onBad: (line: number, reason: string) => void,
): Promise<Counted[] | undefined> {
  const script = workerScript();
  const size = statSync(path).size;
  if (script === undefined || threads < 2 || size < parallelFrom()) return undefined;
  // The line break one thread would read the file with, found from the same opening text,
  // is the one the file is cut at and every range is read with.
  const opening = openingOf(path);
  const header = headerOf(opening);
  const lineBreak = lineBreakOf(opening.replace(/^\uFEFF/, ""));
  if (header === undefined || lineBreak === "\r") return undefined;
  const ranges = rangesOf(path, size, threads, lineBreak === "\r\n");
  if (ranges.length < 2) return undefined;
  // The first range is counted here, on the main thread (which would only wait), the others in
  // workers: one worker fewer to start, and 30 MB less.
  const results = await Promise.all(
    ranges.map(([start, end], k) =>
      k === 0
        ? countRange({ path, start, end, lineBreak, args, labels })
        : runRange(script, { path, start, end, header, lineBreak, args, labels }),
    ),
  );
  // A worker that failed may have failed for the cut (a range that starts inside quotes reads
  // an unclosed quote): one pass on one thread meets the file's own error, with its line.
  if (results.some((r) => !r.ok)) return undefined;
  const done = results as Extract<RangeResult, { ok: true }>[];
  // A cut after an odd number of quotes fell inside a quoted field: count on one thread.
  let quotes = 0;
  for (const r of done.slice(0, -1)) {
    quotes += r.quotes;
    if (quotes % 2 === 1) return undefined;
  }
  // Lines: a range after the first reads its header as line 1, its first record as line 2,
  // which is the line after the line feeds before the range (counted only when needed).
  const later = done.findIndex((r, k) => k > 0 && r.bad.length > 0);
  const before =
    later < 0
      ? []
      : lineFeedsBefore(
          path,
          ranges.map(([start]) => start),
        );
  done.forEach((r, k) => {
    for (const b of r.bad) onBad(k === 0 ? b.line : b.line - 1 + (before[k] as number), b.reason);
  });
  const first = done[0] as (typeof done)[number];
  return first.counted.map((c, q) => ({
    question: c.question,
    overall: mergeDistributions(done.map((r) => (r.counted[q] as Counted).overall)),
    groups: mergeGroups(done.map((r) => (r.counted[q] as Counted).groups)),
    rows: done.reduce((sum, r) => sum + (r.counted[q] as Counted).rows, 0),
    badRows: done.reduce((sum, r) => sum + (r.counted[q] as Counted).badRows, 0),
  }));
}
