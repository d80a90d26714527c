// Byte-coded input (issue 13, target 1): tally of 100 M byte scores to a full, validated
// Distribution, against copying the same bytes (TypedArray.set), measured interleaved in one
// process — the WebAssembly SIMD kernel, nps (which needs three groups, not eleven points),
// the JavaScript tables (useWebAssembly(false)), the
// three kinds of byte array, and the same after the process has also tallied number[] and
// Float64Array (one loop per array kind: the byte path must not slow down).
// Run: npm run build && node bench/bytes.mjs   (BENCH_BYTES=100000000 BENCH_RUNS=5 by default)
import { cpus } from "node:os";
import { NPS_SCALE, nps, tally, useWebAssembly } from "../dist/index.js";

const N = Number(process.env.BENCH_BYTES ?? 100_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

let state = 7;
const bytes = new Uint8Array(N);
for (let i = 0; i < N; i++) {
  state = (Math.imul(state, 1103515245) + 12345) >>> 0;
  bytes[i] = (state >>> 16) % 11;
}
const signed = new Int8Array(bytes.buffer);
const clamped = new Uint8ClampedArray(bytes.buffer);
const target = new Uint8Array(N);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const seconds = (run) => {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e9;
};

/**
 * Interleaved rounds of every case; the median time of each, and the median of each round's
 * ratio to the first case (the copy): the runs of one round see the same load on a shared
 * machine, where a ratio of medians mixes rounds.
 */
function rounds(cases) {
  const times = cases.map(() => []);
  for (const c of cases) c.run(); // warm up (and compile the kernel)
  for (let r = 0; r < RUNS; r++) {
    for (const [i, c] of cases.entries()) times[i].push(seconds(c.run));
  }
  return cases.map((c, i) => ({
    name: c.name,
    seconds: median(times[i]),
    ofCopy: median(times[i].map((t, r) => times[0][r] / t)),
  }));
}

const check = tally(bytes, NPS_SCALE);
const copy = { name: "copying the bytes (TypedArray.set)", run: () => target.set(bytes) };
const kernel = (name, scores) => ({
  name,
  run: () => {
    if (tally(scores, NPS_SCALE).n !== N) throw new Error("count");
  },
});
const tables = {
  name: "tally, Uint8Array, JavaScript tables",
  run: () => {
    useWebAssembly(false);
    try {
      if (tally(bytes, NPS_SCALE).n !== N) throw new Error("count");
    } finally {
      useWebAssembly(true);
    }
  },
};
const npsOfBytes = {
  name: "nps, Uint8Array (three groups)",
  run: () => {
    if (nps(bytes).n !== N) throw new Error("count");
  },
};
const first = rounds([
  copy,
  kernel("tally, Uint8Array, WebAssembly SIMD", bytes),
  npsOfBytes,
  kernel("tally, Int8Array", signed),
  kernel("tally, Uint8ClampedArray", clamped),
  tables,
]);
// Now tally the other kinds of array in the same process, and measure bytes again.
const numbers = Array.from(bytes.subarray(0, 2_000_000));
for (let i = 0; i < 3; i++) {
  tally(numbers, NPS_SCALE);
  tally(Float64Array.from(numbers), NPS_SCALE);
}
const after = rounds([copy, kernel("tally, Uint8Array, after number[] and Float64Array", bytes)]);

const rate = (s) => `${(N / s / 1e9).toFixed(2)} G/s`;
console.log(
  `${N.toLocaleString("en")} byte scores; ${cpus().length} × ${cpus()[0]?.model ?? "?"}; Node ${process.version}; NPS ${((100 * (check.counts[9] + check.counts[10] - check.counts.slice(0, 7).reduce((a, b) => a + b))) / N).toFixed(2)}`,
);
const [reference, ...rest] = first;
console.log(`  ${reference.name.padEnd(52)} ${rate(reference.seconds)}`);
for (const r of rest) {
  console.log(
    `  ${r.name.padEnd(52)} ${rate(r.seconds).padStart(9)}  ${r.ofCopy.toFixed(2)} × the copy`,
  );
}
const [, bytesAfter] = after;
console.log(
  `  ${bytesAfter.name.padEnd(52)} ${rate(bytesAfter.seconds).padStart(9)}  ${bytesAfter.ofCopy.toFixed(2)} × the copy; ${(bytesAfter.seconds / first[1].seconds).toFixed(2)} × its time before`,
);
