import { describe, expect, it } from "vitest";
import { NPS_SCALE } from "../../src/distribution/scale.js";
import { tally } from "../../src/distribution/tally.js";
import { ces } from "../../src/survey/ces.js";
import { compareCes, compareCsat, compareNps } from "../../src/survey/compare.js";
import { csat } from "../../src/survey/csat.js";
import { nps } from "../../src/survey/nps.js";
import { codeOf } from "../codes.js";
import { expectClose } from "../helpers.js";

describe("compareNps", () => {
  it("keeps the sign: first minus second", () => {
    const a = { promoters: 30, passives: 10, detractors: 60 };
    const b = { promoters: 60, passives: 10, detractors: 30 };
    const ab = compareNps(a, b);
    const ba = compareNps(b, a);
    expect(ab.difference).toBe(-60);
    expect(ba.difference).toBe(60);
    expect(ab.statistic).toBe(-(ba.statistic as number));
    expect(ab.pValue).toBe(ba.pValue);
    expect(ab.interval?.upper).toBeLessThan(0);
  });

  it("computes tiny p-values from the tail, not 1 − (2Φ − 1)", () => {
    const result = compareNps(
      { promoters: 600, passives: 200, detractors: 200 },
      { promoters: 400, passives: 200, detractors: 400 },
    );
    // Pooled shares p̄ = 0.5, d̄ = 0.3: z = 40 / (100·√(0.76·2/1000)) ≈ 10.26; 2Φ(−z) ≈ 1.1e-24,
    // where 1 − (2Φ(z) − 1) is 0.
    const z = 40 / (100 * Math.sqrt((0.76 * 2) / 1000));
    expectClose(result.statistic as number, z, 1e-12);
    expect(result.pValue).toBeGreaterThan(1e-25);
    expect(result.pValue).toBeLessThan(1e-23);
    expect(result.significant).toBe(true);
  });

  it("tests all promoters against all detractors with the pooled variance (issue 9)", () => {
    const result = compareNps(
      { promoters: 10, passives: 0, detractors: 0 },
      { promoters: 0, passives: 0, detractors: 10 },
    );
    expect(result.difference).toBe(200);
    // prop.test(c(10, 0), c(10, 10), correct = FALSE): X² = 20.
    expectClose((result.statistic as number) ** 2, 20, 1e-12);
    expect(result.significant).toBe(true);
    expect(result.notTested).toBeUndefined();
    // Each sample alone has no spread, so the unpooled standard error and interval do not exist.
    expect(result.standardError).toBeUndefined();
    expect(result.interval).toBeUndefined();
  });

  it("reports no test, never 'not significant', when the pooled sample has no spread", () => {
    const result = compareNps(
      { promoters: 5, passives: 0, detractors: 0 },
      { promoters: 3, passives: 0, detractors: 0 },
    );
    // Each sample also carries its own interval (checked below).
    expect(result).toMatchObject({
      difference: 0,
      test: "z",
      notTested: expect.stringContaining("one NPS group"),
      samples: [
        { estimate: 100, n: 5, effectiveN: 5, lowBase: true, skipped: 0, missing: 0 },
        { estimate: 100, n: 3, effectiveN: 3, lowBase: true, skipped: 0, missing: 0 },
      ],
      lowBase: true,
    });
    expect("significant" in result).toBe(false);
  });

  it("carries both samples' estimates and sizes, and a low-base flag", () => {
    const big = { promoters: 50, passives: 30, detractors: 20 };
    const small = tally([10, 9, 3, null], NPS_SCALE, { weights: [2, 1, 1, 1] });
    const result = compareNps(big, small);
    const [first, second] = result.samples;
    expect(first).toEqual({
      estimate: 30,
      interval: nps(big).interval,
      n: 100,
      effectiveN: 100,
      lowBase: false,
      skipped: 0,
      missing: 0,
    });
    expect(second.estimate).toBe(nps(small).score);
    expect(second.interval).toEqual(nps(small).interval);
    // Each sample's own interval, by the method and level asked for.
    const scored = compareNps(big, small, { interval: "score", level: 0.9 }).samples[1];
    expect(scored.interval).toEqual(nps(small, { interval: "score", level: 0.9 }).interval);
    expect(compareCsat([5, 4, 1], [5, 1], { interval: "jeffreys" }).samples[0].interval).toEqual(
      csat([5, 4, 1], { interval: "jeffreys" }).interval,
    );
    expect(compareCes([7, 6, 5], [2, 3], { level: 0.8 }).samples[0].interval).toEqual(
      ces([7, 6, 5], { level: 0.8 }).interval,
    );
    expect(compareCes([7], [2, 3]).samples[0].interval).toBeUndefined();
    expect(second).toMatchObject({ n: 3, missing: 1, lowBase: true });
    expect(second.effectiveN).toBeCloseTo(16 / 6, 14);
    expect(result.difference).toBeCloseTo(first.estimate - second.estimate, 12);
    // CSAT in percent, CES in scale units: the unit of each metric's score.
    expect(compareCsat([5, 4, 1], [5, 1]).samples.map((s) => s.estimate)).toEqual([
      (100 * 2) / 3,
      50,
    ]);
    expect(compareCes([7, 6], [2, 3]).samples.map((s) => s.estimate)).toEqual([6.5, 2.5]);
    expect(result.lowBase).toBe(true);
    expect(compareNps(big, big).lowBase).toBe(false);
    expect(compareNps(big, big, { minSampleSize: 101 }).lowBase).toBe(true);
    expect(codeOf(() => compareNps(big, big, { minSampleSize: -1 }))).toBe("INVALID_OPTION");
  });

  it("rejects bad levels", () => {
    expect(codeOf(() => compareNps([10], [9], { level: 2 }))).toBe("INVALID_LEVEL");
  });
});

/** An unweighted low-base sample of n responses with this estimate. */
const sample = (estimate: number, n: number) => ({
  estimate,
  n,
  effectiveN: n,
  lowBase: true,
  skipped: 0,
  missing: 0,
});

describe("compareCsat", () => {
  it("pools the share for z and not for the interval", () => {
    const result = compareCsat([5, 5, 5, 1], [5, 1, 1, 1]);
    expect(result.difference).toBe(50);
    const pooled = 0.5;
    expectClose(result.statistic as number, 0.5 / Math.sqrt(pooled * pooled * 0.5), 1e-14);
    expectClose(
      result.standardError as number,
      100 * Math.sqrt((0.75 * 0.25) / 4 + (0.25 * 0.75) / 4),
      1e-14,
    );
  });

  it("tests 10/10 against 0/10, as prop.test does (issue 9)", () => {
    const result = compareCsat([5, 5, 5, 5, 5, 5, 5, 5, 5, 5], [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    expectClose((result.statistic as number) ** 2, 20, 1e-12);
    expectClose(result.pValue as number, 7.7442164310440858e-6, 1e-9);
    expect(result.significant).toBe(true);
  });

  it("reports no test when both shares are 0 or both are 1", () => {
    expect(compareCsat([5, 5], [4, 4, 4])).toMatchObject({
      difference: 0,
      test: "two-proportion-z",
      notTested: expect.stringContaining("no spread"),
      samples: [sample(100, 2), sample(100, 3)],
      lowBase: true,
    });
  });

  it("shares scale and threshold options", () => {
    const result = compareCsat([9, 10], [3, 9], { scale: { min: 0, max: 10 }, satisfiedFrom: 9 });
    expect(result.difference).toBe(50);
  });
});

describe("compareCes", () => {
  it("omits the test when a sample has one response or no spread at all", () => {
    const sizes = (a: [number, number], b: [number, number]) => ({
      samples: [sample(...a), sample(...b)],
      lowBase: true,
    });
    expect(compareCes([7], [5, 6])).toMatchObject({
      difference: 1.5,
      test: "welch-t",
      notTested: expect.stringContaining("single response"),
      ...sizes([7, 1], [5.5, 2]),
    });
    expect(compareCes([7, 7], [5, 5])).toMatchObject({
      difference: 2,
      test: "welch-t",
      notTested: expect.stringContaining("constant"),
      ...sizes([7, 2], [5, 2]),
    });
  });

  it("takes another scale", () => {
    expect(compareCes([5, 4], [1, 2], { scale: { min: 1, max: 5 } }).difference).toBe(3);
    expect(codeOf(() => compareCes([7], [6], { scale: { min: 1, max: 5 } }))).toBe(
      "SCORE_OUT_OF_SCALE",
    );
  });
});

describe("errors in a comparison", () => {
  it("say which sample held the bad value", () => {
    const details = (call: () => unknown) => {
      try {
        call();
      } catch (error) {
        return { message: (error as Error).message, ...(error as { details: object }).details };
      }
      return undefined;
    };
    expect(details(() => compareCes([1, 2], [99]))).toMatchObject({
      fn: "compareCes",
      argument: "second sample",
      index: 0,
      message: "compareCes: second sample: the score at index 0 is outside the scale 1–7: 99",
    });
    expect(details(() => compareNps([11], [1]))).toMatchObject({ argument: "first sample" });
    expect(details(() => compareCsat([5], []))).toMatchObject({
      argument: "second sample",
      message: expect.stringContaining("no responses"),
    });
  });
});
