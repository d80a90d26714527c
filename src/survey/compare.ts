import { checkChoice, checkLevel, clip, normalCritical, readOptions } from "../common/options.js";
import {
  type ConfidenceInterval,
  type SampleSize,
  SURVEY_OPTION_KEYS,
  type SurveyOptions,
} from "../common/results.js";
import type { Distribution } from "../distribution/distribution.js";
import type { ScoreInput } from "../distribution/input.js";
import { CES_SCALE, checkScale } from "../distribution/scale.js";
import { guarded, inArgument } from "../errors/metric-error.js";
import { NET_SCORE_METHODS, netScoreVariance } from "../stats/net-score-interval.js";
import { normalCdf } from "../stats/normal.js";
import { PROPORTION_METHODS } from "../stats/proportion-interval.js";
import { studentTQuantile, studentTTwoSided } from "../stats/student-t.js";
import { welchDifference } from "../stats/welch.js";
import { type CesOptions, type CesResult, cesAs } from "./ces.js";
import { type CsatOptions, csatCore, csatResult } from "./csat.js";
import { type NpsInput, type NpsOptions, npsGroups, npsResult } from "./nps.js";

/**
 * The result of comparing two independent samples (first minus second).
 *
 * When the data admit no test — both samples constant, or a spread that does not exist — the
 * test fields (`statistic`, `pValue`, `significant`) are absent and `notTested` says why: a
 * test that cannot be run is never reported as "not significant".
 *
 * @typeParam M - the test's name
 * @category Survey
 */
export interface Comparison<M extends string = string> {
  /** The signed difference, first minus second, in the metric's unit (points, % points, scale units). */
  readonly difference: number;
  /**
   * Standard error of the difference (unpooled, the one the interval uses); absent when it is 0
   * or does not exist (a sample with a single response for CES).
   */
  readonly standardError?: number;
  /** The test statistic (z, or Welch's t); absent when no test is possible. */
  readonly statistic?: number;
  /** Degrees of freedom (Welch–Satterthwaite), for the t-test only. */
  readonly degreesOfFreedom?: number;
  /** Two-sided p-value, 2·P(Z > |z|) or 2·P(T > |t|), computed from the tail (no cancellation). */
  readonly pValue?: number;
  /** Confidence interval of the difference; absent with `standardError`. */
  readonly interval?: ConfidenceInterval<M>;
  /** `pValue < 1 − level`; absent when no test was possible (see `notTested`). */
  readonly significant?: boolean;
  /** The test used (or, with `notTested`, the one that could not be run). */
  readonly test: M;
  /** Why no test was possible; absent when the test ran. */
  readonly notTested?: string;
  /** The two samples compared, [first, second]: each one's estimate and sizes. */
  readonly samples: readonly [ComparedSample, ComparedSample];
  /** `true` when either sample's effective size is below `minSampleSize` (default 30). */
  readonly lowBase: boolean;
}

/**
 * One of the two samples of a {@link Comparison}: the metric's estimate on it and its sizes.
 *
 * @category Survey
 */
export interface ComparedSample extends SampleSize {
  /** The metric on this sample, in its unit: NPS points, CSAT percent, CES scale units. */
  readonly estimate: number;
  /**
   * The sample's own confidence interval, as {@link nps}, {@link csat} or {@link ces} gives it
   * (method from the `interval` option, at the comparison's level); absent only for a CES
   * sample with a single response.
   */
  readonly interval?: ConfidenceInterval;
}

/** The test part of a comparison, before the samples are added. */
type TestPart<M extends string> = Omit<Comparison<M>, "samples" | "lowBase">;

/** One sample's result, as the metric reports it. */
interface SampleResult extends SampleSize {
  readonly score: number;
  readonly interval?: ConfidenceInterval;
}

/** Join the test part with both samples' estimates, intervals and sizes. */
function withSamples<M extends string>(
  part: TestPart<M>,
  a: SampleResult,
  b: SampleResult,
): Comparison<M> {
  const sample = (r: SampleResult): ComparedSample => ({
    estimate: noNegativeZero(r.score),
    ...(r.interval === undefined ? {} : { interval: r.interval }),
    n: r.n,
    effectiveN: r.effectiveN,
    lowBase: r.lowBase,
    skipped: r.skipped,
    missing: r.missing,
  });
  const first = sample(a);
  const second = sample(b);
  return { ...part, samples: [first, second], lowBase: first.lowBase || second.lowBase };
}

/** A difference of 0 is reported as +0, whichever sample came first. */
function noNegativeZero(x: number): number {
  return x + 0;
}

function twoSidedNormal(z: number): number {
  return Math.min(1, 2 * normalCdf(-Math.abs(z)));
}

/** The interval part: difference ± half, clipped to ±range; absent when the SE is not > 0. */
function intervalPart<M extends string>(
  difference: number,
  standardError: number,
  half: number,
  range: number,
  level: number,
  test: M,
): Pick<TestPart<M>, "standardError" | "interval"> {
  if (!(standardError > 0)) return {};
  return {
    standardError,
    interval: {
      lower: clip(difference - half, -range, range),
      upper: clip(difference + half, -range, range),
      level,
      method: test,
    },
  };
}

/**
 * A z-based comparison: the interval from the unpooled standard error, the statistic from the
 * standard error under H₀ (pooled). The test runs whenever the pooled error is > 0.
 */
function zComparison<M extends string>(
  difference: number,
  standardError: number,
  testError: number,
  level: number,
  range: number,
  test: M,
  untestable: string,
): TestPart<M> {
  const interval = intervalPart(
    difference,
    standardError,
    normalCritical(level) * standardError,
    range,
    level,
    test,
  );
  if (!(testError > 0)) return { difference, ...interval, test, notTested: untestable };
  const statistic = difference / testError;
  const pValue = twoSidedNormal(statistic);
  return {
    difference,
    ...interval,
    statistic,
    pValue,
    significant: pValue < 1 - level,
    test,
  };
}

/**
 * Compare the NPS of two independent samples: the signed difference in points (first minus
 * second), a z-test of H₀: both samples come from the same promoter/passive/detractor
 * distribution, and a Wald interval of the difference.
 *
 * - The interval uses the unpooled standard error 100·√(v₁/n₁ + v₂/n₂), v = p + d − (p − d)²
 *   the variance of one −1/0/+1 answer (Kish effective n when weighted), clipped to
 *   [−200, 200].
 * - The test statistic uses the variance estimated under H₀ from the pooled shares,
 *   z = δ / (100·√(v̄·(1/n₁ + 1/n₂))) with v̄ = p̄ + d̄ − (p̄ − d̄)² — the construction of the
 *   pooled two-proportion z-test (with no passives it is that test on the promoter share,
 *   `prop.test(correct = FALSE)`), and N/(N − 1) times the squared linear-by-linear association
 *   statistic of the 2 × 3 table with scores −1/0/+1 (Agresti 2013, Categorical Data Analysis,
 *   §3.4.6; statsmodels' `test_ordinal_association`). Pooling keeps the test defined when each
 *   sample on its own has no spread (all promoters against all detractors: z = 4.47 for 10
 *   against 10), where an unpooled statistic would not exist.
 * - No test is possible only when the pooled sample has no spread (every answer, in both
 *   samples, in one group): `notTested` says so and `significant` is absent.
 *
 * The sign of the difference is kept (the R package NPS reports its absolute value).
 *
 * @param a - the first sample (scores, distribution, or counts)
 * @param b - the second sample
 * @param options - `level` (default 0.95), `minSampleSize` (default 30), `interval` (the method
 *   of each sample's own interval in `samples`, as {@link nps} takes it)
 * @returns the comparison, with each sample's estimate and interval; see {@link Comparison} for
 *   absent fields
 * @throws {@link MetricError} as {@link nps} does for either sample; `INVALID_LEVEL`;
 *   `INVALID_OPTION` for an unknown option.
 *
 * @example
 * ```ts
 * import { compareNps } from "customer-metrics";
 * const q2 = { promoters: 120, passives: 50, detractors: 30 };
 * const q1 = { promoters: 90, passives: 60, detractors: 50 };
 * const result = compareNps(q2, q1);
 * result.difference; // => 25
 * result.significant; // => true
 * result.samples[0].estimate; // => 45
 * result.samples[0].interval?.method; // => "adjusted-wald"
 * compareNps({ promoters: 10, passives: 0, detractors: 0 }, { promoters: 0, passives: 0, detractors: 10 }).significant; // => true
 * ```
 *
 * @category Survey
 */
export function compareNps(
  a: NpsInput,
  b: NpsInput,
  options: SurveyOptions & Pick<NpsOptions, "interval"> = {},
): Comparison<"z"> {
  return guarded("compareNps", () => {
    const fn = "compareNps";
    const read = readOptions(options, [...SURVEY_OPTION_KEYS, "interval"], fn);
    const level = checkLevel(read.level, fn);
    const method = checkChoice(read.interval, NET_SCORE_METHODS, "adjusted-wald", fn, "interval");
    const ga = inArgument("first sample", () => npsGroups(a, fn));
    const gb = inArgument("second sample", () => npsGroups(b, fn));
    const ma = ga.effectiveN;
    const mb = gb.effectiveN;
    const pa = ga.promoters / ga.total;
    const da = ga.detractors / ga.total;
    const pb = gb.promoters / gb.total;
    const db = gb.detractors / gb.total;
    const scoreA = (100 * (ga.promoters - ga.detractors)) / ga.total;
    const scoreB = (100 * (gb.promoters - gb.detractors)) / gb.total;
    const difference = noNegativeZero(scoreA - scoreB);
    const standardError =
      100 * Math.sqrt(netScoreVariance(pa, da) / ma + netScoreVariance(pb, db) / mb);
    // Shares of the pooled sample (weighted by effective size), the H₀ estimate.
    const pooledP = (pa * ma + pb * mb) / (ma + mb);
    const pooledD = (da * ma + db * mb) / (ma + mb);
    const testError = 100 * Math.sqrt(netScoreVariance(pooledP, pooledD) * (1 / ma + 1 / mb));
    return withSamples(
      zComparison(
        difference,
        standardError,
        testError,
        level,
        200,
        "z",
        "every answer in both samples falls in one NPS group: the difference is 0 and has no spread to test",
      ),
      npsResult(ga, level, method, read.minSampleSize, fn),
      npsResult(gb, level, method, read.minSampleSize, fn),
    );
  });
}

/**
 * Compare the CSAT of two independent samples with the two-proportion z-test: the signed
 * difference in percentage points (first minus second); z uses the pooled share under
 * H₀: p₁ = p₂, the interval the unpooled standard error — the same as R's
 * `prop.test(correct = FALSE)` (its X² is z²). The test runs whenever the pooled share is
 * strictly between 0 and 1 (10 of 10 against 0 of 10: X² = 20, p ≈ 7.7e-6); when both samples
 * are all satisfied or all unsatisfied no test is possible, `notTested` says so and
 * `significant` is absent. Both samples use the same scale and threshold (`options`).
 *
 * @param a - the first sample (scores or distribution)
 * @param b - the second sample
 * @param options - `level`, `minSampleSize`, and the {@link CsatOptions} both samples share
 *   (`scale`, `satisfiedFrom`, and `interval`, the method of each sample's own interval)
 * @returns the comparison; see {@link Comparison} for absent fields
 * @throws {@link MetricError} as {@link csat} does for either sample; `INVALID_LEVEL`;
 *   `INVALID_OPTION` for an unknown option.
 *
 * @example
 * ```ts
 * import { compareCsat, fromCounts, CSAT_SCALE } from "customer-metrics";
 * const after = fromCounts(CSAT_SCALE, [5, 5, 10, 40, 40]);
 * const before = fromCounts(CSAT_SCALE, [10, 10, 20, 35, 25]);
 * compareCsat(after, before).difference; // => 20
 * compareCsat([5, 5, 5], [1, 1, 1]).significant; // => true
 * compareCsat([5, 5, 5], [4, 5, 4]).notTested; // => "every response in both samples is satisfied (or none is): the pooled share has no spread to test"
 * ```
 *
 * @category Survey
 */
export function compareCsat(
  a: Distribution | ScoreInput<number | bigint | null | undefined>,
  b: Distribution | ScoreInput<number | bigint | null | undefined>,
  options: SurveyOptions & Pick<CsatOptions, "scale" | "satisfiedFrom" | "interval"> = {},
): Comparison<"two-proportion-z"> {
  return guarded("compareCsat", () => {
    const fn = "compareCsat";
    const read = readOptions(
      options,
      [...SURVEY_OPTION_KEYS, "scale", "satisfiedFrom", "interval"],
      fn,
    );
    const level = checkLevel(read.level, fn);
    const method = checkChoice(read.interval, PROPORTION_METHODS, "wilson", fn, "interval");
    const ca = inArgument("first sample", () => csatCore(a, read, fn));
    const cb = inArgument("second sample", () => csatCore(b, read, fn));
    const na = ca.d.effectiveN;
    const nb = cb.d.effectiveN;
    const scoreA = (100 * ca.satisfied) / ca.d.total;
    const scoreB = (100 * cb.satisfied) / cb.d.total;
    const difference = noNegativeZero(scoreA - scoreB);
    const standardError =
      100 * Math.sqrt((ca.share * (1 - ca.share)) / na + (cb.share * (1 - cb.share)) / nb);
    const pooled = (ca.share * na + cb.share * nb) / (na + nb);
    const testError = 100 * Math.sqrt(pooled * (1 - pooled) * (1 / na + 1 / nb));
    return withSamples(
      zComparison(
        difference,
        standardError,
        testError,
        level,
        100,
        "two-proportion-z",
        "every response in both samples is satisfied (or none is): the pooled share has no spread to test",
      ),
      csatResult(ca, level, method, read.minSampleSize, fn),
      csatResult(cb, level, method, read.minSampleSize, fn),
    );
  });
}

/**
 * Compare the CES of two independent samples with Welch's t-test (Welch 1947): the signed
 * difference of means (first minus second) in scale units, its standard error √(s₁²/n₁ + s₂²/n₂),
 * t, the Welch–Satterthwaite degrees of freedom, the two-sided p-value and a t-interval — the
 * same as R's `t.test(x, y)`, except that the interval is clipped to ±(scale.max − scale.min).
 * Weighted samples use their Kish effective n.
 *
 * No test is possible — `notTested` says why and `significant` is absent — when a sample has a
 * single response (its spread does not exist), or when both samples are constant (R's `t.test`
 * stops with "data are essentially constant").
 *
 * @param a - the first sample (scores or distribution)
 * @param b - the second sample
 * @param options - `level`, `minSampleSize`, and the {@link CesOptions} both samples share
 *   (`scale`, `interval`)
 * @returns the comparison; see {@link Comparison} for absent fields
 * @throws {@link MetricError} as {@link ces} does for either sample; `INVALID_LEVEL`;
 *   `INVALID_OPTION` for an unknown option.
 *
 * @example
 * ```ts
 * import { compareCes } from "customer-metrics";
 * const result = compareCes([7, 6, 6, 5, 7], [4, 5, 3, 4, 4]);
 * result.difference; // => 2.2
 * result.test; // => "welch-t"
 * compareCes([7, 7, 7], [4, 4, 4]).significant; // => undefined
 * ```
 *
 * @category Survey
 */
export function compareCes(
  a: Distribution | ScoreInput<number | bigint | null | undefined>,
  b: Distribution | ScoreInput<number | bigint | null | undefined>,
  options: SurveyOptions & Pick<CesOptions, "scale" | "interval"> = {},
): Comparison<"welch-t"> {
  return guarded("compareCes", () => {
    const fn = "compareCes";
    const read = readOptions(options, [...SURVEY_OPTION_KEYS, "scale", "interval"], fn);
    const level = checkLevel(read.level, fn);
    const scale = read.scale === undefined ? CES_SCALE : checkScale(read.scale, fn);
    const each = { scale, level, interval: read.interval, minSampleSize: read.minSampleSize };
    const ra = inArgument("first sample", () => cesAs(fn, a, each));
    const rb = inArgument("second sample", () => cesAs(fn, b, each));
    return withSamples(welch(ra, rb, level, scale.max - scale.min), ra, rb);
  });
}

/** Welch's test of two CES results; no test when a spread is missing or both are 0. */
function welch(ra: CesResult, rb: CesResult, level: number, range: number): TestPart<"welch-t"> {
  const difference = noNegativeZero(ra.score - rb.score);
  const test = "welch-t" as const;
  if (ra.standardError === undefined || rb.standardError === undefined) {
    return {
      difference,
      test,
      notTested: "a sample has a single response (effective n ≤ 1): its spread does not exist",
    };
  }
  if (!(Math.max(ra.standardError, rb.standardError) > 0)) {
    return {
      difference,
      test,
      notTested: "both samples are constant: the difference has no spread to test",
    };
  }
  const { standardError, degreesOfFreedom } = welchDifference(
    ra.standardError,
    ra.effectiveN,
    rb.standardError,
    rb.effectiveN,
  );
  const statistic = difference / standardError;
  const pValue = studentTTwoSided(statistic, degreesOfFreedom);
  const half = studentTQuantile((1 - level) / 2, degreesOfFreedom, true) * standardError;
  return {
    difference,
    ...intervalPart(difference, standardError, half, range, level, test),
    statistic,
    degreesOfFreedom,
    pValue,
    significant: pValue < 1 - level,
    test,
  };
}
