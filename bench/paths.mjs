// Every tally path and its reference, measured interleaved in one process (so JIT state and
// machine load are shared): the figure is the ratio, not the absolute time. Issue 13's table.
// Run: npm run build && node --expose-gc bench/paths.mjs   (BENCH_N=2000000 BENCH_RUNS=5 by default)
import {
  CustomerSchema,
  deflateSeries,
  NPS_SCALE,
  parseCustomers,
  priceIndex,
  tally,
  tallyBy,
} from "../dist/index.js";

const N = Number(process.env.BENCH_N ?? 2_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SMOKE = process.env.BENCH_SMOKE === "1";

let state = 11;
const next = () => {
  state = (state * 1103515245 + 12345) % 2147483648;
  return state / 2147483648;
};
const numbers = Array.from({ length: N }, () => Math.floor(next() * 11));
const floats = Float64Array.from(numbers);
const bytes = Uint8Array.from(numbers);
const copy = new Uint8Array(N);
const weights = Float64Array.from({ length: N }, () => 0.5 + next());
const records = numbers.map((nps, i) => ({ nps, w: weights[i], region: `r${i % 10}` }));

/** A validated plain loop: the reference a general tally should come near. */
function plainCounts(scores) {
  const counts = new Float64Array(11);
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    if (s >= 0 && s <= 10 && (s | 0) === s) counts[s]++;
    else throw new Error("bad");
  }
  return counts;
}
function plainWeighted(scores, w) {
  const counts = new Float64Array(11);
  const compensation = new Float64Array(11);
  let squares = 0;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    const x = w[i];
    if (!(s >= 0 && s <= 10 && (s | 0) === s) || !(x >= 0 && x < Infinity)) throw new Error("bad");
    const sum = counts[s];
    const t = sum + x;
    compensation[s] += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    counts[s] = t;
    squares += x * x;
  }
  return squares + counts[0] + compensation[0];
}
function plainRecords(rows) {
  const counts = new Float64Array(11);
  for (const r of rows) {
    const s = r.nps;
    if (s >= 0 && s <= 10 && (s | 0) === s) counts[s]++;
  }
  return counts;
}
function mapOfCounters(rows) {
  const groups = new Map();
  for (const r of rows) {
    let c = groups.get(r.region);
    if (c === undefined) {
      c = new Float64Array(11);
      groups.set(r.region, c);
    }
    c[r.nps]++;
  }
  return groups;
}

// Price index work: a monthly CPI over 50 years and a series of points.
const months = [];
for (let y = 1975; y < 2025; y++)
  for (let m = 1; m <= 12; m++) months.push(`${y}-${String(m).padStart(2, "0")}`);
const cpi = priceIndex(months.map((period, i) => ({ period, value: 100 + i * 0.3 })));
const series = Array.from({ length: Math.min(N, 1_000_000) }, (_, i) => ({
  period: months[i % months.length],
  value: 1000 + (i % 97),
}));
// The reference: each point's period ordinal known in advance, its level read from a typed array.
const levels = Float64Array.from(months, (_, i) => 100 + i * 0.3);
const ordinals = Int32Array.from(series, (_, i) => i % months.length);
function typedLookup(points) {
  const base = levels[(2000 - 1975) * 12];
  const out = new Array(points.length);
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    out[i] = { period: p.period, value: (p.value * base) / levels[ordinals[i]] };
  }
  return out;
}

// Customers: zod's own safeParse loop is the reference.
const customers = Array.from({ length: Math.min(N / 10, 100_000) }, (_, i) => ({
  id: `c${i}`,
  kind: "person",
  type: "consumer",
  relationship: "direct",
  side: "external",
  status: "current",
  attributes: { demographic: { age: 20 + (i % 50) } },
}));
function zodLoop(rows) {
  const valid = [];
  for (const r of rows) {
    const p = CustomerSchema.safeParse(r);
    if (p.success) valid.push(p.data);
  }
  return valid;
}

const pairs = [
  [
    "tally, number[]",
    () => tally(numbers, NPS_SCALE),
    "validated plain loop, number[]",
    () => plainCounts(numbers),
    N,
  ],
  [
    "tally, Float64Array",
    () => tally(floats, NPS_SCALE),
    "validated plain loop, Float64Array",
    () => plainCounts(floats),
    N,
  ],
  [
    "tally, Uint8Array",
    () => tally(bytes, NPS_SCALE),
    "copying the bytes (set into a buffer)",
    () => copy.set(bytes),
    N,
  ],
  [
    "tally, weighted (Float64Array)",
    () => tally(floats, NPS_SCALE, { weights }),
    "plain weighted loop with Neumaier",
    () => plainWeighted(floats, weights),
    N,
  ],
  [
    "tally, weighted",
    () => tally(floats, NPS_SCALE, { weights }),
    "tally, unweighted",
    () => tally(floats, NPS_SCALE),
    N,
  ],
  [
    "tally, records with accessors",
    () => tally(records, NPS_SCALE, { score: (r) => r.nps }),
    "plain record loop",
    () => plainRecords(records),
    N,
  ],
  [
    "tallyBy, 10 groups",
    () => tallyBy(records, (r) => r.region, NPS_SCALE, { score: (r) => r.nps }),
    "Map of counters",
    () => mapOfCounters(records),
    N,
  ],
  [
    "deflateSeries",
    () => deflateSeries(cpi, series, "2000-01"),
    "lookup by ordinal in a typed array",
    () => typedLookup(series),
    series.length,
  ],
  [
    "parseCustomers",
    () => parseCustomers(customers),
    "zod safeParse loop",
    () => zodLoop(customers),
    customers.length,
    true,
  ],
];

// The parsers' runs each start from a collected heap (under node --expose-gc, as `npm run bench`
// runs it): they make 100,000 objects a run, and otherwise one side's garbage is collected in
// the other's time — parseCustomers against zod's loop moved 1.02–1.29 × between runs that way.
// The counting paths are timed without it: a forced full collection also throws away some of
// their optimized code, and their ratios moved the other way (weighted 2–4.6 ×).
function time(run, collect = false) {
  if (collect) globalThis.gc?.();
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const runs = SMOKE ? 1 : RUNS;
console.log(
  `${N.toLocaleString("en")} responses per path, median of ${runs} interleaved runs, Node ${process.version}`,
);
for (const [name, ours, refName, reference, size, collect] of pairs) {
  ours();
  reference();
  const a = [];
  const b = [];
  for (let i = 0; i < runs; i++) {
    a.push(time(ours, collect));
    b.push(time(reference, collect));
  }
  const ta = median(a);
  const tb = median(b);
  // The ratio is the median of each round's ratio: the two runs of a round see the same load on
  // a shared machine, where a ratio of medians mixes rounds (one pair moved 0.97–1.33 × between
  // rounds of one process). The range of the rounds' ratios is printed beside it.
  const ratios = a.map((t, i) => t / b[i]);
  const range = `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}`;
  console.log(
    `${name.padEnd(32)} ${(size / ta / 1e3).toFixed(1).padStart(8)} M/s   ${refName.padEnd(36)} ${(size / tb / 1e3).toFixed(1).padStart(8)} M/s   ratio ${median(ratios).toFixed(2)} × (rounds ${range})`,
  );
}
