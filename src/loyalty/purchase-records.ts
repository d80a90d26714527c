/**
 * Reading purchase records: one checked pass shared by every loyalty summary, so each refuses
 * the same bad rows with the same messages and counts the same purchases as not completed.
 *
 * @module
 */

import { describeValue, MetricError } from "../errors/metric-error.js";

/**
 * A purchase as the loyalty summaries read it — the shape of the library's `Purchase` records.
 *
 * @category Loyalty
 */
export interface PurchaseRecord {
  /** The customer who bought. */
  readonly customerId: string;
  /** ISO date, YYYY-MM-DD. */
  readonly date: string;
  /** The amount paid (≥ 0); needed only for spend. */
  readonly amount?: number | undefined;
  /** The products bought; needed only for trial of new products. */
  readonly items?: readonly string[] | undefined;
  /** How it ended: only completed purchases (or ones without an outcome) count. */
  readonly outcome?: "completed" | "cancelled" | "returned" | undefined;
}

/** A completed purchase, checked: its day number (days since 1970-01-01) in place of the date. @internal */
export interface ReadPurchase {
  readonly customerId: string;
  readonly day: number;
  /** Its month on the time line: year · 12 + month − 1. */
  readonly month: number;
  readonly amount: number;
  readonly items: readonly string[];
  /** Its position in the input, for messages. */
  readonly index: number;
}

/** The completed purchases and how many were left out. @internal */
export interface ReadPurchases {
  readonly purchases: readonly ReadPurchase[];
  /** Cancelled or returned: counted, not used. */
  readonly notCompleted: number;
}

const DAY = 86_400_000;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const NO_ITEMS: readonly string[] = [];

/** The day (since 1970-01-01) and month (year · 12 + month − 1) of a real ISO date. */
function parseDate(date: unknown): { readonly day: number; readonly month: number } | undefined {
  const match = typeof date === "string" ? ISO.exec(date) : null;
  if (match === null) return undefined;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const t = Date.UTC(y, m - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d)
    return undefined;
  return { day: t / DAY, month: y * 12 + m - 1 };
}

/** Whether a value is a real date written YYYY-MM-DD (2024-02-29, not 2024-02-30). @internal */
export function isIsoDate(value: unknown): boolean {
  return parseDate(value) !== undefined;
}

/** The day and month of a date option, or `INVALID_OPTION` naming it. @internal */
export function dateOption(
  value: unknown,
  field: string,
  fn: string,
): { readonly day: number; readonly month: number; readonly date: string } {
  const parsed = parseDate(value);
  if (parsed === undefined) {
    throw new MetricError(
      "INVALID_OPTION",
      `${field} must be a real date YYYY-MM-DD; got ${describeValue(value)}`,
      { fn, value, field },
    );
  }
  return { ...parsed, date: value as string };
}

/**
 * Check purchase records and keep the completed ones: a record without a customer, an outcome
 * other than completed, cancelled or returned, a date that is not a real YYYY-MM-DD, a negative
 * or non-finite amount, or items that are not strings is an error naming its position; with `asOf`, a purchase after it is `INVALID_PERIOD` (dates out of
 * order).
 *
 * @internal
 */
export function readPurchases(
  purchases: readonly PurchaseRecord[],
  fn: string,
  asOf?: { readonly day: number; readonly date: string } | undefined,
): ReadPurchases {
  if (!Array.isArray(purchases)) {
    throw new MetricError(
      "INVALID_INPUT",
      `purchases must be an array; got ${describeValue(purchases)}`,
      { fn, value: purchases },
    );
  }
  const read: ReadPurchase[] = [];
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
        { fn, index: i, value: p },
      );
    }
    if (p.outcome !== undefined && p.outcome !== "completed") {
      if (p.outcome !== "cancelled" && p.outcome !== "returned") {
        throw new MetricError(
          "INVALID_INPUT",
          `purchases[${i}].outcome must be "completed", "cancelled" or "returned"; got ${describeValue(p.outcome)}`,
          { fn, index: i, value: p.outcome, field: "outcome" },
        );
      }
      notCompleted++;
      continue;
    }
    const when = parseDate(p.date);
    if (when === undefined) {
      throw new MetricError(
        "INVALID_INPUT",
        `purchases[${i}].date must be a real date YYYY-MM-DD; got ${describeValue(p.date)}`,
        { fn, index: i, value: p.date, field: "date" },
      );
    }
    if (asOf !== undefined && when.day > asOf.day) {
      throw new MetricError(
        "INVALID_PERIOD",
        `purchases[${i}] on ${p.date} is after asOf ${asOf.date}: summarise as of a date after every purchase`,
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
    const items = p.items ?? NO_ITEMS;
    if (!Array.isArray(items) || !allStrings(items)) {
      throw new MetricError(
        "INVALID_INPUT",
        `purchases[${i}].items must be an array of product names; got ${describeValue(items)}`,
        { fn, index: i, value: items, field: "items" },
      );
    }
    read.push({ customerId: p.customerId, ...when, amount, items, index: i });
  }
  return { purchases: read, notCompleted };
}

/** The purchases of each customer, in the order customers are first seen. @internal */
export function byCustomer(purchases: readonly ReadPurchase[]): Map<string, ReadPurchase[]> {
  const customers = new Map<string, ReadPurchase[]>();
  for (const p of purchases) {
    const own = customers.get(p.customerId);
    if (own === undefined) customers.set(p.customerId, [p]);
    else own.push(p);
  }
  return customers;
}

/** Whether every element is a string: a hole, which `every` would pass over, is not. */
function allStrings(items: readonly unknown[]): boolean {
  for (let k = 0; k < items.length; k++) if (typeof items[k] !== "string") return false;
  return true;
}
