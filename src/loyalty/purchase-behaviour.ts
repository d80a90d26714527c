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
import { byCustomer, type PurchaseRecord, readPurchases } from "./purchase-records.js";

/**
 * The result of {@link purchaseBehaviour}.
 *
 * @category Loyalty
 */
export interface PurchaseBehaviour {
  /** Customers with at least one completed purchase. */
  readonly customers: number;
  /** Completed purchases (orders). */
  readonly orders: number;
  /** The sum of their amounts. */
  readonly revenue: number;
  /** Customers with two or more orders. */
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
 * average order value (revenue per order), from completed purchase records. Each record is one
 * order (two orders on one day are two); cancelled and returned purchases are counted in
 * `notCompleted` and left out. Restrict the records to a window first to measure within it.
 *
 * @param purchases - the records (e.g. `parsePurchases(json).valid`)
 * @param options - `interval` (a proportion method, default `"wilson"`), `level` (default 0.95)
 * @returns the counts, the rates and the interval
 * @throws {@link MetricError} `INVALID_INPUT` for a bad record (naming it) or input that is not an
 *   array; `NEGATIVE_AMOUNT`; `EMPTY_SAMPLE` when no purchase is completed; `INVALID_LEVEL`;
 *   `INVALID_OPTION`.
 *
 * @example
 * ```ts
 * import { purchaseBehaviour } from "customer-metrics";
 * const b = purchaseBehaviour([
 *   { customerId: "a", date: "2024-01-05", amount: 40 }, { customerId: "a", date: "2024-02-11", amount: 60 },
 *   { customerId: "b", date: "2024-01-20", amount: 20 }, { customerId: "c", date: "2024-03-01", amount: 30 },
 *   { customerId: "c", date: "2024-03-09", amount: 10, outcome: "returned" },
 * ]);
 * [b.customers, b.orders, b.repeatCustomers]; // => [3, 4, 1]
 * b.frequency; // => 1.3333333333333333
 * b.averageOrderValue; // => 37.5
 * b.notCompleted; // => 1
 * ```
 *
 * @category Loyalty
 */
export function purchaseBehaviour(
  purchases: readonly PurchaseRecord[],
  options: { readonly interval?: ProportionIntervalMethod; readonly level?: number } = {},
): PurchaseBehaviour {
  return guarded("purchaseBehaviour", () => {
    const fn = "purchaseBehaviour";
    const read = readOptions(options, ["interval", "level"], fn);
    const level = checkLevel(read.level, fn);
    const method = checkChoice(read.interval, PROPORTION_METHODS, "wilson", fn, "interval");
    const { purchases: completed, notCompleted } = readPurchases(purchases, fn);
    if (completed.length === 0) {
      throw new MetricError(
        "EMPTY_SAMPLE",
        `no completed purchase (${notCompleted} cancelled or returned): there is no behaviour to measure`,
        { fn, value: notCompleted },
      );
    }
    const customers = byCustomer(completed);
    let repeatCustomers = 0;
    for (const own of customers.values()) if (own.length > 1) repeatCustomers++;
    const amounts = completed.map((p) => p.amount);
    const revenue = finiteResult(compensatedSum(amounts), fn, false, "revenue");
    const [lower, upper] = proportionInterval(repeatCustomers, customers.size, level, method);
    return {
      customers: customers.size,
      orders: completed.length,
      revenue,
      repeatCustomers,
      repeatRate: repeatCustomers / customers.size,
      interval: { lower, upper, level, method },
      frequency: completed.length / customers.size,
      averageOrderValue: compensatedMean(amounts),
      notCompleted,
    };
  });
}
