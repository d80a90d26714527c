// Throughput of tally() + nps() on 10 million NPS scores, as number[] and as Uint8Array, beside
// a naive filter-based NPS measured in the same run. Run: npm run bench (builds first).
import { NPS_SCALE, nps, tally } from "../dist/index.js";

const N = Number(process.env.BENCH_N ?? 10_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

// Deterministic scores with a realistic NPS shape.
let seed = 42;
const array = new Array(N);
for (let i = 0; i < N; i++) {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  array[i] = Math.floor((seed / 2147483648) * 11);
}
const bytes = Uint8Array.from(array);

function naiveNps(scores) {
  const promoters = scores.filter((s) => s >= 9).length;
  const detractors = scores.filter((s) => s <= 6).length;
  return (100 * (promoters - detractors)) / scores.length;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function measure(name, run) {
  run(); // warm up
  const times = [];
  let result;
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    result = run();
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  const seconds = median(times);
  return { name, result, seconds, perSecond: N / seconds };
}

const rows = [
  measure("tally + nps, number[]", () => nps(tally(array, NPS_SCALE)).score),
  measure("tally + nps, Uint8Array", () => nps(tally(bytes, NPS_SCALE)).score),
  measure("naive filter-based NPS, number[]", () => naiveNps(array)),
  measure("naive filter-based NPS, Uint8Array", () => naiveNps(bytes)),
];

const scores = new Set(rows.map((r) => r.result));
if (scores.size !== 1) throw new Error(`the methods disagree: ${[...scores].join(", ")}`);
console.log(
  `${N.toLocaleString("en")} NPS scores, median of ${RUNS} runs, Node ${process.version}`,
);
for (const r of rows) {
  console.log(
    `${r.name.padEnd(36)} ${(r.seconds * 1000).toFixed(1).padStart(8)} ms  ${(r.perSecond / 1e6).toFixed(1).padStart(7)} M responses/s`,
  );
}
console.log(`NPS = ${rows[0].result}`);
