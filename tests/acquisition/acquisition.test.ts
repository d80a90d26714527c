// The funnel, acquisition cost and payback: their definitions, laws and refusals.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { acquisitionCost, paybackPeriod } from "../../src/acquisition/acquisition-cost.js";
import { funnel } from "../../src/acquisition/funnel.js";
import { csat } from "../../src/survey/csat.js";
import { codeOf } from "../codes.js";

describe("funnel", () => {
  it("multiplies back: the steps' conversions multiply to the overall one", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e6 }),
        fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }),
        (top, shares) => {
          let count = top;
          const stages = [{ name: "top", count }];
          shares.forEach((share, i) => {
            count = Math.floor(count * share);
            stages.push({ name: `s${i}`, count });
          });
          const f = funnel(stages);
          const product = f.steps.slice(1).reduce((p, s) => p * (s.conversion ?? 0), 1);
          if (f.steps.every((s) => s.count > 0))
            expect(f.overall?.conversion).toBeCloseTo(product, 12);
          for (const s of f.steps.slice(1)) {
            if (s.interval === undefined) continue;
            expect(s.interval.lower).toBeLessThanOrEqual(s.conversion as number);
            expect(s.interval.upper).toBeGreaterThanOrEqual(s.conversion as number);
          }
        },
      ),
    );
  });

  it("gives each step the interval CSAT gives the same proportion", () => {
    const f = funnel(
      [
        { name: "a", count: 50 },
        { name: "b", count: 20 },
      ],
      { interval: "clopper-pearson" },
    );
    const satisfied = [...Array(20).fill(5), ...Array(30).fill(1)];
    const c = csat(satisfied, { interval: "clopper-pearson" });
    expect((f.steps[1]?.interval?.lower as number) * 100).toBeCloseTo(c.interval.lower, 10);
  });

  it("refuses a stage larger than the one before, naming both", () => {
    expect(() =>
      funnel([
        { name: "aware", count: 10 },
        { name: "trial", count: 11 },
      ]),
    ).toThrow(/"trial", 11\) is larger than the stage before it \("aware", 10\)/);
    expect(codeOf(() => funnel([{ name: "a", count: 10 }]))).toBe("INVALID_INPUT");
    // A hole is a stage without a name and count (map would pass over it).
    // biome-ignore lint/suspicious/noSparseArray: the hole is the point
    const holed = [, { name: "b", count: 0 }] as never;
    expect(() => funnel(holed)).toThrow(
      /^funnel: stages\[0\] must be \{ name, count \}; got undefined/,
    );
    expect(
      codeOf(() =>
        funnel([
          { name: "a", count: -1 },
          { name: "b", count: 0 },
        ]),
      ),
    ).toBe("INVALID_COUNT");
    expect(
      funnel([
        { name: "a", count: 0 },
        { name: "b", count: 0 },
      ]).overall,
    ).toBeUndefined();
  });
});

describe("acquisition cost and payback", () => {
  it("CAC is spend over customers", () => {
    expect(acquisitionCost({ spend: 1000, customers: 8n })).toBe(125);
    expect(codeOf(() => acquisitionCost({ spend: 1000, customers: 0 }))).toBe("EMPTY_SAMPLE");
    expect(codeOf(() => acquisitionCost({ spend: -1, customers: 1 }))).toBe("NEGATIVE_AMOUNT");
  });

  it("pays back when the cumulative margin first covers the cost", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1000, noNaN: true }),
        fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { maxLength: 40 }),
        (cost, margins) => {
          const p = paybackPeriod({ cost, margins });
          const k = p.cumulativeMargin.findIndex((m) => m >= cost);
          expect(p.covered).toBe(k >= 0);
          if (p.covered) {
            expect(p.period).toBe(k + 1);
            expect(p.periods).toBeGreaterThanOrEqual(k);
            expect(p.periods).toBeLessThanOrEqual(k + 1);
          }
        },
      ),
    );
    expect(paybackPeriod({ cost: 100, margin: 25, horizon: 6 })).toMatchObject({
      period: 4,
      periods: 4,
    });
    expect(codeOf(() => paybackPeriod({ cost: 1, margin: 1 }))).toBe("INVALID_INPUT");
    expect(codeOf(() => paybackPeriod({ cost: 1, margin: 1, horizon: 0 }))).toBe("INVALID_OPTION");
    expect(codeOf(() => paybackPeriod({ cost: 1, margins: [1, Number.NaN] }))).toBe(
      "INVALID_INPUT",
    );
  });
});
