import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import {
  convertAmount,
  inflationBetween,
  priceIndex,
  rebaseIndex,
} from "../../src/inflation/price-index.js";
import { cumulativeInflation, purchasingPower } from "../../src/inflation/rates.js";

const rate = fc.double({ min: -0.5, max: 1, noNaN: true });
const rates = fc.array(rate, { maxLength: 24 });
const levels = fc.array(fc.double({ min: 1, max: 1000, noNaN: true }), {
  minLength: 2,
  maxLength: 20,
});
const index = levels.map((values) =>
  priceIndex(values.map((value, i) => ({ period: String(2000 + i), value }))),
);
const pair = index.chain((ix) =>
  fc.tuple(
    fc.constant(ix),
    fc.constantFrom(...ix.points.map((p) => p.period)),
    fc.constantFrom(...ix.points.map((p) => p.period)),
  ),
);

function close(a: number, b: number, relative: number): boolean {
  return Math.abs(a - b) <= relative * Math.max(Math.abs(a), Math.abs(b), 1e-300);
}

describe("inflation laws", () => {
  // Amounts of magnitude ≥ 1e-300 or 0: a subnormal amount can underflow to 0 on the way, which
  // convertAmount refuses with NON_FINITE (tested in price-index.test.ts) rather than return 0.
  const amount = fc.oneof(
    fc.constant(0),
    fc.double({ min: 1e-300, max: 1e9, noNaN: true }),
    fc.double({ min: -1e9, max: -1e-300, noNaN: true }),
  );
  test.prop([pair, amount])(
    "converting an amount from A to B and back returns it",
    ([ix, a, b], amount) => {
      expect(
        close(convertAmount(ix, convertAmount(ix, amount, a, b), b, a), amount, 4e-16 * 4),
      ).toBe(true);
    },
  );

  test.prop([
    pair,
    fc.constantFrom("2000", "2001"),
    fc.double({ min: 0.01, max: 1e4, noNaN: true }),
  ])("rebasing does not change any inflation figure", ([ix, a, b], base, level) => {
    const rebased = rebaseIndex(ix, base, level);
    const before = inflationBetween(ix, a, b);
    const after = inflationBetween(rebased, a, b);
    expect(Math.abs(before - after)).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(before)));
  });

  test.prop([fc.double({ min: 0, max: 1e9, noNaN: true }), rate, rate])(
    "purchasing power falls as inflation rises",
    (amount, r1, r2) => {
      const [low, high] = r1 <= r2 ? [r1, r2] : [r2, r1];
      expect(purchasingPower(amount, high)).toBeLessThanOrEqual(purchasingPower(amount, low));
    },
  );

  test.prop([rates, fc.constantFrom("typed array", "iterator")])(
    "a series read from a typed array or an iterator is the array's series",
    (series, shape) => {
      const other = shape === "typed array" ? Float64Array.from(series) : series.values();
      expect(cumulativeInflation(other)).toBe(cumulativeInflation(series));
    },
  );

  test.prop([rates, rates])("cumulative inflation of a concatenation composes", (a, b) => {
    const whole = 1 + cumulativeInflation([...a, ...b]);
    const parts = (1 + cumulativeInflation(a)) * (1 + cumulativeInflation(b));
    expect(close(whole, parts, 1e-13)).toBe(true);
  });
});
