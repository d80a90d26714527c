/**
 * Confidence intervals for a net score: the mean of a −1/0/+1 variable (NPS as a share in
 * [−1, 1]) from trinomial counts. Counts may be fractional (weighted data, scaled to the Kish
 * effective n).
 *
 * - `wald`: δ̂ ± z·√(v/n), v = p + d − (p − d)² (the trinomial variance of the −1/0/+1 mean).
 * - `adjusted-wald`: the Wald interval after adding pseudo-counts ¾ promoter, 3/2 passive and
 *   ¾ detractor (n + 3), centred on the adjusted estimate — Rocks (2016), "Interval Estimation
 *   for the 'Net Promoter Score'", The American Statistician 70(4): 365–372.
 * - `score`: the inverted score test for a difference of two multinomial shares (Tango 1998,
 *   Statistics in Medicine 17: 891–908, applied to NPS by Rocks 2016 and called "iterative" in
 *   the R package NPS), solved here to machine precision by bisection.
 *
 * @internal
 * @module
 */

import { normalQuantile } from "./normal.js";

/** The interval methods for a net score (the survey area's `NpsIntervalMethod` is the same union; the kernels import nothing from it). */
export type NetScoreMethod = "adjusted-wald" | "wald" | "score";

/** Every net-score interval method, in the order the docs list them. */
export const NET_SCORE_METHODS: readonly NetScoreMethod[] = ["adjusted-wald", "wald", "score"];

/** The variance of one −1/0/+1 response with promoter share p and detractor share d. */
export function netScoreVariance(p: number, d: number): number {
  // p + d − (p − d)² ≥ 0 mathematically; guard the rounding at the corners.
  return Math.max(p + d - (p - d) * (p - d), 0);
}

/** [lower, upper] for the net share (promoters − detractors)/n, both in [−1, 1]. */
export function netScoreInterval(
  promoters: number,
  detractors: number,
  n: number,
  level: number,
  method: NetScoreMethod,
): [number, number] {
  const z = normalQuantile((1 - level) / 2, true);
  if (method === "score") return scoreInterval(promoters, detractors, n, z);
  const extra = method === "adjusted-wald" ? 3 : 0;
  const size = n + extra;
  const p = (promoters + extra / 4) / size;
  const d = (detractors + extra / 4) / size;
  const centre = p - d;
  const half = z * Math.sqrt(netScoreVariance(p, d) / size);
  return [clip(centre - half), clip(centre + half)];
}

function clip(value: number): number {
  return value < -1 ? -1 : value > 1 ? 1 : value;
}

/**
 * Tango's score statistic at the hypothesised net share δ: (P − D − nδ) / √(n(2q̃ + δ(1 − δ))),
 * with q̃ the detractor share's maximum-likelihood estimate under the constraint p − d = δ.
 */
function scoreStatistic(promoters: number, detractors: number, n: number, delta: number): number {
  const a = 2 * n;
  const b = -detractors - promoters + (2 * n - promoters + detractors) * delta;
  const c = -detractors * delta * (1 - delta);
  const root = Math.sqrt(Math.max(b * b - 4 * a * c, 0));
  // The non-negative root of a q² + b q + c = 0 (c ≤ 0), without cancellation.
  const q = b > 0 ? (-2 * c) / (root + b) : (root - b) / (2 * a);
  const variance = n * (2 * q + delta * (1 - delta));
  const numerator = promoters - detractors - n * delta;
  if (variance <= 0) return numerator === 0 ? 0 : numerator > 0 ? Infinity : -Infinity;
  return numerator / Math.sqrt(variance);
}

function scoreInterval(
  promoters: number,
  detractors: number,
  n: number,
  z: number,
): [number, number] {
  const estimate = (promoters - detractors) / n;
  // The statistic decreases in δ; each bound is where it crosses ±z.
  const lower =
    detractors >= n
      ? -1
      : bisect((delta) => scoreStatistic(promoters, detractors, n, delta) - z, -1, estimate);
  const upper =
    promoters >= n
      ? 1
      : bisect((delta) => scoreStatistic(promoters, detractors, n, delta) + z, estimate, 1);
  return [lower, upper];
}

/** The root of a decreasing function on [lo, hi], to the last bit. */
function bisect(f: (x: number) => number, lo: number, hi: number): number {
  if (f(lo) <= 0) return lo;
  if (f(hi) >= 0) return hi;
  for (let i = 0; i < 200; i++) {
    const mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    if (f(mid) > 0) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}
