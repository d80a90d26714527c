/**
 * The spend model as a transaction log needs it: Gamma-Gamma fitted on the customers it is
 * defined for, and every other customer counted and named, with the spend their lifetime value
 * is read from.
 *
 * @module
 */

import { describeValue, guarded, MetricError } from "../errors/metric-error.js";
import { fitGammaGamma, type GammaGammaModel } from "./gamma-gamma.js";
import type { CustomerHistory } from "./purchase-history.js";

/**
 * The result of {@link fitSpendModel}: the model, and which customers it was fitted on and which
 * it left out. Every customer given is in exactly one of `fitted`, `excluded.noRepeatPurchase`
 * and `excluded.zeroSpend`.
 *
 * @category Loyalty
 */
export interface SpendModelFit {
  /** The Gamma-Gamma model, fitted on `fitted`. */
  readonly model: GammaGammaModel;
  /** The customers it was fitted on: a repeat purchase, and a mean repeat spend > 0. */
  readonly fitted: readonly string[];
  /** The customers left out, by reason. */
  readonly excluded: {
    /** No repeat purchase: no mean repeat spend to fit. */
    readonly noRepeatPurchase: readonly string[];
    /** Repeat purchases whose mean amount is 0 ($0 orders, free samples): outside the model, whose spends are > 0. */
    readonly zeroSpend: readonly string[];
  };
  /**
   * The population's mean spend per purchase, pγ/(q − 1): the spend {@link expectedLifetimeValue}
   * reads for an excluded customer. Absent when q ≤ 1, where the mean does not exist.
   */
  readonly populationMeanSpend?: number;
}

/**
 * Fit the Gamma-Gamma spend model ({@link fitGammaGamma}) to the customers of a transaction log,
 * as summarised by {@link summarizePurchases}: on those with a repeat purchase and a positive
 * mean repeat spend. Customers without a repeat purchase (no mean spend) and those whose repeat
 * purchases average $0 (the model's spends are positive) are left out, counted and named in
 * `excluded`; their lifetime value reads the population mean spend pγ/(q − 1), as is common
 * practice (Fader, Hardie & Lee 2005, "RFM and CLV", which also fit on repeat buyers alone).
 *
 * @param customers - the histories of every customer, each with its `customerId`
 * @returns the model, the customers fitted and those excluded, and the population mean spend
 * @throws {@link MetricError} `INVALID_INPUT` for input that is not an array of histories
 *   (naming the position and the customer), or a customer named twice; `NEGATIVE_AMOUNT` for a
 *   negative mean spend (naming the customer); `EMPTY_SAMPLE` when no customer has a positive
 *   repeat spend; `NO_CONVERGENCE` as {@link fitGammaGamma}.
 *
 * @example
 * ```ts
 * import { fitSpendModel } from "customer-metrics";
 * const fit = fitSpendModel([
 *   { customerId: "a", frequency: 2, recency: 30, age: 38, monetary: 22.35 },
 *   { customerId: "b", frequency: 0, recency: 0, age: 38, monetary: 0 },
 *   { customerId: "c", frequency: 7, recency: 29, age: 38, monetary: 73.74 },
 *   { customerId: "d", frequency: 1, recency: 5, age: 38, monetary: 0 },
 *   { customerId: "e", frequency: 1, recency: 2, age: 38, monetary: 11.77 },
 *   { customerId: "f", frequency: 5, recency: 20, age: 38, monetary: 29.44 },
 * ]);
 * fit.fitted; // => ["a", "c", "e", "f"]
 * fit.excluded; // => { noRepeatPurchase: ["b"], zeroSpend: ["d"] }
 * fit.model.customers; // => 4
 * ```
 *
 * @category Loyalty
 */
export function fitSpendModel(customers: readonly CustomerHistory[]): SpendModelFit {
  return guarded("fitSpendModel", () => {
    const fn = "fitSpendModel";
    if (!Array.isArray(customers)) {
      throw new MetricError(
        "INVALID_INPUT",
        `customers must be an array of histories (from summarizePurchases); got ${describeValue(customers)}`,
        { fn, value: customers },
      );
    }
    const fitted: CustomerHistory[] = [];
    const noRepeatPurchase: string[] = [];
    const zeroSpend: string[] = [];
    const seen = new Set<string>();
    for (let i = 0; i < customers.length; i++) {
      const c = customers[i] as Partial<CustomerHistory> | null | undefined;
      const id = typeof c === "object" && c !== null ? c.customerId : undefined;
      if (typeof id !== "string" || id === "") {
        throw new MetricError(
          "INVALID_INPUT",
          `customers[${i}] must be a history with a customerId (from summarizePurchases); got ${describeValue(c)}`,
          { fn, index: i, value: c },
        );
      }
      if (seen.has(id)) {
        throw new MetricError(
          "INVALID_INPUT",
          `customers[${i}] (customer ${JSON.stringify(id)}) is named twice: one history per customer`,
          { fn, index: i, value: id },
        );
      }
      seen.add(id);
      const history = c as CustomerHistory;
      if (history.frequency === 0) noRepeatPurchase.push(id);
      else if (history.monetary === 0) zeroSpend.push(id);
      else fitted.push(history);
    }
    if (fitted.length === 0) {
      throw new MetricError(
        "EMPTY_SAMPLE",
        `no customer has a repeat purchase with a positive spend (${noRepeatPurchase.length} without a repeat purchase, ${zeroSpend.length} with $0 repeat purchases): there is no spend to fit`,
        { fn, value: customers.length },
      );
    }
    // fitGammaGamma checks each history and names it (position and customerId) when it is wrong.
    const model = renamed(() => fitGammaGamma(fitted), fitted, customers);
    const { p, q, gamma } = model;
    return {
      model,
      fitted: fitted.map((h) => h.customerId),
      excluded: { noRepeatPurchase, zeroSpend },
      ...(q > 1 ? { populationMeanSpend: (p * gamma) / (q - 1) } : {}),
    };
  });
}

/**
 * Run the fit, so that an error about `fitted[i]` names its position among all the customers
 * given, and this function.
 */
function renamed<T>(
  body: () => T,
  fitted: readonly CustomerHistory[],
  all: readonly CustomerHistory[],
): T {
  try {
    return body();
  } catch (error) {
    if (!(error instanceof MetricError)) throw error;
    const i = error.details.index;
    const at = i === undefined ? -1 : all.indexOf(fitted[i] as CustomerHistory);
    const sentence = error.message
      .slice(error.details.fn.length + 2)
      .replace(/^customers\[\d+\]/, `customers[${at}]`);
    throw new MetricError(
      error.code,
      sentence,
      { ...error.details, fn: "fitSpendModel", ...(at < 0 ? {} : { index: at }) },
      { cause: error },
    );
  }
}
