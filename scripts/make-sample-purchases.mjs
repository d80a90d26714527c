// Writes examples/sample-purchases.csv: synthetic purchase records of 1,500 customers acquired
// over 2023-01 … 2024-09 and observed to 2024-12-31 — the embedded default of
// `customer-metrics loyalty --sample`. Customers buy as the BG/NBD model assumes (a Poisson rate
// per customer, Gamma across customers; after each purchase a chance of leaving, Beta across
// customers), spend around a mean of their own (Gamma-Gamma), and about 4 % of orders are
// returned or cancelled. Seeded, so the file is the same on every run:
// node scripts/make-sample-purchases.mjs
import { writeFileSync } from "node:fs";

// mulberry32: 32-bit integer arithmetic (Math.imul), exact in JavaScript.
let state = 20261203;
const random = () => {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
};
const normal = () => Math.sqrt(-2 * Math.log(random())) * Math.cos(2 * Math.PI * random());
/** Gamma(shape, scale 1) by Marsaglia & Tsang (with the shape < 1 boost). */
const gamma = (shape) => {
  if (shape < 1) return gamma(shape + 1) * random() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal();
    const v = (1 + c * x) ** 3;
    if (v > 0 && Math.log(random()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
};
const beta = (a, b) => {
  const x = gamma(a);
  return x / (x + gamma(b));
};

const DAY = 86_400_000;
const start = Date.UTC(2023, 0, 1) / DAY;
const lastAcquisition = Date.UTC(2024, 8, 30) / DAY;
const end = Date.UTC(2024, 11, 31) / DAY;
const iso = (day) => new Date(day * DAY).toISOString().slice(0, 10);
// Purchase rate per day: Gamma(r = 0.9, scale 1/α) with α = 30 days; dropout p: Beta(0.7, 3.5).
const r = 0.9;
const alpha = 30;
const [a, b] = [0.7, 3.5];
// Spend per order: Gamma(p = 6, scale ν⁻¹) with ν ~ Gamma(q = 4, scale 1/γ), γ = 20: about 40.
const [p, q, g] = [6, 4, 20];

const rows = [];
for (let c = 1; c <= 1500; c++) {
  const customerId = `C${String(c).padStart(4, "0")}`;
  const first = start + Math.floor(random() * (lastAcquisition - start + 1));
  const rate = gamma(r) / alpha;
  const dropout = beta(a, b);
  const nu = gamma(q) / g;
  let day = first;
  for (;;) {
    const amount = gamma(p) / nu;
    const r0 = random();
    const outcome = r0 < 0.03 ? "returned" : r0 < 0.04 ? "cancelled" : "";
    rows.push([day, customerId, amount.toFixed(2), outcome]);
    if (random() < dropout) break;
    day += Math.max(1, Math.round(-Math.log(random()) / rate));
    if (day > end) break;
  }
}
rows.sort((x, y) => x[0] - y[0] || (x[1] < y[1] ? -1 : 1));
const lines = ["customerId,date,amount,outcome"];
for (const [day, customerId, amount, outcome] of rows) {
  lines.push(`${customerId},${iso(day)},${amount},${outcome}`);
}
writeFileSync(
  new URL("../examples/sample-purchases.csv", import.meta.url),
  `${lines.join("\n")}\n`,
);
console.log(`examples/sample-purchases.csv: ${rows.length} purchases by 1,500 customers`);
