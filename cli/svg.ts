/**
 * The report as an SVG picture: per group (or period) the stacked bar of the distribution, and
 * the score with its confidence interval drawn as a whisker on the metric's range.
 *
 * @module
 */
import type { Distribution } from "../src/core.js";
import { barParts, thresholdOf } from "./render.js";
import type { Report } from "./report.js";

const COLOURS = ["#d9534f", "#f0ad4e", "#5cb85c"] as const;
const ROW = 28;
const LABEL = 140;
const BAR = 320;
const GAP = 30;
const SCORE = 260;

const xml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const fixed = (x: number) => Number(x.toFixed(2));

/** The range of the metric's score: NPS −100…100, CSAT 0…100, CES the scale. */
function range(r: Report): [number, number] {
  if (r.metric === "nps") return [-100, 100];
  if (r.metric === "csat") return [0, 100];
  return [r.distribution.scale.min, r.distribution.scale.max];
}

interface Entry {
  readonly label: string;
  readonly distribution: Distribution;
  readonly result: Report["overall"] | undefined;
}

/** The SVG document of a report. */
export function renderSvg(r: Report): string {
  const entries: Entry[] = [
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
  const [lo, hi] = range(r);
  const xScore = (v: number) => fixed(LABEL + BAR + GAP + ((v - lo) / (hi - lo)) * SCORE);
  const width = LABEL + BAR + GAP + SCORE + 20;
  const top = 40;
  const height = top + entries.length * ROW + 50;
  const threshold = thresholdOf(r.overall);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<title>${xml(`${r.metric.toUpperCase()} of ${r.column}`)}</title>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${LABEL}" y="20" font-weight="bold">distribution</text>`,
    `<text x="${LABEL + BAR + GAP}" y="20" font-weight="bold">${xml(r.metric.toUpperCase())} with ${xml(r.overall.interval?.method ?? "")} interval</text>`,
  ];
  // The score axis: the range, and the zero line for NPS.
  const axisY = top + entries.length * ROW + 8;
  parts.push(
    `<line x1="${xScore(lo)}" y1="${axisY}" x2="${xScore(hi)}" y2="${axisY}" stroke="#999999"/>`,
  );
  for (const tick of [lo, (lo + hi) / 2, hi]) {
    parts.push(
      `<text x="${xScore(tick)}" y="${axisY + 16}" text-anchor="middle" fill="#555555">${fixed(tick)}</text>`,
    );
  }
  if (lo < 0 && hi > 0) {
    parts.push(
      `<line x1="${xScore(0)}" y1="${top - 6}" x2="${xScore(0)}" y2="${axisY}" stroke="#cccccc" stroke-dasharray="3,3"/>`,
    );
  }
  entries.forEach((entry, i) => {
    const y = top + i * ROW;
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
        `<circle class="score" data-score="${res.score}" cx="${xScore(res.score)}" cy="${cy}" r="4" fill="#1f4e79"><title>${xml(`${res.score.toFixed(1)}`)}</title></circle>`,
      );
    }
    parts.push("</g>");
  });
  const legend = barParts(r.metric, r.distribution, threshold);
  legend.forEach((part, k) => {
    const x = LABEL + k * 110;
    const colour = legend.length === 2 ? COLOURS[k === 0 ? 0 : 2] : COLOURS[k];
    parts.push(
      `<rect x="${x}" y="${height - 20}" width="10" height="10" fill="${colour}"/>`,
      `<text x="${x + 14}" y="${height - 11}">${xml(part.name)}</text>`,
    );
  });
  parts.push("</svg>");
  return `${parts.join("\n")}\n`;
}
