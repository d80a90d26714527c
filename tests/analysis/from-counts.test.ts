// breakdownFromCounts and trendFromCounts: counted groups give the report of the raw rows.
import { describe, expect, it } from "vitest";
import { breakdown, breakdownFromCounts } from "../../src/analysis/breakdown.js";
import { trend, trendFromCounts } from "../../src/analysis/trend.js";
import { fromCountRows } from "../../src/distribution/count-rows.js";
import { fromCounts } from "../../src/distribution/distribution.js";
import { CSAT_SCALE, NPS_SCALE } from "../../src/distribution/scale.js";
import { tallyBy } from "../../src/distribution/tally-by.js";
import { codeOf } from "../codes.js";

const rows = Array.from({ length: 240 }, (_, i) => ({
  region: i % 13 === 0 ? null : ["north", "south", "east"][i % 3],
  quarter: i % 17 === 0 ? null : `2024-Q${1 + (i % 4 === 2 ? 3 : i % 3)}`,
  nps: i % 11 === 0 ? null : (i * 7) % 11,
}));

describe("breakdownFromCounts", () => {
  it("gives the breakdown of the raw rows from tallyBy's groups", () => {
    const groups = tallyBy(rows, (r) => r.region, NPS_SCALE, { score: (r) => r.nps });
    const fromCountsReport = breakdownFromCounts(groups);
    const direct = breakdown(rows, { by: "region", score: "nps" });
    expect(fromCountsReport).toEqual(direct);
  });

  it("gives it from a GROUP BY region, score query", () => {
    const cells = new Map<
      string,
      { region: string | null | undefined; score: number | null; n: bigint }
    >();
    for (const r of rows) {
      const key = `${r.region}|${r.nps}`;
      const cell = cells.get(key) ?? { region: r.region, score: r.nps, n: 0n };
      cell.n += 1n;
      cells.set(key, cell);
    }
    const groups = fromCountRows([...cells.values()], NPS_SCALE, {
      group: "region",
      score: "score",
      count: "n",
    });
    const report = breakdownFromCounts(groups);
    const direct = breakdown(rows, { by: "region", score: "nps" });
    expect(report.overall).toEqual(direct.overall);
    expect(report.omnibus).toEqual(direct.omnibus);
    expect(report.ungrouped).toBe(direct.ungrouped);
    for (const g of direct.groups) {
      expect(report.groups.find((x) => x.group === g.group)?.comparison).toEqual(g.comparison);
    }
  });

  it("checks the distributions against the metric's scale", () => {
    const groups = new Map([["a", fromCounts(CSAT_SCALE, [1, 1, 1, 1, 1])]]);
    expect(codeOf(() => breakdownFromCounts(groups))).toBe("SCALE_MISMATCH");
    expect(breakdownFromCounts(groups, { metric: "csat" }).groups[0]?.result?.score).toBe(40);
    expect(codeOf(() => breakdownFromCounts([] as never))).toBe("INVALID_INPUT");
    const nan = new Map([
      ["a", fromCounts(NPS_SCALE, [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1])],
      [Number.NaN as unknown as string, fromCounts(NPS_SCALE, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1])],
    ]);
    expect(() => breakdownFromCounts(nan)).toThrow(
      /^breakdownFromCounts: the group at index 1 is NaN/,
    );
    expect(codeOf(() => breakdownFromCounts(new Map([["a", { counts: [] }]]) as never))).toBe(
      "INVALID_SCALE",
    );
  });
});

describe("trendFromCounts", () => {
  it("gives the trend of the raw rows, the keys in any order", () => {
    const periods = tallyBy([...rows].reverse(), (r) => r.quarter, NPS_SCALE, {
      score: (r) => r.nps,
    });
    expect(trendFromCounts(periods)).toEqual(trend(rows, { period: "quarter", score: "nps" }));
  });

  it("refuses a key that is not a period, or of another frequency", () => {
    const d = fromCounts(NPS_SCALE, { 10: 1 });
    expect(codeOf(() => trendFromCounts(new Map([["Q1", d]])))).toBe("INVALID_PERIOD");
    expect(() =>
      trendFromCounts(
        new Map([
          ["2024", d],
          ["2024-05", d],
        ]),
      ),
    ).toThrow(/a month, but the first was a year/);
  });
});
