import { checkChoice, checkLevel, readOptions } from "../common/options.js";
import {
  type ConfidenceInterval,
  type SampleSize,
  SURVEY_OPTION_KEYS,
  type SurveyOptions,
  sampleSize,
} from "../common/results.js";
import type { Distribution } from "../distribution/distribution.js";
import type { ScoreInput } from "../distribution/input.js";
import { CSAT_SCALE, checkScale, checkScorePoint, type Scale } from "../distribution/scale.js";
import { guarded } from "../errors/metric-error.js";
import { PROPORTION_METHODS, proportionInterval } from "../stats/proportion-interval.js";
import { toDistribution } from "./input.js";
import { moments } from "./moments.js";

/**
 * The interval methods for the CSAT share (Brown, Cai & DasGupta 2001): `"wilson"` (default),
 * `"agresti-coull"`, `"clopper-pearson"` (exact, conservative), `"jeffreys"`, `"wald"`.
 *
 * @category Survey
 */
export type CsatIntervalMethod =
  | "wilson"
  | "agresti-coull"
  | "clopper-pearson"
  | "jeffreys"
  | "wald";

/**
 * Options of {@link csat}.
 *
 * @category Survey
 */
export interface CsatOptions extends SurveyOptions {
  /** The rating scale; default {@link CSAT_SCALE} (1–5). */
  readonly scale?: Scale;
  /**
   * The lowest score that counts as satisfied; default the top two boxes (`scale.max − 1`,
   * i.e. 4 on 1–5).
   */
  readonly satisfiedFrom?: number;
  /** The interval method; default `"wilson"`. */
  readonly interval?: CsatIntervalMethod;
}

/**
 * The result of {@link csat}.
 *
 * @category Survey
 */
export interface CsatResult extends SampleSize {
  /** CSAT in percent, 0…100: the share of responses at or above `satisfiedFrom`. */
  readonly score: number;
  /** (Weighted) number of satisfied responses (at or above `satisfiedFrom`). */
  readonly satisfied: number;
  /** The group's share of the total, 0…1, named as in {@link NpsResult.shares}. */
  readonly shares: {
    /** Share of satisfied responses, 0…1 (`score / 100`). */
    readonly satisfied: number;
  };
  /** Mean score on the scale. */
  readonly mean: number;
  /**
   * Standard error of `score` in percentage points: 100·√(p(1 − p)/effectiveN); absent when
   * effectiveN ≤ 1 (the spread of a single response does not exist).
   */
  readonly standardError?: number;
  /** Confidence interval of `score`, in percent (0…100). */
  readonly interval: ConfidenceInterval<CsatIntervalMethod>;
  /** The threshold used. */
  readonly satisfiedFrom: number;
}

/** The option keys of {@link csat}. @internal */
export const CSAT_OPTION_KEYS = [
  ...SURVEY_OPTION_KEYS,
  "scale",
  "satisfiedFrom",
  "interval",
] as const;

/** The satisfied share and its pieces, for csat and compareCsat. @internal */
export interface CsatCore {
  readonly d: Distribution;
  readonly satisfied: number;
  readonly share: number;
  readonly threshold: number;
}

/** Reduce a CSAT input to its distribution and satisfied share. @internal */
export function csatCore(
  input: Distribution | ScoreInput<unknown>,
  options: { readonly scale?: unknown; readonly satisfiedFrom?: unknown },
  fn: string,
): CsatCore {
  const scale = options.scale === undefined ? CSAT_SCALE : checkScale(options.scale, fn);
  const threshold = checkScorePoint(
    options.satisfiedFrom,
    scale,
    scale.max - 1,
    fn,
    "satisfiedFrom",
  );
  const d = toDistribution(input, scale, fn);
  let satisfied = 0;
  for (let score = threshold; score <= scale.max; score++)
    satisfied += d.counts[score - scale.min] as number;
  return { d, satisfied, share: satisfied / d.total, threshold };
}

/**
 * Customer satisfaction (CSAT): the percentage of responses at or above a threshold — by
 * default the top two boxes (4–5 on the 1–5 scale) — with its standard error and a confidence
 * interval for the proportion.
 *
 * Interval methods, after Brown, Cai & DasGupta (2001, Statistical Science 16(2)), which
 * recommend Wilson or Jeffreys for general use and warn against Wald: `"wilson"` (default),
 * `"agresti-coull"`, `"clopper-pearson"` (exact, conservative), `"jeffreys"` (equal-tailed
 * Beta(x + ½, n − x + ½) with the bound at x = 0 set to 0 and at x = n to 1, per BCD §4.1.2),
 * and `"wald"`. Wald and Agresti–Coull bounds are clipped to [0, 100]. Weighted data use the
 * Kish effective sample size as n and the weighted share as p.
 *
 * @param input - scores on the scale, or a distribution on it
 * @param options - `scale` (default 1–5), `satisfiedFrom`, `interval`, `level`, `minSampleSize`
 * @returns score (percent), satisfied count and share, mean, standard error, interval
 * @throws {@link MetricError} `EMPTY_SAMPLE`; `SCORE_OUT_OF_SCALE`, `SCORE_NOT_INTEGER`,
 *   `NON_FINITE`, `INVALID_INPUT` for bad scores; `SCALE_MISMATCH`; `INVALID_SCALE`;
 *   `INVALID_LEVEL`; `INVALID_OPTION` for a bad threshold or method.
 *
 * @example
 * ```ts
 * import { csat } from "customer-metrics";
 * const result = csat([5, 4, 4, 3, 1]);
 * result.score; // => 60
 * result.mean; // => 3.4
 * csat([10, 9, 6], { scale: { min: 0, max: 10 }, satisfiedFrom: 9 }).satisfied; // => 2
 * ```
 *
 * @category Survey
 */
export function csat(
  input: Distribution | ScoreInput<number | bigint | null | undefined>,
  options: CsatOptions = {},
): CsatResult {
  return guarded("csat", () => {
    const fn = "csat";
    const read = readOptions(options, CSAT_OPTION_KEYS, fn);
    const level = checkLevel(read.level, fn);
    const method = checkChoice(read.interval, PROPORTION_METHODS, "wilson", fn, "interval");
    return csatResult(csatCore(input, read, fn), level, method, read.minSampleSize, fn);
  });
}

/** The CSAT result of a validated core. @internal */
export function csatResult(
  core: CsatCore,
  level: number,
  method: CsatIntervalMethod,
  minSampleSize: unknown,
  fn: string,
): CsatResult {
  const { d, satisfied, share, threshold } = core;
  const m = d.effectiveN;
  // Unweighted, the count itself (no rounding through the share); weighted, share × Kish n.
  const x = m === d.total ? satisfied : share * m;
  const [lower, upper] = proportionInterval(x, m, level, method);
  return {
    score: (100 * satisfied) / d.total,
    ...sampleSize(d, minSampleSize, fn),
    satisfied,
    shares: { satisfied: share },
    mean: moments(d).mean,
    ...(m > 1 ? { standardError: 100 * Math.sqrt((share * (1 - share)) / m) } : {}),
    interval: { lower: 100 * lower, upper: 100 * upper, level, method },
    satisfiedFrom: threshold,
  };
}
