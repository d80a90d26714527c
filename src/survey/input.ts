import { type Distribution, readDistribution } from "../distribution/distribution.js";
import type { ScoreInput } from "../distribution/input.js";
import { requireSameScale, type Scale } from "../distribution/scale.js";
import { tallyScores } from "../distribution/tally.js";
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
    !ArrayBuffer.isView(input) &&
    "counts" in input &&
    "scale" in input
  );
}

/**
 * Reduce a metric's input to a validated distribution on `scale`: a distribution is checked
 * (and must be on that scale); scores are tallied under the caller's name, missing answers
 * counted and left out, invalid ones an error. An empty sample is `EMPTY_SAMPLE`.
 *
 * @internal
 */
export function toDistribution(
  input: Distribution | ScoreInput<unknown>,
  scale: Scale,
  fn: string,
): Distribution {
  let d: Distribution;
  if (looksLikeDistribution(input)) {
    d = readDistribution(input, fn);
    requireSameScale(scale, d.scale, fn, "the distribution");
  } else {
    d = tallyScores(input, scale, fn);
  }
  requireResponses(d, fn);
  return d;
}

/**
 * Throw `EMPTY_SAMPLE` when there is no weight to compute on, saying how many rows were
 * missing or skipped (so "no responses" never hides 400 blanks).
 *
 * @internal
 */
export function requireResponses(
  d: { readonly total: number; readonly skipped?: number; readonly missing?: number },
  fn: string,
): void {
  if (d.total > 0) return;
  const left = [
    d.missing ? `${d.missing} missing` : "",
    d.skipped ? `${d.skipped} skipped as invalid` : "",
  ].filter((part) => part !== "");
  const why =
    left.length === 0
      ? "there are no responses (or their total weight is 0)"
      : `there are no responses to compute on: ${left.join(" and ")}, none counted with weight > 0`;
  throw new MetricError("EMPTY_SAMPLE", why, { fn, value: d.total });
}
