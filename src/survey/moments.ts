import type { Distribution } from "../distribution/distribution.js";

/** Weighted mean and spread of the scores in a distribution. @internal */
export interface Moments {
  /** Weighted mean score. */
  readonly mean: number;
  /**
   * Sample variance with Kish's effective n: [Σw(x − x̄)² / Σw] · n_eff / (n_eff − 1); the usual
   * (n − 1) sample variance when unweighted. Undefined when n_eff ≤ 1.
   */
  readonly variance: number | undefined;
}

/** Mean and variance from the counts, two passes over the scale points (exact sums per point). @internal */
export function moments(d: Distribution): Moments {
  const { min } = d.scale;
  let sum = 0;
  for (let i = 0; i < d.counts.length; i++) sum += (d.counts[i] as number) * (min + i);
  const mean = sum / d.total;
  let squares = 0;
  for (let i = 0; i < d.counts.length; i++) {
    const deviation = min + i - mean;
    squares += (d.counts[i] as number) * deviation * deviation;
  }
  const m = d.effectiveN;
  const variance = m - 1 > 1e-9 ? (squares / d.total) * (m / (m - 1)) : undefined;
  return { mean, variance };
}
