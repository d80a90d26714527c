/**
 * The report as an SVG picture: per question a section, and in it per group (or period) the
 * stacked bar of the distribution, the score with its confidence interval drawn as a whisker on
 * an axis fitted to the data (with the zero line when zero is in range), and the score and n
 * written out.
 *
 * @module
 */
import type { Distribution } from "../src/core.js";
import { barParts, count, thresholdOf } from "./render.js";
import type { Report } from "./report.js";

const COLOURS = ["#d9534f", "#f0ad4e", "#5cb85c"] as const;
const ROW = 28;
const LABEL = 140;
const BAR = 320;
const GAP = 30;
const SCORE = 260;
const VALUE = 150;
const WIDTH = LABEL + BAR + GAP + SCORE + GAP + VALUE;

const xml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const fixed = (x: number) => Number(x.toFixed(2));

/** The range a score can take: NPS −100…100, CSAT 0…100, CES its scale. */
function limits(r: Report): [number, number] {
  if (r.metric === "nps") return [-100, 100];
  if (r.metric === "csat") return [0, 100];
  return [r.distribution.scale.min, r.distribution.scale.max];
}

/** A step of 1, 2 or 5 × 10^k that cuts `span` into about six. */
function niceStep(span: number): number {
  const rough = span / 6;
  const power = 10 ** Math.floor(Math.log10(rough));
  const m = rough / power;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * power;
}

/**
 * The axis of a section: the scores and interval ends of its entries, widened to round ticks
 * and kept within the metric's range; at least a twentieth of that range wide.
 */
export function axisOf(
  r: Report,
  values: readonly number[],
): { lo: number; hi: number; ticks: number[] } {
  const [min, max] = limits(r);
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  const least = (max - min) / 20;
  if (hi - lo < least) {
    const middle = (lo + hi) / 2;
    lo = middle - least / 2;
    hi = middle + least / 2;
  }
  const step = niceStep(hi - lo);
  lo = Math.max(min, Math.floor(lo / step) * step);
  hi = Math.min(max, Math.ceil(hi / step) * step);
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) ticks.push(fixed(t));
  return { lo, hi, ticks };
}

interface Entry {
  readonly label: string;
  readonly distribution: Distribution;
  readonly result: Report["overall"] | undefined;
}

function entriesOf(r: Report): Entry[] {
  return [
    ...(r.breakdown?.groups.map((g) => ({
      label: String(g.group),
      distribution: g.distribution,
      result: g.result,
    })) ?? []),
    ...(r.trend?.periods.map((p) => ({
      label: p.period,
      distribution: p.distribution,
      result: p.result,
    })) ?? []),
    { label: "All", distribution: r.distribution, result: r.overall },
  ];
}

/** The score as written beside its bar. */
function scoreText(r: Report, score: number): string {
  return r.metric === "ces"
    ? score.toFixed(2)
    : `${score > 0 && r.metric === "nps" ? "+" : ""}${score.toFixed(1)}${r.metric === "csat" ? " %" : ""}`;
}

/** One question's section, from `top` down; its parts and its height. */
function section(r: Report, top: number): { parts: string[]; height: number } {
  const entries = entriesOf(r);
  const values = entries.flatMap((e) =>
    e.result === undefined
      ? []
      : [
          e.result.score,
          ...(e.result.interval === undefined
            ? []
            : [e.result.interval.lower, e.result.interval.upper]),
        ],
  );
  const { lo, hi, ticks } = axisOf(r, values);
  const x0 = LABEL + BAR + GAP;
  const xScore = (v: number) => fixed(x0 + ((v - lo) / (hi - lo)) * SCORE);
  const first = top + 40;
  const threshold = thresholdOf(r.overall);
  const method = r.overall.interval?.method ?? "";
  const parts: string[] = [
    `<text x="8" y="${top + 18}" font-weight="bold" font-size="14">${xml(`${r.metric.toUpperCase()} of ${r.column}`)}</text>`,
    `<text x="${LABEL}" y="${top + 34}" font-weight="bold">distribution</text>`,
    `<text x="${x0}" y="${top + 34}" font-weight="bold">${xml(`${r.metric.toUpperCase()}, ${method} interval`)}</text>`,
    `<text x="${x0 + SCORE + GAP}" y="${top + 34}" font-weight="bold">score (n)</text>`,
  ];
  if (r.unreliable !== undefined) {
    parts.push(
      `<text class="unreliable" x="${LABEL + 60}" y="${top + 18}" fill="#b00020" font-weight="bold">${xml(`UNRELIABLE: ${(100 * r.badShare).toPrecision(3)} % of rows were bad`)}</text>`,
    );
  }
  const axisY = first + entries.length * ROW + 8;
  parts.push(
    `<line class="axis" data-from="${lo}" data-to="${hi}" x1="${xScore(lo)}" y1="${axisY}" x2="${xScore(hi)}" y2="${axisY}" stroke="#999999"/>`,
  );
  for (const tick of ticks) {
    parts.push(
      `<line x1="${xScore(tick)}" y1="${axisY}" x2="${xScore(tick)}" y2="${axisY + 4}" stroke="#999999"/>`,
      `<text class="tick" x="${xScore(tick)}" y="${axisY + 16}" text-anchor="middle" fill="#555555">${tick}</text>`,
    );
  }
  if (lo < 0 && hi > 0) {
    parts.push(
      `<line class="zero" x1="${xScore(0)}" y1="${first - 4}" x2="${xScore(0)}" y2="${axisY}" stroke="#888888" stroke-dasharray="3,3"/>`,
    );
  }
  entries.forEach((entry, i) => {
    const y = first + i * ROW;
    parts.push(`<g class="row" data-label="${xml(entry.label)}">`);
    parts.push(`<text x="${LABEL - 8}" y="${y + 15}" text-anchor="end">${xml(entry.label)}</text>`);
    if (entry.distribution.total > 0) {
      const shares = barParts(r.metric, entry.distribution, threshold);
      let x = LABEL;
      shares.forEach((part, k) => {
        const w = fixed(part.share * BAR);
        const colour = shares.length === 2 ? COLOURS[k === 0 ? 0 : 2] : COLOURS[k];
        parts.push(
          `<rect class="part" data-part="${xml(part.name)}" data-share="${part.share}" x="${fixed(x)}" y="${y + 3}" width="${w}" height="${ROW - 8}" fill="${colour}"><title>${xml(`${part.name}: ${(100 * part.share).toFixed(1)} %`)}</title></rect>`,
        );
        x += part.share * BAR;
      });
    }
    const res = entry.result;
    const n = count(entry.distribution.n);
    if (res !== undefined) {
      const cy = y + ROW / 2 - 1;
      if (res.interval !== undefined) {
        const x1 = xScore(res.interval.lower);
        const x2 = xScore(res.interval.upper);
        parts.push(
          `<line class="whisker" x1="${x1}" y1="${cy}" x2="${x2}" y2="${cy}" stroke="#333333" stroke-width="1.5"/>`,
          `<line x1="${x1}" y1="${cy - 5}" x2="${x1}" y2="${cy + 5}" stroke="#333333" stroke-width="1.5"/>`,
          `<line x1="${x2}" y1="${cy - 5}" x2="${x2}" y2="${cy + 5}" stroke="#333333" stroke-width="1.5"/>`,
        );
      }
      parts.push(
        `<circle class="score" data-score="${res.score}" cx="${xScore(res.score)}" cy="${cy}" r="4" fill="#1f4e79"><title>${xml(scoreText(r, res.score))}</title></circle>`,
        `<text class="value" x="${x0 + SCORE + GAP}" y="${y + 15}">${xml(`${scoreText(r, res.score)} (n = ${n})`)}</text>`,
      );
    } else {
      parts.push(
        `<text class="value" x="${x0 + SCORE + GAP}" y="${y + 15}" fill="#777777">${xml(`— (n = ${n})`)}</text>`,
      );
    }
    parts.push("</g>");
  });
  const legendY = axisY + 34;
  const legend = barParts(r.metric, r.distribution, threshold);
  legend.forEach((part, k) => {
    const x = LABEL + k * 110;
    const colour = legend.length === 2 ? COLOURS[k === 0 ? 0 : 2] : COLOURS[k];
    parts.push(
      `<rect x="${x}" y="${legendY - 10}" width="10" height="10" fill="${colour}"/>`,
      `<text x="${x + 14}" y="${legendY - 1}">${xml(part.name)}</text>`,
    );
  });
  return { parts, height: legendY + 16 - top };
}

/** The SVG document of a report: one section per question, one under the other. */
export function renderSvg(reports: readonly Report[]): string {
  const body: string[] = [];
  let top = 0;
  for (const r of reports) {
    const { parts, height } = section(r, top);
    body.push(`<g class="question" data-column="${xml(r.column)}">`, ...parts, "</g>");
    top += height + 10;
  }
  const height = top;
  const title = reports.map((r) => `${r.metric.toUpperCase()} of ${r.column}`).join("; ");
  return `${[
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="12">`,
    `<title>${xml(title)}</title>`,
    `<rect x="0" y="0" width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    ...body,
    "</svg>",
  ].join("\n")}\n`;
}
