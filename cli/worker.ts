/**
 * A worker thread of the report: one byte range of a CSV file, counted by the same pass as one
 * thread's (see range.ts and parallel.ts), its results sent back as plain data.
 *
 * @module
 */
import { parentPort, workerData } from "node:worker_threads";
import { countRange, type RangeTask } from "./range.js";

parentPort?.postMessage(await countRange(workerData as RangeTask));
