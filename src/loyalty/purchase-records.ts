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

/**
 * What one purchase is, everywhere in the loyalty summaries: `"day"` — a customer's completed
 * records on one calendar day, their amounts summed (the default: the purchase and spend models
 * are defined on purchase occasions, and two rows of one order are one occasion) — or `"row"`,
 * each completed record.
 *
 * @category Loyalty
 */
export type PurchaseCount = "day" | "row";

/** Read the `countBy` option (default `"day"`). @internal */
export function checkCountBy(value: unknown, fn: string): PurchaseCount {
  if (value === undefined || value === "day" || value === "row") return value ?? "day";
  throw new MetricError(
    "INVALID_OPTION",
    `countBy must be "day" (a customer's records on one day are one purchase) or "row" (each record is one); got ${describeValue(value)}`,
    { fn, value, field: "countBy" },
  );
}

/**
 * The purchases of each customer by `countBy`, in date order: with `"day"`, a customer's
 * records on one day become one purchase (the first's position, the amounts summed); with
 * `"row"`, each record is one. Customers in the order first seen. @internal
 */
export function purchasesByCustomer(
  purchases: readonly ReadPurchase[],
  countBy: PurchaseCount,
): Map<string, ReadPurchase[]> {
  const customers = byCustomer(purchases);
  for (const [id, own] of customers) {
    own.sort((x, y) => x.day - y.day);
    if (countBy === "row") continue;
    const merged: ReadPurchase[] = [];
    for (const p of own) {
      const last = merged[merged.length - 1];
      if (last !== undefined && last.day === p.day) {
        merged[merged.length - 1] = { ...last, amount: last.amount + p.amount };
      } else merged.push(p);
    }
    customers.set(id, merged);
  }
  return customers;
}

/** The ISO date (YYYY-MM-DD) of a day since 1970-01-01. @internal */
export function isoDate(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/** The latest of the purchases, if any. @internal */
export function latestPurchase(purchases: readonly ReadPurchase[]): ReadPurchase | undefined {
  let latest: ReadPurchase | undefined;
  for (const p of purchases) if (latest === undefined || p.day > latest.day) latest = p;
  return latest;
}

/**
 * An end of observation checked against the log: more than `slack` (one week, one month…)
 * after the latest purchase of every customer — `late`, as the caller measures it — it would
 * count the silence after the data as customers' silence (lapsed customers, lifetime values
 * that fall, hundreds of empty periods). Then it is `INVALID_PERIOD`, unless `allowFuture`.
 * @internal
 */
export function checkObservationEnd(
  end: { readonly day: number; readonly date: string },
  field: string,
  latest: ReadPurchase | undefined,
  late: boolean,
  slack: string,
  allowFuture: unknown,
  fn: string,
): void {
  if (allowFuture !== undefined && typeof allowFuture !== "boolean") {
    throw new MetricError(
      "INVALID_OPTION",
      `allowFutureAsOf must be true or false; got ${describeValue(allowFuture)}`,
      { fn, value: allowFuture, field: "allowFutureAsOf" },
    );
  }
  if (allowFuture === true || latest === undefined || !late) return;
  throw new MetricError(
    "INVALID_PERIOD",
    `${field} ${end.date} is ${end.day - latest.day} days after the last purchase (${isoDate(latest.day)}), more than ${slack}: the time after the log would read as customers' silence. End it at the data's end, or pass allowFutureAsOf: true if no one bought since`,
    { fn, value: end.date, field },
  );
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
