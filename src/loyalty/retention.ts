/**
 * Retention and churn over a period, from the customer counts at its start and end.
 *
 * @module
 */

import { checkChoice, checkLevel, readOptions } from "../common/options.js";
import type { ConfidenceInterval, ProportionIntervalMethod } from "../common/results.js";
import { countValue } from "../distribution/distribution.js";
import { describeValue, guarded, MetricError } from "../errors/metric-error.js";
import { PROPORTION_METHODS, proportionInterval } from "../stats/proportion-interval.js";

/**
 * The result of {@link retention}.
 *
 * @category Loyalty
 */
export interface Retention {
  /** Customers at the start who are still customers at the end: end − acquired. */
  readonly retained: number;
  /** Customers at the start who left: start − retained. */
  readonly churned: number;
  /** retained / start, in [0, 1]. */
  readonly rate: number;
  /** churned / start = 1 − rate. */
  readonly churnRate: number;
  /** The interval of `rate` (that of `churnRate` is 1 minus it, reversed). */
  readonly interval: ConfidenceInterval<ProportionIntervalMethod>;
}

/**
 * Customer retention over a period — the share of the customers at its start who are still
 * customers at its end — and churn, its complement: with S customers at the start, E at the
 * end and N acquired in between, retained = E − N and the retention rate is (E − N)/S (Kumar &
 * Reinartz, *Customer Relationship Management*, the standard count-based definition). The
 * interval is that of a binomial proportion (Wilson by default, as CSAT's).
 *
 * @param counts - `start`, `end`, `acquired`: whole numbers (or bigints) ≥ 0
 * @param options - `interval` (a proportion method, default `"wilson"`), `level`
 * @returns retained and churned counts, the rates and the interval
 * @throws {@link MetricError} `INVALID_COUNT` for a count that is not a whole number ≥ 0, or
 *   counts that cannot be (more acquired than at the end; more retained than at the start);
 *   `EMPTY_SAMPLE` for no customers at the start; `INVALID_LEVEL`; `INVALID_OPTION`.
 *
 * @example
 * ```ts
 * import { retention } from "customer-metrics";
 * const year = retention({ start: 1000, end: 1050, acquired: 200 });
 * year.retained; // => 850
 * year.rate; // => 0.85
 * year.churnRate; // => 0.15
 * ```
 *
 * @category Loyalty
 */
export function retention(
  counts: {
    readonly start: number | bigint;
    readonly end: number | bigint;
    readonly acquired: number | bigint;
  },
  options: { readonly interval?: ProportionIntervalMethod; readonly level?: number } = {},
): Retention {
  return guarded("retention", () => {
    const fn = "retention";
    const read = readOptions(options, ["interval", "level"], fn);
    const level = checkLevel(read.level, fn);
    const method = checkChoice(read.interval, PROPORTION_METHODS, "wilson", fn, "interval");
    const given = readOptions(counts, ["start", "end", "acquired"], fn);
    const [start, end, acquired] = (["start", "end", "acquired"] as const).map((field) => {
      const value = countValue(given[field], false);
      if (value === undefined) {
        throw new MetricError(
          "INVALID_COUNT",
          `${field} must be a whole number of customers ≥ 0; got ${describeValue(given[field])}`,
          { fn, value: given[field], field },
        );
      }
      return value;
    }) as [number, number, number];
    if (start === 0) {
      throw new MetricError(
        "EMPTY_SAMPLE",
        "there were no customers at the start: retention does not exist",
        {
          fn,
          value: 0,
          field: "start",
        },
      );
    }
    const retained = end - acquired;
    if (retained < 0 || retained > start) {
      throw new MetricError(
        "INVALID_COUNT",
        `end − acquired = ${retained} customers retained, which must lie between 0 and start = ${start}: ${retained < 0 ? "more were acquired than there are at the end" : "more remain than there were"}`,
        { fn, value: { start, end, acquired }, field: "end" },
      );
    }
    const [lower, upper] = proportionInterval(retained, start, level, method);
    return {
      retained,
      churned: start - retained,
      rate: retained / start,
      churnRate: (start - retained) / start,
      interval: { lower, upper, level, method },
    };
  });
}
