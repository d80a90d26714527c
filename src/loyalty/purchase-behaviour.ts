/**
 * How customers buy: the repeat purchase rate, purchase frequency and average order value.
 *
 * @module
 */

import { finiteResult } from "../common/finite.js";
import { checkChoice, checkLevel, readOptions } from "../common/options.js";
import type { ConfidenceInterval, ProportionIntervalMethod } from "../common/results.js";
import { guarded, MetricError } from "../errors/metric-error.js";
import { PROPORTION_METHODS, proportionInterval } from "../stats/proportion-interval.js";
import { compensatedMean, compensatedSum } from "../stats/sum.js";
import {
  checkCountBy,
  type PurchaseCount,
  type PurchaseRecord,
  purchasesByCustomer,
  readPurchases,
} from "./purchase-records.js";

/**
 * The result of {@link purchaseBehaviour}.
 *
 * @category Loyalty
 */
export interface PurchaseBehaviour {
  /** Customers with at least one completed purchase. */
  readonly customers: number;
  /** What one purchase is: a customer's records on one day (`"day"`), or each record (`"row"`). */
  readonly countBy: PurchaseCount;
  /** Completed purchases (orders), counted by `countBy`. */
  readonly orders: number;
  /** Completed records: `orders` when `countBy` is `"row"`, at least as many when `"day"`. */
  readonly rows: number;
  /** The sum of their amounts. */
  readonly revenue: number;
  /** Customers with two or more orders (two purchase days, by default). */
  readonly repeatCustomers: number;
  /** repeatCustomers / customers, in [0, 1]. */
  readonly repeatRate: number;
  /** The interval of `repeatRate`. */
  readonly interval: ConfidenceInterval<ProportionIntervalMethod>;
  /** Purchase frequency: orders / customers, ≥ 1. */
  readonly frequency: number;
  /** Average order value: revenue / orders. */
  readonly averageOrderValue: number;
  /** Purchases left out because they were cancelled or returned: counted, not used. */
  readonly notCompleted: number;
}

/**
 * The repeat purchase rate — the share of customers who ordered more than once — with its
 * binomial interval (Wilson by default), the purchase frequency (orders per customer) and the
 * average order value (revenue per order), from completed purchase records. **A purchase is a
 * customer's records on one day** (their amounts summed), as in {@link summarizePurchases}, the
 * RFM scores and the BG/NBD and Gamma-Gamma models, so a customer who bought twice on one day
 * is not a repeat customer; `countBy: "row"` counts each record instead. Cancelled and returned
 * purchases are counted in `notCompleted` and left out. Restrict the records to a window first
 * to measure within it.
 *
 * @param purchases - the records (e.g. `parsePurchases(json).valid`)
 * @param options - `interval` (a proportion method, default `"wilson"`), `level` (default
 *   0.95), `countBy` (`"day"`, the default, or `"row"`)
 * @returns the counts, the rates and the interval
 * @throws {@link MetricError} `INVALID_INPUT` for a bad record (naming it) or input that is not an
 *   array; `NEGATIVE_AMOUNT`; `EMPTY_SAMPLE` when no purchase is completed; `INVALID_LEVEL`;
 *   `INVALID_OPTION`.
 *
 * @example
 * ```ts
 * import { purchaseBehaviour } from "customer-metrics";
 * const records = [
 *   { customerId: "a", date: "2024-01-05", amount: 40 }, { customerId: "a", date: "2024-02-11", amount: 60 },
 *   { customerId: "b", date: "2024-01-20", amount: 20 }, { customerId: "b", date: "2024-01-20", amount: 5 },
 *   { customerId: "c", date: "2024-03-01", amount: 30 },
 *   { customerId: "c", date: "2024-03-09", amount: 10, outcome: "returned" },
 * ];
 * const b = purchaseBehaviour(records);
 * [b.customers, b.orders, b.rows, b.repeatCustomers]; // => [3, 4, 5, 1]
 * b.averageOrderValue; // => 38.75
 * b.notCompleted; // => 1
 * // Each row an order: b's two rows on one day make b a repeat customer.
 * purchaseBehaviour(records, { countBy: "row" }).repeatCustomers; // => 2
 * ```
 *
 * @category Loyalty
 */
export function purchaseBehaviour(
  purchases: readonly PurchaseRecord[],
  options: {
    readonly interval?: ProportionIntervalMethod;
    readonly level?: number;
    readonly countBy?: PurchaseCount;
  } = {},
): PurchaseBehaviour {
  return guarded("purchaseBehaviour", () => {
    const fn = "purchaseBehaviour";
    const read = readOptions(options, ["interval", "level", "countBy"], fn);
    const level = checkLevel(read.level, fn);
    const countBy = checkCountBy(read.countBy, fn);
    const method = checkChoice(read.interval, PROPORTION_METHODS, "wilson", fn, "interval");
    const { purchases: completed, notCompleted } = readPurchases(purchases, fn);
    if (completed.length === 0) {
      throw new MetricError(
        "EMPTY_SAMPLE",
        `no completed purchase (${notCompleted} cancelled or returned): there is no behaviour to measure`,
        { fn, value: notCompleted },
      );
    }
    const customers = purchasesByCustomer(completed, countBy);
    let repeatCustomers = 0;
    const amounts: number[] = [];
    for (const own of customers.values()) {
      if (own.length > 1) repeatCustomers++;
      for (const p of own) amounts.push(p.amount);
    }
    const revenue = finiteResult(compensatedSum(amounts), fn, false, "revenue");
    const [lower, upper] = proportionInterval(repeatCustomers, customers.size, level, method);
    return {
      customers: customers.size,
      countBy,
      orders: amounts.length,
      rows: completed.length,
      revenue,
      repeatCustomers,
      repeatRate: repeatCustomers / customers.size,
      interval: { lower, upper, level, method },
      frequency: amounts.length / customers.size,
      averageOrderValue: compensatedMean(amounts),
      notCompleted,
    };
  });
}
