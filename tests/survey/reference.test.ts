// Every interval and test against R (scripts/fixtures/survey.R, compare_pooled.R) and
// statsmodels (scripts/fixtures/statsmodels_check.py, compare_nps_lbl.py), to 1e-9 relative or
// better.
import { describe, expect, it } from "vitest";
import { fromCounts } from "../../src/distribution/distribution.js";
import { CSAT_SCALE } from "../../src/distribution/scale.js";
import { ces } from "../../src/survey/ces.js";
import { compareCes, compareCsat, compareNps } from "../../src/survey/compare.js";
import { type CsatIntervalMethod, csat } from "../../src/survey/csat.js";
import { nps } from "../../src/survey/nps.js";
import lbl from "../fixtures/compare-nps-statsmodels.json" with { type: "json" };
import pooledR from "../fixtures/compare-pooled-r.json" with { type: "json" };
import r from "../fixtures/survey-r.json" with { type: "json" };
import statsmodels from "../fixtures/survey-statsmodels.json" with { type: "json" };
import { expectClose } from "../helpers.js";

const TOL = 1e-10;
/** Bounds that are mathematically 0 come back as ~1e-15 from the reference formulas. */
const ABS = 1e-12;

function expectInterval(actual: { lower: number; upper: number }, expected: number[]): void {
  expectClose(actual.lower, expected[0] as number, TOL, ABS);
  expectClose(actual.upper, expected[1] as number, TOL, ABS);
}

/** A CSAT distribution with x satisfied (5) and n − x not (1) on the 1–5 scale. */
function satisfied(x: number, n: number) {
  return fromCounts(CSAT_SCALE, [n - x, 0, 0, 0, x]);
}

describe("provenance", () => {
  it("records the software versions", () => {
    expect(r.provenance).toMatch(/^R version/);
    expect(statsmodels.provenance).toMatch(/^statsmodels/);
  });
});

describe("NPS intervals against R", () => {
  it.each(r.nps)("$promoters/$passives/$detractors at level $level", (row) => {
    const counts = { promoters: row.promoters, passives: row.passives, detractors: row.detractors };
    const wald = nps(counts, { interval: "wald", level: row.level });
    expectClose(wald.score, row.score, TOL, ABS);
    // One response has no spread: the standard error is absent, not 0 (principle 4).
    if (row.promoters + row.passives + row.detractors > 1) {
      expectClose(wald.standardError as number, row.se, TOL, ABS);
    } else {
      expect(wald.standardError).toBeUndefined();
    }
    expectInterval(wald.interval, row.wald);
    expectInterval(nps(counts, { level: row.level }).interval, row.adjustedWald);
    // R's uniroot stops at tol = 1e-15 on the share; compare to 1e-9 of the points.
    const score = nps(counts, { interval: "score", level: row.level }).interval;
    expectClose(score.lower, row.score_[0] as number, 1e-9, 1e-9);
    expectClose(score.upper, row.score_[1] as number, 1e-9, 1e-9);
  });
});

const METHODS: [CsatIntervalMethod, keyof (typeof r.proportion)[number]][] = [
  ["wilson", "wilson"],
  ["agresti-coull", "agrestiCoull"],
  ["clopper-pearson", "clopperPearson"],
  ["jeffreys", "jeffreys"],
  ["wald", "wald"],
];

describe("CSAT proportion intervals against R's textbook formulas", () => {
  it.each(r.proportion)("x = $x of n = $n at level $level", (row) => {
    for (const [method, key] of METHODS) {
      const result = csat(satisfied(row.x, row.n), { interval: method, level: row.level });
      expectInterval(result.interval, row[key] as number[]);
    }
  });
});

describe("CSAT proportion intervals against statsmodels", () => {
  it.each(statsmodels.proportion)("x = $x of n = $n at level $level", (row) => {
    for (const [method] of METHODS) {
      const expected = (row as Record<string, unknown>)[method] as number[] | undefined;
      if (expected === undefined) continue; // statsmodels' Jeffreys at x = 0 or n (see README)
      expectInterval(
        csat(satisfied(row.x, row.n), { interval: method, level: row.level }).interval,
        expected,
      );
    }
  });
});

describe("CES t-interval against R's t.test", () => {
  it.each(r.ces)("$scores at level $level", (row) => {
    const result = ces(row.scores, { level: row.level });
    expectClose(result.score, row.mean, TOL);
    expectClose(result.standardDeviation as number, row.sd, TOL);
    // R's t.test interval is not clipped; these samples stay inside the scale.
    expectClose(result.interval?.lower as number, Math.max(row.lower, 1), TOL);
    expectClose(result.interval?.upper as number, Math.min(row.upper, 7), TOL);
  });
});

describe("comparisons against R", () => {
  it.each(r.welch)("Welch t-test $a vs $b", (row) => {
    const result = compareCes(row.a, row.b, { level: row.level });
    expectClose(result.difference, row.difference, TOL, ABS);
    expectClose(result.statistic as number, row.t, TOL, ABS);
    expectClose(result.degreesOfFreedom as number, row.df, TOL);
    expectClose(result.pValue as number, row.p, 1e-9);
    // Our interval is clipped to ±6, the widest a difference of two 1–7 means can be.
    expectClose(result.interval?.lower as number, Math.max(row.lower, -6), TOL, ABS);
    expectClose(result.interval?.upper as number, Math.min(row.upper, 6), TOL, ABS);
  });

  it.each(r.twoProportion)("prop.test $x1/$n1 vs $x2/$n2", (row) => {
    const result = compareCsat(satisfied(row.x1, row.n1), satisfied(row.x2, row.n2), {
      level: row.level,
    });
    expectClose(result.statistic as number, row.z, TOL, ABS);
    expectClose(result.pValue as number, row.p, 1e-9);
    expectClose(result.interval?.lower as number, Math.max(row.lower, -100), TOL, ABS);
    expectClose(result.interval?.upper as number, Math.min(row.upper, 100), TOL, ABS);
  });

  it.each(r.compareNps)("NPS z-test $a vs $b", (row) => {
    const [pa, na, da] = row.a as [number, number, number];
    const [pb, nb, db] = row.b as [number, number, number];
    const result = compareNps(
      { promoters: pa, passives: na, detractors: da },
      { promoters: pb, passives: nb, detractors: db },
      { level: row.level },
    );
    // The difference and its unpooled Wald interval (the statistic is pooled: see below).
    expectClose(result.difference, row.difference, TOL);
    expectClose(result.standardError as number, row.se, TOL);
    expectClose(result.interval?.lower as number, row.lower, TOL);
    expectClose(result.interval?.upper as number, row.upper, TOL);
  });
});

describe("pooled tests against R's prop.test and statsmodels' linear-by-linear test", () => {
  it("records the software versions", () => {
    expect(pooledR.software).toMatch(/^R version .*prop\.test/);
    expect(lbl.software).toMatch(/^statsmodels .*test_ordinal_association/);
  });

  it.each(pooledR.rows)("CSAT: prop.test $x of $n", (row) => {
    const [x1, x2] = row.x as [number, number];
    const [n1, n2] = row.n as [number, number];
    const result = compareCsat(satisfied(x1, n1), satisfied(x2, n2));
    expectClose((result.statistic as number) ** 2, row.chisq, TOL);
    expectClose(result.pValue as number, row.p, 1e-9);
    expect(result.significant).toBe(row.p < 0.05);
  });

  it.each(pooledR.rows)("NPS without passives: prop.test of promoters $x of $n", (row) => {
    const [x1, x2] = row.x as [number, number];
    const [n1, n2] = row.n as [number, number];
    const result = compareNps(
      { promoters: x1, passives: 0, detractors: n1 - x1 },
      { promoters: x2, passives: 0, detractors: n2 - x2 },
    );
    expectClose((result.statistic as number) ** 2, row.chisq, TOL);
    expectClose(result.pValue as number, row.p, 1e-9);
  });

  it.each(lbl.rows)("NPS $a vs $b: z = z_lbl·√(N/(N − 1))", (row) => {
    const [pa, na, da] = row.a as [number, number, number];
    const [pb, nb, db] = row.b as [number, number, number];
    const result = compareNps(
      { promoters: pa, passives: na, detractors: da },
      { promoters: pb, passives: nb, detractors: db },
    );
    expectClose(result.statistic as number, row.zscore * Math.sqrt(row.N / (row.N - 1)), TOL);
  });
});
