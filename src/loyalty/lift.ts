/**
 * The lift of existing over new customers — "existing customers try new products 50 % more often
 * and spend 31 % more" — as ratios with confidence intervals.
 *
 * @module
 */

import { checkLevel, normalCritical, readOptions } from "../common/options.js";
import type { ConfidenceInterval } from "../common/results.js";
import { readSeries } from "../common/series.js";
import { countValue } from "../distribution/distribution.js";
import { describeValue, guarded, inArgument, MetricError } from "../errors/metric-error.js";
import { normalUpperTail } from "../stats/normal.js";
import { studentTQuantile, studentTTwoSided } from "../stats/student-t.js";
import { compensatedMean } from "../stats/sum.js";
import { welchDifference } from "../stats/welch.js";

/**
 * A ratio of one group's measure to another's, with its interval and the p-value of "no lift"
 * (ratio = 1).
 *
 * @typeParam M - the interval method
 * @category Loyalty
 */
export interface Lift<M extends string = string> {
  /** The ratio, existing / new (1.5 = 50 % more). */
  readonly ratio: number;
  /** The interval of the ratio (not symmetric: it is symmetric on the log scale). */
  readonly interval: ConfidenceInterval<M>;
  /** Two-sided p-value of ratio = 1. */
  readonly pValue: number;
  /** pValue < 1 − level. */
  readonly significant: boolean;
}

/**
 * The lift of {@link spendLift}: a ratio of geometric means, with Welch's degrees of freedom.
 *
 * @category Loyalty
 */
export interface SpendLift extends Lift<"welch-log"> {
  /** Welch–Satterthwaite degrees of freedom of the difference of mean log spends. */
  readonly degreesOfFreedom: number;
}

/**
 * A group's trial count: of `customers`, how many `tried` (e.g. bought a product new to them).
 *
 * @category Loyalty
 */
export interface TrialCounts {
  /** Customers who tried, 0 ≤ tried ≤ customers. */
  readonly tried: number | bigint;
  /** Customers in the group, > 0. */
  readonly customers: number | bigint;
}

/** Read one group's counts, naming the group. */
function trialCounts(
  group: unknown,
  name: string,
  fn: string,
): { tried: number; customers: number } {
  const given = readOptions(group as TrialCounts, ["tried", "customers"], fn);
  const tried = countValue(given.tried, false);
  const customers = countValue(given.customers, false);
  if (tried === undefined || customers === undefined || tried > customers || customers === 0) {
    throw new MetricError(
      "INVALID_COUNT",
      `${name} must be { tried, customers }: whole numbers with 0 ≤ tried ≤ customers and customers > 0; got ${describeValue(group)}`,
      { fn, value: group, field: name },
    );
  }
  return { tried, customers };
}

/**
 * How much more often existing customers try something than new ones: the ratio of the two
 * proportions (a relative risk), (x₁/n₁)/(x₂/n₂), with the Katz log interval
 * exp(ln RR ± z·√(1/x₁ − 1/n₁ + 1/x₂ − 1/n₂)) (Katz, Baptista, Azen & Pike 1978, *Biometrics*
 * 34: 469–474; the interval of scipy's `relative_risk`), and the p-value of the matching Wald
 * test of ln RR = 0.
 *
 * @param existing - existing customers: `tried` of `customers`
 * @param newcomers - new customers: `tried` of `customers`
 * @param options - `level` (default 0.95)
 * @returns the ratio, its interval, the p-value
 * @throws {@link MetricError} `INVALID_COUNT` for counts that are not whole numbers with
 *   0 ≤ tried ≤ customers, customers > 0; `EMPTY_SAMPLE` when no one in a group tried (the ratio
 *   is 0 or infinite, and the log interval does not exist); `INVALID_LEVEL`; `INVALID_OPTION`.
 *
 * @example
 * ```ts
 * import { trialLift } from "customer-metrics";
 * // 120 of 400 existing customers tried the new range, 40 of 200 new customers did.
 * const lift = trialLift({ tried: 120, customers: 400 }, { tried: 40, customers: 200 });
 * lift.ratio; // => 1.5
 * [Math.round(lift.interval.lower * 1000) / 1000, Math.round(lift.interval.upper * 1000) / 1000]; // => [1.095, 2.055]
 * lift.significant; // => true
 * ```
 *
 * @category Loyalty
 */
export function trialLift(
  existing: TrialCounts,
  newcomers: TrialCounts,
  options: { readonly level?: number } = {},
): Lift<"katz-log"> {
  return guarded("trialLift", () => {
    const fn = "trialLift";
    const level = checkLevel(readOptions(options, ["level"], fn).level, fn);
    const a = trialCounts(existing, "existing", fn);
    const b = trialCounts(newcomers, "newcomers", fn);
    const none = a.tried === 0 ? "existing" : b.tried === 0 ? "newcomers" : undefined;
    if (none !== undefined) {
      throw new MetricError(
        "EMPTY_SAMPLE",
        `no one among the ${none} tried: the ratio is ${none === "existing" ? "0" : "infinite"} and its log interval does not exist`,
        { fn, value: 0, field: none },
      );
    }
    // As one quotient of counts, so that a ratio such as 1.5 comes out exactly.
    const logRatio = Math.log((a.tried * b.customers) / (a.customers * b.tried));
    const standardError = Math.sqrt(1 / a.tried - 1 / a.customers + 1 / b.tried - 1 / b.customers);
    return logRatioLift(
      logRatio,
      standardError,
      normalCritical(level),
      level,
      "katz-log",
      fn,
      () =>
        standardError === 0
          ? logRatio === 0
            ? 1
            : 0
          : 2 * normalUpperTail(Math.abs(logRatio / standardError)),
    );
  });
}

/**
 * A lift from a log ratio, its standard error and a critical value; `NON_FINITE` when the ratio
 * or its upper bound is past the largest double (e⁷⁰⁹·⁸), as spends from 1e-300 to 1e300 can make it.
 * Not common/finite's `finiteResult`: its advice, to rescale the inputs, cannot help a ratio,
 * which rescaling leaves as it is; this message gives the log instead.
 */
function logRatioLift<M extends string>(
  logRatio: number,
  standardError: number,
  critical: number,
  level: number,
  method: M,
  fn: string,
  pValue: () => number,
): Lift<M> {
  const p = Math.min(1, pValue());
  const spread = critical * standardError;
  const ratio = Math.exp(logRatio);
  const upper = Math.exp(logRatio + spread);
  if (!Number.isFinite(upper)) {
    const [what, log] = Number.isFinite(ratio)
      ? ["upper bound of the ratio", logRatio + spread]
      : ["ratio", logRatio];
    throw new MetricError(
      "NON_FINITE",
      `the ${what} is past the largest number (e^${log.toPrecision(6)}): the groups are too far apart, or too spread out`,
      { fn, value: log },
    );
  }
  return {
    ratio,
    interval: {
      lower: Math.exp(logRatio - spread),
      upper,
      level,
      method,
    },
    pValue: p,
    significant: p < 1 - level,
  };
}

/** The mean and variance of the logs of a group's spends, refusing what has no log. */
function logSpends(
  values: unknown,
  name: string,
  fn: string,
): { mean: number; variance: number; n: number } {
  return inArgument(name, () => {
    const spends = readSeries(values, fn, name, "a series of spends");
    const logs = new Float64Array(spends.length);
    for (let i = 0; i < spends.length; i++) {
      const v = spends[i];
      if (typeof v !== "number" || !Number.isFinite(v) || v <= 0) {
        throw new MetricError(
          typeof v === "number" && v < 0 ? "NEGATIVE_AMOUNT" : "INVALID_INPUT",
          `${name}[${i}] must be a finite spend > 0 (a customer who spent nothing has no log: leave them out, or compare trial instead); got ${describeValue(v)}`,
          { fn, index: i, value: v, field: name },
        );
      }
      logs[i] = Math.log(v);
    }
    if (logs.length < 2) {
      throw new MetricError(
        "EMPTY_SAMPLE",
        `${name} has ${logs.length} spend${logs.length === 1 ? "" : "s"}: Welch's interval needs at least 2 in each group`,
        { fn, value: logs.length, field: name },
      );
    }
    const mean = compensatedMean(logs);
    let squares = 0;
    for (const v of logs) squares += (v - mean) ** 2;
    return { mean, variance: squares / (logs.length - 1), n: logs.length };
  });
}

/**
 * How much more existing customers spend than new ones: the ratio of the geometric means of the
 * two groups' spends, exp(mean ln x₁ − mean ln x₂), with the interval and p-value of Welch's t
 * test on the log spends (Welch 1947), back-transformed — the usual analysis of right-skewed
 * money amounts (as `exp(t.test(log(x), log(y))$conf.int)` in R). It is a ratio of geometric,
 * not arithmetic, means: for log-normal spends with equal log variances the two coincide.
 *
 * @param existing - per-customer spends of existing customers, each > 0 (an array, a typed array
 *   or any iterable)
 * @param newcomers - per-customer spends of new customers, each > 0
 * @param options - `level` (default 0.95)
 * @returns the ratio, its interval, the p-value and Welch's degrees of freedom
 * @throws {@link MetricError} `INVALID_INPUT` for a spend that is not a finite number > 0 (naming
 *   the group and position) or a group that is not an array, typed array or iterable;
 *   `NEGATIVE_AMOUNT`; `EMPTY_SAMPLE` for a group with fewer than 2 spends, or two groups with
 *   no spread at all; `NON_FINITE` when the ratio or its upper bound is past the largest number (spends from 1e-300 to 1e300);
 *   `INVALID_LEVEL`; `INVALID_OPTION`.
 *
 * @example
 * ```ts
 * import { spendLift } from "customer-metrics";
 * const lift = spendLift([130, 95, 160, 120, 150, 110], [90, 100, 85, 120, 105, 80]);
 * Math.round(lift.ratio * 1000) / 1000; // => 1.311
 * lift.interval.method; // => "welch-log"
 * ```
 *
 * @category Loyalty
 */
export function spendLift(
  existing: Iterable<number>,
  newcomers: Iterable<number>,
  options: { readonly level?: number } = {},
): SpendLift {
  return guarded("spendLift", () => {
    const fn = "spendLift";
    const level = checkLevel(readOptions(options, ["level"], fn).level, fn);
    const a = logSpends(existing, "existing", fn);
    const b = logSpends(newcomers, "newcomers", fn);
    const seA = Math.sqrt(a.variance / a.n);
    const seB = Math.sqrt(b.variance / b.n);
    if (!(Math.max(seA, seB) > 0)) {
      throw new MetricError(
        "EMPTY_SAMPLE",
        "every spend in each group is the same: the ratio has no spread to test",
        { fn, value: [a.n, b.n] },
      );
    }
    const { standardError, degreesOfFreedom } = welchDifference(seA, a.n, seB, b.n);
    const logRatio = a.mean - b.mean;
    const critical = studentTQuantile((1 - level) / 2, degreesOfFreedom, true);
    return {
      ...logRatioLift(logRatio, standardError, critical, level, "welch-log", fn, () =>
        studentTTwoSided(logRatio / standardError, degreesOfFreedom),
      ),
      degreesOfFreedom,
    };
  });
}
