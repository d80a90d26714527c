// The calendar under trends' dates: days counted from 1970-01-01 against JavaScript's own
// Date.UTC, ISO weeks against Python's datetime.date.isocalendar() (tests/fixtures, with
// provenance in scripts/fixtures/README.md), and which texts are dates at all.
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  civilFromDays,
  dayOfDate,
  dayOfDateText,
  daysFromCivil,
  formatWeek,
  parseWeek,
  weekOfDay,
} from "../../src/common/calendar.js";
import weeks from "../fixtures/iso-weeks-python.json" with { type: "json" };

/** Days from 1970-01-01 by the engine's own calendar (any year, 0001 to 9999). */
function engineDays(year: number, month: number, day: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return Math.round(date.getTime() / 86_400_000);
}

const civilDay = fc
  .record({
    year: fc.integer({ min: 1, max: 9999 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
  })
  .filter(({ year, month, day }) => {
    const d = new Date(0);
    d.setUTCFullYear(year, month - 1, day);
    return d.getUTCDate() === day;
  });

describe("days from 1970-01-01", () => {
  test.prop([civilDay], { numRuns: 500 })(
    "agree with Date.UTC, and invert",
    ({ year, month, day }) => {
      const days = daysFromCivil(year, month, day);
      expect(days).toBe(engineDays(year, month, day));
      expect(civilFromDays(days)).toEqual({ year, month, day });
    },
  );

  it("at the edges of eras and leap years", () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(1969, 12, 31)).toBe(-1);
    expect(daysFromCivil(2000, 3, 1) - daysFromCivil(2000, 2, 28)).toBe(2);
    expect(daysFromCivil(1900, 3, 1) - daysFromCivil(1900, 2, 28)).toBe(1);
  });
});

describe("ISO weeks", () => {
  it(`agree with ${weeks.source} on ${weeks.weeks.length} days`, () => {
    for (const [date, week] of weeks.weeks as [string, string][]) {
      const day = dayOfDateText(date) as number;
      expect(formatWeek(weekOfDay(day)), date).toBe(week);
      const ordinal = parseWeek(week) as number;
      expect(ordinal, week).toBe(weekOfDay(day));
    }
  });

  test.prop([fc.integer({ min: -700_000, max: 2_900_000 })], { numRuns: 300 })(
    "a week's label reads back as the week, Monday to Sunday",
    (day) => {
      const week = weekOfDay(day);
      expect(parseWeek(formatWeek(week))).toBe(week);
      // Monday: (day + 3) mod 7 = 0 on 1969-12-29, day −3.
      expect(weekOfDay(week * 7 - 3)).toBe(week);
      expect(weekOfDay(week * 7 + 3)).toBe(week);
      expect(weekOfDay(week * 7 + 4)).toBe(week + 1);
    },
  );

  it("refuses a week a year does not have", () => {
    expect(parseWeek("2020-W53")).toBeDefined();
    expect(parseWeek("2021-W53")).toBeUndefined();
    expect(parseWeek("2024-W00")).toBeUndefined();
    expect(parseWeek("2024-W54")).toBeUndefined();
    expect(parseWeek("2024-W1")).toBeUndefined();
  });
});

describe("dates written as text", () => {
  it("reads dates and date-times, by the date as written", () => {
    const march31 = daysFromCivil(2024, 3, 31);
    for (const text of [
      "2024-03-31",
      "2024-03-31T23:30:00-05:00",
      "2024-03-31T23:30-0500",
      "2024-03-31 23:30",
      "2024-03-31T00:00:00.000Z",
      "2024-03-31t10:22:00z",
      "2024-03-31T23:59:60+14:00",
      "2024-03-31T10:22:00,5+01",
    ]) {
      expect(dayOfDateText(text), text).toBe(march31);
    }
    // The same instant in UTC is 1 April: a Date is read in UTC.
    expect(dayOfDate(new Date("2024-03-31T23:30:00-05:00"))).toBe(march31 + 1);
  });

  it("says why an impossible date or time is none", () => {
    expect(dayOfDateText("2024-02-30")).toBe("has no day 30 in 2024-02");
    expect(dayOfDateText("2023-02-29")).toBe("has no day 29 in 2023-02");
    expect(dayOfDateText("1900-02-29")).toBe("has no day 29 in 1900-02");
    expect(dayOfDateText("2000-02-29")).toBe(daysFromCivil(2000, 2, 29));
    expect(dayOfDateText("2024-13-01")).toBe("has no month 13");
    expect(dayOfDateText("2024-00-10")).toBe("has no month 00");
    expect(dayOfDateText("2024-04-31")).toBe("has no day 31 in 2024-04");
    expect(dayOfDateText("2024-04-00")).toBe("has no day 00 in 2024-04");
    expect(dayOfDateText("2024-01-15T24:00")).toBe("has no hour 24");
    expect(dayOfDateText("2024-01-15T10:60")).toBe("has no minute 60");
    expect(dayOfDateText("2024-01-15T10:00:61")).toBe("has no second 61");
    expect(dayOfDateText("2024-01-15T10:00+24:00")).toBe("has no hour of its offset 24");
    expect(dayOfDateText("1/15/2024")).toMatch(/day and month in this order are ambiguous/);
    expect(dayOfDateText("15.01.2024")).toMatch(/ambiguous/);
    expect(dayOfDateText("Jan 15 2024")).toMatch(/is not a date written YYYY-MM-DD/);
    expect(dayOfDate(new Date(Number.NaN))).toBe("is an invalid Date");
  });
});
