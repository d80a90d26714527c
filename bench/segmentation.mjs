// Segmenting 1,000,000 customers into 10 segments (exclusive and overlapping), on one core.
// Run: npm run bench:segments (builds first).
import { defineSegments, segmentCustomers } from "../dist/index.js";

const N = Number(process.env.BENCH_N ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
// With BENCH_BUDGET_MS set (npm test sets 1000), an exclusive-mode median above it fails the run.
const BUDGET =
  process.env.BENCH_BUDGET_MS === undefined ? undefined : Number(process.env.BENCH_BUDGET_MS);
let state = 3;
const next = () => {
  state = (state * 1103515245 + 12345) % 2147483648;
  return state / 2147483648;
};
const countries = ["FI", "SE", "EE"];
const customers = Array.from({ length: N }, (_, i) => ({
  id: `c-${i}`,
  kind: "person",
  type: next() < 0.3 ? "business" : "consumer",
  relationship: "direct",
  side: "external",
  status: "current",
  attributes: {
    demographic: { age: 18 + Math.floor(next() * 60) },
    regional: { country: countries[Math.floor(next() * 3)] },
    custom: { score: Math.floor(next() * 100) },
  },
}));
const segments = defineSegments(
  Array.from({ length: 10 }, (_, i) => ({
    id: `s${i}`,
    name: `Segment ${i}`,
    rule: {
      op: "all",
      rules: [
        { op: "eq", field: "attributes.regional.country", value: countries[i % 3] },
        { op: "range", field: "attributes.custom.score", min: i * 10, max: i * 10 + 9 },
      ],
    },
  })),
);

function median(values) {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

for (const mode of ["exclusive", "overlapping"]) {
  segmentCustomers(customers, segments, { mode }); // warm up
  const times = [];
  let report;
  for (let r = 0; r < RUNS; r++) {
    const start = process.hrtime.bigint();
    report = segmentCustomers(customers, segments, { mode });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const assigned = report.segments.reduce((sum, s) => sum + s.size, 0);
  if (BUDGET !== undefined && mode === "exclusive" && median(times) > BUDGET) {
    console.error(
      `segmenting took ${median(times).toFixed(0)} ms, over the budget of ${BUDGET} ms`,
    );
    process.exitCode = 1;
  }
  console.log(
    `${N.toLocaleString("en")} customers, ${segments.length} segments, ${mode}: median ${median(times).toFixed(0)} ms ` +
      `(${RUNS} runs; ${assigned.toLocaleString("en")} memberships, ${report.unassigned.size.toLocaleString("en")} unassigned)`,
  );
}
