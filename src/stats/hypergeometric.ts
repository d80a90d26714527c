/**
 * The Gauss hypergeometric function ₂F₁(a, b; c; z) for 0 ≤ z < 1 by its power series
 * Σ (a)ₖ(b)ₖ/((c)ₖ k!) zᵏ (A&S 15.1.1), summed until a term no longer changes the sum.
 *
 * @internal
 * @module
 */

/** ₂F₁(a, b; c; z) for c > 0 and 0 ≤ z < 1 (converges geometrically, the faster the smaller z). */
export function hypergeometric2F1(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let k = 0; k < 100_000; k++) {
    term *= ((a + k) * (b + k) * z) / ((c + k) * (k + 1));
    sum += term;
    if (Math.abs(term) <= 1e-17 * Math.abs(sum)) break;
  }
  return sum;
}
