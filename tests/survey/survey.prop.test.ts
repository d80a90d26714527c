import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { NPS_SCALE } from "../../src/distribution/scale.js";
import { tally } from "../../src/distribution/tally.js";
import { ces } from "../../src/survey/ces.js";
import { compareCes, compareCsat, compareNps } from "../../src/survey/compare.js";
import { csat } from "../../src/survey/csat.js";
import { nps } from "../../src/survey/nps.js";
import { expectAllFinite } from "../helpers.js";

const counts = fc
  .record({
    promoters: fc.nat({ max: 5000 }),
    passives: fc.nat({ max: 5000 }),
    detractors: fc.nat({ max: 5000 }),
  })
  .filter((c) => c.promoters + c.passives + c.detractors > 0);
const level = fc.double({ min: 0.5, max: 0.9999, noNaN: true });
const npsMethod = fc.constantFrom("adjusted-wald" as const, "wald" as const, "score" as const);
const csatMethod = fc.constantFrom(
  "wilson" as const,
  "agresti-coull" as const,
  "clopper-pearson" as const,
  "jeffreys" as const,
  "wald" as const,
);
const csatScores = fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 300 });
const cesScores = fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 300 });

describe("NPS laws", () => {
  test.prop([counts, npsMethod, level])(
    "score and interval lie in [−100, 100]; lower ≤ upper",
    (c, method, lvl) => {
      const r = nps(c, { interval: method, level: lvl });
      expect(r.score).toBeGreaterThanOrEqual(-100);
      expect(r.score).toBeLessThanOrEqual(100);
      expect(r.interval.lower).toBeGreaterThanOrEqual(-100);
      expect(r.interval.upper).toBeLessThanOrEqual(100);
      expect(r.interval.lower).toBeLessThanOrEqual(r.interval.upper);
      expectAllFinite(r);
    },
  );

  test.prop([counts, fc.constantFrom("wald" as const, "score" as const), level])(
    "Wald and score intervals contain the estimate",
    (c, method, lvl) => {
      const r = nps(c, { interval: method, level: lvl });
      expect(r.interval.lower).toBeLessThanOrEqual(r.score + 1e-9);
      expect(r.interval.upper).toBeGreaterThanOrEqual(r.score - 1e-9);
    },
  );

  test.prop([counts])(
    "adding a promoter never lowers NPS; adding a detractor never raises it",
    (c) => {
      const base = nps(c).score;
      expect(nps({ ...c, promoters: c.promoters + 1 }).score).toBeGreaterThanOrEqual(base);
      expect(nps({ ...c, detractors: c.detractors + 1 }).score).toBeLessThanOrEqual(base);
    },
  );

  test.prop([counts, level])("a higher level never narrows the interval", (c, lvl) => {
    const narrow = nps(c, { level: lvl * 0.9 }).interval;
    const wide = nps(c, { level: lvl }).interval;
    expect(wide.lower).toBeLessThanOrEqual(narrow.lower + 1e-9);
    expect(wide.upper).toBeGreaterThanOrEqual(narrow.upper - 1e-9);
  });

  test.prop([fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 300 })])(
    "the scores path and the counts path agree, with groups counted here",
    (s) => {
      const promoters = s.filter((x) => x >= 9).length;
      const detractors = s.filter((x) => x <= 6).length;
      const passives = s.length - promoters - detractors;
      const fromScores = nps(s);
      const fromCounts = nps({ promoters, passives, detractors });
      expect(fromScores).toEqual(fromCounts);
      expect(fromScores.score).toBeCloseTo((100 * (promoters - detractors)) / s.length, 10);
      expect(nps(tally(s, NPS_SCALE))).toEqual(fromCounts);
    },
  );

  test.prop([counts, counts])("comparison is antisymmetric", (a, b) => {
    const ab = compareNps(a, b);
    const ba = compareNps(b, a);
    expect(ab.difference).toBe(0 - ba.difference);
    expect(ab.pValue).toBe(ba.pValue);
    expectAllFinite(ab);
  });
});

describe("CSAT laws", () => {
  test.prop([csatScores, csatMethod, level])(
    "score and interval lie in [0, 100]; lower ≤ upper",
    (s, method, lvl) => {
      const r = csat(s, { interval: method, level: lvl });
      expect(r.interval.lower).toBeGreaterThanOrEqual(0);
      expect(r.interval.upper).toBeLessThanOrEqual(100);
      expect(r.interval.lower).toBeLessThanOrEqual(r.interval.upper);
      expectAllFinite(r);
    },
  );

  test.prop([
    csatScores,
    fc.constantFrom("wilson" as const, "clopper-pearson" as const, "wald" as const),
    level,
  ])("Wilson, Clopper–Pearson and Wald contain the estimate", (s, method, lvl) => {
    const r = csat(s, { interval: method, level: lvl });
    expect(r.interval.lower).toBeLessThanOrEqual(r.score + 1e-9);
    expect(r.interval.upper).toBeGreaterThanOrEqual(r.score - 1e-9);
  });

  test.prop([csatScores, csatScores])("comparison is finite and antisymmetric", (a, b) => {
    const ab = compareCsat(a, b);
    expect(ab.difference).toBe(0 - compareCsat(b, a).difference);
    expectAllFinite(ab);
  });
});

describe("CES laws", () => {
  test.prop([cesScores, level])(
    "mean and interval lie on the scale and contain the mean",
    (s, lvl) => {
      const r = ces(s, { level: lvl });
      expect(r.score).toBeGreaterThanOrEqual(1);
      expect(r.score).toBeLessThanOrEqual(7);
      if (r.interval !== undefined) {
        expect(r.interval.lower).toBeLessThanOrEqual(r.score + 1e-12);
        expect(r.interval.upper).toBeGreaterThanOrEqual(r.score - 1e-12);
      } else {
        expect(r.effectiveN).toBeLessThanOrEqual(1);
      }
      expectAllFinite(r);
    },
  );

  test.prop([fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 2, maxLength: 200 }), level])(
    "shifting every score by 1 shifts the mean and the interval by 1, and keeps the spread",
    (s, lvl) => {
      const wide = { scale: { min: -500, max: 500 }, level: lvl };
      const r = ces(s, wide);
      const shifted = ces(
        s.map((x) => x + 1),
        wide,
      );
      expect(shifted.score).toBeCloseTo(r.score + 1, 10);
      expect(shifted.standardDeviation).toBeCloseTo(r.standardDeviation ?? Number.NaN, 10);
      // Compared where neither interval is clipped to the scale (a tiny n at a high level is).
      const inside = (i: { lower: number; upper: number }) => i.lower > -499 && i.upper < 499;
      if (
        r.interval !== undefined &&
        shifted.interval !== undefined &&
        inside(r.interval) &&
        inside(shifted.interval)
      ) {
        expect(shifted.interval.lower).toBeCloseTo(r.interval.lower + 1, 8);
        expect(shifted.interval.upper).toBeCloseTo(r.interval.upper + 1, 8);
        // Wider at a higher level, never narrower.
        const higher = ces(s, { ...wide, level: Math.min(0.9999, lvl + 0.05) }).interval;
        expect((higher?.upper ?? 0) - (higher?.lower ?? 0)).toBeGreaterThanOrEqual(
          r.interval.upper - r.interval.lower - 1e-12,
        );
      }
    },
  );

  test.prop([cesScores, cesScores])("Welch comparison is finite and antisymmetric", (a, b) => {
    const ab = compareCes(a, b);
    const ba = compareCes(b, a);
    expect(ab.difference).toBe(0 - ba.difference);
    if (ab.pValue !== undefined) expect(ab.pValue).toBeCloseTo(ba.pValue as number, 14);
    expectAllFinite(ab);
  });
});
