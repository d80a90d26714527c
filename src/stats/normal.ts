/**
 * The standard normal distribution: CDF, tail and quantile with small relative error everywhere,
 * tails included (p down to the smallest normal double).
 *
 * Methods: Φ(z) − ½ = φ(z) Σ z^(2k+1)/(2k+1)!! (A&S 26.2.11) near the centre; Laplace's continued
 * fraction for the Mills ratio Q(z)/φ(z) = 1/(z + 1/(z + 2/(z + …))) (A&S 26.2.14) in the tails;
 * φ(z) evaluated with Cody's split of z² so that e^(−z²/2) keeps full relative precision.
 * The quantile refines a starting value by Newton steps on the same functions (in the log of the
 * tail probability for the tails), so it is as accurate as the CDF it inverts.
 *
 * @internal
 * @module
 */

const LOG_SQRT_TWO_PI = 0.9189385332046727; // ln √(2π)
const SERIES_BELOW = 2;

/** The standard normal density φ(z), relative error of a few ulps even for large |z|. */
export function normalDensity(z: number): number {
  return Math.exp(logNormalDensity(z));
}

function logNormalDensity(z: number): number {
  const a = Math.abs(z);
  // Split a = h + l with h having few bits, so h² is exact and the rounding of a² is avoided.
  const h = Math.round(a * 16) / 16;
  const l = a - h;
  return -0.5 * h * h - l * (h + 0.5 * l) - LOG_SQRT_TWO_PI;
}

/** Φ(z) − ½ for |z| < SERIES_BELOW, computed without subtracting ½ (relative accuracy). */
function centralProbability(z: number): number {
  const z2 = z * z;
  let term = z;
  let sum = z;
  for (let k = 1; k < 500; k++) {
    term *= z2 / (2 * k + 1);
    sum += term;
    if (Math.abs(term) <= 1e-17 * Math.abs(sum)) break;
  }
  return normalDensity(z) * sum;
}

/** ln Q(z) with Q(z) = 1 − Φ(z) = Φ(−z), for z ≥ SERIES_BELOW (continued fraction). */
function logUpperTailCf(z: number): number {
  // Modified Lentz evaluation of z + 1/(z + 2/(z + 3/(z + …))).
  const tiny = 1e-300;
  let f = z;
  let c = z;
  let d = 0;
  for (let k = 1; k < 5000; k++) {
    d = z + k * d;
    if (d === 0) d = tiny;
    c = z + k / c;
    if (c === 0) c = tiny;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return logNormalDensity(z) - Math.log(f);
}

/** ln Φ(z), accurate in relative terms (for Φ) all the way into the lower tail. */
export function logNormalCdf(z: number): number {
  if (z <= -SERIES_BELOW) return logUpperTailCf(-z);
  if (z < SERIES_BELOW) {
    const c = centralProbability(z);
    return z < 0 ? Math.log(0.5 + c) : Math.log1p(2 * c) - Math.LN2;
  }
  return Math.log1p(-Math.exp(logUpperTailCf(z)));
}

/** Φ(z), the standard normal CDF. Returns exactly 0 or 1 only beyond double range. */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  if (z <= -SERIES_BELOW) return Math.exp(logUpperTailCf(-z));
  if (z >= SERIES_BELOW) return 1 - Math.exp(logUpperTailCf(z));
  return 0.5 + centralProbability(z);
}

/** Q(z) = 1 − Φ(z) = Φ(−z), the upper tail, with relative accuracy for large z. */
export function normalUpperTail(z: number): number {
  return normalCdf(-z);
}

/**
 * Φ⁻¹(p), the standard normal quantile, for 0 < p < 1 (±Infinity at p = 0 or 1 are the
 * caller's to avoid). `upper = true` asks for the z with Q(z) = p instead, which keeps full
 * accuracy when 1 − p is not representable.
 */
export function normalQuantile(p: number, upper = false): number {
  if (!(p > 0 && p < 1)) {
    if (p === 0) return upper ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
    if (p === 1) return upper ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    return Number.NaN;
  }
  if (upper) return -normalQuantile(p);
  // q = p − ½ is exact for p in [¼, 1] (Sterbenz) and nearly so below.
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) return centralQuantile(q);
  // Tail: solve ln Φ(z) = ln r for z < 0, where r = min(p, 1 − p) (1 − p is exact for p > ½).
  const r = q < 0 ? p : 1 - p;
  const z = lowerTailQuantile(r);
  return q < 0 ? z : -z;
}

function centralQuantile(q: number): number {
  // Halley on g(z) = (Φ(z) − ½) − q, starting from the linearisation q·√(2π).
  let z = q * 2.5066282746310002;
  for (let i = 0; i < 50; i++) {
    const g = centralProbability(z) - q;
    const step = g / normalDensity(z);
    // Halley correction: g'' = −z φ(z).
    const halley = step / (1 + 0.5 * z * step);
    z -= halley;
    if (Math.abs(halley) <= 1e-16 * Math.abs(z) + 1e-300) break;
  }
  return z;
}

function lowerTailQuantile(r: number): number {
  // Asymptotic start: z ≈ −√(t − ln t − ln 2π) with t = −2 ln r, then Newton on ln Φ(z) − ln r.
  const logR = Math.log(r);
  const t = -2 * logR;
  let z = -Math.sqrt(Math.max(t - Math.log(t) - 2 * LOG_SQRT_TWO_PI, 0.01));
  for (let i = 0; i < 100; i++) {
    const logCdf = logNormalCdf(z);
    const slope = Math.exp(logNormalDensity(z) - logCdf); // d ln Φ / dz
    const step = (logCdf - logR) / slope;
    z -= step;
    if (Math.abs(step) <= 1e-16 * Math.abs(z)) break;
  }
  return z;
}
