/**
 * `customer-metrics loyalty`: purchase records in, the loyalty dashboard out — repeat purchases,
 * cohort retention, RFM segment sizes and the probabilistic lifetime value of the top decile.
 *
 * @module
 */
import {
  type BgNbdModel,
  type CohortTable,
  calibrationAndHoldout,
  cohortRetention,
  compareHoldout,
  expectedLifetimeValue,
  fitBgNbd,
  fitSpendModel,
  type GammaGammaModel,
  type HoldoutComparison,
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
import { answerOf, cellOf, labelOf, type RowBatch } from "./rows.js";

/** The lifetime-value part: the two fitted models and the spread of CLV across customers. */
export interface LifetimeValues {
  readonly purchases: BgNbdModel;
  readonly spend: GammaGammaModel;
  /** Customers the spend model was fitted on, and those left out (their CLV reads the population mean spend). */
  readonly spendFittedOn: number;
  readonly spendExcluded: {
    readonly noRepeatPurchase: number;
    readonly zeroSpend: readonly string[];
  };
  /** The population's mean spend per purchase, read for the customers left out. */
  readonly populationMeanSpend: number;
  /** Months ahead, and the monthly discount rate. */
  readonly months: number;
  readonly discountRate: number;
  readonly customers: number;
  readonly mean: number;
  readonly topDecile: { readonly customers: number; readonly mean: number; readonly share: number };
}

/** The model checked on a holdout: fitted up to the calibration's end, compared after it. */
export interface HoldoutCheck {
  readonly calibrationEnd: string;
  readonly observationEnd: string;
  readonly model: BgNbdModel;
  readonly comparison: HoldoutComparison;
  /** Customers whose first purchase is after the calibration's end: not in the check. */
  readonly firstPurchaseInHoldout: number;
}

/** What `loyalty` prints. */
export interface LoyaltyReport {
  readonly asOf: string;
  /** What one purchase is: a customer's rows on one day, or each row. */
  readonly countBy: "day" | "row";
  readonly rows: number;
  readonly skipped: number;
  readonly behaviour: PurchaseBehaviour;
  readonly cohorts: CohortTable;
  /** Customers per named RFM segment (5 bins). */
  readonly rfm: Readonly<Partial<Record<RfmSegmentId, number>>>;
  /** The lifetime values, or why the models could not be fitted. */
  readonly lifetimeValue: LifetimeValues | { readonly notFitted: string };
  /** With --calibration-end: the purchase model against the holdout, or why it could not be fitted. */
  readonly holdout?: HoldoutCheck | { readonly notFitted: string };
}

const OUTCOMES = new Set(["completed", "cancelled", "returned"]);

/** Row r of a batch as a purchase record, or why it is not one. */
function purchaseOf(batch: RowBatch, r: number, args: LoyaltyArgs): PurchaseRecord | string {
  const problem = batch.problem(r);
  if (problem !== undefined) return problem;
  const value = (name: string | undefined) => cellOf(batch, r, name);
  const customerId = labelOf(value(args.customer));
  if (customerId === null) return `no ${args.customer}`;
  // ISO 8601's basic form, YYYYMMDD (the CDNOW log's), is the same date without its dashes.
  const written = labelOf(value(args.date));
  const date =
    written !== null && /^\d{8}$/.test(written)
      ? `${written.slice(0, 4)}-${written.slice(4, 6)}-${written.slice(6)}`
      : written;
  if (date === null || !isIsoDate(date)) {
    return `${args.date} ${JSON.stringify(value(args.date) ?? "")} is not a date YYYY-MM-DD (or YYYYMMDD)`;
  }
  const amount = answerOf(value(args.amount));
  // Number("1e400") is Infinity: past the largest number, not an amount.
  if (amount !== null && (typeof amount !== "number" || !Number.isFinite(amount) || amount < 0)) {
    return `${args.amount} ${JSON.stringify(value(args.amount))} is not a finite amount ≥ 0`;
  }
  const outcome = labelOf(value(args.outcome))?.toLowerCase();
  if (outcome !== undefined && !OUTCOMES.has(outcome)) {
    return `${args.outcome} ${JSON.stringify(value(args.outcome))} is not completed, cancelled or returned`;
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
  batches: AsyncIterable<RowBatch>,
  args: LoyaltyArgs,
  onBad: (line: number, reason: string) => void,
): Promise<{ purchases: PurchaseRecord[]; lines: number[]; rows: number; skipped: number }> {
  const purchases: PurchaseRecord[] = [];
  const lines: number[] = [];
  let count = 0;
  let skipped = 0;
  let checkedColumns = false;
  for await (const batch of batches) {
    for (let r = 0; r < batch.size; r++) {
      count++;
      if (!checkedColumns) {
        checkedColumns = true;
        const columns = batch.columns(r);
        for (const column of [args.customer, args.date]) {
          if (!columns.includes(column)) {
            throw new BadRowError(
              `the input has no column ${JSON.stringify(column)} (it has ${columns.map((c) => JSON.stringify(c)).join(", ")})`,
            );
          }
        }
      }
      const purchase = purchaseOf(batch, r, args);
      const line = batch.line(r);
      if (typeof purchase === "string") {
        if (args.strict) throw new BadRowError(`line ${line}: ${purchase}`);
        onBad(line, purchase);
        skipped++;
        continue;
      }
      purchases.push(purchase);
      lines.push(line);
    }
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
    const fit = fitSpendModel(histories);
    const spend = fit.model;
    if (fit.populationMeanSpend === undefined) {
      return {
        notFitted: `the spend model has q = ${spend.q.toFixed(3)} ≤ 1: its population mean spend does not exist, so lifetime value is not defined`,
      };
    }
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
      spendFittedOn: fit.fitted.length,
      spendExcluded: {
        noRepeatPurchase: fit.excluded.noRepeatPurchase.length,
        zeroSpend: fit.excluded.zeroSpend,
      },
      populationMeanSpend: fit.populationMeanSpend,
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

/** The purchase model fitted up to the calibration's end and compared with the holdout after it. */
function holdoutCheck(
  purchases: readonly PurchaseRecord[],
  calibrationEnd: string,
  asOf: string,
  countBy: LoyaltyArgs["countBy"],
): NonNullable<LoyaltyReport["holdout"]> {
  try {
    const data = calibrationAndHoldout(purchases, {
      calibrationEnd,
      observationEnd: asOf,
      countBy,
      allowFutureAsOf: true,
    });
    const model = fitBgNbd(data.customers);
    return {
      calibrationEnd,
      observationEnd: asOf,
      model,
      comparison: compareHoldout(model, data),
      firstPurchaseInHoldout: data.firstPurchaseInHoldout.length,
    };
  } catch (error) {
    if (error instanceof MetricError) return { notFitted: error.message };
    throw error;
  }
}

/** Refuse an as-of date that would read the time after the log as every customer's silence. */
function checkAsOf(asOf: string, last: string, args: LoyaltyArgs): void {
  const days = (Date.parse(asOf) - Date.parse(last)) / 86_400_000;
  if (args.allowFutureAsOf || days <= 7) return;
  throw new BadRowError(
    `--as-of ${asOf} is ${days} days after the last purchase (${last}): the weeks after the data would read as every customer's silence and lower every lifetime value. Leave --as-of out, or add --allow-future-as-of if no one bought since`,
  );
}

/** The loyalty report of checked purchase records. */
export function loyaltyReport(
  read: Awaited<ReturnType<typeof readPurchaseRows>>,
  args: LoyaltyArgs,
): LoyaltyReport {
  const { purchases, lines } = read;
  if (purchases.length === 0) throw new BadRowError("no purchases to report on");
  const last = purchases.reduce((latest, p) => (p.date > latest ? p.date : latest), "");
  const asOf = args.asOf ?? last;
  checkAsOf(asOf, last, args);
  if (args.calibrationEnd !== undefined && args.calibrationEnd >= asOf) {
    throw new BadRowError(
      `--calibration-end ${args.calibrationEnd} must be before the end of observation (${asOf}): the holdout is the time between them`,
    );
  }
  const countBy = args.countBy;
  // The as-of date was checked against the log above, in the command line's own words.
  const observed = { asOf, allowFutureAsOf: true } as const;
  return atLine(lines, () => {
    const behaviour = purchaseBehaviour(purchases, { level: args.level, countBy });
    const cohorts = cohortRetention(purchases, { period: args.period, ...observed });
    const { customers: histories } = summarizePurchases(purchases, { ...observed, countBy });
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
      countBy,
      rows: read.rows,
      skipped: read.skipped,
      behaviour,
      cohorts,
      rfm,
      lifetimeValue: lifetimeValues(histories, args),
      ...(args.calibrationEnd === undefined
        ? {}
        : { holdout: holdoutCheck(purchases, args.calibrationEnd, asOf, countBy) }),
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
    r.countBy === "day"
      ? "A purchase is a customer's rows on one day (amounts summed), in every figure below."
      : "A purchase is one row (--count-by row), in every figure below.",
    "",
    `Purchases      ${count(b.orders)} completed by ${howMany(b.customers, "customer")}${r.countBy === "day" ? ` from ${howMany(b.rows, "row")}` : ""} (${count(b.notCompleted)} returned or cancelled, left out${r.skipped > 0 ? `; ${howMany(r.skipped, "bad row")} skipped` : ""})`,
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
      `  spend fitted on ${howMany(v.spendFittedOn, "customer")} with repeat purchases worth more than $0; ${count(v.spendExcluded.noRepeatPurchase)} without a repeat purchase${v.spendExcluded.zeroSpend.length > 0 ? ` and ${count(v.spendExcluded.zeroSpend.length)} with $0 repeat purchases (${named(v.spendExcluded.zeroSpend)})` : ""} read the population mean spend, ${money(v.populationMeanSpend)}`,
    );
  }
  if (r.holdout !== undefined) out.push("", ...holdoutLines(r.holdout));
  return `${out.join("\n")}\n`;
}

/** A few customer ids, and how many more. */
function named(ids: readonly string[]): string {
  const shown = ids.slice(0, 3).map((id) => JSON.stringify(id));
  return ids.length > 3
    ? `${shown.join(", ")} and ${count(ids.length - 3)} more`
    : shown.join(", ");
}

/** The holdout check as lines of the table. */
function holdoutLines(h: NonNullable<LoyaltyReport["holdout"]>): string[] {
  if ("notFitted" in h) return [`Holdout check: not fitted — ${h.notFitted}`];
  const c = h.comparison;
  const m = h.model;
  const lines = [
    `Holdout check: BG/NBD fitted on purchases to ${h.calibrationEnd}, predicting ${h.calibrationEnd} → ${h.observationEnd} (${c.duration.toFixed(2)} weeks)`,
    `  BG/NBD       r ${m.r.toFixed(3)}, α ${m.alpha.toFixed(3)} weeks, a ${m.a.toFixed(3)}, b ${m.b.toFixed(3)}`,
    `  repeat purchases in the holdout: predicted ${c.predicted.toFixed(1)}, actual ${count(c.actual)} (${c.predicted >= c.actual ? "+" : ""}${((100 * (c.predicted - c.actual)) / Math.max(1, c.actual)).toFixed(1)} %); mean absolute error ${c.meanAbsoluteError.toFixed(3)} per customer`,
    "  purchases before   customers   actual (mean)   predicted (mean)",
  ];
  for (const g of c.byFrequency) {
    lines.push(
      `  ${g.frequency.padStart(16)}   ${count(g.customers).padStart(9)}   ${g.actual.toFixed(3).padStart(13)}   ${g.predicted.toFixed(3).padStart(16)}`,
    );
  }
  lines.push(
    `  ${howMany(c.customers, "customer")} checked; ${count(h.firstPurchaseInHoldout)} whose first purchase is in the holdout are not`,
  );
  return lines;
}

/** The report as JSON. */
export function renderLoyaltyJson(r: LoyaltyReport): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}
