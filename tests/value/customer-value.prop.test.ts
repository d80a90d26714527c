import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import {
  type BenefitItem,
  customerValue,
  type SacrificeItem,
} from "../../src/value/customer-value.js";

// Amounts and weights away from the subnormal range, where products lose their relative precision.
const amount = fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1e6, noNaN: true }));
const weight = fc.oneof(fc.constant(0), fc.double({ min: 1e-3, max: 10, noNaN: true }));
const benefit = fc.record({
  dimension: fc.constantFrom(
    "economic" as const,
    "functional" as const,
    "emotional" as const,
    "symbolic" as const,
  ),
  amount,
  weight,
});
const sacrifice = fc.record({
  kind: fc.constantFrom("monetary", "time", "effort", "risk", "travel"),
  amount: fc.double({ min: 1e-3, max: 1e6, noNaN: true }),
  weight: fc.double({ min: 0.01, max: 10, noNaN: true }),
});
const input = fc.record({
  benefits: fc.array(benefit, { maxLength: 12 }),
  sacrifices: fc.array(sacrifice, { minLength: 1, maxLength: 12 }),
});

function ulpsApart(a: number, b: number): number {
  if (a === b) return 0;
  return Math.abs(a - b) / (Number.EPSILON * Math.max(Math.abs(a), Math.abs(b), Number.MIN_VALUE));
}

describe("customer value laws", () => {
  test.prop([input, fc.constantFrom(1e-3, 0.5, 3, 1000)])(
    "the ratio is invariant to scaling every amount by one positive factor",
    (value, factor) => {
      const scale = <T extends { amount: number }>(items: readonly T[]): T[] =>
        items.map((item) => ({ ...item, amount: item.amount * factor }));
      const a = customerValue(value);
      const b = customerValue({
        benefits: scale(value.benefits),
        sacrifices: scale(value.sacrifices),
      });
      expect(ulpsApart(a.ratio, b.ratio)).toBeLessThanOrEqual(8);
    },
  );

  test.prop([
    input.chain((v) =>
      fc.tuple(
        fc.constant(v),
        fc.shuffledSubarray(v.benefits, { minLength: v.benefits.length }),
        fc.shuffledSubarray(v.sacrifices, { minLength: v.sacrifices.length }),
      ),
    ),
  ])(
    "the order of the inputs changes the totals by at most an ulp or two",
    ([value, benefits, sacrifices]) => {
      const a = customerValue(value);
      const b = customerValue({
        benefits: benefits as BenefitItem[],
        sacrifices: sacrifices as SacrificeItem[],
      });
      expect(ulpsApart(a.benefits.total, b.benefits.total)).toBeLessThanOrEqual(2);
      expect(ulpsApart(a.sacrifices.total, b.sacrifices.total)).toBeLessThanOrEqual(2);
    },
  );

  test.prop([input])("ratio ≥ 0, finite, and net = benefits − sacrifices", (value) => {
    const result = customerValue(value);
    expect(result.ratio).toBeGreaterThanOrEqual(0);
    expect(Number.isFinite(result.ratio)).toBe(true);
    expect(result.net).toBe(result.benefits.total - result.sacrifices.total);
  });
});
