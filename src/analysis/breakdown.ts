/**
 * Breakdowns of a flat table of responses by any column: the metric per group, each group
 * against the rest of the table, and a test across all groups.
 *
 * @module
 */

import type { Distribution } from "../distribution/distribution.js";
import type { ScoreInput } from "../distribution/input.js";
import { guarded } from "../errors/metric-error.js";
import type { GroupTest } from "../survey/group-tests.js";
import type { PValueAdjustment } from "./adjust-p-values.js";
import type { Column } from "./columns.js";
import { type GroupResult, groupResults, merged, restOfTable } from "./group-report.js";
import type { MetricGroupTest, MetricResult, SurveyMetric } from "./metric.js";
import { countByGroup, readTable, type TableOptions } from "./table.js";

/**
 * Options of {@link breakdown}.
 *
 * @typeParam T - the record type
 * @typeParam M - the metric
 * @category Analysis
 */
export interface BreakdownOptions<T, M extends SurveyMetric = SurveyMetric>
  extends TableOptions<T, M> {
  /** The column to group by (a name or an accessor). `null` / `undefined` is no group. */
  readonly by: Column<T>;
}

/**
 * One group of a {@link Breakdown}.
 *
 * @category Analysis
 */
export interface BreakdownGroup<K = unknown, M extends SurveyMetric = SurveyMetric>
  extends GroupResult<M> {
  /** The group's value in the `by` column. */
  readonly group: K;
}

/**
 * The result of {@link breakdown}.
 *
 * @category Analysis
 */
export interface Breakdown<K = unknown, M extends SurveyMetric = SurveyMetric> {
  /** The metric. */
  readonly metric: M;
  /** The confidence level; the significance level of every test is 1 − level. */
  readonly level: number;
  /** The adjustment of the group-versus-rest p-values. */
  readonly correction: PValueAdjustment;
  /**
   * One entry per group, in the order first seen: each `comparison` is the group minus the rest
   * of the table (every other row, including rows with no group), and `significant` says
   * whether it differs after the adjustment.
   */
  readonly groups: readonly BreakdownGroup<K, M>[];
  /** The whole table: every row, in a group or not (its n + missing + skipped = rows). */
  readonly distribution: Distribution;
  /** The metric on the whole table; absent when it has no responses. */
  readonly overall?: MetricResult<M>;
  /** Do the groups differ at all? The test of the metric across the groups with responses. */
  readonly omnibus: GroupTest<MetricGroupTest<M>>;
  /** Rows read. */
  readonly rows: number;
  /** Rows whose `by` value is `null` or `undefined`: in the whole table, in no group. */
  readonly ungrouped: number;
}

/**
 * Break a flat table of survey responses down by any column — region, channel, plan, wave — in
 * one pass: per group the metric with its interval, n, effective n and lowBase; the group
 * against the rest of the table (the two-sample test of {@link compareNps}, {@link compareCsat}
 * or {@link compareCes}) with the p-values adjusted across the groups (Holm by default,
 * {@link adjustPValues}); and the test across all groups ({@link compareNpsGroups}' mean-score
 * test, {@link compareCsatGroups}, or Welch's F of {@link compareCesGroups}).
 *
 * Nothing is dropped without a count: a missing answer (`null`, `undefined`) is counted in its
 * group's `missing`, an invalid one is an error (or, with `invalid: "skip"`, counted in
 * `skipped`), a row without a group is counted in `ungrouped`; the groups' distributions merge
 * back to `distribution`, the whole table. Text is not a number: convert a CSV column with blank
 * cells as `cell === "" ? null : Number(cell)` — `Number("")` is 0, a detractor.
 *
 * @param records - the rows (array, array-like or iterable), e.g. parsed CSV or JSON Lines
 * @param options - `by`, `score`, `weight`, the metric and its options ({@link MetricOptions}),
 *   `correction`, `invalid`, `missing`
 * @returns the groups, the whole table and the omnibus test
 * @throws {@link MetricError} `UNKNOWN_FIELD` when a named column is in no record (with the
 *   column most likely meant); the score and weight codes of {@link tally} with the row's index;
 *   `EMPTY_SAMPLE` never (an empty group has no `result`); `INVALID_OPTION` for a bad option,
 *   as the metric itself reports it; `INVALID_LEVEL`.
 *
 * @example
 * ```ts
 * import { breakdown } from "customer-metrics";
 * const rows = [
 *   { region: "north", nps: 10 }, { region: "north", nps: 9 }, { region: "north", nps: 8 },
 *   { region: "south", nps: 3 }, { region: "south", nps: 6 }, { region: "south", nps: null },
 *   { region: null, nps: 10 },
 * ];
 * const report = breakdown(rows, { by: "region", score: "nps" });
 * report.groups.map((g) => g.group); // => ["north", "south"]
 * report.groups[0].result?.score; // => 66.66666666666667
 * report.groups[1].distribution.missing; // => 1
 * report.groups[1].comparison?.samples[1].estimate; // => 75
 * report.ungrouped; // => 1
 * report.omnibus.test; // => "mean-score"
 * ```
 *
 * @category Analysis
 */
export function breakdown<
  T,
  const K extends keyof T & string,
  const M extends SurveyMetric = "nps",
>(
  records: ScoreInput<T>,
  options: BreakdownOptions<T, M> & { readonly by: K },
): Breakdown<Exclude<T[K], null | undefined>, M>;
export function breakdown<T, G, const M extends SurveyMetric = "nps">(
  records: ScoreInput<T>,
  options: BreakdownOptions<T, M> & { readonly by: (record: T, index: number) => G },
): Breakdown<Exclude<G, null | undefined>, M>;
export function breakdown<T>(records: ScoreInput<T>, options: BreakdownOptions<T>): Breakdown {
  return guarded("breakdown", () => {
    const fn = "breakdown";
    const table = readTable<T>(options, "by", fn);
    const { plan, correction } = table;
    const counted = countByGroup(records, table, (value) => value, fn);
    const keys = [...counted.groups.keys()];
    const distributions = [...counted.groups.values()].map((c) => c.snapshot(fn));
    const rest = counted.outside.snapshot(fn);
    const whole = merged(plan.scale, [...distributions, rest], fn);
    const results = groupResults(
      plan,
      distributions,
      restOfTable(plan.scale, distributions, rest, fn),
      correction,
    );
    const result: Breakdown = {
      metric: plan.metric,
      level: plan.level,
      correction,
      groups: results.map((r, i) => ({ group: keys[i], ...r })),
      distribution: whole,
      ...(whole.total > 0 ? { overall: plan.compute(whole) } : {}),
      omnibus: plan.testGroups(distributions.filter((d) => d.total > 0)),
      rows: counted.rows,
      ungrouped: counted.outsideRows,
    };
    return result;
  });
}
