/**
 * The Welch–Satterthwaite approximation for the difference of two means with unequal variances
 * (Welch 1947): its standard error and degrees of freedom, from each mean's standard error and
 * sample size.
 *
 * @internal
 * @module
 */

/**
 * The standard error √(se_a² + se_b²) of a difference of two means, and its Welch–Satterthwaite
 * degrees of freedom (se_a² + se_b²)² / (se_a⁴/(n_a − 1) + se_b⁴/(n_b − 1)), computed relative
 * to the larger standard error so that neither the squares nor the fourth powers underflow or
 * overflow. Needs both n > 1 and at least one standard error > 0.
 */
export function welchDifference(
  seA: number,
  nA: number,
  seB: number,
  nB: number,
): { readonly standardError: number; readonly degreesOfFreedom: number } {
  const largest = Math.max(seA, seB);
  const ua = (seA / largest) ** 2;
  const ub = (seB / largest) ** 2;
  return {
    standardError: largest * Math.sqrt(ua + ub),
    degreesOfFreedom: (ua + ub) ** 2 / (ua ** 2 / (nA - 1) + ub ** 2 / (nB - 1)),
  };
}
