/**
 * Trends: a survey metric per period, each period against the one before, and the change over
 * the whole span — what an NPS dashboard plots.
 *
 * @module
 */

import { readOptions } from "../common/options.js";
import type { Column } from "../distribution/columns.js";
import type { Distribution } from "../distribution/distribution.js";
import type { ScoreInput } from "../distribution/input.js";
import { guarded } from "../errors/metric-error.js";
import type { Comparison } from "../survey/compare.js";
import { checkAdjustment, type PValueAdjustment } from "./adjust-p-values.js";
import { readGroups } from "./breakdown.js";
import { type GroupResult, groupResults, merged } from "./group-report.js";
import {
  METRIC_OPTION_KEYS,
  type MetricOptions,
  type MetricPlan,
  type MetricResult,
  type MetricTest,
  readMetric,
  type SurveyMetric,
} from "./metric.js";
import {
  checkEvery,
  formatTrendPeriod,
  PeriodReader,
  type TrendFrequency,
} from "./period-reader.js";
import { countByGroup, isNoGroup, readTable, type TableOptions } from "./table.js";

/**
 * Options of {@link trend}.
 *
 * @typeParam T - the record type
 * @typeParam M - the metric
 * @category Analysis
 */
export interface TrendOptions<T, M extends SurveyMetric = SurveyMetric> extends TableOptions<T, M> {
  /**
   * The column of periods: labels `"YYYY"`, `"YYYY-Qn"`, `"YYYY-MM"` or `"YYYY-Www"` (an ISO
   * week), one frequency throughout; with `every`, dates and date-times too. `null`,
   * `undefined` or a blank text is undated.
   */
  readonly period: Column<T>;
  /**
   * Group the period column into weeks, months, quarters or years: then it may hold ISO dates
   * (`"2024-01-15"`), date-times (`"2024-01-15T10:22:00Z"`, `"2024-01-15 23:30-05:00"`), `Date`s,
   * and labels that lie within one such period (a month in its quarter). A date-time's day is
   * **the date as written** — its time and offset do not move it (`2024-03-31T23:30-05:00` is in
   * March, though it is April in UTC); a `Date`, an instant with no zone of its own, is read in
   * UTC. An impossible date (`2024-02-30`, `2024-13-01`) is `INVALID_PERIOD`.
   */
  readonly every?: TrendFrequency;
}

/**
 * One period of a {@link Trend}: its metric, and its change from the previous period with
 * responses (`comparison` is this period minus that one; `significant` after the adjustment).
 *
 * @category Analysis
 */
export interface TrendPeriod<M extends SurveyMetric = SurveyMetric> extends GroupResult<M> {
  /** The period's label, written canonically (`"2024-Q3"`, `"2024-07"`, `"2024"`). */
  readonly period: string;
  /** The period this one is compared with: the latest earlier period with responses. */
  readonly previous?: string;
}

/**
 * The result of {@link trend}.
 *
 * @category Analysis
 */
export interface Trend<M extends SurveyMetric = SurveyMetric> {
  /** The metric. */
  readonly metric: M;
  /** The confidence level; the significance level of every test is 1 − level. */
  readonly level: number;
  /** The adjustment of the period-over-period p-values. */
  readonly correction: PValueAdjustment;
  /** The periods' frequency: `every`, or that of the labels; absent when neither is known. */
  readonly frequency?: TrendFrequency;
  /** Every period with rows, in time order. */
  readonly periods: readonly TrendPeriod<M>[];
  /** The periods between the first and the last with no rows at all: gaps a chart must show. */
  readonly gaps: readonly string[];
  /**
   * The change over the whole span: the last period with responses minus the first (one
   * planned test, not adjusted); absent with fewer than two such periods.
   */
  readonly change?: Comparison<MetricTest<M>>;
  /** Every row, dated or not (its n + missing + skipped = rows). */
  readonly distribution: Distribution;
  /** The metric over every row; absent when there are no responses. */
  readonly overall?: MetricResult<M>;
  /** Rows read. */
  readonly rows: number;
  /** Rows whose period is `null` or `undefined`: in the whole table, in no period. */
  readonly undated: number;
}

/**
 * A survey metric over time: per period (`"YYYY"`, `"YYYY-Qn"` or `"YYYY-MM"`, as the price
 * indices use) the metric with its interval, n, effective n and lowBase; each period against the
 * previous one with responses, by the metric's two-sample test ({@link compareNps},
 * {@link compareCsat}, {@link compareCes}), with the p-values adjusted across the steps (Holm by
 * default); the change from the first period to the last; and the gaps, periods with no rows.
 * Periods come out in time order whatever the order of the rows.
 *
 * @param records - the rows (array, array-like or iterable)
 * @param options - `period`, `every`, `score`, `weight`, the metric and its options
 *   ({@link MetricOptions}), `correction`, `invalid`, `missing`, `text`
 * @returns the periods in order, the gaps, the change over the span and the whole table
 * @throws {@link MetricError} `INVALID_PERIOD` for a period that is not `YYYY`, `YYYY-Qn`,
 *   `YYYY-MM` or `YYYY-Www`, or one of another frequency than the first; with `every`, for a
 *   value that is not a date, a date-time, a `Date` or a label within one period, or an
 *   impossible date (`2024-02-30`) — each naming its index; the codes of the `text` rules
 *   ({@link answerReader});
 *   `UNKNOWN_FIELD` for a column no record has; the score and weight codes of {@link tally};
 *   `INVALID_OPTION`; `INVALID_LEVEL`.
 *
 * @example
 * ```ts
 * import { trend } from "customer-metrics";
 * const rows = [
 *   { quarter: "2024-Q2", nps: 9 }, { quarter: "2024-Q1", nps: 3 }, { quarter: "2024-Q1", nps: 10 },
 *   { quarter: "2024-Q2", nps: 10 }, { quarter: "2024-Q4", nps: 7 }, { quarter: "2024-Q4", nps: 9 },
 * ];
 * const t = trend(rows, { period: "quarter", score: "nps" });
 * t.periods.map((p) => p.period); // => ["2024-Q1", "2024-Q2", "2024-Q4"]
 * t.periods.map((p) => p.result?.score); // => [0, 100, 50]
 * t.periods[1].comparison?.difference; // => 100
 * t.periods[2].previous; // => "2024-Q2"
 * t.gaps; // => ["2024-Q3"]
 * t.change?.difference; // => 50
 *
 * // Dates and date-times, grouped by every: the day as written (23:30 at -05:00 is 31 March).
 * const dated = [
 *   { at: "2024-03-31T23:30:00-05:00", nps: 10 }, { at: "2024-04-02", nps: 3 },
 *   { at: "2024-02-10 09:00", nps: 9 },
 * ];
 * trend(dated, { period: "at", score: "nps", every: "month" }).periods.map((p) => p.period); // => ["2024-02", "2024-03", "2024-04"]
 * ```
 *
 * @category Analysis
 */
export function trend<T, const M extends SurveyMetric = "nps">(
  records: ScoreInput<T>,
  options: TrendOptions<T, M>,
): Trend<M> {
  return guarded("trend", () => {
    const fn = "trend";
    const table = readTable<T>(options, "period", fn, ["every"]);
    const periods = new PeriodReader(checkEvery(table.read.every, fn), ASK_EVERY);
    const counted = countByGroup(records, table, (label, i) => periods.ordinalOf(label, i, fn), fn);
    const byOrdinal = new Map([...counted.groups].map(([o, c]) => [o, c.snapshot(fn)] as const));
    const result = analysePeriods(
      table.plan,
      table.correction,
      byOrdinal,
      periods.frequency,
      counted.outside.snapshot(fn),
      counted.rows,
      counted.outsideRows,
      fn,
    );
    // The metric read is the M the caller typed (its literal, or "nps" by default).
    return result as Trend<M>;
  });
}

/**
 * Options of {@link trendFromCounts}: the metric and its options, the correction, and `every`.
 *
 * @typeParam M - the metric
 * @category Analysis
 */
export interface TrendFromCountsOptions<M extends SurveyMetric = SurveyMetric>
  extends MetricOptions<M> {
  /** How the period-over-period p-values are adjusted; default `"holm"`. */
  readonly correction?: PValueAdjustment;
  /** Group keys that are dates, or finer periods, into weeks, months, quarters or years, as {@link TrendOptions.every}. */
  readonly every?: TrendFrequency;
}

/**
 * {@link trend} of periods already counted: a `Map` from period label (`"2024-Q3"`) to its
 * {@link Distribution} — from {@link fromCountRows} with `group` on a period column
 * (`GROUP BY quarter, score`), or from one {@link Tally} per period fed by a stream. The
 * report is the one `trend` gives on the raw rows; a `null` or `undefined` key holds the undated
 * rows.
 *
 * @param periods - each period's distribution, on the metric's scale, in any order
 * @param options - the metric and its options ({@link MetricOptions}), `correction`
 * @returns the trend
 * @throws {@link MetricError} `INVALID_PERIOD` for a key that is not a period of the first key's
 *   frequency; `INVALID_INPUT` when `periods` is not a `Map` of distributions; `SCALE_MISMATCH`;
 *   `INVALID_OPTION`; `INVALID_LEVEL`.
 *
 * @example
 * ```ts
 * import { trendFromCounts, fromCounts, NPS_SCALE } from "customer-metrics";
 * const periods = new Map([
 *   ["2024-02", fromCounts(NPS_SCALE, { 10: 30, 8: 10, 2: 10 })],
 *   ["2024-01", fromCounts(NPS_SCALE, { 10: 20, 8: 10, 2: 20 })],
 * ]);
 * const t = trendFromCounts(periods);
 * t.periods.map((p) => p.result?.score); // => [0, 40]
 * t.change?.difference; // => 40
 * ```
 *
 * @category Analysis
 */
export function trendFromCounts<const M extends SurveyMetric = "nps">(
  periods: ReadonlyMap<unknown, Distribution>,
  options: TrendFromCountsOptions<M> = {},
): Trend<M> {
  return guarded("trendFromCounts", () => {
    const fn = "trendFromCounts";
    const read = readOptions(options, [...METRIC_OPTION_KEYS, "correction", "every"], fn);
    const plan = readMetric(read, fn);
    const correction = checkAdjustment(read.correction, fn);
    const entries = readGroups(periods, plan.scale, fn);
    const reader = new PeriodReader(checkEvery(read.every, fn), ASK_EVERY);
    const byOrdinal = new Map<number, Distribution>();
    const undated: Distribution[] = [];
    entries.forEach(([label, d], i) => {
      if (isNoGroup(label)) undated.push(d);
      else {
        const ordinal = reader.ordinalOf(label, i, fn);
        const before = byOrdinal.get(ordinal);
        byOrdinal.set(ordinal, before === undefined ? d : merged(plan.scale, [before, d], fn));
      }
    });
    const outside = merged(plan.scale, undated, fn);
    const rows = entries.reduce((sum, [, d]) => sum + d.n + d.missing + d.skipped, 0);
    const undatedRows = outside.n + outside.missing + outside.skipped;
    const result = analysePeriods(
      plan,
      correction,
      byOrdinal,
      reader.frequency,
      outside,
      rows,
      undatedRows,
      fn,
    );
    return result as Trend<M>;
  });
}

/** How to ask a trend to group dates, for a date given without `every`. */
const ASK_EVERY = 'pass every: "week", "month", "quarter" or "year" to group dates into periods';

/** The trend of counted periods: in order, each against the previous, the span and the gaps. */
function analysePeriods(
  plan: MetricPlan,
  correction: PValueAdjustment,
  byOrdinal: ReadonlyMap<number, Distribution>,
  f: TrendFrequency | undefined,
  outside: Distribution,
  rows: number,
  undated: number,
  fn: string,
): Trend {
  const ordinals = [...byOrdinal.keys()].sort((a, b) => a - b);
  const distributions = ordinals.map((o) => byOrdinal.get(o) as Distribution);
  const label = (ordinal: number) => formatTrendPeriod(f as TrendFrequency, ordinal);
  // Each period against the latest earlier one with responses.
  const previous: (number | undefined)[] = [];
  let last: number | undefined;
  distributions.forEach((d, i) => {
    previous.push(last);
    if (d.total > 0) last = i;
  });
  const results = groupResults(
    plan,
    distributions,
    previous.map((p) => (p === undefined ? undefined : distributions[p])),
    correction,
  );
  const gaps: string[] = [];
  for (let i = 1; i < ordinals.length; i++) {
    for (let o = (ordinals[i - 1] as number) + 1; o < (ordinals[i] as number); o++) {
      gaps.push(label(o));
    }
  }
  const filled = distributions.filter((d) => d.total > 0);
  const whole = merged(plan.scale, [...distributions, outside], fn);
  const earliest = filled[0];
  const latest = filled[filled.length - 1];
  const result: Trend = {
    metric: plan.metric,
    level: plan.level,
    correction,
    ...(f === undefined ? {} : { frequency: f }),
    periods: results.map((r, i) => {
      const p = previous[i];
      return {
        period: label(ordinals[i] as number),
        ...(p === undefined ? {} : { previous: label(ordinals[p] as number) }),
        ...r,
      };
    }),
    gaps,
    ...(earliest !== undefined && latest !== undefined && filled.length > 1
      ? { change: plan.compare(latest, earliest) }
      : {}),
    distribution: whole,
    ...(whole.total > 0 ? { overall: plan.compute(whole) } : {}),
    rows,
    undated,
  };
  return result;
}
