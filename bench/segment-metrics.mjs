// segmentMetrics on 1 M customers and 1 M responses, with 10 and 100 segments (exclusive, and
// 10 overlapping), against the reference a hand-written join would be: a Map from customer id
// to segment, then an array of counts per segment — measured interleaved in one process, with
// the process's peak RSS. Run: npm run build && node bench/segment-metrics.mjs
// (BENCH_N=1000000 BENCH_RUNS=3 by default)
import { segmentMetrics, segmentValues } from "../dist/index.js";

const N = Number(process.env.BENCH_N ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
// BENCH_ONLY=ours or BENCH_ONLY=map: run one side only, to see its own peak RSS.
const ONLY = process.env.BENCH_ONLY;
let state = 5;
const next = () => {
  state = (Math.imul(state, 1103515245) + 12345) >>> 0;
  return state / 4294967296;
};
const base = {
  kind: "person",
  type: "consumer",
  relationship: "direct",
  side: "external",
  status: "current",
};
const customers = Array.from({ length: N }, (_, i) => ({ ...base, id: `c-${i}` }));
const responses = Array.from({ length: N }, () => ({
  customerId: `c-${Math.floor(next() * N * 1.02)}`,
  nps: Math.floor(next() * 11),
}));

/** A segmentation report, as segmentCustomers makes it: `segments` of them, each customer in `per`. */
function reportOf(segments, per) {
  const ids = Array.from({ length: segments }, () => []);
  const unassigned = [];
  customers.forEach((c, i) => {
    if (i % 17 === 0) unassigned.push(c.id);
    else for (let k = 0; k < per; k++) ids[(i + k * 7) % segments].push(c.id);
  });
  return {
    segments: ids.map((members, s) => ({
      id: `s${s}`,
      name: `Segment ${s}`,
      ids: members,
      members: [],
      size: members.length,
      share: members.length / N,
    })),
    unassigned: {
      ids: unassigned,
      members: [],
      size: unassigned.length,
      share: unassigned.length / N,
    },
    baseSize: N,
    mode: per > 1 ? "overlapping" : "exclusive",
  };
}

/** The reference: a Map join and counts per segment. */
function mapJoin(report) {
  const segmentOf = new Map();
  report.segments.forEach((s, k) => {
    for (const id of s.ids) {
      const prior = segmentOf.get(id);
      segmentOf.set(
        id,
        prior === undefined ? k : Array.isArray(prior) ? [...prior, k] : [prior, k],
      );
    }
  });
  const counts = report.segments.map(() => new Float64Array(11));
  for (const r of responses) {
    const s = segmentOf.get(r.customerId);
    if (s === undefined) continue;
    if (typeof s === "number") counts[s][r.nps]++;
    else for (const k of s) counts[k][r.nps]++;
  }
  return counts;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (run) => {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e6;
};
const reports = [
  [10, 1],
  [100, 1],
  [10, 2],
].map(([segments, per]) => ({ segments, per, report: reportOf(segments, per) }));
const dataRss = process.memoryUsage().rss / 2 ** 20;
console.log(
  `${N.toLocaleString("en")} customers, ${N.toLocaleString("en")} responses (2 % unmatched); the data and reports: ${dataRss.toFixed(0)} MB of RSS`,
);
for (const { segments, per, report } of reports) {
  if (ONLY !== "ours") mapJoin(report);
  if (ONLY !== "map") segmentMetrics(report, customers, responses);
  const ours = [];
  const reference = [];
  for (let r = 0; r < RUNS; r++) {
    reference.push(ONLY === "ours" ? Number.NaN : time(() => mapJoin(report)));
    ours.push(
      ONLY === "map" ? Number.NaN : time(() => segmentMetrics(report, customers, responses)),
    );
  }
  const o = median(ours);
  const ref = median(reference);
  console.log(
    `  ${segments} segments${per > 1 ? `, each customer in ${per}` : ""}: segmentMetrics ${o.toFixed(0)} ms, Map join ${ref.toFixed(0)} ms: ${(o / ref).toFixed(2)} ×`,
  );
}
// segmentValues: each customer's value ratio per segment, against a hand-written pass that
// computes the same mean ratio and its standard deviation per segment from the report's ids.
const customerValue = (c) => ({
  benefits: { functional: 10 + (c.id.length % 7) },
  sacrifices: { monetary: 8 },
});
function valuesByHand(report) {
  const byId = new Map(customers.map((c) => [c.id, c]));
  return report.segments.map((s) => {
    let sum = 0;
    let squares = 0;
    for (const id of s.ids) {
      const v = customerValue(byId.get(id));
      const ratio = v.benefits.functional / v.sacrifices.monetary;
      sum += ratio;
      squares += ratio * ratio;
    }
    return [sum / s.ids.length, squares];
  });
}
if (ONLY === undefined) {
  const { report } = reports[0];
  valuesByHand(report);
  segmentValues(report, customers, customerValue);
  const ours = [];
  const reference = [];
  for (let r = 0; r < RUNS; r++) {
    reference.push(time(() => valuesByHand(report)));
    ours.push(time(() => segmentValues(report, customers, customerValue)));
  }
  const o = median(ours);
  const ref = median(reference);
  console.log(
    `  segmentValues, 10 segments: ${o.toFixed(0)} ms, a hand-written Map join and mean: ${ref.toFixed(0)} ms: ${(o / ref).toFixed(2)} ×`,
  );
}
console.log(
  `  peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (the data and reports: ${dataRss.toFixed(0)} MB)`,
);
