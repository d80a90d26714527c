/**
 * Results that are doubles: a value that overflowed (or, with `nonZero`, underflowed to 0) is
 * `NON_FINITE`, never returned as ±Infinity, NaN or a silent 0.
 *
 * @internal
 * @module
 */
import { MetricError } from "../errors/metric-error.js";

/**
 * A result that overflowed is `NON_FINITE`, never returned as ±Infinity; with `nonZero`, a
 * result that can only be 0 by underflow (a product of non-zero factors) is `NON_FINITE` too.
 * `what` names the result in the message ("the lifetime value (Infinity) is beyond …").
 */
export function finiteResult(value: number, fn: string, nonZero = false, what = "result"): number {
  if (!Number.isFinite(value) || (nonZero && value === 0)) {
    throw new MetricError(
      "NON_FINITE",
      `the ${what} (${value}) is beyond the range of doubles; rescale the inputs`,
      { fn, value },
    );
  }
  return value;
}
