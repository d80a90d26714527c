// Writes examples/sample-survey.csv: a synthetic survey of 3,000 responses over eight quarters
// (2023-Q1 … 2024-Q4), four regions and three plans, with a weight column, some blank answers
// and a few typos — the embedded default of `customer-metrics report --sample`. Seeded, so the
// file is the same on every run: node scripts/make-sample-survey.mjs
import { writeFileSync } from "node:fs";

let state = 20261202;
const random = () => {
  state = (state * 1103515245 + 12345) % 2147483648;
  return state / 2147483648;
};
const pick = (items) => items[Math.floor(random() * items.length)];
const regions = ["North", "South", "East", "West"];
const plans = ["Free", "Pro", "Enterprise"];
const quarters = [
  "2023-Q1",
  "2023-Q2",
  "2023-Q3",
  "2023-Q4",
  "2024-Q1",
  "2024-Q2",
  "2024-Q3",
  "2024-Q4",
];
// How each region and plan leans, in NPS points of the latent 0–10 score, and a slow improvement.
const regionLift = { North: 1.0, South: -1.2, East: 0.2, West: 0 };
const planLift = { Free: -0.8, Pro: 0.4, Enterprise: 0.9 };

const clamp = (x, lo, hi) => Math.max(lo, Math.min(hi, x));
const lines = ["id,quarter,region,plan,nps,csat,ces,weight"];
for (let i = 1; i <= 3000; i++) {
  const quarter = quarters[Math.floor(((i - 1) / 3000) * quarters.length)];
  const region = pick(regions);
  const plan = pick(plans);
  const trend = quarters.indexOf(quarter) * 0.12;
  const latent =
    7 + regionLift[region] + planLift[plan] + trend + (random() + random() + random() - 1.5) * 4;
  const npsScore = Math.round(clamp(latent, 0, 10));
  const csatScore = Math.round(clamp(1 + (latent / 10) * 4 + (random() - 0.5), 1, 5));
  const cesScore = Math.round(clamp(1 + (latent / 10) * 6 + (random() - 0.5) * 2, 1, 7));
  const weight = (0.5 + random() * 1.5).toFixed(3);
  // About 2 % blank NPS answers, 1 % "N/A", and a handful of typos (out of scale).
  const r = random();
  const npsCell = r < 0.02 ? "" : r < 0.03 ? "N/A" : i % 997 === 0 ? "11" : String(npsScore);
  lines.push(
    `R${String(i).padStart(4, "0")},${quarter},${region},${plan},${npsCell},${csatScore},${cesScore},${weight}`,
  );
}
writeFileSync(new URL("../examples/sample-survey.csv", import.meta.url), `${lines.join("\n")}\n`);
console.log(`examples/sample-survey.csv: ${lines.length - 1} responses`);
