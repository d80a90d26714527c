import { describe, expect, it } from "vitest";
import { fromCounts } from "../../src/distribution/distribution.js";
import { mergeDistributions } from "../../src/distribution/merge.js";
import { CSAT_SCALE, NPS_SCALE } from "../../src/distribution/scale.js";
import { tally } from "../../src/distribution/tally.js";
import { MetricError } from "../../src/errors/metric-error.js";
import { csat } from "../../src/survey/csat.js";
import { nps, npsCategory } from "../../src/survey/nps.js";
import { codeOf } from "../codes.js";
import { expectAllFinite, expectClose } from "../helpers.js";

describe("npsCategory", () => {
  it("splits 0–6, 7–8, 9–10", () => {
    expect([0, 6, 7, 8, 9, 10].map(npsCategory)).toEqual([
      "detractor",
      "detractor",
      "passive",
      "passive",
      "promoter",
      "promoter",
    ]);
  });
  it("rejects what is not a 0–10 integer, with its code", () => {
    expect(codeOf(() => npsCategory(11))).toBe("SCORE_OUT_OF_SCALE");
    expect(codeOf(() => npsCategory(-1))).toBe("SCORE_OUT_OF_SCALE");
    expect(codeOf(() => npsCategory(7.5))).toBe("SCORE_NOT_INTEGER");
    expect(codeOf(() => npsCategory(Number.NaN))).toBe("NON_FINITE");
    expect(codeOf(() => npsCategory("9" as unknown as number))).toBe("INVALID_INPUT");
  });
});

describe("nps", () => {
  it("refuses a Map of scores to counts, pointing to fromCounts", () => {
    expect(() => nps(new Map([[10, 3]]) as unknown as number[])).toThrow(
      /^nps: a Map is read as \[key, value\] entries, not scores: .*fromCounts/,
    );
  });

  it("gives the same answer from scores, a distribution and counts", () => {
    const scores = [10, 10, 9, 8, 7, 6, 3, 0, 9, 10];
    const fromScores = nps(scores);
    expect(fromScores.score).toBe(20);
    expect(nps(tally(scores, NPS_SCALE))).toEqual(fromScores);
    expect(nps({ promoters: 5, passives: 2, detractors: 3 })).toEqual(fromScores);
    expect(nps(new Uint8Array(scores))).toEqual(fromScores);
    expect(nps(new Set([10, 0]))).toMatchObject({ score: 0, n: 2 });
  });

  it("keeps the raw score while the adjusted-Wald interval is centred on the adjusted one", () => {
    const result = nps({ promoters: 10, passives: 0, detractors: 0 });
    expect(result.score).toBe(100);
    expect(result.standardError).toBe(0);
    // Adjusted estimate (10.75 − 0.75)/13 = 76.9 points; its interval is clipped at 100.
    expect(result.interval.upper).toBe(100);
    expect(result.interval.lower).toBeGreaterThan(40);
    expect(result.interval.lower).toBeLessThan(60);
    // Wald collapses to a point when all answers are in one group; the docs say so.
    const wald = nps({ promoters: 10, passives: 0, detractors: 0 }, { interval: "wald" });
    expect([wald.interval.lower, wald.interval.upper]).toEqual([100, 100]);
    // The score interval reaches the boundary and stays inside [−100, 100].
    const score = nps({ promoters: 10, passives: 0, detractors: 0 }, { interval: "score" });
    expect(score.interval.upper).toBe(100);
    expect(score.interval.lower).toBeLessThan(100);
  });

  it("clips Wald bounds to [−100, 100]", () => {
    const result = nps(
      { promoters: 2, passives: 0, detractors: 1 },
      { interval: "wald", level: 0.999 },
    );
    expect(result.interval.lower).toBe(-100);
    expect(result.interval.upper).toBe(100);
  });

  it("uses the Kish effective n for weighted data", () => {
    const scores = [10, 10, 3, 8];
    const weights = [2, 1, 1, 1];
    const result = nps(tally(scores, NPS_SCALE, { weights }));
    expect(result.n).toBe(4);
    expect(result.effectiveN).toBeCloseTo(25 / 7, 14);
    const p = 3 / 5;
    const d = 1 / 5;
    expectClose(
      result.standardError as number,
      100 * Math.sqrt((p + d - (p - d) ** 2) / (25 / 7)),
      1e-14,
    );
    expect(result.score).toBeCloseTo(40, 12);
  });

  it("flags a low base against minSampleSize", () => {
    expect(nps([10, 9]).lowBase).toBe(true);
    expect(nps([10, 9], { minSampleSize: 2 }).lowBase).toBe(false);
    expect(nps(new Array(30).fill(9)).lowBase).toBe(false);
  });

  it("raises the documented error codes", () => {
    expect(codeOf(() => nps([]))).toBe("EMPTY_SAMPLE");
    expect(codeOf(() => nps({ promoters: 0, passives: 0, detractors: 0 }))).toBe("EMPTY_SAMPLE");
    expect(codeOf(() => nps(tally([10], NPS_SCALE, { weights: [0] })))).toBe("EMPTY_SAMPLE");
    expect(codeOf(() => nps([10, 11]))).toBe("SCORE_OUT_OF_SCALE");
    expect(codeOf(() => nps([10, 8.5]))).toBe("SCORE_NOT_INTEGER");
    expect(codeOf(() => nps([Number.POSITIVE_INFINITY]))).toBe("NON_FINITE");
    // A null is a missing answer: left out and counted, so a sample of only nulls is empty.
    expect(codeOf(() => nps([null]))).toBe("EMPTY_SAMPLE");
    expect(codeOf(() => nps({ promoters: -1, passives: 0, detractors: 0 }))).toBe("INVALID_COUNT");
    expect(codeOf(() => nps({ promoters: 1.5, passives: 0, detractors: 0 }))).toBe("INVALID_COUNT");
    expect(codeOf(() => nps(fromCounts(CSAT_SCALE, [1, 1, 1, 1, 1])))).toBe("SCALE_MISMATCH");
    expect(codeOf(() => nps([10], { level: 1 }))).toBe("INVALID_LEVEL");
    expect(codeOf(() => nps([10], { level: Number.NaN }))).toBe("INVALID_LEVEL");
    expect(codeOf(() => nps([10], { interval: "bayes" as "wald" }))).toBe("INVALID_OPTION");
    expect(codeOf(() => nps([10], { minSampleSize: -1 }))).toBe("INVALID_OPTION");
    expect(codeOf(() => nps(42 as unknown as number[]))).toBe("INVALID_INPUT");
  });

  it("names the index and value of a bad score", () => {
    try {
      nps([10, 9, 12]);
      expect.fail("should throw");
    } catch (error) {
      expect(error).toBeInstanceOf(MetricError);
      const e = error as MetricError;
      expect(e.message).toBe("nps: the score at index 2 is outside the scale 0–10: 12");
      expect(e.details).toEqual({ fn: "nps", index: 2, value: 12 });
    }
  });

  it("checks a distribution it is given, never trusting its fields", () => {
    const forged = {
      ...fromCounts(NPS_SCALE, new Array(11).fill(1)),
      counts: new Array(11).fill(Number.NaN),
    };
    expect(codeOf(() => nps(forged))).toBe("INVALID_COUNT");
    const lying = { ...fromCounts(NPS_SCALE, new Array(11).fill(1)), total: 1000, effectiveN: 5 };
    expect(nps(lying).effectiveN).toBe(11);
  });

  it("returns only finite numbers at the extremes", () => {
    for (const counts of [
      { promoters: 1, passives: 0, detractors: 0 },
      { promoters: 0, passives: 1, detractors: 0 },
      { promoters: 0, passives: 0, detractors: 1 },
      { promoters: 1e9, passives: 1, detractors: 1e9 },
    ]) {
      for (const interval of ["adjusted-wald", "wald", "score"] as const) {
        expectAllFinite(nps(counts, { interval, level: 0.999999 }));
      }
    }
    expectAllFinite(nps(mergeDistributions(tally([0], NPS_SCALE), tally([10], NPS_SCALE))));
  });
});

describe("a spread from one response does not exist (issue 9, item 2)", () => {
  it("leaves the standard error out for n = 1, in NPS and CSAT alike", () => {
    expect(nps([10]).standardError).toBeUndefined();
    expect("standardError" in nps([10])).toBe(false);
    expect(csat([5]).standardError).toBeUndefined();
    // A single weighted response too (effective n = 1), and from counts.
    expect(nps(tally([10], NPS_SCALE, { weights: [3] })).standardError).toBeUndefined();
    expect(nps({ promoters: 1, passives: 0, detractors: 0 }).standardError).toBeUndefined();
    // Two responses have one.
    expect(nps([10, 3]).standardError).toBeCloseTo(100 * Math.SQRT1_2, 12);
  });
});
