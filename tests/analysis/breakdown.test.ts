// breakdown: a flat table grouped by a column, checked against the functions it is made of
// (tally, nps/csat/ces, the comparisons, adjustPValues, the k-group tests) and by its laws.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { adjustPValues } from "../../src/analysis/adjust-p-values.js";
import { breakdown } from "../../src/analysis/breakdown.js";
import { mergeDistributions } from "../../src/distribution/merge.js";
import { CES_SCALE, CSAT_SCALE, NPS_SCALE } from "../../src/distribution/scale.js";
import { tally } from "../../src/distribution/tally.js";
import { ces } from "../../src/survey/ces.js";
import { compareCes, compareCsat, compareNps } from "../../src/survey/compare.js";
import { csat } from "../../src/survey/csat.js";
import { compareCesGroups, compareNpsGroups } from "../../src/survey/group-tests.js";
import { nps } from "../../src/survey/nps.js";
import { codeOf } from "../codes.js";
import { expectClose } from "../helpers.js";

interface Row {
  readonly region: string | null;
  readonly score: number | null;
  readonly w?: number;
}

/** A survey table: 400 rows over four regions, 14 blank answers, a few rows with no region. */
function table(): Row[] {
  let state = 7;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const regions = ["north", "south", "east", "west"];
  return Array.from({ length: 400 }, (_, i) => {
    const region = i % 57 === 5 ? null : (regions[Math.floor(next() * 4)] as string);
    const lift = region === "south" ? -3 : 0;
    const score = i % 29 === 3 ? null : Math.max(0, Math.min(10, Math.floor(next() * 11) + lift));
    return { region, score, w: 0.5 + next() };
  });
}

describe("a survey table by region", () => {
  const rows = table();
  const report = breakdown(rows, { by: "region", score: "score" });
  const inRegion = (region: string | null, keep: boolean) =>
    rows.filter((r) => (r.region === region) === keep).map((r) => r.score);

  it("gives each group the metric of its rows, and the rest of the table as its comparison", () => {
    expect(report.groups.map((g) => g.group)).toEqual(["east", "west", "north", "south"]);
    for (const g of report.groups) {
      const own = tally(inRegion(g.group, true), NPS_SCALE);
      expect(g.distribution).toEqual(own);
      expect(g.result).toEqual(nps(own));
      expect(g.comparison).toEqual(compareNps(own, tally(inRegion(g.group, false), NPS_SCALE)));
    }
  });

  it("adjusts the p-values across the groups, Holm by default", () => {
    const raw = report.groups.map((g) => g.comparison?.pValue);
    expect(report.groups.map((g) => g.adjustedPValue)).toEqual(adjustPValues(raw, "holm"));
    for (const g of report.groups) {
      expect(g.significant).toBe((g.adjustedPValue as number) < 0.05);
    }
    const south = report.groups.find((g) => g.group === "south");
    expect(south?.significant).toBe(true);
  });

  it("tests all groups at once with the mean-score test", () => {
    expect(report.omnibus).toEqual(
      compareNpsGroups(report.groups.map((g) => g.distribution)).meanScores,
    );
    expect(report.omnibus.significant).toBe(true);
  });

  it("counts every row: blanks as missing, rows without a region as ungrouped", () => {
    expect(report.rows).toBe(400);
    expect(report.ungrouped).toBe(rows.filter((r) => r.region === null).length);
    expect(report.distribution.missing).toBe(rows.filter((r) => r.score === null).length);
    expect(report.distribution.n + report.distribution.missing).toBe(400);
    expect(report.overall).toEqual(nps(rows.map((r) => r.score)));
  });

  it("reads weights from a column", () => {
    const weighted = breakdown(rows, { by: "region", score: "score", weight: "w" });
    const north = weighted.groups.find((g) => g.group === "north");
    const own = rows.filter((r) => r.region === "north");
    const columns = tally(
      own.map((r) => r.score),
      NPS_SCALE,
      { weights: own.map((r) => r.w as number) },
    );
    // The column loop adds Σw² a block of rows at a time, the row reader one row at a time:
    // the same to rounding, not to the bit.
    expect(north?.distribution).toEqual({
      ...columns,
      sumOfSquaredWeights: expect.closeTo(columns.sumOfSquaredWeights, 10),
      effectiveN: expect.closeTo(columns.effectiveN, 10),
    });
    expect(north?.result?.effectiveN).toBeLessThan(north?.result?.n as number);
  });
});

const record = fc.record({
  g: fc.option(fc.constantFrom("a", "b", "c", 1), { nil: null }),
  s: fc.option(fc.integer({ min: 1, max: 7 }), { nil: null }),
  w: fc.double({ min: 0.01, max: 100, noNaN: true }),
});

describe("laws", () => {
  it("the groups and the ungrouped rows merge back to the whole table; n + missing + skipped = rows", () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 80 }), fc.boolean(), (rows, weighted) => {
        const report = breakdown(rows, {
          by: "g",
          score: "s",
          metric: "ces",
          ...(weighted ? { weight: "w" as const } : {}),
        });
        const outside = rows.filter((r) => r.g === null);
        const parts = [
          ...report.groups.map((g) => g.distribution),
          tally(
            outside.map((r) => r.s),
            CES_SCALE,
            weighted ? { weights: outside.map((r) => r.w) } : {},
          ),
        ];
        const whole = mergeDistributions(...parts);
        expect(report.distribution.n).toBe(whole.n);
        expect(report.distribution.missing).toBe(whole.missing);
        report.distribution.counts.forEach((c, i) => {
          expectClose(c, whole.counts[i] as number, 1e-12, 1e-12);
        });
        const d = report.distribution;
        expect(d.n + d.missing + d.skipped).toBe(rows.length);
        expect(report.rows).toBe(rows.length);
        expect(report.ungrouped).toBe(outside.length);
      }),
    );
  });

  it("the order of the rows changes no group's numbers", () => {
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 60 }), (rows) => {
        const forward = breakdown(rows, { by: "g", score: "s", metric: "ces" });
        const backward = breakdown([...rows].reverse(), { by: "g", score: "s", metric: "ces" });
        for (const g of forward.groups) {
          const other = backward.groups.find((b) => b.group === g.group);
          expect(other?.distribution).toEqual(g.distribution);
          expect(other?.result).toEqual(g.result);
        }
      }),
    );
  });
});

describe("the three metrics and their options", () => {
  const rows = [
    { plan: "pro", csat: 5, ces: 7 },
    { plan: "pro", csat: 4, ces: 6 },
    { plan: "pro", csat: 5, ces: 5 },
    { plan: "free", csat: 2, ces: 3 },
    { plan: "free", csat: 4, ces: 4 },
    { plan: "free", csat: 1, ces: 2 },
  ];

  it("CSAT with a threshold and an interval method, on its scale", () => {
    const report = breakdown(rows, {
      by: "plan",
      score: "csat",
      metric: "csat",
      satisfiedFrom: 5,
      interval: "jeffreys",
    });
    const pro = report.groups[0];
    expect(pro?.result).toEqual(csat([5, 4, 5], { satisfiedFrom: 5, interval: "jeffreys" }));
    expect(pro?.comparison).toEqual(
      compareCsat([5, 4, 5], [2, 4, 1], { satisfiedFrom: 5, interval: "jeffreys" }),
    );
    expect(report.omnibus.test).toBe("chi-squared");
    expect(report.metric).toBe("csat");
  });

  it("CES with Welch's F across groups and an accessor as the column", () => {
    const report = breakdown(rows, {
      by: (r) => r.plan.toUpperCase(),
      score: (r) => r.ces,
      metric: "ces",
    });
    expect(report.groups.map((g) => g.group)).toEqual(["PRO", "FREE"]);
    expect(report.groups[1]?.result).toEqual(ces([3, 4, 2]));
    expect(report.groups[0]?.comparison).toEqual(compareCes([7, 6, 5], [3, 4, 2]));
    expect(report.omnibus).toEqual(
      compareCesGroups([
        [7, 6, 5],
        [3, 4, 2],
      ]).means,
    );
  });

  it("minSampleSize and level reach every result and test", () => {
    const report = breakdown(rows, {
      by: "plan",
      score: "ces",
      metric: "ces",
      minSampleSize: 2,
      level: 0.8,
    });
    expect(report.groups[0]?.result?.lowBase).toBe(false);
    expect(report.groups[0]?.result?.interval?.level).toBe(0.8);
    expect(report.groups[0]?.comparison?.lowBase).toBe(false);
    expect(report.level).toBe(0.8);
  });

  it("iterables, and a group with no answers at all", () => {
    function* generate() {
      yield { g: "x", s: 10 };
      yield { g: "y", s: null };
      yield { g: "x", s: 9 };
    }
    const report = breakdown(generate(), { by: "g", score: "s" });
    expect(report.groups[1]?.result).toBeUndefined();
    expect(report.groups[1]?.comparison).toBeUndefined();
    expect(report.groups[1]?.distribution.missing).toBe(1);
    expect(report.omnibus.notTested).toMatch(/fewer than two groups/);
    expect(report.omnibus.groups).toBe(1);
  });
});

describe("misuse is caught, never read as blanks", () => {
  const rows = [
    { region: "north", nps: 9 },
    { region: "south", nps: 3 },
  ];

  it("a misspelt column", () => {
    expect(codeOf(() => breakdown(rows, { by: "regoin" as never, score: "nps" }))).toBe(
      "UNKNOWN_FIELD",
    );
    expect(() => breakdown(rows, { by: "regoin" as never, score: "nps" })).toThrow(
      /no record has a column "regoin" \(option by\); did you mean "region"\?/,
    );
    expect(() => breakdown(rows, { by: "region", score: "score" as never })).toThrow(
      /the records have "region", "nps"/,
    );
  });

  it("text in the score column, with the blank-cell advice", () => {
    const csv = [{ region: "north", nps: "9" }];
    expect(() => breakdown(csv, { by: "region", score: "nps" })).toThrow(
      /index 0 .*Number\(""\) is 0/,
    );
    const skipped = breakdown(csv, { by: "region", score: "nps", invalid: "skip" });
    expect(skipped.distribution.skipped).toBe(1);
  });

  it("a group that is NaN or infinite, naming the row (a blank cell read as a number)", () => {
    for (const region of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      const table = [...rows, { region, nps: 7 }];
      expect(codeOf(() => breakdown(table, { by: "region", score: "nps" }))).toBe("NON_FINITE");
      expect(() => breakdown(table, { by: "region", score: "nps" })).toThrow(
        new RegExp(
          `^breakdown: the group at index 2 is ${region}: .*null or undefined for no group`,
        ),
      );
    }
    // Finite numbers and other values are groups as they are; null is no group.
    const numbered = breakdown(
      [
        { region: 0, nps: 9 },
        { region: 2.5, nps: 3 },
        { region: null, nps: 7 },
      ],
      { by: "region", score: "nps" },
    );
    expect(numbered.groups.map((g) => g.group)).toEqual([0, 2.5]);
    expect(numbered.ungrouped).toBe(1);
  });

  it("options as the metric itself checks them, under breakdown's name", () => {
    expect(() => breakdown(rows, { by: "region", score: "nps", interval: "wilson" })).toThrow(
      /^breakdown: interval must be one of/,
    );
    expect(codeOf(() => breakdown(rows, { by: "region", score: "nps", satisfiedFrom: 9 }))).toBe(
      "INVALID_OPTION",
    );
    expect(codeOf(() => breakdown(rows, { by: "region", score: "nps", level: 95 }))).toBe(
      "INVALID_LEVEL",
    );
    expect(
      codeOf(() => breakdown(rows, { by: "region", score: "nps", correction: "BH" as never })),
    ).toBe("INVALID_OPTION");
    expect(codeOf(() => breakdown(rows, { by: "__proto__" as never, score: "nps" }))).toBe(
      "INVALID_OPTION",
    );
    expect(codeOf(() => breakdown(rows, { score: "nps" } as never))).toBe("INVALID_OPTION");
    expect(codeOf(() => breakdown(rows, { by: "region", score: "nps", group: "x" } as never))).toBe(
      "INVALID_OPTION",
    );
  });

  it("a score outside the scale names its row", () => {
    expect(() =>
      breakdown([...rows, { region: "x", nps: 11 }], { by: "region", score: "nps" }),
    ).toThrow(/index 2/);
    expect(codeOf(() => breakdown(rows, { by: "region", score: "nps", metric: "csat" }))).toBe(
      "SCORE_OUT_OF_SCALE",
    );
    expect(
      codeOf(() =>
        breakdown(rows, { by: "region", score: "nps", metric: "csat", scale: { min: 0, max: 10 } }),
      ),
    ).toBeUndefined();
    expect(CSAT_SCALE.max).toBe(5);
  });
});
