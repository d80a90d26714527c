/**
 * Survey metrics per segment, each compared with the rest of the base: a thin layer over the
 * table analysis of `analysis/` (customers → groups).
 *
 * @module
 */

import { checkAdjustment, type PValueAdjustment } from "../analysis/adjust-p-values.js";
import { type GroupResult, groupResults, merged } from "../analysis/group-report.js";
import {
  METRIC_OPTION_KEYS,
  type MetricGroupTest,
  type MetricOptions,
  type MetricResult,
  readMetric,
  type SurveyMetric,
} from "../analysis/metric.js";
import { readOptions } from "../common/options.js";
import { type Column, columnReader } from "../distribution/columns.js";
import { Counts } from "../distribution/counts.js";
import type { Distribution } from "../distribution/distribution.js";
import { isMissing, type RowPolicy } from "../distribution/input.js";
import { describeValue, guarded, MetricError } from "../errors/metric-error.js";
import type { GroupTest } from "../survey/group-tests.js";
import type { Customer } from "./customer.js";
import type { SurveyResponse } from "./records.js";
import { joinReport } from "./segment-join.js";
import type { SegmentReport } from "./segmentation.js";

/**
 * Options of {@link segmentMetrics}: the metric and its options ({@link MetricOptions}), the
 * correction, and a weight column of the responses.
 *
 * @category Customers
 */
export interface SegmentMetricsOptions<M extends SurveyMetric = SurveyMetric>
  extends MetricOptions<M> {
  /** How the segment-versus-rest p-values are adjusted for testing every segment; default `"holm"`. */
  readonly correction?: PValueAdjustment;
  /** The weight of each response: a field name or an accessor; without it every response weighs 1. */
  readonly weight?: Column<SurveyResponse>;
}

/**
 * One segment's metric and its comparison with the rest of the base.
 *
 * @category Customers
 */
export interface SegmentMetricRow<M extends SurveyMetric = SurveyMetric> extends GroupResult<M> {
  /** The segment's id. */
  readonly id: string;
  /** The segment's name. */
  readonly name: string;
  /** Responses counted for the segment (its distribution's `n`). */
  readonly responses: number;
}

/**
 * The result of {@link segmentMetrics}, typed by its metric: with `metric: "csat"` every result
 * is a {@link CsatResult}, and `report.metric` tells the three apart when the metric is only
 * known at run time.
 *
 * @category Customers
 */
export interface SegmentMetricsReport<M extends SurveyMetric = SurveyMetric> {
  /** The metric (the discriminant of the report's results). */
  readonly metric: M;
  /** The confidence level; the significance level of every test is 1 − level. */
  readonly level: number;
  /** The correction applied. */
  readonly correction: PValueAdjustment;
  /**
   * One row per segment of the report, in its order; `comparison` is the segment minus the rest
   * (the responses of every matched customer outside it) and `significant` says whether it
   * differs after the correction.
   */
  readonly segments: readonly SegmentMetricRow<M>[];
  /** The metric over the responses of unassigned customers; absent when there are none. */
  readonly unassigned?: MetricResult<M>;
  /** The metric over every matched response. */
  readonly overall?: MetricResult<M>;
  /**
   * Do the segments differ at all? The test of the metric across the segments with responses
   * and the unassigned customers, when no customer is in two segments; when segments overlap
   * the groups are not independent and `notTested` says so.
   */
  readonly omnibus: GroupTest<MetricGroupTest<M>>;
  /** Responses whose `customerId` is not in the customer base (or entries that are not records: holes, `null`) — counted, not used. */
  readonly unmatchedResponses: number;
  /** Responses without an answer to this metric's question (counted in each segment's `distribution.missing` too). */
  readonly unanswered: number;
}

/**
 * NPS, CSAT or CES per segment, joined from survey responses to segments by `customerId`, with
 * intervals, and for each segment whether it differs significantly from the rest of the base
 * (the responses of every matched customer outside that segment). The join goes by customer id
 * (the report carries its members' ids), so the customers may come in any order. The analysis is
 * {@link breakdown}'s, with segments as the groups: the tests of {@link compareNps},
 * {@link compareCsat} and {@link compareCes}, p-values adjusted for the number of segments
 * tested (Holm by default), and the omnibus test across segments. Responses of unknown customers
 * and unanswered questions are counted, not silently dropped.
 *
 * A customer may be in several segments: responses are counted once per distinct set of
 * segments, and each segment and its rest are merged from those sets, so the counts are exact
 * (weighted ones too) and nothing is stored per customer.
 *
 * @param report - a segmentation of `customers` ({@link segmentCustomers})
 * @param customers - the same customer base, in any order (checked against the report's ids)
 * @param responses - survey responses (e.g. `parseSurveyResponses(json).valid`)
 * @param options - `metric` (default `"nps"`) and its options (`interval`, `level`,
 *   `minSampleSize`, `scale`, …), `correction`, `weight`
 * @returns a row per segment, the unassigned customers' metric, the omnibus test, and the counts
 *   of what was not used
 * @throws {@link MetricError} `INVALID_INPUT` when the customers are not the report's (an id
 *   missing, extra or repeated), the report is malformed, or an argument is not an array;
 *   `INVALID_LEVEL`; `INVALID_OPTION`; `SCORE_OUT_OF_SCALE` (and the other score and weight codes)
 *   for an answer outside the metric's scale, naming the response's index.
 *
 * @example
 * ```ts
 * import { defineSegments, segmentCustomers, segmentMetrics } from "customer-metrics";
 * const base = { kind: "person", relationship: "direct", side: "external", status: "current" } as const;
 * const customers = [
 *   { ...base, id: "a", type: "consumer" }, { ...base, id: "b", type: "consumer" },
 *   { ...base, id: "c", type: "business" }, { ...base, id: "d", type: "business" },
 * ];
 * const segments = defineSegments([{ id: "b2b", name: "Business", rule: { op: "eq", field: "type", value: "business" } }]);
 * const report = segmentCustomers(customers, segments);
 * const responses = [
 *   { customerId: "a", nps: 3 }, { customerId: "b", nps: 6 },
 *   { customerId: "c", nps: 10 }, { customerId: "d", nps: 9 }, { customerId: "x", nps: 10 },
 * ];
 * const byType = segmentMetrics(report, customers, responses, { metric: "nps" });
 * byType.segments[0].result?.score; // => 100
 * byType.unassigned?.score; // => -100
 * byType.unmatchedResponses; // => 1
 * byType.omnibus.groups; // => 2
 * segmentMetrics(report, [...customers].reverse(), responses).segments[0].result?.score; // => 100
 * ```
 *
 * @category Customers
 */
export function segmentMetrics<const M extends SurveyMetric = "nps">(
  report: SegmentReport,
  customers: readonly Customer[],
  responses: readonly SurveyResponse[],
  options: SegmentMetricsOptions<M> = {},
): SegmentMetricsReport<M> {
  return guarded("segmentMetrics", () => {
    const fn = "segmentMetrics";
    const read = readOptions(options, [...METRIC_OPTION_KEYS, "correction", "weight"], fn);
    const plan = readMetric(read, fn);
    const correction = checkAdjustment(read.correction, fn);
    const weightOf =
      read.weight === undefined
        ? undefined
        : columnReader<SurveyResponse>(read.weight, fn, "weight");
    const { setOf, sets: segmentSets } = joinReport(report, customers, fn);
    if (!Array.isArray(responses)) {
      throw new MetricError(
        "INVALID_INPUT",
        `responses must be an array; got ${describeValue(responses)}`,
        { fn, value: responses, field: "responses" },
      );
    }
    // One accumulator per distinct set of segments (the unassigned are the empty set): exact
    // merges afterwards, O(sets × scale) memory, one pass over the responses.
    const sets: (Counts | undefined)[] = [];
    const strict: RowPolicy = { skipInvalid: false, skipMissing: true };
    let unmatched = 0;
    let unanswered = 0;
    for (let index = 0; index < responses.length; index++) {
      const response = responses[index] as unknown;
      // A hole or a non-record has no customer: counted as unmatched, never lost.
      const id =
        typeof response === "object" && response !== null
          ? (response as { customerId?: unknown }).customerId
          : undefined;
      const entry = typeof id === "string" ? setOf.get(id) : undefined;
      if (entry === undefined) {
        unmatched++;
        continue;
      }
      const answer = (response as Record<string, unknown>)[plan.metric];
      if (isMissing(answer)) unanswered++;
      const set = entry >> 1;
      let counts = sets[set];
      if (counts === undefined) {
        counts = new Counts(plan.scale);
        sets[set] = counts;
      }
      const weight = weightOf === undefined ? 1 : weightOf.read(response as SurveyResponse, index);
      counts.addRow(answer, weight, index, fn, strict);
    }
    const bySet: { members: readonly number[]; d: Distribution }[] = [];
    sets.forEach((counts, set) => {
      if (counts !== undefined)
        bySet.push({ members: segmentSets[set] as number[], d: counts.snapshot(fn) });
    });
    const mergeWhere = (keep: (members: readonly number[]) => boolean) =>
      merged(
        plan.scale,
        bySet.filter((x) => keep(x.members)).map((x) => x.d),
        fn,
      );
    const inside = report.segments.map((_, s) => mergeWhere((m) => m.includes(s)));
    const rest = report.segments.map((_, s) => mergeWhere((m) => !m.includes(s)));
    const unassigned = mergeWhere((m) => m.length === 0);
    const overall = mergeWhere(() => true);
    const rows = groupResults(plan, inside, rest, correction);
    const disjoint = bySet.every((x) => x.members.length <= 1);
    const omnibus = disjoint
      ? plan.testGroups([...inside, unassigned].filter((d) => d.total > 0))
      : {
          ...plan.testGroups([]),
          groups: 0,
          notTested:
            "segments overlap (a customer is in two or more): the groups are not independent",
        };
    const result: SegmentMetricsReport = {
      metric: plan.metric,
      level: plan.level,
      correction,
      segments: rows.map((row, s) => {
        const segment = report.segments[s] as SegmentReport["segments"][number];
        return { id: segment.id, name: segment.name, responses: row.distribution.n, ...row };
      }),
      ...(unassigned.total > 0 ? { unassigned: plan.compute(unassigned) } : {}),
      ...(overall.total > 0 ? { overall: plan.compute(overall) } : {}),
      omnibus,
      unmatchedResponses: unmatched,
      unanswered,
    };
    // The metric read above is the M the caller typed (its literal, or "nps" by default).
    return result as SegmentMetricsReport<M>;
  });
}
