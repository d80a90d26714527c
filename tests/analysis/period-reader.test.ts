// Trends over dates: every: week | month | quarter | year groups ISO dates, date-times, Dates and
// finer labels; the day is the date as written; impossible dates name their row.
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { trend, trendFromCounts } from "../../src/analysis/trend.js";
import { fromCounts } from "../../src/distribution/distribution.js";
import { NPS_SCALE } from "../../src/distribution/scale.js";
import { codeOf } from "../codes.js";

const periodsOf = (
  rows: { d: unknown; s: number }[],
  every?: "week" | "month" | "quarter" | "year",
) =>
  trend(rows, { period: "d", score: "s", ...(every === undefined ? {} : { every }) }).periods.map(
    (p) => [p.period, p.distribution.n],
  );

describe("trend with every", () => {
  it("groups dates and date-times into quarters, months, years and ISO weeks", () => {
    const rows = [
      { d: "2024-01-15", s: 9 },
      { d: "2024-02-29T10:22:00Z", s: 10 },
      { d: "2024-04-01 08:00:00", s: 3 },
      { d: "2023-12-31T23:59:59+01:00", s: 7 },
      { d: new Date(Date.UTC(2024, 3, 2)), s: 8 },
    ];
    expect(periodsOf(rows, "quarter")).toEqual([
      ["2023-Q4", 1],
      ["2024-Q1", 2],
      ["2024-Q2", 2],
    ]);
    expect(periodsOf(rows, "month")).toEqual(
      [
        ["2023-12", 1],
        ["2024-01", 1],
        ["2024-02", 1],
        ["2024-03", 0],
        ["2024-04", 2],
      ].filter(([, n]) => n !== 0),
    );
    expect(periodsOf(rows, "year")).toEqual([
      ["2023", 1],
      ["2024", 4],
    ]);
    // 2023-12-31 is a Sunday of 2023-W52; 2024-01-15 a Monday of 2024-W03.
    expect(periodsOf(rows, "week")).toEqual([
      ["2023-W52", 1],
      ["2024-W03", 1],
      ["2024-W09", 1],
      ["2024-W14", 2],
    ]);
    expect(trend(rows, { period: "d", score: "s", every: "month" }).gaps).toEqual(["2024-03"]);
  });

  it("reads a date-time's day as written: 23:30 at −05:00 on 31 March is in March (it is April in UTC)", () => {
    const rows = [{ d: "2024-03-31T23:30:00-05:00", s: 10 }];
    expect(periodsOf(rows, "month")).toEqual([["2024-03", 1]]);
    expect(periodsOf(rows, "quarter")).toEqual([["2024-Q1", 1]]);
    // The same instant as a Date is read in UTC: April.
    expect(periodsOf([{ d: new Date("2024-03-31T23:30:00-05:00"), s: 10 }], "month")).toEqual([
      ["2024-04", 1],
    ]);
  });

  it("takes labels that lie within one period, and refuses those that do not", () => {
    const rows = [
      { d: "2024-02", s: 9 },
      { d: "2024-Q1", s: 3 },
      { d: "2024-04-03", s: 10 },
    ];
    expect(periodsOf(rows, "quarter")).toEqual([
      ["2024-Q1", 2],
      ["2024-Q2", 1],
    ]);
    expect(periodsOf(rows, "year")).toEqual([["2024", 3]]);
    expect(() => periodsOf(rows, "month")).toThrow(
      'trend: the period at index 1 ("2024-Q1") is a quarter, which lies in no one month',
    );
    expect(() => periodsOf([{ d: "2024-W05", s: 1 }], "month")).toThrow(
      /is a week, which lies in no one month/,
    );
    expect(periodsOf([{ d: "2024-W05", s: 1 }], "week")).toEqual([["2024-W05", 1]]);
  });

  it("names the row of an impossible date; blank dates are undated", () => {
    for (const [d, why] of [
      ["2024-02-30", "has no day 30 in 2024-02"],
      ["2024-13-01", "has no month 13"],
      ["2024-01-15T25:00", "has no hour 25"],
      ["15/01/2024", "is not a date written YYYY-MM-DD: day and month in this order are ambiguous"],
    ]) {
      const rows = [
        { d: "2024-01-01", s: 1 },
        { d, s: 1 },
      ];
      expect(() => periodsOf(rows, "month"), d).toThrow(`the period at index 1 ("${d}") ${why}`);
      expect(codeOf(() => periodsOf(rows, "month"))).toBe("INVALID_PERIOD");
    }
    expect(codeOf(() => periodsOf([{ d: new Date(Number.NaN), s: 1 }], "month"))).toBe(
      "INVALID_PERIOD",
    );
    const t = trend(
      [
        { d: "  ", s: 1 },
        { d: null, s: 2 },
        { d: "2024-01-01", s: 3 },
      ],
      { period: "d", score: "s", every: "month" },
    );
    expect([t.undated, t.rows, t.periods.length]).toEqual([2, 3, 1]);
  });

  it("without every, a date says how to group it, and weeks are labels too", () => {
    expect(() => periodsOf([{ d: "2024-01-15", s: 1 }])).toThrow(
      'the period at index 0 ("2024-01-15") is a date: pass every: "week", "month", "quarter" or "year" to group dates into periods',
    );
    expect(() => periodsOf([{ d: new Date(0), s: 1 }])).toThrow(/is a Date: pass every/);
    expect(
      periodsOf([
        { d: "2020-W53", s: 1 },
        { d: " 2021-W01 ", s: 1 },
      ]),
    ).toEqual([
      ["2020-W53", 1],
      ["2021-W01", 1],
    ]);
    expect(() => trend([], { period: "d", score: "s", every: "day" as never })).toThrow(
      /every must be one of "week", "month", "quarter", "year"/,
    );
  });

  test.prop([
    fc.array(
      fc.date({ min: new Date("1900-01-01"), max: new Date("2100-12-31"), noInvalidDate: true }),
      {
        minLength: 1,
        maxLength: 40,
      },
    ),
    fc.constantFrom("week", "month", "quarter", "year"),
  ])("a Date and its UTC date written as text fall in the same period", (dates, every) => {
    const asDates = dates.map((d, i) => ({ d, s: i % 11 }));
    const asText = dates.map((d, i) => ({ d: d.toISOString().slice(0, 10), s: i % 11 }));
    const e = every as "week" | "month" | "quarter" | "year";
    expect(periodsOf(asDates, e)).toEqual(periodsOf(asText, e));
    const t = trend(asText, { period: "d", score: "s", every: e });
    expect(t.periods.reduce((sum, p) => sum + p.distribution.n, 0)).toBe(dates.length);
  });
});

describe("trendFromCounts with every", () => {
  it("merges date keys into their periods", () => {
    const periods = new Map([
      ["2024-01-03", fromCounts(NPS_SCALE, { 10: 3 })],
      ["2024-02-20T12:00:00Z", fromCounts(NPS_SCALE, { 2: 1 })],
      ["2024-04-01", fromCounts(NPS_SCALE, { 9: 1 })],
      [null, fromCounts(NPS_SCALE, { 5: 1 })],
    ]);
    const t = trendFromCounts(periods, { every: "quarter" });
    expect(t.periods.map((p) => [p.period, p.result?.score])).toEqual([
      ["2024-Q1", 50],
      ["2024-Q2", 100],
    ]);
    expect([t.undated, t.rows, t.frequency]).toEqual([1, 6, "quarter"]);
  });
});
