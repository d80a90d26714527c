/**
 * Tests across k independent groups (regions, segments, channels): does the metric differ
 * anywhere among them? The omnibus companions of the two-sample comparisons.
 *
 * @module
 */

import { checkLevel, readOptions } from "../common/options.js";
import type { Distribution } from "../distribution/distribution.js";
import type { ScoreInput } from "../distribution/input.js";
import { CES_SCALE, checkScale } from "../distribution/scale.js";
import { describeValue, guarded, inArgument, MetricError } from "../errors/metric-error.js";
import { chiSquaredUpperTail, fUpperTail } from "../stats/chi-squared.js";
import { cesAs } from "./ces.js";
import { type CsatOptions, csatCore } from "./csat.js";
import { toDistribution } from "./input.js";
import { type NpsInput, npsGroups } from "./nps.js";

/**
 * The result of a test across k groups. When the data admit no test (fewer than two groups,
 * no spread at all, a group whose spread does not exist) the test fields are absent and
 * `notTested` says why.
 *
 * @typeParam M - the test's name
 * @category Survey
 */
export interface GroupTest<M extends string = string> {
  /** The test used (or, with `notTested`, the one that could not be run). */
  readonly test: M;
  /** The number of groups tested. */
  readonly groups: number;
  /** The test statistic: X², H, or Welch's F. */
  readonly statistic?: number;
  /** Degrees of freedom of X² or H; Welch's numerator degrees of freedom (k − 1). */
  readonly degreesOfFreedom?: number;
  /** Welch's denominator degrees of freedom (not an integer); the F test only. */
  readonly denominatorDegreesOfFreedom?: number;
  /** P-value of the statistic's upper tail (χ² or F), computed from the tail itself. */
  readonly pValue?: number;
  /** `pValue < 1 − level`; absent with `pValue`. */
  readonly significant?: boolean;
  /** Why no test was possible; absent when the test ran. */
  readonly notTested?: string;
  /**
   * `true` when the large-sample approximation behind the p-value is doubtful: an expected
   * count under 5 for the χ² tests (Cochran 1954; R's `chisq.test` warns then), a group with
   * an effective size under 5 for Welch's F and Kruskal–Wallis. `caveat` says which.
   */
  readonly smallSample: boolean;
  /** What makes the approximation doubtful; absent when `smallSample` is false. */
  readonly caveat?: string;
}

/**
 * The two tests of {@link compareNpsGroups}.
 *
 * @category Survey
 */
export interface NpsGroupTests {
  /** Equal NPS (mean −1/0/+1 score) in every group: the test of the score itself. */
  readonly meanScores: GroupTest<"mean-score">;
  /** The same detractor / passive / promoter mix in every group: Pearson's χ² of the k × 3 table. */
  readonly categories: GroupTest<"chi-squared">;
}

/**
 * The two tests of {@link compareCesGroups}.
 *
 * @category Survey
 */
export interface CesGroupTests {
  /** Equal mean effort scores, unequal variances allowed: Welch's one-way F test. */
  readonly means: GroupTest<"welch-anova">;
  /** No group's scores tend to be higher than another's: Kruskal–Wallis on midranks. */
  readonly ranks: GroupTest<"kruskal-wallis">;
}

/**
 * The samples of a k-group test: an array of them, or a `Map` from group to sample (the result
 * of {@link tallyBy}), whose keys name the groups in error messages.
 *
 * @typeParam T - one sample: scores, a distribution, or NPS counts
 * @category Survey
 */
export type GroupSamples<T> = readonly T[] | ReadonlyMap<unknown, T>;

/** The groups of an argument, each reduced by `read` under its position's name. */
function eachGroup<T, R>(groups: GroupSamples<T>, read: (group: T) => R, fn: string): R[] {
  if (groups instanceof Map) {
    return [...groups].map(([key, group]) =>
      inArgument(`group ${describeValue(key)}`, () => read(group)),
    );
  }
  if (!Array.isArray(groups)) {
    throw new MetricError(
      "INVALID_INPUT",
      `groups must be an array or a Map of samples; got ${describeValue(groups)}`,
      { fn, value: groups, field: "groups" },
    );
  }
  // A plain loop: a hole is a group, read (and refused) like any other, never skipped.
  const samples: R[] = [];
  for (let i = 0; i < groups.length; i++) {
    samples.push(inArgument(`groups[${i}]`, () => read(groups[i] as T)));
  }
  return samples;
}

const FEWER_THAN_TWO = "fewer than two groups: there is nothing to compare";
const SMALL = 5;

/** The test part when no test is possible. */
function untested<M extends string>(test: M, groups: number, why: string): GroupTest<M> {
  return { test, groups, notTested: why, smallSample: false };
}

/** The test part from a statistic and its p-value. */
function tested<M extends string>(
  test: M,
  groups: number,
  statistic: number,
  pValue: number,
  level: number,
  degrees: Pick<GroupTest<M>, "degreesOfFreedom" | "denominatorDegreesOfFreedom">,
  caveat: string | undefined,
): GroupTest<M> {
  return {
    test,
    groups,
    statistic,
    ...degrees,
    pValue,
    significant: pValue < 1 - level,
    smallSample: caveat !== undefined,
    ...(caveat === undefined ? {} : { caveat }),
  };
}

/** A test whose statistic is referred to χ² on `df` degrees of freedom. */
function chiSquaredTest<M extends string>(
  test: M,
  groups: number,
  statistic: number,
  df: number,
  level: number,
  caveat: string | undefined,
): GroupTest<M> {
  const p = chiSquaredUpperTail(statistic, df);
  return tested(test, groups, statistic, p, level, { degreesOfFreedom: df }, caveat);
}

/**
 * Pearson's X² of a k × c table of (effective) counts, with the columns no group uses dropped;
 * df = (k − 1)(c' − 1). Untestable with fewer than two rows or two used columns.
 */
function pearson(
  table: readonly (readonly number[])[],
  level: number,
  noSpread: string,
): GroupTest<"chi-squared"> {
  const k = table.length;
  if (k < 2) return untested("chi-squared", k, FEWER_THAN_TWO);
  const columns = (table[0] as readonly number[]).length;
  const rowTotals = table.map((row) => row.reduce((a, b) => a + b, 0));
  const total = rowTotals.reduce((a, b) => a + b, 0);
  const columnTotals = Array.from({ length: columns }, (_, j) =>
    table.reduce((sum, row) => sum + (row[j] as number), 0),
  );
  const used = columnTotals.map((_, j) => j).filter((j) => (columnTotals[j] as number) > 0);
  if (used.length < 2) return untested("chi-squared", k, noSpread);
  let statistic = 0;
  let small = 0;
  for (let i = 0; i < k; i++) {
    for (const j of used) {
      const expected = ((rowTotals[i] as number) * (columnTotals[j] as number)) / total;
      const deviation = ((table[i] as readonly number[])[j] as number) - expected;
      statistic += (deviation * deviation) / expected;
      if (expected < SMALL) small++;
    }
  }
  const df = (k - 1) * (used.length - 1);
  const caveat =
    small === 0
      ? undefined
      : `${small} of ${k * used.length} expected counts are under ${SMALL}: the χ² approximation may be poor`;
  return chiSquaredTest("chi-squared", k, statistic, df, level, caveat);
}

/** Counts scaled to the Kish effective size: weighted data enter the tests at their precision. */
function effectiveCounts(counts: readonly number[], total: number, effectiveN: number): number[] {
  const factor = effectiveN / total;
  return counts.map((c) => c * factor);
}

/**
 * Do k groups differ in NPS? Two tests of the k groups' promoter / passive / detractor counts:
 *
 * - `meanScores` — the test of the NPS itself. NPS is 100 × the mean of the −1/0/+1 scores, so
 *   equal NPS means equal mean scores: X² = Σ nᵢ(m̄ᵢ − m̄)² / v̄ with v̄ = p̄ + d̄ − (p̄ − d̄)² the
 *   variance of one answer in the pooled sample, on k − 1 degrees of freedom (the score test
 *   of equal means, N·R² of the one-way linear model). For two groups it is the square of
 *   {@link compareNps}'s pooled z, with the same p-value; like it, it stays defined when each
 *   group alone has no spread (all promoters against all detractors). This is the test to
 *   report beside a table of NPS by group.
 * - `categories` — Pearson's χ² test of homogeneity of the k × 3 table (R's `chisq.test`), on
 *   (k − 1)(c − 1) degrees of freedom, c the categories anyone chose: it also detects groups with
 *   equal NPS but a different mix (more passives, fewer of both extremes).
 *
 * Weighted groups enter with their Kish effective sizes (the shares scaled to effective n), as in
 * {@link compareNps}. Both flag `smallSample` when an expected count of the k × 3 table is under 5.
 *
 * @param groups - two or more samples (scores, distributions on 0–10 or {@link NpsCounts}), as an
 *   array or a `Map` (e.g. from {@link tallyBy})
 * @param options - `level` (default 0.95) for `significant`
 * @returns both tests
 * @throws {@link MetricError} as {@link nps} does for any group (naming it, e.g. `groups[2]`),
 *   including `EMPTY_SAMPLE` for an empty group; `INVALID_INPUT` when `groups` is not an array or
 *   Map; `INVALID_LEVEL`; `INVALID_OPTION`.
 *
 * @example
 * ```ts
 * import { compareNpsGroups } from "customer-metrics";
 * const north = { promoters: 50, passives: 30, detractors: 20 };
 * const south = { promoters: 30, passives: 30, detractors: 40 };
 * const west = { promoters: 45, passives: 35, detractors: 20 };
 * const tests = compareNpsGroups([north, south, west]);
 * tests.meanScores.degreesOfFreedom; // => 2
 * tests.meanScores.significant; // => true
 * tests.categories.degreesOfFreedom; // => 4
 * ```
 *
 * @category Survey
 */
export function compareNpsGroups(
  groups: GroupSamples<NpsInput>,
  options: { readonly level?: number } = {},
): NpsGroupTests {
  return guarded("compareNpsGroups", () => {
    const fn = "compareNpsGroups";
    const read = readOptions(options, ["level"], fn);
    const level = checkLevel(read.level, fn);
    const table = eachGroup(
      groups,
      (group) => {
        const g = npsGroups(group, fn);
        return effectiveCounts([g.detractors, g.passives, g.promoters], g.total, g.effectiveN);
      },
      fn,
    );
    return {
      meanScores: meanScoreTest(table, level),
      categories: pearson(
        table,
        level,
        "every answer in every group falls in one NPS group: the mix has no spread to test",
      ),
    };
  });
}

/** The score test of equal mean −1/0/+1 scores across the rows of a k × 3 table. */
function meanScoreTest(
  table: readonly (readonly number[])[],
  level: number,
): GroupTest<"mean-score"> {
  const k = table.length;
  const test = "mean-score" as const;
  if (k < 2) return untested(test, k, FEWER_THAN_TWO);
  const sizes = table.map(([d = 0, p = 0, q = 0]) => d + p + q);
  const means = table.map(([d = 0, , q = 0], i) => (q - d) / (sizes[i] as number));
  const total = sizes.reduce((a, b) => a + b, 0);
  const promoters = table.reduce((s, row) => s + (row[2] as number), 0) / total;
  const detractors = table.reduce((s, row) => s + (row[0] as number), 0) / total;
  const grand = promoters - detractors;
  const variance = promoters + detractors - grand * grand;
  if (!(variance > 0)) {
    return untested(
      test,
      k,
      "every answer in every group falls in one NPS group: the scores have no spread to test",
    );
  }
  let between = 0;
  for (let i = 0; i < k; i++) between += (sizes[i] as number) * ((means[i] as number) - grand) ** 2;
  const statistic = between / variance;
  return chiSquaredTest(test, k, statistic, k - 1, level, pearson(table, level, "").caveat);
}

/**
 * Do k groups differ in CSAT? Pearson's χ² test of k proportions — the satisfied share of each
 * group — on k − 1 degrees of freedom: R's `prop.test(x, n)` on k groups (for two groups with
 * `correct = FALSE`: the square of {@link compareCsat}'s z). Weighted groups enter with their
 * Kish effective sizes. `smallSample` flags an expected count under 5.
 *
 * @param groups - two or more samples (scores or distributions), as an array or a `Map`
 * @param options - `level` (default 0.95) and the `scale` / `satisfiedFrom` every group shares
 * @returns the test
 * @throws {@link MetricError} as {@link csat} does for any group (naming it); `INVALID_INPUT`
 *   when `groups` is not an array or Map; `INVALID_LEVEL`; `INVALID_OPTION`.
 *
 * @example
 * ```ts
 * import { compareCsatGroups } from "customer-metrics";
 * const test = compareCsatGroups([[5, 5, 4, 4, 2], [3, 2, 1, 4, 2], [5, 4, 4, 4, 5]]);
 * test.degreesOfFreedom; // => 2
 * test.smallSample; // => true
 * ```
 *
 * @category Survey
 */
export function compareCsatGroups(
  groups: GroupSamples<Distribution | ScoreInput<number | bigint | null | undefined>>,
  options: { readonly level?: number } & Pick<CsatOptions, "scale" | "satisfiedFrom"> = {},
): GroupTest<"chi-squared"> {
  return guarded("compareCsatGroups", () => {
    const fn = "compareCsatGroups";
    const read = readOptions(options, ["level", "scale", "satisfiedFrom"], fn);
    const level = checkLevel(read.level, fn);
    const table = eachGroup(
      groups,
      (group) => {
        const c = csatCore(group, read, fn);
        return effectiveCounts([c.satisfied, c.d.total - c.satisfied], c.d.total, c.d.effectiveN);
      },
      fn,
    );
    return pearson(
      table,
      level,
      "every response in every group is satisfied (or none is): the shares have no spread to test",
    );
  });
}

/**
 * Do k groups differ in CES? Two tests:
 *
 * - `means` — Welch's one-way test of equal means without assuming equal variances (Welch
 *   1951, Biometrika 38; R's `oneway.test`): F on k − 1 and a fractional denominator degrees of
 *   freedom. For two groups F is the square of {@link compareCes}'s t, on its Welch df. Needs at
 *   least two responses and some spread in every group.
 * - `ranks` — Kruskal–Wallis (1952) on midranks with the correction for ties (R's
 *   `kruskal.test`): H = (N − 1)·Σ nᵢ(R̄ᵢ − R̄)² / Σ (rank − R̄)², on k − 1 degrees of freedom.
 *   It asks whether scores in one group tend to be higher, and suits the few-point effort
 *   scale, where ties are the rule.
 *
 * Weighted groups enter with their Kish effective sizes (Welch through each group's standard
 * error; Kruskal–Wallis with counts scaled to effective n — an approximation, as rank tests have
 * no standard weighted form). `smallSample` flags a group with an effective size under 5.
 *
 * @param groups - two or more samples (scores or distributions), as an array or a `Map`
 * @param options - `level` (default 0.95) and the `scale` every group shares (default 1–7)
 * @returns both tests
 * @throws {@link MetricError} as {@link ces} does for any group (naming it); `INVALID_INPUT`
 *   when `groups` is not an array or Map; `INVALID_LEVEL`; `INVALID_OPTION`.
 *
 * @example
 * ```ts
 * import { compareCesGroups } from "customer-metrics";
 * const tests = compareCesGroups([[7, 6, 6, 5, 7, 6], [4, 5, 3, 4, 4, 2], [5, 6, 5, 4, 6, 5]]);
 * tests.means.test; // => "welch-anova"
 * tests.ranks.degreesOfFreedom; // => 2
 * tests.ranks.significant; // => true
 * ```
 *
 * @category Survey
 */
export function compareCesGroups(
  groups: GroupSamples<Distribution | ScoreInput<number | bigint | null | undefined>>,
  options: { readonly level?: number; readonly scale?: CsatOptions["scale"] } = {},
): CesGroupTests {
  return guarded("compareCesGroups", () => {
    const fn = "compareCesGroups";
    const read = readOptions(options, ["level", "scale"], fn);
    const level = checkLevel(read.level, fn);
    const scale = read.scale === undefined ? CES_SCALE : checkScale(read.scale, fn);
    const samples = eachGroup(
      groups,
      (group) => {
        const d = toDistribution(group, scale, fn);
        return { d, result: cesAs(fn, d, { scale }) };
      },
      fn,
    );
    const small = samples.filter((s) => s.d.effectiveN < SMALL).length;
    const caveat =
      small === 0
        ? undefined
        : `${small} of ${samples.length} groups have an effective size under ${SMALL}: the large-sample approximation may be poor`;
    return {
      means: welchAnova(
        samples.map((s) => s.result),
        level,
        caveat,
      ),
      ranks: kruskalWallis(
        samples.map((s) => effectiveCounts(s.d.counts, s.d.total, s.d.effectiveN)),
        level,
        caveat,
      ),
    };
  });
}

/** Welch's F from each group's mean, standard error and effective size. */
function welchAnova(
  groups: readonly { score: number; standardError?: number; effectiveN: number }[],
  level: number,
  caveat: string | undefined,
): GroupTest<"welch-anova"> {
  const k = groups.length;
  const test = "welch-anova" as const;
  if (k < 2) return untested(test, k, FEWER_THAN_TWO);
  if (groups.some((g) => g.standardError === undefined)) {
    return untested(
      test,
      k,
      "a group has a single response (effective n ≤ 1): its spread does not exist",
    );
  }
  if (groups.some((g) => !((g.standardError as number) > 0))) {
    return untested(test, k, "a group is constant: Welch's weights 1/SE² do not exist");
  }
  // wᵢ = nᵢ/sᵢ² = 1/SEᵢ², relative to the largest, so that nothing overflows.
  const raw = groups.map((g) => 1 / (g.standardError as number) ** 2);
  const largest = Math.max(...raw);
  const w = raw.map((x) => x / largest);
  const sumW = w.reduce((a, b) => a + b, 0);
  const grand = groups.reduce((s, g, i) => s + (w[i] as number) * g.score, 0) / sumW;
  let between = 0;
  let lambda = 0;
  groups.forEach((g, i) => {
    between += (w[i] as number) * largest * (g.score - grand) ** 2;
    lambda += (1 - (w[i] as number) / sumW) ** 2 / (g.effectiveN - 1);
  });
  const df1 = k - 1;
  const df2 = (k * k - 1) / (3 * lambda);
  const statistic = between / df1 / (1 + (2 * (k - 2) * lambda) / (k * k - 1));
  return tested(
    test,
    k,
    statistic,
    fUpperTail(statistic, df1, df2),
    level,
    { degreesOfFreedom: df1, denominatorDegreesOfFreedom: df2 },
    caveat,
  );
}

/** Kruskal–Wallis H with the tie correction, from counts per scale point per group. */
function kruskalWallis(
  table: readonly (readonly number[])[],
  level: number,
  caveat: string | undefined,
): GroupTest<"kruskal-wallis"> {
  const k = table.length;
  const test = "kruskal-wallis" as const;
  if (k < 2) return untested(test, k, FEWER_THAN_TWO);
  const points = (table[0] as readonly number[]).length;
  const pooled = Array.from({ length: points }, (_, j) =>
    table.reduce((s, row) => s + (row[j] as number), 0),
  );
  const total = pooled.reduce((a, b) => a + b, 0);
  const centre = (total + 1) / 2;
  // Midrank of each scale point, as a deviation from the mean rank (N + 1)/2.
  const deviation: number[] = [];
  let below = 0;
  for (const c of pooled) {
    deviation.push(below + (c + 1) / 2 - centre);
    below += c;
  }
  let totalSquares = 0;
  pooled.forEach((c, j) => {
    totalSquares += c * (deviation[j] as number) ** 2;
  });
  if (!(totalSquares > 1e-12 * total * total)) {
    return untested(
      test,
      k,
      "every response in every group has the same score: there are no ranks to compare",
    );
  }
  let between = 0;
  for (const row of table) {
    const size = row.reduce((a, b) => a + b, 0);
    const rankSum = row.reduce((s, c, j) => s + c * (deviation[j] as number), 0);
    between += (rankSum * rankSum) / size;
  }
  const statistic = ((total - 1) * between) / totalSquares;
  return chiSquaredTest(test, k, statistic, k - 1, level, caveat);
}
