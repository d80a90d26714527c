/**
 * The regularised incomplete beta function Iₓ(a, b) in log space, and its inverse (the beta
 * quantile), with relative accuracy in both tails.
 *
 * Methods: the continued fraction of A&S 26.5.8 evaluated by the modified Lentz algorithm, on
 * whichever of Iₓ(a, b) and I_y(b, a) (y = 1 − x) it converges for; the leading factor
 * xᵃ yᵇ / B(a, b) computed as in Didonato & Morris (1992, ACM TOMS 708, `brcomp`) so that large
 * a and b lose no precision. The quantile is Newton's method on ln Iₓ as a function of ln x,
 * safeguarded by bisection, solving for whichever of x and y is below ½ so both come back with
 * full relative precision.
 *
 * @internal
 * @module
 */

import { log1pComplement, logBeta, stirlingCorrection } from "./gamma.js";

const HALF_LOG_TWO_PI = 0.9189385332046727;

/**
 * ln[xᵃ yᵇ / B(a, b)] with y = 1 − x given separately (both must be accurate); `logX` may be
 * passed when x itself underflows.
 */
export function logPowerTerm(
  a: number,
  b: number,
  x: number,
  y: number,
  logX: number = x < 0.5 ? Math.log(x) : Math.log1p(-y),
): number {
  const logY = y < 0.5 ? Math.log(y) : Math.log1p(-x);
  if (a < 10 || b < 10) return a * logX + b * logY - logBeta(a, b);
  // TOMS 708 brcomp: expand around the mode x₀ = a/(a + b) with λ = a − (a + b)x, exact enough
  // to keep a·ln(x/x₀) + b·ln(y/y₀) = −a·ρ(−λ/a) − b·ρ(λ/b), where ρ(e) = e − ln(1 + e) is
  // taken from its series near 0 and as e − ln(x/x₀) far from it (1 + e would cancel).
  const sum = a + b;
  const lambda = a <= b ? a - sum * x : sum * y - b;
  const ex = -lambda / a;
  const ey = lambda / b;
  const u = Math.abs(ex) < 0.6 ? log1pComplement(ex) : ex - (logX - Math.log(a / sum));
  const v = Math.abs(ey) < 0.6 ? log1pComplement(ey) : ey - (logY - Math.log(b / sum));
  const correction = stirlingCorrection(a) + stirlingCorrection(b) - stirlingCorrection(sum);
  return 0.5 * Math.log((a * b) / sum) - HALF_LOG_TWO_PI - (a * u + b * v) - correction;
}

/**
 * Iₓ(a, b) / [xᵃ yᵇ / B(a, b)] by the continued fraction of A&S 26.5.8 in the equivalent form
 * of Didonato & Morris (1992, TOMS 708 `bfrac`), whose terms use λ = (a + b)y − b instead of
 * 1 − (a + b)x/(a + 1): no cancellation when x is close to 1 and a is large (the t distribution
 * with many degrees of freedom). Use for x < (a + 1)/(a + b + 2), i.e. λ > −1.
 */
function continuedFraction(a: number, b: number, x: number, y: number): number {
  // λ from whichever of x and y keeps it exact (they agree mathematically; TOMS 708 does the same).
  const lambda = a > b ? (a + b) * y - b : a - (a + b) * x;
  const c = 1 + lambda;
  const c0 = b / a;
  const c1 = 1 + 1 / a;
  const yPlusOne = y + 1;
  let p = 1;
  let s = a + 1;
  // Convergents A/B of the fraction, renormalised at each step so they never overflow.
  let previousA = 0;
  let previousB = 1;
  let currentA = 1;
  let currentB = c / c1;
  let ratio = c1 / c;
  for (let n = 1; n < 100_000; n++) {
    const t = n / a;
    const w = n * (b - n) * x;
    let e = a / s;
    const alpha = p * (p + c0) * e * e * (w * x);
    e = (1 + t) / (c1 + t + t);
    const beta = n + w / s + e * (c + n * yPlusOne);
    p = 1 + t;
    s += 2;
    const nextA = alpha * previousA + beta * currentA;
    const nextB = alpha * previousB + beta * currentB;
    previousA = currentA / nextB;
    previousB = currentB / nextB;
    const previousRatio = ratio;
    ratio = nextA / nextB;
    currentA = ratio;
    currentB = 1;
    if (Math.abs(ratio - previousRatio) <= 1e-16 * ratio) break;
  }
  return ratio;
}

/**
 * ln Iₓ(a, b) (or ln[1 − Iₓ(a, b)] when `upper`), for a, b > 0 and x + y = 1, 0 ≤ x ≤ 1.
 * Returns −Infinity for an exact zero. `logX` may be passed when x itself underflows.
 */
export function logIncompleteBeta(
  a: number,
  b: number,
  x: number,
  y: number,
  upper = false,
  logX: number = x < 0.5 ? Math.log(x) : Math.log1p(-y),
): number {
  if (logX === Number.NEGATIVE_INFINITY) return upper ? 0 : Number.NEGATIVE_INFINITY;
  if (y <= 0) return upper ? Number.NEGATIVE_INFINITY : 0;
  if (x < (a + 1) / (a + b + 2)) {
    const logLower = logPowerTerm(a, b, x, y, logX) + Math.log(continuedFraction(a, b, x, y));
    return upper ? Math.log1p(-Math.exp(logLower)) : logLower;
  }
  const logUpper = logPowerTerm(b, a, y, x) + Math.log(continuedFraction(b, a, y, x));
  return upper ? logUpper : Math.log1p(-Math.exp(logUpper));
}

/** Iₓ(a, b), the regularised incomplete beta function (the Beta(a, b) CDF at x). */
export function incompleteBeta(a: number, b: number, x: number): number {
  return Math.exp(logIncompleteBeta(a, b, x, 1 - x));
}

/**
 * u = ln x for the x in (0, ½] where ln Iₓ(a, b) = logTarget (or ln[1 − Iₓ(a, b)] = logTarget
 * when `upperTail`), given that such an x exists. Newton in u (ln I is close to linear in u in
 * the lower tail), bracketed by bisection; u may lie far below the log of the smallest double.
 */
function solveBelowHalf(logTarget: number, a: number, b: number, upperTail: boolean): number {
  // g(u) = ±(ln F(eᵘ) − logTarget) is increasing in u, with F the chosen tail.
  const sign = upperTail ? -1 : 1;
  let lo = Number.NEGATIVE_INFINITY;
  let hi = -Math.LN2;
  // Lower tail: start from the asymptote Iₓ ≈ xᵃ / (a B(a, b)); upper tail: start at ½.
  let u = upperTail ? hi : Math.min((logTarget + Math.log(a) + logBeta(a, b)) / a, hi);
  for (let iteration = 0; iteration < 400; iteration++) {
    const x = Math.exp(u);
    const y = -Math.expm1(u);
    const logF = logIncompleteBeta(a, b, x, y, upperTail, u);
    const g = sign * (logF - logTarget);
    if (g === 0) return u;
    if (g < 0) lo = u;
    else hi = u;
    // d ln F / d ln x = ± x f(x) / F(x) with x f(x) = xᵃ y^(b−1) / B(a, b).
    const slope = Math.exp(logPowerTerm(a, b, x, y, u) - Math.log(y) - logF);
    let next = u - g / slope;
    if (!(next > lo && next < hi)) {
      next = Number.isFinite(lo) ? 0.5 * (lo + hi) : 2 * u - hi - 1;
    }
    if (Math.abs(next - u) <= 4e-16 * Math.max(1, Math.abs(u)) || hi - lo <= 4e-16 * Math.abs(u)) {
      return next;
    }
    u = next;
  }
  return u;
}

/**
 * The Beta(a, b) quantile as the pair [ln x, ln(1 − x)], each with full relative precision
 * (and no underflow). With `upper = false`, solves Iₓ(a, b) = p; with `upper = true`, solves
 * 1 − Iₓ(a, b) = p. Requires 0 < p < 1 and a, b > 0.
 */
export function betaQuantileLogs(
  p: number,
  a: number,
  b: number,
  upper = false,
): [logX: number, logY: number] {
  // Solve for whichever of x and y = 1 − x is at most ½, always against p itself (never 1 − p):
  // Iₓ(a, b) = 1 − I_y(b, a), so a lower-tail target in x is an upper-tail target in y.
  const logP = Math.log(p);
  const logHalf = logIncompleteBeta(a, b, 0.5, 0.5, upper); // ln of the chosen tail at x = ½
  const solveForX = upper ? logP >= logHalf : logP <= logHalf;
  if (solveForX) {
    const u = solveBelowHalf(logP, a, b, upper);
    return [u, Math.log1p(-Math.exp(u))];
  }
  const v = solveBelowHalf(logP, b, a, !upper);
  return [Math.log1p(-Math.exp(v)), v];
}

/**
 * The Beta(a, b) quantile: the x with Iₓ(a, b) = p (or 1 − Iₓ(a, b) = p when `upper`),
 * for 0 ≤ p ≤ 1 and a, b > 0.
 */
export function betaQuantile(p: number, a: number, b: number, upper = false): number {
  if (p <= 0) return upper ? 1 : 0;
  if (p >= 1) return upper ? 0 : 1;
  return Math.exp(betaQuantileLogs(p, a, b, upper)[0]);
}
