import { checkNumber } from "../common/options.js";
import { describeValue, MetricError } from "../errors/metric-error.js";

/**
 * An integer rating scale from `min` to `max` inclusive, e.g. 0–10 for NPS.
 *
 * @category Distribution
 */
export interface Scale {
  /** The lowest score on the scale (an integer). */
  readonly min: number;
  /** The highest score on the scale (an integer, greater than `min`). */
  readonly max: number;
}

/**
 * The 0–10 "How likely are you to recommend …?" scale of the Net Promoter Score
 * (Reichheld 2003).
 *
 * @example
 * ```ts
 * import { NPS_SCALE } from "customer-metrics";
 * NPS_SCALE; // => { min: 0, max: 10 }
 * ```
 *
 * @category Distribution
 */
export const NPS_SCALE: Scale = Object.freeze({ min: 0, max: 10 });

/**
 * The 1–5 "How satisfied were you …?" scale of CSAT (1 = very dissatisfied, 5 = very satisfied).
 *
 * @example
 * ```ts
 * import { CSAT_SCALE } from "customer-metrics";
 * CSAT_SCALE; // => { min: 1, max: 5 }
 * ```
 *
 * @category Distribution
 */
export const CSAT_SCALE: Scale = Object.freeze({ min: 1, max: 5 });

/**
 * The 1–7 agreement scale of CES 2.0 ("The company made it easy for me to handle my issue":
 * 1 = strongly disagree, 7 = strongly agree).
 *
 * @example
 * ```ts
 * import { CES_SCALE } from "customer-metrics";
 * CES_SCALE; // => { min: 1, max: 7 }
 * ```
 *
 * @category Distribution
 */
export const CES_SCALE: Scale = Object.freeze({ min: 1, max: 7 });

/** The most points a scale may have; a distribution stores one count per point. */
export const MAX_SCALE_POINTS = 1001;

/**
 * Check that `scale` is a usable integer scale and return it as a fresh frozen object.
 *
 * @internal
 */
export function checkScale(scale: unknown, fn: string): Scale {
  const candidate = scale as Partial<Scale> | null | undefined;
  const min = candidate?.min;
  const max = candidate?.max;
  if (
    typeof scale !== "object" ||
    scale === null ||
    !Number.isSafeInteger(min) ||
    !Number.isSafeInteger(max) ||
    (min as number) >= (max as number) ||
    (max as number) - (min as number) + 1 > MAX_SCALE_POINTS
  ) {
    throw new MetricError(
      "INVALID_SCALE",
      `a scale needs integer min < max with at most ${MAX_SCALE_POINTS} points; got ${describeValue(scale)}`,
      { fn, value: scale, field: "scale" },
    );
  }
  return Object.freeze({ min: min as number, max: max as number });
}

/** Whether two scales are the same. @internal */
export function sameScale(a: Scale, b: Scale): boolean {
  return a.min === b.min && a.max === b.max;
}

/** Throw `SCALE_MISMATCH` unless the scales are the same. @internal */
export function requireSameScale(expected: Scale, actual: Scale, fn: string, what: string): void {
  if (!sameScale(expected, actual)) {
    throw new MetricError(
      "SCALE_MISMATCH",
      `${what} is on the scale ${actual.min}–${actual.max}, but ${expected.min}–${expected.max} is required`,
      { fn, value: actual, field: "scale" },
    );
  }
}

/**
 * A score that marks a threshold on the scale (`satisfiedFrom`, `easyFrom`): an integer from
 * `scale.min` to `scale.max` (default `fallback`).
 *
 * @internal
 */
export function checkScorePoint(
  value: unknown,
  scale: Scale,
  fallback: number,
  fn: string,
  field: string,
): number {
  return checkNumber(value, { min: scale.min, max: scale.max, integer: true }, fallback, fn, field);
}
