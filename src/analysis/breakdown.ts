/**
 * Breakdowns of a flat table of responses by any column: the metric per group, each group
 * against the rest of the table, and a test across all groups.
 *
 * @module
 */

import { readOptions } from "../common/options.js";
import type { Column } from "../distribution/columns.js";
import { type Distribution, readDistribution } from "../distribution/distribution.js";
import type { ScoreInput } from "../distribution/input.js";
import { requireSameScale, type Scale } from "../distribution/scale.js";
import { describeValue, guarded, inArgument, MetricError } from "../errors/metric-error.js";
import type { GroupTest } from "../survey/group-tests.js";
import { checkAdjustment, type PValueAdjustment } from "./adjust-p-values.js";
import { type GroupResult, groupResults, merged, restOfTable } from "./group-report.js";
import { type GroupSpelling, GroupSpellings } from "./group-spelling.js";
import {
  METRIC_OPTION_KEYS,
  type MetricGroupTest,
  type MetricOptions,
  type MetricPlan,
  type MetricResult,
  readMetric,
  type SurveyMetric,
} from "./metric.js";
import { countByGroup, isNoGroup, readTable, type TableOptions } from "./table.js";

/**
 * Options of {@link breakdown}.
 *
 * @typeParam T - the record type
 * @typeParam M - the metric
 * @category Analysis
 */
export interface BreakdownOptions<T, M extends SurveyMetric = SurveyMetric>
  extends TableOptions<T, M> {
  /**
   * The column to group by (a name or an accessor). `null`, `undefined` or blank text is no
   * group. Text is trimmed: `"North "` is the group `"North"` (its spellings are reported).
   */
  readonly by: Column<T>;
  /**
   * Merge group texts that differ only in case — `"North"`, `"north"`, `"NORTH"` — into one
   * group, labelled by its most frequent spelling (the first seen of equally frequent ones);
   * each group's {@link BreakdownGroup.spellings} says which were merged. Default `false`.
   */
  readonly foldCase?: boolean;
}

/**
 * One group of a {@link Breakdown}.
 *
 * @category Analysis
 */
export interface BreakdownGroup<K = unknown, M extends SurveyMetric = SurveyMetric>
  extends GroupResult<M> {
  /** The group's value in the `by` column (text trimmed; with `foldCase`, its most frequent spelling). */
  readonly group: K;
  /**
   * The spellings merged into this group — texts with spaces around them, or (with `foldCase`)
   * in another case — with their rows; absent when the group was written one way only.
   */
  readonly spellings?: readonly GroupSpelling[];
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
 * @param options - `by`, `foldCase`, `score`, `weight`, the metric and its options
 *   ({@link MetricOptions}), `correction`, `invalid`, `missing`, `text`
 * @returns the groups, the whole table and the omnibus test
 * @throws {@link MetricError} `UNKNOWN_FIELD` when a named column is in no record (with the
 *   column most likely meant); the score and weight codes of {@link tally} with the row's index;
 *   `NON_FINITE` for a group value that is `NaN` or infinite, with the row's index (a blank
 *   cell read as a number: make it `null` for no group); `EMPTY_SAMPLE` never (an empty group
 *   has no `result`); `INVALID_OPTION` for a bad option, as the metric itself reports it;
 *   `INVALID_LEVEL`; the codes of the `text` rules ({@link answerReader}).
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
 *
 * // Texts are trimmed; foldCase merges case too, and says which spellings it merged.
 * const spelt = [{ r: "North", nps: 9 }, { r: "north ", nps: 10 }, { r: "NORTH", nps: 3 }];
 * const merged = breakdown(spelt, { by: "r", score: "nps", foldCase: true });
 * merged.groups.map((g) => g.group); // => ["North"]
 * merged.groups[0].spellings?.length; // => 3
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
    const table = readTable<T>(options, "by", fn, ["foldCase"]);
    const spellings = new GroupSpellings(checkFoldCase(table.read.foldCase, fn));
    const counted = countByGroup(
      records,
      table,
      (value, i) => spellings.groupOf(groupLabel(value, i, fn)),
      fn,
    );
    return analyseGroups(
      table.plan,
      table.correction,
      [...counted.groups].map(([key, counts]) => [key, counts.snapshot(fn)] as const),
      counted.outside.snapshot(fn),
      counted.rows,
      counted.outsideRows,
      spellings,
      fn,
    );
  });
}

/**
 * Options of {@link breakdownFromCounts}: the metric and its options, and the correction.
 *
 * @typeParam M - the metric
 * @category Analysis
 */
export interface BreakdownFromCountsOptions<M extends SurveyMetric = SurveyMetric>
  extends MetricOptions<M> {
  /** How the group-versus-rest p-values are adjusted for testing every group; default `"holm"`. */
  readonly correction?: PValueAdjustment;
  /**
   * Merge text keys that differ only in case, as {@link BreakdownOptions.foldCase}; text keys
   * are trimmed (and merged) either way.
   */
  readonly foldCase?: boolean;
}

/**
 * {@link breakdown} of groups already counted: a `Map` from group to its {@link Distribution} —
 * from {@link tallyBy}, from {@link fromCountRows} with `group` (a `GROUP BY segment, score`
 * query), or from one {@link Tally} per group fed by a stream. The report is the one `breakdown`
 * gives on the raw rows; a `null` or `undefined` key holds the rows with no group.
 *
 * @param groups - each group's distribution, on the metric's scale
 * @param options - the metric and its options ({@link MetricOptions}), `correction`
 * @returns the breakdown; `rows` is the rows the distributions count (n + missing + skipped)
 * @throws {@link MetricError} `INVALID_INPUT` when `groups` is not a `Map` of distributions
 *   (naming the group); `NON_FINITE` for a key that is `NaN` or infinite (with its position);
 *   `SCALE_MISMATCH` for a distribution on another scale; `INVALID_OPTION`; `INVALID_LEVEL`.
 *
 * @example
 * ```ts
 * import { breakdownFromCounts, fromCountRows, NPS_SCALE } from "customer-metrics";
 * // SELECT region, score, count(*) AS n FROM responses GROUP BY region, score
 * const rows = [
 *   { region: "north", score: 10, n: 40n }, { region: "north", score: 3, n: 10n },
 *   { region: "south", score: 9, n: 20n }, { region: "south", score: 2, n: 30n },
 * ];
 * const groups = fromCountRows(rows, NPS_SCALE, { group: "region", score: "score", count: "n" });
 * const report = breakdownFromCounts(groups);
 * report.groups.map((g) => g.result?.score); // => [60, -20]
 * report.groups[0].significant; // => true
 * ```
 *
 * @category Analysis
 */
export function breakdownFromCounts<K, const M extends SurveyMetric = "nps">(
  groups: ReadonlyMap<K, Distribution>,
  options: BreakdownFromCountsOptions<M> = {},
): Breakdown<Exclude<K, null | undefined>, M> {
  return guarded("breakdownFromCounts", () => {
    const fn = "breakdownFromCounts";
    const read = readOptions(options, [...METRIC_OPTION_KEYS, "correction", "foldCase"], fn);
    const plan = readMetric(read, fn);
    const correction = checkAdjustment(read.correction, fn);
    const counted = readGroups(groups, plan.scale, fn);
    const spellings = new GroupSpellings(checkFoldCase(read.foldCase, fn));
    // Keys that are one group once trimmed (or folded) are merged, in the order first seen.
    const inGroups = new Map<unknown, Distribution[]>();
    const ungrouped: Distribution[] = [];
    counted.forEach(([key, d], i) => {
      if (isNoGroup(key)) {
        ungrouped.push(d);
        return;
      }
      const group = spellings.groupOf(groupLabel(key, i, fn), rowsOf(d));
      const parts = inGroups.get(group);
      if (parts === undefined) inGroups.set(group, [d]);
      else parts.push(d);
    });
    const outside = merged(plan.scale, ungrouped, fn);
    const rows = counted.reduce((sum, [, d]) => sum + rowsOf(d), 0);
    const report = analyseGroups(
      plan,
      correction,
      [...inGroups].map(([group, parts]) => [
        group,
        parts.length === 1 ? (parts[0] as Distribution) : merged(plan.scale, parts, fn),
      ]),
      outside,
      rows,
      rowsOf(outside),
      spellings,
      fn,
    );
    return report as Breakdown<Exclude<K, null | undefined>, M>;
  });
}

/**
 * A group's value, which the report gives back as its label: any value but a number that is not
 * finite — a `NaN` in a group column is most often a blank cell read as a number, and it would
 * be one group, while `null` leaves the row out of every group.
 */
function groupLabel<K>(value: K, index: number, fn: string): K {
  if (typeof value === "number" && !Number.isFinite(value)) {
    throw new MetricError(
      "NON_FINITE",
      `the group at index ${index} is ${value}: a group is a finite number, a string or any other value (null or undefined for no group)`,
      { fn, index, value, field: "group" },
    );
  }
  return value;
}

/** Read the `foldCase` option (default false). */
function checkFoldCase(foldCase: unknown, fn: string): boolean {
  if (foldCase === undefined || typeof foldCase === "boolean") return foldCase === true;
  throw new MetricError(
    "INVALID_OPTION",
    `foldCase must be true or false; got ${describeValue(foldCase)}`,
    { fn, value: foldCase, field: "foldCase" },
  );
}

/** The rows a distribution counts. */
function rowsOf(d: Distribution): number {
  return d.n + d.missing + d.skipped;
}

/** The entries of a Map of distributions, each read and checked against the metric's scale. @internal */
export function readGroups<K>(
  groups: ReadonlyMap<K, Distribution>,
  scale: Scale,
  fn: string,
): (readonly [K, Distribution])[] {
  if (!(groups instanceof Map)) {
    throw new MetricError(
      "INVALID_INPUT",
      `expected a Map from group to Distribution (from tallyBy or fromCountRows); got ${describeValue(groups)}`,
      { fn, value: groups, field: "groups" },
    );
  }
  return [...groups].map(([key, d]) =>
    inArgument(`group ${describeValue(key)}`, () => {
      const read = readDistribution(d, fn);
      requireSameScale(scale, read.scale, fn, "the distribution");
      return [key, read] as const;
    }),
  );
}

/** The report of counted groups: each against the rest, adjusted, and the omnibus test. */
function analyseGroups(
  plan: MetricPlan,
  correction: PValueAdjustment,
  groups: readonly (readonly [unknown, Distribution])[],
  outside: Distribution,
  rows: number,
  ungrouped: number,
  spellings: GroupSpellings,
  fn: string,
): Breakdown {
  const distributions = groups.map(([, d]) => d);
  const whole = merged(plan.scale, [...distributions, outside], fn);
  const results = groupResults(
    plan,
    distributions,
    restOfTable(plan.scale, distributions, outside, fn),
    correction,
  );
  return {
    metric: plan.metric,
    level: plan.level,
    correction,
    groups: results.map((r, i) => {
      const key = groups[i]?.[0];
      const merged = spellings.spellingsOf(key);
      return {
        group: spellings.labelOf(key),
        ...(merged === undefined ? {} : { spellings: merged }),
        ...r,
      };
    }),
    distribution: whole,
    ...(whole.total > 0 ? { overall: plan.compute(whole) } : {}),
    omnibus: plan.testGroups(distributions.filter((d) => d.total > 0)),
    rows,
    ungrouped,
  };
}
