/**
 * Neumaier's compensated summation (Neumaier 1974, an improvement of Kahan's): the error of the
 * sum does not grow with the number of terms, so totals do not depend on the order of the
 * inputs beyond a few units in the last place. The one definition of the step; every
 * compensated total in the library (here, and the per-point counts of a tally) uses it.
 *
 * @internal
 * @module
 */

/**
 * The rounding error of `next = sum + value`, exactly (Neumaier's step): add it to a running
 * compensation term, and `sum + compensation` is the total to within a few units in the last
 * place whatever the order of the terms.
 */
export function roundingError(sum: number, value: number, next: number): number {
  return Math.abs(sum) >= Math.abs(value) ? sum - next + value : value - next + sum;
}

/**
 * {@link roundingError} for two terms that are never negative (counts, weights, squares): the
 * larger term is the larger in magnitude, so the step needs no absolute values. The weighted
 * tallies' hot loops use it; the result is the same as {@link roundingError}'s.
 */
export function nonNegativeRoundingError(sum: number, value: number, next: number): number {
  return sum >= value ? sum - next + value : value - next + sum;
}

/** Σ values, compensated. */
export function compensatedSum(values: ArrayLike<number>): number {
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    const next = sum + value;
    compensation += roundingError(sum, value, next);
    sum = next;
  }
  return sum + compensation;
}

/**
 * The mean of finite values, compensated. When their sum passes the range of doubles (large
 * values of both signs, or many large ones) the mean cannot — it lies between the smallest and
 * the largest value — so it is taken as twice the sum of each value divided by 2n, whose partial
 * sums stay within half the range, and kept between those two values, which rounding could
 * otherwise push it past (three values of −1.797e308 have that mean, not −Infinity).
 */
export function compensatedMean(values: ArrayLike<number>): number {
  const n = values.length;
  const mean = compensatedSum(values) / n;
  if (Number.isFinite(mean)) return mean;
  let least = Number.POSITIVE_INFINITY;
  let most = Number.NEGATIVE_INFINITY;
  const halves = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const value = values[i] as number;
    least = Math.min(least, value);
    most = Math.max(most, value);
    halves[i] = value / (2 * n);
  }
  return Math.min(most, Math.max(least, 2 * compensatedSum(halves)));
}
