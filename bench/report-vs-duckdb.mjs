// `customer-metrics report` on a 10-million-row CSV against DuckDB reading and grouping the same
// file (GROUP BY region, nps, then fromCountRows + breakdownFromCounts for the statistics), in
// the same run: rows per second of each, their ratio, and the report's peak RSS (constant memory:
// it does not grow with the file). The file is generated (seeded) in the temp directory.
// Run: npm run build && node bench/report-vs-duckdb.mjs   (BENCH_ROWS=1000000 for a quick run)
import { spawnSync } from "node:child_process";
import { createWriteStream, existsSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { breakdownFromCounts, fromCountRows, NPS_SCALE } from "../dist/index.js";

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000_000);
const file = join(tmpdir(), `customer-metrics-bench-${ROWS}.csv`);

async function generate() {
  const out = createWriteStream(file);
  const regions = ["North", "South", "East", "West"];
  let state = 1;
  let buffer = "id,region,quarter,nps,weight\n";
  for (let i = 0; i < ROWS; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const r = state % 1000;
    buffer += `${i},${regions[r & 3]},2024-Q${1 + ((r >> 2) & 3)},${r < 15 ? "" : r % 11},1\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await new Promise((resolve) => out.once("drain", resolve));
      buffer = "";
    }
  }
  await new Promise((resolve) => out.end(buffer, resolve));
}

if (!existsSync(file)) await generate();
const megabytes = statSync(file).size / 1e6;

// The command line, as a user runs it; GNU time gives its peak RSS when it is installed.
const cli = join(import.meta.dirname, "..", "dist", "cli.js");
const args = [cli, "report", file, "--by", "region", "--format", "json"];
const hasTime = spawnSync("/usr/bin/time", ["-f", "%M", "true"]).status === 0;
const start = performance.now();
const child = hasTime
  ? spawnSync("/usr/bin/time", ["-f", "%M", process.execPath, ...args], {
      encoding: "utf8",
      maxBuffer: 1 << 26,
    })
  : spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 26 });
const cliSeconds = (performance.now() - start) / 1000;
if (child.status !== 0) throw new Error(child.stderr);
const report = JSON.parse(child.stdout);
const peak = hasTime
  ? `${(Number(child.stderr.trim().split("\n").pop()) / 1024).toFixed(0)} MB`
  : "n/a (no /usr/bin/time)";

// DuckDB: its own CSV reader and GROUP BY, then the same statistics on the counts.
const begin = performance.now();
const instance = await DuckDBInstance.create(":memory:");
const connection = await instance.connect();
const result = await connection.runAndReadAll(
  `SELECT region, nps AS score, count(*) AS n FROM read_csv('${file}', header = true) GROUP BY ALL`,
);
const counted = breakdownFromCounts(
  fromCountRows(result.getRowObjects(), NPS_SCALE, { group: "region", score: "score", count: "n" }),
);
const duckSeconds = (performance.now() - begin) / 1000;

const same = counted.groups.every((g) => {
  const ours = report.breakdown.groups.find((x) => x.group === g.group);
  return ours !== undefined && Math.abs(ours.result.score - g.result.score) < 1e-9;
});
const rate = (s) => `${(ROWS / s / 1e6).toFixed(2)} M rows/s`;
console.log(
  `${ROWS.toLocaleString("en")} rows, ${megabytes.toFixed(0)} MB CSV, by region (node ${process.version})`,
);
console.log(
  `  customer-metrics report: ${cliSeconds.toFixed(1)} s, ${rate(cliSeconds)}, peak RSS ${peak}`,
);
console.log(
  `  DuckDB read_csv + GROUP BY, then breakdownFromCounts: ${duckSeconds.toFixed(1)} s, ${rate(duckSeconds)}`,
);
console.log(
  `  ratio (report / DuckDB time): ${(cliSeconds / duckSeconds).toFixed(1)} ×; same NPS per region: ${same}`,
);
if (!same) process.exitCode = 1;
