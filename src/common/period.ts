import { describeValue, MetricError } from "../errors/metric-error.js";

/**
 * How often a price index is published: yearly (`"2024"`), quarterly (`"2024-Q3"`) or monthly
 * (`"2024-07"`).
 *
 * @category Inflation
 */
export type PeriodFrequency = "year" | "quarter" | "month";

/** A parsed period: its frequency and its position on that frequency's time line. @internal */
export interface ParsedPeriod {
  readonly frequency: PeriodFrequency;
  /** year, year·4 + quarter − 1, or year·12 + month − 1. */
  readonly ordinal: number;
}

const PATTERN = /^(\d{4})(?:-(?:Q([1-4])|(0[1-9]|1[0-2])))?$/;

/** Read `YYYY`, `YYYY-Qn` or `YYYY-MM`; undefined for anything else. @internal */
export function readPeriodLabel(text: string): ParsedPeriod | undefined {
  const match = PATTERN.exec(text);
  if (match === null) return undefined;
  const year = Number(match[1]);
  if (match[2] !== undefined)
    return { frequency: "quarter", ordinal: year * 4 + Number(match[2]) - 1 };
  if (match[3] !== undefined)
    return { frequency: "month", ordinal: year * 12 + Number(match[3]) - 1 };
  return { frequency: "year", ordinal: year };
}

/** Parse `YYYY`, `YYYY-Qn` or `YYYY-MM`; anything else is `INVALID_PERIOD`. @internal */
export function parsePeriod(period: unknown, fn: string, field = "period"): ParsedPeriod {
  const parsed = typeof period === "string" ? readPeriodLabel(period) : undefined;
  if (parsed === undefined) {
    throw new MetricError(
      "INVALID_PERIOD",
      `${field} must be "YYYY", "YYYY-Qn" or "YYYY-MM"; got ${describeValue(period)}`,
      { fn, value: period, field },
    );
  }
  return parsed;
}

/** The label of a period from its frequency and ordinal (the inverse of {@link parsePeriod}). @internal */
export function formatPeriod(frequency: PeriodFrequency, ordinal: number): string {
  if (frequency === "year") return String(ordinal).padStart(4, "0");
  const perYear = frequency === "quarter" ? 4 : 12;
  const year = String(Math.floor(ordinal / perYear)).padStart(4, "0");
  const within = (ordinal % perYear) + 1;
  return frequency === "quarter"
    ? `${year}-Q${within}`
    : `${year}-${String(within).padStart(2, "0")}`;
}
