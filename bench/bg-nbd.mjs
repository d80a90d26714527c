// Fitting BG/NBD and Gamma-Gamma to the 2,357 CDNOW customers (tests/fixtures/cdnow-summary.txt),
// beside one evaluation of the BG/NBD log-likelihood's cost as a reference unit: the fit's time
// and its number of iterations. Run: npm run build && node bench/bg-nbd.mjs
import { readFileSync } from "node:fs";
import { fitBgNbd, fitGammaGamma } from "../dist/index.js";

const rows = readFileSync(new URL("../tests/fixtures/cdnow-summary.txt", import.meta.url), "utf8")
  .split("\n")
  .filter((line) => line !== "" && !line.startsWith("#"))
  .map((line) => line.split(",").map(Number));
const histories = rows.map((f) =>
  f.length === 1
    ? { frequency: 0, recency: 0, age: f[0] }
    : { frequency: f[0], recency: f[1], age: f[2] },
);
const spends = rows.filter((f) => f.length === 4).map((f) => ({ frequency: f[0], monetary: f[3] }));
const time = (run) => {
  const times = [];
  let result;
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    result = run();
    times.push(performance.now() - start);
  }
  return { ms: times.sort((a, b) => a - b)[2], result };
};
const bg = time(() => fitBgNbd(histories));
const gg = time(() => fitGammaGamma(spends));
console.log(
  `BG/NBD on ${histories.length} customers: ${bg.ms.toFixed(0)} ms, ${bg.result.iterations} iterations, r ${bg.result.r.toFixed(3)} α ${bg.result.alpha.toFixed(3)} a ${bg.result.a.toFixed(3)} b ${bg.result.b.toFixed(3)}`,
);
console.log(
  `Gamma-Gamma on ${spends.length} customers: ${gg.ms.toFixed(0)} ms, p ${gg.result.p.toFixed(2)} q ${gg.result.q.toFixed(2)} γ ${gg.result.gamma.toFixed(2)}`,
);
