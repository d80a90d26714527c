/**
 * The survey metric a table analysis reports (NPS, CSAT or CES), read once from the options:
 * its scale, how to compute it on a distribution, how to compare two groups and how to test k.
 *
 * @module
 */

import { checkChoice, checkLevel } from "../common/options.js";
import { type Distribution, fromCounts } from "../distribution/distribution.js";
import { CES_SCALE, CSAT_SCALE, checkScale, NPS_SCALE, type Scale } from "../distribution/scale.js";
import { MetricError, onBehalfOf } from "../errors/metric-error.js";
import { type CesResult, ces } from "../survey/ces.js";
import { type Comparison, compareCes, compareCsat, compareNps } from "../survey/compare.js";
import { type CsatResult, csat } from "../survey/csat.js";
import {
  compareCesGroups,
  compareCsatGroups,
  compareNpsGroups,
  type GroupTest,
} from "../survey/group-tests.js";
import { type NpsResult, nps } from "../survey/nps.js";

/**
 * A survey metric a table can be analysed by: `"nps"`, `"csat"` or `"ces"`.
 *
 * @category Analysis
 */
export type SurveyMetric = "nps" | "csat" | "ces";

/** The metrics, in the order of the docs. @internal */
export const SURVEY_METRICS: readonly SurveyMetric[] = ["nps", "csat", "ces"];

/**
 * The result type of each {@link SurveyMetric}: `MetricResult<"csat">` is {@link CsatResult}.
 * Distributes over a union (`MetricResult<SurveyMetric>` is any of the three).
 *
 * @category Analysis
 */
export type MetricResult<M extends SurveyMetric> = M extends "nps"
  ? NpsResult
  : M extends "csat"
    ? CsatResult
    : CesResult;

/**
 * The two-sample test each {@link SurveyMetric} compares groups by ({@link compareNps},
 * {@link compareCsat}, {@link compareCes}).
 *
 * @category Analysis
 */
export type MetricTest<M extends SurveyMetric> = M extends "nps"
  ? "z"
  : M extends "csat"
    ? "two-proportion-z"
    : "welch-t";

/**
 * The k-group test each {@link SurveyMetric} is tested across groups by: the test of the metric
 * itself — NPS by its mean −1/0/+1 score, CSAT by Pearson's χ² of k proportions, CES by Welch's
 * F (see {@link compareNpsGroups}, {@link compareCsatGroups}, {@link compareCesGroups}).
 *
 * @category Analysis
 */
export type MetricGroupTest<M extends SurveyMetric> = M extends "nps"
  ? "mean-score"
  : M extends "csat"
    ? "chi-squared"
    : "welch-anova";

/**
 * The options of the metric an analysis reports, passed on to {@link nps}, {@link csat} or
 * {@link ces} (and their comparisons) as those functions define them.
 *
 * @typeParam M - the metric
 * @category Analysis
 */
export interface MetricOptions<M extends SurveyMetric = SurveyMetric> {
  /** The metric; default `"nps"`. A literal here types the results. */
  readonly metric?: M;
  /** The rating scale (CSAT default 1–5, CES default 1–7; NPS is always 0–10). */
  readonly scale?: Scale;
  /** CSAT: the lowest satisfied score (default the top two boxes). */
  readonly satisfiedFrom?: number;
  /** CES: which end of the scale is easy (default `"higher-is-easier"`). */
  readonly direction?: "higher-is-easier" | "lower-is-easier";
  /** CES: the first "easy" score. */
  readonly easyFrom?: number;
  /** The interval method of the metric (NPS default `"adjusted-wald"`, CSAT `"wilson"`, CES `"t"`). */
  readonly interval?: string;
  /** Confidence level of every interval; the significance level of every test is 1 − level. Default 0.95. */
  readonly level?: number;
  /** Below this effective size a result is flagged `lowBase`. Default 30. */
  readonly minSampleSize?: number;
}

/** The option keys of {@link MetricOptions}. @internal */
export const METRIC_OPTION_KEYS = [
  "metric",
  "scale",
  "satisfiedFrom",
  "direction",
  "easyFrom",
  "interval",
  "level",
  "minSampleSize",
] as const;

/** A metric read from the options: everything an analysis does with it. @internal */
export interface MetricPlan {
  readonly metric: SurveyMetric;
  readonly scale: Scale;
  readonly level: number;
  /** The metric on a non-empty distribution. */
  readonly compute: (d: Distribution) => NpsResult | CsatResult | CesResult;
  /** First minus second, both non-empty. */
  readonly compare: (a: Distribution, b: Distribution) => Comparison<MetricTest<SurveyMetric>>;
  /** The k-group test of the metric itself, on non-empty groups. */
  readonly testGroups: (
    groups: readonly Distribution[],
  ) => GroupTest<MetricGroupTest<SurveyMetric>>;
}

/**
 * Read the metric and its options once. Each option is checked by the metric's own function —
 * run here once, on a one-response distribution, on behalf of `fn` — so a bad option is reported
 * before any data is read, with the same message the metric itself gives.
 *
 * @internal
 */
export function readMetric(
  read: { readonly [K in (typeof METRIC_OPTION_KEYS)[number]]?: unknown },
  fn: string,
): MetricPlan {
  const metric = checkChoice(read.metric, SURVEY_METRICS, "nps", fn, "metric");
  const level = checkLevel(read.level, fn);
  const given = (keys: readonly (keyof typeof read)[]) => {
    const options: Record<string, unknown> = {};
    for (const key of keys) if (read[key] !== undefined) options[key] = read[key];
    return options;
  };
  const refuse = (keys: readonly (keyof typeof read)[]) => {
    for (const key of keys) {
      if (read[key] !== undefined) {
        throw new MetricError(
          "INVALID_OPTION",
          `${key} does not apply to ${metric.toUpperCase()}`,
          { fn, value: read[key], field: key },
        );
      }
    }
  };
  let plan: MetricPlan;
  if (metric === "nps") {
    refuse(["scale", "satisfiedFrom", "direction", "easyFrom"]);
    const options = given(["interval", "level", "minSampleSize"]);
    const sizes = given(["level", "minSampleSize", "interval"]);
    plan = {
      metric,
      scale: NPS_SCALE,
      level,
      compute: (d) => nps(d, options),
      compare: (a, b) => compareNps(a, b, sizes),
      testGroups: (groups) => compareNpsGroups(groups, { level }).meanScores,
    };
  } else if (metric === "csat") {
    refuse(["direction", "easyFrom"]);
    const scale = read.scale === undefined ? CSAT_SCALE : checkScale(read.scale, fn);
    const options = { ...given(["interval", "level", "minSampleSize", "satisfiedFrom"]), scale };
    const shared = { ...given(["level", "minSampleSize", "satisfiedFrom", "interval"]), scale };
    const threshold = given(["satisfiedFrom"]);
    plan = {
      metric,
      scale,
      level,
      compute: (d) => csat(d, options),
      compare: (a, b) => compareCsat(a, b, shared),
      testGroups: (groups) => compareCsatGroups(groups, { level, scale, ...threshold }),
    };
  } else {
    refuse(["satisfiedFrom"]);
    const scale = read.scale === undefined ? CES_SCALE : checkScale(read.scale, fn);
    const options = {
      ...given(["interval", "level", "minSampleSize", "direction", "easyFrom"]),
      scale,
    };
    const shared = { ...given(["level", "minSampleSize", "interval"]), scale };
    plan = {
      metric,
      scale,
      level,
      compute: (d) => ces(d, options),
      compare: (a, b) => compareCes(a, b, shared),
      testGroups: (groups) => compareCesGroups(groups, { level, scale }).means,
    };
  }
  const probe = fromCounts(plan.scale, { [plan.scale.min]: 1 });
  onBehalfOf(fn, () => plan.compute(probe));
  return {
    ...plan,
    compute: (d) => onBehalfOf(fn, () => plan.compute(d)),
    compare: (a, b) => onBehalfOf(fn, () => plan.compare(a, b)),
    testGroups: (groups) => onBehalfOf(fn, () => plan.testGroups(groups)),
  };
}
