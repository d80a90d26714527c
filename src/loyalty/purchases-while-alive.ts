/**
 * The number of purchases a customer alive at the start of a window is expected to make in it,
 * under the BG/NBD model (Fader, Hardie & Lee 2005): purchases come at rate λ, λ ~ Gamma(m, A),
 * and after each one the customer leaves with probability p, p ~ Beta(a, β); given λ and p,
 * E[X(t)] = (1 − e^(−λpt))/p, so over both
 *
 *   E[X(t)] = E_p[(1 − (1 + p·s)^(−m)) / p],  s = t/A,
 *           = c/(a − 1) · [1 − (1 + s)^(−m) · ₂F₁(m, β; c; z)],  c = a + β − 1, z = s/(1 + s)
 *
 * (eq. 9, with m = r, A = α, β = b; and the alive part of eq. 10, with m = r + x, A = α + T,
 * β = b + x). That closed form loses its digits where the bracket is near 0 (a short window,
 * a customer with many purchases, or a near 1, where it is 0/0), so it is never used as it
 * stands. Instead, one of three ways, each only where it keeps 13 digits:
 *
 * 1. s < 1: the series in −s that the Pfaff transformation of ₂F₁ gives, with the factor
 *    (a − 1) cancelled: E = m·s·₃F₂(m + 1, a, 1; a + β, 2; −s) — exact to first order in a
 *    short window, and no singularity at a = 1. Used if its terms do not cancel.
 * 2. Euler's transformation, ₂F₁(m, β; c; z) = (1 − z)^(c − m − β) ₂F₁(c − m, a − 1; c; z),
 *    whose terms past the first all carry the factor a − 1; cancelled, it leaves
 *      E = c·[ln(1 + s)·(1 − e^(−u))/u − (1 + s)^(1 − a)·G],  u = (a − 1)·ln(1 + s),
 *      G = Σₖ≥₁ (c − m)ₖ (a)ₖ₋₁ / ((c)ₖ k!) zᵏ,
 *    with no 0/0 at a = 1 and little cancellation between its two terms (the second is small
 *    beside the first for a customer with many purchases). Used if G converges within 5,000
 *    terms and the rounding its terms carry is at most 1e-13 of the result.
 * 3. Otherwise the integral over p itself, by adaptive Gauss–Legendre quadrature in ln p (and
 *    ln(1 − p) above p = 1/2, where (1 − p)^(β − 1) may be infinite), its far tails in closed
 *    form: a very long window, or a + β near 1.
 *
 * Each is checked against mpmath's hyp2f1 on the closed form at 60 digits and more
 * (tests/fixtures/bg-nbd-mpmath.json), and the three against each other.
 *
 * @internal
 * @module
 */
import { MetricError } from "../errors/metric-error.js";
import { logBeta } from "../stats/gamma.js";
import { integrate } from "../stats/quadrature.js";

/**
 * E_p[(1 − (1 + p·t/A)^(−m)) / p] for p ~ Beta(a, β), all parameters > 0 and t ≥ 0 finite:
 * see the module's doc.
 *
 * @throws {@link MetricError} `NO_CONVERGENCE` (for `fn`) if the quadrature cannot meet its
 *   tolerance: never seen on the parameters tested, but a number it cannot vouch for is not
 *   returned.
 */
export function purchasesWhileAlive(
  m: number,
  A: number,
  a: number,
  beta: number,
  t: number,
  fn: string,
): number {
  if (t === 0) return 0;
  const s = t / A;
  if (s < 1) {
    const short = shortWindowSeries(m, a, beta, s);
    if (short !== undefined) return short;
  }
  const euler = eulerForm(m, a, beta, s);
  if (euler !== undefined) return euler;
  const integral = byQuadrature(m, a, beta, s);
  if (integral === undefined) {
    throw new MetricError(
      "NO_CONVERGENCE",
      `the expected number of purchases (m = ${m}, A = ${A}, a = ${a}, β = ${beta}, t = ${t}) could not be integrated to its tolerance`,
      { fn, value: t, field: "t" },
    );
  }
  return integral;
}

/** m·s·₃F₂(m + 1, a, 1; a + β, 2; −s) for 0 < s < 1, or undefined if its terms cancel. */
export function shortWindowSeries(
  m: number,
  a: number,
  beta: number,
  s: number,
): number | undefined {
  let term = 1;
  let sum = 0;
  let magnitude = 0;
  for (let j = 0; j < 2_000; j++) {
    sum += term;
    magnitude += Math.abs(term);
    term *= (-s * (m + 1 + j) * (a + j)) / ((a + beta + j) * (2 + j));
    if (Math.abs(term) <= 1e-17 * Math.abs(sum)) {
      // Terms of alternating sign lose about log₁₀(Σ|term| / |Σ term|) digits: keep 14.
      return magnitude <= 100 * Math.abs(sum) && Number.isFinite(magnitude)
        ? m * s * sum
        : undefined;
    }
  }
  return undefined;
}

/**
 * c·[ln(1 + s)·(1 − e^(−u))/u − (1 + s)^(1 − a)·G] (see the module's doc), or undefined where
 * it would not keep 13 digits: c = a + β − 1 ≤ 0 or within about 2 % of 0 (where its rounding
 * shows), G not converged in 5,000 terms, or a result that the rounding of G's terms (each a
 * product of k ratios: up to about (k + 1)·ε of itself) could move by more than 1e-13 of it.
 */
export function eulerForm(m: number, a: number, beta: number, s: number): number | undefined {
  const c = a + beta - 1;
  if (!(c * 1e-14 >= (a + beta) * Number.EPSILON)) return undefined;
  // c − m without the rounding of the (possibly large) c and m: (a − 1) + (β − m).
  const cm = a - 1 + (beta - m);
  const z = s / (1 + s);
  const logGrowth = Math.log1p(s);
  const u = (a - 1) * logGrowth;
  const first = u === 0 ? logGrowth : (logGrowth * -Math.expm1(-u)) / u;
  // G from its first term, (c − m)/c·z; the ratio of term k + 1 to term k is
  // (c − m + k)(a + k − 1)z / ((c + k)(k + 1)).
  let term = (cm / c) * z;
  let series = term;
  let rounding = 2 * Math.abs(term);
  let converged = false;
  for (let k = 1; k < 5_000; k++) {
    const ratio = ((cm + k) * (a + k - 1) * z) / ((c + k) * (k + 1));
    term *= ratio;
    series += term;
    rounding += (k + 2) * Math.abs(term);
    // Once c − m + k > 0 the terms keep their sign and their ratio tends to z: what is left is
    // at most |term|·q/(1 − q), q the larger of the ratio and z.
    const q = Math.max(ratio, z);
    if (cm + k > 0 && q < 1 && (Math.abs(term) * q) / (1 - q) <= 1e-17 * Math.abs(series)) {
      converged = true;
      break;
    }
  }
  if (!converged) return undefined;
  const power = Math.exp(-u);
  const second = power * series;
  const value = c * (first - second);
  // Each of the two terms carries a few ε of itself (the exponent u, |u|·ε), G its terms'.
  const error =
    c * Number.EPSILON * (4 * first + (4 + Math.abs(u)) * Math.abs(second) + power * rounding);
  if (!(Number.isFinite(value) && value > 0 && error <= 1e-13 * value)) return undefined;
  return value;
}

/**
 * The integral over p, in ln p on (0, 1/2] and in ln(1 − p) on [1/2, 1): smooth in those
 * variables, with breakpoints where the window's factor and the Beta density turn, and the
 * far tail of each (where the integrand is e^(a·ln p) or e^(β·ln(1 − p)) times a constant, to
 * e⁻⁴⁰) in closed form.
 */
export function byQuadrature(m: number, a: number, beta: number, s: number): number | undefined {
  const lnB = logBeta(a, beta);
  const lnS = Math.log(s);
  const lnM = Math.log(m);
  const top = -Math.LN2;
  // ln of h(y) = 1 − (1 + y)^(−m), from ln y: m·y·(1 − (m + 1)·y/2) where the rest is below
  // 1e-17 of it (and h itself would lose digits), else directly.
  const logH = (lnY: number): number => {
    const y = Math.exp(lnY);
    if ((m + 1) * y <= 1e-8) return lnM + lnY + Math.log1p((-(m + 1) * y) / 2);
    return Math.log(-Math.expm1(-m * Math.log1p(y)));
  };
  // p = e^v: p^(a−2)(1 − p)^(β−1) h(p·s) dp = p^(a−1)(1 − p)^(β−1) h(p·s) dv.
  const low = (v: number): number =>
    Math.exp((a - 1) * v + (beta - 1) * Math.log1p(-Math.exp(v)) + logH(v + lnS) - lnB);
  // 1 − p = e^u: p^(a−2)(1 − p)^β h(p·s) du.
  const high = (u: number): number => {
    const lnP = Math.log1p(-Math.exp(u));
    return Math.exp((a - 2) * lnP + beta * u + logH(lnP + lnS) - lnB);
  };
  const turns = [top, -(lnS + Math.log(m + 1)), -Math.log(Math.max(beta, 1))];
  const lowFrom = Math.min(...turns) - 40;
  const highFrom = top - 40 - Math.log(Math.max(Math.abs(a - 2), m, 1));
  const tails = low(lowFrom) / a + high(highFrom) / beta;
  // A first, rough pass sets the scale: a panel then only needs to be right to 1e-15 of the
  // whole, or to 1e-13 of itself (where e^(large exponent) carries that much rounding noise).
  const rough = panels(low, lowFrom, top, 1e-6, 0) + panels(high, highFrom, top, 1e-6, 0);
  const absolute = 1e-15 * Math.abs(rough + tails);
  const total =
    panels(low, lowFrom, top, 1e-13, absolute) + panels(high, highFrom, top, 1e-13, absolute);
  return Number.isNaN(total) ? undefined : total + tails;
}

/**
 * ∫ f from `from` to `to` in panels of width at most 1, each to `relative` of itself or
 * `absolute`; NaN if one did not converge.
 */
function panels(
  f: (x: number) => number,
  from: number,
  to: number,
  relative: number,
  absolute: number,
): number {
  const count = Math.ceil(to - from);
  const width = (to - from) / count;
  let sum = 0;
  for (let i = 0; i < count; i++) {
    const panel = integrate(f, from + i * width, from + (i + 1) * width, relative, absolute);
    if (!panel.converged) return Number.NaN;
    sum += panel.value;
  }
  return sum;
}
