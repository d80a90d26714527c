/**
 * Neumaier's compensated summation (Neumaier 1974, an improvement of Kahan's): the error of the
 * sum does not grow with the number of terms, so totals do not depend on the order of the
 * inputs beyond a few units in the last place.
 *
 * @internal
 * @module
 */

/** Σ values, compensated. */
export function compensatedSum(values: ArrayLike<number>): number {
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    const next = sum + value;
    compensation += Math.abs(sum) >= Math.abs(value) ? sum - next + value : value - next + sum;
    sum = next;
  }
  return sum + compensation;
}
