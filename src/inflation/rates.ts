import { finiteResult } from "../common/finite.js";
import { readOptions } from "../common/options.js";
import type { PeriodFrequency } from "../common/period.js";
import { readSeries } from "../common/series.js";
import { describeValue, guarded, MetricError } from "../errors/metric-error.js";
import { compensatedSum } from "../stats/sum.js";
import { checkAmount } from "./amount.js";

/**
 * Check one rate (a fraction: 0.03 = 3 %): finite and above −1 (−100 % would wipe out all
 * prices, and below that prices turn negative). Deflation (a negative rate above −1) is valid.
 *
 * @internal
 */
export function checkRate(rate: unknown, fn: string, where: string): number {
  if (typeof rate !== "number") {
    throw new MetricError(
      "INVALID_INPUT",
      `${where} must be a number (a fraction: 0.03 = 3 %); got ${describeValue(rate)}`,
      { fn, value: rate, field: where },
    );
  }
  if (!Number.isFinite(rate) || rate <= -1) {
    throw new MetricError(
      "INVALID_RATE",
      `${where} must be a finite fraction above −1 (−100 %); got ${describeValue(rate)}`,
      { fn, value: rate, field: where },
    );
  }
  return rate;
}

/**
 * Σ ln(1 + πᵢ) over a series of rates, validated — or over one rate, for the `inflation`
 * argument — and the number of rates: the log of the price level ratio.
 */
function logGrowth(inflation: unknown, fn: string, field: string): { log: number; n: number } {
  if (typeof inflation === "number" && field === "inflation") {
    return { log: Math.log1p(checkRate(inflation, fn, field)), n: 1 };
  }
  const what = `${field === "inflation" ? "a rate or " : ""}a series of period rates`;
  const series = readSeries(inflation, fn, field, what);
  // A plain loop: a hole (which map would pass over) is checked, and refused, like any rate.
  const logs = new Array<number>(series.length);
  for (let i = 0; i < series.length; i++) {
    logs[i] = Math.log1p(checkRate(series[i], fn, `${field}[${i}]`));
  }
  return { log: compensatedSum(logs), n: series.length };
}

function checkPeriods(periods: unknown, fn: string): number {
  if (typeof periods !== "number" || !Number.isFinite(periods) || periods < 0) {
    throw new MetricError(
      "INVALID_OPTION",
      `periods must be a finite number ≥ 0; got ${describeValue(periods)}`,
      {
        fn,
        value: periods,
        field: "periods",
      },
    );
  }
  return periods;
}

/**
 * Options of {@link purchasingPower}.
 *
 * @category Inflation
 */
export interface PurchasingPowerOptions {
  /** With a single rate: how many periods it compounds over (may be fractional); default 1. */
  readonly periods?: number;
}

/**
 * The purchasing power of an amount after inflation: what it buys, in base-period money, once
 * prices have risen by one rate over `periods` periods, or by a series of period rates
 * compounded: amount / Π(1 + πᵢ). A fall in purchasing power need not come from falling income —
 * rising prices alone cause it (the source texts' definition).
 *
 * @param amount - money of the base period (any finite number, in any currency unit)
 * @param inflation - one rate per period as a fraction (0.03 = 3 %), or a series of period rates
 * @param options - `periods` for a single rate
 * @returns the amount's value in base-period money, in the same currency unit
 * @throws {@link MetricError} `INVALID_RATE` for a rate ≤ −1 or not finite; `NON_FINITE` for a
 *   non-finite amount or result; `INVALID_OPTION` for bad `periods`, or `periods` with a series;
 *   `INVALID_INPUT` when `inflation` is neither a number nor an array, typed array or iterable.
 *
 * @example
 * ```ts
 * import { purchasingPower } from "customer-metrics";
 * purchasingPower(1000, 0.25); // => 800
 * purchasingPower(1000, 0.02, { periods: 10 }).toFixed(2); // => "820.35"
 * purchasingPower(100, [0.1, -0.5]).toFixed(4); // => "181.8182"
 * ```
 *
 * @category Inflation
 */
export function purchasingPower(
  amount: number,
  inflation: number | Iterable<number>,
  options: PurchasingPowerOptions = {},
): number {
  return guarded("purchasingPower", () => {
    const fn = "purchasingPower";
    const read = readOptions(options, ["periods"], fn);
    const value = checkAmount(amount, fn);
    if (read.periods !== undefined && typeof inflation !== "number") {
      throw new MetricError(
        "INVALID_OPTION",
        "periods goes with a single rate, not with a series",
        {
          fn,
          value: read.periods,
          field: "periods",
        },
      );
    }
    const periods = read.periods === undefined ? 1 : checkPeriods(read.periods, fn);
    return finiteResult(value * Math.exp(-periods * logGrowth(inflation, fn, "inflation").log), fn);
  });
}

/**
 * The real change of a nominal change once inflation is taken out: (1 + g)/(1 + π) − 1,
 * computed as (g − π)/(1 + π), which does not cancel when g and π are close.
 *
 * @param nominalChange - the nominal change g as a fraction (e.g. a 5 % pay rise: 0.05), ≥ −1
 * @param inflation - the inflation π over the same time, as a fraction, > −1
 * @returns the real change as a fraction
 * @throws {@link MetricError} `INVALID_RATE` for π ≤ −1, g < −1, or non-finite rates.
 *
 * @example
 * ```ts
 * import { realChange } from "customer-metrics";
 * realChange(0.05, 0.05); // => 0
 * realChange(0.1, 0); // => 0.1
 * realChange(0.03, 0.08).toFixed(4); // => "-0.0463"
 * ```
 *
 * @category Inflation
 */
export function realChange(nominalChange: number, inflation: number): number {
  return guarded("realChange", () => {
    const fn = "realChange";
    const pi = checkRate(inflation, fn, "inflation");
    if (
      typeof nominalChange !== "number" ||
      !Number.isFinite(nominalChange) ||
      nominalChange < -1
    ) {
      throw new MetricError(
        "INVALID_RATE",
        `nominalChange must be a finite fraction ≥ −1 (−100 %); got ${describeValue(nominalChange)}`,
        { fn, value: nominalChange, field: "nominalChange" },
      );
    }
    return finiteResult((nominalChange - pi) / (1 + pi), fn);
  });
}

/**
 * The cumulative inflation of a series of period rates: Π(1 + πᵢ) − 1, computed as
 * expm1(Σ ln(1 + πᵢ)) so that small rates keep their precision. Cumulative inflation of a
 * concatenation composes: (1 + c(a ++ b)) = (1 + c(a))(1 + c(b)).
 *
 * @param rates - period rates as fractions, each > −1 (an empty series gives 0)
 * @returns the cumulative rate as a fraction
 * @throws {@link MetricError} `INVALID_RATE`; `INVALID_INPUT` when `rates` is not an array,
 *   typed array or iterable; `NON_FINITE` when the price level overflows.
 *
 * @example
 * ```ts
 * import { cumulativeInflation } from "customer-metrics";
 * cumulativeInflation([0.1, 0.1]).toFixed(2); // => "0.21"
 * cumulativeInflation([]); // => 0
 * cumulativeInflation(new Float64Array([0.1, 0.1])).toFixed(2); // => "0.21"
 * ```
 *
 * @category Inflation
 */
export function cumulativeInflation(rates: Iterable<number>): number {
  return guarded("cumulativeInflation", () => {
    const fn = "cumulativeInflation";
    return finiteResult(Math.expm1(logGrowth(rates, fn, "rates").log), fn);
  });
}

/**
 * The average inflation per period of a series: the geometric mean rate
 * (Π(1 + πᵢ))^(1/n) − 1 — the constant rate that gives the same cumulative inflation.
 *
 * @param rates - period rates as fractions, each > −1, at least one
 * @returns the average rate per period as a fraction
 * @throws {@link MetricError} `EMPTY_SAMPLE` for an empty series; `INVALID_RATE`;
 *   `INVALID_INPUT` when `rates` is not an array, typed array or iterable.
 *
 * @example
 * ```ts
 * import { averageInflation } from "customer-metrics";
 * averageInflation([0.21, 0]).toFixed(4); // => "0.1000"
 * ```
 *
 * @category Inflation
 */
export function averageInflation(rates: Iterable<number>): number {
  return guarded("averageInflation", () => {
    const fn = "averageInflation";
    const { log, n } = logGrowth(rates, fn, "rates");
    if (n === 0) {
      throw new MetricError("EMPTY_SAMPLE", "the average of no rates does not exist", {
        fn,
        value: rates,
      });
    }
    return finiteResult(Math.expm1(log / n), fn);
  });
}

/**
 * The frequencies a rate can be expressed in: the same as a price index's
 * {@link PeriodFrequency}.
 *
 * @category Inflation
 */
export type RateFrequency = PeriodFrequency;

const PER_YEAR: Readonly<Record<RateFrequency, number>> = { year: 1, quarter: 4, month: 12 };

/**
 * Convert a compound rate between frequencies: (1 + r)^(k_from / k_to) − 1, where k is the
 * number of such periods in a year (computed as expm1(ln(1 + r)·k_from/k_to), exact to the last
 * bits for small rates).
 *
 * @param rate - the rate per `from` period, as a fraction > −1
 * @param from - the rate's period: `"year"`, `"quarter"` or `"month"`
 * @param to - the period to express it per
 * @returns the equivalent rate per `to` period
 * @throws {@link MetricError} `INVALID_RATE`; `INVALID_OPTION` for an unknown frequency;
 *   `NON_FINITE` when the result overflows.
 *
 * @example
 * ```ts
 * import { convertRate } from "customer-metrics";
 * convertRate(0.01, "month", "year").toFixed(6); // => "0.126825"
 * convertRate(0.1, "year", "quarter").toFixed(6); // => "0.024114"
 * ```
 *
 * @category Inflation
 */
export function convertRate(rate: number, from: RateFrequency, to: RateFrequency): number {
  return guarded("convertRate", () => {
    return convertRateAs("convertRate", rate, from, to);
  });
}

/** {@link convertRate} under the name of the function the user called. */
function convertRateAs(fn: string, rate: unknown, from: unknown, to: unknown): number {
  const r = checkRate(rate, fn, "rate");
  for (const [field, value] of [
    ["from", from],
    ["to", to],
  ] as const) {
    if (typeof value !== "string" || !Object.hasOwn(PER_YEAR, value)) {
      throw new MetricError(
        "INVALID_OPTION",
        `${field} must be "year", "quarter" or "month"; got ${describeValue(value)}`,
        {
          fn,
          value,
          field,
        },
      );
    }
  }
  if (from === to) return r;
  const ratio = PER_YEAR[from as RateFrequency] / PER_YEAR[to as RateFrequency];
  return finiteResult(Math.expm1(Math.log1p(r) * ratio), fn);
}

/**
 * The annual rate of a monthly rate: (1 + r)¹² − 1.
 *
 * @param rate - the monthly rate as a fraction > −1
 * @returns the annual rate
 * @throws {@link MetricError} `INVALID_RATE`; `NON_FINITE` when the result overflows.
 *
 * @example
 * ```ts
 * import { monthlyToAnnual } from "customer-metrics";
 * monthlyToAnnual(0.005).toFixed(5); // => "0.06168"
 * ```
 *
 * @category Inflation
 */
export function monthlyToAnnual(rate: number): number {
  return guarded("monthlyToAnnual", () => {
    return convertRateAs("monthlyToAnnual", rate, "month", "year");
  });
}

/**
 * The monthly rate of an annual rate: (1 + r)^(1/12) − 1.
 *
 * @param rate - the annual rate as a fraction > −1
 * @returns the monthly rate
 * @throws {@link MetricError} `INVALID_RATE`.
 *
 * @example
 * ```ts
 * import { annualToMonthly } from "customer-metrics";
 * annualToMonthly(0.06168).toFixed(5); // => "0.00500"
 * ```
 *
 * @category Inflation
 */
export function annualToMonthly(rate: number): number {
  return guarded("annualToMonthly", () => {
    return convertRateAs("annualToMonthly", rate, "year", "month");
  });
}
