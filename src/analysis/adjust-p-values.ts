/**
 * Multiple-comparison adjustment of p-values, equal to R's `p.adjust`.
 *
 * @module
 */

import { checkChoice } from "../common/options.js";
import { readSeries } from "../common/series.js";
import { describeValue, guarded, MetricError } from "../errors/metric-error.js";

/**
 * How p-values are adjusted for testing several hypotheses at once (the names of R's
 * `p.adjust`, spelt out):
 *
 * - `"holm"` — Holm (1979), step-down; controls the family-wise error rate (FWER) under any
 *   dependence and is uniformly more powerful than Bonferroni. The default.
 * - `"hochberg"` — Hochberg (1988), step-up; FWER, valid for independent or positively
 *   dependent tests; at least as powerful as Holm.
 * - `"bonferroni"` — m·p; FWER under any dependence.
 * - `"benjamini-hochberg"` — Benjamini & Hochberg (1995), step-up; controls the false discovery
 *   rate (FDR) for independent or positively dependent tests (R's `"BH"` / `"fdr"`).
 * - `"benjamini-yekutieli"` — Benjamini & Yekutieli (2001); FDR under any dependence, at the
 *   price of the factor Σ₁ᵐ 1/i (R's `"BY"`).
 * - `"none"` — the p-values as they are.
 *
 * @category Analysis
 */
export type PValueAdjustment =
  | "holm"
  | "hochberg"
  | "bonferroni"
  | "benjamini-hochberg"
  | "benjamini-yekutieli"
  | "none";

/** Every {@link PValueAdjustment}, in the order of the docs. @internal */
export const P_VALUE_ADJUSTMENTS: readonly PValueAdjustment[] = [
  "holm",
  "hochberg",
  "bonferroni",
  "benjamini-hochberg",
  "benjamini-yekutieli",
  "none",
];

/** Read a `correction` option (default Holm). @internal */
export function checkAdjustment(
  value: unknown,
  fn: string,
  field = "correction",
): PValueAdjustment {
  return checkChoice(value, P_VALUE_ADJUSTMENTS, "holm", fn, field);
}

/**
 * Adjust p-values for multiple comparisons — the same numbers as R's `p.adjust(p, method)`.
 *
 * `m` is the number of p-values present: `undefined` and `null` (a test that could not be run,
 * R's `NA`) stay in place, are not counted in `m` and come back `undefined`. Every adjusted
 * value is at least the raw one and at most 1, and the adjustment keeps the raw order
 * (a smaller raw p-value never gets a larger adjusted one). With p₍₁₎ ≤ … ≤ p₍ₘ₎ sorted:
 *
 * - Holm: p̃₍ᵢ₎ = maxⱼ≤ᵢ min(1, (m − j + 1)·p₍ⱼ₎)
 * - Hochberg: p̃₍ᵢ₎ = minⱼ≥ᵢ min(1, (m − j + 1)·p₍ⱼ₎)
 * - Bonferroni: min(1, m·pᵢ)
 * - Benjamini–Hochberg: p̃₍ᵢ₎ = minⱼ≥ᵢ min(1, m/j·p₍ⱼ₎)
 * - Benjamini–Yekutieli: as Benjamini–Hochberg times Σ₁ᵐ 1/k
 *
 * @param pValues - the raw p-values, each in [0, 1] (or `undefined`/`null` for a missing one), as
 *   an array, a typed array or any iterable
 * @param method - the adjustment; default `"holm"`
 * @returns the adjusted p-values, in the input's order
 * @throws {@link MetricError} `INVALID_INPUT` for a p-value that is not a number in [0, 1]
 *   (naming its index) or input that is not an array, typed array or iterable;
 *   `INVALID_OPTION` for an unknown method.
 *
 * @example
 * ```ts
 * import { adjustPValues } from "customer-metrics";
 * adjustPValues([0.01, 0.04, 0.03], "holm"); // => [0.03, 0.06, 0.06]
 * adjustPValues([0.01, 0.04, 0.03], "benjamini-hochberg")[1]; // => 0.04
 * adjustPValues([0.02, undefined, 0.04], "bonferroni"); // => [0.04, undefined, 0.08]
 * adjustPValues(Float64Array.of(0.01, 0.04), "bonferroni"); // => [0.02, 0.08]
 * ```
 *
 * @category Analysis
 */
export function adjustPValues(
  pValues: Iterable<number | null | undefined>,
  method: PValueAdjustment = "holm",
): (number | undefined)[] {
  return guarded("adjustPValues", () => {
    const fn = "adjustPValues";
    const chosen = checkAdjustment(method, fn, "method");
    const series = readSeries(pValues, fn, "pValues", "a series of p-values");
    const present: number[] = [];
    for (let i = 0; i < series.length; i++) {
      const p = series[i];
      if (p === undefined || p === null) continue;
      if (typeof p !== "number" || !(p >= 0 && p <= 1)) {
        throw new MetricError(
          "INVALID_INPUT",
          `the p-value at index ${i} must be a number in [0, 1]; got ${describeValue(p)}`,
          { fn, index: i, value: p, field: "pValues" },
        );
      }
      present.push(i);
    }
    const adjusted = new Array<number | undefined>(series.length).fill(undefined);
    const raw = (i: number): number => series[i] as number;
    for (const [i, p] of adjustPresent(present.map(raw), chosen).entries()) {
      // + 0: a raw p-value of −0 comes back as 0.
      adjusted[present[i] as number] = p + 0;
    }
    return adjusted;
  });
}

/**
 * The adjustment of m p-values, all present and valid, in their order. O(m log m).
 *
 * @internal
 */
export function adjustPresent(p: readonly number[], method: PValueAdjustment): number[] {
  const m = p.length;
  if (method === "none") return [...p];
  if (method === "bonferroni") return p.map((x) => Math.min(1, m * x));
  // Ranks by p, ties in input order (R's order() is stable too).
  const order = p.map((_, i) => i).sort((a, b) => (p[a] as number) - (p[b] as number) || a - b);
  const out = new Array<number>(m);
  if (method === "holm") {
    let running = 0;
    order.forEach((i, rank) => {
      running = Math.max(running, Math.min(1, (m - rank) * (p[i] as number)));
      out[i] = running;
    });
    return out;
  }
  let harmonic = 1;
  if (method === "benjamini-yekutieli") {
    harmonic = 0;
    for (let k = 1; k <= m; k++) harmonic += 1 / k;
  }
  // Step-up: from the largest p down, the running minimum of its multiplier times p.
  let running = 1;
  for (let rank = m - 1; rank >= 0; rank--) {
    const i = order[rank] as number;
    const factor = method === "hochberg" ? m - rank : (harmonic * m) / (rank + 1);
    running = Math.min(running, Math.min(1, factor * (p[i] as number)));
    out[i] = running;
  }
  return out;
}
