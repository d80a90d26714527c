import { checkChoice, checkLevel, readOptions } from "../common/options.js";
import {
  type ConfidenceInterval,
  type RowCounts,
  type SampleSize,
  SURVEY_OPTION_KEYS,
  type SurveyOptions,
  sampleSize,
} from "../common/results.js";
import { countNpsGroups } from "../distribution/byte-kernel.js";
import type { Distribution } from "../distribution/distribution.js";
import { countValue, requireExactCount } from "../distribution/distribution.js";
import { isByteArray, type ScoreInput, scoreProblem } from "../distribution/input.js";
import { NPS_SCALE } from "../distribution/scale.js";
import { describeValue, guarded, MetricError } from "../errors/metric-error.js";
import {
  NET_SCORE_METHODS,
  netScoreInterval,
  netScoreVariance,
} from "../stats/net-score-interval.js";
import { looksLikeDistribution, requireResponses, toDistribution } from "./input.js";

/**
 * The three NPS groups: detractors (0–6), passives (7–8) and promoters (9–10).
 *
 * @category Survey
 */
export type NpsCategory = "detractor" | "passive" | "promoter";

/**
 * The NPS group of one 0–10 answer (Reichheld 2003, "The One Number You Need to Grow", Harvard
 * Business Review): 9–10 promoter, 7–8 passive, 0–6 detractor.
 *
 * @param score - an integer from 0 to 10
 * @returns its group
 * @throws {@link MetricError} `INVALID_INPUT`, `NON_FINITE`, `SCORE_NOT_INTEGER` or
 *   `SCORE_OUT_OF_SCALE` for anything that is not an integer in 0–10.
 *
 * @example
 * ```ts
 * import { npsCategory } from "customer-metrics";
 * npsCategory(9); // => "promoter"
 * npsCategory(7); // => "passive"
 * npsCategory(6); // => "detractor"
 * ```
 *
 * @category Survey
 */
export function npsCategory(score: number | bigint): NpsCategory {
  return guarded("npsCategory", () => {
    const problem = scoreProblem(score, NPS_SCALE.min, NPS_SCALE.max);
    if (problem !== undefined) {
      throw new MetricError(problem.code, `the score ${problem.why}: ${describeValue(score)}`, {
        fn: "npsCategory",
        value: score,
      });
    }
    return score >= 9 ? "promoter" : score >= 7 ? "passive" : "detractor";
  });
}

/**
 * Trinomial counts of NPS answers, e.g. from a dashboard or a SQL `CASE` query.
 *
 * @category Survey
 */
export interface NpsCounts {
  /** Answers of 9 or 10 (a whole number ≥ 0; a bigint from SQL is read exactly up to 2^53 − 1). */
  readonly promoters: number | bigint;
  /** Answers of 7 or 8 (a whole number ≥ 0). */
  readonly passives: number | bigint;
  /** Answers of 0 to 6 (a whole number ≥ 0). */
  readonly detractors: number | bigint;
}

/**
 * What {@link nps} accepts: 0–10 scores (array, typed array, iterable), a {@link Distribution}
 * on {@link NPS_SCALE}, or {@link NpsCounts}.
 *
 * @category Survey
 */
export type NpsInput = ScoreInput<number | bigint | null | undefined> | Distribution | NpsCounts;

/**
 * The NPS interval methods: `"adjusted-wald"` (default; Rocks 2016), `"wald"`, `"score"`
 * (Tango's inverted score test, the R package NPS's "iterative").
 *
 * @category Survey
 */
export type NpsIntervalMethod = "adjusted-wald" | "wald" | "score";

/**
 * Options of {@link nps}.
 *
 * @category Survey
 */
export interface NpsOptions extends SurveyOptions {
  /** The interval method; default `"adjusted-wald"`. */
  readonly interval?: NpsIntervalMethod;
}

/**
 * The result of {@link nps}. Counts are weighted counts when the input was weighted.
 *
 * @category Survey
 */
export interface NpsResult extends SampleSize {
  /** Net Promoter Score in points, −100…100: 100 × (promoters − detractors) / total. */
  readonly score: number;
  /** (Weighted) number of promoters (9–10). */
  readonly promoters: number;
  /** (Weighted) number of passives (7–8). */
  readonly passives: number;
  /** (Weighted) number of detractors (0–6). */
  readonly detractors: number;
  /** Each group's share of the total, in 0…1. */
  readonly shares: {
    /** Share of promoters, 0…1. */
    readonly promoters: number;
    /** Share of passives, 0…1. */
    readonly passives: number;
    /** Share of detractors, 0…1. */
    readonly detractors: number;
  };
  /**
   * Standard error of `score`, in points: 100·√(v / effectiveN), v = p + d − (p − d)² (the
   * variance of one −1/0/+1 answer). It is 0 when every answer falls in one group; absent when
   * effectiveN ≤ 1 — the spread of a single response does not exist.
   */
  readonly standardError?: number;
  /** Confidence interval in points, clipped to [−100, 100]. */
  readonly interval: ConfidenceInterval<NpsIntervalMethod>;
}

const NPS_OPTION_KEYS = [...SURVEY_OPTION_KEYS, "interval"] as const;

/** The promoter / passive / detractor totals of a valid input, with its row counts. @internal */
export interface NpsGroups extends RowCounts {
  readonly promoters: number;
  readonly passives: number;
  readonly detractors: number;
  readonly total: number;
}

function isNpsCounts(input: unknown): input is NpsCounts {
  return (
    typeof input === "object" &&
    input !== null &&
    !Array.isArray(input) &&
    ("promoters" in input || "passives" in input || "detractors" in input)
  );
}

/** Reduce any NPS input to its three group totals. @internal */
export function npsGroups(input: NpsInput, fn: string): NpsGroups {
  if (isNpsCounts(input) && !looksLikeDistribution(input)) {
    const fields = ["promoters", "passives", "detractors"] as const;
    const [promoters, passives, detractors] = fields.map((field) => {
      const raw = (input as unknown as Record<string, unknown>)[field];
      const count = countValue(raw, false);
      if (count === undefined) {
        throw new MetricError(
          "INVALID_COUNT",
          `${field} must be a whole number from 0 to 2^53 − 1; got ${describeValue(raw)}`,
          { fn, value: raw, field },
        );
      }
      return count;
    }) as [number, number, number];
    const total = requireExactCount(
      promoters + passives + detractors,
      "the counts add up to",
      fn,
      "counts",
    );
    requireResponses({ total }, fn);
    return {
      promoters,
      passives,
      detractors,
      total,
      n: total,
      effectiveN: total,
      skipped: 0,
      missing: 0,
    };
  }
  // Long byte-coded answers: the three groups straight from the kernel, when all are on the scale.
  const groups = isByteArray(input) ? countNpsGroups(input) : undefined;
  if (groups !== undefined) {
    const total = groups.promoters + groups.passives + groups.detractors;
    return { ...groups, total, n: total, effectiveN: total, skipped: 0, missing: 0 };
  }
  const d = toDistribution(input as Distribution | ScoreInput<unknown>, NPS_SCALE, fn);
  const c = d.counts as readonly number[];
  const at = (i: number): number => c[i] as number;
  const detractors = at(0) + at(1) + at(2) + at(3) + at(4) + at(5) + at(6);
  return {
    promoters: at(9) + at(10),
    passives: at(7) + at(8),
    detractors,
    total: d.total,
    n: d.n,
    effectiveN: d.effectiveN,
    skipped: d.skipped,
    missing: d.missing,
  };
}

/**
 * The Net Promoter Score (Reichheld 2003) with its standard error and a confidence interval.
 *
 * NPS = 100 × (promoters − detractors) / total, in points from −100 to 100. The standard error
 * is 100·√(v / n) with v = p + d − (p − d)² the variance of one −1/0/+1 answer (p, d the
 * promoter and detractor shares; n the Kish effective sample size when weighted); it is absent
 * when n ≤ 1, as the spread of one response does not exist. Missing answers (`null`,
 * `undefined`, holes) are left out and counted in `missing`.
 *
 * Interval methods (bounds clipped to [−100, 100], which Wald can overshoot):
 * - `"adjusted-wald"` (default): Wald after adding ¾ promoter, 3/2 passive and ¾ detractor
 *   (n + 3), centred on that adjusted estimate while `score` stays the raw one — Rocks (2016),
 *   The American Statistician 70(4), which finds it close to nominal coverage even at small n;
 * - `"wald"`: score ± z·SE — collapses to a single point when every answer is in one group;
 * - `"score"`: the inverted score test (Tango 1998), the R package NPS's "iterative" method.
 *
 * @param input - 0–10 scores, a distribution on {@link NPS_SCALE}, or {@link NpsCounts}
 * @param options - `interval`, `level` (default 0.95), `minSampleSize` (default 30)
 * @returns the score, group counts and shares, standard error, interval, n and effectiveN
 * @throws {@link MetricError} `EMPTY_SAMPLE` for no responses; `SCORE_OUT_OF_SCALE`,
 *   `SCORE_NOT_INTEGER`, `NON_FINITE`, `INVALID_INPUT` for bad scores (with index and value);
 *   `INVALID_COUNT` for bad counts; `SCALE_MISMATCH` for a distribution not on 0–10;
 *   `INVALID_LEVEL`; `INVALID_OPTION` for an unknown interval method or option key (e.g.
 *   `weights`, which belong to {@link tally}).
 *
 * @example
 * ```ts
 * import { nps } from "customer-metrics";
 * const result = nps({ promoters: 60, passives: 25, detractors: 15 });
 * result.score; // => 45
 * result.shares.promoters; // => 0.6
 * nps([10, 9, 8, 3]).score; // => 25
 * nps({ promoters: 60, passives: 25, detractors: 15 }, { interval: "wald" }).interval.method; // => "wald"
 * ```
 *
 * @category Survey
 */
export function nps(input: NpsInput, options: NpsOptions = {}): NpsResult {
  return guarded("nps", () => {
    const fn = "nps";
    const read = readOptions(options, NPS_OPTION_KEYS, fn);
    const level = checkLevel(read.level, fn);
    const method = checkChoice(read.interval, NET_SCORE_METHODS, "adjusted-wald", fn, "interval");
    return npsResult(npsGroups(input, fn), level, method, read.minSampleSize, fn);
  });
}

/** The NPS result of validated group totals. @internal */
export function npsResult(
  g: NpsGroups,
  level: number,
  method: NpsIntervalMethod,
  minSampleSize: unknown,
  fn: string,
): NpsResult {
  const p = g.promoters / g.total;
  const d = g.detractors / g.total;
  const m = g.effectiveN;
  // Unweighted, the counts themselves; weighted, the shares scaled to the Kish n.
  const unweighted = m === g.total;
  const [lower, upper] = unweighted
    ? netScoreInterval(g.promoters, g.detractors, m, level, method)
    : netScoreInterval(p * m, d * m, m, level, method);
  return {
    score: (100 * (g.promoters - g.detractors)) / g.total,
    ...sampleSize(g, minSampleSize, fn),
    promoters: g.promoters,
    passives: g.passives,
    detractors: g.detractors,
    shares: { promoters: p, passives: g.passives / g.total, detractors: d },
    ...(m > 1 ? { standardError: 100 * Math.sqrt(netScoreVariance(p, d) / m) } : {}),
    interval: { lower: 100 * lower, upper: 100 * upper, level, method },
  };
}
