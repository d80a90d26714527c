import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { CSAT_SCALE } from "../../src/distribution/scale.js";
import { Tally, tally } from "../../src/distribution/tally.js";
import { compensatedMean, compensatedSum } from "../../src/stats/sum.js";

describe("compensated summation (Neumaier 1974)", () => {
  it("keeps what plain addition loses", () => {
    // Plain addition gives 0 for both; Kahan's original also fails the first.
    expect(compensatedSum([1e100, 1, -1e100])).toBe(1);
    expect(compensatedSum([1, 1e100, 1, -1e100])).toBe(2);
    expect(compensatedSum([1e16, 1, 1])).toBe(1e16 + 2);
  });

  it("carries the compensation into weighted counts", () => {
    const d = tally([5, 5, 5], CSAT_SCALE, { weights: [1e16, 1, 1] });
    expect(d.counts[4]).toBe(1e16 + 2);
    expect(d.total).toBe(1e16 + 2);
    // Unweighted rows streamed after a heavy weighted one are not lost either.
    const acc = new Tally(CSAT_SCALE).add(5, 1e16).addAll([5, 5]).add(5);
    expect(acc.snapshot().counts[4]).toBe(1e16 + 3);
  });

  test.prop([fc.array(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), { maxLength: 200 })])(
    "is exact on integers whose partial sums stay below 2^53, in any order",
    (values) => {
      const exact = values.reduce((a, b) => a + b, 0);
      expect(compensatedSum(values)).toBe(exact);
      expect(compensatedSum([...values].reverse())).toBe(exact);
    },
  );
});

describe("compensatedMean", () => {
  it("stays finite when the sum would not: large values of both signs", () => {
    expect(compensatedMean([1e308, 1e308, -1e308])).toBeCloseTo(1e308 / 3, -290);
    expect(compensatedMean([1e308, 1e308])).toBe(1e308);
    expect(compensatedMean([1, 2, 3])).toBe(2);
    // Dividing each by n rounds past the largest double for these; the mean is the value itself.
    const most = Number.MAX_VALUE;
    expect(compensatedMean([-most, -most, -most])).toBe(-most);
    expect(compensatedMean([most, most, most, most, most, most, most])).toBe(most);
  });

  // Mostly values near the largest double, of one sign, where the sum overflows and the mean
  // must not.
  const near = fc.oneof(
    fc.constant(Number.MAX_VALUE),
    fc.double({ min: 1e307, max: Number.MAX_VALUE, noNaN: true }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
  );
  const values = fc
    .tuple(fc.array(near, { minLength: 1, maxLength: 40 }), fc.constantFrom(1, -1))
    .map(([xs, sign]) => xs.map((x) => sign * x));
  test.prop([values])(
    "of any finite doubles is finite and between the smallest and the largest",
    (xs) => {
      const mean = compensatedMean(xs);
      expect(Number.isFinite(mean)).toBe(true);
      expect(mean).toBeGreaterThanOrEqual(Math.min(...xs));
      expect(mean).toBeLessThanOrEqual(Math.max(...xs));
    },
  );
});
