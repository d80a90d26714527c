/**
 * Customer lifetime value of a retention model: a margin per period, kept while the customer
 * stays (a constant retention rate) and discounted.
 *
 * @module
 */

import { finiteNumber, finiteResult } from "../common/finite.js";
import { checkNumber, readOptions } from "../common/options.js";
import { describeValue, guarded, MetricError } from "../errors/metric-error.js";

/**
 * The inputs of {@link lifetimeValue}.
 *
 * @category Loyalty
 */
export interface LifetimeValueInput {
  /** The margin a retained customer brings per period, in currency units (any sign, finite). */
  readonly margin: number;
  /** The probability of staying from one period to the next, in [0, 1). */
  readonly retention: number;
  /** The discount rate per period, > −1 (0.1 for 10 %). */
  readonly discountRate: number;
  /** A finite horizon in whole periods (≥ 1); without it the horizon is infinite. */
  readonly periods?: number;
}

/**
 * Customer lifetime value under constant retention: the expected discounted margin of a customer
 * acquired now, with the first margin at the end of the first period and received only if the
 * customer is retained then (Gupta & Lehmann 2003, "Customers as Assets", Journal of Interactive
 * Marketing 17(1)):
 *
 * - infinite horizon: CLV = m·r / (1 + d − r)
 * - T periods: CLV = Σₜ₌₁ᵀ m·(r / (1 + d))ᵗ = m·q·(1 − qᵀ) / (1 − q), q = r / (1 + d)
 *
 * Assumptions, as the formula has them: retention and margin are the same every period and for
 * every customer, a customer who leaves does not return, and margins arrive at period ends. For
 * customers whose purchases are not contractual (no observed "leaving"), a probabilistic model
 * such as BG/NBD fits better.
 *
 * @param input - `margin`, `retention` in [0, 1), `discountRate` > −1, optional `periods`
 * @returns the lifetime value, in the margin's currency units
 * @throws {@link MetricError} `INVALID_RATE` for a retention outside [0, 1) or a discount rate
 *   ≤ −1 (or not finite); `INVALID_INPUT` for a margin that is not a finite number;
 *   `INVALID_OPTION` for `periods` that is not a whole number ≥ 1, or an unknown key;
 *   `NON_FINITE` when the value passes the range of doubles.
 *
 * @example
 * ```ts
 * import { lifetimeValue } from "customer-metrics";
 * // 100 a year, 80 % of customers stay each year, 10 % discount rate.
 * Math.round(lifetimeValue({ margin: 100, retention: 0.8, discountRate: 0.1 }) * 100) / 100; // => 266.67
 * Math.round(lifetimeValue({ margin: 100, retention: 0.8, discountRate: 0.1, periods: 3 }) * 100) / 100; // => 164.09
 * ```
 *
 * @category Loyalty
 */
export function lifetimeValue(input: LifetimeValueInput): number {
  return guarded("lifetimeValue", () => {
    const fn = "lifetimeValue";
    const read = readOptions(input, ["margin", "retention", "discountRate", "periods"], fn);
    const margin = finiteNumber(read.margin, fn, "margin");
    const retention = read.retention;
    if (typeof retention !== "number" || !(retention >= 0 && retention < 1)) {
      throw new MetricError(
        "INVALID_RATE",
        `retention must be a probability in [0, 1) (a retention of 1 keeps every customer forever: the value has no limit); got ${describeValue(retention)}`,
        { fn, value: retention, field: "retention" },
      );
    }
    const d = read.discountRate;
    if (typeof d !== "number" || !Number.isFinite(d) || !(d > -1)) {
      throw new MetricError(
        "INVALID_RATE",
        `discountRate must be a finite rate above −1 (0.1 for 10 %); got ${describeValue(d)}`,
        { fn, value: d, field: "discountRate" },
      );
    }
    if (read.periods === undefined) {
      // m·r/(1 + d − r) needs 1 + d > r; below that the discounted sum has no limit.
      if (!(1 + d - retention > 0)) {
        throw new MetricError(
          "INVALID_RATE",
          `with discountRate ${d} and retention ${retention} the infinite sum diverges (it needs 1 + d > r); give a finite number of periods`,
          { fn, value: d, field: "discountRate" },
        );
      }
      return finiteResult((margin * retention) / (1 + d - retention), fn, false, "lifetime value");
    }
    const periods = checkNumber(
      read.periods,
      { min: 1, max: 1e6, integer: true },
      1,
      fn,
      "periods",
    );
    const q = retention / (1 + d);
    // Σ qᵗ for t = 1…T, with expm1/log1p so that q near 1 loses nothing to 1 − qᵀ.
    const sum =
      q === 1 ? periods : q === 0 ? 0 : (q * -Math.expm1(periods * Math.log(q))) / (1 - q);
    return finiteResult(margin * sum, fn, false, "lifetime value");
  });
}
