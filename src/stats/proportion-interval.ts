/**
 * Confidence intervals for a binomial proportion, as compared by Brown, Cai & DasGupta (2001),
 * "Interval Estimation for a Binomial Proportion", Statistical Science 16(2): 101–133.
 * Successes x and trials n may be fractional (weighted data with a Kish effective n).
 *
 * @internal
 * @module
 */

import { betaQuantile } from "./beta.js";
import { normalQuantile } from "./normal.js";

/** The interval methods for a proportion (the survey area's `CsatIntervalMethod` is the same union; the kernels import nothing from it). */
export type ProportionMethod = "wilson" | "agresti-coull" | "clopper-pearson" | "jeffreys" | "wald";

/** Every proportion interval method, in the order the docs list them. */
export const PROPORTION_METHODS: readonly ProportionMethod[] = [
  "wilson",
  "agresti-coull",
  "clopper-pearson",
  "jeffreys",
  "wald",
];

/** [lower, upper] for the proportion x/n at the given level, both in [0, 1]. */
export function proportionInterval(
  x: number,
  n: number,
  level: number,
  method: ProportionMethod,
): [number, number] {
  const alpha = 1 - level;
  const p = x / n;
  const z = normalQuantile(alpha / 2, true);
  switch (method) {
    case "wilson": {
      // Roots of (n + z²)π² − (2x + z²)π + x²/n = 0; the smaller one from the product of roots,
      // which keeps relative accuracy when x is small.
      const a = n + z * z;
      const b = 2 * x + z * z;
      const c = (x * x) / n;
      const upper = (b + Math.sqrt(Math.max(b * b - 4 * a * c, 0))) / (2 * a);
      const lower = x === 0 ? 0 : c / (a * upper);
      return [clip01(lower), x === n ? 1 : clip01(upper)];
    }
    case "agresti-coull": {
      const nTilde = n + z * z;
      const pTilde = (x + (z * z) / 2) / nTilde;
      const half = z * Math.sqrt((pTilde * (1 - pTilde)) / nTilde);
      return [clip01(pTilde - half), clip01(pTilde + half)];
    }
    case "clopper-pearson":
      return [
        x === 0 ? 0 : betaQuantile(alpha / 2, x, n - x + 1),
        x === n ? 1 : betaQuantile(alpha / 2, x + 1, n - x, true),
      ];
    case "jeffreys":
      // Bounds at x = 0 and x = n set to 0 and 1, as Brown, Cai & DasGupta recommend (§4.1.2).
      return [
        x === 0 ? 0 : betaQuantile(alpha / 2, x + 0.5, n - x + 0.5),
        x === n ? 1 : betaQuantile(alpha / 2, x + 0.5, n - x + 0.5, true),
      ];
    case "wald": {
      const half = z * Math.sqrt((p * (1 - p)) / n);
      return [clip01(p - half), clip01(p + half)];
    }
  }
}

function clip01(value: number): number {
  return value < 0 ? 0 : value > 1 ? 1 : value;
}
