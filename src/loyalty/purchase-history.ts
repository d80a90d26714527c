/**
 * From purchase records to the histories the purchase and spend models read: per customer,
 * frequency (repeat purchases), recency, age and the mean value of the repeat purchases.
 *
 * @module
 */

import { readOptions } from "../common/options.js";
import { describeValue, guarded, MetricError } from "../errors/metric-error.js";
import type { PurchaseHistory } from "./bg-nbd.js";

/**
 * A purchase as this summary reads it — the shape of the library's `Purchase` records.
 *
 * @category Loyalty
 */
export interface PurchaseRecord {
  /** The customer who bought. */
  readonly customerId: string;
  /** ISO date, YYYY-MM-DD. */
  readonly date: string;
  /** The amount paid (≥ 0); needed only for `monetary`. */
  readonly amount?: number | undefined;
  /** How it ended: only completed purchases (or ones without an outcome) count. */
  readonly outcome?: "completed" | "cancelled" | "returned" | undefined;
}

/**
 * A customer's summary: the {@link PurchaseHistory} BG/NBD reads, and the spend Gamma-Gamma reads.
 *
 * @category Loyalty
 */
export interface CustomerHistory extends PurchaseHistory {
  /** The customer. */
  readonly customerId: string;
  /** The mean amount of the repeat purchases (each day's purchases summed); 0 without one, or without amounts. */
  readonly monetary: number;
}

/**
 * The result of {@link summarizePurchases}.
 *
 * @category Loyalty
 */
export interface PurchaseSummary {
  /** One history per customer, in the order first seen. */
  readonly customers: readonly CustomerHistory[];
  /** Purchases left out because they were cancelled or returned: counted, not used. */
  readonly notCompleted: number;
}

const DAY = 86_400_000;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of an ISO date, or undefined when it is not a real date. */
function dayOf(date: unknown): number | undefined {
  const match = typeof date === "string" ? ISO.exec(date) : null;
  if (match === null) return undefined;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const t = Date.UTC(y, m - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d)
    return undefined;
  return t / DAY;
}

/**
 * Summarise purchase records, per customer, as of a date: purchases on one day count as one
 * (their amounts summed), as in the BG/NBD literature's calendar-time summaries; `frequency` is
 * the number of purchase days after the first, `recency` the time from the first to the last,
 * `age` the time from the first to `asOf`, in days or weeks; `monetary` the mean of the repeat
 * purchase days' amounts. Cancelled and returned purchases are counted in `notCompleted` and
 * left out.
 *
 * @param purchases - the records (e.g. `parsePurchases(json).valid`)
 * @param options - `asOf` (ISO date; required, on or after every purchase), `unit` (`"week"`,
 *   the default, or `"day"`)
 * @returns the histories and the count of purchases left out
 * @throws {@link MetricError} `INVALID_INPUT` for a record without a customer or with a date that
 *   is not a real YYYY-MM-DD (naming it), or input that is not an array; `INVALID_PERIOD` for a
 *   purchase after `asOf` (dates out of order); `NEGATIVE_AMOUNT` for a negative amount;
 *   `INVALID_OPTION` for a missing or malformed `asOf` or `unit`.
 *
 * @example
 * ```ts
 * import { summarizePurchases } from "customer-metrics";
 * const { customers } = summarizePurchases(
 *   [
 *     { customerId: "a", date: "2024-01-01", amount: 20 }, { customerId: "a", date: "2024-01-15", amount: 30 },
 *     { customerId: "a", date: "2024-01-15", amount: 10 }, { customerId: "b", date: "2024-02-05", amount: 25 },
 *   ],
 *   { asOf: "2024-03-04" },
 * );
 * customers[0]; // => { customerId: "a", frequency: 1, recency: 2, age: 9, monetary: 40 }
 * customers[1].frequency; // => 0
 * ```
 *
 * @category Loyalty
 */
export function summarizePurchases(
  purchases: readonly PurchaseRecord[],
  options: { readonly asOf: string; readonly unit?: "week" | "day" },
): PurchaseSummary {
  return guarded("summarizePurchases", () => {
    const fn = "summarizePurchases";
    const read = readOptions(options, ["asOf", "unit"], fn);
    const asOf = dayOf(read.asOf);
    if (asOf === undefined) {
      throw new MetricError(
        "INVALID_OPTION",
        `asOf must be a real date YYYY-MM-DD; got ${describeValue(read.asOf)}`,
        {
          fn,
          value: read.asOf,
          field: "asOf",
        },
      );
    }
    if (read.unit !== undefined && read.unit !== "week" && read.unit !== "day") {
      throw new MetricError(
        "INVALID_OPTION",
        `unit must be "week" or "day"; got ${describeValue(read.unit)}`,
        {
          fn,
          value: read.unit,
          field: "unit",
        },
      );
    }
    const perUnit = read.unit === "day" ? 1 : 7;
    if (!Array.isArray(purchases)) {
      throw new MetricError(
        "INVALID_INPUT",
        `purchases must be an array; got ${describeValue(purchases)}`,
        {
          fn,
          value: purchases,
        },
      );
    }
    // Per customer, the amount per purchase day.
    const days = new Map<string, Map<number, number>>();
    let notCompleted = 0;
    for (let i = 0; i < purchases.length; i++) {
      const p = purchases[i] as Partial<PurchaseRecord> | null | undefined;
      if (
        typeof p !== "object" ||
        p === null ||
        typeof p.customerId !== "string" ||
        p.customerId === ""
      ) {
        throw new MetricError(
          "INVALID_INPUT",
          `purchases[${i}] must have a customerId; got ${describeValue(p)}`,
          {
            fn,
            index: i,
            value: p,
          },
        );
      }
      if (p.outcome !== undefined && p.outcome !== "completed") {
        notCompleted++;
        continue;
      }
      const day = dayOf(p.date);
      if (day === undefined) {
        throw new MetricError(
          "INVALID_INPUT",
          `purchases[${i}].date must be a real date YYYY-MM-DD; got ${describeValue(p.date)}`,
          {
            fn,
            index: i,
            value: p.date,
            field: "date",
          },
        );
      }
      if (day > asOf) {
        throw new MetricError(
          "INVALID_PERIOD",
          `purchases[${i}] on ${p.date} is after asOf ${read.asOf as string}: summarise as of a date after every purchase`,
          { fn, index: i, value: p.date, field: "date" },
        );
      }
      const amount = p.amount ?? 0;
      if (typeof amount !== "number" || !Number.isFinite(amount) || amount < 0) {
        throw new MetricError(
          typeof amount === "number" && amount < 0 ? "NEGATIVE_AMOUNT" : "INVALID_INPUT",
          `purchases[${i}].amount must be a finite amount ≥ 0; got ${describeValue(amount)}`,
          { fn, index: i, value: amount, field: "amount" },
        );
      }
      let byDay = days.get(p.customerId);
      if (byDay === undefined) {
        byDay = new Map();
        days.set(p.customerId, byDay);
      }
      byDay.set(day, (byDay.get(day) ?? 0) + amount);
    }
    const customers: CustomerHistory[] = [];
    for (const [customerId, byDay] of days) {
      const sorted = [...byDay.keys()].sort((a, b) => a - b);
      const first = sorted[0] as number;
      const last = sorted[sorted.length - 1] as number;
      const repeat = sorted.slice(1);
      const monetary =
        repeat.length === 0
          ? 0
          : repeat.reduce((s, d) => s + (byDay.get(d) as number), 0) / repeat.length;
      customers.push({
        customerId,
        frequency: repeat.length,
        recency: (last - first) / perUnit,
        age: (asOf - first) / perUnit,
        monetary,
      });
    }
    return { customers, notCompleted };
  });
}
