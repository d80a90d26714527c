import { checkLevel, checkNumber, normalCritical, readOptions } from "../common/options.js";
import { describeValue, guarded, MetricError } from "../errors/metric-error.js";
import { netScoreVariance } from "../stats/net-score-interval.js";

/**
 * Options of the NPS planning helpers.
 *
 * @category Planning
 */
export interface NpsPlanningOptions {
  /** Confidence level; default 0.95. */
  readonly level?: number;
  /**
   * Expected promoter share, 0…1. With `detractorShare`, sets the variance
   * v = p + d − (p − d)²; without both, the worst case v = 1 (half promoters, half detractors).
   */
  readonly promoterShare?: number;
  /** Expected detractor share, 0…1 (see `promoterShare`). */
  readonly detractorShare?: number;
  /** Size of the customer base surveyed, for the finite population correction; default infinite. */
  readonly populationSize?: number;
}

/**
 * Options of the CSAT planning helpers.
 *
 * @category Planning
 */
export interface CsatPlanningOptions {
  /** Confidence level; default 0.95. */
  readonly level?: number;
  /** Expected satisfied share, 0…1; default 0.5 (the worst case). */
  readonly share?: number;
  /** Size of the customer base surveyed, for the finite population correction; default infinite. */
  readonly populationSize?: number;
}

function fail(fn: string, field: string, value: unknown, rule: string): never {
  throw new MetricError("INVALID_OPTION", `${field} must be ${rule}; got ${describeValue(value)}`, {
    fn,
    value,
    field,
  });
}

/** An expected share, in [0, 1]. */
function checkShare(value: unknown, fallback: number, fn: string, field: string): number {
  return checkNumber(value, { min: 0, max: 1 }, fallback, fn, field);
}

function checkPopulation(value: unknown, fn: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 2) {
    fail(fn, "populationSize", value, "a whole number ≥ 2");
  }
  return value;
}

const NPS_PLANNING_KEYS = ["level", "promoterShare", "detractorShare", "populationSize"] as const;
const CSAT_PLANNING_KEYS = ["level", "share", "populationSize"] as const;

function npsVariance(
  options: { readonly promoterShare?: unknown; readonly detractorShare?: unknown },
  fn: string,
): number {
  const { promoterShare, detractorShare } = options;
  if (promoterShare === undefined && detractorShare === undefined) return 1;
  if (promoterShare === undefined || detractorShare === undefined) {
    fail(
      fn,
      promoterShare === undefined ? "promoterShare" : "detractorShare",
      undefined,
      "given with the other share",
    );
  }
  const p = checkShare(promoterShare, 0, fn, "promoterShare");
  const d = checkShare(detractorShare, 0, fn, "detractorShare");
  if (p + d > 1 + 1e-12) fail(fn, "promoterShare + detractorShare", p + d, "at most 1");
  return netScoreVariance(p, d);
}

function checkSampleSize(n: unknown, fn: string, population: number | undefined): number {
  if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 1) {
    throw new MetricError(
      "INVALID_INPUT",
      `the sample size must be a whole number ≥ 1; got ${describeValue(n)}`,
      {
        fn,
        value: n,
        field: "n",
      },
    );
  }
  if (population !== undefined && n > population)
    fail(fn, "n", n, `at most populationSize (${population})`);
  return n;
}

function checkMargin(margin: unknown, fn: string, max: number): number {
  if (typeof margin !== "number" || !(margin > 0 && margin <= max)) {
    throw new MetricError(
      "INVALID_INPUT",
      `the target margin must be a number in (0, ${max}] points; got ${describeValue(margin)}`,
      { fn, value: margin, field: "margin" },
    );
  }
  return margin;
}

/** z·√(v/n)·√((N − n)/(N − 1)), in the unit of √v. */
function margin(
  variance: number,
  n: number,
  level: number,
  population: number | undefined,
): number {
  const correction = population === undefined ? 1 : Math.sqrt((population - n) / (population - 1));
  return normalCritical(level) * Math.sqrt(variance / n) * correction;
}

/** n₀ = z²v/e², then n = n₀ / (1 + (n₀ − 1)/N) with a finite population; rounded up. */
function sampleSizeFor(
  variance: number,
  target: number,
  level: number,
  population: number | undefined,
  fn: string,
): number {
  const z = normalCritical(level);
  const n0 = (z * z * variance) / (target * target);
  const n = population === undefined ? n0 : n0 / (1 + (n0 - 1) / population);
  // Round up, forgiving float noise of a relative 1e-12 just above a whole number.
  const size = Math.max(1, Math.ceil(n * (1 - 1e-12)));
  if (!Number.isSafeInteger(size)) {
    throw new MetricError(
      "NON_FINITE",
      `a margin of ${target * 100} points needs more than 2^53 − 1 responses (${size})`,
      { fn, value: target * 100, field: "margin" },
    );
  }
  return size;
}

/**
 * The margin of error (half-width of the Wald confidence interval) of an NPS from n responses,
 * in points: 100·z·√(v/n), v = p + d − (p − d)² from the expected shares (worst case v = 1),
 * times the finite population correction √((N − n)/(N − 1)) when `populationSize` is given.
 *
 * @param n - planned number of responses
 * @param options - `level`, expected `promoterShare` and `detractorShare`, `populationSize`
 * @returns the margin of error in NPS points
 * @throws {@link MetricError} `INVALID_INPUT` for a bad n; `INVALID_LEVEL`; `INVALID_OPTION`
 *   for bad shares or population.
 *
 * @example
 * ```ts
 * import { npsMarginOfError } from "customer-metrics";
 * Math.round(npsMarginOfError(400) * 10) / 10; // => 9.8
 * ```
 *
 * @category Planning
 */
export function npsMarginOfError(n: number, options: NpsPlanningOptions = {}): number {
  return guarded("npsMarginOfError", () => {
    const fn = "npsMarginOfError";
    const read = readOptions(options, NPS_PLANNING_KEYS, fn);
    const level = checkLevel(read.level, fn);
    const population = checkPopulation(read.populationSize, fn);
    return (
      100 * margin(npsVariance(read, fn), checkSampleSize(n, fn, population), level, population)
    );
  });
}

/**
 * The number of responses needed for an NPS margin of error of at most `margin` points:
 * n₀ = z²v/(margin/100)², reduced to n₀/(1 + (n₀ − 1)/N) for a finite population, rounded up.
 *
 * @param margin - the target margin of error in NPS points, in (0, 200]
 * @param options - `level`, expected `promoterShare` and `detractorShare`, `populationSize`
 * @returns the number of responses (at least 1)
 * @throws {@link MetricError} `INVALID_INPUT` for a bad margin; `INVALID_LEVEL`;
 *   `INVALID_OPTION` for bad shares or population.
 *
 * @example
 * ```ts
 * import { npsSampleSize } from "customer-metrics";
 * npsSampleSize(5); // => 1537
 * npsSampleSize(5, { promoterShare: 0.5, detractorShare: 0.2 }); // => 938
 * ```
 *
 * @category Planning
 */
export function npsSampleSize(margin: number, options: NpsPlanningOptions = {}): number {
  return guarded("npsSampleSize", () => {
    const fn = "npsSampleSize";
    const read = readOptions(options, NPS_PLANNING_KEYS, fn);
    const level = checkLevel(read.level, fn);
    const population = checkPopulation(read.populationSize, fn);
    const target = checkMargin(margin, fn, 200) / 100;
    return sampleSizeFor(npsVariance(read, fn), target, level, population, fn);
  });
}

/**
 * The margin of error of a CSAT percentage from n responses, in percentage points:
 * 100·z·√(p(1 − p)/n) (worst case p = 0.5), times the finite population correction when
 * `populationSize` is given.
 *
 * @param n - planned number of responses
 * @param options - `level`, expected `share`, `populationSize`
 * @returns the margin of error in percentage points
 * @throws {@link MetricError} `INVALID_INPUT` for a bad n; `INVALID_LEVEL`; `INVALID_OPTION`.
 *
 * @example
 * ```ts
 * import { csatMarginOfError } from "customer-metrics";
 * Math.round(csatMarginOfError(400) * 10) / 10; // => 4.9
 * ```
 *
 * @category Planning
 */
export function csatMarginOfError(n: number, options: CsatPlanningOptions = {}): number {
  return guarded("csatMarginOfError", () => {
    const fn = "csatMarginOfError";
    const read = readOptions(options, CSAT_PLANNING_KEYS, fn);
    const level = checkLevel(read.level, fn);
    const population = checkPopulation(read.populationSize, fn);
    const p = checkShare(read.share, 0.5, fn, "share");
    return 100 * margin(p * (1 - p), checkSampleSize(n, fn, population), level, population);
  });
}

/**
 * The number of responses needed for a CSAT margin of error of at most `margin` percentage
 * points: n₀ = z²p(1 − p)/(margin/100)², with the finite population reduction, rounded up.
 *
 * @param margin - the target margin in percentage points, in (0, 100]
 * @param options - `level`, expected `share`, `populationSize`
 * @returns the number of responses (at least 1)
 * @throws {@link MetricError} `INVALID_INPUT` for a bad margin; `INVALID_LEVEL`; `INVALID_OPTION`.
 *
 * @example
 * ```ts
 * import { csatSampleSize } from "customer-metrics";
 * csatSampleSize(5); // => 385
 * csatSampleSize(5, { populationSize: 2000 }); // => 323
 * ```
 *
 * @category Planning
 */
export function csatSampleSize(margin: number, options: CsatPlanningOptions = {}): number {
  return guarded("csatSampleSize", () => {
    const fn = "csatSampleSize";
    const read = readOptions(options, CSAT_PLANNING_KEYS, fn);
    const level = checkLevel(read.level, fn);
    const population = checkPopulation(read.populationSize, fn);
    const p = checkShare(read.share, 0.5, fn, "share");
    return sampleSizeFor(p * (1 - p), checkMargin(margin, fn, 100) / 100, level, population, fn);
  });
}
