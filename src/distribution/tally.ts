import { describeValue, MetricError, type MetricErrorCode } from "../errors/metric-error.js";
import {
  type Distribution,
  distributionFromJSON,
  makeDistribution,
  readDistribution,
} from "./distribution.js";
import { checkScale, requireSameScale, type Scale } from "./scale.js";

/**
 * What to do with a bad row: `"throw"` (the default) raises a {@link MetricError} naming its
 * index and value; `"skip"` leaves it out and counts it in `skipped`.
 *
 * @category Distribution
 */
export type InvalidPolicy = "throw" | "skip";

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
  readonly weights?: ArrayLike<number> | ((record: T, index: number) => unknown);
  /** Bad rows: `"throw"` (default) or `"skip"` and count them. */
  readonly invalid?: InvalidPolicy;
}

/**
 * Options of {@link createTally} and the {@link Tally} constructor.
 *
 * @category Distribution
 */
export interface TallyAccumulatorOptions {
  /** Bad rows: `"throw"` (default) or `"skip"` and count them. */
  readonly invalid?: InvalidPolicy;
}

/**
 * Input accepted where scores are expected: an array, any typed array, an array-like, or any
 * iterable (a generator, a Set, a stream chunk).
 *
 * @category Distribution
 */
export type ScoreInput<T = number> = ArrayLike<T> | Iterable<T>;

/** An object with a length that a real array or typed array could have. */
function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  if (typeof value !== "object" || value === null) return false;
  const length = (value as { length?: unknown }).length;
  return (
    typeof length === "number" && Number.isSafeInteger(length) && length >= 0 && length <= 2 ** 32
  );
}

/** Why a value is not a score on the integer scale min…max, or undefined when it is one. @internal */
export function scoreProblem(
  score: unknown,
  min: number,
  max: number,
): { code: MetricErrorCode; why: string } | undefined {
  if (typeof score !== "number") return { code: "INVALID_INPUT", why: "is not a number" };
  if (!Number.isFinite(score)) return { code: "NON_FINITE", why: "is not finite" };
  if (!Number.isInteger(score)) return { code: "SCORE_NOT_INTEGER", why: "is not an integer" };
  if (score < min || score > max)
    return { code: "SCORE_OUT_OF_SCALE", why: `is outside the scale ${min}–${max}` };
  return undefined;
}

/** A typed array whose elements are numbers (not bigints, not a DataView). */
function isNumberTypedArray(value: unknown): value is ArrayLike<number> {
  return (
    ArrayBuffer.isView(value) &&
    !(value instanceof DataView) &&
    !(value instanceof BigInt64Array) &&
    !(value instanceof BigUint64Array)
  );
}

function isIterable(value: unknown): value is Iterable<unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === "function"
  );
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
  readonly #min: number;
  readonly #span: number;
  readonly #skip: boolean;
  // Weighted counts with a Neumaier compensation term per point; exact for integer weights.
  #counts: Float64Array;
  #compensation: Float64Array;
  #n = 0;
  #sumOfSquaredWeights = 0;
  #sumOfSquaredWeightsCompensation = 0;
  #skipped = 0;

  /**
   * @param scale - the rating scale
   * @param options - `invalid: "throw" | "skip"`
   * @throws {@link MetricError} `INVALID_SCALE` for a bad scale; `INVALID_OPTION` for an unknown
   *   `invalid` policy.
   */
  constructor(scale: Scale, options: TallyAccumulatorOptions = {}) {
    this.scale = checkScale(scale, "Tally");
    this.#min = this.scale.min;
    this.#span = this.scale.max - this.scale.min;
    this.#skip = checkPolicy(options.invalid, "Tally") === "skip";
    this.#counts = new Float64Array(this.#span + 1);
    this.#compensation = new Float64Array(this.#span + 1);
  }

  /**
   * Add one response. Its index in error messages is its position among all rows seen so far.
   *
   * @param score - an integer on the scale
   * @param weight - finite and ≥ 0; default 1
   * @returns this accumulator, for chaining
   * @throws {@link MetricError} `SCORE_OUT_OF_SCALE`, `SCORE_NOT_INTEGER`, `NON_FINITE`,
   *   `INVALID_INPUT` (not a number) or `INVALID_WEIGHT`, unless the policy is `"skip"`.
   */
  add(score: number, weight = 1): this {
    this.addAt(score, weight, this.#n + this.#skipped, "Tally.add", this.#skip);
    return this;
  }

  /**
   * Add many responses in one pass: numbers, typed arrays, iterables, or records read with a
   * `score` accessor, optionally weighted. Error indices count from 0 within this call. The call
   * is atomic: if it throws, the accumulator is left as it was before the call.
   *
   * @param input - the responses
   * @param options - `score` accessor, `weights`, and a per-call `invalid` policy
   * @returns this accumulator, for chaining
   * @throws {@link MetricError} as {@link tally} does.
   */
  addAll<T = number>(input: ScoreInput<T>, options: TallyOptions<T> = {}): this {
    const fn = "tally";
    const skip =
      options.invalid === undefined ? this.#skip : checkPolicy(options.invalid, fn) === "skip";
    const { score, weights } = options;
    if (!isArrayLike(input) && !isIterable(input)) {
      throw new MetricError(
        "INVALID_INPUT",
        `expected an array, typed array or iterable of scores; got ${describeValue(input)}`,
        { fn, value: input, field: "scores" },
      );
    }
    const scoreOf = checkScoreAccessor(score, fn);
    const weightOf = weightReader(weights, fn);
    const restore = this.#save();
    try {
      if (scoreOf === undefined && weightOf === undefined && isArrayLike(input)) {
        this.#addScores(input as ArrayLike<unknown>, skip);
      } else {
        let index = 0;
        const each = (record: T): void => {
          const i = index++;
          const value = scoreOf === undefined ? record : scoreOf(record, i);
          this.addAt(value, weightOf === undefined ? 1 : weightOf(record, i), i, fn, skip);
        };
        if (isArrayLike(input)) {
          for (let i = 0; i < input.length; i++) each(input[i] as T);
        } else {
          for (const record of input) each(record);
        }
        checkWeightsLength(weights, index, fn);
      }
    } catch (error) {
      restore();
      throw error;
    }
    return this;
  }

  /**
   * Add another accumulator's or distribution's responses to this one.
   *
   * @param other - a `Tally` or `Distribution` on the same scale
   * @returns this accumulator, for chaining
   * @throws {@link MetricError} `SCALE_MISMATCH` when the scales differ; the codes of
   *   {@link distributionFromJSON} for a malformed distribution.
   */
  merge(other: Tally | Distribution): this {
    const d = other instanceof Tally ? other.snapshot() : readDistribution(other, "Tally.merge");
    requireSameScale(this.scale, d.scale, "Tally.merge", "the merged distribution");
    for (let i = 0; i < this.#counts.length; i++) this.#accumulate(i, d.counts[i] as number);
    this.#n += d.n;
    this.#addSquaredWeight(d.sumOfSquaredWeights);
    this.#skipped += d.skipped;
    return this;
  }

  /**
   * The distribution of everything added so far (a fresh plain object; the accumulator goes on).
   *
   * @returns the current distribution
   */
  snapshot(): Distribution {
    const counts = new Array<number>(this.#counts.length);
    for (let i = 0; i < counts.length; i++) {
      counts[i] = (this.#counts[i] as number) + (this.#compensation[i] as number);
    }
    return makeDistribution(
      this.scale,
      counts,
      this.#n,
      this.#sumOfSquaredWeights + this.#sumOfSquaredWeightsCompensation,
      this.#skipped,
      "tally",
    );
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
   * @param options - the `invalid` policy of the new accumulator
   * @returns a new accumulator holding that state
   * @throws {@link MetricError} as {@link distributionFromJSON} does.
   */
  static fromJSON(json: unknown, options: TallyAccumulatorOptions = {}): Tally {
    const d = distributionFromJSON(json);
    return new Tally(d.scale, options).merge(d);
  }

  /**
   * Add one row given its position and the calling function's name, for error messages.
   *
   * @internal
   */
  addAt(score: unknown, weight: unknown, index: number, fn: string, skip: boolean): void {
    const point = this.#pointOf(score, index, fn, skip);
    if (point < 0) return;
    if (weight === 1) {
      this.#counts[point] = (this.#counts[point] as number) + 1;
      this.#n++;
      this.#addSquaredWeight(1);
      return;
    }
    if (typeof weight !== "number" || !Number.isFinite(weight) || weight < 0) {
      this.#reject(
        "INVALID_WEIGHT",
        `the weight at index ${index} must be a finite number ≥ 0`,
        weight,
        index,
        fn,
        skip,
      );
      return;
    }
    this.#accumulate(point, weight);
    this.#n++;
    this.#addSquaredWeight(weight * weight);
  }

  /**
   * The hot path: plain scores in an array-like, unweighted. One pass, no allocation. A typed
   * array of numbers gets its own loop (its elements are numbers by construction); any other
   * array-like is checked with typeof first, so no element is ever coerced (an object's valueOf
   * is never called). Each loop stays monomorphic for the JIT.
   */
  #addScores(scores: ArrayLike<unknown>, skip: boolean): void {
    const added = isNumberTypedArray(scores)
      ? this.#addTypedScores(scores, skip)
      : this.#addAnyScores(scores, skip);
    this.#n += added;
    this.#addSquaredWeight(added);
  }

  #addTypedScores(scores: ArrayLike<number>, skip: boolean): number {
    const counts = this.#counts;
    const min = this.#min;
    const span = this.#span;
    const length = scores.length;
    let added = 0;
    for (let i = 0; i < length; i++) {
      const s = scores[i] as number;
      // (s | 0) === s holds exactly for 32-bit integers: NaN, ±∞ and fractions (float arrays)
      // fall through to the full check, which also handles scales beyond 2³¹.
      const k = (s | 0) === s ? s - min : -1;
      if (k >= 0 && k <= span) {
        counts[k] = (counts[k] as number) + 1;
        added++;
      } else {
        added += this.#countChecked(s, i, skip);
      }
    }
    return added;
  }

  #addAnyScores(scores: ArrayLike<unknown>, skip: boolean): number {
    const counts = this.#counts;
    const min = this.#min;
    const span = this.#span;
    const length = scores.length;
    let added = 0;
    for (let i = 0; i < length; i++) {
      const s = scores[i];
      const k = typeof s === "number" && (s | 0) === s ? s - min : -1;
      if (k >= 0 && k <= span) {
        counts[k] = (counts[k] as number) + 1;
        added++;
      } else {
        added += this.#countChecked(s, i, skip);
      }
    }
    return added;
  }

  /** The slow path of the loops: full validation; returns 1 if counted, 0 if skipped. */
  #countChecked(score: unknown, index: number, skip: boolean): number {
    const k = this.#pointOf(score, index, "tally", skip);
    if (k < 0) return 0;
    this.#counts[k] = (this.#counts[k] as number) + 1;
    return 1;
  }

  #accumulate(point: number, value: number): void {
    const sum = this.#counts[point] as number;
    const next = sum + value;
    this.#compensation[point] =
      (this.#compensation[point] as number) +
      (Math.abs(sum) >= Math.abs(value) ? sum - next + value : value - next + sum);
    this.#counts[point] = next;
  }

  #addSquaredWeight(value: number): void {
    const sum = this.#sumOfSquaredWeights;
    const next = sum + value;
    this.#sumOfSquaredWeightsCompensation +=
      Math.abs(sum) >= Math.abs(value) ? sum - next + value : value - next + sum;
    this.#sumOfSquaredWeights = next;
  }

  /** The point index of a score, or −1 when it is invalid and skipped (and counted). */
  #pointOf(score: unknown, index: number, fn: string, skip: boolean): number {
    const problem = scoreProblem(score, this.#min, this.#min + this.#span);
    if (problem === undefined) return (score as number) - this.#min;
    return this.#reject(
      problem.code,
      `the score at index ${index} ${problem.why}`,
      score,
      index,
      fn,
      skip,
    );
  }

  /** Skip (and count) a bad row, or throw naming it. Returns −1 for "skipped". */
  #reject(
    code: MetricErrorCode,
    why: string,
    value: unknown,
    index: number,
    fn: string,
    skip: boolean,
  ): -1 {
    if (skip) {
      this.#skipped++;
      return -1;
    }
    throw new MetricError(code, `${why}: ${describeValue(value)}`, { fn, index, value });
  }

  #save(): () => void {
    const counts = this.#counts.slice();
    const compensation = this.#compensation.slice();
    const n = this.#n;
    const sumSq = this.#sumOfSquaredWeights;
    const sumSqCompensation = this.#sumOfSquaredWeightsCompensation;
    const skipped = this.#skipped;
    return () => {
      this.#counts = counts;
      this.#compensation = compensation;
      this.#n = n;
      this.#sumOfSquaredWeights = sumSq;
      this.#sumOfSquaredWeightsCompensation = sumSqCompensation;
      this.#skipped = skipped;
    };
  }
}

function checkScoreAccessor<T>(
  score: TallyOptions<T>["score"],
  fn: string,
): ((record: T, index: number) => unknown) | undefined {
  if (score === undefined || typeof score === "function") return score;
  throw new MetricError("INVALID_OPTION", "the score accessor must be a function", {
    fn,
    value: score,
    field: "score",
  });
}

/** Weights given as an array must be exactly as long as the input. */
function checkWeightsLength(weights: unknown, rows: number, fn: string): void {
  if (isArrayLike(weights) && rows !== weights.length) {
    throw new MetricError(
      "INVALID_INPUT",
      `weights has ${weights.length} entries but there are ${rows} scores`,
      {
        fn,
        value: weights.length,
        field: "weights",
      },
    );
  }
}

/** A reader of the weight of row i, checking array length as it goes. */
function weightReader<T>(
  weights: TallyOptions<T>["weights"],
  fn: string,
): ((record: T, index: number) => unknown) | undefined {
  if (weights === undefined) return undefined;
  if (typeof weights === "function") return weights;
  if (isArrayLike(weights)) {
    return (_record, index) => {
      if (index >= weights.length) {
        throw new MetricError(
          "INVALID_INPUT",
          `weights has ${weights.length} entries but there are more scores`,
          {
            fn,
            index,
            field: "weights",
          },
        );
      }
      return weights[index];
    };
  }
  throw new MetricError("INVALID_OPTION", "weights must be an array or a function", {
    fn,
    value: weights,
    field: "weights",
  });
}

function checkPolicy(policy: unknown, fn: string): InvalidPolicy {
  if (policy === undefined) return "throw";
  if (policy === "throw" || policy === "skip") return policy;
  throw new MetricError(
    "INVALID_OPTION",
    `invalid must be "throw" or "skip"; got ${describeValue(policy)}`,
    {
      fn,
      value: policy,
      field: "invalid",
    },
  );
}

/**
 * Start a streaming accumulator; the same as `new Tally(scale, options)`.
 *
 * @param scale - the rating scale
 * @param options - `invalid: "throw" | "skip"`
 * @returns a new, empty accumulator
 * @throws {@link MetricError} `INVALID_SCALE`, `INVALID_OPTION`.
 *
 * @example
 * ```ts
 * import { createTally, CES_SCALE } from "customer-metrics";
 * const acc = createTally(CES_SCALE, { invalid: "skip" });
 * acc.addAll([7, 6, 0, 5]).snapshot().skipped; // => 1
 * ```
 *
 * @category Distribution
 */
export function createTally(scale: Scale, options: TallyAccumulatorOptions = {}): Tally {
  return new Tally(scale, options);
}

/**
 * Reduce responses to a {@link Distribution} in one pass: a `number[]`, any typed array, any
 * iterable, or records read with a `score` accessor, optionally weighted. The result is exact
 * for unweighted data and O(scale) in size.
 *
 * @param input - the responses
 * @param scale - the rating scale (e.g. {@link NPS_SCALE})
 * @param options - `score` accessor, `weights` (array or function; finite, ≥ 0), and
 *   `invalid: "throw" | "skip"`
 * @returns the distribution; `skipped` counts rows left out under `invalid: "skip"`
 * @throws {@link MetricError} (under the default `invalid: "throw"`) `SCORE_OUT_OF_SCALE`,
 *   `SCORE_NOT_INTEGER`, `NON_FINITE`, `INVALID_INPUT` (a non-number score, or input that is not
 *   a collection, or weights of the wrong length) or `INVALID_WEIGHT`, naming the index and
 *   value; `INVALID_SCALE` and `INVALID_OPTION` for bad arguments.
 *
 * @example
 * ```ts
 * import { tally, NPS_SCALE } from "customer-metrics";
 * tally([10, 9, 7, 3], NPS_SCALE).counts; // => [0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1]
 * const rows = [{ nps: 10, w: 2 }, { nps: 4, w: 0.5 }];
 * tally(rows, NPS_SCALE, { score: (r) => r.nps, weights: (r) => r.w }).total; // => 2.5
 * tally([10, 11, "n/a"], NPS_SCALE, { invalid: "skip" }).skipped; // => 2
 * ```
 *
 * @category Distribution
 */
export function tally<T = number>(
  input: ScoreInput<T>,
  scale: Scale,
  options: TallyOptions<T> = {},
): Distribution {
  return new Tally(scale, { invalid: checkPolicy(options.invalid, "tally") })
    .addAll(input, options)
    .snapshot();
}

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
 * pass. Groups appear in the order first seen; a skipped row counts in its group's `skipped`.
 *
 * @param records - the responses (array, array-like or iterable)
 * @param key - the group of a record
 * @param scale - the rating scale
 * @param options - `score` accessor (required), `weights`, `invalid`
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
  const fn = "tallyBy";
  const policy = checkPolicy(options.invalid, fn);
  const checked = checkScale(scale, fn);
  if (typeof key !== "function" || typeof options.score !== "function") {
    throw new MetricError("INVALID_OPTION", "tallyBy needs a key function and a score accessor", {
      fn,
      field: typeof key !== "function" ? "key" : "score",
    });
  }
  const skip = policy === "skip";
  const weightOf = weightReader(options.weights, fn);
  const groups = new Map<K, Tally>();
  let index = 0;
  const each = (record: T): void => {
    const i = index++;
    const group = key(record, i);
    let acc = groups.get(group);
    if (acc === undefined) {
      acc = new Tally(checked, { invalid: policy });
      groups.set(group, acc);
    }
    acc.addAt(
      options.score(record, i),
      weightOf === undefined ? 1 : weightOf(record, i),
      i,
      fn,
      skip,
    );
  };
  if (isArrayLike(records)) {
    for (let i = 0; i < records.length; i++) each(records[i] as T);
  } else if (isIterable(records)) {
    for (const record of records) each(record);
  } else {
    throw new MetricError(
      "INVALID_INPUT",
      `expected an array or iterable of records; got ${describeValue(records)}`,
      {
        fn,
        value: records,
      },
    );
  }
  checkWeightsLength(options.weights, index, fn);
  const result = new Map<K, Distribution>();
  for (const [group, acc] of groups) result.set(group, acc.snapshot());
  return result;
}
