/**
 * The shared core of every table analysis: each group's metric, its comparison with the rest of
 * the table, the p-values adjusted across the groups, and the test across all of them.
 *
 * @module
 */

import { Counts } from "../distribution/counts.js";
import type { Distribution } from "../distribution/distribution.js";
import type { Scale } from "../distribution/scale.js";
import type { Comparison } from "../survey/compare.js";
import { adjustPresent, type PValueAdjustment } from "./adjust-p-values.js";
import type { MetricPlan, MetricResult, MetricTest, SurveyMetric } from "./metric.js";

/**
 * One group of an analysis (a region, a segment, a period): its distribution, the metric on it,
 * and how it compares.
 *
 * @typeParam M - the metric
 * @category Analysis
 */
export interface GroupResult<M extends SurveyMetric = SurveyMetric> {
  /** The group's responses: counts, n, effective n, and the rows missing or skipped in it. */
  readonly distribution: Distribution;
  /** The metric with its interval, n, effectiveN and lowBase; absent when the group has no responses. */
  readonly result?: MetricResult<M>;
  /**
   * The group minus what it is compared with — the rest of the table in a breakdown, the
   * previous period in a trend — with both estimates; absent when either side has no responses.
   */
  readonly comparison?: Comparison<MetricTest<M>>;
  /** The comparison's p-value adjusted across the groups; absent with the p-value. */
  readonly adjustedPValue?: number;
  /** `adjustedPValue < 1 − level`: false when it was not tested. */
  readonly significant: boolean;
}

/** The sum of distributions on one scale (exact counts; compensated weighted sums). @internal */
export function merged(scale: Scale, parts: readonly Distribution[], fn: string): Distribution {
  const counts = new Counts(scale);
  for (const part of parts) counts.addDistribution(part, fn);
  return counts.snapshot(fn);
}

/**
 * For each group, the merge of every other group and of `outside` (rows in no group): by prefix
 * and suffix sums, O(groups × scale).
 *
 * @internal
 */
export function restOfTable(
  scale: Scale,
  groups: readonly Distribution[],
  outside: Distribution,
  fn: string,
): Distribution[] {
  const k = groups.length;
  const before: Distribution[] = [];
  const after: Distribution[] = new Array(k + 1);
  const running = new Counts(scale);
  for (let i = 0; i < k; i++) {
    before.push(running.snapshot(fn));
    running.addDistribution(groups[i] as Distribution, fn);
  }
  const back = new Counts(scale);
  after[k] = back.snapshot(fn);
  for (let i = k - 1; i >= 0; i--) {
    back.addDistribution(groups[i] as Distribution, fn);
    after[i] = back.snapshot(fn);
  }
  return groups.map((_, i) =>
    merged(scale, [before[i] as Distribution, after[i + 1] as Distribution, outside], fn),
  );
}

/**
 * Each group's metric and its comparison with `against[i]` (the rest, the previous period, or
 * nothing), with the p-values adjusted across the groups compared.
 *
 * @internal
 */
export function groupResults(
  plan: MetricPlan,
  groups: readonly Distribution[],
  against: readonly (Distribution | undefined)[],
  correction: PValueAdjustment,
): GroupResult[] {
  const rows = groups.map((distribution, i) => {
    const other = against[i];
    const filled = distribution.total > 0;
    return {
      distribution,
      ...(filled ? { result: plan.compute(distribution) } : {}),
      ...(filled && other !== undefined && other.total > 0
        ? { comparison: plan.compare(distribution, other) }
        : {}),
    } as { distribution: Distribution; result?: GroupResult["result"]; comparison?: Comparison };
  });
  const tested = rows.flatMap((row, i) => (row.comparison?.pValue === undefined ? [] : [i]));
  const adjusted = adjustPresent(
    tested.map((i) => rows[i]?.comparison?.pValue as number),
    correction,
  );
  const byRow = new Map(tested.map((row, j) => [row, adjusted[j] as number]));
  return rows.map((row, i) => {
    const p = byRow.get(i);
    return {
      ...row,
      ...(p === undefined ? {} : { adjustedPValue: p }),
      significant: p !== undefined && p < 1 - plan.level,
    } as GroupResult;
  });
}
