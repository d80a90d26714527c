// `customer-metrics report` on a 10-million-row CSV against DuckDB reading and grouping the same
// file (GROUP BY region, nps, then fromCountRows + breakdownFromCounts for the statistics), in
// the same run: rows per second of each, their ratio, on one thread and on every core, the
// report's peak RSS (constant memory: it does not grow with the file), and the split of the
// report's pass between its CSV reader and its own per-row work (CPU time, in a process of its
// own). Medians of BENCH_RUNS rounds, each round running every contender once. The file is
// generated (seeded) in the temp directory.
// Run: npm run build && node bench/report-vs-duckdb.mjs   (BENCH_ROWS=1000000 for a quick run)
import { spawnSync } from "node:child_process";
import { createWriteStream, existsSync, statSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { breakdownFromCounts, fromCountRows, NPS_SCALE } from "../dist/index.js";
import { bundleCommandLine } from "./command-line.mjs";

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
if (process.env.BENCH_ONLY_FILE === "1") process.exit(0);
const megabytes = statSync(file).size / 1e6;

// The command line, as a user runs it, on one thread and on the default (every core); GNU time
// gives its peak RSS when it is installed.
const cli = join(import.meta.dirname, "..", "dist", "cli.js");
const hasTime = spawnSync("/usr/bin/time", ["-f", "%M", "true"]).status === 0;

/** Run node with these arguments: wall seconds, peak RSS (MB), stdout. */
function timed(args, options = {}) {
  const start = performance.now();
  const child = hasTime
    ? spawnSync("/usr/bin/time", ["-f", "%M", process.execPath, ...args], {
        encoding: "utf8",
        maxBuffer: 1 << 26,
        ...options,
      })
    : spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 26, ...options });
  const seconds = (performance.now() - start) / 1000;
  if (child.status !== 0) throw new Error(child.stderr);
  const rss = hasTime ? Number(child.stderr.trim().split("\n").pop()) / 1024 : Number.NaN;
  return { seconds, rss, stdout: child.stdout };
}

function runReport(extra) {
  const run = timed([cli, "report", file, "--by", "region", "--format", "json", ...extra]);
  return { ...run, report: JSON.parse(run.stdout) };
}

// The split of the report's one pass, in one process of its own: the command line's CSV reader
// (cli/rows.ts) alone, turning the file into rows, and the report's pass (cli/report.ts's
// countRows over the same reader), run in turn on the whole file, CPU time of each. What the
// pass takes beyond the reader is the report's own per-row work: column reads, answers and
// missing ones, group lookup, the tallies. (Starting node and loading the code are left out of
// both: they cost the same whatever the rows.)
const bundle = await bundleCommandLine("bench-report-pass", {
  "args.js": ["parseReportArgs"],
  "report.js": ["countRows"],
  "rows.js": ["csvRows", "READ_CHUNK"],
});
const splitScript = `
  import { createReadStream } from "node:fs";
  import { countRows, csvRows, parseReportArgs, READ_CHUNK } from ${JSON.stringify(bundle)};
  const file = ${JSON.stringify(file)};
  const rows = () => csvRows(createReadStream(file, { highWaterMark: READ_CHUNK }));
  const args = parseReportArgs([file, "--by", "region"]);
  const cpu = async (work) => {
    const start = process.cpuUsage();
    await work();
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1e6;
  };
  const out = { reader: [], pass: [] };
  // One round first, untimed: the code is compiled and optimized, the heap has grown.
  for (let k = -1; k < ${Number(process.env.BENCH_RUNS ?? 3)}; k++) {
    const reader = await cpu(async () => { let n = 0; for await (const b of rows()) n += b.size; });
    const pass = await cpu(() => countRows(rows(), args, undefined, () => {}, () => {}));
    if (k >= 0) { out.reader.push(reader); out.pass.push(pass); }
  }
  console.log(JSON.stringify(out));`;
function runSplit() {
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", splitScript], {
    encoding: "utf8",
    cwd: join(import.meta.dirname, ".."),
  });
  if (child.status !== 0) throw new Error(child.stderr);
  return JSON.parse(child.stdout);
}

// DuckDB: its own CSV reader and GROUP BY, then the same statistics on the counts.
async function runDuckDB() {
  const begin = performance.now();
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const result = await connection.runAndReadAll(
    `SELECT region, nps AS score, count(*) AS n FROM read_csv('${file}', header = true) GROUP BY ALL`,
  );
  const counted = breakdownFromCounts(
    fromCountRows(result.getRowObjects(), NPS_SCALE, {
      group: "region",
      score: "score",
      count: "n",
    }),
  );
  return { seconds: (performance.now() - begin) / 1000, counted };
}

const ROUNDS = Number(process.env.BENCH_RUNS ?? 3);
const median = (xs) => [...xs].sort((x, y) => x - y)[xs.length >> 1];
const span = (xs) => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}`;
const one = [];
const all = [];
const duck = [];
let same = true;
for (let k = 0; k < ROUNDS; k++) {
  const single = runReport(["--threads", "1"]);
  const parallel = runReport([]);
  const d = await runDuckDB();
  one.push(single);
  all.push(parallel);
  duck.push(d.seconds);
  for (const r of [single, parallel]) {
    same &&= d.counted.groups.every((g) => {
      const ours = r.report.breakdown.groups.find((x) => x.group === g.group);
      return ours !== undefined && Math.abs(ours.result.score - g.result.score) < 1e-9;
    });
  }
  same &&= JSON.stringify(single.report) === JSON.stringify(parallel.report);
}
const rate = (s) => `${(ROWS / s / 1e6).toFixed(2)} M rows/s`;
const ratios = (runs) => runs.map((r, k) => r.seconds / (duck[k] ?? 1));
const split = runSplit();
const shares = split.pass.map((p, k) => 1 - (split.reader[k] ?? p) / p);
// Another program on the machine only ever adds time: the fastest run of each is the least
// disturbed measure of its own cost.
const best = { pass: Math.min(...split.pass), reader: Math.min(...split.reader) };
console.log(
  `${ROWS.toLocaleString("en")} rows, ${megabytes.toFixed(0)} MB CSV, by region (node ${process.version}, ${availableParallelism()} cores, ${ROUNDS} rounds; medians, ranges after)`,
);
for (const [name, runs] of [
  ["report, 1 thread", one],
  [`report, default threads`, all],
]) {
  const seconds = runs.map((r) => r.seconds);
  console.log(
    `  customer-metrics ${name}: ${median(seconds).toFixed(2)} s (${span(seconds)}), ${rate(median(seconds))}, peak RSS ${Math.max(...runs.map((r) => r.rss)).toFixed(0)} MB`,
  );
}
console.log(
  `  DuckDB read_csv + GROUP BY, then breakdownFromCounts: ${median(duck).toFixed(2)} s (${span(duck)}), ${rate(median(duck))}`,
);
console.log(
  `  ratio to DuckDB: 1 thread ${median(ratios(one)).toFixed(2)} × (${span(ratios(one))}); default threads ${median(ratios(all)).toFixed(2)} × (${span(ratios(all))})`,
);
console.log(
  `  split of the report's pass (one thread, CPU time, ${split.pass.length} runs each): fastest runs, the pass ${best.pass.toFixed(2)} s and its CSV reader alone ${best.reader.toFixed(2)} s, so the report's own per-row work is ${(100 * (1 - best.reader / best.pass)).toFixed(0)} % of the pass; run by run, ${(100 * median(shares)).toFixed(0)} % (${span(shares.map((x) => 100 * x))} %)`,
);
console.log(`  same NPS per region as DuckDB, and the same JSON on 1 and on all threads: ${same}`);
if (!same) process.exitCode = 1;
