import type { Distribution } from "../distribution/distribution.js";
import { CES_SCALE } from "../distribution/scale.js";
import type { ScoreInput } from "../distribution/tally.js";
import { netScoreVariance } from "../stats/net-score-interval.js";
import { normalCdf } from "../stats/normal.js";
import { studentTQuantile, studentTTwoSided } from "../stats/student-t.js";
import { type CesOptions, type CesResult, ces } from "./ces.js";
import { type CsatOptions, csatCore } from "./csat.js";
import { type NpsInput, npsGroups } from "./nps.js";
import {
  type ConfidenceInterval,
  checkLevel,
  clip,
  normalCritical,
  sampleSize,
} from "./options.js";

/**
 * The result of comparing two independent samples (first minus second).
 *
 * @typeParam M - the test's name
 * @category Survey
 */
export interface Comparison<M extends string = string> {
  /** The signed difference, first minus second, in the metric's unit (points, % points, scale units). */
  readonly difference: number;
  /**
   * Standard error of the difference (unpooled); absent when it is 0 or does not exist (a
   * sample with a single response for CES), in which case no test is possible.
   */
  readonly standardError?: number;
  /** The test statistic (z, or Welch's t); absent with `standardError` or when undefined. */
  readonly statistic?: number;
  /** Degrees of freedom (Welch–Satterthwaite), for the t-test only. */
  readonly degreesOfFreedom?: number;
  /** Two-sided p-value, 2·P(Z > |z|) or 2·P(T > |t|), computed from the tail (no cancellation). */
  readonly pValue?: number;
  /** Confidence interval of the difference; absent with `standardError`. */
  readonly interval?: ConfidenceInterval<M>;
  /** `pValue < 1 − level`; `false` when no test was possible. */
  readonly significant: boolean;
  /** The test used. */
  readonly test: M;
  /** Responses counted in each sample: [first, second]. */
  readonly n: readonly [number, number];
  /** Kish effective sample size of each sample: [first, second]. */
  readonly effectiveN: readonly [number, number];
  /** `true` when either sample's effective size is below `minSampleSize` (default 30). */
  readonly lowBase: boolean;
}

/**
 * Options of the comparison functions.
 *
 * @category Survey
 */
export interface CompareOptions {
  /** Confidence level of the interval and significance threshold (α = 1 − level). Default 0.95. */
  readonly level?: number;
  /** Below this effective sample size a sample makes the comparison `lowBase`; default 30. */
  readonly minSampleSize?: number;
}

/** The test part of a comparison, before the sample sizes are added. */
type TestPart<M extends string> = Omit<Comparison<M>, "n" | "effectiveN" | "lowBase">;

/** Join the test part with both samples' sizes. */
function withSizes<M extends string>(
  part: TestPart<M>,
  a: { n: number; effectiveN: number },
  b: { n: number; effectiveN: number },
  minSampleSize: unknown,
  fn: string,
): Comparison<M> {
  const first = sampleSize(a.n, a.effectiveN, minSampleSize, fn);
  const second = sampleSize(b.n, b.effectiveN, minSampleSize, fn);
  return {
    ...part,
    n: [first.n, second.n],
    effectiveN: [first.effectiveN, second.effectiveN],
    lowBase: first.lowBase || second.lowBase,
  };
}

/** A difference of 0 is reported as +0, whichever sample came first. */
function noNegativeZero(x: number): number {
  return x + 0;
}

function twoSidedNormal(z: number): number {
  return Math.min(1, 2 * normalCdf(-Math.abs(z)));
}

/** A comparison with its test: the interval difference ± half is clipped to ±range. */
function tested<M extends string>(
  difference: number,
  standardError: number,
  statistic: number,
  pValue: number,
  half: number,
  range: number,
  level: number,
  test: M,
  degreesOfFreedom?: number,
): TestPart<M> {
  return {
    difference,
    standardError,
    statistic,
    ...(degreesOfFreedom === undefined ? {} : { degreesOfFreedom }),
    pValue,
    interval: {
      lower: clip(difference - half, -range, range),
      upper: clip(difference + half, -range, range),
      level,
      method: test,
    },
    significant: pValue < 1 - level,
    test,
  };
}

/** A z-based comparison; the test statistic may use a different (pooled) SE than the interval. */
function zComparison<M extends string>(
  difference: number,
  standardError: number,
  testError: number,
  level: number,
  range: number,
  test: M,
): TestPart<M> {
  if (!(standardError > 0) || !(testError > 0)) return { difference, significant: false, test };
  const statistic = difference / testError;
  const half = normalCritical(level) * standardError;
  return tested(
    difference,
    standardError,
    statistic,
    twoSidedNormal(statistic),
    half,
    range,
    level,
    test,
  );
}

/**
 * Compare the NPS of two independent samples: the signed difference in points (first minus
 * second), its standard error √(v₁/n₁ + v₂/n₂)·100 (trinomial variances, Kish effective n when
 * weighted), z, the two-sided p-value 2Φ(−|z|), a Wald interval clipped to [−200, 200], and
 * whether the difference is significant at α = 1 − level. Unlike the R package NPS, the sign
 * of the difference is kept.
 *
 * @param a - the first sample (scores, distribution, or counts)
 * @param b - the second sample
 * @param options - `level` (default 0.95)
 * @returns the comparison; the test fields are absent when both samples have zero variance
 * @throws {@link MetricError} as {@link nps} does for either sample; `INVALID_LEVEL`.
 *
 * @example
 * ```ts
 * import { compareNps } from "customer-metrics";
 * const q2 = { promoters: 120, passives: 50, detractors: 30 };
 * const q1 = { promoters: 90, passives: 60, detractors: 50 };
 * const result = compareNps(q2, q1);
 * result.difference; // => 25
 * result.significant; // => true
 * ```
 *
 * @category Survey
 */
export function compareNps(
  a: NpsInput,
  b: NpsInput,
  options: CompareOptions = {},
): Comparison<"z"> {
  const fn = "compareNps";
  const level = checkLevel(options.level, fn);
  const ga = npsGroups(a, fn);
  const gb = npsGroups(b, fn);
  const va = netScoreVariance(ga.promoters / ga.total, ga.detractors / ga.total) / ga.effectiveN;
  const vb = netScoreVariance(gb.promoters / gb.total, gb.detractors / gb.total) / gb.effectiveN;
  const difference = noNegativeZero(
    (100 * (ga.promoters - ga.detractors)) / ga.total -
      (100 * (gb.promoters - gb.detractors)) / gb.total,
  );
  const standardError = 100 * Math.sqrt(va + vb);
  return withSizes(
    zComparison(difference, standardError, standardError, level, 200, "z"),
    ga,
    gb,
    options.minSampleSize,
    fn,
  );
}

/**
 * Compare the CSAT of two independent samples with the two-proportion z-test: the signed
 * difference in percentage points (first minus second); z uses the pooled share under
 * H₀: p₁ = p₂, the interval the unpooled standard error — the same as R's
 * `prop.test(correct = FALSE)`. Both samples must use the same scale and threshold (`options`).
 *
 * @param a - the first sample (scores or distribution)
 * @param b - the second sample
 * @param options - `level`, and the {@link CsatOptions} both samples share (`scale`, `satisfiedFrom`)
 * @returns the comparison; the test fields are absent when both shares are 0 or both are 1
 * @throws {@link MetricError} as {@link csat} does for either sample; `INVALID_LEVEL`.
 *
 * @example
 * ```ts
 * import { compareCsat, fromCounts, CSAT_SCALE } from "customer-metrics";
 * const after = fromCounts(CSAT_SCALE, [5, 5, 10, 40, 40]);
 * const before = fromCounts(CSAT_SCALE, [10, 10, 20, 35, 25]);
 * compareCsat(after, before).difference; // => 20
 * ```
 *
 * @category Survey
 */
export function compareCsat(
  a: Distribution | ScoreInput<number>,
  b: Distribution | ScoreInput<number>,
  options: CompareOptions & Pick<CsatOptions, "scale" | "satisfiedFrom"> = {},
): Comparison<"two-proportion-z"> {
  const fn = "compareCsat";
  const level = checkLevel(options.level, fn);
  const ca = csatCore(a, options, fn);
  const cb = csatCore(b, options, fn);
  const na = ca.d.effectiveN;
  const nb = cb.d.effectiveN;
  const difference = noNegativeZero(
    (100 * ca.satisfied) / ca.d.total - (100 * cb.satisfied) / cb.d.total,
  );
  const standardError =
    100 * Math.sqrt((ca.share * (1 - ca.share)) / na + (cb.share * (1 - cb.share)) / nb);
  const pooled = (ca.share * na + cb.share * nb) / (na + nb);
  const testError = 100 * Math.sqrt(pooled * (1 - pooled) * (1 / na + 1 / nb));
  return withSizes(
    zComparison(difference, standardError, testError, level, 100, "two-proportion-z"),
    ca.d,
    cb.d,
    options.minSampleSize,
    fn,
  );
}

/**
 * Compare the CES of two independent samples with Welch's t-test (Welch 1947): the signed
 * difference of means (first minus second) in scale units, its standard error √(s₁²/n₁ + s₂²/n₂),
 * t, the Welch–Satterthwaite degrees of freedom, the two-sided p-value and a t-interval — the
 * same as R's `t.test(x, y)`, except that the interval is clipped to ±(scale.max − scale.min).
 * Weighted samples use their Kish effective n.
 *
 * @param a - the first sample (scores or distribution)
 * @param b - the second sample
 * @param options - `level`, and the {@link CesOptions} both samples share (`scale`)
 * @returns the comparison; the test fields are absent when a sample has a single response or
 *   both have no spread
 * @throws {@link MetricError} as {@link ces} does for either sample; `INVALID_LEVEL`.
 *
 * @example
 * ```ts
 * import { compareCes } from "customer-metrics";
 * const result = compareCes([7, 6, 6, 5, 7], [4, 5, 3, 4, 4]);
 * result.difference; // => 2.2
 * result.test; // => "welch-t"
 * ```
 *
 * @category Survey
 */
export function compareCes(
  a: Distribution | ScoreInput<number>,
  b: Distribution | ScoreInput<number>,
  options: CompareOptions & Pick<CesOptions, "scale"> = {},
): Comparison<"welch-t"> {
  const fn = "compareCes";
  const level = checkLevel(options.level, fn);
  const shared = options.scale === undefined ? {} : { scale: options.scale };
  const ra = ces(a, shared);
  const rb = ces(b, shared);
  const scale = options.scale ?? CES_SCALE;
  return withSizes(welch(ra, rb, level, scale.max - scale.min), ra, rb, options.minSampleSize, fn);
}

/** Welch's test of two CES results; no test when a spread is missing or both are 0. */
function welch(ra: CesResult, rb: CesResult, level: number, range: number): TestPart<"welch-t"> {
  const difference = noNegativeZero(ra.score - rb.score);
  const test = "welch-t" as const;
  if (ra.standardError === undefined || rb.standardError === undefined) {
    return { difference, significant: false, test };
  }
  // Work with the standard errors relative to the larger one, so that neither their squares
  // nor the fourth powers in the Welch–Satterthwaite formula underflow or overflow.
  const largest = Math.max(ra.standardError, rb.standardError);
  if (!(largest > 0)) return { difference, significant: false, test };
  const ua = (ra.standardError / largest) ** 2;
  const ub = (rb.standardError / largest) ** 2;
  const standardError = largest * Math.sqrt(ua + ub);
  const degreesOfFreedom =
    (ua + ub) ** 2 / (ua ** 2 / (ra.effectiveN - 1) + ub ** 2 / (rb.effectiveN - 1));
  const statistic = difference / standardError;
  const pValue = studentTTwoSided(statistic, degreesOfFreedom);
  const half = studentTQuantile((1 - level) / 2, degreesOfFreedom, true) * standardError;
  return tested(
    difference,
    standardError,
    statistic,
    pValue,
    half,
    range,
    level,
    test,
    degreesOfFreedom,
  );
}
