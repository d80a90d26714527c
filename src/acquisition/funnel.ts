/**
 * The marketing funnel: conversion from stage to stage, from awareness to customer.
 *
 * @module
 */

import { checkChoice, checkLevel, readOptions } from "../common/options.js";
import type { ConfidenceInterval, ProportionIntervalMethod } from "../common/results.js";
import { countValue } from "../distribution/distribution.js";
import { describeValue, guarded, MetricError } from "../errors/metric-error.js";
import { PROPORTION_METHODS, proportionInterval } from "../stats/proportion-interval.js";

/**
 * A stage of a funnel and how many reached it.
 *
 * @category Acquisition
 */
export interface FunnelStage {
  /** The stage, e.g. "aware", "interested", "trial", "customer". */
  readonly name: string;
  /** How many reached it: a whole number (or bigint) ≥ 0, at most the stage before. */
  readonly count: number | bigint;
}

/**
 * One step of a funnel: from the stage before to this one.
 *
 * @category Acquisition
 */
export interface FunnelStep {
  /** The stage reached. */
  readonly name: string;
  /** How many reached it. */
  readonly count: number;
  /** count / the stage before's count, in [0, 1]; absent for the first stage and after an empty one. */
  readonly conversion?: number;
  /** The interval of `conversion`. */
  readonly interval?: ConfidenceInterval<ProportionIntervalMethod>;
  /** How many of the stage before did not reach this one. */
  readonly dropOff: number;
  /** count / the first stage's count: the share of the top of the funnel that got this far. */
  readonly fromTop?: number;
}

/**
 * The result of {@link funnel}.
 *
 * @category Acquisition
 */
export interface Funnel {
  /** One step per stage, in order. */
  readonly steps: readonly FunnelStep[];
  /** The last stage's count over the first's, with its interval; absent when the first is empty. */
  readonly overall?: {
    /** last / first, in [0, 1]. */
    readonly conversion: number;
    /** The interval of `conversion`. */
    readonly interval: ConfidenceInterval<ProportionIntervalMethod>;
  };
}

/**
 * Conversion through a marketing funnel from stage counts (awareness → interest → … →
 * customer): each step's conversion, its drop-off, the share of the top that got that far, and
 * the overall conversion, each with the interval of a binomial proportion (the CSAT methods,
 * Wilson by default). Each stage's people are taken to be a subset of the stage before's, as in
 * a funnel built from one cohort.
 *
 * @param stages - two or more stages, top first
 * @param options - `interval` (default `"wilson"`), `level`
 * @returns the steps and the overall conversion
 * @throws {@link MetricError} `INVALID_COUNT` for a count that is not a whole number ≥ 0, or a
 *   stage larger than the one before it (naming both); `INVALID_INPUT` for fewer than two stages
 *   or a stage without a name; `INVALID_LEVEL`; `INVALID_OPTION`.
 *
 * @example
 * ```ts
 * import { funnel } from "customer-metrics";
 * const f = funnel([
 *   { name: "aware", count: 10000 }, { name: "interested", count: 2500 },
 *   { name: "trial", count: 500 }, { name: "customer", count: 150 },
 * ]);
 * f.steps.map((s) => s.conversion); // => [undefined, 0.25, 0.2, 0.3]
 * f.steps[3].dropOff; // => 350
 * f.overall?.conversion; // => 0.015
 * ```
 *
 * @category Acquisition
 */
export function funnel(
  stages: readonly FunnelStage[],
  options: { readonly interval?: ProportionIntervalMethod; readonly level?: number } = {},
): Funnel {
  return guarded("funnel", () => {
    const fn = "funnel";
    const read = readOptions(options, ["interval", "level"], fn);
    const level = checkLevel(read.level, fn);
    const method = checkChoice(read.interval, PROPORTION_METHODS, "wilson", fn, "interval");
    if (!Array.isArray(stages) || stages.length < 2) {
      throw new MetricError(
        "INVALID_INPUT",
        `a funnel needs two or more stages, top first; got ${describeValue(stages)}`,
        { fn, value: stages, field: "stages" },
      );
    }
    // Array.from, not map: a hole in the stages is a stage without a name and count, not skipped.
    const read_ = Array.from(stages, (stage: unknown, i) => {
      const s = stage as Partial<FunnelStage> | null;
      if (typeof s !== "object" || s === null || typeof s.name !== "string" || s.name === "") {
        throw new MetricError(
          "INVALID_INPUT",
          `stages[${i}] must be { name, count }; got ${describeValue(stage)}`,
          {
            fn,
            index: i,
            value: stage,
          },
        );
      }
      const count = countValue(s.count, false);
      if (count === undefined) {
        throw new MetricError(
          "INVALID_COUNT",
          `stages[${i}] (${describeValue(s.name)}) must count a whole number ≥ 0; got ${describeValue(s.count)}`,
          { fn, index: i, value: s.count, field: "count" },
        );
      }
      return { name: s.name, count };
    });
    const interval = (x: number, n: number): ConfidenceInterval<ProportionIntervalMethod> => {
      const [lower, upper] = proportionInterval(x, n, level, method);
      return { lower, upper, level, method };
    };
    const top = (read_[0] as { count: number }).count;
    const steps: FunnelStep[] = read_.map(({ name, count }, i) => {
      if (i === 0) return { name, count, dropOff: 0, ...(top > 0 ? { fromTop: 1 } : {}) };
      const before = read_[i - 1] as { name: string; count: number };
      if (count > before.count) {
        throw new MetricError(
          "INVALID_COUNT",
          `stages[${i}] (${describeValue(name)}, ${count}) is larger than the stage before it (${describeValue(before.name)}, ${before.count}): a funnel only narrows`,
          { fn, index: i, value: count, field: "count" },
        );
      }
      return {
        name,
        count,
        ...(before.count > 0
          ? { conversion: count / before.count, interval: interval(count, before.count) }
          : {}),
        dropOff: before.count - count,
        ...(top > 0 ? { fromTop: count / top } : {}),
      };
    });
    const last = (read_[read_.length - 1] as { count: number }).count;
    return {
      steps,
      ...(top > 0 ? { overall: { conversion: last / top, interval: interval(last, top) } } : {}),
    };
  });
}
