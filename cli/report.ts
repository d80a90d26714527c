/**
 * The report's one pass: every row into the overall tally and its group's (or period's), bad
 * rows counted and reported, then the metric, the breakdown or the trend from the counts.
 *
 * @module
 */

import { closestName } from "../src/common/options.js";
import {
  type Breakdown,
  breakdownFromCounts,
  CES_SCALE,
  CSAT_SCALE,
  ces,
  createTally,
  csat,
  type Distribution,
  MetricError,
  NPS_SCALE,
  nps,
  type Scale,
  type Tally,
  type Trend,
  trendFromCounts,
} from "../src/core.js";
import { type ReportArgs, UsageError } from "./args.js";
import { howMany } from "./render.js";
import { answerOf, labelOf, type Row } from "./rows.js";

/** A bad row under --strict: exit code 1. */
export class BadRowError extends Error {
  override readonly name = "BadRowError";
}

/** What the pass counted. */
export interface Counted {
  readonly overall: Distribution;
  readonly groups: ReadonlyMap<string | null, Distribution> | undefined;
  readonly rows: number;
  readonly badRows: number;
}

/** The report: the metric overall, and the breakdown or trend when asked for. */
export interface Report {
  readonly metric: ReportArgs["metric"];
  readonly column: string;
  readonly rows: number;
  readonly badRows: number;
  readonly overall: ReturnType<typeof nps> | ReturnType<typeof csat> | ReturnType<typeof ces>;
  readonly distribution: Distribution;
  readonly breakdown?: Breakdown;
  readonly trend?: Trend;
}

const SCALES: Readonly<Record<ReportArgs["metric"], Scale>> = {
  nps: NPS_SCALE,
  csat: CSAT_SCALE,
  ces: CES_SCALE,
};

/** Check that the named columns are in the first row, with the column most likely meant. */
function checkColumns(row: Row, args: ReportArgs): void {
  const names = row.columns();
  const wanted: [string, string | undefined][] = [
    ["--column", args.column],
    ["--weight", args.weight],
    ["--by", args.by],
    ["--period", args.period],
  ];
  for (const [flag, name] of wanted) {
    if (name === undefined || names.includes(name)) continue;
    const meant = closestName(name, names);
    throw new UsageError(
      `${flag} ${JSON.stringify(name)} is not a column of the input${meant === undefined ? "" : `; did you mean ${JSON.stringify(meant)}?`} (columns: ${names.join(", ")})`,
    );
  }
}

/** Count every row; call `onBad` for each bad one (line and reason) and `onProgress` now and then. */
export async function countRows(
  rows: AsyncIterable<Row>,
  args: ReportArgs,
  onBad: (line: number, reason: string) => void,
  onProgress: (rows: number) => void,
): Promise<Counted> {
  const scale = SCALES[args.metric];
  const overall = createTally(scale);
  const groupColumn = args.by ?? args.period;
  const groups = groupColumn === undefined ? undefined : new Map<string | null, Tally>();
  const periodProblem = periodChecker();
  let count = 0;
  let bad = 0;
  const reject = (line: number, reason: string) => {
    if (args.strict) throw new BadRowError(`line ${line}: ${reason}`);
    bad++;
    onBad(line, reason);
  };
  let checked = false;
  for await (const row of rows) {
    if (!checked && row.problem === undefined) {
      checkColumns(row, args);
      checked = true;
    }
    count++;
    if (count % 262_144 === 0) onProgress(count);
    if (row.problem !== undefined) {
      reject(row.line, `the row ${row.problem}`);
      continue;
    }
    const answer = answerOf(row.value(args.column));
    // A missing answer needs no weight: it is counted as missing whatever its weight cell holds.
    const weight =
      args.weight === undefined || answer === null ? 1 : answerOf(row.value(args.weight));
    const group =
      groups === undefined || groupColumn === undefined
        ? undefined
        : labelOf(row.value(groupColumn));
    if (args.period !== undefined && group !== null && group !== undefined) {
      const why = periodProblem(group);
      if (why !== undefined) {
        reject(row.line, `the period (${args.period}) ${why}`);
        continue;
      }
    }
    if (weight === null) {
      reject(row.line, `the weight (${args.weight}) is missing`);
      continue;
    }
    // Number("1e400") is Infinity: name the cell, which the library's message cannot.
    const huge = pastLargest(answer) ? args.column : pastLargest(weight) ? args.weight : undefined;
    if (huge !== undefined) {
      // A CSV cell is its text; JSON Lines parsed 1e400 to Infinity already.
      const cell = row.value(huge);
      const text = typeof cell === "string" ? `${JSON.stringify(cell)} ` : "";
      const what = huge === args.column ? "answer" : "weight";
      reject(row.line, `the ${what} (${huge}) ${text}is beyond the range of numbers`);
      continue;
    }
    // Validate once, against a throwing tally, so that the reason of a bad row can be reported.
    try {
      overall.add(answer as number, weight as number);
    } catch (error) {
      if (!(error instanceof MetricError)) throw error;
      reject(row.line, reasonOf(error, args));
      continue;
    }
    if (groups !== undefined) {
      const key = group ?? null;
      let target = groups.get(key);
      if (target === undefined) {
        target = createTally(scale);
        groups.set(key, target);
      }
      target.add(answer as number, weight as number);
    }
  }
  onProgress(-1);
  return {
    overall: overall.snapshot(),
    groups:
      groups === undefined
        ? undefined
        : new Map([...groups].map(([key, t]) => [key, t.snapshot()] as const)),
    rows: count,
    badRows: bad,
  };
}

const PERIOD = /^\d{4}(-(Q[1-4]|0[1-9]|1[0-2]))?$/;

/** A check of period labels: why a label is not a period of the first label's frequency, if it is not. */
function periodChecker(): (label: string) => string | undefined {
  let frequency: string | undefined;
  return (label) => {
    if (!PERIOD.test(label)) return `${JSON.stringify(label)} is not YYYY, YYYY-Qn or YYYY-MM`;
    const kind = label.length === 4 ? "year" : label.includes("Q") ? "quarter" : "month";
    frequency ??= kind;
    return kind === frequency
      ? undefined
      : `${JSON.stringify(label)} is a ${kind}, but the periods are ${frequency}s`;
  };
}

/** Whether a cell read as a number beyond the range of doubles (`1e400`, `-1e400`). */
function pastLargest(value: unknown): boolean {
  return typeof value === "number" && !Number.isFinite(value);
}

/** A MetricError's sentence, about the row rather than about an index the user never saw. */
function reasonOf(error: MetricError, args: ReportArgs): string {
  const sentence = error.message
    .replace(/^[\w.]+: /, "")
    .replace(/^the (score|weight) at index \d+ /, "");
  const what = error.message.includes("weight")
    ? `the weight (${args.weight})`
    : `the answer (${args.column})`;
  return `${what} ${sentence}`;
}

/** The metric, breakdown or trend of what was counted. */
export function report(counted: Counted, args: ReportArgs): Report {
  const options = {
    level: args.level,
    ...(args.interval === undefined ? {} : { interval: args.interval }),
  };
  if (counted.overall.total === 0) {
    throw new BadRowError(
      `no responses to compute ${args.metric.toUpperCase()} on: ${howMany(counted.rows, "row")}, ${howMany(counted.overall.missing, "missing answer")}, ${howMany(counted.badRows, "bad row")}`,
    );
  }
  const d = counted.overall;
  const overall =
    args.metric === "nps"
      ? nps(d, options as never)
      : args.metric === "csat"
        ? csat(d, options as never)
        : ces(d, options as never);
  const analysis = { metric: args.metric, ...options } as const;
  return {
    metric: args.metric,
    column: args.column,
    rows: counted.rows,
    badRows: counted.badRows,
    overall,
    distribution: d,
    ...(args.by !== undefined && counted.groups !== undefined
      ? { breakdown: breakdownFromCounts(counted.groups, analysis as never) }
      : {}),
    ...(args.period !== undefined && counted.groups !== undefined
      ? { trend: trendFromCounts(counted.groups, analysis as never) }
      : {}),
  };
}
