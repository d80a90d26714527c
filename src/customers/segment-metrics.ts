/**
 * Survey metrics per segment, each compared with the rest of the base.
 *
 * @module
 */

import { checkChoice, checkLevel, readOptions } from "../common/options.js";
import { Counts } from "../distribution/counts.js";
import { type Distribution, makeDistribution } from "../distribution/distribution.js";
import { isMissing, type RowPolicy } from "../distribution/input.js";
import { CES_SCALE, CSAT_SCALE, NPS_SCALE, type Scale } from "../distribution/scale.js";
import { describeValue, guarded, MetricError } from "../errors/metric-error.js";
import { type CesResult, ces } from "../survey/ces.js";
import { type Comparison, compareCes, compareCsat, compareNps } from "../survey/compare.js";
import { type CsatResult, csat } from "../survey/csat.js";
import { type NpsResult, nps } from "../survey/nps.js";
import type { Customer } from "./customer.js";
import type { SurveyResponse } from "./records.js";
import type { SegmentReport } from "./segmentation.js";

/**
 * The survey metric to break down: `"nps"`, `"csat"` or `"ces"`, read from the response's field
 * of that name.
 *
 * @category Customers
 */
export type SegmentMetric = "nps" | "csat" | "ces";

/**
 * The result type of each {@link SegmentMetric}: `MetricResult<"csat">` is {@link CsatResult}.
 * Distributes over a union (`MetricResult<SegmentMetric>` is any of the three).
 *
 * @category Customers
 */
export type MetricResult<M extends SegmentMetric> = M extends "nps"
  ? NpsResult
  : M extends "csat"
    ? CsatResult
    : CesResult;

/**
 * The test each {@link SegmentMetric} compares a segment with the rest by.
 *
 * @category Customers
 */
export type MetricTest<M extends SegmentMetric> = M extends "nps"
  ? "z"
  : M extends "csat"
    ? "two-proportion-z"
    : "welch-t";

/**
 * How the p-values of the segment-versus-rest tests are adjusted for testing several segments
 * at once: `"holm"` (default; Holm 1979, "A simple sequentially rejective multiple test
 * procedure", Scandinavian Journal of Statistics 6: 65–70 — controls the family-wise error rate
 * and is uniformly more powerful than Bonferroni), `"bonferroni"`, or `"none"`.
 *
 * @category Customers
 */
export type MultipleComparisonCorrection = "holm" | "bonferroni" | "none";

/**
 * Options of {@link segmentMetrics}.
 *
 * @category Customers
 */
export interface SegmentMetricsOptions<M extends SegmentMetric = SegmentMetric> {
  /** The metric; default `"nps"`. A literal here types the report's results. */
  readonly metric?: M;
  /** Confidence level of the intervals; the family-wise significance level is 1 − level. Default 0.95. */
  readonly level?: number;
  /** The multiple-comparison correction; default `"holm"`. */
  readonly correction?: MultipleComparisonCorrection;
}

/**
 * One segment's metric and its comparison with the rest of the base.
 *
 * @category Customers
 */
export interface SegmentMetricRow<M extends SegmentMetric = SegmentMetric> {
  /** The segment's id. */
  readonly id: string;
  /** The segment's name. */
  readonly name: string;
  /** Responses counted for the segment. */
  readonly responses: number;
  /** The metric with its interval; absent when the segment has no responses. */
  readonly result?: MetricResult<M>;
  /** The segment minus the rest (responses of customers outside the segment); absent when either side is empty. */
  readonly comparison?: Comparison<MetricTest<M>>;
  /** The comparison's p-value after the correction; absent with the p-value. */
  readonly adjustedPValue?: number;
  /** `adjustedPValue < 1 − level`. */
  readonly differsFromRest: boolean;
}

/**
 * The result of {@link segmentMetrics}, typed by its metric: with `metric: "csat"` every result
 * is a {@link CsatResult}, and `report.metric` tells the three apart when the metric is only
 * known at run time.
 *
 * @category Customers
 */
export interface SegmentMetricsReport<M extends SegmentMetric = SegmentMetric> {
  /** The metric (the discriminant of the report's results). */
  readonly metric: M;
  /** The correction applied. */
  readonly correction: MultipleComparisonCorrection;
  /** One row per segment of the report, in its order. */
  readonly segments: readonly SegmentMetricRow<M>[];
  /** The metric over the responses of unassigned customers; absent when there are none. */
  readonly unassigned?: MetricResult<M>;
  /** The metric over every matched response. */
  readonly overall?: MetricResult<M>;
  /** Responses whose `customerId` is not in the customer base (or entries that are not records: holes, `null`) — counted, not used. */
  readonly unmatchedResponses: number;
  /** Responses without an answer to this metric's question. */
  readonly unanswered: number;
}

const SCALE_OF: Readonly<Record<SegmentMetric, Scale>> = {
  nps: NPS_SCALE,
  csat: CSAT_SCALE,
  ces: CES_SCALE,
};

/** Holm's step-down adjustment (or Bonferroni, or none) of p-values; undefined entries stay undefined. @internal */
export function adjustPValues(
  pValues: readonly (number | undefined)[],
  correction: MultipleComparisonCorrection,
): (number | undefined)[] {
  const present = pValues
    .map((p, i) => ({ p, i }))
    .filter((x): x is { p: number; i: number } => x.p !== undefined);
  const m = present.length;
  const adjusted: (number | undefined)[] = pValues.map(() => undefined);
  if (correction === "none") return [...pValues];
  if (correction === "bonferroni") {
    for (const { p, i } of present) adjusted[i] = Math.min(1, p * m);
    return adjusted;
  }
  present.sort((a, b) => a.p - b.p);
  let running = 0;
  present.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[i] = running;
  });
  return adjusted;
}

/** counts(a) − counts(b) for unweighted distributions (exact integer subtraction). */
function subtract(whole: Distribution, part: Distribution): Distribution {
  const counts = whole.counts.map((c, i) => c - (part.counts[i] as number));
  const n = whole.n - part.n;
  return makeDistribution(whole.scale, counts, n, n, 0, 0, "segmentMetrics");
}

/**
 * Join a segmentation report to a customer list by id, refusing a list that is not the
 * report's customer base: the same ids, each once (order does not matter). Returns, per
 * customer id, the indices of its segments (empty for the unassigned).
 *
 * @internal
 */
export function joinReport(
  report: SegmentReport,
  customers: readonly Customer[],
  fn: string,
): ReadonlyMap<string, readonly number[]> {
  const segments = (report as Partial<SegmentReport> | null | undefined)?.segments;
  const unassigned = (report as Partial<SegmentReport> | null | undefined)?.unassigned;
  if (
    !Array.isArray(segments) ||
    typeof unassigned !== "object" ||
    unassigned === null ||
    !Array.isArray(unassigned.ids) ||
    segments.some((s) => typeof s !== "object" || s === null || !Array.isArray(s.ids))
  ) {
    throw new MetricError(
      "INVALID_INPUT",
      "expected a segmentation report from segmentCustomers (segments and unassigned with their member ids)",
      { fn, value: report, field: "report" },
    );
  }
  if (!Array.isArray(customers)) {
    throw new MetricError(
      "INVALID_INPUT",
      `customers must be an array; got ${describeValue(customers)}`,
      { fn, value: customers, field: "customers" },
    );
  }
  const segmentsOf = new Map<string, number[]>();
  for (const id of unassigned.ids) segmentsOf.set(id, []);
  segments.forEach((segment, s) => {
    for (const id of segment.ids) {
      const list = segmentsOf.get(id);
      if (list === undefined) segmentsOf.set(id, [s]);
      else if (list[list.length - 1] !== s) list.push(s);
    }
  });
  const seen = new Set<string>();
  for (let i = 0; i < customers.length; i++) {
    const id = (customers[i] as Customer | undefined)?.id;
    if (typeof id !== "string" || !segmentsOf.has(id)) {
      throw new MetricError(
        "INVALID_INPUT",
        `customers[${i}] (id ${describeValue(id)}) is not in the segmentation report: pass the customers the report was made from`,
        { fn, index: i, value: id, field: "customers" },
      );
    }
    if (seen.has(id)) {
      throw new MetricError(
        "INVALID_INPUT",
        `customers[${i}] repeats the id ${describeValue(id)}`,
        { fn, index: i, value: id, field: "id" },
      );
    }
    seen.add(id);
  }
  if (seen.size !== segmentsOf.size || report.baseSize !== customers.length) {
    throw new MetricError(
      "INVALID_INPUT",
      `the report covers ${segmentsOf.size} customers (base size ${describeValue(report.baseSize)}) but ${customers.length} were given: pass the customers the report was made from`,
      { fn, value: customers.length, field: "customers" },
    );
  }
  return segmentsOf;
}

/**
 * NPS, CSAT or CES per segment, joined from survey responses to segments by `customerId`, with
 * intervals, and for each segment whether it differs significantly from the rest of the base
 * (the responses of every matched customer outside that segment). The join goes by customer id
 * (the report carries its members' ids), so the customers may come in any order. The tests are
 * those of {@link compareNps}, {@link compareCsat} and {@link compareCes}; their p-values are
 * adjusted for the number of segments tested (Holm by default). Responses of unknown customers
 * and unanswered questions are counted, not silently dropped.
 *
 * @param report - a segmentation of `customers` ({@link segmentCustomers})
 * @param customers - the same customer base, in any order (checked against the report's ids)
 * @param responses - survey responses (e.g. `parseSurveyResponses(json).valid`)
 * @param options - `metric` (default `"nps"`), `level`, `correction`
 * @returns a row per segment, the unassigned customers' metric, and the counts of what was not used
 * @throws {@link MetricError} `INVALID_INPUT` when the customers are not the report's (an id
 *   missing, extra or repeated), the report is malformed, or an argument is not an array;
 *   `INVALID_LEVEL`; `INVALID_OPTION`; `SCORE_OUT_OF_SCALE` (and the other score codes) for an
 *   answer outside the metric's scale, naming the response's index.
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
 * segmentMetrics(report, [...customers].reverse(), responses).segments[0].result?.score; // => 100
 * ```
 *
 * @category Customers
 */
export function segmentMetrics<M extends SegmentMetric = "nps">(
  report: SegmentReport,
  customers: readonly Customer[],
  responses: readonly SurveyResponse[],
  options: SegmentMetricsOptions<M> = {},
): SegmentMetricsReport<M> {
  return guarded("segmentMetrics", () => {
    const fn = "segmentMetrics";
    const read = readOptions(options, ["metric", "level", "correction"], fn);
    const metric = checkChoice(read.metric, ["nps", "csat", "ces"] as const, "nps", fn, "metric");
    const correction = checkChoice(
      read.correction,
      ["holm", "bonferroni", "none"] as const,
      "holm",
      fn,
      "correction",
    );
    const level = checkLevel(read.level, fn);
    const segmentsOf = joinReport(report, customers, fn);
    if (!Array.isArray(responses)) {
      throw new MetricError(
        "INVALID_INPUT",
        `responses must be an array; got ${describeValue(responses)}`,
        { fn, value: responses, field: "responses" },
      );
    }
    const scale = SCALE_OF[metric];
    // One accumulator per segment, one for the unassigned and one overall: O(segments × scale)
    // memory, one pass over the responses.
    const inside = report.segments.map(() => new Counts(scale));
    const outside = new Counts(scale);
    const all = new Counts(scale);
    const strict: RowPolicy = { skipInvalid: false, skipMissing: false };
    let unmatched = 0;
    let unanswered = 0;
    for (let index = 0; index < responses.length; index++) {
      const response = responses[index] as unknown;
      // A hole or a non-record has no customer: counted as unmatched, never lost.
      const id =
        typeof response === "object" && response !== null
          ? (response as { customerId?: unknown }).customerId
          : undefined;
      const member = typeof id === "string" ? segmentsOf.get(id) : undefined;
      if (member === undefined) {
        unmatched++;
        continue;
      }
      const answer = (response as Record<string, unknown>)[metric];
      if (isMissing(answer)) {
        unanswered++;
        continue;
      }
      all.addRow(answer, 1, index, fn, strict);
      if (member.length === 0) outside.addRow(answer, 1, index, fn, strict);
      for (const s of member) (inside[s] as Counts).addRow(answer, 1, index, fn, strict);
    }
    const overall = all.snapshot(fn);
    const compute = (d: Distribution): NpsResult | CsatResult | CesResult =>
      metric === "nps"
        ? nps(d, { level })
        : metric === "csat"
          ? csat(d, { level })
          : ces(d, { level });
    const compare = (a: Distribution, b: Distribution): Comparison<MetricTest<SegmentMetric>> =>
      metric === "nps"
        ? compareNps(a, b, { level })
        : metric === "csat"
          ? compareCsat(a, b, { level })
          : compareCes(a, b, { level });
    const rows = report.segments.map((segment, s) => {
      const within = (inside[s] as Counts).snapshot(fn);
      const rest = subtract(overall, within);
      return {
        id: segment.id,
        name: segment.name,
        responses: within.n,
        ...(within.total > 0 ? { result: compute(within) } : {}),
        ...(within.total > 0 && rest.total > 0 ? { comparison: compare(within, rest) } : {}),
      };
    });
    const adjusted = adjustPValues(
      rows.map((r) => r.comparison?.pValue),
      correction,
    );
    const unassignedDistribution = outside.snapshot(fn);
    const result: SegmentMetricsReport = {
      metric,
      correction,
      segments: rows.map((row, i) => {
        const p = adjusted[i];
        return {
          ...row,
          ...(p === undefined ? {} : { adjustedPValue: p }),
          differsFromRest: p !== undefined && p < 1 - level,
        };
      }),
      ...(unassignedDistribution.total > 0 ? { unassigned: compute(unassignedDistribution) } : {}),
      ...(overall.total > 0 ? { overall: compute(overall) } : {}),
      unmatchedResponses: unmatched,
      unanswered,
    };
    // The metric read above is the M the caller typed (its literal, or "nps" by default).
    return result as SegmentMetricsReport<M>;
  });
}
