/**
 * The proleptic Gregorian calendar, as ISO 8601 writes it: dates and date-times read to their
 * calendar day, days counted from 1970-01-01, and ISO weeks (Monday to Sunday, week 1 holding
 * the year's first Thursday).
 *
 * @internal
 * @module
 */

/** A date, or a date and time: `2024-01-15`, `2024-01-15T10:22:00Z`, `2024-01-15 23:30-05:00`. */
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(Z|[+-](\d{2})(?::?(\d{2}))?)?)?$/i;

/** An ISO week label: `2024-W03`. */
const WEEK = /^(\d{4})-W(\d{2})$/;

/**
 * Days from 1970-01-01 to a day of the proleptic Gregorian calendar (negative before it), by
 * the civil-from-days inverse of Howard Hinnant's "chrono-compatible low-level date algorithms".
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The calendar day of a count of days from 1970-01-01 (the inverse of {@link daysFromCivil}). */
export function civilFromDays(days: number): {
  readonly year: number;
  readonly month: number;
  readonly day: number;
} {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** The number of days in a month of a year. */
function daysInMonth(year: number, month: number): number {
  return (
    daysFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) -
    daysFromCivil(year, month, 1)
  );
}

/**
 * The calendar day of a date or date-time written in ISO 8601 — `YYYY-MM-DD`, optionally
 * followed by `T` (or a space) and a time `HH:MM[:SS[.fff]]` with an optional `Z` or offset —
 * as days from 1970-01-01, or why it is not one. The day is **the date as written**: the time
 * and the offset are checked but do not move it (`2024-03-31T23:30-05:00` is 31 March, although
 * it is 1 April in UTC), so a response is dated as the respondent's export recorded it.
 */
export function dayOfDateText(text: string): number | string {
  const m = DATE_TIME.exec(text);
  if (m === null) {
    return /^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}/.test(text)
      ? "is not a date written YYYY-MM-DD: day and month in this order are ambiguous"
      : "is not a date written YYYY-MM-DD (with an optional time) or a period label";
  }
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12) return `has no month ${m[2]}`;
  if (day < 1 || day > daysInMonth(year, month)) return `has no day ${m[3]} in ${m[1]}-${m[2]}`;
  if (m[4] !== undefined) {
    const fields: [string | undefined, number, string][] = [
      [m[4], 23, "hour"],
      [m[5], 59, "minute"],
      [m[6], 60, "second"],
      [m[8], 23, "hour of its offset"],
      [m[9], 59, "minute of its offset"],
    ];
    for (const [field, max, name] of fields) {
      if (field !== undefined && Number(field) > max) return `has no ${name} ${field}`;
    }
  }
  return daysFromCivil(year, month, day);
}

/**
 * The calendar day of a `Date`, in UTC (a `Date` is an instant: UTC gives every machine the
 * same day), or why it has none (an invalid `Date`).
 */
export function dayOfDate(date: Date): number | string {
  const time = date.getTime();
  return Number.isNaN(time) ? "is an invalid Date" : Math.floor(time / 86_400_000);
}

/** The ISO week of a day: weeks from the one of Monday 1969-12-29, week 0. */
export function weekOfDay(days: number): number {
  return Math.floor((days + 3) / 7);
}

/** The label of an ISO week (`2024-W03`) from its ordinal ({@link weekOfDay}). */
export function formatWeek(week: number): string {
  const thursday = week * 7;
  const { year } = civilFromDays(thursday);
  const number = Math.floor((thursday - daysFromCivil(year, 1, 1)) / 7) + 1;
  return `${String(year).padStart(4, "0")}-W${String(number).padStart(2, "0")}`;
}

/** The ordinal of an ISO week label (`2024-W03`), undefined when it is not one (week 54, or 53 of a 52-week year). */
export function parseWeek(text: string): number | undefined {
  const m = WEEK.exec(text);
  if (m === null) return undefined;
  const year = Number(m[1]);
  const week = Number(m[2]);
  const january4 = daysFromCivil(year, 1, 4);
  const ordinal = weekOfDay(january4) + week - 1;
  return week >= 1 && formatWeek(ordinal) === text ? ordinal : undefined;
}
