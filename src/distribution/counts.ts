/**
 * The one accumulator behind every distribution: weighted counts per scale point with a
 * Neumaier compensation term each, the number of rows, Σw², and the skipped and missing rows.
 * {@link Tally}, {@link tally}, {@link tallyBy}, {@link mergeDistributions} and the segment
 * metrics all add rows and merge shards through it, so there is one way to count and one way
 * to merge.
 *
 * @internal
 * @module
 */

import { describeValue, MetricError, type MetricErrorCode } from "../errors/metric-error.js";
import { nonNegativeRoundingError } from "../stats/sum.js";
import { countBytes } from "./byte-counts.js";
import { type Distribution, makeDistribution, requireExactCount } from "./distribution.js";
import {
  isByteArray,
  isMissing,
  isNumberTypedArray,
  MAX_WEIGHT,
  MIN_WEIGHT,
  type RowPolicy,
  scoreProblem,
  WEIGHT_RULE,
  weightValue,
} from "./input.js";
import type { Scale } from "./scale.js";

/**
 * Rows per block of the weighted loop's Σw²: summed plainly within a block, compensated across
 * blocks, so its relative error stays below 1,024 × 2⁻⁵³ ≈ 1.1e-13 however many rows there are
 * (Σw² only sets the effective sample size and the variances, never a count).
 */
const SQUARES_BLOCK = 1024;

/** Byte arrays at least this long are counted by {@link countBytes}; shorter ones by the loop. */
const BYTE_TABLES_FROM = 256;

/** The values 0–10, one slot each: the array loop's bounds, as constants (see countValuesUpTo10). */
const VALUE_SLOTS = 11;

/**
 * Count the leading rows of `scores` that are integers from 0 to 10 into `byValue` (slot = the
 * value), and return how many there were: the index of the first row that is not one, or the
 * length. The bounds are constants and the loop stops at the first other row, which lets the
 * JIT drop the checks a general scale's bounds need (measured: 0.95 × a plain validated 0–10
 * loop, against 1.3 × for the same loop with the scale's ends as variables). The loop is alone
 * in its function, with nothing after it (see Counts.addScores).
 */
function countValuesUpTo10(scores: readonly unknown[], byValue: Float64Array): number {
  const length = scores.length;
  let i = 0;
  for (; i < length; i++) {
    const s = scores[i];
    if (typeof s === "number" && s >= 0 && s <= 10 && (s | 0) === s) {
      byValue[s] = (byValue[s] as number) + 1;
    } else break;
  }
  return i;
}

/** Weighted counts of rows on one scale, added to one row, one column or one shard at a time. */
export class Counts {
  readonly scale: Scale;
  readonly #min: number;
  readonly #span: number;
  readonly #max: number;
  // The count of point i is units[i] + (counts[i] + compensation[i]): rows of weight 1 are
  // counted apart as exact integers (the hot loops add 1 there), other weights are added with
  // a Neumaier compensation term, so neither kind is lost next to large values of the other.
  #units: Float64Array;
  #counts: Float64Array;
  #compensation: Float64Array;
  // Σw² and its compensation term, kept the same way (a weight column adds it a block of rows
  // at a time: see SQUARES_BLOCK); rows of weight 1 add 1 each, which is
  // their count in #units: summed at the snapshot, never counted per row.
  #squares = new Float64Array(1);
  #squaresCompensation = new Float64Array(1);
  #n = 0;
  #skipped = 0;
  #missing = 0;

  constructor(scale: Scale) {
    this.scale = scale;
    this.#min = scale.min;
    this.#span = scale.max - scale.min;
    this.#max = scale.max;
    this.#units = new Float64Array(this.#span + 1);
    this.#counts = new Float64Array(this.#span + 1);
    this.#compensation = new Float64Array(this.#span + 1);
  }

  /** The rows seen so far, counted, skipped or missing: the index of the next one. */
  get rowsSeen(): number {
    return this.#n + this.#skipped + this.#missing;
  }

  /**
   * Add one row, validating its score and weight; `index` and `fn` name it in an error.
   * Invalid and missing rows are skipped and counted, or thrown, as `policy` says.
   */
  addRow(score: unknown, weight: unknown, index: number, fn: string, policy: RowPolicy): void {
    if (weight === 1) {
      this.addScore(score, index, fn, policy);
      return;
    }
    const point = this.#point(score, index, fn, policy);
    if (point < 0) return;
    const w = weightValue(weight);
    if (w === undefined) {
      this.#reject(
        "INVALID_WEIGHT",
        `the weight at index ${index} must be ${WEIGHT_RULE}`,
        weight,
        index,
        fn,
        policy,
      );
      return;
    }
    add(this.#counts, this.#compensation, point, w);
    this.#n++;
    this.#addSquares(w * w);
  }

  /** Add one row of weight 1, validating its score, as {@link Counts.addRow} does. */
  addScore(score: unknown, index: number, fn: string, policy: RowPolicy): void {
    const point = this.#point(score, index, fn, policy);
    if (point < 0) return;
    this.#units[point] = (this.#units[point] as number) + 1;
    this.#n++;
  }

  /** The point of a score: the common case (an integer on the scale) inline, else the full check. */
  #point(score: unknown, index: number, fn: string, policy: RowPolicy): number {
    const k = typeof score === "number" && (score | 0) === score ? score - this.#min : -1;
    return k >= 0 && k <= this.#span ? k : this.#pointOf(score, index, fn, policy);
  }

  /**
   * Scores and weights in two array-likes of the same length: one pass, the common case (an
   * integer score on the scale, a number weight in range) inline, anything else through
   * {@link Counts.addRow}, which validates, skips or throws exactly as one row at a time does.
   */
  addWeightedScores(
    scores: ArrayLike<unknown>,
    weights: ArrayLike<unknown>,
    fn: string,
    policy: RowPolicy,
  ): void {
    const min = this.#min;
    const span = this.#span;
    const counts = this.#counts;
    const compensation = this.#compensation;
    const length = scores.length;
    // Rows that took the checked path (which counts them itself, if at all).
    let checked = 0;
    for (let start = 0; start < length; start += SQUARES_BLOCK) {
      const end = Math.min(length, start + SQUARES_BLOCK);
      // Σw² of the block, summed plainly (at most SQUARES_BLOCK positive terms), then added
      // to the compensated total.
      let blockSquares = 0;
      for (let i = start; i < end; i++) {
        const s = scores[i];
        const w = weights[i];
        const k = typeof s === "number" && (s | 0) === s ? s - min : -1;
        if (k >= 0 && k <= span && typeof w === "number" && w >= MIN_WEIGHT && w <= MAX_WEIGHT) {
          const sum = counts[k] as number;
          const next = sum + w;
          compensation[k] = (compensation[k] as number) + nonNegativeRoundingError(sum, w, next);
          counts[k] = next;
          blockSquares += w * w;
        } else {
          this.addRow(s, w, i, fn, policy);
          checked++;
        }
      }
      this.#addSquares(blockSquares);
    }
    this.#n += length - checked;
  }

  /**
   * The hot path: plain scores in an array-like, unweighted. One pass, no allocation. A typed
   * array of numbers gets its own loop (its elements are numbers by construction); any other
   * array-like is checked with typeof first, so no element is ever coerced (an object's valueOf
   * is never called). Each loop stays monomorphic for the JIT.
   */
  addScores(scores: ArrayLike<unknown>, fn: string, policy: RowPolicy): void {
    // One loop per kind of array, so that each stays monomorphic for the JIT: the bodies are
    // the same, the element loads they specialise to are not. Each loop is given what it reads
    // and returns the rows it missed, with nothing to compute after it: a first call on a long
    // array is compiled in the middle of its loop (on-stack replacement) with type feedback for
    // the loop alone, and an operation after it that had none deoptimized that code at every
    // later exit (measured: half the speed, in about one process in three).
    const units = this.#units;
    const min = this.#min;
    const max = this.#max;
    const length = scores.length;
    let missed: number;
    if (Array.isArray(scores)) {
      missed =
        min >= 0 && max < VALUE_SLOTS
          ? Counts.#smallArrayMisses(this, scores, units, min, max, fn, policy)
          : Counts.#arrayMisses(this, scores, units, min, max, fn, policy, 0);
    } else if (isByteArray(scores)) {
      // Every byte on the scale (the common case): counted near memory speed. Otherwise the
      // checked loop, which names the first byte off the scale or skips and counts it.
      missed =
        length >= BYTE_TABLES_FROM && countBytes(scores, min, max - min, units)
          ? 0
          : Counts.#byteMisses(this, scores, units, min, max, fn, policy);
    } else if (isNumberTypedArray(scores)) {
      missed = Counts.#typedMisses(this, scores, units, min, max, fn, policy);
    } else {
      missed = Counts.#arrayLikeMisses(this, scores, units, min, max, fn, policy);
    }
    this.#n += length - missed;
  }

  /**
   * Add a validated distribution (a shard, a worker's result) on the same scale. The merged row
   * counts are checked first, so a refused merge leaves the counts as they were.
   *
   * @throws {@link MetricError} `INVALID_COUNT` when n, skipped or missing would pass 2^53 − 1.
   */
  addDistribution(d: Distribution, fn: string): void {
    const n = requireExactCount(this.#n + d.n, "the merged number of responses is", fn, "n");
    const skipped = requireExactCount(
      this.#skipped + d.skipped,
      "the merged number of skipped rows is",
      fn,
      "skipped",
    );
    const missing = requireExactCount(
      this.#missing + d.missing,
      "the merged number of missing answers is",
      fn,
      "missing",
    );
    for (let i = 0; i < this.#counts.length; i++) {
      add(this.#counts, this.#compensation, i, d.counts[i] as number);
    }
    this.#n = n;
    this.#addSquares(d.sumOfSquaredWeights);
    this.#skipped = skipped;
    this.#missing = missing;
  }

  /**
   * The distribution counted so far (a fresh plain object). Row counts stay exact: merges are
   * checked in addDistribution, and rows added one at a time cannot reach 2^53.
   *
   * @throws {@link MetricError} `INVALID_WEIGHT` when the weighted totals are not representable.
   */
  snapshot(fn: string): Distribution {
    const counts = new Array<number>(this.#counts.length);
    let ones = 0;
    for (let i = 0; i < counts.length; i++) {
      ones += this.#units[i] as number;
      counts[i] =
        (this.#units[i] as number) +
        ((this.#counts[i] as number) + (this.#compensation[i] as number));
    }
    return makeDistribution(
      this.scale,
      counts,
      this.#n,
      ones + ((this.#squares[0] as number) + (this.#squaresCompensation[0] as number)),
      this.#skipped,
      this.#missing,
      fn,
    );
  }

  /** A copy of the state, to restore when a call that is meant to be atomic fails midway. */
  save(): () => void {
    const units = this.#units.slice();
    const counts = this.#counts.slice();
    const compensation = this.#compensation.slice();
    const squares = this.#squares.slice();
    const squaresCompensation = this.#squaresCompensation.slice();
    const n = this.#n;
    const skipped = this.#skipped;
    const missing = this.#missing;
    return () => {
      this.#units = units;
      this.#counts = counts;
      this.#compensation = compensation;
      this.#squares = squares;
      this.#squaresCompensation = squaresCompensation;
      this.#n = n;
      this.#skipped = skipped;
      this.#missing = missing;
    };
  }

  /** The rows of a typed array of numbers that the loop missed (checked, skipped or thrown). */
  static #typedMisses(
    self: Counts,
    scores: ArrayLike<number>,
    units: Float64Array,
    min: number,
    max: number,
    fn: string,
    policy: RowPolicy,
  ): number {
    const length = scores.length;
    let missed = 0;
    for (let i = 0; i < length; i++) {
      const s = scores[i] as number;
      // Its elements are numbers: the scale's ends, then the integer test ((s | 0) === s
      // holds exactly for 32-bit integers; NaN, fractions and scales past 2³¹ take the full check).
      if (s >= min && s <= max && (s | 0) === s) {
        const k = s - min;
        units[k] = (units[k] as number) + 1;
      } else missed += 1 - self.#countChecked(s, i, fn, policy);
    }
    return missed;
  }

  /** The same loop for byte arrays, whose element loads differ. */
  static #byteMisses(
    self: Counts,
    scores: Uint8Array | Int8Array | Uint8ClampedArray,
    units: Float64Array,
    min: number,
    max: number,
    fn: string,
    policy: RowPolicy,
  ): number {
    const length = scores.length;
    let missed = 0;
    for (let i = 0; i < length; i++) {
      const s = scores[i] as number;
      // Its elements are numbers: the scale's ends, then the integer test ((s | 0) === s
      // holds exactly for 32-bit integers; NaN, fractions and scales past 2³¹ take the full check).
      if (s >= min && s <= max && (s | 0) === s) {
        const k = s - min;
        units[k] = (units[k] as number) + 1;
      } else missed += 1 - self.#countChecked(s, i, fn, policy);
    }
    return missed;
  }

  /**
   * An array on a scale inside 0–10 (NPS, CSAT, CES, the 1–5 and 1–7 Likert scales): the rows
   * up to the first that is not an integer from 0 to 10 are counted by value by
   * {@link countValuesUpTo10}, whose bounds are constants; then, if none of them is off the
   * scale, their counts are kept and the checked loop goes on from that row. If one is (a 0 on
   * a 1–5 scale), the counts are dropped and the checked loop starts again from the first row,
   * so that it names (or skips) the first bad row in order.
   */
  static #smallArrayMisses(
    self: Counts,
    scores: readonly unknown[],
    units: Float64Array,
    min: number,
    max: number,
    fn: string,
    policy: RowPolicy,
  ): number {
    const byValue = new Float64Array(VALUE_SLOTS);
    const counted = countValuesUpTo10(scores, byValue);
    for (let v = 0; v < VALUE_SLOTS; v++) {
      if ((v < min || v > max) && byValue[v] !== 0) {
        return Counts.#arrayMisses(self, scores, units, min, max, fn, policy, 0);
      }
    }
    for (let v = min; v <= max; v++) {
      units[v - min] = (units[v - min] as number) + (byValue[v] as number);
    }
    return counted === scores.length
      ? 0
      : Counts.#arrayMisses(self, scores, units, min, max, fn, policy, counted);
  }

  /** The same loop for arrays, whose elements may be anything, from row `start` on. */
  static #arrayMisses(
    self: Counts,
    scores: readonly unknown[],
    units: Float64Array,
    min: number,
    max: number,
    fn: string,
    policy: RowPolicy,
    start: number,
  ): number {
    const length = scores.length;
    let missed = 0;
    for (let i = start; i < length; i++) {
      const s = scores[i];
      // typeof first, so no element is ever coerced (an object's valueOf is never called);
      // then the scale's ends, then the integer test, the order that measured fastest.
      if (typeof s === "number" && s >= min && s <= max && (s | 0) === s) {
        const k = s - min;
        units[k] = (units[k] as number) + 1;
      } else missed += 1 - self.#countChecked(s, i, fn, policy);
    }
    return missed;
  }

  /** The same loop for any other array-like (an Arrow column, a proxy). */
  static #arrayLikeMisses(
    self: Counts,
    scores: ArrayLike<unknown>,
    units: Float64Array,
    min: number,
    max: number,
    fn: string,
    policy: RowPolicy,
  ): number {
    const length = scores.length;
    let missed = 0;
    for (let i = 0; i < length; i++) {
      const s = scores[i];
      // typeof first, so no element is ever coerced (an object's valueOf is never called);
      // then the scale's ends, then the integer test, the order that measured fastest.
      if (typeof s === "number" && s >= min && s <= max && (s | 0) === s) {
        const k = s - min;
        units[k] = (units[k] as number) + 1;
      } else missed += 1 - self.#countChecked(s, i, fn, policy);
    }
    return missed;
  }

  /** The slow path of the loops: full validation; returns 1 if counted, 0 if skipped. */
  #countChecked(score: unknown, index: number, fn: string, policy: RowPolicy): number {
    const k = this.#pointOf(score, index, fn, policy);
    if (k < 0) return 0;
    this.#units[k] = (this.#units[k] as number) + 1;
    return 1;
  }

  #addSquares(value: number): void {
    add(this.#squares, this.#squaresCompensation, 0, value);
  }

  /** The point index of a score, or −1 when it is missing or invalid and skipped (and counted). */
  #pointOf(score: unknown, index: number, fn: string, policy: RowPolicy): number {
    if (isMissing(score)) {
      if (policy.skipMissing) {
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
      policy,
    );
  }

  /** Skip (and count) a bad row, or throw naming it. Returns −1 for "skipped". */
  #reject(
    code: MetricErrorCode,
    why: string,
    value: unknown,
    index: number,
    fn: string,
    policy: RowPolicy,
  ): -1 {
    if (policy.skipInvalid) {
      this.#skipped++;
      return -1;
    }
    throw new MetricError(code, `${why}: ${describeValue(value)}`, { fn, index, value });
  }
}

/** sums[i] += value for a value ≥ 0, compensated (Neumaier): the error goes to compensation[i]. */
function add(sums: Float64Array, compensation: Float64Array, i: number, value: number): void {
  const sum = sums[i] as number;
  const next = sum + value;
  compensation[i] = (compensation[i] as number) + nonNegativeRoundingError(sum, value, next);
  sums[i] = next;
}
