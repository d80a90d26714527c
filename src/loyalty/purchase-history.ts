/**
 * From purchase records to the histories the purchase and spend models read: per customer,
 * frequency (repeat purchases), recency, age and the mean value of the repeat purchases.
 *
 * @module
 */

import { readOptions } from "../common/options.js";
import { describeValue, guarded, MetricError } from "../errors/metric-error.js";
import type { PurchaseHistory } from "./bg-nbd.js";
import { dateOption, type PurchaseRecord, readPurchases } from "./purchase-records.js";

/**
 * A customer's summary: the {@link PurchaseHistory} BG/NBD reads, and the spend Gamma-Gamma reads.
 *
 * @category Loyalty
 */
export interface CustomerHistory extends PurchaseHistory {
  /** The customer. */
  readonly customerId: string;
  /** The mean amount of the repeat purchases (each day's purchases summed); 0 without one, or without amounts. */
  readonly monetary: number;
}

/**
 * The result of {@link summarizePurchases}.
 *
 * @category Loyalty
 */
export interface PurchaseSummary {
  /** One history per customer, in the order first seen. */
  readonly customers: readonly CustomerHistory[];
  /** Purchases left out because they were cancelled or returned: counted, not used. */
  readonly notCompleted: number;
}

/**
 * Summarise purchase records, per customer, as of a date: purchases on one day count as one
 * (their amounts summed), as in the BG/NBD literature's calendar-time summaries; `frequency` is
 * the number of purchase days after the first, `recency` the time from the first to the last,
 * `age` the time from the first to `asOf`, in days or weeks; `monetary` the mean of the repeat
 * purchase days' amounts. Cancelled and returned purchases are counted in `notCompleted` and
 * left out.
 *
 * @param purchases - the records (e.g. `parsePurchases(json).valid`)
 * @param options - `asOf` (ISO date; required, on or after every purchase), `unit` (`"week"`,
 *   the default, or `"day"`)
 * @returns the histories and the count of purchases left out
 * @throws {@link MetricError} `INVALID_INPUT` for a record without a customer or with a date that
 *   is not a real YYYY-MM-DD (naming it), or input that is not an array; `INVALID_PERIOD` for a
 *   purchase after `asOf` (dates out of order); `NEGATIVE_AMOUNT` for a negative amount;
 *   `INVALID_OPTION` for a missing or malformed `asOf` or `unit`.
 *
 * @example
 * ```ts
 * import { summarizePurchases } from "customer-metrics";
 * const { customers } = summarizePurchases(
 *   [
 *     { customerId: "a", date: "2024-01-01", amount: 20 }, { customerId: "a", date: "2024-01-15", amount: 30 },
 *     { customerId: "a", date: "2024-01-15", amount: 10 }, { customerId: "b", date: "2024-02-05", amount: 25 },
 *   ],
 *   { asOf: "2024-03-04" },
 * );
 * customers[0]; // => { customerId: "a", frequency: 1, recency: 2, age: 9, monetary: 40 }
 * customers[1].frequency; // => 0
 * ```
 *
 * @category Loyalty
 */
export function summarizePurchases(
  purchases: readonly PurchaseRecord[],
  options: { readonly asOf: string; readonly unit?: "week" | "day" },
): PurchaseSummary {
  return guarded("summarizePurchases", () => {
    const fn = "summarizePurchases";
    const read = readOptions(options, ["asOf", "unit"], fn);
    const asOf = dateOption(read.asOf, "asOf", fn);
    if (read.unit !== undefined && read.unit !== "week" && read.unit !== "day") {
      throw new MetricError(
        "INVALID_OPTION",
        `unit must be "week" or "day"; got ${describeValue(read.unit)}`,
        { fn, value: read.unit, field: "unit" },
      );
    }
    const perUnit = read.unit === "day" ? 1 : 7;
    const { purchases: completed, notCompleted } = readPurchases(purchases, fn, asOf);
    // Per customer, the amount per purchase day.
    const days = new Map<string, Map<number, number>>();
    for (const p of completed) {
      let byDay = days.get(p.customerId);
      if (byDay === undefined) {
        byDay = new Map();
        days.set(p.customerId, byDay);
      }
      byDay.set(p.day, (byDay.get(p.day) ?? 0) + p.amount);
    }
    const customers: CustomerHistory[] = [];
    for (const [customerId, byDay] of days) {
      const sorted = [...byDay.keys()].sort((a, b) => a - b);
      const first = sorted[0] as number;
      const last = sorted[sorted.length - 1] as number;
      const repeat = sorted.slice(1);
      const monetary =
        repeat.length === 0
          ? 0
          : repeat.reduce((s, d) => s + (byDay.get(d) as number), 0) / repeat.length;
      customers.push({
        customerId,
        frequency: repeat.length,
        recency: (last - first) / perUnit,
        age: (asOf.day - first) / perUnit,
        monetary,
      });
    }
    return { customers, notCompleted };
  });
}
