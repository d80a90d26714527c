/**
 * The probabilistic lifetime value: expected purchases (BG/NBD) × expected value per purchase
 * (Gamma-Gamma), period by period, discounted.
 *
 * @module
 */

import { finiteResult } from "../common/finite.js";
import { checkNumber, readOptions } from "../common/options.js";
import { describeValue, guarded, MetricError } from "../errors/metric-error.js";
import { type BgNbdModel, expectedPurchases, type PurchaseHistory } from "./bg-nbd.js";
import { expectedAverageValue, type GammaGammaModel } from "./gamma-gamma.js";

/**
 * The expected lifetime value of a customer over the next `periods` periods of `periodLength`
 * time units each (in the BG/NBD model's unit: 4.35 weeks for a month): Σᵢ (E[Y(iL)] −
 * E[Y((i − 1)L)]) · E[M] / (1 + d)ⁱ, with E[Y] the BG/NBD conditional expectation and E[M] the
 * Gamma-Gamma expected value per purchase (Fader, Hardie & Lee 2005, "RFM and CLV"; the
 * discounting of the lifetimes package). A customer without a repeat purchase has no mean
 * spend, and one whose repeat purchases average $0 is outside the model (its spends are
 * positive; {@link fitSpendModel} leaves both out of the fit): for either, the population's mean
 * spend pγ/(q − 1) stands in.
 *
 * @param purchases - a fitted BG/NBD model
 * @param spend - a fitted Gamma-Gamma model (q > 1)
 * @param customer - the history, with `monetary` the mean value of the repeat purchases
 * @param options - `periods` (whole, ≥ 1; default 12), `periodLength` (> 0; default 4.35, a
 *   month in weeks), `discountRate` per period (> −1; default 0.01)
 * @returns the discounted expected value, in currency units
 * @throws {@link MetricError} as {@link expectedPurchases} and {@link expectedAverageValue} do;
 *   `INVALID_OPTION` for a bad option; `INVALID_RATE` for a discount rate ≤ −1.
 *
 * @example
 * ```ts
 * import { expectedLifetimeValue } from "customer-metrics";
 * const purchases = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, logLikelihood: 0, customers: 2357, iterations: 0 };
 * const spend = { p: 6.25, q: 3.74, gamma: 15.44, logLikelihood: 0, customers: 946 };
 * const loyal = { frequency: 10, recency: 35, age: 38, monetary: 40 };
 * const lapsed = { frequency: 10, recency: 5, age: 38, monetary: 40 };
 * expectedLifetimeValue(purchases, spend, loyal) > expectedLifetimeValue(purchases, spend, lapsed); // => true
 * ```
 *
 * @category Loyalty
 */
export function expectedLifetimeValue(
  purchases: BgNbdModel,
  spend: GammaGammaModel,
  customer: PurchaseHistory & { readonly monetary: number },
  options: {
    readonly periods?: number;
    readonly periodLength?: number;
    readonly discountRate?: number;
  } = {},
): number {
  return guarded("expectedLifetimeValue", () => {
    const fn = "expectedLifetimeValue";
    const read = readOptions(options, ["periods", "periodLength", "discountRate"], fn);
    const periods = checkNumber(
      read.periods,
      { min: 1, max: 10_000, integer: true },
      12,
      fn,
      "periods",
    );
    const length = checkNumber(
      read.periodLength,
      { min: Number.MIN_VALUE, max: 1e6 },
      4.35,
      fn,
      "periodLength",
    );
    const d = read.discountRate ?? 0.01;
    if (typeof d !== "number" || !Number.isFinite(d) || !(d > -1)) {
      throw new MetricError(
        "INVALID_RATE",
        `discountRate must be a finite rate above −1; got ${describeValue(d)}`,
        {
          fn,
          value: d,
          field: "discountRate",
        },
      );
    }
    const q = (spend as Partial<GammaGammaModel> | null)?.q;
    if (typeof q !== "number" || !(q > 1)) {
      throw new MetricError(
        "INVALID_RATE",
        `the expectation needs a spend model with q > 1; got ${describeValue(spend)}`,
        {
          fn,
          value: q,
        },
      );
    }
    const c = customer as Partial<PurchaseHistory & { monetary: number }> | null;
    const value =
      c?.frequency === 0 ||
      (typeof c?.frequency === "number" && c.frequency > 0 && c.monetary === 0)
        ? (spend.p * spend.gamma) / (spend.q - 1)
        : expectedAverageValue(spend, {
            frequency: c?.frequency as number,
            monetary: c?.monetary as number,
          });
    if (!(spend.q > 1)) {
      throw new MetricError(
        "INVALID_RATE",
        `the expectation needs q > 1; the model has q = ${spend.q}`,
        { fn, value: spend.q },
      );
    }
    const history = {
      frequency: c?.frequency as number,
      recency: c?.recency as number,
      age: c?.age as number,
    };
    let total = 0;
    let before = 0;
    for (let i = 1; i <= periods; i++) {
      const upTo = expectedPurchases(purchases, history, i * length);
      total += ((upTo - before) * value) / (1 + d) ** i;
      before = upTo;
    }
    return finiteResult(total, fn, false, "lifetime value");
  });
}
