/**
 * Checks shared by the inflation functions: money amounts in, and results out, are finite.
 *
 * @internal
 * @module
 */
import { describeValue, MetricError } from "../errors/metric-error.js";

/** An amount of money: any finite number (`INVALID_INPUT` for a non-number, `NON_FINITE` for NaN or ±Infinity). */
export function checkAmount(amount: unknown, fn: string, field = "amount"): number {
  // Of the wrong type is INVALID_INPUT everywhere in the library (as for scores and benefit
  // amounts); a number that is NaN or ±Infinity is NON_FINITE.
  if (typeof amount !== "number") {
    throw new MetricError(
      "INVALID_INPUT",
      `${field} must be a number; got ${describeValue(amount)}`,
      { fn, value: amount, field },
    );
  }
  if (!Number.isFinite(amount)) {
    throw new MetricError(
      "NON_FINITE",
      `${field} must be a finite number; got ${describeValue(amount)}`,
      {
        fn,
        value: amount,
        field,
      },
    );
  }
  return amount;
}
