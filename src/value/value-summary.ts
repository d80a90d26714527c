import { checkLevel, readOptions } from "../common/options.js";
import {
  type ConfidenceInterval,
  type SampleSize,
  SURVEY_OPTION_KEYS,
  type SurveyOptions,
  sampleSize,
} from "../common/results.js";
import { checkInvalidPolicy, type InvalidPolicy, isMissing } from "../distribution/input.js";
import { describeValue, guarded, MetricError, namedArgument } from "../errors/metric-error.js";
import { studentTQuantile } from "../stats/student-t.js";
import { compensatedMean, compensatedSum } from "../stats/sum.js";
import { type CustomerValueInput, valueRatioAs } from "./customer-value.js";

/**
 * Options of {@link summarizeValue}.
 *
 * @category Value
 */
export interface ValueSummaryOptions extends SurveyOptions {
  /**
   * A customer whose value cannot be computed (e.g. `ZERO_SACRIFICE`): `"throw"` (default) names
   * its index; `"skip"` leaves it out and counts it in `skipped`. A `null`, `undefined` or hole
   * in the list is a missing customer, left out and counted in `missing`.
   */
  readonly invalid?: InvalidPolicy;
}

/**
 * The result of {@link summarizeValue}: the mean customer value ratio with a t-interval.
 *
 * @category Value
 */
export interface ValueSummary extends SampleSize {
  /** Mean of the customers' benefit/sacrifice ratios (dimensionless). */
  readonly meanRatio: number;
  /** Mean net value (benefits − sacrifices), in the unit of the amounts. */
  readonly meanNet: number;
  /** Sample standard deviation of the ratios; absent for a single customer. */
  readonly standardDeviation?: number;
  /** Standard error of `meanRatio`; absent with `standardDeviation`. */
  readonly standardError?: number;
  /** Student-t interval of the mean ratio (not clipped: ratios have no upper bound); absent with `standardDeviation`. */
  readonly interval?: ConfidenceInterval<"t">;
}

/**
 * Aggregate customer value over many customers or survey answers: the mean of their
 * benefit/sacrifice ratios with its standard error and Student-t confidence interval
 * x̄ ± t(1 − α/2; n − 1)·s/√n, and the mean net value. Ratios are often right-skewed; with few
 * customers read the interval with care (its coverage rests on the central limit theorem).
 *
 * @param customers - each customer's `{ benefits, sacrifices }`
 * @param options - `level` (default 0.95), `minSampleSize` (default 30), `invalid`
 * @returns the summary; `lowBase` when fewer than `minSampleSize` customers were counted
 * @throws {@link MetricError} `EMPTY_SAMPLE` when no customer is left; under `invalid: "throw"`,
 *   any error of {@link customerValue} for a customer, with its index in the message and
 *   `details.index`; `INVALID_LEVEL`; `INVALID_OPTION`; `INVALID_INPUT` when `customers` is not an array.
 *
 * @example
 * ```ts
 * import { summarizeValue } from "customer-metrics";
 * const summary = summarizeValue([
 *   { benefits: { functional: 30 }, sacrifices: { monetary: 20 } },
 *   { benefits: { functional: 20 }, sacrifices: { monetary: 20 } },
 *   { benefits: { functional: 10 }, sacrifices: { monetary: 0 } },
 * ], { invalid: "skip" });
 * summary.meanRatio; // => 1.25
 * summary.skipped; // => 1
 * ```
 *
 * @category Value
 */
export function summarizeValue(
  customers: readonly CustomerValueInput[],
  options: ValueSummaryOptions = {},
): ValueSummary {
  return guarded("summarizeValue", () => {
    const fn = "summarizeValue";
    const read = readOptions(options, [...SURVEY_OPTION_KEYS, "invalid"], fn);
    const level = checkLevel(read.level, fn);
    const skip = checkInvalidPolicy(read.invalid, fn) === "skip";
    if (!Array.isArray(customers)) {
      throw new MetricError(
        "INVALID_INPUT",
        `expected an array of customers; got ${describeValue(customers)}`,
        {
          fn,
          value: customers,
        },
      );
    }
    const ratios: number[] = [];
    const nets: number[] = [];
    let skipped = 0;
    let missing = 0;
    // A plain loop: a hole (which forEach would pass over) is a missing customer, counted.
    for (let index = 0; index < customers.length; index++) {
      const customer = customers[index];
      if (isMissing(customer)) {
        missing++;
        continue;
      }
      let value: { ratio: number; net: number };
      try {
        value = valueRatioAs(customer as CustomerValueInput, fn);
      } catch (error) {
        if (!(error instanceof MetricError)) throw error;
        if (skip) {
          skipped++;
          continue;
        }
        // Name the customer only when there is something to say (no closure per customer).
        throw namedArgument(error, `customers[${index}]`);
      }
      ratios.push(value.ratio);
      nets.push(value.net);
    }
    const n = ratios.length;
    if (n === 0) {
      throw new MetricError(
        "EMPTY_SAMPLE",
        `there are no customers to summarise (${missing} missing, ${skipped} skipped as invalid)`,
        { fn, value: customers.length },
      );
    }
    const meanRatio = compensatedMean(ratios);
    const tooLarge = (x: number): void => {
      if (!Number.isFinite(x)) {
        throw new MetricError(
          "NON_FINITE",
          "the ratios are too large to average; rescale the amounts",
          { fn, value: x },
        );
      }
    };
    tooLarge(meanRatio);
    const base = {
      meanRatio,
      meanNet: compensatedMean(nets),
      ...sampleSize({ n, effectiveN: n, skipped, missing }, read.minSampleSize, fn),
    };
    if (n < 2) return base;
    const variance = compensatedSum(ratios.map((r) => (r - meanRatio) ** 2)) / (n - 1);
    tooLarge(variance);
    const standardDeviation = Math.sqrt(variance);
    const standardError = standardDeviation / Math.sqrt(n);
    const half =
      standardError === 0 ? 0 : studentTQuantile((1 - level) / 2, n - 1, true) * standardError;
    return {
      ...base,
      standardDeviation,
      standardError,
      interval: { lower: meanRatio - half, upper: meanRatio + half, level, method: "t" },
    };
  });
}
