import { readOptions } from "../common/options.js";
import { guarded } from "../errors/metric-error.js";
import { Counts } from "./counts.js";
import { type Distribution, readDistribution } from "./distribution.js";
import {
  checkScoreCollection,
  checkWeightsLength,
  DEFAULT_ROW_POLICY,
  forEachRow,
  type InvalidPolicy,
  type MissingPolicy,
  type RowPolicy,
  readByIndex,
  readRowPolicy,
  type ScoreInput,
  scoreReader,
  weightReader,
} from "./input.js";
import { checkScale, requireSameScale, type Scale } from "./scale.js";

/**
 * Options of {@link tally}, {@link tallyBy} and {@link Tally.addAll}.
 *
 * @typeParam T - the type of one input element (a number, or a record with `score`)
 * @category Distribution
 */
export interface TallyOptions<T> {
  /** Reads the score of a record. Without it, every element must itself be the score. */
  readonly score?: (record: T, index: number) => unknown;
  /**
   * Weights, one per element, finite and ≥ 0: an array (or typed array) as long as the input,
   * or a function of the element and its index. Without it every response weighs 1.
   */
  readonly weights?: ArrayLike<number | bigint> | ((record: T, index: number) => unknown);
  /** Bad rows: `"throw"` (default) or `"skip"` and count them. */
  readonly invalid?: InvalidPolicy;
  /** Missing answers (`null`, `undefined`, holes): `"skip"` and count them (default) or `"throw"`. */
  readonly missing?: MissingPolicy;
}

/** The option keys of {@link TallyOptions}. @internal */
export const TALLY_OPTION_KEYS = ["score", "weights", "invalid", "missing"] as const;

/**
 * Options of {@link createTally} and the {@link Tally} constructor.
 *
 * @category Distribution
 */
export interface TallyAccumulatorOptions {
  /** Bad rows: `"throw"` (default) or `"skip"` and count them. */
  readonly invalid?: InvalidPolicy;
  /** Missing answers: `"skip"` and count them (default) or `"throw"`. */
  readonly missing?: MissingPolicy;
}

/**
 * A streaming accumulator of a {@link Distribution}: feed it responses one at a time or in
 * chunks, merge accumulators from workers or shards, take snapshots, and carry its state across
 * processes with `toJSON` / {@link Tally.fromJSON}. Memory is O(scale points), whatever the
 * number of responses.
 *
 * @example
 * ```ts
 * import { Tally, NPS_SCALE } from "customer-metrics";
 * const acc = new Tally(NPS_SCALE);
 * acc.add(10).add(9).addAll([3, 8]);
 * acc.snapshot().n; // => 4
 * const copy = Tally.fromJSON(JSON.parse(JSON.stringify(acc)));
 * copy.snapshot().counts[10]; // => 1
 * ```
 *
 * @category Distribution
 */
export class Tally {
  /** The scale the scores lie on. */
  readonly scale: Scale;
  readonly #counts: Counts;
  readonly #policy: RowPolicy;

  /**
   * @param scale - the rating scale
   * @param options - `invalid: "throw" | "skip"`, `missing: "skip" | "throw"`
   * @throws {@link MetricError} `INVALID_SCALE` for a bad scale; `INVALID_OPTION` for an unknown
   *   policy or option.
   */
  constructor(scale: Scale, options: TallyAccumulatorOptions = {}) {
    const fn = "Tally";
    const read = readOptions(options, ["invalid", "missing"], fn);
    this.scale = guarded(fn, () => checkScale(scale, fn));
    this.#policy = readRowPolicy(read, fn);
    this.#counts = new Counts(this.scale);
  }

  /**
   * Add one response. Its index in error messages is its position among all rows seen so far.
   *
   * @param score - an integer on the scale
   * @param weight - finite and ≥ 0; default 1
   * @returns this accumulator, for chaining
   * @throws {@link MetricError} `SCORE_OUT_OF_SCALE`, `SCORE_NOT_INTEGER`, `NON_FINITE`,
   *   `INVALID_INPUT` (not a number) or `INVALID_WEIGHT`, unless the policy is `"skip"`;
   *   `MISSING_VALUE` for `null` / `undefined` under `missing: "throw"`.
   */
  add(score: number | bigint | null | undefined, weight: number | bigint = 1): this {
    // No guard here (one call per response): addRow reads only the two values it is given, with
    // typeof checks, and describeValue never throws.
    this.#counts.addRow(score, weight, this.#counts.rowsSeen, "Tally.add", this.#policy);
    return this;
  }

  /**
   * Add many responses in one pass: numbers, typed arrays, iterables, or records read with a
   * `score` accessor, optionally weighted. Error indices count from 0 within this call. The call
   * is atomic: if it throws, the accumulator is left as it was before the call.
   *
   * @param input - the responses
   * @param options - `score` accessor, `weights`, and per-call `invalid` and `missing` policies
   * @returns this accumulator, for chaining
   * @throws {@link MetricError} as {@link tally} does.
   */
  addAll<T = number>(input: ScoreInput<T>, options: TallyOptions<T> = {}): this {
    const fn = "Tally.addAll";
    const read = readOptions(options, TALLY_OPTION_KEYS, fn);
    addInput(this.#counts, input, read, readRowPolicy(read, fn, this.#policy), fn);
    return this;
  }

  /**
   * Add another accumulator's or distribution's responses to this one.
   *
   * @param other - a `Tally` or `Distribution` on the same scale
   * @returns this accumulator, for chaining
   * @throws {@link MetricError} `SCALE_MISMATCH` when the scales differ; the codes of
   *   {@link distributionFromJSON} for a malformed distribution; `INVALID_COUNT` when the
   *   merged number of rows would pass 2^53 − 1 (the accumulator is then left as it was).
   */
  merge(other: Tally | Distribution): this {
    const fn = "Tally.merge";
    guarded(fn, () => {
      const d = other instanceof Tally ? other.snapshot() : readDistribution(other, fn);
      requireSameScale(this.scale, d.scale, fn, "the merged distribution");
      this.#counts.addDistribution(d, fn);
    });
    return this;
  }

  /**
   * The distribution of everything added so far (a fresh plain object; the accumulator goes on).
   *
   * @returns the current distribution
   */
  snapshot(): Distribution {
    return this.#counts.snapshot("Tally.snapshot");
  }

  /**
   * The state as plain JSON data (the current {@link Distribution}); `JSON.stringify` calls it.
   *
   * @returns the current distribution
   */
  toJSON(): Distribution {
    return this.snapshot();
  }

  /**
   * Rebuild an accumulator from `toJSON()` output, validating it as {@link distributionFromJSON}
   * does.
   *
   * @param json - the parsed JSON value
   * @param options - the `invalid` and `missing` policies of the new accumulator
   * @returns a new accumulator holding that state
   * @throws {@link MetricError} as {@link distributionFromJSON} does.
   */
  static fromJSON(json: unknown, options: TallyAccumulatorOptions = {}): Tally {
    const d = guarded("Tally.fromJSON", () => readDistribution(json, "Tally.fromJSON"));
    return new Tally(d.scale, options).merge(d);
  }
}

/**
 * Add a collection of responses to `counts` under the caller's name, atomically: the shared
 * body of {@link tally}, {@link Tally.addAll} and every metric that takes raw scores.
 *
 * @internal
 */
export function addInput<T>(
  counts: Counts,
  input: ScoreInput<T>,
  read: { readonly score?: unknown; readonly weights?: unknown },
  policy: RowPolicy,
  fn: string,
): void {
  // Reading the input runs the caller's code (getters, iterators, accessors): guarded turns
  // an exception there into INVALID_INPUT.
  guarded(fn, () => {
    const scoreOf = scoreReader<T>(read.score, fn);
    const weightOf = weightReader<T>(read.weights, fn);
    const restore = counts.save();
    try {
      if (scoreOf === undefined && weightOf === undefined && readByIndex(input)) {
        counts.addScores(input, fn, policy);
        return;
      }
      // Scores and weights as two columns of one length: the one-pass weighted loop. (Of other
      // lengths, the general path below reports the mismatch.)
      const weights = read.weights;
      if (
        scoreOf === undefined &&
        readByIndex(input) &&
        readByIndex(weights) &&
        weights.length === input.length
      ) {
        counts.addWeightedScores(input, weights, fn, policy);
        return;
      }
      // Records in an array, read with an accessor: a loop of their own (a callback through the
      // shared row loop would be a call site every kind of input makes polymorphic).
      if (scoreOf !== undefined && weightOf === undefined && Array.isArray(input)) {
        for (let i = 0; i < input.length; i++) {
          counts.addScore(scoreOf(input[i] as T, i), i, fn, policy);
        }
        return;
      }
      if (scoreOf === undefined) checkScoreCollection(input, fn);
      const rows = forEachRow(
        input,
        (record, i) => {
          const score = scoreOf === undefined ? record : scoreOf(record, i);
          const weight = weightOf === undefined ? 1 : weightOf(record, i);
          counts.addRow(score, weight, i, fn, policy);
        },
        fn,
        "scores",
      );
      checkWeightsLength(read.weights, rows, fn);
    } catch (error) {
      restore();
      throw error;
    }
  });
}

/**
 * Tally raw scores on `scale` under the caller's name, with the default policies (missing
 * answers counted apart, invalid ones an error).
 *
 * @internal
 */
export function tallyScores(input: ScoreInput<unknown>, scale: Scale, fn: string): Distribution {
  const counts = new Counts(scale);
  addInput(counts, input, {}, DEFAULT_ROW_POLICY, fn);
  return counts.snapshot(fn);
}

/**
 * Start a streaming accumulator; the same as `new Tally(scale, options)`.
 *
 * @param scale - the rating scale
 * @param options - `invalid: "throw" | "skip"`, `missing: "skip" | "throw"`
 * @returns a new, empty accumulator
 * @throws {@link MetricError} `INVALID_SCALE`, `INVALID_OPTION`.
 *
 * @example
 * ```ts
 * import { createTally, CES_SCALE } from "customer-metrics";
 * const acc = createTally(CES_SCALE, { invalid: "skip" });
 * acc.addAll([7, 6, 0, 5, null]).snapshot().skipped; // => 1
 * acc.snapshot().missing; // => 1
 * ```
 *
 * @category Distribution
 */
export function createTally(scale: Scale, options: TallyAccumulatorOptions = {}): Tally {
  return guarded("createTally", () => new Tally(scale, options));
}

/**
 * Reduce responses to a {@link Distribution} in one pass: a `number[]`, any typed array, any
 * iterable (an Arrow `Vector` included), or records read with a `score` accessor, optionally
 * weighted. The result is exact for unweighted data and O(scale) in size.
 *
 * Rows are read by index for arrays, typed arrays and array-likes that are not iterable; any
 * other iterable is iterated (an Arrow `Vector` has a `length`, but its elements are not
 * properties). `null`, `undefined` and holes are missing answers, counted in `missing` (or
 * `MISSING_VALUE` under `missing: "throw"`) — never read as 0. Bigint scores and weights (SQL
 * integers) are read exactly up to 2^53 − 1.
 *
 * @param input - the responses
 * @param scale - the rating scale (e.g. {@link NPS_SCALE})
 * @param options - `score` accessor, `weights` (array or function; finite, ≥ 0),
 *   `invalid: "throw" | "skip"` and `missing: "skip" | "throw"`
 * @returns the distribution; `skipped` counts rows left out under `invalid: "skip"`, `missing`
 *   the missing answers
 * @throws {@link MetricError} (under the default `invalid: "throw"`) `SCORE_OUT_OF_SCALE`,
 *   `SCORE_NOT_INTEGER`, `NON_FINITE`, `INVALID_INPUT` (a non-number score, or input that is not
 *   a collection, or weights of the wrong length) or `INVALID_WEIGHT` (negative, non-finite, or
 *   so small or large that its square is not a normal double), naming the index and value;
 *   `MISSING_VALUE` under `missing: "throw"`; `INVALID_SCALE` and `INVALID_OPTION` for bad
 *   arguments.
 *
 * @example
 * ```ts
 * import { tally, NPS_SCALE } from "customer-metrics";
 * tally([10, 9, 7, 3], NPS_SCALE).counts; // => [0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1]
 * const rows = [{ nps: 10, w: 2 }, { nps: 4, w: 0.5 }];
 * tally(rows, NPS_SCALE, { score: (r) => r.nps, weights: (r) => r.w }).total; // => 2.5
 * tally([10, 11, "n/a"], NPS_SCALE, { invalid: "skip" }).skipped; // => 2
 * tally([10, null, 9, undefined], NPS_SCALE).missing; // => 2
 * ```
 *
 * @category Distribution
 */
export function tally<T = number>(
  input: ScoreInput<T>,
  scale: Scale,
  options: TallyOptions<T> = {},
): Distribution {
  return guarded("tally", () => {
    const fn = "tally";
    const read = readOptions(options, TALLY_OPTION_KEYS, fn);
    const policy = readRowPolicy(read, fn);
    const counts = new Counts(checkScale(scale, fn));
    addInput(counts, input, read, policy, fn);
    return counts.snapshot(fn);
  });
}
