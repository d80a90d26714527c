// inSegment on a segment loaded from JSON (not from defineSegments) against the same segment
// defined once: the ratio is the cost of the content key and cache lookup.
// Run: npm run build && node bench/in-segment.mjs
import { defineSegments, inSegment } from "../dist/index.js";

const text =
  '{"id":"young","name":"Young consumers","rule":{"op":"all","rules":[{"op":"range","field":"attributes.demographic.age","min":18,"max":34},{"op":"in","field":"type","values":["consumer","group"]}]}}';
const loaded = JSON.parse(text);
const [defined] = defineSegments([loaded]);
const customer = {
  id: "c-1",
  kind: "person",
  type: "consumer",
  relationship: "direct",
  side: "external",
  status: "current",
  attributes: { demographic: { age: 30 } },
};
const N = Number(process.env.BENCH_N ?? 200_000);
function time(segment) {
  let hits = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < N; i++) if (inSegment(segment, customer)) hits++;
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (hits !== N) throw new Error("wrong answer");
  return ms;
}
const runs = [];
for (let r = 0; r < 5; r++) runs.push([time(defined), time(loaded)]);
const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const d = median(runs.map((x) => x[0]));
const l = median(runs.map((x) => x[1]));
console.log(`inSegment × ${N}, median of 5, Node ${process.version}`);
console.log(`defined segment     ${d.toFixed(1)} ms`);
console.log(`loaded from JSON    ${l.toFixed(1)} ms   (${(l / d).toFixed(1)} × defined)`);
