// Runs the survey metrics on the bundled sample survey (examples/sample-survey.json) and prints
// NPS, CSAT and CES with their 95 % confidence intervals, then segments the customers behind it
// (examples/sample-customers.json) with the segment set in examples/segments.json and prints
// NPS per segment. `npm start` builds first.
import { readFileSync } from "node:fs";
import {
  CES_SCALE,
  CSAT_SCALE,
  ces,
  csat,
  defineSegments,
  NPS_SCALE,
  nps,
  parseCustomers,
  parseSurveyResponses,
  segmentCustomers,
  segmentMetrics,
  tally,
} from "../dist/index.js";

const read = (name) => JSON.parse(readFileSync(new URL(name, import.meta.url), "utf8"));
const { responses } = read("./sample-survey.json");

// Unanswered questions (null) are missing answers: left out and counted, never read as 0.
const npsScores = tally(responses, NPS_SCALE, { score: (r) => r.nps });
const csatScores = tally(responses, CSAT_SCALE, { score: (r) => r.csat });
const cesScores = tally(responses, CES_SCALE, { score: (r) => r.ces });

const fmt = (x) => x.toFixed(1);
const n = nps(npsScores);
const c = csat(csatScores);
const e = ces(cesScores);

console.log(`Sample survey: ${responses.length} responses\n`);
console.log(
  `NPS   ${fmt(n.score)} points   95% CI [${fmt(n.interval.lower)}, ${fmt(n.interval.upper)}] (${n.interval.method})` +
    `   n = ${n.n}, missing ${n.missing}`,
);
console.log(
  `      promoters ${fmt(100 * n.shares.promoters)} %, passives ${fmt(100 * n.shares.passives)} %, detractors ${fmt(100 * n.shares.detractors)} %`,
);
console.log(
  `CSAT  ${fmt(c.score)} %        95% CI [${fmt(c.interval.lower)}, ${fmt(c.interval.upper)}] (${c.interval.method})` +
    `   n = ${c.n}, missing ${c.missing}`,
);
console.log(
  `CES   ${e.score.toFixed(2)} / 7      95% CI [${e.interval.lower.toFixed(2)}, ${e.interval.upper.toFixed(2)}] (t)` +
    `   n = ${e.n}, easy ${fmt(100 * e.shares.easy)} %`,
);

// Segments, defined as data and checked before use.
const customers = parseCustomers(read("./sample-customers.json").customers);
const answers = parseSurveyResponses(
  responses.map(({ nps, csat, ces, ...rest }) => ({
    ...rest,
    ...(nps === null ? {} : { nps }),
    ...(csat === null ? {} : { csat }),
    ...(ces === null ? {} : { ces }),
  })),
);
const segments = defineSegments(read("./segments.json"));
const report = segmentCustomers(customers.valid, segments, { minSize: 20 });
const bySegment = segmentMetrics(report, customers.valid, answers.valid, { metric: "nps" });
console.log(
  `\nSegments (exclusive, first match; "large enough" = at least ${report.thresholds.minSize} customers)`,
);
for (const row of bySegment.segments) {
  const s = report.segments.find((x) => x.id === row.id);
  const r = row.result;
  const verdict = row.significant ? "differs from the rest" : "no significant difference";
  console.log(
    `  ${row.name.padEnd(24)} ${String(s.size).padStart(3)} customers (${fmt(100 * s.share)} %${s.largeEnough ? "" : ", small"})` +
      (r === undefined
        ? "   no answers"
        : `   NPS ${fmt(r.score)} [${fmt(r.interval.lower)}, ${fmt(r.interval.upper)}], ${verdict} (Holm-adjusted p = ${row.adjustedPValue?.toFixed(3) ?? "–"})`),
  );
}
console.log(
  `  ${"unassigned".padEnd(24)} ${String(report.unassigned.size).padStart(3)} customers (${fmt(100 * report.unassigned.share)} %)`,
);
