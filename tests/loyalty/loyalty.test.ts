// Lifetime value and retention: the closed forms against their sums, and their laws.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lifetimeValue } from "../../src/loyalty/lifetime-value.js";
import { retention } from "../../src/loyalty/retention.js";
import { proportionInterval } from "../../src/stats/proportion-interval.js";
import { codeOf } from "../codes.js";
import { expectClose } from "../helpers.js";

const rate = fc.double({ min: 0, max: 0.99, noNaN: true });
const discount = fc.double({ min: 0, max: 0.5, noNaN: true });
const margin = fc.double({ min: 0.01, max: 1e4, noNaN: true });

describe("lifetimeValue", () => {
  it("is the discounted sum it stands for, finite and infinite", () => {
    fc.assert(
      fc.property(margin, rate, discount, fc.integer({ min: 1, max: 200 }), (m, r, d, T) => {
        let sum = 0;
        for (let t = 1; t <= T; t++) sum += m * (r / (1 + d)) ** t;
        expectClose(
          lifetimeValue({ margin: m, retention: r, discountRate: d, periods: T }),
          sum,
          1e-10,
          1e-12,
        );
        const infinite = lifetimeValue({ margin: m, retention: r, discountRate: d });
        expect(infinite).toBeGreaterThanOrEqual(sum * (1 - 1e-12) - 1e-300);
      }),
    );
    // Gupta & Lehmann's rule of thumb: m·r/(1 + d − r).
    expectClose(lifetimeValue({ margin: 100, retention: 0.8, discountRate: 0.1 }), 80 / 0.3, 1e-15);
  });

  it("grows with retention and with margin", () => {
    fc.assert(
      fc.property(margin, rate, rate, discount, (m, r1, r2, d) => {
        fc.pre(r1 < r2);
        const a = lifetimeValue({ margin: m, retention: r1, discountRate: d });
        const b = lifetimeValue({ margin: m, retention: r2, discountRate: d });
        expect(b).toBeGreaterThanOrEqual(a);
        expect(
          lifetimeValue({ margin: 2 * m, retention: r1, discountRate: d }),
        ).toBeGreaterThanOrEqual(a);
      }),
    );
  });

  it("refuses what has no value", () => {
    expect(codeOf(() => lifetimeValue({ margin: 1, retention: 1, discountRate: 0.1 }))).toBe(
      "INVALID_RATE",
    );
    expect(codeOf(() => lifetimeValue({ margin: 1, retention: -0.1, discountRate: 0.1 }))).toBe(
      "INVALID_RATE",
    );
    expect(codeOf(() => lifetimeValue({ margin: 1, retention: 0.5, discountRate: -1 }))).toBe(
      "INVALID_RATE",
    );
    expect(codeOf(() => lifetimeValue({ margin: 1, retention: 0.9, discountRate: -0.2 }))).toBe(
      "INVALID_RATE",
    );
    expect(
      lifetimeValue({ margin: 1, retention: 0.9, discountRate: -0.2, periods: 10 }),
    ).toBeGreaterThan(0);
    expect(
      codeOf(() => lifetimeValue({ margin: Number.NaN, retention: 0.5, discountRate: 0 })),
    ).toBe("INVALID_INPUT");
    expect(
      codeOf(() => lifetimeValue({ margin: 1, retention: 0.5, discountRate: 0, periods: 1.5 })),
    ).toBe("INVALID_OPTION");
    expect(codeOf(() => lifetimeValue({ margin: 1, retention: 0.5, discount: 0 } as never))).toBe(
      "INVALID_OPTION",
    );
  });
});

describe("retention", () => {
  it("retention + churn = 1, and retained + churned = start", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e6 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 1e6 }),
        (start, share, acquired) => {
          const kept = Math.floor(start * share);
          const r = retention({ start, end: kept + acquired, acquired });
          expect(r.retained + r.churned).toBe(start);
          expectClose(r.rate + r.churnRate, 1, 1e-15, 1e-15);
          expect(r.interval.lower).toBeLessThanOrEqual(r.rate);
          expect(r.interval.upper).toBeGreaterThanOrEqual(r.rate);
        },
      ),
    );
  });

  it("gives the interval of the proportion retained", () => {
    const r = retention(
      { start: 400n, end: 390n, acquired: 50n },
      { interval: "jeffreys", level: 0.9 },
    );
    expect(r.interval).toEqual({ ...r.interval, method: "jeffreys", level: 0.9 });
    const [lower, upper] = proportionInterval(340, 400, 0.9, "jeffreys");
    expect([r.interval.lower, r.interval.upper]).toEqual([lower, upper]);
  });

  it("refuses counts that cannot be", () => {
    expect(codeOf(() => retention({ start: 100, end: 50, acquired: 60 }))).toBe("INVALID_COUNT");
    expect(codeOf(() => retention({ start: 100, end: 250, acquired: 100 }))).toBe("INVALID_COUNT");
    expect(codeOf(() => retention({ start: 0, end: 5, acquired: 5 }))).toBe("EMPTY_SAMPLE");
    expect(codeOf(() => retention({ start: 10.5, end: 5, acquired: 0 }))).toBe("INVALID_COUNT");
  });
});
