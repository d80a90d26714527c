/**
 * Student's t distribution with ν > 0 degrees of freedom (ν need not be an integer, as Welch's
 * test needs): upper tail and quantile, through the incomplete beta function,
 * P(T > t) = ½ I_{ν/(ν+t²)}(ν/2, ½) for t ≥ 0 (A&S 26.7.1).
 *
 * @internal
 * @module
 */

import { betaQuantileLogs, logIncompleteBeta } from "./beta.js";

/** P(T > t) for T ~ t(ν), with relative accuracy in the tail. */
export function studentTUpperTail(t: number, df: number): number {
  if (t === 0) return 0.5;
  const t2 = t * t;
  if (t2 === Number.POSITIVE_INFINITY) return t > 0 ? 0 : 1;
  const x = df / (df + t2);
  const y = t2 / (df + t2);
  // ½ Iₓ(ν/2, ½) is the tail beyond |t|; the central part ½ I_y(½, ν/2) is its complement.
  const tail = 0.5 * Math.exp(logIncompleteBeta(df / 2, 0.5, x, y));
  return t > 0 ? tail : 1 - tail;
}

/** Two-sided p-value 2·P(T > |t|), computed from the tail itself (no cancellation). */
export function studentTTwoSided(t: number, df: number): number {
  return Math.min(1, 2 * studentTUpperTail(Math.abs(t), df));
}

/**
 * The t(ν) quantile: the t with P(T ≤ t) = p, or with P(T > t) = p when `upper`.
 * Requires 0 < p < 1 and ν > 0.
 */
export function studentTQuantile(p: number, df: number, upper = false): number {
  if (upper) return -studentTQuantile(p, df);
  if (p === 0.5) return 0;
  // Tail probability r = min(p, 1 − p); |t| solves ½ Iₓ(ν/2, ½) = r with x = ν/(ν + t²).
  const negative = p < 0.5;
  const r = negative ? p : 1 - p;
  // For 2r ≤ ½ solve Iₓ = 2r directly; nearer the centre solve 1 − Iₓ = 1 − 2r = 2(½ − r),
  // which is exact, so |t| keeps its relative precision as it goes to 0.
  const [logX, logY] =
    2 * r <= 0.5
      ? betaQuantileLogs(2 * r, df / 2, 0.5)
      : betaQuantileLogs(2 * (0.5 - r), df / 2, 0.5, true);
  const magnitude = Math.sqrt(df) * Math.exp(0.5 * (logY - logX));
  return negative ? -magnitude : magnitude;
}
