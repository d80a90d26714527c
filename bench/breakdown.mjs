// breakdown on a flat table of 1,000,000 responses in 10 regions, against the two references
// measured in the same run: tallyBy (the one-pass grouping it builds on) and a hand-written
// loop of counters in a Map (no validation, no statistics). The figures are ratios, which do
// not move with the machine's load as absolute times do. Run: npm run build && node bench/breakdown.mjs
import { breakdown, NPS_SCALE, tallyBy } from "../dist/index.js";

const N = Number(process.env.BENCH_N ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
let state = 5;
const next = () => {
  state = (state * 1103515245 + 12345) % 2147483648;
  return state / 2147483648;
};
const regions = Array.from({ length: 10 }, (_, i) => `region-${i}`);
const rows = Array.from({ length: N }, (_, i) => ({
  region: regions[Math.floor(next() * 10)],
  nps: i % 50 === 0 ? null : Math.floor(next() * 11),
}));

/** Median time of each function, run interleaved (one of each per round) so JIT state is shared fairly. */
function medians(runs) {
  const times = runs.map(() => []);
  for (let round = 0; round < RUNS; round++) {
    runs.forEach((run, i) => {
      const start = process.hrtime.bigint();
      run();
      times[i].push(Number(process.hrtime.bigint() - start) / 1e6);
    });
  }
  return times.map((t) => t.sort((x, y) => x - y)[Math.floor(RUNS / 2)]);
}

let sink = 0;
const [plain, grouped, full] = medians([
  () => {
    const groups = new Map();
    for (const row of rows) {
      let counts = groups.get(row.region);
      if (counts === undefined) {
        counts = new Float64Array(11);
        groups.set(row.region, counts);
      }
      if (row.nps !== null) counts[row.nps]++;
    }
    sink += groups.size;
  },
  () => {
    sink += tallyBy(rows, (r) => r.region, NPS_SCALE, { score: (r) => r.nps }).size;
  },
  () => {
    sink += breakdown(rows, { by: "region", score: "nps" }).groups.length;
  },
]);
console.log(`breakdown of ${N.toLocaleString("en")} rows × 10 regions (median of ${RUNS})`);
console.log(`  Map of counters (reference): ${plain.toFixed(0)} ms`);
console.log(
  `  tallyBy:                     ${grouped.toFixed(0)} ms  (${(grouped / plain).toFixed(2)} × reference)`,
);
console.log(
  `  breakdown:                   ${full.toFixed(0)} ms  (${(full / plain).toFixed(2)} × reference, ${(full / grouped).toFixed(2)} × tallyBy)`,
);
if (sink === 0) console.log("");
