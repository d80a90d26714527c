/**
 * From purchase records to the histories the purchase and spend models read: per customer,
 * frequency (repeat purchases), recency, age and the mean value of the repeat purchases.
 *
 * @module
 */

import { checkChoice, readOptions } from "../common/options.js";
import { guarded, MetricError } from "../errors/metric-error.js";
import type { PurchaseHistory } from "./bg-nbd.js";
import {
  checkCountBy,
  checkObservationEnd,
  dateOption,
  latestPurchase,
  type PurchaseCount,
  type PurchaseRecord,
  purchasesByCustomer,
  type ReadPurchase,
  readPurchases,
} from "./purchase-records.js";

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
  /** The end of observation the ages are counted to. */
  readonly asOf: string;
  /** What one purchase is: a customer's records on one day (`"day"`), or each record (`"row"`). */
  readonly countBy: PurchaseCount;
  /** One history per customer, in the order first seen. */
  readonly customers: readonly CustomerHistory[];
  /** Purchases left out because they were cancelled or returned: counted, not used. */
  readonly notCompleted: number;
}

/**
 * Summarise purchase records, per customer, as of a date: **a purchase is a customer's records
 * on one day** (their amounts summed), as in the BG/NBD literature's calendar-time summaries
 * and in {@link purchaseBehaviour}; `countBy: "row"` counts each record instead. `frequency`
 * is the number of purchases after the first, `recency` the time from the first to the last,
 * `age` the time from the first to `asOf`, in weeks or days; `monetary` the mean of the repeat
 * purchases' amounts. Cancelled and returned purchases are counted in `notCompleted` and left
 * out.
 *
 * `asOf` must not lie: a purchase after it is an error, and so is an `asOf` more than one
 * `unit` (a week, by default) after the last purchase in the log — the weeks after the data
 * would read as every customer's silence, and the models would take them for dropout — unless
 * `allowFutureAsOf: true` says no one bought since.
 *
 * @param purchases - the records (e.g. `parsePurchases(json).valid`)
 * @param options - `asOf` (ISO date; required), `unit` (`"week"`, the default, or `"day"`),
 *   `countBy` (`"day"`, the default, or `"row"`), `allowFutureAsOf` (default false)
 * @returns the histories, the `asOf` and `countBy` used, and the count of purchases left out
 * @throws {@link MetricError} `INVALID_INPUT` for a record without a customer or with a date that
 *   is not a real YYYY-MM-DD (naming it), or input that is not an array; `INVALID_PERIOD` for a
 *   purchase after `asOf` (dates out of order), or an `asOf` more than one unit after the last
 *   purchase; `NEGATIVE_AMOUNT` for a negative amount; `INVALID_OPTION` for a missing or
 *   malformed `asOf`, `unit`, `countBy` or `allowFutureAsOf`.
 *
 * @example
 * ```ts
 * import { summarizePurchases } from "customer-metrics";
 * const records = [
 *   { customerId: "a", date: "2024-01-01", amount: 20 }, { customerId: "a", date: "2024-01-15", amount: 30 },
 *   { customerId: "a", date: "2024-01-15", amount: 10 }, { customerId: "b", date: "2024-02-05", amount: 25 },
 * ];
 * const { customers } = summarizePurchases(records, { asOf: "2024-02-06" });
 * customers[0]; // => { customerId: "a", frequency: 1, recency: 2, age: 5.142857142857143, monetary: 40 }
 * customers[1].frequency; // => 0
 * summarizePurchases(records, { asOf: "2024-02-06", countBy: "row" }).customers[0].frequency; // => 2
 * // Months after the log's last purchase read as silence: refused unless allowed.
 * let refused = "";
 * try {
 *   summarizePurchases(records, { asOf: "2024-03-04" });
 * } catch (error) {
 *   refused = (error as { code: string }).code;
 * }
 * refused; // => "INVALID_PERIOD"
 * summarizePurchases(records, { asOf: "2024-03-04", allowFutureAsOf: true }).customers[0].age; // => 9
 * ```
 *
 * @category Loyalty
 */
export function summarizePurchases(
  purchases: readonly PurchaseRecord[],
  options: {
    readonly asOf: string;
    readonly unit?: "week" | "day";
    readonly countBy?: PurchaseCount;
    readonly allowFutureAsOf?: boolean;
  },
): PurchaseSummary {
  return guarded("summarizePurchases", () => {
    const fn = "summarizePurchases";
    const read = readOptions(options, ["asOf", "unit", "countBy", "allowFutureAsOf"], fn);
    const asOf = dateOption(read.asOf, "asOf", fn);
    const { unit, perUnit } = checkUnit(read.unit, fn);
    const countBy = checkCountBy(read.countBy, fn);
    const { purchases: completed, notCompleted } = readPurchases(purchases, fn, asOf);
    refuseLateEnd(asOf, "asOf", completed, unit, read.allowFutureAsOf, fn);
    const customers = histories(purchasesByCustomer(completed, countBy), asOf.day, perUnit);
    return { asOf: asOf.date, countBy, customers, notCompleted };
  });
}

/** The `unit` option (default `"week"`) and its length in days. @internal */
export function checkUnit(
  value: unknown,
  fn: string,
): { readonly unit: "week" | "day"; readonly perUnit: number } {
  const unit = checkChoice(value, ["week", "day"] as const, "week", fn, "unit");
  return { unit, perUnit: unit === "day" ? 1 : 7 };
}

/**
 * An end of observation more than one `unit` after the last purchase is `INVALID_PERIOD`
 * (see {@link checkObservationEnd}), unless `allowFuture`. @internal
 */
export function refuseLateEnd(
  end: { readonly day: number; readonly date: string },
  field: string,
  purchases: readonly ReadPurchase[],
  unit: "week" | "day",
  allowFuture: unknown,
  fn: string,
): void {
  const latest = latestPurchase(purchases);
  const late = latest !== undefined && end.day - latest.day > (unit === "day" ? 1 : 7);
  checkObservationEnd(end, field, latest, late, `one ${unit}`, allowFuture, fn);
}

/** Each customer's history from their purchases in date order, `asOf` a day, in `perUnit` days. @internal */
export function histories(
  byCustomer: ReadonlyMap<string, readonly ReadPurchase[]>,
  asOf: number,
  perUnit: number,
): CustomerHistory[] {
  const out: CustomerHistory[] = [];
  for (const [customerId, own] of byCustomer) {
    const first = (own[0] as ReadPurchase).day;
    const last = (own[own.length - 1] as ReadPurchase).day;
    let spent = 0;
    for (let k = 1; k < own.length; k++) spent += (own[k] as ReadPurchase).amount;
    out.push({
      customerId,
      frequency: own.length - 1,
      recency: (last - first) / perUnit,
      age: (asOf - first) / perUnit,
      monetary: own.length > 1 ? spent / (own.length - 1) : 0,
    });
  }
  return out;
}
