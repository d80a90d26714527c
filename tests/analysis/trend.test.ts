// trend: a metric per period, checked against the functions it is made of and by its laws.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { adjustPValues } from "../../src/analysis/adjust-p-values.js";
import { trend } from "../../src/analysis/trend.js";
import { NPS_SCALE } from "../../src/distribution/scale.js";
import { tally } from "../../src/distribution/tally.js";
import { compareCsat, compareNps } from "../../src/survey/compare.js";
import { csat } from "../../src/survey/csat.js";
import { nps } from "../../src/survey/nps.js";
import { codeOf } from "../codes.js";

/** Monthly NPS answers over 2024 with a dip in May and no survey in August. */
function months() {
  const rows: { month: string | null; nps: number | null }[] = [];
  let state = 11;
  for (let m = 1; m <= 12; m++) {
    if (m === 8) continue;
    for (let k = 0; k < 60; k++) {
      state = (state * 1103515245 + 12345) % 2147483648;
      const score = Math.floor((state / 2147483648) * 11);
      rows.push({
        month: `2024-${String(m).padStart(2, "0")}`,
        nps: m === 5 ? Math.min(score, 6) : score,
      });
    }
  }
  rows.push({ month: null, nps: 10 }, { month: "2024-03", nps: null });
  // Newest first, as an export often is.
  return rows.reverse();
}

describe("a monthly NPS trend", () => {
  const rows = months();
  const t = trend(rows, { period: "month", score: "nps" });
  const of = (label: string) => rows.filter((r) => r.month === label).map((r) => r.nps);

  it("puts the periods in time order, each with its own metric", () => {
    expect(t.frequency).toBe("month");
    expect(t.periods.map((p) => p.period)).toEqual(
      ["01", "02", "03", "04", "05", "06", "07", "09", "10", "11", "12"].map((m) => `2024-${m}`),
    );
    for (const p of t.periods) {
      expect(p.distribution).toEqual(tally(of(p.period), NPS_SCALE));
      expect(p.result).toEqual(nps(of(p.period)));
    }
    expect(t.periods.find((p) => p.period === "2024-03")?.distribution.missing).toBe(1);
  });

  it("compares each period with the previous one with responses, across a gap too", () => {
    const september = t.periods.find((p) => p.period === "2024-09");
    expect(september?.previous).toBe("2024-07");
    expect(september?.comparison).toEqual(compareNps(of("2024-09"), of("2024-07")));
    expect(t.periods[0]?.comparison).toBeUndefined();
    expect(t.periods[0]?.previous).toBeUndefined();
    expect(t.gaps).toEqual(["2024-08"]);
  });

  it("adjusts the step p-values and flags the dip", () => {
    const raw = t.periods.map((p) => p.comparison?.pValue);
    expect(t.periods.map((p) => p.adjustedPValue)).toEqual(adjustPValues(raw, "holm"));
    const may = t.periods.find((p) => p.period === "2024-05");
    expect(may?.significant).toBe(true);
    expect(may?.comparison?.difference).toBeLessThan(0);
  });

  it("gives the change over the whole span and counts the undated rows", () => {
    expect(t.change).toEqual(compareNps(of("2024-12"), of("2024-01")));
    expect(t.undated).toBe(1);
    expect(t.rows).toBe(rows.length);
    const d = t.distribution;
    expect(d.n + d.missing + d.skipped).toBe(rows.length);
  });
});

describe("laws", () => {
  it("the order of the rows changes nothing", () => {
    const row = fc.record({
      q: fc.constantFrom("2023-Q4", "2024-Q1", "2024-Q3", null),
      s: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 50 }), (rows) => {
        const forward = trend(rows, { period: "q", score: "s" });
        const backward = trend([...rows].reverse(), { period: "q", score: "s" });
        expect(backward).toEqual(forward);
      }),
    );
  });
});

describe("other metrics and frequencies", () => {
  it("a yearly CSAT trend with its options", () => {
    const rows = [
      { year: "2022", csat: 5 },
      { year: "2022", csat: 2 },
      { year: "2023", csat: 4 },
      { year: "2023", csat: 5 },
      { year: "2023", csat: 5 },
    ];
    const t = trend(rows, { period: "year", score: "csat", metric: "csat", interval: "jeffreys" });
    expect(t.frequency).toBe("year");
    expect(t.periods[1]?.result).toEqual(csat([4, 5, 5], { interval: "jeffreys" }));
    expect(t.periods[1]?.comparison).toEqual(
      compareCsat([4, 5, 5], [5, 2], { interval: "jeffreys" }),
    );
    expect(t.change).toEqual(t.periods[1]?.comparison);
  });

  it("one period has no change; no dated rows have no frequency", () => {
    expect(trend([{ p: "2024", s: 9 }], { period: "p", score: "s" }).change).toBeUndefined();
    const none = trend([{ p: null, s: 9 }], { period: "p", score: "s" });
    expect(none.frequency).toBeUndefined();
    expect(none.periods).toEqual([]);
    expect(none.overall?.score).toBe(100);
  });
});

describe("bad periods name their row", () => {
  it("a malformed period", () => {
    expect(() =>
      trend(
        [
          { p: "2024", s: 1 },
          { p: "2024-13", s: 2 },
        ],
        { period: "p", score: "s" },
      ),
    ).toThrow(/period at index 1 \("2024-13"\) is not "YYYY", "YYYY-Qn", "YYYY-MM" or "YYYY-Www"/);
    expect(codeOf(() => trend([{ p: 2024, s: 1 }], { period: "p", score: "s" }))).toBe(
      "INVALID_PERIOD",
    );
  });

  it("two frequencies", () => {
    expect(() =>
      trend(
        [
          { p: "2024", s: 1 },
          { p: "2024-Q1", s: 2 },
        ],
        { period: "p", score: "s" },
      ),
    ).toThrow(/index 1 \("2024-Q1"\) is a quarter, but the first was a year/);
  });

  it("a misspelt column", () => {
    expect(
      codeOf(() => trend([{ p: "2024", s: 1 }], { period: "period" as never, score: "s" })),
    ).toBe("UNKNOWN_FIELD");
  });
});
