// Shards: 1,000,000 responses split across worker threads, each tallied where it lies, the
// accumulators shipped back as JSON and merged — exactly the distribution of one process.
// Run after `npm run build`: node examples/shards.mjs
import { Worker } from "node:worker_threads";
import { distributionFromJSON, mergeDistributions, NPS_SCALE, nps, tally } from "../dist/index.js";

const N = 1_000_000;
const WORKERS = 4;
let state = 7;
const scores = new Uint8Array(N).map(() => {
  state = (state * 1103515245 + 12345) % 2147483648;
  return state % 11;
});

// Each worker tallies its slice and posts the Distribution as JSON text, as it would over a queue.
const library = new URL("../dist/index.js", import.meta.url).href;
const code = `
  const { parentPort, workerData } = require("node:worker_threads");
  import(${JSON.stringify(library)}).then(({ tally, NPS_SCALE }) => {
    parentPort.postMessage(JSON.stringify(tally(workerData, NPS_SCALE)));
  });
`;
const size = Math.ceil(N / WORKERS);
const shards = await Promise.all(
  Array.from({ length: WORKERS }, (_, i) => {
    const slice = scores.slice(i * size, (i + 1) * size);
    const worker = new Worker(code, { eval: true, workerData: slice });
    return new Promise((resolve, reject) => {
      worker.once("message", (text) => resolve(distributionFromJSON(JSON.parse(text))));
      worker.once("error", reject);
    }).finally(() => worker.terminate());
  }),
);
const merged = mergeDistributions(...shards);
const single = tally(scores, NPS_SCALE);
const same = JSON.stringify(merged) === JSON.stringify(single);
console.log(
  `${WORKERS} workers, ${N.toLocaleString("en")} responses: NPS ${nps(merged).score.toFixed(3)}; equal to one process: ${same}`,
);
if (!same) process.exitCode = 1;
