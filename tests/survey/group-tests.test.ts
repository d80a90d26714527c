// The k-group tests against R (scripts/fixtures/group_tests.R: prop.test, chisq.test, lm,
// oneway.test, kruskal.test), their two-group identities with the pairwise comparisons, and
// their laws.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromCounts } from "../../src/distribution/distribution.js";
import { CES_SCALE, CSAT_SCALE, NPS_SCALE } from "../../src/distribution/scale.js";
import { tally } from "../../src/distribution/tally.js";
import { compareCes, compareCsat, compareNps } from "../../src/survey/compare.js";
import {
  compareCesGroups,
  compareCsatGroups,
  compareNpsGroups,
} from "../../src/survey/group-tests.js";
import { codeOf } from "../codes.js";
import r from "../fixtures/group-tests-r.json" with { type: "json" };
import { expectClose } from "../helpers.js";

const TOL = 1e-9;

describe("against R", () => {
  it("records its provenance", () => {
    expect(r.provenance).toMatch(/^R version .*group_tests\.R$/);
  });

  it.each(r.nps)("NPS groups $counts", (row) => {
    const groups = row.counts.map((c) => fromCounts(NPS_SCALE, c));
    const { meanScores, categories } = compareNpsGroups(groups);
    expectClose(categories.statistic as number, row.categories.statistic, TOL);
    expect(categories.degreesOfFreedom).toBe(row.categories.df);
    expectClose(categories.pValue as number, row.categories.p, TOL);
    expect(categories.smallSample).toBe(row.categories.minExpected < 5);
    expectClose(meanScores.statistic as number, row.meanScores.statistic, TOL);
    expect(meanScores.degreesOfFreedom).toBe(row.meanScores.df);
    expectClose(meanScores.pValue as number, row.meanScores.p, TOL);
  });

  it.each(r.csat)("CSAT groups $counts", (row) => {
    const test = compareCsatGroups(row.counts.map((c) => fromCounts(CSAT_SCALE, c)));
    expectClose(test.statistic as number, row.statistic, TOL);
    expect(test.degreesOfFreedom).toBe(row.df);
    expectClose(test.pValue as number, row.p, TOL);
    expect(test.smallSample).toBe(row.minExpected < 5);
  });

  it.each(r.ces)("CES groups $counts", (row) => {
    const { means, ranks } = compareCesGroups(row.counts.map((c) => fromCounts(CES_SCALE, c)));
    expectClose(means.statistic as number, row.welch.statistic, TOL);
    expect(means.degreesOfFreedom).toBe(row.welch.df1);
    expectClose(means.denominatorDegreesOfFreedom as number, row.welch.df2, TOL);
    expectClose(means.pValue as number, row.welch.p, TOL);
    expectClose(ranks.statistic as number, row.kruskal.statistic, TOL);
    expect(ranks.degreesOfFreedom).toBe(row.kruskal.df);
    expectClose(ranks.pValue as number, row.kruskal.p, TOL);
  });
});

const counts = (length: number) =>
  fc.array(fc.integer({ min: 0, max: 40 }), { minLength: length, maxLength: length });

describe("two groups are the pairwise comparison", () => {
  it("NPS: the mean-score X² is compareNps's z², with its p-value", () => {
    fc.assert(
      fc.property(counts(11), counts(11), (a, b) => {
        fc.pre(a.some((c) => c > 0) && b.some((c) => c > 0));
        const da = fromCounts(NPS_SCALE, a);
        const db = fromCounts(NPS_SCALE, b);
        const pair = compareNps(da, db);
        const test = compareNpsGroups([da, db]).meanScores;
        if (pair.statistic === undefined) {
          expect(test.notTested).toBeDefined();
          return;
        }
        expectClose(test.statistic as number, pair.statistic ** 2, 1e-9, 1e-12);
        expectClose(test.pValue as number, pair.pValue as number, 1e-9, 1e-300);
      }),
    );
  });

  it("CSAT: X² is compareCsat's z²", () => {
    fc.assert(
      fc.property(counts(5), counts(5), (a, b) => {
        fc.pre(a.some((c) => c > 0) && b.some((c) => c > 0));
        const da = fromCounts(CSAT_SCALE, a);
        const db = fromCounts(CSAT_SCALE, b);
        const pair = compareCsat(da, db);
        const test = compareCsatGroups([da, db]);
        if (pair.statistic === undefined) return expect(test.notTested).toBeDefined();
        expectClose(test.statistic as number, pair.statistic ** 2, 1e-9, 1e-12);
        expectClose(test.pValue as number, pair.pValue as number, 1e-9, 1e-300);
      }),
    );
  });

  it("CES: Welch's F is compareCes's t², on its degrees of freedom", () => {
    fc.assert(
      fc.property(counts(7), counts(7), (a, b) => {
        fc.pre(a.reduce((s, c) => s + c, 0) > 1 && b.reduce((s, c) => s + c, 0) > 1);
        const da = fromCounts(CES_SCALE, a);
        const db = fromCounts(CES_SCALE, b);
        const pair = compareCes(da, db);
        const test = compareCesGroups([da, db]).means;
        if (test.statistic === undefined) return expect(test.notTested).toBeDefined();
        expectClose(test.statistic, (pair.statistic as number) ** 2, 1e-9, 1e-12);
        expectClose(
          test.denominatorDegreesOfFreedom as number,
          pair.degreesOfFreedom as number,
          1e-9,
        );
        expectClose(test.pValue as number, pair.pValue as number, 1e-8, 1e-300);
      }),
    );
  });
});

describe("laws", () => {
  it("do not depend on the order of the groups", () => {
    fc.assert(
      fc.property(fc.array(counts(7), { minLength: 2, maxLength: 5 }), (rows) => {
        fc.pre(rows.every((c) => c.reduce((s, x) => s + x, 0) > 0));
        const groups = rows.map((c) => fromCounts(CES_SCALE, c));
        const forward = compareCesGroups(groups).ranks;
        const backward = compareCesGroups([...groups].reverse()).ranks;
        if (forward.statistic === undefined) return expect(backward.notTested).toBeDefined();
        expectClose(backward.statistic as number, forward.statistic, 1e-9, 1e-12);
      }),
    );
  });

  it("give p-values in [0, 1] and never NaN, whatever the counts", () => {
    fc.assert(
      fc.property(fc.array(counts(11), { minLength: 1, maxLength: 6 }), (rows) => {
        fc.pre(rows.every((c) => c.reduce((s, x) => s + x, 0) > 0));
        const groups = rows.map((c) => fromCounts(NPS_SCALE, c));
        const { meanScores, categories } = compareNpsGroups(groups);
        for (const test of [meanScores, categories]) {
          if (test.notTested !== undefined) {
            expect(test.pValue).toBeUndefined();
            continue;
          }
          expect(test.pValue).toBeGreaterThanOrEqual(0);
          expect(test.pValue).toBeLessThanOrEqual(1);
          expect(test.statistic).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it("count a weighted group at its effective size: weights that double every row change nothing", () => {
    const scores = [10, 9, 9, 8, 7, 3, 2, 10, 6, 9];
    const other = [1, 2, 3, 9, 10, 5, 6, 7, 0, 4];
    const plain = compareNpsGroups([tally(scores, NPS_SCALE), tally(other, NPS_SCALE)]);
    const doubled = compareNpsGroups([
      tally(scores, NPS_SCALE, { weights: scores.map(() => 2) }),
      tally(other, NPS_SCALE, { weights: other.map(() => 2) }),
    ]);
    expectClose(
      doubled.meanScores.statistic as number,
      plain.meanScores.statistic as number,
      1e-12,
    );
    expectClose(doubled.categories.pValue as number, plain.categories.pValue as number, 1e-12);
  });
});

describe("what cannot be tested is said", () => {
  it("one group", () => {
    const tests = compareNpsGroups([[10, 9, 3]]);
    expect(tests.meanScores.notTested).toMatch(/fewer than two groups/);
    expect(tests.meanScores.significant).toBeUndefined();
    expect(compareCsatGroups([[5, 4]]).notTested).toMatch(/fewer than two/);
  });

  it("no spread anywhere", () => {
    expect(
      compareNpsGroups([
        [10, 9],
        [9, 10, 10],
      ]).meanScores.notTested,
    ).toMatch(/no spread/);
    expect(
      compareCesGroups([
        [4, 4],
        [4, 4, 4],
      ]).ranks.notTested,
    ).toMatch(/same score/);
    expect(
      compareCesGroups([
        [4, 4],
        [5, 5, 5],
      ]).means.notTested,
    ).toMatch(/constant/);
    expect(compareCesGroups([[4], [5, 6, 5]]).means.notTested).toMatch(/single response/);
  });

  it("all promoters against all detractors is tested, as compareNps does", () => {
    const tests = compareNpsGroups([
      { promoters: 10, passives: 0, detractors: 0 },
      { promoters: 0, passives: 0, detractors: 10 },
    ]);
    expect(tests.meanScores.significant).toBe(true);
    expectClose(tests.meanScores.statistic as number, 20, 1e-12);
  });

  it("names the bad group, a hole included", () => {
    // biome-ignore lint/suspicious/noSparseArray: the hole is the point of the test
    expect(codeOf(() => compareNpsGroups([[10], , [9]] as never))).toBe("INVALID_INPUT");
    // biome-ignore lint/suspicious/noSparseArray: the hole is the point of the test
    expect(() => compareCsatGroups([, [5]] as never)).toThrow(/groups\[0\]/);
    expect(() => compareNpsGroups([[10], [11]])).toThrow(/groups\[1\]/);
    expect(() =>
      compareNpsGroups(
        new Map([
          ["north", [10]],
          ["south", []],
        ]),
      ),
    ).toThrow(/group "south"/);
    expect(codeOf(() => compareNpsGroups(new Map([["south", []]])))).toBe("EMPTY_SAMPLE");
    expect(codeOf(() => compareCsatGroups("x" as never))).toBe("INVALID_INPUT");
    expect(codeOf(() => compareCesGroups([[1]], { level: 2 }))).toBe("INVALID_LEVEL");
    expect(codeOf(() => compareCesGroups([[1]], { alpha: 0.05 } as never))).toBe("INVALID_OPTION");
  });
});
