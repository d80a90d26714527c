/**
 * The χ² and F distributions' upper tails, for the k-group tests: P(χ²_ν > x) through the
 * regularised upper incomplete gamma function Q(ν/2, x/2), and P(F > f) through the incomplete
 * beta function (A&S 26.4.19 and 26.6.2).
 *
 * Method for Q(a, x): the power series of P(a, x) below x = a + 1 (Q = 1 − P, which is then not
 * small) and the Legendre continued fraction, by the modified Lentz algorithm, above it
 * (Numerical Recipes §6.2; A&S 6.5.29 and 6.5.31). The leading factor xᵃe⁻ˣ/Γ(a) is taken, for
 * a ≥ 10, as √(a/2π)·exp(−a·(t − ln(1 + t)) − δ(a)) with t = (x − a)/a, so that it loses no
 * precision to the cancellation of a·ln x − x − ln Γ(a) when a is large.
 *
 * @internal
 * @module
 */

import { logIncompleteBeta } from "./beta.js";
import { log1pComplement, logGamma, stirlingCorrection } from "./gamma.js";

const HALF_LOG_TWO_PI = 0.9189385332046727;
const EPSILON = 1e-16;
const TINY = 1e-300;

/** ln[xᵃ e⁻ˣ / Γ(a)] for a, x > 0. */
function logLeadingFactor(a: number, x: number): number {
  if (a < 10) return a * Math.log(x) - x - logGamma(a);
  return (
    -a * log1pComplement((x - a) / a) + 0.5 * Math.log(a) - HALF_LOG_TWO_PI - stirlingCorrection(a)
  );
}

/** P(a, x) / [xᵃe⁻ˣ/Γ(a)] by its power series Σ xⁿ / (a (a + 1) … (a + n)). */
function lowerSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < 100_000; n++) {
    term *= x / (a + n);
    sum += term;
    if (term < sum * EPSILON) break;
  }
  return sum;
}

/** Q(a, x) / [xᵃe⁻ˣ/Γ(a)] by the continued fraction 1/(x + 1 − a − 1·(1 − a)/(x + 3 − a − …)). */
function upperFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 100_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return h;
}

/** Q(a, x) = Γ(a, x) / Γ(a), the regularised upper incomplete gamma function, for a > 0. */
export function upperIncompleteGamma(a: number, x: number): number {
  if (!(x > 0)) return 1;
  if (x === Number.POSITIVE_INFINITY) return 0;
  const logFactor = logLeadingFactor(a, x);
  if (x < a + 1) return 1 - Math.exp(logFactor) * lowerSeries(a, x);
  return Math.exp(logFactor) * upperFraction(a, x);
}

/** P(χ²_ν > x), the upper tail of the χ² distribution with ν > 0 degrees of freedom. */
export function chiSquaredUpperTail(x: number, df: number): number {
  return upperIncompleteGamma(df / 2, x / 2);
}

/** P(F > f) for F ~ F(ν₁, ν₂) (ν₁, ν₂ > 0, not necessarily integers): I_{ν₂/(ν₂+ν₁f)}(ν₂/2, ν₁/2). */
export function fUpperTail(f: number, df1: number, df2: number): number {
  if (!(f > 0)) return 1;
  if (f === Number.POSITIVE_INFINITY) return 0;
  const denominator = df2 + df1 * f;
  return Math.exp(logIncompleteBeta(df2 / 2, df1 / 2, df2 / denominator, (df1 * f) / denominator));
}
