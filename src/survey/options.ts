import { describeValue, MetricError } from "../errors/metric-error.js";
import { normalQuantile } from "../stats/normal.js";

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
}

/** The default confidence level. @internal */
export const DEFAULT_LEVEL = 0.95;
/** The default low-base threshold. @internal */
export const DEFAULT_MIN_SAMPLE_SIZE = 30;

/** Validate a confidence level. @internal */
export function checkLevel(level: unknown, fn: string): number {
  if (level === undefined) return DEFAULT_LEVEL;
  if (typeof level !== "number" || !(level > 0 && level < 1)) {
    throw new MetricError(
      "INVALID_LEVEL",
      `the confidence level must be a number strictly between 0 and 1; got ${describeValue(level)}`,
      { fn, value: level, field: "level" },
    );
  }
  return level;
}

/** z with P(Z > z) = (1 − level)/2: the two-sided normal critical value. @internal */
export function normalCritical(level: number): number {
  return normalQuantile((1 - level) / 2, true);
}

/** The n / effectiveN / lowBase block of a result. @internal */
export function sampleSize(
  n: number,
  effectiveN: number,
  minSampleSize: unknown,
  fn: string,
): SampleSize {
  const threshold = minSampleSize ?? DEFAULT_MIN_SAMPLE_SIZE;
  if (typeof threshold !== "number" || !Number.isFinite(threshold) || threshold < 0) {
    throw new MetricError(
      "INVALID_OPTION",
      `minSampleSize must be a finite number ≥ 0; got ${describeValue(minSampleSize)}`,
      { fn, value: minSampleSize, field: "minSampleSize" },
    );
  }
  return { n, effectiveN, lowBase: effectiveN < threshold };
}

/** Check a choice option against its allowed values. @internal */
export function checkChoice<T extends string>(
  value: unknown,
  allowed: readonly T[],
  fallback: T,
  fn: string,
  field: string,
): T {
  if (value === undefined) return fallback;
  if (typeof value === "string" && (allowed as readonly string[]).includes(value))
    return value as T;
  throw new MetricError(
    "INVALID_OPTION",
    `${field} must be one of ${allowed.map((a) => `"${a}"`).join(", ")}; got ${describeValue(value)}`,
    { fn, value, field },
  );
}

/** Clip x to [lo, hi]. @internal */
export function clip(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}
