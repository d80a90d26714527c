import { describe, expect, it } from "vitest";
import {
  csatMarginOfError,
  csatSampleSize,
  npsMarginOfError,
  npsSampleSize,
} from "../../src/planning/margin-of-error.js";
import { codeOf } from "../codes.js";
import { expectClose } from "../helpers.js";

// z(0.975) from R: qnorm(0.975)
const Z95 = 1.959963984540054;

describe("NPS planning", () => {
  it("uses the worst case v = 1 by default and the expected shares when given", () => {
    expectClose(npsMarginOfError(100), 100 * Z95 * Math.sqrt(1 / 100), 1e-14);
    const v = 0.5 + 0.2 - 0.3 ** 2;
    expectClose(
      npsMarginOfError(100, { promoterShare: 0.5, detractorShare: 0.2 }),
      100 * Z95 * Math.sqrt(v / 100),
      1e-14,
    );
  });

  it("inverts: the sample size meets the margin and one fewer does not", () => {
    for (const margin of [1, 2.5, 5, 10, 20]) {
      const n = npsSampleSize(margin);
      expect(npsMarginOfError(n)).toBeLessThanOrEqual(margin);
      if (n > 1) expect(npsMarginOfError(n - 1)).toBeGreaterThan(margin);
    }
  });

  it("applies the finite population correction", () => {
    expect(npsMarginOfError(500, { populationSize: 500 })).toBe(0);
    expect(npsSampleSize(5, { populationSize: 1000 })).toBeLessThan(npsSampleSize(5));
  });

  it("rejects bad arguments", () => {
    expect(codeOf(() => npsMarginOfError(0))).toBe("INVALID_INPUT");
    expect(codeOf(() => npsMarginOfError(10.5))).toBe("INVALID_INPUT");
    expect(codeOf(() => npsSampleSize(0))).toBe("INVALID_INPUT");
    expect(codeOf(() => npsSampleSize(Number.NaN))).toBe("INVALID_INPUT");
    expect(codeOf(() => npsSampleSize(5, { promoterShare: 0.5 }))).toBe("INVALID_OPTION");
    expect(codeOf(() => npsSampleSize(5, { promoterShare: 0.7, detractorShare: 0.5 }))).toBe(
      "INVALID_OPTION",
    );
    expect(codeOf(() => npsMarginOfError(10, { populationSize: 5 }))).toBe("INVALID_OPTION");
    expect(codeOf(() => npsMarginOfError(10, { level: 95 }))).toBe("INVALID_LEVEL");
  });
});

describe("CSAT planning", () => {
  it("matches the textbook 385 for ±5 points at 95 %", () => {
    expect(csatSampleSize(5)).toBe(385);
    expect(csatSampleSize(3)).toBe(1068);
    expectClose(csatMarginOfError(385), 100 * Z95 * Math.sqrt(0.25 / 385), 1e-14);
  });

  it("needs fewer responses for a share far from one half", () => {
    expect(csatSampleSize(5, { share: 0.9 })).toBeLessThan(csatSampleSize(5));
    expect(csatSampleSize(5, { share: 1 })).toBe(1);
  });

  it("rejects bad shares", () => {
    expect(codeOf(() => csatSampleSize(5, { share: 1.2 }))).toBe("INVALID_OPTION");
    expect(codeOf(() => csatMarginOfError(5, { share: -0.1 }))).toBe("INVALID_OPTION");
    expect(codeOf(() => csatSampleSize(101))).toBe("INVALID_INPUT");
  });
});
