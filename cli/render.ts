/**
 * The report as text: a table with the distribution drawn as stacked bars, JSON, or CSV.
 *
 * @module
 */
import type { Distribution, GroupResult } from "../src/core.js";
import type { Metric, ReportArgs } from "./args.js";
import type { Report } from "./report.js";

/** The parts of a bar: the metric's groups of answers, worst first, as shares of the total. */
export interface BarPart {
  readonly name: string;
  readonly share: number;
}

/** The stacked bar of a distribution: NPS detractors / passives / promoters; CSAT and CES the rest / satisfied or easy. */
export function barParts(metric: Metric, d: Distribution, threshold: number): BarPart[] {
  const at = (score: number) => (d.counts[score - d.scale.min] as number) / d.total;
  let low = 0;
  let middle = 0;
  let high = 0;
  for (let score = d.scale.min; score <= d.scale.max; score++) {
    if (metric === "nps") {
      if (score <= 6) low += at(score);
      else if (score <= 8) middle += at(score);
      else high += at(score);
    } else if (score >= threshold) high += at(score);
    else low += at(score);
  }
  if (metric === "nps") {
    return [
      { name: "detractors", share: low },
      { name: "passives", share: middle },
      { name: "promoters", share: high },
    ];
  }
  return [
    { name: metric === "csat" ? "not satisfied" : "not easy", share: low },
    { name: metric === "csat" ? "satisfied" : "easy", share: high },
  ];
}

/** The threshold of the "good" part for CSAT and CES (from the result), unused for NPS. */
export function thresholdOf(result: unknown): number {
  const r = result as { satisfiedFrom?: number; easyFrom?: number };
  return r.satisfiedFrom ?? r.easyFrom ?? 0;
}

const GLYPHS = ["▒", "░", "█"] as const;
const COLOURS = ["\u001b[31m", "\u001b[33m", "\u001b[32m"] as const;
const RESET = "\u001b[0m";

/** A stacked bar of `width` cells, the parts rounded so the cells add up to the width. */
export function bar(parts: readonly BarPart[], width: number, colour: boolean): string {
  let used = 0;
  let cumulative = 0;
  return parts
    .map((part, i) => {
      cumulative += part.share;
      const end = Math.round(cumulative * width);
      const cells = Math.max(0, end - used);
      used += cells;
      const glyph = parts.length === 2 ? (i === 0 ? GLYPHS[1] : GLYPHS[2]) : (GLYPHS[i] ?? "█");
      const text = glyph.repeat(cells);
      const tint = parts.length === 2 ? COLOURS[i === 0 ? 0 : 2] : COLOURS[i];
      return colour && cells > 0 ? `${tint}${text}${RESET}` : text;
    })
    .join("");
}

const number = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : "—");
/** A count as the report writes it: 12,345. */
export const count = (x: number): string => x.toLocaleString("en");
/** A count and its noun, singular for one: "1 row", "2 rows". */
export const howMany = (x: number, noun: string): string =>
  `${count(x)} ${noun}${x === 1 ? "" : "s"}`;
/** The line on rows left out of every group or period: they are in "All" only. */
const inAllOnly = (rows: number, column: string | undefined): string =>
  `${howMany(rows, "row")} with no ${column} ${rows === 1 ? "is" : "are"} in "All" only`;
const percent = (x: number) => `${Number((100 * x).toPrecision(4))} %`;
const pValue = (p: number | undefined) =>
  p === undefined ? "—" : p < 0.0001 ? "<0.0001" : p.toFixed(4);

interface Line {
  readonly label: string;
  readonly result: Report["overall"] | undefined;
  readonly distribution: Distribution;
  readonly difference?: number;
  readonly p?: number;
  readonly significant?: boolean;
}

function linesOf(r: Report): Line[] {
  const one = (label: string, g: GroupResult) => ({
    label,
    result: g.result,
    distribution: g.distribution,
    ...(g.comparison === undefined ? {} : { difference: g.comparison.difference }),
    ...(g.adjustedPValue === undefined ? {} : { p: g.adjustedPValue }),
    significant: g.significant,
  });
  if (r.breakdown !== undefined) return r.breakdown.groups.map((g) => one(String(g.group), g));
  if (r.trend !== undefined) return r.trend.periods.map((p) => one(p.period, p));
  return [];
}

/** The table: a header, a row per group or period, the overall row, and the tests. */
export function renderTable(r: Report, args: ReportArgs, source: string, colour: boolean): string {
  const unit = r.metric === "nps" ? "points" : r.metric === "csat" ? "%" : "scale points";
  const differenceUnit = r.metric === "csat" ? "percentage points" : unit;
  const title = `${r.metric.toUpperCase()} of ${r.column} — ${source}`;
  const out: string[] = [title, ""];
  if (r.unreliable !== undefined) out.splice(1, 0, `UNRELIABLE: ${r.unreliable}`);
  const lines = linesOf(r);
  const overall: Line = { label: "All", result: r.overall, distribution: r.distribution };
  const all = [...lines, overall];
  const labelWidth = Math.max(5, ...all.map((l) => l.label.length));
  const versus = r.trend !== undefined ? "vs previous" : "vs rest";
  const header = `${"".padEnd(labelWidth)}  ${"score".padStart(7)}  ${"interval".padEnd(17)}  ${"n".padStart(9)}  ${"eff. n".padStart(9)}  ${lines.length > 0 ? `${versus.padStart(11)}  ${"adj. p".padStart(8)}  ` : ""}distribution`;
  out.push(header);
  for (const line of all) {
    const res = line.result;
    const interval =
      res?.interval === undefined
        ? "—"
        : `[${number(res.interval.lower)}, ${number(res.interval.upper)}]`;
    const parts = barParts(r.metric, line.distribution, thresholdOf(r.overall));
    const drawn = line.distribution.total > 0 ? bar(parts, 30, colour) : "";
    const tests =
      lines.length > 0
        ? `${(line.difference === undefined ? "" : `${line.difference > 0 ? "+" : ""}${number(line.difference)}`).padStart(11)}  ${(line === overall ? "" : pValue(line.p) + (line.significant === true ? "*" : " ")).padStart(8)}  `
        : "";
    const low =
      (res?.lowBase === true ? " (low base)" : "") +
      (line === overall && r.unreliable !== undefined ? " UNRELIABLE" : "");
    if (line === overall && lines.length > 0) out.push("");
    out.push(
      `${line.label.padEnd(labelWidth)}  ${(res === undefined ? "—" : number(res.score)).padStart(7)}  ${interval.padEnd(17)}  ${count(line.distribution.n).padStart(9)}  ${count(Math.round(line.distribution.effectiveN)).padStart(9)}  ${tests}${drawn}${low}`,
    );
  }
  const parts = barParts(r.metric, r.distribution, thresholdOf(r.overall));
  const legend = parts
    .map(
      (p, i) => `${parts.length === 2 ? (i === 0 ? GLYPHS[1] : GLYPHS[2]) : GLYPHS[i]} ${p.name}`,
    )
    .join("  ");
  const method = r.overall.interval?.method ?? "no";
  out.push("", `score in ${unit}; ${method} intervals at ${percent(args.level)}; bars: ${legend}`);
  if (lines.length > 0)
    out.push(`* significant at the ${percent(1 - args.level)} level after Holm's adjustment`);
  if (r.breakdown !== undefined) {
    const t = r.breakdown.omnibus;
    out.push(
      t.notTested === undefined
        ? `across ${t.groups} groups: ${t.test} test, statistic ${number(t.statistic as number, 2)}, df ${number(t.degreesOfFreedom as number, 0)}${t.denominatorDegreesOfFreedom === undefined ? "" : ` and ${number(t.denominatorDegreesOfFreedom, 1)}`}, p ${pValue(t.pValue)}${t.caveat === undefined ? "" : ` (${t.caveat})`}`
        : `across groups: not tested (${t.notTested})`,
    );
    if (r.breakdown.ungrouped > 0) out.push(inAllOnly(r.breakdown.ungrouped, args.by));
    for (const g of r.breakdown.groups) {
      if (g.spellings === undefined) continue;
      const spelt = g.spellings.map((s) => `${JSON.stringify(s.text)} (${count(s.rows)})`);
      out.push(`${String(g.group)} merges ${spelt.join(", ")}`);
    }
  }
  if (r.trend !== undefined) {
    const c = r.trend.change;
    if (c !== undefined) {
      out.push(
        `change over the span: ${c.difference > 0 ? "+" : ""}${number(c.difference)} ${differenceUnit}, p ${pValue(c.pValue)}${c.significant === true ? " (significant)" : ""}`,
      );
    }
    if (r.trend.gaps.length > 0) out.push(`no rows in ${r.trend.gaps.join(", ")}`);
    if (r.trend.undated > 0) out.push(inAllOnly(r.trend.undated, args.period));
  }
  out.push(
    `${howMany(r.rows, "row")}: ${howMany(r.distribution.n, "response")}, ${howMany(r.distribution.missing, "missing answer")}, ${howMany(r.badRows, "bad row")} skipped`,
  );
  return `${out.join("\n")}\n`;
}

/** The report as JSON (the library's own result objects): one question's, or `{ questions }`. */
export function renderJson(reports: readonly Report[]): string {
  const value = reports.length === 1 ? reports[0] : { questions: reports };
  return `${JSON.stringify(value, null, 2)}\n`;
}

const csvCell = (value: unknown): string => {
  if (value === undefined || value === null) return "";
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/**
 * The report as CSV: one row per group or period, then the overall row; with several
 * questions, each row starts with its question's column and metric.
 */
export function renderCsv(reports: readonly Report[]): string {
  const several = reports.length > 1;
  const header = [
    ...(several ? ["question", "metric"] : []),
    "group",
    "score",
    "lower",
    "upper",
    "level",
    "n",
    "effectiveN",
    "lowBase",
    "missing",
    "difference",
    "pValue",
    "adjustedPValue",
    "significant",
  ];
  const rows: unknown[][] = [];
  for (const r of reports) {
    const push = (
      label: string,
      g: Partial<GroupResult> & { distribution: Distribution },
      result: Report["overall"] | undefined,
    ) => {
      rows.push([
        ...(several ? [r.column, r.metric] : []),
        label,
        result?.score,
        result?.interval?.lower,
        result?.interval?.upper,
        result?.interval?.level,
        g.distribution.n,
        g.distribution.effectiveN,
        result?.lowBase,
        g.distribution.missing,
        g.comparison?.difference,
        g.comparison?.pValue,
        g.adjustedPValue,
        g.significant,
      ]);
    };
    for (const g of r.breakdown?.groups ?? []) push(String(g.group), g, g.result);
    for (const p of r.trend?.periods ?? []) push(p.period, p, p.result);
    push("All", { distribution: r.distribution }, r.overall);
  }
  return `${[header, ...rows].map((row) => row.map(csvCell).join(",")).join("\n")}\n`;
}
