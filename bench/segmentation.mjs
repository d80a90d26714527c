// Segmenting 1,000,000 customers into 10 segments (exclusive and overlapping), on one core,
// against a hand-written loop that tests the same rules with plain property access, measured in
// the same run: the figure is the ratio, which does not move with the machine's load the way an
// absolute time does. Run: npm run bench (builds first).
import { defineSegments, segmentCustomers } from "../dist/index.js";

const N = Number(process.env.BENCH_N ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
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

/** The reference: the same ten rules, written out by hand, exclusive mode. */
function handWritten(base) {
  const sizes = new Array(10).fill(0);
  for (const c of base) {
    const country = c.attributes?.regional?.country;
    const score = c.attributes?.custom?.score;
    for (let i = 0; i < 10; i++) {
      if (country === countries[i % 3] && score >= i * 10 && score <= i * 10 + 9) {
        sizes[i]++;
        break;
      }
    }
  }
  return sizes;
}

function timeOf(run) {
  const times = [];
  for (let r = 0; r < RUNS; r++) {
    const start = process.hrtime.bigint();
    run();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}

handWritten(customers); // warm up
const reference = timeOf(() => handWritten(customers));
console.log(`hand-written loop over the same rules: median ${reference.toFixed(0)} ms`);

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
  console.log(
    `${N.toLocaleString("en")} customers, ${segments.length} segments, ${mode}: median ${median(times).toFixed(0)} ms ` +
      `= ${(median(times) / reference).toFixed(2)} × the hand-written loop ` +
      `(${RUNS} runs; ${assigned.toLocaleString("en")} memberships, ${report.unassigned.size.toLocaleString("en")} unassigned)`,
  );
}
