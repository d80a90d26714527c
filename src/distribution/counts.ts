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
import { roundingError } from "../stats/sum.js";
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

/** Byte arrays at least this long are counted by {@link countBytes}; shorter ones by the loop. */
const BYTE_TABLES_FROM = 256;

/** Weighted counts of rows on one scale, added to one row, one column or one shard at a time. */
export class Counts {
  readonly scale: Scale;
  readonly #min: number;
  readonly #span: number;
  // The count of point i is units[i] + (counts[i] + compensation[i]): rows of weight 1 are
  // counted apart as exact integers (the hot loops add 1 there), other weights are added with
  // a Neumaier compensation term, so neither kind is lost next to large values of the other.
  #units: Float64Array;
  #counts: Float64Array;
  #compensation: Float64Array;
  // Σw² and its compensation term, kept the same way; rows of weight 1 add 1 each, which is
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
    let squares = 0;
    let squaresCompensation = 0;
    // Rows that took the checked path (which counts them itself, if at all).
    let checked = 0;
    for (let i = 0; i < length; i++) {
      const s = scores[i];
      const w = weights[i];
      const k = typeof s === "number" && (s | 0) === s ? s - min : -1;
      if (k >= 0 && k <= span && typeof w === "number" && w >= MIN_WEIGHT && w <= MAX_WEIGHT) {
        const sum = counts[k] as number;
        const next = sum + w;
        compensation[k] = (compensation[k] as number) + roundingError(sum, w, next);
        counts[k] = next;
        const w2 = w * w;
        const total = squares + w2;
        squaresCompensation += roundingError(squares, w2, total);
        squares = total;
      } else {
        this.addRow(s, w, i, fn, policy);
        checked++;
      }
    }
    this.#n += length - checked;
    this.#addSquares(squares);
    this.#addSquares(squaresCompensation);
  }

  /**
   * The hot path: plain scores in an array-like, unweighted. One pass, no allocation. A typed
   * array of numbers gets its own loop (its elements are numbers by construction); any other
   * array-like is checked with typeof first, so no element is ever coerced (an object's valueOf
   * is never called). Each loop stays monomorphic for the JIT.
   */
  addScores(scores: ArrayLike<unknown>, fn: string, policy: RowPolicy): void {
    // One loop per kind of array, so that each stays monomorphic for the JIT: the bodies are
    // the same, the element loads they specialise to are not.
    let added: number;
    if (Array.isArray(scores)) added = this.#addArrayScores(scores, fn, policy);
    else if (isByteArray(scores)) added = this.#addByteScores(scores, fn, policy);
    else if (isNumberTypedArray(scores)) added = this.#addTypedScores(scores, fn, policy);
    else added = this.#addAnyScores(scores, fn, policy);
    this.#n += added;
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

  #addTypedScores(scores: ArrayLike<number>, fn: string, policy: RowPolicy): number {
    const counts = this.#units;
    const min = this.#min;
    const span = this.#span;
    const length = scores.length;
    let missed = 0;
    for (let i = 0; i < length; i++) {
      const s = scores[i] as number;
      // (s | 0) === s holds exactly for 32-bit integers: NaN, ±∞ and fractions (float arrays)
      // fall through to the full check, which also handles scales beyond 2³¹.
      const k = (s | 0) === s ? s - min : -1;
      if (k >= 0 && k <= span) counts[k] = (counts[k] as number) + 1;
      else missed += 1 - this.#countChecked(s, i, fn, policy);
    }
    return length - missed;
  }

  #addByteScores(
    scores: Uint8Array | Int8Array | Uint8ClampedArray,
    fn: string,
    policy: RowPolicy,
  ): number {
    // Every byte on the scale (the common case): counted near memory speed. Otherwise the
    // checked loop below, which names the first byte off the scale or skips and counts it.
    if (
      scores.length >= BYTE_TABLES_FROM &&
      countBytes(scores, this.#min, this.#span, this.#units)
    ) {
      return scores.length;
    }
    const counts = this.#units;
    const min = this.#min;
    const span = this.#span;
    const length = scores.length;
    let missed = 0;
    for (let i = 0; i < length; i++) {
      const s = scores[i] as number;
      // (s | 0) === s holds exactly for 32-bit integers: NaN, ±∞ and fractions (float arrays)
      // fall through to the full check, which also handles scales beyond 2³¹.
      const k = (s | 0) === s ? s - min : -1;
      if (k >= 0 && k <= span) counts[k] = (counts[k] as number) + 1;
      else missed += 1 - this.#countChecked(s, i, fn, policy);
    }
    return length - missed;
  }

  #addArrayScores(scores: readonly unknown[], fn: string, policy: RowPolicy): number {
    const counts = this.#units;
    const min = this.#min;
    const span = this.#span;
    const length = scores.length;
    let missed = 0;
    for (let i = 0; i < length; i++) {
      const s = scores[i];
      const k = typeof s === "number" && (s | 0) === s ? s - min : -1;
      if (k >= 0 && k <= span) counts[k] = (counts[k] as number) + 1;
      else missed += 1 - this.#countChecked(s, i, fn, policy);
    }
    return length - missed;
  }

  #addAnyScores(scores: ArrayLike<unknown>, fn: string, policy: RowPolicy): number {
    const counts = this.#units;
    const min = this.#min;
    const span = this.#span;
    const length = scores.length;
    let missed = 0;
    for (let i = 0; i < length; i++) {
      const s = scores[i];
      const k = typeof s === "number" && (s | 0) === s ? s - min : -1;
      if (k >= 0 && k <= span) counts[k] = (counts[k] as number) + 1;
      else missed += 1 - this.#countChecked(s, i, fn, policy);
    }
    return length - missed;
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

/** sums[i] += value, compensated (Neumaier): the error goes to compensation[i]. */
function add(sums: Float64Array, compensation: Float64Array, i: number, value: number): void {
  const sum = sums[i] as number;
  const next = sum + value;
  compensation[i] = (compensation[i] as number) + roundingError(sum, value, next);
  sums[i] = next;
}
