// Test the package as a user receives it: pack it, lint the package (publint, attw), install
// the tarball into a fresh project, run an ESM and a CJS consumer, type-check a consumer under
// moduleResolution node16, nodenext and bundler, and prove that a bundle importing only `nps`
// pulls in nothing it should not (zod, node: built-ins). Needs `npm run build` first.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "esbuild";

const root = resolve(import.meta.dirname ?? new URL(".", import.meta.url).pathname, "..");
const bin = (name) => join(root, "node_modules", ".bin", name);
const run = (command, args, cwd = root) =>
  execFileSync(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });

async function step(name, action) {
  process.stdout.write(`check-package: ${name} ... `);
  const detail = await action();
  process.stdout.write(`ok${detail ? ` (${detail})` : ""}\n`);
}

const work = mkdtempSync(join(tmpdir(), "customer-metrics-package-"));
try {
  let tarball = "";
  await step("npm pack", () => {
    const out = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", work]));
    tarball = join(work, out[0].filename);
    return `${out[0].filename}, ${out[0].entryCount} files`;
  });

  await step("publint --strict", () => {
    const out = run(bin("publint"), ["--strict"]);
    if (!/All good/i.test(out)) throw new Error(out);
  });

  await step("attw --pack (node10, node16 CJS/ESM, bundler)", () => {
    run(bin("attw"), ["--pack", ".", "--format", "table-flipped"]);
  });

  const app = join(work, "app");
  mkdirSync(app);
  writeFileSync(
    join(app, "package.json"),
    JSON.stringify({ name: "app", private: true, type: "module" }),
  );
  await step("install the tarball into a fresh project", () => {
    run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", tarball], app);
  });

  const expected = '{"score":40,"n":5,"method":"adjusted-wald"}';
  const body = `const r = nps([10, 9, 7, 3, 10]);
const out = JSON.stringify({ score: r.score, n: r.n, method: r.interval.method });
if (out !== '${expected}') throw new Error("unexpected result " + out);
if (!(new MetricError("EMPTY_SAMPLE", "x", { fn: "f" }) instanceof Error)) throw new Error("MetricError");
// The zod-based part loads too (zod arrives as the peer dependency).
const parsed = parseCustomers([{ id: "c", kind: "person", type: "consumer", relationship: "direct", side: "external", status: "current" }, { id: "" }]);
const [segment] = defineSegments([{ id: "s", name: "S", rule: { op: "eq", field: "type", value: "consumer" } }]);
if (parsed.valid.length !== 1 || parsed.rejected.length !== 1 || segment.criteria[0] !== "classification") throw new Error("customers");
console.log(out);`;
  writeFileSync(
    join(app, "esm.mjs"),
    `import { nps, MetricError, parseCustomers, defineSegments } from "customer-metrics";\n${body}\n`,
  );
  writeFileSync(
    join(app, "cjs.cjs"),
    `const { nps, MetricError, parseCustomers, defineSegments } = require("customer-metrics");\n${body}\n`,
  );
  await step("ESM consumer (import)", () => run("node", ["esm.mjs"], app).trim());
  await step("CJS consumer (require)", () => run("node", ["cjs.cjs"], app).trim());

  const typed = `import { nps, tally, NPS_SCALE, type NpsResult, type Distribution } from "customer-metrics";
import { breakdown, type Breakdown } from "customer-metrics/core";
const b: Breakdown = breakdown([{ g: "a", s: 10 }], { by: "g", score: "s" });
const d: Distribution = tally([10, 9, 3], NPS_SCALE);
const r: NpsResult = nps(d, { interval: "score", level: 0.9 });
const score: number = r.score;
// @ts-expect-error: an unknown interval method is a type error
nps(d, { interval: "bayes" });
export { score, b };
`;
  writeFileSync(join(app, "consumer.ts"), typed);
  writeFileSync(
    join(app, "consumer.cts"),
    typed.replace(/^export \{ score, b \};$/m, "export = [score, b];"),
  );
  for (const [module, resolution] of [
    ["node16", "node16"],
    ["nodenext", "nodenext"],
    ["esnext", "bundler"],
  ]) {
    await step(`types under moduleResolution ${resolution}`, () => {
      const files = resolution === "bundler" ? ["consumer.ts"] : ["consumer.ts", "consumer.cts"];
      const compilerOptions = {
        noEmit: true,
        strict: true,
        exactOptionalPropertyTypes: true,
        module,
        moduleResolution: resolution,
        target: "es2022",
        types: [],
      };
      writeFileSync(
        join(app, `tsconfig.${resolution}.json`),
        JSON.stringify({ compilerOptions, files }),
      );
      run(
        "node",
        [
          join(root, "node_modules", "typescript", "bin", "tsc"),
          "-p",
          `tsconfig.${resolution}.json`,
        ],
        app,
      );
    });
  }

  await step("a bundle of `import { nps }` holds no zod and no node: built-ins", () => {
    writeFileSync(
      join(app, "only-nps.mjs"),
      'import { nps } from "customer-metrics";\nconsole.log(nps([10]).score);\n',
    );
    return bundleReport(app, "only-nps.mjs");
  });

  await step("the benchmarks run (a smoke run: tiny sizes, one round; not timed)", () => {
    const env = { ...process.env, BENCH_SMOKE: "1", BENCH_N: "20000", BENCH_RUNS: "1" };
    execFileSync("node", [join(root, "bench", "paths.mjs")], { cwd: root, env, stdio: "pipe" });
    const bytes = { ...env, BENCH_BYTES: "300000" };
    execFileSync("node", [join(root, "bench", "bytes.mjs")], {
      cwd: root,
      env: bytes,
      stdio: "pipe",
    });
    return "bench/paths.mjs, bench/bytes.mjs";
  });

  await step("examples/shards.mjs: worker shards merge to one process's distribution", () =>
    run("node", [join(root, "examples", "shards.mjs")]).trim(),
  );

  await step("the customer-metrics command runs from the installed package (--sample)", () => {
    const bin = join(app, "node_modules", ".bin", "customer-metrics");
    const out = run(bin, ["report", "--sample", "--by", "region", "--format", "json"], app);
    const report = JSON.parse(out);
    if (report.rows !== 3000 || report.breakdown.groups.length !== 4)
      throw new Error(out.slice(0, 300));
    const help = run(bin, ["--help"], app);
    if (!help.includes("Exit codes")) throw new Error("help");
    const loyalty = JSON.parse(run(bin, ["loyalty", "--sample", "--format", "json"], app));
    if (loyalty.behaviour.customers < 1000 || !("topDecile" in loyalty.lifetimeValue))
      throw new Error(JSON.stringify(loyalty).slice(0, 300));
    return `${report.rows} rows, NPS ${report.overall.score.toFixed(1)}; loyalty: ${loyalty.behaviour.customers} customers, top-decile CLV share ${(100 * loyalty.lifetimeValue.topDecile.share).toFixed(0)} %`;
  });

  await step("the installed command counts a file on worker threads as on one", () => {
    const bin = join(app, "node_modules", ".bin", "customer-metrics");
    const installed = join(app, "node_modules", "customer-metrics");
    if (!existsSync(join(installed, "dist", "worker.js"))) throw new Error("no dist/worker.js");
    const file = join(installed, "examples", "sample-survey.csv");
    const report = (threads) => {
      const r = spawnSync(
        bin,
        ["report", file, "--by", "region", "--format", "json", "--threads", threads],
        {
          cwd: app,
          env: { ...process.env, CUSTOMER_METRICS_PARALLEL_FROM: "0" },
          encoding: "utf8",
        },
      );
      return `exit ${r.status}\n${r.stderr}\n${r.stdout}`;
    };
    const one = report("1");
    const two = report("2");
    if (one !== two)
      throw new Error(`1 thread:\n${one.slice(0, 400)}\n2 threads:\n${two.slice(0, 400)}`);
    return `${JSON.parse(two.slice(two.indexOf("\n{") + 1)).rows} rows: the same JSON, stderr and exit code on 1 and 2 threads`;
  });

  await step(
    "customer-metrics/core: ESM and CJS load without zod; a bundle of all of it has none",
    () => {
      const probe = `const r = core.breakdown([{ g: "a", s: 10 }, { g: "b", s: 3 }], { by: "g", score: "s" });
if (r.groups.length !== 2 || "parseCustomers" in core) throw new Error("core");
console.log("core ok");`;
      writeFileSync(
        join(app, "core.mjs"),
        `import * as core from "customer-metrics/core";\n${probe}\n`,
      );
      writeFileSync(
        join(app, "core.cjs"),
        `const core = require("customer-metrics/core");\n${probe}\n`,
      );
      run("node", ["core.mjs"], app);
      run("node", ["core.cjs"], app);
      writeFileSync(
        join(app, "all-core.mjs"),
        'import * as core from "customer-metrics/core";\nconsole.log(Object.keys(core).length);\n',
      );
      return bundleReport(app, "all-core.mjs");
    },
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}

async function bundleReport(app, entry) {
  const result = await build({
    entryPoints: [join(app, entry)],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    write: false,
    metafile: true,
    absWorkingDir: app,
  });
  // The modules that put bytes into the output (esbuild lists every module it parsed in
  // metafile.inputs, tree-shaken or not).
  const output = Object.values(result.metafile.outputs)[0];
  const inputs = Object.entries(output.inputs)
    .filter(([, info]) => info.bytesInOutput > 0)
    .map(([path]) => path);
  // zod (a peer only the customer models need), node: built-ins, and the command line's own
  // dependencies: none may reach a library bundle.
  const forbidden = inputs.filter((input) => /(^|\/)(zod|papaparse|udsv)\/|^node:/.test(input));
  if (forbidden.length > 0)
    throw new Error(`forbidden modules in the bundle: ${forbidden.join(", ")}`);
  const text = result.outputFiles[0].text;
  if (/\bzod\b/.test(text)) throw new Error("the word zod appears in the bundle");
  return `inputs: ${inputs.join(", ")}; ${text.length} bytes minified`;
}
