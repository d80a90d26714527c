/**
 * The periods of a trend: labels (`2024`, `2024-Q1`, `2024-03`, `2024-W03`) of one frequency,
 * or — with `every` — dates, date-times, `Date`s and labels grouped into weeks, months,
 * quarters or years.
 *
 * @module
 */

import {
  civilFromDays,
  dayOfDate,
  dayOfDateText,
  formatWeek,
  parseWeek,
  weekOfDay,
} from "../common/calendar.js";
import { checkChoice } from "../common/options.js";
import { formatPeriod, type PeriodFrequency, readPeriodLabel } from "../common/period.js";
import { describeValue, MetricError } from "../errors/metric-error.js";

/**
 * How long a period of a trend is: an ISO week (`"2024-W03"`, Monday to Sunday), a month
 * (`"2024-03"`), a quarter (`"2024-Q1"`) or a year (`"2024"`).
 *
 * @category Analysis
 */
export type TrendFrequency = PeriodFrequency | "week";

/** The frequencies, shortest first. @internal */
export const TREND_FREQUENCIES: readonly TrendFrequency[] = ["week", "month", "quarter", "year"];

/** A period read: its frequency and its position on that frequency's time line. */
interface Period {
  readonly frequency: TrendFrequency;
  readonly ordinal: number;
}

/** Values whose reading is kept, at most: the labels and dates of a file, not every date-time. */
const CACHED = 4096;

/** The label of a period of a trend from its frequency and ordinal. @internal */
export function formatTrendPeriod(frequency: TrendFrequency, ordinal: number): string {
  return frequency === "week" ? formatWeek(ordinal) : formatPeriod(frequency, ordinal);
}

/** Read the `every` option: undefined, or a frequency. @internal */
export function checkEvery(every: unknown, fn: string): TrendFrequency | undefined {
  return every === undefined
    ? undefined
    : checkChoice(every, TREND_FREQUENCIES, "month", fn, "every");
}

/**
 * The periods of one trend, each value read once (up to a bound, so that a column of date-times
 * does not fill memory). Without `every`, every value is a label of the first label's
 * frequency; with it, a date, date-time or `Date` falls in the period of its calendar day (see
 * {@link dayOfDateText}: the date as written; a `Date` in UTC), and a label in the period that
 * holds it (a month in its quarter), when one does.
 *
 * @internal
 */
export class PeriodReader {
  readonly #every: TrendFrequency | undefined;
  /** How to ask for `every`, for a date given without it. */
  readonly #askEvery: string;
  readonly #read = new Map<unknown, Period | string>();
  #first: { readonly frequency: TrendFrequency; readonly label: unknown } | undefined;

  constructor(every: TrendFrequency | undefined, askEvery: string) {
    this.#every = every;
    this.#askEvery = askEvery;
  }

  /** The frequency of the periods: `every`, or that of the first label read. */
  get frequency(): TrendFrequency | undefined {
    return this.#every ?? this.#first?.frequency;
  }

  /** The ordinal of a value's period, or the reason it has none (the words after the value). */
  read(value: unknown): number | string {
    let period = this.#read.get(value);
    if (period === undefined) {
      period = this.#parse(value);
      if (this.#read.size < CACHED && typeof value !== "object") this.#read.set(value, period);
    }
    if (typeof period === "string") return period;
    if (this.#every !== undefined) return period.ordinal;
    this.#first ??= { frequency: period.frequency, label: value };
    return period.frequency === this.#first.frequency
      ? period.ordinal
      : `is a ${period.frequency}, but the first was a ${this.#first.frequency} (${describeValue(this.#first.label)}): one frequency per trend`;
  }

  /** The ordinal of a value's period, or `INVALID_PERIOD` naming position `index`. */
  ordinalOf(value: unknown, index: number, fn: string): number {
    const read = this.read(value);
    if (typeof read === "number") return read;
    throw new MetricError(
      "INVALID_PERIOD",
      `the period at index ${index} (${describeValue(value)}) ${read}`,
      { fn, index, value, field: "period" },
    );
  }

  #parse(value: unknown): Period | string {
    const every = this.#every;
    if (value instanceof Date) {
      if (every === undefined) return `is a Date: ${this.#askEvery}`;
      const day = dayOfDate(value);
      return typeof day === "number" ? periodOfDay(day, every) : day;
    }
    if (typeof value !== "string") {
      return every === undefined
        ? 'is not a period label ("YYYY", "YYYY-Qn", "YYYY-MM" or "YYYY-Www")'
        : "is not a date, a date-time, a Date or a period label";
    }
    const text = value.trim();
    const label = readLabel(text);
    if (label !== undefined) return every === undefined ? label : within(label, every);
    const day = dayOfDateText(text);
    if (every === undefined) {
      return typeof day === "number"
        ? `is a date: ${this.#askEvery}`
        : 'is not "YYYY", "YYYY-Qn", "YYYY-MM" or "YYYY-Www"';
    }
    return typeof day === "number" ? periodOfDay(day, every) : day;
  }
}

/** A period label, weeks included. */
function readLabel(text: string): Period | undefined {
  const label = readPeriodLabel(text);
  if (label !== undefined) return label;
  const week = parseWeek(text);
  return week === undefined ? undefined : { frequency: "week", ordinal: week };
}

/** The period of a calendar day (days from 1970-01-01). */
function periodOfDay(day: number, every: TrendFrequency): Period {
  if (every === "week") return { frequency: every, ordinal: weekOfDay(day) };
  const { year, month } = civilFromDays(day);
  const ordinal =
    every === "year"
      ? year
      : every === "quarter"
        ? year * 4 + Math.floor((month - 1) / 3)
        : year * 12 + month - 1;
  return { frequency: every, ordinal };
}

/** The period of `every` that holds a labelled period, or why none does. */
function within(label: Period, every: TrendFrequency): Period | string {
  const { frequency, ordinal } = label;
  if (frequency === every) return label;
  if (frequency === "month" && every === "quarter")
    return {
      frequency: every,
      ordinal: Math.floor(ordinal / 12) * 4 + Math.floor((ordinal % 12) / 3),
    };
  if (frequency === "month" && every === "year")
    return { frequency: every, ordinal: Math.floor(ordinal / 12) };
  if (frequency === "quarter" && every === "year")
    return { frequency: every, ordinal: Math.floor(ordinal / 4) };
  return `is a ${frequency}, which lies in no one ${every}`;
}
