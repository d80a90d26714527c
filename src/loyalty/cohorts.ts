/**
 * Cohort retention: customers grouped by the period of their first purchase, and the share of
 * each cohort that buys again in each later period.
 *
 * @module
 */

import { checkChoice, readOptions } from "../common/options.js";
import { formatPeriod, type PeriodFrequency } from "../common/period.js";
import { guarded } from "../errors/metric-error.js";
import {
  byCustomer,
  checkObservationEnd,
  dateOption,
  isoDate,
  latestPurchase,
  type PurchaseRecord,
  readPurchases,
} from "./purchase-records.js";

/**
 * One cohort's row of a {@link CohortTable}.
 *
 * @category Loyalty
 */
export interface Cohort {
  /** The period of the cohort's first purchases, e.g. `"2024-03"`. */
  readonly cohort: string;
  /** Customers whose first completed purchase fell in it. */
  readonly customers: number;
  /** `active[k]`: of them, the customers who bought in the k-th period after it (`active[0]` is all). */
  readonly active: readonly number[];
  /** `retention[k]` = active[k] / customers, in [0, 1]; `retention[0]` is 1. */
  readonly retention: readonly number[];
}

/**
 * The result of {@link cohortRetention}: one row per cohort, oldest first, each as long as the
 * periods from its own to the last.
 *
 * @category Loyalty
 */
export interface CohortTable {
  /** The period length. */
  readonly period: PeriodFrequency;
  /** The end of observation: `asOf` as given, or the date of the latest purchase (absent with neither). */
  readonly asOf?: string;
  /** Every period from the first cohort's to the last (that of `asOf`, or of the last purchase). */
  readonly periods: readonly string[];
  /** The cohorts that have customers, oldest first; periods in which no one bought first have none. */
  readonly cohorts: readonly Cohort[];
  /** Purchases left out because they were cancelled or returned: counted, not used. */
  readonly notCompleted: number;
}

const PERIODS: readonly PeriodFrequency[] = ["month", "quarter", "year"];

/**
 * A cohort retention table from purchase records: each customer belongs to the cohort of the
 * period (month, quarter or year) of their first completed purchase, and is *active* in a later
 * period if they made a completed purchase in it. For each cohort and each k = 0, 1, … periods
 * after it, the table gives the count of active customers and their share of the cohort — the
 * classic "triangle" of cohort analysis (e.g. Fader & Hardie's tracking plots; Gupta &
 * Lehmann, *Managing Customers as Investments*, 2005). Shares are of the cohort, not of the
 * previous period, so a customer who skips a period and returns counts again. The last period is
 * that of `asOf` (when given) or of the latest purchase, and may be incomplete. Activity does not
 * depend on what one purchase is: a customer is active in a period with one record or ten.
 *
 * An `asOf` whose period is more than one period after that of the latest purchase would add
 * empty periods that read as every customer lapsing (an `asOf` of 2099 gave 901 monthly
 * columns): it is `INVALID_PERIOD`, unless `allowFutureAsOf: true`.
 *
 * @param purchases - the records (e.g. `parsePurchases(json).valid`), in any order
 * @param options - `period` (`"month"`, the default, `"quarter"` or `"year"`), `asOf` (ISO date,
 *   on or after every purchase: extends the table to its period), `allowFutureAsOf`
 * @returns the table and the count of purchases left out
 * @throws {@link MetricError} `INVALID_INPUT` for a record without a customer, with a date that is
 *   not a real YYYY-MM-DD or with a bad amount or items (naming it), or input that is not an
 *   array; `NEGATIVE_AMOUNT`; `INVALID_PERIOD` for a purchase after `asOf`, or an `asOf` more
 *   than one period after the latest purchase's; `INVALID_OPTION`.
 *
 * @example
 * ```ts
 * import { cohortRetention } from "customer-metrics";
 * const table = cohortRetention(
 *   [
 *     { customerId: "a", date: "2024-01-05" }, { customerId: "b", date: "2024-01-20" },
 *     { customerId: "a", date: "2024-02-11" }, { customerId: "c", date: "2024-02-02" },
 *     { customerId: "b", date: "2024-03-30" }, { customerId: "c", date: "2024-03-01" },
 *   ],
 *   { period: "month" },
 * );
 * table.periods; // => ["2024-01", "2024-02", "2024-03"]
 * table.cohorts[0]; // => { cohort: "2024-01", customers: 2, active: [2, 1, 1], retention: [1, 0.5, 0.5] }
 * table.cohorts[1].retention; // => [1, 1]
 * ```
 *
 * @category Loyalty
 */
export function cohortRetention(
  purchases: readonly PurchaseRecord[],
  options: {
    readonly period?: PeriodFrequency;
    readonly asOf?: string;
    readonly allowFutureAsOf?: boolean;
  } = {},
): CohortTable {
  return guarded("cohortRetention", () => {
    const fn = "cohortRetention";
    const read = readOptions(options, ["period", "asOf", "allowFutureAsOf"], fn);
    const period = checkChoice(read.period, PERIODS, "month", fn, "period");
    const asOf = read.asOf === undefined ? undefined : dateOption(read.asOf, "asOf", fn);
    const { purchases: completed, notCompleted } = readPurchases(purchases, fn, asOf);
    const months = period === "month" ? 1 : period === "quarter" ? 3 : 12;
    const ordinalOf = (month: number) => Math.floor(month / months);
    const latest = latestPurchase(completed);
    if (asOf !== undefined) {
      // One period of slack: the latest period may simply have had no purchase yet.
      const late = latest !== undefined && ordinalOf(asOf.month) - ordinalOf(latest.month) > 1;
      checkObservationEnd(asOf, "asOf", latest, late, `one ${period}`, read.allowFutureAsOf, fn);
    }
    // Per cohort: its customers, and per later period the customers active in it.
    const cohorts = new Map<number, { customers: number; active: number[] }>();
    let last = asOf === undefined ? Number.NEGATIVE_INFINITY : ordinalOf(asOf.month);
    for (const own of byCustomer(completed).values()) {
      const ordinals = [...new Set(own.map((p) => ordinalOf(p.month)))].sort((x, y) => x - y);
      const first = ordinals[0] as number;
      last = Math.max(last, ordinals[ordinals.length - 1] as number);
      let row = cohorts.get(first);
      if (row === undefined) {
        row = { customers: 0, active: [] };
        cohorts.set(first, row);
      }
      row.customers++;
      for (const o of ordinals) row.active[o - first] = (row.active[o - first] ?? 0) + 1;
    }
    const firsts = [...cohorts.keys()].sort((x, y) => x - y);
    const start = firsts[0];
    const periods: string[] = [];
    if (start !== undefined)
      for (let o = start; o <= last; o++) periods.push(formatPeriod(period, o));
    const end = asOf?.date ?? (latest === undefined ? undefined : isoDate(latest.day));
    return {
      period,
      ...(end === undefined ? {} : { asOf: end }),
      periods,
      cohorts: firsts.map((first) => {
        const { customers, active } = cohorts.get(first) as { customers: number; active: number[] };
        const counts = Array.from({ length: last - first + 1 }, (_, k) => active[k] ?? 0);
        return {
          cohort: formatPeriod(period, first),
          customers,
          active: counts,
          retention: counts.map((c) => c / customers),
        };
      }),
      notCompleted,
    };
  });
}
