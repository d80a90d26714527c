import { checkChoice, checkLevel, clip, readOptions } from "../common/options.js";
import {
  type ConfidenceInterval,
  type SampleSize,
  SURVEY_OPTION_KEYS,
  type SurveyOptions,
  sampleSize,
} from "../common/results.js";
import type { Distribution } from "../distribution/distribution.js";
import type { ScoreInput } from "../distribution/input.js";
import { CES_SCALE, checkScale, checkScorePoint, type Scale } from "../distribution/scale.js";
import { guarded } from "../errors/metric-error.js";
import { studentTQuantile } from "../stats/student-t.js";
import { toDistribution } from "./input.js";
import { moments } from "./moments.js";

/**
 * Which end of the CES scale means "easy": `"higher-is-easier"` for CES 2.0 agreement scales
 * (7 = strongly agree it was easy), `"lower-is-easier"` for the original effort scale (1 = very
 * low effort).
 *
 * @category Survey
 */
export type CesDirection = "higher-is-easier" | "lower-is-easier";

/**
 * Options of {@link ces}.
 *
 * @category Survey
 */
export interface CesOptions extends SurveyOptions {
  /** The rating scale; default {@link CES_SCALE} (1–7). */
  readonly scale?: Scale;
  /** Which end is easy; default `"higher-is-easier"`. */
  readonly direction?: CesDirection;
  /**
   * The score from which a response counts as "easy": at or above it when higher is easier, at
   * or below it when lower is easier. Default: every point on the easy side of the scale's
   * midpoint — 5–7 on 1–7 (any agreement that it was easy), 4–5 on a 1–5 agreement scale, and
   * 1–2 on the 1–5 effort scale with `direction: "lower-is-easier"`.
   */
  readonly easyFrom?: number;
  /** The interval method; `"t"` (the default and only one). */
  readonly interval?: CesIntervalMethod;
}

/**
 * The result of {@link ces}.
 *
 * @category Survey
 */
export interface CesResult extends SampleSize {
  /** Customer Effort Score: the (weighted) mean score, in the scale's own units. */
  readonly score: number;
  /**
   * Sample standard deviation (n − 1 denominator; Kish effective n when weighted), in scale
   * units. Absent when effectiveN ≤ 1: the spread of a single response does not exist.
   */
  readonly standardDeviation?: number;
  /** Standard error of the mean, standardDeviation/√effectiveN; absent with it. */
  readonly standardError?: number;
  /**
   * Student-t interval of the mean with effectiveN − 1 degrees of freedom, clipped to the scale;
   * absent when effectiveN ≤ 1.
   */
  readonly interval?: ConfidenceInterval<CesIntervalMethod>;
  /** (Weighted) number of "easy" responses (see `easyFrom`). */
  readonly easy: number;
  /** The group's share of the total, 0…1, named as in {@link NpsResult.shares}. */
  readonly shares: {
    /** Share of "easy" responses, 0…1. */
    readonly easy: number;
  };
  /** The direction used. */
  readonly direction: CesDirection;
  /** The threshold used. */
  readonly easyFrom: number;
}

const DIRECTIONS: readonly CesDirection[] = ["higher-is-easier", "lower-is-easier"];

/** The option keys of {@link ces}. @internal */
export const CES_OPTION_KEYS = [
  ...SURVEY_OPTION_KEYS,
  "scale",
  "direction",
  "easyFrom",
  "interval",
] as const;

/**
 * The CES interval method: `"t"`, the Student-t interval of the mean (the only one; the option
 * exists so that every metric names its method the same way).
 *
 * @category Survey
 */
export type CesIntervalMethod = "t";

/**
 * Customer Effort Score: the mean answer to the effort question (CES 2.0 by default: 1–7
 * agreement with "The company made it easy for me to handle my issue", Dixon, Freeman & Toman
 * 2010, "Stop Trying to Delight Your Customers", Harvard Business Review), with its standard
 * deviation, the share of "easy" answers, and a Student-t confidence interval of the mean:
 * x̄ ± t(1 − α/2; n − 1)·s/√n, with the Kish effective n for weighted data.
 *
 * @param input - scores on the scale, or a distribution on it
 * @param options - `scale` (default 1–7), `direction`, `easyFrom`, `level`, `minSampleSize`
 * @returns the mean score, spread, interval and easy share
 * @throws {@link MetricError} `EMPTY_SAMPLE`; `SCORE_OUT_OF_SCALE`, `SCORE_NOT_INTEGER`,
 *   `NON_FINITE`, `INVALID_INPUT` for bad scores; `SCALE_MISMATCH`; `INVALID_SCALE`;
 *   `INVALID_LEVEL`; `INVALID_OPTION` for a bad direction or threshold.
 *
 * @example
 * ```ts
 * import { ces } from "customer-metrics";
 * const result = ces([7, 6, 5, 2]);
 * result.score; // => 5
 * result.shares.easy; // => 0.75
 * ces([4]).standardDeviation; // => undefined
 * ```
 *
 * @category Survey
 */
export function ces(
  input: Distribution | ScoreInput<number | bigint | null | undefined>,
  options: CesOptions = {},
): CesResult {
  return guarded("ces", () => {
    return cesAs("ces", input, options);
  });
}

/** {@link ces} under the name of the function the user called. @internal */
export function cesAs(
  fn: string,
  input: Distribution | ScoreInput<unknown>,
  options: unknown,
  keys: readonly string[] = CES_OPTION_KEYS,
): CesResult {
  const read = readOptions(options, keys, fn) as {
    readonly [K in (typeof CES_OPTION_KEYS)[number]]?: unknown;
  };
  const level = checkLevel(read.level, fn);
  checkChoice(read.interval, ["t"], "t", fn, "interval");
  const scale = read.scale === undefined ? CES_SCALE : checkScale(read.scale, fn);
  const direction = checkChoice(read.direction, DIRECTIONS, "higher-is-easier", fn, "direction");
  const higher = direction === "higher-is-easier";
  const easyFrom = checkScorePoint(
    read.easyFrom,
    scale,
    higher
      ? Math.floor((scale.min + scale.max) / 2) + 1
      : Math.ceil((scale.min + scale.max) / 2) - 1,
    fn,
    "easyFrom",
  );
  const d = toDistribution(input, scale, fn);
  let easy = 0;
  for (let i = 0; i < d.counts.length; i++) {
    const score = scale.min + i;
    if (higher ? score >= easyFrom : score <= easyFrom) easy += d.counts[i] as number;
  }
  const { mean, variance } = moments(d);
  const base = {
    score: mean,
    ...sampleSize(d, read.minSampleSize, fn),
    easy,
    shares: { easy: easy / d.total },
    direction,
    easyFrom,
  };
  if (variance === undefined) return base;
  const standardDeviation = Math.sqrt(variance);
  const standardError = standardDeviation / Math.sqrt(d.effectiveN);
  // With no spread the interval is the mean itself (t × 0); a huge t (df near 0) is clipped below.
  const half =
    standardError === 0
      ? 0
      : studentTQuantile((1 - level) / 2, d.effectiveN - 1, true) * standardError;
  return {
    ...base,
    standardDeviation,
    standardError,
    interval: {
      lower: clip(mean - half, scale.min, scale.max),
      upper: clip(mean + half, scale.min, scale.max),
      level,
      method: "t",
    },
  };
}
