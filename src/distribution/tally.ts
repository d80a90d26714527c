import { checkChoice, readOptions } from "../common/options.js";
import {
  describeValue,
  guarded,
  MetricError,
  type MetricErrorCode,
} from "../errors/metric-error.js";
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
 * What to do with a missing answer — `null`, `undefined` or a hole in a sparse array, as
 * database drivers, Arrow columns and CSV readers hand out for blanks: `"skip"` (the default)
 * leaves it out and counts it in `missing`; `"throw"` raises `MISSING_VALUE` naming its index.
 * A missing answer is never read as 0, and never mixed up with an invalid one.
 *
 * @category Distribution
 */
export type MissingPolicy = "skip" | "throw";

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
 * Input accepted where scores are expected: an array, any typed array (`BigInt64Array` too), any
 * iterable (a generator, a Set, an Apache Arrow `Vector` with nulls), or an array-like. Elements
 * are numbers, or bigints up to 2^53 − 1 in magnitude (as SQL engines return integers); `null`
 * and `undefined` are missing answers.
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
  if (typeof score === "bigint") {
    // Compared exactly (bigint against number); Number() of a value on the scale is exact.
    return score < min || score > max
      ? { code: "SCORE_OUT_OF_SCALE", why: `is outside the scale ${min}–${max}` }
      : undefined;
  }
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

/**
 * Whether input is read by index: real arrays (holes read as missing), typed arrays, and
 * array-likes that are not iterable. Anything iterable besides arrays and typed arrays (an
 * Arrow `Vector`, whose `length` is real but whose elements are not properties) is iterated.
 *
 * @internal
 */
export function readByIndex(value: unknown): value is ArrayLike<unknown> {
  return (
    Array.isArray(value) ||
    (ArrayBuffer.isView(value) && !(value instanceof DataView)) ||
    (isArrayLike(value) && !isIterable(value))
  );
}

/** Whether a value is a missing answer: `null` or `undefined` (a hole reads as `undefined`). @internal */
export function isMissing(value: unknown): value is null | undefined {
  return value === null || value === undefined;
}

/** An iterable object (strings are not objects, so a string is never read as characters). @internal */
export function isIterable(value: unknown): value is Iterable<unknown> {
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
  readonly #skipMissing: boolean;
  // Weighted counts with a Neumaier compensation term per point; exact for integer weights.
  #counts: Float64Array;
  #compensation: Float64Array;
  #n = 0;
  #sumOfSquaredWeights = 0;
  #sumOfSquaredWeightsCompensation = 0;
  #skipped = 0;
  #missing = 0;

  /**
   * @param scale - the rating scale
   * @param options - `invalid: "throw" | "skip"`, `missing: "skip" | "throw"`
   * @throws {@link MetricError} `INVALID_SCALE` for a bad scale; `INVALID_OPTION` for an unknown
   *   policy or option.
   */
  constructor(scale: Scale, options: TallyAccumulatorOptions = {}) {
    const read = readOptions(options, ["invalid", "missing"], "Tally");
    this.scale = guarded("Tally", () => checkScale(scale, "Tally"));
    this.#min = this.scale.min;
    this.#span = this.scale.max - this.scale.min;
    this.#skip = checkPolicy(read.invalid, "Tally") === "skip";
    this.#skipMissing = checkMissingPolicy(read.missing, "Tally") === "skip";
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
   *   `INVALID_INPUT` (not a number) or `INVALID_WEIGHT`, unless the policy is `"skip"`;
   *   `MISSING_VALUE` for `null` / `undefined` under `missing: "throw"`.
   */
  add(score: number | bigint | null | undefined, weight: number | bigint = 1): this {
    // No guard here (one call per response): addAt reads only the two values it is given, with
    // typeof checks, and describeValue never throws.
    const index = this.#n + this.#skipped + this.#missing;
    this.addAt(score, weight, index, "Tally.add", this.#skip, this.#skipMissing);
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
    const fn = "Tally.addAll";
    const read = readOptions(options, TALLY_OPTION_KEYS, fn);
    const skip = read.invalid === undefined ? this.#skip : checkPolicy(read.invalid, fn) === "skip";
    const skipMissing =
      read.missing === undefined
        ? this.#skipMissing
        : checkMissingPolicy(read.missing, fn) === "skip";
    this.addInput(input, read, skip, skipMissing, fn);
    return this;
  }

  /**
   * addAll with the options already read, under the caller's name: the shared body of
   * {@link tally} and addAll.
   *
   * @internal
   */
  addInput<T>(
    input: ScoreInput<T>,
    read: { readonly score?: unknown; readonly weights?: unknown },
    skip: boolean,
    skipMissing: boolean,
    fn: string,
  ): void {
    // Reading the input runs the caller's code (getters, iterators, accessors): guarded turns
    // an exception there into INVALID_INPUT.
    guarded(fn, () => {
      const byIndex = readByIndex(input);
      if (!byIndex && !isIterable(input)) {
        throw new MetricError(
          "INVALID_INPUT",
          `expected an array, typed array or iterable of scores; got ${describeValue(input)}`,
          { fn, value: input, field: "scores" },
        );
      }
      const scoreOf = checkScoreAccessor<T>(read.score, fn);
      const weightOf = weightReader<T>(read.weights, fn);
      const restore = this.#save();
      try {
        if (scoreOf === undefined && weightOf === undefined && byIndex) {
          this.#addScores(input, skip, skipMissing, fn);
        } else {
          let index = 0;
          const each = (record: T): void => {
            const i = index++;
            const value = scoreOf === undefined ? record : scoreOf(record, i);
            const weight = weightOf === undefined ? 1 : weightOf(record, i);
            this.addAt(value, weight, i, fn, skip, skipMissing);
          };
          if (byIndex) {
            for (let i = 0; i < input.length; i++) each(input[i] as T);
          } else {
            for (const record of input as Iterable<T>) each(record);
          }
          checkWeightsLength(read.weights, index, fn);
        }
      } catch (error) {
        restore();
        throw error;
      }
    });
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
    const d =
      other instanceof Tally
        ? other.snapshot()
        : guarded("Tally.merge", () => readDistribution(other, "Tally.merge"));
    requireSameScale(this.scale, d.scale, "Tally.merge", "the merged distribution");
    for (let i = 0; i < this.#counts.length; i++) this.#accumulate(i, d.counts[i] as number);
    this.#n += d.n;
    this.#addSquaredWeight(d.sumOfSquaredWeights);
    this.#skipped += d.skipped;
    this.#missing += d.missing;
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
      this.#missing,
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
   * @param options - the `invalid` and `missing` policies of the new accumulator
   * @returns a new accumulator holding that state
   * @throws {@link MetricError} as {@link distributionFromJSON} does.
   */
  static fromJSON(json: unknown, options: TallyAccumulatorOptions = {}): Tally {
    const d = guarded("Tally.fromJSON", () => readDistribution(json, "Tally.fromJSON"));
    return new Tally(d.scale, options).merge(d);
  }

  /**
   * Add one row given its position and the calling function's name, for error messages.
   *
   * @internal
   */
  addAt(
    score: unknown,
    weight: unknown,
    index: number,
    fn: string,
    skip: boolean,
    skipMissing: boolean,
  ): void {
    const point = this.#pointOf(score, index, fn, skip, skipMissing);
    if (point < 0) return;
    if (weight === 1) {
      this.#counts[point] = (this.#counts[point] as number) + 1;
      this.#n++;
      this.#addSquaredWeight(1);
      return;
    }
    const w = weightValue(weight);
    if (w === undefined) {
      this.#reject(
        "INVALID_WEIGHT",
        `the weight at index ${index} must be a finite number ≥ 0 whose square is a normal double (0, or between ${MIN_WEIGHT} and ${MAX_WEIGHT}; rescale the weights, every metric is unchanged by a common factor)`,
        weight,
        index,
        fn,
        skip,
      );
      return;
    }
    this.#accumulate(point, w);
    this.#n++;
    this.#addSquaredWeight(w * w);
  }

  /**
   * The hot path: plain scores in an array-like, unweighted. One pass, no allocation. A typed
   * array of numbers gets its own loop (its elements are numbers by construction); any other
   * array-like is checked with typeof first, so no element is ever coerced (an object's valueOf
   * is never called). Each loop stays monomorphic for the JIT.
   */
  #addScores(scores: ArrayLike<unknown>, skip: boolean, skipMissing: boolean, fn: string): void {
    const added = isNumberTypedArray(scores)
      ? this.#addTypedScores(scores, skip, fn)
      : this.#addAnyScores(scores, skip, skipMissing, fn);
    this.#n += added;
    this.#addSquaredWeight(added);
  }

  #addTypedScores(scores: ArrayLike<number>, skip: boolean, fn: string): number {
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
        added += this.#countChecked(s, i, skip, false, fn);
      }
    }
    return added;
  }

  #addAnyScores(
    scores: ArrayLike<unknown>,
    skip: boolean,
    skipMissing: boolean,
    fn: string,
  ): number {
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
        added += this.#countChecked(s, i, skip, skipMissing, fn);
      }
    }
    return added;
  }

  /** The slow path of the loops: full validation; returns 1 if counted, 0 if skipped. */
  #countChecked(
    score: unknown,
    index: number,
    skip: boolean,
    skipMissing: boolean,
    fn: string,
  ): number {
    const k = this.#pointOf(score, index, fn, skip, skipMissing);
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

  /** The point index of a score, or −1 when it is missing or invalid and skipped (and counted). */
  #pointOf(score: unknown, index: number, fn: string, skip: boolean, skipMissing: boolean): number {
    if (isMissing(score)) {
      if (skipMissing) {
        this.#missing++;
        return -1;
      }
      throw new MetricError(
        "MISSING_VALUE",
        `the score at index ${index} is missing (${describeValue(score)}); pass missing: "skip" to count it apart`,
        { fn, index, value: score },
      );
    }
    const problem = scoreProblem(score, this.#min, this.#min + this.#span);
    if (problem === undefined) return Number(score) - this.#min;
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
    const missing = this.#missing;
    return () => {
      this.#counts = counts;
      this.#compensation = compensation;
      this.#n = n;
      this.#sumOfSquaredWeights = sumSq;
      this.#sumOfSquaredWeightsCompensation = sumSqCompensation;
      this.#skipped = skipped;
      this.#missing = missing;
    };
  }
}

/** The smallest and largest weights whose squares are normal doubles (2^−511 and 2^511). */
const MIN_WEIGHT = "1.5e-154";
const MAX_WEIGHT = "6.7e153";
const MIN_WEIGHT_VALUE = 2 ** -511;
const MAX_WEIGHT_VALUE = 2 ** 511;

/**
 * A weight as a number, or undefined when it is not one: finite, ≥ 0, and 0 or with a square
 * that is a normal double, so Σw² and the Kish effective n keep full precision. Bigints up to
 * 2^53 − 1 (SQL counts) are read exactly.
 *
 * @internal
 */
export function weightValue(weight: unknown): number | undefined {
  let w: number;
  if (typeof weight === "number") w = weight;
  else if (typeof weight === "bigint" && weight >= 0n && weight <= BigInt(Number.MAX_SAFE_INTEGER))
    w = Number(weight);
  else return undefined;
  if (w === 0) return 0;
  return w >= MIN_WEIGHT_VALUE && w <= MAX_WEIGHT_VALUE ? w : undefined;
}

function checkScoreAccessor<T>(
  score: unknown,
  fn: string,
): ((record: T, index: number) => unknown) | undefined {
  if (score === undefined) return undefined;
  if (typeof score === "function") return score as (record: T, index: number) => unknown;
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
      { fn, value: weights.length, field: "weights" },
    );
  }
}

/** A reader of the weight of row i, checking array length as it goes. @internal */
export function weightReader<T>(
  weights: unknown,
  fn: string,
): ((record: T, index: number) => unknown) | undefined {
  if (weights === undefined) return undefined;
  if (typeof weights === "function") return weights as (record: T, index: number) => unknown;
  if (readByIndex(weights)) {
    return (_record, index) => {
      if (index >= weights.length) {
        throw new MetricError(
          "INVALID_INPUT",
          `weights has ${weights.length} entries but there are more scores`,
          { fn, index, field: "weights" },
        );
      }
      return weights[index];
    };
  }
  throw new MetricError("INVALID_OPTION", "weights must be an array, a typed array or a function", {
    fn,
    value: weights,
    field: "weights",
  });
}

/** The `invalid` policy (default `"throw"`). @internal */
export function checkPolicy(policy: unknown, fn: string): InvalidPolicy {
  return checkChoice(policy, ["throw", "skip"], "throw", fn, "invalid");
}

/** The `missing` policy (default `"skip"`). @internal */
export function checkMissingPolicy(policy: unknown, fn: string): MissingPolicy {
  return checkChoice(policy, ["skip", "throw"], "skip", fn, "missing");
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
  return guarded("createTally", () => {
    return new Tally(scale, options);
  });
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
    const skip = checkPolicy(read.invalid, fn) === "skip";
    const skipMissing = checkMissingPolicy(read.missing, fn) === "skip";
    const acc = new Tally(checkScale(scale, fn));
    acc.addInput(input, read, skip, skipMissing, fn);
    return acc.snapshot();
  });
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
 * pass. Groups appear in the order first seen; a skipped or missing row counts in its group's
 * `skipped` or `missing`.
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
    const skip = checkPolicy(read.invalid, fn) === "skip";
    const skipMissing = checkMissingPolicy(read.missing, fn) === "skip";
    const checked = checkScale(scale, fn);
    const scoreOf = checkScoreAccessor<T>(read.score, fn);
    if (typeof key !== "function" || scoreOf === undefined) {
      throw new MetricError("INVALID_OPTION", "tallyBy needs a key function and a score accessor", {
        fn,
        field: typeof key !== "function" ? "key" : "score",
      });
    }
    const weightOf = weightReader<T>(read.weights, fn);
    const groups = new Map<K, Tally>();
    let index = 0;
    const each = (record: T): void => {
      const i = index++;
      const group = key(record, i);
      let acc = groups.get(group);
      if (acc === undefined) {
        acc = new Tally(checked);
        groups.set(group, acc);
      }
      acc.addAt(
        scoreOf(record, i),
        weightOf === undefined ? 1 : weightOf(record, i),
        i,
        fn,
        skip,
        skipMissing,
      );
    };
    if (readByIndex(records)) {
      for (let i = 0; i < records.length; i++) each(records[i] as T);
    } else if (isIterable(records)) {
      for (const record of records) each(record);
    } else {
      throw new MetricError(
        "INVALID_INPUT",
        `expected an array or iterable of records; got ${describeValue(records)}`,
        { fn, value: records },
      );
    }
    checkWeightsLength(read.weights, index, fn);
    const result = new Map<K, Distribution>();
    for (const [group, acc] of groups) result.set(group, acc.snapshot());
    return result;
  });
}
