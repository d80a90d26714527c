/**
 * RFM scores: recency, frequency and monetary value, each as a quantile score across customers.
 *
 * @module
 */

import { checkNumber, readOptions } from "../common/options.js";
import { describeValue, guarded, MetricError } from "../errors/metric-error.js";

/**
 * A customer's RFM inputs as of a date: days since the last purchase, the number of purchases
 * and the money spent (the summary of {@link summarizePurchases} gives the parts).
 *
 * @category Loyalty
 */
export interface RfmInput {
  /** The customer. */
  readonly customerId: string;
  /** Time since the last purchase (any unit, the same for all): ≥ 0; smaller is better. */
  readonly recency: number;
  /** Purchases: ≥ 0; larger is better. */
  readonly frequency: number;
  /** Money spent (total or mean, the same for all): ≥ 0; larger is better. */
  readonly monetary: number;
}

/**
 * A customer's RFM scores, each from 1 (worst) to `bins` (best).
 *
 * @category Loyalty
 */
export interface RfmScore {
  /** The customer. */
  readonly customerId: string;
  /** Recency score: the most recent buyers score highest. */
  readonly recency: number;
  /** Frequency score. */
  readonly frequency: number;
  /** Monetary score. */
  readonly monetary: number;
}

/**
 * Quantile scores: a customer's score on one measure is 1 + ⌊bins · (customers strictly worse) / n⌋,
 * so the best fifth (with `bins: 5`) scores 5 and the worst fifth 1. **Ties get the same score**
 * (the count of customers strictly worse decides, so equal values can never be split between
 * two bins by their order in the input), which leaves a bin short when many customers tie — the
 * common case for frequency, where most customers bought once.
 */
function scores(values: readonly number[], bins: number, better: "higher" | "lower"): number[] {
  const n = values.length;
  const sorted = [...values].sort((a, b) => a - b);
  // Customers strictly worse: for "higher", those with a smaller value; for "lower", a larger one.
  const strictlyBelow = (v: number) => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((sorted[mid] as number) < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const strictlyAbove = (v: number) => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((sorted[mid] as number) <= v) lo = mid + 1;
      else hi = mid;
    }
    return n - lo;
  };
  return values.map(
    (v) => 1 + Math.floor((bins * (better === "higher" ? strictlyBelow(v) : strictlyAbove(v))) / n),
  );
}

/**
 * Score customers on recency, frequency and monetary value (Hughes 1994, *Strategic Database
 * Marketing*), each by its quantile among the customers given: from 1 to `bins` (default 5),
 * higher being better — recent, frequent, high-spending. Ties get the same score (see the rule
 * in the source: the number of customers strictly worse decides), so the result does not depend
 * on the order of the input.
 *
 * @param customers - one {@link RfmInput} per customer
 * @param options - `bins` (2 to 10; default 5)
 * @returns one {@link RfmScore} per customer, in the input's order
 * @throws {@link MetricError} `INVALID_INPUT` for a customer whose measures are not finite numbers
 *   ≥ 0 (naming it) or input that is not an array; `EMPTY_SAMPLE` for no customers;
 *   `INVALID_OPTION` for bins outside 2–10.
 *
 * @example
 * ```ts
 * import { rfmScores } from "customer-metrics";
 * const scored = rfmScores(
 *   [
 *     { customerId: "a", recency: 3, frequency: 12, monetary: 900 },
 *     { customerId: "b", recency: 40, frequency: 2, monetary: 80 },
 *     { customerId: "c", recency: 200, frequency: 1, monetary: 20 },
 *     { customerId: "d", recency: 10, frequency: 5, monetary: 300 },
 *   ],
 *   { bins: 4 },
 * );
 * scored.map((s) => [s.customerId, s.recency, s.frequency, s.monetary]); // => [["a", 4, 4, 4], ["b", 2, 2, 2], ["c", 1, 1, 1], ["d", 3, 3, 3]]
 * ```
 *
 * @category Loyalty
 */
export function rfmScores(
  customers: readonly RfmInput[],
  options: { readonly bins?: number } = {},
): RfmScore[] {
  return guarded("rfmScores", () => {
    const fn = "rfmScores";
    const read = readOptions(options, ["bins"], fn);
    const bins = checkNumber(read.bins, { min: 2, max: 10, integer: true }, 5, fn, "bins");
    if (!Array.isArray(customers)) {
      throw new MetricError(
        "INVALID_INPUT",
        `customers must be an array; got ${describeValue(customers)}`,
        { fn, value: customers },
      );
    }
    if (customers.length === 0)
      throw new MetricError("EMPTY_SAMPLE", "no customers to score", { fn, value: 0 });
    // Array.from, not map: a hole is a customer without recency, frequency and monetary, not skipped.
    const rows = Array.from(customers, (c: unknown, i) => {
      const r = c as Partial<RfmInput> | null;
      const ok = (v: unknown) => typeof v === "number" && Number.isFinite(v) && v >= 0;
      if (
        typeof r !== "object" ||
        r === null ||
        !ok(r.recency) ||
        !ok(r.frequency) ||
        !ok(r.monetary)
      ) {
        throw new MetricError(
          "INVALID_INPUT",
          `customers[${i}] must have recency, frequency and monetary as finite numbers ≥ 0; got ${describeValue(c)}`,
          { fn, index: i, value: c },
        );
      }
      return r as RfmInput;
    });
    const recency = scores(
      rows.map((r) => r.recency),
      bins,
      "lower",
    );
    const frequency = scores(
      rows.map((r) => r.frequency),
      bins,
      "higher",
    );
    const monetary = scores(
      rows.map((r) => r.monetary),
      bins,
      "higher",
    );
    return rows.map((r, i) => ({
      customerId: r.customerId,
      recency: recency[i] as number,
      frequency: frequency[i] as number,
      monetary: monetary[i] as number,
    }));
  });
}
