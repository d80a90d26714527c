/**
 * `customer-metrics loyalty`: purchase records in, the loyalty dashboard out — repeat purchases,
 * cohort retention, RFM segment sizes and the probabilistic lifetime value of the top decile.
 *
 * @module
 */
import {
  type BgNbdModel,
  type CohortTable,
  cohortRetention,
  expectedLifetimeValue,
  fitBgNbd,
  fitGammaGamma,
  type GammaGammaModel,
  MetricError,
  type PurchaseBehaviour,
  type PurchaseRecord,
  purchaseBehaviour,
  type RfmSegmentId,
  rfmScores,
  rfmSegment,
  summarizePurchases,
} from "../src/core.js";
import { isIsoDate } from "../src/loyalty/purchase-records.js";
import type { LoyaltyArgs } from "./args.js";
import { count, howMany } from "./render.js";
import { BadRowError } from "./report.js";
import { answerOf, labelOf, type Row } from "./rows.js";

/** The lifetime-value part: the two fitted models and the spread of CLV across customers. */
export interface LifetimeValues {
  readonly purchases: BgNbdModel;
  readonly spend: GammaGammaModel;
  /** Months ahead, and the monthly discount rate. */
  readonly months: number;
  readonly discountRate: number;
  readonly customers: number;
  readonly mean: number;
  readonly topDecile: { readonly customers: number; readonly mean: number; readonly share: number };
}

/** What `loyalty` prints. */
export interface LoyaltyReport {
  readonly asOf: string;
  readonly rows: number;
  readonly skipped: number;
  readonly behaviour: PurchaseBehaviour;
  readonly cohorts: CohortTable;
  /** Customers per named RFM segment (5 bins). */
  readonly rfm: Readonly<Partial<Record<RfmSegmentId, number>>>;
  /** The lifetime values, or why the models could not be fitted. */
  readonly lifetimeValue: LifetimeValues | { readonly notFitted: string };
}

const OUTCOMES = new Set(["completed", "cancelled", "returned"]);

/** A row as a purchase record, or why it is not one. */
function purchaseOf(row: Row, args: LoyaltyArgs): PurchaseRecord | string {
  if (row.problem !== undefined) return row.problem;
  const customerId = labelOf(row.value(args.customer));
  if (customerId === null) return `no ${args.customer}`;
  const date = labelOf(row.value(args.date));
  if (date === null || !isIsoDate(date)) {
    return `${args.date} ${JSON.stringify(row.value(args.date) ?? "")} is not a date YYYY-MM-DD`;
  }
  const amount = answerOf(row.value(args.amount));
  // Number("1e400") is Infinity: past the largest number, not an amount.
  if (amount !== null && (typeof amount !== "number" || !Number.isFinite(amount) || amount < 0)) {
    return `${args.amount} ${JSON.stringify(row.value(args.amount))} is not a finite amount ≥ 0`;
  }
  const outcome = labelOf(row.value(args.outcome))?.toLowerCase();
  if (outcome !== undefined && !OUTCOMES.has(outcome)) {
    return `${args.outcome} ${JSON.stringify(row.value(args.outcome))} is not completed, cancelled or returned`;
  }
  return {
    customerId,
    date,
    ...(amount === null ? {} : { amount: amount as number }),
    ...(outcome === undefined ? {} : { outcome: outcome as PurchaseRecord["outcome"] }),
  };
}

/** Read every row (loyalty needs them all at once); bad rows are reported, then skipped or fatal. */
export async function readPurchaseRows(
  rows: AsyncIterable<Row>,
  args: LoyaltyArgs,
  onBad: (line: number, reason: string) => void,
): Promise<{ purchases: PurchaseRecord[]; lines: number[]; rows: number; skipped: number }> {
  const purchases: PurchaseRecord[] = [];
  const lines: number[] = [];
  let count = 0;
  let skipped = 0;
  let checkedColumns = false;
  for await (const row of rows) {
    count++;
    if (!checkedColumns) {
      checkedColumns = true;
      const columns = row.columns();
      for (const column of [args.customer, args.date]) {
        if (!columns.includes(column)) {
          throw new BadRowError(
            `the input has no column ${JSON.stringify(column)} (it has ${columns.map((c) => JSON.stringify(c)).join(", ")})`,
          );
        }
      }
    }
    const purchase = purchaseOf(row, args);
    if (typeof purchase === "string") {
      if (args.strict) throw new BadRowError(`line ${row.line}: ${purchase}`);
      onBad(row.line, purchase);
      skipped++;
      continue;
    }
    purchases.push(purchase);
    lines.push(row.line);
  }
  return { purchases, lines, rows: count, skipped };
}

/** A library error about purchases[i] as the line it came from. */
function atLine<T>(lines: readonly number[], body: () => T): T {
  try {
    return body();
  } catch (error) {
    const index = error instanceof MetricError ? error.details.index : undefined;
    if (error instanceof MetricError && index !== undefined && lines[index] !== undefined) {
      // "purchases[5] on … is after …" / "purchases[5].amount must …": the row is the line.
      const sentence = error.message
        .replace(/^[\w.]+: purchases\[\d+\]\.?/, "")
        .trim()
        .replace(/^on /, "the purchase on ");
      throw new BadRowError(`line ${lines[index]}: ${sentence}`);
    }
    throw error;
  }
}

const WEEKS_PER_MONTH = 52 / 12;

/** The lifetime values of every customer, and what the top tenth of them hold. */
function lifetimeValues(
  histories: ReturnType<typeof summarizePurchases>["customers"],
  args: LoyaltyArgs,
): LoyaltyReport["lifetimeValue"] {
  try {
    const purchases = fitBgNbd(histories);
    const spend = fitGammaGamma(histories.filter((h) => h.frequency > 0));
    const values = histories
      .map((h) =>
        expectedLifetimeValue(purchases, spend, h, {
          periods: args.months,
          periodLength: WEEKS_PER_MONTH,
          discountRate: args.discountRate,
        }),
      )
      .sort((x, y) => y - x);
    const total = values.reduce((s, v) => s + v, 0);
    const top = values.slice(0, Math.max(1, Math.ceil(values.length / 10)));
    const topTotal = top.reduce((s, v) => s + v, 0);
    return {
      purchases,
      spend,
      months: args.months,
      discountRate: args.discountRate,
      customers: values.length,
      mean: total / values.length,
      topDecile: { customers: top.length, mean: topTotal / top.length, share: topTotal / total },
    };
  } catch (error) {
    if (error instanceof MetricError) return { notFitted: error.message };
    throw error;
  }
}

/** The loyalty report of checked purchase records. */
export function loyaltyReport(
  read: Awaited<ReturnType<typeof readPurchaseRows>>,
  args: LoyaltyArgs,
): LoyaltyReport {
  const { purchases, lines } = read;
  if (purchases.length === 0) throw new BadRowError("no purchases to report on");
  const asOf = args.asOf ?? purchases.reduce((last, p) => (p.date > last ? p.date : last), "");
  return atLine(lines, () => {
    const behaviour = purchaseBehaviour(purchases, { level: args.level });
    const cohorts = cohortRetention(purchases, { period: args.period, asOf });
    const { customers: histories } = summarizePurchases(purchases, { asOf });
    // RFM on weeks since the last purchase, purchase days, and total spend.
    const spent = new Map<string, number>();
    for (const p of purchases) {
      if (p.outcome === undefined || p.outcome === "completed") {
        spent.set(p.customerId, (spent.get(p.customerId) ?? 0) + (p.amount ?? 0));
      }
    }
    const scores = rfmScores(
      histories.map((h) => ({
        customerId: h.customerId,
        recency: h.age - h.recency,
        frequency: h.frequency + 1,
        monetary: spent.get(h.customerId) ?? 0,
      })),
    );
    const rfm: Partial<Record<RfmSegmentId, number>> = {};
    for (const s of scores) {
      const id = rfmSegment(s);
      rfm[id] = (rfm[id] ?? 0) + 1;
    }
    return {
      asOf,
      rows: read.rows,
      skipped: read.skipped,
      behaviour,
      cohorts,
      rfm,
      lifetimeValue: lifetimeValues(histories, args),
    };
  });
}

const money = (x: number) =>
  x.toLocaleString("en", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const share = (x: number) => `${Math.round(100 * x)}%`;

/** The report as a table for a terminal. */
export function renderLoyaltyTable(r: LoyaltyReport, source: string): string {
  const b = r.behaviour;
  const out: string[] = [
    `Loyalty — ${source}, as of ${r.asOf}`,
    "",
    `Purchases      ${count(b.orders)} completed by ${howMany(b.customers, "customer")} (${count(b.notCompleted)} returned or cancelled, left out${r.skipped > 0 ? `; ${howMany(r.skipped, "bad row")} skipped` : ""})`,
    `Repeat rate    ${(100 * b.repeatRate).toFixed(1)} %  [${(100 * b.interval.lower).toFixed(1)}, ${(100 * b.interval.upper).toFixed(1)}]  (${b.interval.method} ${Math.round(100 * b.interval.level)} %)`,
    `Frequency      ${b.frequency.toFixed(2)} orders per customer · average order ${money(b.averageOrderValue)}`,
    "",
    `Retention by ${r.cohorts.period} of first purchase: the share of each cohort buying in each later ${r.cohorts.period}`,
  ];
  const width = Math.max(0, ...r.cohorts.cohorts.map((c) => c.retention.length));
  const header = [
    "cohort  ",
    " customers",
    ...Array.from({ length: width }, (_, k) => `+${k}`.padStart(5)),
  ];
  out.push(header.join(" "));
  for (const c of r.cohorts.cohorts) {
    out.push(
      [
        c.cohort.padEnd(8),
        count(c.customers).padStart(10),
        ...c.retention.map((x) => share(x).padStart(5)),
      ].join(" "),
    );
  }
  out.push("", "RFM segments (quintile scores of recency, purchase days and spend)");
  const total = Object.values(r.rfm).reduce((s, n) => s + (n ?? 0), 0);
  const bySize = Object.entries(r.rfm).sort(([, x], [, y]) => (y ?? 0) - (x ?? 0));
  for (const [id, n] of bySize) {
    out.push(
      `  ${id.padEnd(20)} ${count(n ?? 0).padStart(7)}  ${share((n ?? 0) / total).padStart(4)}`,
    );
  }
  out.push("");
  const v = r.lifetimeValue;
  if ("notFitted" in v) {
    out.push(`Lifetime value: not fitted — ${v.notFitted}`);
  } else {
    const m = v.purchases;
    const s = v.spend;
    out.push(
      `Lifetime value over ${v.months} months at ${(100 * v.discountRate).toFixed(1)} % a month (BG/NBD × Gamma-Gamma)`,
      `  BG/NBD       r ${m.r.toFixed(3)}, α ${m.alpha.toFixed(3)} weeks, a ${m.a.toFixed(3)}, b ${m.b.toFixed(3)}`,
      `  Gamma-Gamma  p ${s.p.toFixed(3)}, q ${s.q.toFixed(3)}, γ ${s.gamma.toFixed(3)}`,
      `  every customer    ${count(v.customers).padStart(6)}  mean ${money(v.mean)}`,
      `  top decile        ${count(v.topDecile.customers).padStart(6)}  mean ${money(v.topDecile.mean)}  (${share(v.topDecile.share)} of the total)`,
    );
  }
  return `${out.join("\n")}\n`;
}

/** The report as JSON. */
export function renderLoyaltyJson(r: LoyaltyReport): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}
