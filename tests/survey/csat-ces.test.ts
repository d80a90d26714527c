import { describe, expect, it } from "vitest";
import { fromCounts } from "../../src/distribution/distribution.js";
import { CES_SCALE, CSAT_SCALE } from "../../src/distribution/scale.js";
import { tally } from "../../src/distribution/tally.js";
import { ces } from "../../src/survey/ces.js";
import { csat } from "../../src/survey/csat.js";
import { codeOf } from "../codes.js";
import { expectAllFinite, expectClose } from "../helpers.js";

describe("csat", () => {
  it("is the top-two-box percentage with its share, mean and standard error", () => {
    const result = csat([5, 5, 4, 3, 2, 1, 4, 5]);
    expect(result.score).toBe(62.5);
    expect(result.shares.satisfied).toBe(0.625);
    expect(result.satisfied).toBe(5);
    expect(result.mean).toBe(29 / 8);
    expect(result.satisfiedFrom).toBe(4);
    expectClose(result.standardError as number, 100 * Math.sqrt((0.625 * 0.375) / 8), 1e-15);
    expect(result.interval.method).toBe("wilson");
  });

  it("takes another scale and threshold", () => {
    const result = csat([10, 9, 8, 2], { scale: { min: 0, max: 10 }, satisfiedFrom: 8 });
    expect(result.score).toBe(75);
    expect(result.satisfiedFrom).toBe(8);
    expect(csat([7, 6, 5], { scale: { min: 1, max: 7 } }).satisfiedFrom).toBe(6);
  });

  it("returns exact bounds 0 and 100 where the method defines them", () => {
    for (const interval of ["wilson", "clopper-pearson", "jeffreys"] as const) {
      expect(csat([1, 1, 2], { interval }).interval.lower).toBe(0);
      expect(csat([5, 5, 4], { interval }).interval.upper).toBe(100);
    }
  });

  it("uses the weighted share and the Kish effective n", () => {
    const d = tally([5, 1, 4], CSAT_SCALE, { weights: [1, 2, 1] });
    const result = csat(d);
    expect(result.shares.satisfied).toBe(0.5);
    expect(result.effectiveN).toBeCloseTo(16 / 6, 14);
    expectAllFinite(csat(d, { interval: "clopper-pearson" }));
  });

  it("raises the documented codes", () => {
    expect(codeOf(() => csat([]))).toBe("EMPTY_SAMPLE");
    expect(codeOf(() => csat([6]))).toBe("SCORE_OUT_OF_SCALE");
    expect(codeOf(() => csat([5], { satisfiedFrom: 6 }))).toBe("INVALID_OPTION");
    expect(codeOf(() => csat([5], { satisfiedFrom: 4.5 }))).toBe("INVALID_OPTION");
    expect(codeOf(() => csat([5], { scale: { min: 5, max: 1 } }))).toBe("INVALID_SCALE");
    expect(codeOf(() => csat([5], { scale: { min: 0, max: 1e6 } }))).toBe("INVALID_SCALE");
    expect(codeOf(() => csat([5], { interval: "exact" as "wald" }))).toBe("INVALID_OPTION");
    expect(codeOf(() => csat(fromCounts(CES_SCALE, [1, 1, 1, 1, 1, 1, 1])))).toBe("SCALE_MISMATCH");
    expect(codeOf(() => csat([5], { level: 0 }))).toBe("INVALID_LEVEL");
  });
});

describe("ces", () => {
  it("is the mean with sample standard deviation, easy share and t-interval", () => {
    const result = ces([7, 6, 5, 2, 6]);
    expect(result.score).toBe(5.2);
    expectClose(result.standardDeviation as number, Math.sqrt(3.7), 1e-15);
    expect(result.shares.easy).toBe(0.8);
    expect(result.easy).toBe(4);
    expect(result.easyFrom).toBe(5);
    expect(result.interval?.method).toBe("t");
  });

  it("leaves out the spread, standard error and interval of a single response", () => {
    const result = ces([6]);
    expect(result.score).toBe(6);
    expect("standardDeviation" in result).toBe(false);
    expect("standardError" in result).toBe(false);
    expect("interval" in result).toBe(false);
  });

  it("supports the older lower-is-easier effort scale", () => {
    const result = ces([1, 2, 2, 4, 5], {
      scale: { min: 1, max: 5 },
      direction: "lower-is-easier",
    });
    expect(result.easyFrom).toBe(2);
    expect(result.shares.easy).toBe(0.6);
    expect(
      ces([1, 2, 3], { scale: { min: 1, max: 5 }, direction: "lower-is-easier", easyFrom: 1 }).easy,
    ).toBe(1);
  });

  it("clips the interval to the scale", () => {
    const result = ces([7, 7, 7, 6]);
    expect(result.interval?.upper).toBe(7);
    const zero = ces([4, 4, 4]);
    expect(zero.standardDeviation).toBe(0);
    expect(zero.interval).toMatchObject({ lower: 4, upper: 4 });
  });

  it("raises the documented codes", () => {
    expect(codeOf(() => ces([]))).toBe("EMPTY_SAMPLE");
    expect(codeOf(() => ces([8]))).toBe("SCORE_OUT_OF_SCALE");
    expect(codeOf(() => ces([5], { direction: "up" as "higher-is-easier" }))).toBe(
      "INVALID_OPTION",
    );
    expect(codeOf(() => ces([5], { easyFrom: 0 }))).toBe("INVALID_OPTION");
  });
});

describe("ces default easy threshold", () => {
  it("takes every point on the easy side of the midpoint", () => {
    expect(ces([7], { scale: { min: 1, max: 7 } }).easyFrom).toBe(5);
    expect(ces([5], { scale: { min: 1, max: 5 } }).easyFrom).toBe(4);
    expect(ces([10], { scale: { min: 1, max: 10 } }).easyFrom).toBe(6);
    expect(ces([1], { scale: { min: 1, max: 5 }, direction: "lower-is-easier" }).easyFrom).toBe(2);
    expect(ces([1], { scale: { min: 1, max: 7 }, direction: "lower-is-easier" }).easyFrom).toBe(3);
  });
});
