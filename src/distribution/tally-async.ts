/**
 * Tallying an asynchronous source — a CSV or JSON Lines stream, a database cursor — in constant
 * memory.
 *
 * @module
 */

import { readOptions } from "../common/options.js";
import { describeValue, MetricError } from "../errors/metric-error.js";
import { Counts } from "./counts.js";
import type { Distribution } from "./distribution.js";
import {
  checkScoreCollection,
  checkWeightsLength,
  readRowPolicy,
  scoreReader,
  weightReader,
} from "./input.js";
import { checkScale, type Scale } from "./scale.js";
import { TALLY_OPTION_KEYS, type TallyOptions } from "./tally.js";

/**
 * Reduce an asynchronous source of responses to a {@link Distribution}, with exactly the
 * validation, weights, missing-answer and skip counting of {@link tally}: a Node stream in object
 * mode (a CSV parser, a JSON Lines reader), an async generator over a database cursor, or any
 * iterable. Memory is O(scale points), whatever the number of rows; rows are read one at a time,
 * in order, and an error names the row's index.
 *
 * @param source - an `AsyncIterable` (or `Iterable`) of scores, or of records with `score`
 * @param scale - the rating scale
 * @param options - as {@link tally}: `score`, `weights` (a function, or an array by index),
 *   `invalid`, `missing`
 * @returns a promise of the distribution
 * @throws {@link MetricError} (the promise rejects) with the codes of {@link tally};
 *   `INVALID_INPUT` when the source is not iterable, when it or a callback throws (the
 *   original error is its `cause`), or when a row is an array or a `Buffer` — a chunk of many
 *   values, which `Tally.addAll` counts — rather than a score (under `invalid: "skip"` it is
 *   skipped and counted, as any invalid row).
 *
 * @example
 * ```ts
 * import { tallyAsync, NPS_SCALE } from "customer-metrics";
 * async function* rows() {
 *   yield { nps: 10 }; yield { nps: null }; yield { nps: 6 };
 * }
 * const d = await tallyAsync(rows(), NPS_SCALE, { score: (r) => r.nps });
 * d.n; // => 2
 * d.missing; // => 1
 * ```
 *
 * @category Distribution
 */
export async function tallyAsync<T = number>(
  source: AsyncIterable<T> | Iterable<T>,
  scale: Scale,
  options: TallyOptions<T> = {},
): Promise<Distribution> {
  const fn = "tallyAsync";
  try {
    const read = readOptions(options, TALLY_OPTION_KEYS, fn);
    const policy = readRowPolicy(read, fn);
    const counts = new Counts(checkScale(scale, fn));
    const scoreOf = scoreReader<T>(read.score, fn);
    const weightOf = weightReader<T>(read.weights, fn);
    const iterable = source as { [Symbol.asyncIterator]?: unknown; [Symbol.iterator]?: unknown };
    if (
      typeof source !== "object" ||
      source === null ||
      (typeof iterable[Symbol.asyncIterator] !== "function" &&
        typeof iterable[Symbol.iterator] !== "function")
    ) {
      throw new MetricError(
        "INVALID_INPUT",
        `expected an async iterable (a stream, an async generator) or an iterable of scores; got ${describeValue(source)}`,
        { fn, value: source, field: "source" },
      );
    }
    if (scoreOf === undefined) checkScoreCollection(source, fn);
    let index = 0;
    for await (const row of source) {
      const score = scoreOf === undefined ? row : scoreOf(row, index);
      const weight = weightOf === undefined ? 1 : weightOf(row, index);
      counts.addRow(score, weight, index, fn, policy);
      index++;
    }
    checkWeightsLength(read.weights, index, fn);
    return counts.snapshot(fn);
  } catch (error) {
    if (error instanceof MetricError) throw error;
    const why = error instanceof Error ? error.message : describeValue(error);
    throw new MetricError(
      "INVALID_INPUT",
      `the source could not be read, or a callback threw: ${why}`,
      { fn },
      { cause: error },
    );
  }
}
