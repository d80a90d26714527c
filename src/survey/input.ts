import { type Distribution, readDistribution } from "../distribution/distribution.js";
import { requireSameScale, type Scale } from "../distribution/scale.js";
import { type ScoreInput, tally } from "../distribution/tally.js";
import { MetricError } from "../errors/metric-error.js";

/**
 * Whether a value is shaped like a {@link Distribution} (rather than a collection of scores).
 *
 * @internal
 */
export function looksLikeDistribution(input: unknown): input is Distribution {
  return (
    typeof input === "object" &&
    input !== null &&
    !Array.isArray(input) &&
    "counts" in input &&
    "scale" in input
  );
}

/**
 * Reduce a metric's input to a validated distribution on `scale`: a distribution is checked
 * (and must be on that scale); scores are tallied. An empty sample is `EMPTY_SAMPLE`.
 *
 * @internal
 */
export function toDistribution(
  input: Distribution | ScoreInput<number>,
  scale: Scale,
  fn: string,
): Distribution {
  let d: Distribution;
  if (looksLikeDistribution(input)) {
    d = readDistribution(input, fn);
    requireSameScale(scale, d.scale, fn, "the distribution");
  } else {
    try {
      d = tally(input, scale);
    } catch (error) {
      if (error instanceof MetricError) {
        throw new MetricError(error.code, error.message.replace(/^tally: /, ""), {
          ...error.details,
          fn,
        });
      }
      throw error;
    }
  }
  requireResponses(d.total, fn);
  return d;
}

/** Throw `EMPTY_SAMPLE` when there is no weight to compute on. @internal */
export function requireResponses(total: number, fn: string): void {
  if (!(total > 0)) {
    throw new MetricError("EMPTY_SAMPLE", "there are no responses (or their total weight is 0)", {
      fn,
      value: total,
    });
  }
}
