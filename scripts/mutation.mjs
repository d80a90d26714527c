// A small mutation run by hand: each mutant is one plausible slip in the library (a bound off by
// one, a sign, a missing term); the suite must fail on every one. Prints which were caught.
// Run: node scripts/mutation.mjs   (about 15 s per mutant; restores every file it touches)
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

const MUTANTS = [
  [
    "src/survey/nps.ts",
    "const detractors = at(0) + at(1) + at(2) + at(3) + at(4) + at(5) + at(6);",
    "const detractors = at(0) + at(1) + at(2) + at(3) + at(4) + at(5);",
    "a 6 is no detractor",
  ],
  [
    "src/survey/nps.ts",
    "promoters: at(9) + at(10),",
    "promoters: at(8) + at(9) + at(10),",
    "an 8 is a promoter",
  ],
  [
    "src/stats/net-score-interval.ts",
    "return Math.max(p + d - (p - d) * (p - d), 0);",
    "return Math.max(p + d + (p - d) * (p - d), 0);",
    "sign in the NPS variance",
  ],
  [
    "src/survey/compare.ts",
    "netScoreVariance(pooledP, pooledD) * (1 / ma + 1 / mb)",
    "netScoreVariance(pooledP, pooledD) * (1 / ma)",
    "pooled NPS test error drops a sample",
  ],
  [
    "src/survey/compare.ts",
    "const pooled = (ca.share * na + cb.share * nb) / (na + nb);",
    "const pooled = (ca.share + cb.share) / 2;",
    "unweighted pooled CSAT share",
  ],
  [
    "src/distribution/distribution.ts",
    "return (total / sumOfSquaredWeights) * total;",
    "return total / sumOfSquaredWeights;",
    "Kish effective n without the square",
  ],
  [
    "src/distribution/counts.ts",
    "      if (k >= 0 && k <= span) {\n        counts[k] = (counts[k] as number) + 1;",
    "      if (k >= 0 && k <= span) {\n        counts[span - k] = (counts[span - k] as number) + 1;",
    "fast path counts the mirrored point",
  ],
  [
    "src/distribution/counts.ts",
    "      if (policy.skipMissing) {\n        this.#missing++;",
    "      if (policy.skipMissing) {",
    "a missing answer is not counted",
  ],
  [
    "src/stats/sum.ts",
    "return Math.abs(sum) >= Math.abs(value) ? sum - next + value : value - next + sum;",
    "return Math.abs(sum) >= Math.abs(value) ? value - next + sum : sum - next + value;",
    "Neumaier branches swapped",
  ],
  [
    "src/stats/proportion-interval.ts",
    "const b = 2 * x + z * z;",
    "const b = 2 * x + z;",
    "Wilson without z²",
  ],
  ["src/survey/csat.ts", "    scale.max - 1,\n", "    scale.max,\n", "CSAT default top-1 box"],
  [
    "src/survey/ces.ts",
    "studentTQuantile((1 - level) / 2, d.effectiveN - 1, true)",
    "studentTQuantile((1 - level) / 2, d.effectiveN, true)",
    "CES t with n degrees of freedom",
  ],
  [
    "src/customers/segment-metrics.ts",
    "Math.min(1, (m - rank) * p)",
    "Math.min(1, (m - rank - 1) * p)",
    "Holm multiplier off by one",
  ],
  [
    "src/distribution/input.ts",
    "export const DEFAULT_ROW_POLICY: RowPolicy = { skipInvalid: false, skipMissing: true };",
    "export const DEFAULT_ROW_POLICY: RowPolicy = { skipInvalid: true, skipMissing: true };",
    "metrics skip invalid scores silently",
  ],
  [
    "src/distribution/input.ts",
    "  if (w === 0) return 0;\n  return w >= MIN_WEIGHT_VALUE",
    "  return w >= 0 || w >= MIN_WEIGHT_VALUE",
    "any weight >= 0 accepted (subnormal squares)",
  ],
];

const run = () =>
  execFileSync("npx", ["vitest", "run", "--reporter=dot", "--bail=1"], { stdio: "pipe" });
// The unmutated suite must pass, or every mutant would look caught.
run();
const results = [];
for (const [file, from, to, what] of MUTANTS) {
  const original = readFileSync(file, "utf8");
  if (!original.includes(from)) throw new Error(`mutant "${what}": text not found in ${file}`);
  writeFileSync(file, original.replace(from, to));
  let caught = false;
  try {
    run();
  } catch {
    caught = true;
  } finally {
    writeFileSync(file, original);
  }
  results.push({ what, file, caught });
  console.log(`${caught ? "caught  " : "SURVIVED"}  ${what}  (${file})`);
}
const caught = results.filter((r) => r.caught).length;
console.log(`\n${caught} of ${results.length} mutants caught`);
process.exitCode = caught === results.length ? 0 : 1;
