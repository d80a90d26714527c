/**
 * Doubles in and out: an input that must be a finite number is `INVALID_INPUT` otherwise, and a
 * result that overflowed (or, with `nonZero`, underflowed to 0) is `NON_FINITE`, never returned as
 * ±Infinity, NaN or a silent 0.
 *
 * @internal
 * @module
 */
import { describeValue, MetricError } from "../errors/metric-error.js";

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

/**
 * An input that must be a finite number (of any sign), or `INVALID_INPUT` naming it — as
 * `field[index]` when `index` is given.
 */
export function finiteNumber(value: unknown, fn: string, field: string, index?: number): number {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  const name = index === undefined ? field : `${field}[${index}]`;
  throw new MetricError(
    "INVALID_INPUT",
    `${name} must be a finite number; got ${describeValue(value)}`,
    {
      fn,
      ...(index === undefined ? {} : { index }),
      value,
      field,
    },
  );
}
