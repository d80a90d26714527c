/**
 * The pieces every statistical result shares: a confidence interval and the sample-size block.
 *
 * @module
 */
import { checkNumber } from "./options.js";

/**
 * A two-sided confidence interval, in the unit of the score it belongs to.
 *
 * @typeParam M - the names of the methods that can produce it
 * @category Survey
 */
export interface ConfidenceInterval<M extends string = string> {
  /** Lower bound (clipped to the parameter's range where the method can overshoot it). */
  readonly lower: number;
  /** Upper bound (clipped likewise). */
  readonly upper: number;
  /** The confidence level, in (0, 1), e.g. 0.95. */
  readonly level: number;
  /** The method that produced it. */
  readonly method: M;
}

/**
 * The interval methods for a proportion (Brown, Cai & DasGupta 2001): `"wilson"` (the default
 * everywhere), `"agresti-coull"`, `"clopper-pearson"`, `"jeffreys"`, `"wald"` — the methods CSAT,
 * retention and funnel conversions share.
 *
 * @category Survey
 */
export type ProportionIntervalMethod =
  | "wilson"
  | "agresti-coull"
  | "clopper-pearson"
  | "jeffreys"
  | "wald";

/**
 * Options shared by every survey metric.
 *
 * @category Survey
 */
export interface SurveyOptions {
  /** Confidence level of the interval, strictly between 0 and 1. Default 0.95. */
  readonly level?: number;
  /**
   * Below this effective sample size the result is flagged `lowBase: true`. Default 30 — a
   * common reporting convention in survey research (a rule of thumb, not a statistical law).
   */
  readonly minSampleSize?: number;
}

/**
 * The sample-size facts every survey result carries.
 *
 * @category Survey
 */
export interface SampleSize {
  /** Responses counted (unweighted rows). */
  readonly n: number;
  /** Kish effective sample size (equals `n` when unweighted). */
  readonly effectiveN: number;
  /** `true` when `effectiveN` is below the `minSampleSize` option (default 30). */
  readonly lowBase: boolean;
  /** Rows left out as invalid under `invalid: "skip"` (0 otherwise): counted, never lost. */
  readonly skipped: number;
  /** Missing answers (`null`, `undefined`, holes) left out: counted apart from invalid rows. */
  readonly missing: number;
}

/** The row counts behind a result. @internal */
export interface RowCounts {
  readonly n: number;
  readonly effectiveN: number;
  readonly skipped: number;
  readonly missing: number;
}

/** The default low-base threshold. @internal */
export const DEFAULT_MIN_SAMPLE_SIZE = 30;

/** The option keys of {@link SurveyOptions}. @internal */
export const SURVEY_OPTION_KEYS = ["level", "minSampleSize"] as const;

/** The n / effectiveN / lowBase block of a result. @internal */
export function sampleSize(rows: RowCounts, minSampleSize: unknown, fn: string): SampleSize {
  // `?? undefined`: a null minSampleSize has always meant the default (unlike a null level).
  const threshold = checkNumber(
    minSampleSize ?? undefined,
    { min: 0, max: Number.MAX_VALUE },
    DEFAULT_MIN_SAMPLE_SIZE,
    fn,
    "minSampleSize",
  );
  const { n, effectiveN, skipped, missing } = rows;
  return { n, effectiveN, lowBase: effectiveN < threshold, skipped, missing };
}
