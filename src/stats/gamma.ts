/**
 * Log-gamma and the pieces of Stirling's series the beta function needs, accurate to a few
 * units in the last place of the absolute value (which is what log-space arithmetic needs).
 *
 * Method: Stirling's asymptotic series with eight Bernoulli terms for x ≥ 10, the recurrence
 * Γ(x + 1) = x Γ(x) below that (Abramowitz & Stegun 6.1.40 and 6.1.15).
 *
 * @internal
 * @module
 */

const HALF_LOG_TWO_PI = 0.9189385332046727; // ln(2π) / 2
const STIRLING_FROM = 10;

/**
 * Stirling's correction δ(x) = ln Γ(x) − [(x − ½) ln x − x + ½ ln 2π] for x ≥ 10,
 * by the series Σ B₂ₖ / (2k (2k − 1) x^(2k−1)); the first omitted term is below 1e-19.
 */
export function stirlingCorrection(x: number): number {
  const r = 1 / x;
  const r2 = r * r;
  return (
    r *
    (1 / 12 +
      r2 *
        (-1 / 360 +
          r2 *
            (1 / 1260 +
              r2 *
                (-1 / 1680 +
                  r2 *
                    (1 / 1188 + r2 * (-691 / 360360 + r2 * (1 / 156 + r2 * (-3617 / 122400))))))))
  );
}

/** ln Γ(x) for x > 0 (NaN for anything else). */
export function logGamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  if (x >= STIRLING_FROM) {
    return (x - 0.5) * Math.log(x) - x + HALF_LOG_TWO_PI + stirlingCorrection(x);
  }
  // Shift up with the recurrence; the product stays far from overflow (x ≥ tiny, ≤ 10 factors).
  let product = 1;
  let shifted = x;
  while (shifted < STIRLING_FROM) {
    product *= shifted;
    shifted += 1;
  }
  return logGamma(shifted) - Math.log(product);
}

/**
 * ln Γ(a) − ln Γ(a + b) for a ≥ 10 and b > 0, without the cancellation of two large
 * log-gammas: −(a − ½) ln(1 + b/a) − b ln(a + b) + b + δ(a) − δ(a + b).
 */
export function logGammaRatio(a: number, b: number): number {
  return (
    -(a - 0.5) * Math.log1p(b / a) -
    b * Math.log(a + b) +
    b +
    stirlingCorrection(a) -
    stirlingCorrection(a + b)
  );
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), for a, b > 0. */
export function logBeta(a: number, b: number): number {
  const big = Math.max(a, b);
  const small = Math.min(a, b);
  if (big >= STIRLING_FROM) {
    if (small >= STIRLING_FROM) {
      // Both large: expand all three log-gammas and cancel the linear terms analytically.
      return (
        HALF_LOG_TWO_PI +
        (small - 0.5) * Math.log(small / (small + big)) +
        big * Math.log1p(-small / (small + big)) -
        0.5 * Math.log(big) +
        stirlingCorrection(small) +
        stirlingCorrection(big) -
        stirlingCorrection(small + big)
      );
    }
    return logGamma(small) + logGammaRatio(big, small);
  }
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/** t − ln(1 + t), accurate also for small |t| (series), for t > −1. */
export function log1pComplement(t: number): number {
  if (Math.abs(t) >= 0.5) return t - Math.log1p(t);
  // t²/2 − t³/3 + t⁴/4 − …
  let term = t * t;
  let sum = 0;
  for (let k = 2; k < 200; k++) {
    const next = term / k;
    sum += k % 2 === 0 ? next : -next;
    if (Math.abs(next) <= 1e-17 * Math.abs(sum)) break;
    term *= t;
  }
  return sum;
}
