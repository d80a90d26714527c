import { readOptions } from "../common/options.js";
import { guarded, MetricError } from "../errors/metric-error.js";
import { Counts } from "./counts.js";
import type { Distribution } from "./distribution.js";
import {
  checkWeightsLength,
  forEachRow,
  type RowPolicy,
  readRowPolicy,
  type ScoreInput,
  scoreReader,
  weightReader,
} from "./input.js";
import { checkScale, type Scale } from "./scale.js";
import { TALLY_OPTION_KEYS, type TallyOptions } from "./tally.js";

/**
 * Options of {@link tallyBy}.
 *
 * @typeParam T - the record type
 * @category Distribution
 */
export interface TallyByOptions<T> extends TallyOptions<T> {
  /** Reads the score of a record; required, as records are not scores. */
  readonly score: (record: T, index: number) => unknown;
}

/**
 * Reduce records to one {@link Distribution} per group (segment, region, period) in a single
 * pass. Groups appear in the order first seen; a skipped or missing row counts in its group's
 * `skipped` or `missing`. Groups are told apart as a `Map` tells keys apart (`SameValueZero`):
 * `"1"` and `1` are two groups.
 *
 * @param records - the responses (array, array-like or iterable)
 * @param key - the group of a record
 * @param scale - the rating scale
 * @param options - `score` accessor (required), `weights`, `invalid`, `missing`
 * @returns a `Map` from group to its distribution
 * @throws {@link MetricError} as {@link tally} does.
 *
 * @example
 * ```ts
 * import { tallyBy, NPS_SCALE } from "customer-metrics";
 * const rows = [{ region: "north", nps: 10 }, { region: "south", nps: 3 }, { region: "north", nps: 8 }];
 * const byRegion = tallyBy(rows, (r) => r.region, NPS_SCALE, { score: (r) => r.nps });
 * byRegion.get("north")?.n; // => 2
 * ```
 *
 * @category Distribution
 */
export function tallyBy<T, K>(
  records: ScoreInput<T>,
  key: (record: T, index: number) => K,
  scale: Scale,
  options: TallyByOptions<T>,
): Map<K, Distribution> {
  return guarded("tallyBy", () => {
    const fn = "tallyBy";
    const read = readOptions(options, TALLY_OPTION_KEYS, fn);
    const policy = readRowPolicy(read, fn);
    const checked = checkScale(scale, fn);
    const scoreOf = scoreReader<T>(read.score, fn);
    if (typeof key !== "function" || scoreOf === undefined) {
      throw new MetricError("INVALID_OPTION", "tallyBy needs a key function and a score accessor", {
        fn,
        field: typeof key !== "function" ? "key" : "score",
      });
    }
    const weightOf = weightReader<T>(read.weights, fn);
    const groups = new Map<K, Counts>();
    const countsOf = (group: K): Counts => {
      let counts = groups.get(group);
      if (counts === undefined) {
        counts = new Counts(checked);
        groups.set(group, counts);
      }
      return counts;
    };
    let rows: number;
    if (weightOf === undefined && Array.isArray(records)) {
      // The common case in a loop of its own: a callback through the shared row loop would be
      // one more call site that every kind of input makes polymorphic.
      rows = records.length;
      countArray(records, key, scoreOf, countsOf, fn, policy);
    } else {
      rows = forEachRow(
        records,
        (record, i) =>
          countsOf(key(record, i)).addRow(
            scoreOf(record, i),
            weightOf === undefined ? 1 : weightOf(record, i),
            i,
            fn,
            policy,
          ),
        fn,
        "records",
      );
    }
    checkWeightsLength(read.weights, rows, fn);
    const result = new Map<K, Distribution>();
    for (const [group, counts] of groups) result.set(group, counts.snapshot(fn));
    return result;
  });
}

/**
 * The unweighted loop over an array of records, alone in its function: nothing follows it, so
 * the code compiled in the middle of a first long call (on-stack replacement) is never left
 * without type feedback at its exit.
 */
function countArray<T, K>(
  records: readonly T[],
  key: (record: T, index: number) => K,
  scoreOf: (record: T, index: number) => unknown,
  countsOf: (group: K) => Counts,
  fn: string,
  policy: RowPolicy,
): void {
  for (let i = 0; i < records.length; i++) {
    const record = records[i] as T;
    countsOf(key(record, i)).addScore(scoreOf(record, i), i, fn, policy);
  }
}
