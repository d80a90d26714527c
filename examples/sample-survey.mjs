// Runs the survey metrics on the bundled sample survey (examples/sample-survey.json) and prints
// NPS, CSAT and CES with their 95 % confidence intervals. `npm start` builds first.
import { readFileSync } from "node:fs";
import { CES_SCALE, CSAT_SCALE, ces, csat, NPS_SCALE, nps, tally } from "../dist/index.js";

const { responses } = JSON.parse(
  readFileSync(new URL("./sample-survey.json", import.meta.url), "utf8"),
);

// Unanswered questions (null) are skipped — and counted, never dropped silently.
const npsScores = tally(responses, NPS_SCALE, { score: (r) => r.nps, invalid: "skip" });
const csatScores = tally(responses, CSAT_SCALE, { score: (r) => r.csat, invalid: "skip" });
const cesScores = tally(responses, CES_SCALE, { score: (r) => r.ces, invalid: "skip" });

const fmt = (x) => x.toFixed(1);
const n = nps(npsScores);
const c = csat(csatScores);
const e = ces(cesScores);

console.log(`Sample survey: ${responses.length} responses\n`);
console.log(
  `NPS   ${fmt(n.score)} points   95% CI [${fmt(n.interval.lower)}, ${fmt(n.interval.upper)}] (${n.interval.method})` +
    `   n = ${n.n}, skipped ${npsScores.skipped}`,
);
console.log(
  `      promoters ${fmt(100 * n.shares.promoters)} %, passives ${fmt(100 * n.shares.passives)} %, detractors ${fmt(100 * n.shares.detractors)} %`,
);
console.log(
  `CSAT  ${fmt(c.score)} %        95% CI [${fmt(c.interval.lower)}, ${fmt(c.interval.upper)}] (${c.interval.method})` +
    `   n = ${c.n}, skipped ${csatScores.skipped}`,
);
console.log(
  `CES   ${e.score.toFixed(2)} / 7      95% CI [${e.interval.lower.toFixed(2)}, ${e.interval.upper.toFixed(2)}] (t)` +
    `   n = ${e.n}, easy ${fmt(100 * e.shareEasy)} %`,
);
