/**
 * `customer-metrics`, the command line: `report` reads a CSV or JSON Lines file (or the bundled
 * sample) in one streaming pass and prints the metric overall, per group or per period;
 * `loyalty` reads purchase records and prints repeat purchases, cohort retention, RFM segments
 * and lifetime value.
 *
 * @module
 */
import { createReadStream, existsSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import type { Readable, Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { MetricError } from "../src/core.js";
import { HELP, parseLoyaltyArgs, parseReportArgs, type ReportArgs, UsageError } from "./args.js";
import {
  loyaltyReport,
  readPurchaseRows,
  renderLoyaltyJson,
  renderLoyaltyTable,
} from "./loyalty.js";
import { countRowsInParallel, DEFAULT_THREADS_AT_MOST } from "./parallel.js";
import { renderCsv, renderJson, renderTable } from "./render.js";
import { type AnswerLabels, BadRowError, type Counted, countRows, report } from "./report.js";
import { csvRows, InputError, jsonLinesRows, READ_CHUNK, type RowBatch } from "./rows.js";
import { renderSvg } from "./svg.js";

/** Where the command line reads and writes: the process's streams, or a test's. */
export interface Io {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable & { isTTY?: boolean };
  /** Whether stdout is a terminal (colour by default). */
  readonly stdoutIsTTY?: boolean;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The bundled sample survey (a CSV file). */
  readonly samplePath?: string;
  /** The bundled sample purchases (a CSV file). */
  readonly purchasesSamplePath?: string;
  readonly version?: string;
  /** Threads for a CSV file when --threads is not given (default: the machine's cores, at most 2). */
  readonly threads?: number;
}

/** How many bad rows are reported on stderr before the rest are only counted. */
const SHOWN = 10;

/** A bundled sample, next to the built file (dist/cli.js → examples/) or the source. */
export function defaultSamplePath(name = "sample-survey.csv"): string {
  for (const relative of [`../examples/${name}`, `../../examples/${name}`]) {
    const path = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(path)) return path;
  }
  return fileURLToPath(new URL(`../examples/${name}`, import.meta.url));
}

/** Run the command line; resolves to the exit code (0 ok, 1 bad data, 2 usage). */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const say = (text: string) => io.stderr.write(text.endsWith("\n") ? text : `${text}\n`);
  const [command, ...rest] = argv;
  if (command === undefined || command === "-h" || command === "--help" || command === "help") {
    (command === undefined ? io.stderr : io.stdout).write(HELP);
    return command === undefined ? 2 : 0;
  }
  if (command === "-v" || command === "--version") {
    io.stdout.write(`${io.version ?? "unknown"}\n`);
    return 0;
  }
  if (command !== "report" && command !== "loyalty") {
    say(
      `customer-metrics: unknown command ${JSON.stringify(command)}; try customer-metrics --help`,
    );
    return 2;
  }
  if (rest.includes("-h") || rest.includes("--help")) {
    io.stdout.write(HELP);
    return 0;
  }
  try {
    if (command === "loyalty") return await runLoyalty(rest, io, say);
    const args = parseReportArgs(rest);
    const source = args.sample ? "the bundled sample survey" : (args.file ?? "standard input");
    let shown = 0;
    const onBad = (line: number, reason: string) => {
      if (shown < SHOWN) say(`customer-metrics: line ${line}: ${reason} (skipped)`);
      else if (shown === SHOWN) say("customer-metrics: more bad rows: counted, not shown");
      shown++;
    };
    const labels = args.labels === undefined ? undefined : readLabels(args.labels);
    const counted =
      (await countInParallel(args, labels, io, onBad)) ??
      (await countRows(rowsOf(openInput(args, io), args), args, labels, onBad, (n) => {
        if (io.stderr.isTTY !== true) return;
        io.stderr.write(n < 0 ? "\r\u001b[K" : `\r${n.toLocaleString("en")} rows…`);
      }));
    const reports = counted.map((c) => report(c, args));
    const colour =
      args.color ??
      (io.stdoutIsTTY === true && (io.env?.NO_COLOR ?? "") === "" && args.format === "table");
    const text =
      args.format === "json"
        ? renderJson(reports)
        : args.format === "csv"
          ? renderCsv(reports)
          : reports.map((r) => renderTable(r, args, source, colour)).join("\n");
    io.stdout.write(text);
    if (args.svg !== undefined) writeFileSync(args.svg, renderSvg(reports));
    const unreliable = reports.filter((r) => r.unreliable !== undefined);
    for (const r of unreliable) say(`customer-metrics: ${r.column}: ${r.unreliable} (exit 1)`);
    return unreliable.length > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError) {
      say(`customer-metrics: ${error.message}\ntry customer-metrics ${command} --help`);
      return 2;
    }
    if (
      error instanceof MetricError &&
      (error.code === "INVALID_OPTION" || error.code === "INVALID_LEVEL")
    ) {
      say(`customer-metrics: ${error.message.replace(/^[\w.]+: /, "")}`);
      return 2;
    }
    if (
      error instanceof BadRowError ||
      error instanceof InputError ||
      error instanceof MetricError
    ) {
      say(`customer-metrics: ${error.message}`);
      return 1;
    }
    if (
      error instanceof Error &&
      "code" in error &&
      typeof (error as { code: unknown }).code === "string"
    ) {
      say(`customer-metrics: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

/** `customer-metrics loyalty`: read every purchase, then report. */
async function runLoyalty(argv: readonly string[], io: Io, say: (text: string) => void) {
  const args = parseLoyaltyArgs(argv);
  const source = args.sample ? "the bundled sample purchases" : (args.file ?? "standard input");
  const sample = io.purchasesSamplePath ?? defaultSamplePath("sample-purchases.csv");
  const input = openInput(args, io, sample);
  let shown = 0;
  const read = await readPurchaseRows(rowsOf(input, args), args, (line, reason) => {
    if (shown < SHOWN) say(`customer-metrics: line ${line}: ${reason} (skipped)`);
    else if (shown === SHOWN) say("customer-metrics: more bad rows: counted, not shown");
    shown++;
  });
  const result = loyaltyReport(read, args);
  io.stdout.write(
    args.format === "json" ? renderLoyaltyJson(result) : renderLoyaltyTable(result, source),
  );
  return 0;
}

/**
 * The counts of a CSV file on several threads, or undefined to count on one: standard input,
 * JSON Lines, --strict (the first bad row stops the pass), --period without --every (the
 * first label sets the frequency), one thread asked for, or a file the split does not suit.
 */
async function countInParallel(
  args: ReportArgs,
  labels: AnswerLabels | undefined,
  io: Io,
  onBad: (line: number, reason: string) => void,
): Promise<Counted[] | undefined> {
  const file = args.sample ? undefined : args.file;
  if (file === undefined || isJsonLines(args) || args.strict) return undefined;
  if (args.period !== undefined && args.every === undefined) return undefined;
  if (!existsSync(file)) return undefined;
  const threads =
    args.threads ?? io.threads ?? Math.min(availableParallelism(), DEFAULT_THREADS_AT_MOST);
  return countRowsInParallel(file, args, labels, threads, onBad);
}

/** The answer labels of --labels FILE.json: a usage error when it cannot be read or is not a map. */
function readLabels(path: string): AnswerLabels {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new UsageError(
      `--labels ${JSON.stringify(path)} cannot be read as JSON: ${(error as Error).message}`,
    );
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new UsageError(
      `--labels ${JSON.stringify(path)} must hold an object: {"Very satisfied": 5, ...}, or one per column: {"csat_q3": {...}}`,
    );
  }
  const entries = Object.values(value);
  const flat = entries.every((v) => typeof v === "number");
  const perColumn = entries.every(
    (v) =>
      typeof v === "object" &&
      v !== null &&
      !Array.isArray(v) &&
      Object.values(v).every((x) => typeof x === "number"),
  );
  if (!flat && !perColumn) {
    throw new UsageError(
      `--labels ${JSON.stringify(path)} must map each label to a number ({"Very satisfied": 5}), or each column to such a map`,
    );
  }
  return value as AnswerLabels;
}

/** What both commands read from: a file, standard input or a bundled sample. */
interface InputArgs {
  readonly file: string | undefined;
  readonly sample: boolean;
  readonly input: "csv" | "jsonl" | undefined;
  readonly delimiter: string | undefined;
}

function openInput(args: InputArgs, io: Io, sample?: string): Readable {
  if (args.sample) return createReadStream(sample ?? io.samplePath ?? defaultSamplePath());
  if (args.file === undefined) return io.stdin;
  if (!existsSync(args.file))
    throw new BadRowError(`cannot read ${JSON.stringify(args.file)}: no such file`);
  return createReadStream(args.file, { highWaterMark: READ_CHUNK });
}

/** Whether the input is JSON Lines: said so, or a .jsonl / .ndjson file. */
function isJsonLines(args: InputArgs): boolean {
  return (
    args.input === "jsonl" ||
    (args.input === undefined && /\.(jsonl|ndjson)$/i.test(args.file ?? ""))
  );
}

function rowsOf(input: Readable, args: InputArgs): AsyncIterable<RowBatch> {
  return isJsonLines(args) ? jsonLinesRows(input) : csvRows(input, args.delimiter);
}
