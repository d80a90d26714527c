/**
 * What acquiring a customer costs, and how long its margin takes to pay that back.
 *
 * @module
 */

import { finiteNumber } from "../common/finite.js";
import { readOptions } from "../common/options.js";
import { readSeries } from "../common/series.js";
import { countValue } from "../distribution/distribution.js";
import { describeValue, guarded, MetricError } from "../errors/metric-error.js";

/** A finite amount ≥ 0, or `NEGATIVE_AMOUNT` / `INVALID_INPUT` naming it. */
function amountOf(given: unknown, fn: string, field: string): number {
  const value = finiteNumber(given, fn, field);
  if (value < 0) {
    throw new MetricError("NEGATIVE_AMOUNT", `${field} must be ≥ 0; got ${describeValue(value)}`, {
      fn,
      value,
      field,
    });
  }
  return value;
}

/**
 * Customer acquisition cost: what sales and marketing spent over a period divided by the
 * customers it acquired, in the spend's currency units per customer.
 *
 * @param input - `spend` (≥ 0) and `customers` acquired (a whole number ≥ 1, or a bigint)
 * @returns the cost per acquired customer
 * @throws {@link MetricError} `NEGATIVE_AMOUNT` for a negative spend; `INVALID_INPUT` for a spend
 *   that is not a finite number; `INVALID_COUNT` for customers that are not a whole number;
 *   `EMPTY_SAMPLE` for no customers acquired.
 *
 * @example
 * ```ts
 * import { acquisitionCost } from "customer-metrics";
 * acquisitionCost({ spend: 50000, customers: 400 }); // => 125
 * ```
 *
 * @category Acquisition
 */
export function acquisitionCost(input: {
  readonly spend: number;
  readonly customers: number | bigint;
}): number {
  return guarded("acquisitionCost", () => {
    const fn = "acquisitionCost";
    const read = readOptions(input, ["spend", "customers"], fn);
    const spend = amountOf(read.spend, fn, "spend");
    const customers = countValue(read.customers, false);
    if (customers === undefined) {
      throw new MetricError(
        "INVALID_COUNT",
        `customers must be a whole number ≥ 0; got ${describeValue(read.customers)}`,
        { fn, value: read.customers, field: "customers" },
      );
    }
    if (customers === 0) {
      throw new MetricError(
        "EMPTY_SAMPLE",
        "no customers were acquired: the cost per customer does not exist",
        {
          fn,
          value: 0,
          field: "customers",
        },
      );
    }
    return spend / customers;
  });
}

/**
 * The result of {@link paybackPeriod}.
 *
 * @category Acquisition
 */
export interface Payback {
  /** Whether the cumulative margin covers the acquisition cost within the periods given. */
  readonly covered: boolean;
  /** The first period (1-based) by whose end the cumulative margin covers the cost; absent when not covered. */
  readonly period?: number;
  /** The same in fractional periods, the margin taken as earned evenly within a period; absent when not covered. */
  readonly periods?: number;
  /** The cumulative margin at the end of each period. */
  readonly cumulativeMargin: readonly number[];
}

/**
 * The payback period of an acquisition cost: how many periods (months, usually) a customer's
 * margin takes to cover what acquiring it cost. Margins are per period, in the cost's currency
 * units — one margin for every period (`margin` and `horizon`), or a series (`margins`), e.g.
 * already multiplied by the share of customers retained.
 *
 * @param input - `cost` (≥ 0) and either `margin` with `horizon` (whole periods ≥ 1), or `margins`
 *   (an array, a typed array or any iterable, one margin per period)
 * @returns whether and when the cost is covered, and the cumulative margin
 * @throws {@link MetricError} `NEGATIVE_AMOUNT` for a negative cost; `INVALID_INPUT` for amounts
 *   that are not finite numbers (naming the period), or for neither or both of `margin` and
 *   `margins`; `INVALID_OPTION` for a horizon that is not a whole number ≥ 1; `NON_FINITE` when
 *   the cumulative margin passes the range of doubles.
 *
 * @example
 * ```ts
 * import { paybackPeriod } from "customer-metrics";
 * const p = paybackPeriod({ cost: 125, margins: [20, 30, 40, 50, 60] });
 * p.period; // => 4
 * p.periods; // => 3.7
 * paybackPeriod({ cost: 125, margin: 10, horizon: 12 }).covered; // => false
 * ```
 *
 * @category Acquisition
 */
export function paybackPeriod(input: {
  readonly cost: number;
  readonly margin?: number;
  readonly horizon?: number;
  readonly margins?: Iterable<number>;
}): Payback {
  return guarded("paybackPeriod", () => {
    const fn = "paybackPeriod";
    const read = readOptions(input, ["cost", "margin", "horizon", "margins"], fn);
    const cost = amountOf(read.cost, fn, "cost");
    let margins: number[];
    if (read.margins !== undefined && read.margin === undefined && read.horizon === undefined) {
      const series = readSeries(read.margins, fn, "margins", "a series of margins per period");
      margins = [];
      for (let i = 0; i < series.length; i++) {
        margins.push(finiteNumber(series[i], fn, "margins", i));
      }
    } else if (
      read.margins === undefined &&
      read.margin !== undefined &&
      read.horizon !== undefined
    ) {
      const m = finiteNumber(read.margin, fn, "margin");
      const h = read.horizon;
      if (typeof h !== "number" || !Number.isSafeInteger(h) || h < 1 || h > 1e6) {
        throw new MetricError(
          "INVALID_OPTION",
          `horizon must be a whole number of periods from 1 to 10⁶; got ${describeValue(h)}`,
          {
            fn,
            value: h,
            field: "horizon",
          },
        );
      }
      margins = new Array<number>(h).fill(m);
    } else {
      throw new MetricError(
        "INVALID_INPUT",
        "give either margins (one per period) or margin with horizon (the same margin each period)",
        { fn, field: "margins" },
      );
    }
    const cumulativeMargin: number[] = [];
    let total = 0;
    let found: { period: number; periods: number } | undefined;
    margins.forEach((m, i) => {
      const before = total;
      total += m;
      if (!Number.isFinite(total)) {
        throw new MetricError(
          "NON_FINITE",
          `the cumulative margin passes the range of doubles by period ${i + 1}; rescale the amounts`,
          { fn, index: i, value: total, field: "margins" },
        );
      }
      cumulativeMargin.push(total);
      if (found === undefined && total >= cost && (cost > 0 || i === 0)) {
        // Within the period, the margin is taken as earned evenly.
        const within = cost === 0 ? 0 : m > 0 ? (cost - before) / m : 1;
        found = { period: i + 1, periods: i + Math.min(1, Math.max(0, within)) };
      }
    });
    return {
      covered: found !== undefined,
      ...(found === undefined ? {} : found),
      cumulativeMargin,
    };
  });
}
