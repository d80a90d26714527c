import { guarded, inArgument, MetricError } from "../errors/metric-error.js";
import { Counts } from "./counts.js";
import { type Distribution, readDistribution } from "./distribution.js";
import { requireSameScale } from "./scale.js";

/**
 * Merge distributions of the same scale (shards, periods, workers) into one: counts, `n`,
 * `total`, `sumOfSquaredWeights`, `skipped` and `missing` add up, and `effectiveN` is recomputed exactly.
 * Associative and commutative (exactly so for unweighted counts).
 *
 * @param distributions - one or more distributions on the same scale, as arguments or as one
 *   array (`mergeDistributions(shards)`: no spread, so any number of shards)
 * @returns their sum
 * @throws {@link MetricError} `INVALID_INPUT` when called with none (or with a malformed
 *   distribution, as {@link distributionFromJSON} checks); `SCALE_MISMATCH` when the scales differ;
 *   `INVALID_COUNT` when the merged number of rows passes 2^53 − 1.
 *
 * @example
 * ```ts
 * import { fromCounts, mergeDistributions, CSAT_SCALE } from "customer-metrics";
 * const monday = fromCounts(CSAT_SCALE, [1, 0, 2, 5, 2]);
 * const tuesday = fromCounts(CSAT_SCALE, [0, 1, 1, 3, 5]);
 * mergeDistributions(monday, tuesday).counts; // => [1, 1, 3, 8, 7]
 * mergeDistributions([monday, tuesday]).n; // => 20
 * ```
 *
 * @category Distribution
 */
export function mergeDistributions(distributions: readonly Distribution[]): Distribution;
export function mergeDistributions(...distributions: readonly Distribution[]): Distribution;
export function mergeDistributions(...given: readonly unknown[]): Distribution {
  return guarded("mergeDistributions", () => {
    const fn = "mergeDistributions";
    // One array is the list itself (a distribution is never an array).
    const distributions = (
      given.length === 1 && Array.isArray(given[0]) ? given[0] : given
    ) as readonly Distribution[];
    if (distributions.length === 0) {
      throw new MetricError("INVALID_INPUT", "needs at least one distribution", { fn });
    }
    // Each one is checked (they may come from other processes), then added up through the same
    // compensated accumulator as Tally.merge, so that the sum does not depend on shard order.
    // Array.from, not map: a hole in the list is a missing distribution, refused, not skipped.
    const checked = Array.from(distributions, (d, index) =>
      inArgument(`distribution ${index}`, () => readDistribution(d, fn)),
    );
    const scale = (checked[0] as Distribution).scale;
    const counts = new Counts(scale);
    checked.forEach((d, index) => {
      requireSameScale(scale, d.scale, fn, `distribution ${index}`);
      counts.addDistribution(d, fn);
    });
    return counts.snapshot(fn);
  });
}
