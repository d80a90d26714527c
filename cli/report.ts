/**
 * The report's one pass: every row into each question's overall tally and its group's (or
 * period's), bad rows counted and reported, then per question the metric, the breakdown or the
 * trend from the counts, and whether too many rows were bad to trust it.
 *
 * @module
 */

import { formatTrendPeriod, PeriodReader } from "../src/analysis/period-reader.js";
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
  fromCounts,
  MetricError,
  mergeDistributions,
  NPS_SCALE,
  nps,
  type Scale,
  type Tally,
  type Trend,
  trendFromCounts,
} from "../src/core.js";
import {
  AnswerText,
  type AnswerTextOptions,
  isTextProblem,
  type TextAdvice,
  TextProblem,
  textProblemReason,
} from "../src/distribution/answer-text.js";
import { type Metric, type Question, type ReportArgs, UsageError } from "./args.js";
import { type GroupKey, GroupNumbers } from "./groups.js";
import { count, howMany } from "./render.js";
import type { ColumnKey, RowBatch } from "./rows.js";

/** Rows between two reports of progress. */
const PROGRESS_EVERY = 262_144;

/** A bad row under --strict: exit code 1. */
export class BadRowError extends Error {
  override readonly name = "BadRowError";
}

/** How the command line's options read text, for the advice on a text that none read. */
const CLI_ADVICE: TextAdvice = {
  decimalComma: "use --decimal comma",
  saidComma: "--decimal comma was given",
  leadingNumber: "add --leading-number",
  labels: "map it with --labels FILE.json",
  missing: 'name it with --missing "TEXT"',
};

const BEYOND_RANGE = new TextProblem("beyond-range");

/** Answer labels from --labels: one map for every column, or a map per column. */
export type AnswerLabels = Readonly<Record<string, unknown>>;

/** What the pass counted for one question. */
export interface Counted {
  readonly question: Question;
  readonly overall: Distribution;
  /** Per group (its text as written) or per period (its label); null: no group or period. */
  readonly groups: ReadonlyMap<string | null, Distribution> | undefined;
  readonly rows: number;
  readonly badRows: number;
}

/** The report of one question: the metric overall, and the breakdown or trend when asked for. */
export interface Report {
  readonly metric: Metric;
  readonly column: string;
  readonly rows: number;
  readonly badRows: number;
  /** badRows / rows. */
  readonly badShare: number;
  /** The share of bad rows allowed (--max-bad). */
  readonly maxBad: number;
  /** Why the score cannot be trusted: more bad rows than allowed. Absent when it can. */
  readonly unreliable?: string;
  readonly overall: ReturnType<typeof nps> | ReturnType<typeof csat> | ReturnType<typeof ces>;
  readonly distribution: Distribution;
  readonly breakdown?: Breakdown;
  readonly trend?: Trend;
}

const SCALES: Readonly<Record<Metric, Scale>> = {
  nps: NPS_SCALE,
  csat: CSAT_SCALE,
  ces: CES_SCALE,
};

/** Check that the named columns are in the first row, with the column most likely meant. */
function checkColumns(names: readonly string[], args: ReportArgs): void {
  const wanted: [string, string | undefined][] = [
    ...args.questions.map((q): [string, string] => ["--column", q.column]),
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

/** The text rules of each question: the shared options, with its column's labels. */
function textRules(args: ReportArgs, labels: AnswerLabels | undefined): AnswerText[] {
  const perColumn =
    labels !== undefined &&
    Object.values(labels).length > 0 &&
    Object.values(labels).every((v) => typeof v === "object" && v !== null);
  if (perColumn) {
    const unknown = Object.keys(labels).filter((c) => !args.questions.some((q) => q.column === c));
    if (unknown.length > 0) {
      throw new UsageError(
        `--labels names ${unknown.map((c) => JSON.stringify(c)).join(", ")}, not a column asked for (${args.questions.map((q) => q.column).join(", ")})`,
      );
    }
  }
  return args.questions.map((q) => {
    const own = perColumn ? labels[q.column] : labels;
    const options: AnswerTextOptions = {
      leadingNumber: args.leadingNumber,
      missing: args.missing,
      decimal: args.decimal,
      ...(own === undefined ? {} : { labels: own as Record<string, number> }),
    };
    try {
      return new AnswerText(options, "customer-metrics");
    } catch (error) {
      if (!(error instanceof MetricError)) throw error;
      const why = error.message.replace(/^[\w-]+: /, "");
      throw new UsageError(`--labels${perColumn ? ` (${q.column})` : ""}: ${why}`);
    }
  });
}

/** A question's tallies by group number (see GroupNumbers), and the numbers in the order first counted. */
class GroupTallies {
  readonly tallies: Tally[] = [];
  readonly order: number[] = [];

  /** Keep the tally of group `g`, counted for the first time. */
  keep(g: number, tally: Tally): void {
    this.tallies[g] = tally;
    this.order.push(g);
  }
}

/** One question being counted: its rules, its tallies and its bad rows. */
interface Tallying {
  readonly question: Question;
  readonly text: AnswerText;
  readonly scale: Scale;
  /** The scale's lowest point, and its points less one. */
  readonly min: number;
  readonly span: number;
  readonly overall: Tally;
  readonly groups: GroupTallies | undefined;
  /**
   * The common answers — a point of the scale written in one or two digits, of weight 1 —
   * counted straight into counts per point, by group number (the overall ones at 0 when there
   * are no groups), and added to the tallies at the end: they need no checking, and the
   * tallies' own checks are for the rest.
   */
  readonly units: Float64Array[];
  bad: number;
}

/**
 * Count every row for every question; call `onBad` for each bad row (line and reason; a row bad
 * for every question, once) and `onProgress` now and then.
 */
export async function countRows(
  batches: AsyncIterable<RowBatch>,
  args: ReportArgs,
  labels: AnswerLabels | undefined,
  onBad: (line: number, reason: string) => void,
  onProgress: (rows: number) => void,
): Promise<Counted[]> {
  const rules = textRules(args, labels);
  const grouped = args.by !== undefined || args.period !== undefined;
  const questions: Tallying[] = args.questions.map((question, i) => {
    const scale = SCALES[question.metric];
    return {
      question,
      text: rules[i] as AnswerText,
      scale,
      min: scale.min,
      span: scale.max - scale.min,
      overall: createTally(scale),
      units: [],
      groups: grouped ? new GroupTallies() : undefined,
      bad: 0,
    };
  });
  const weights = rules[0] as AnswerText;
  const weighted = args.weight !== undefined;
  const periods =
    args.period === undefined
      ? undefined
      : new PeriodReader(args.every, "use --every month (or week, quarter, year) to group dates");
  const groupNumbers = new GroupNumbers();
  let count = 0;
  // A bad weight is bad for every question that has an answer on its row: reported once.
  let reported = "";
  const reject = (q: Tallying | undefined, line: number, reason: string) => {
    if (args.strict) throw new BadRowError(`line ${line}: ${reason}`);
    if (q === undefined) for (const each of questions) each.bad++;
    else q.bad++;
    const said = `${line}: ${reason}`;
    if (said !== reported) onBad(line, reason);
    reported = said;
  };
  let checked = false;
  const countBatch = (batch: RowBatch) => {
    // The columns of this batch, found once for all its rows.
    const byColumn = batch.column(args.by);
    const periodColumn = batch.column(args.period);
    const weightColumn = batch.column(args.weight);
    const answerColumns = questions.map((q) => batch.column(q.question.column));
    // Progress, a batch at a time: each multiple of PROGRESS_EVERY rows the batch passes.
    const passed = Math.floor((count + batch.size) / PROGRESS_EVERY);
    if (passed > Math.floor(count / PROGRESS_EVERY)) onProgress(passed * PROGRESS_EVERY);
    count += batch.size;
    for (let r = 0; r < batch.size; r++) {
      const problem = batch.problem(r);
      if (!checked && problem === undefined) {
        checkColumns(batch.columns(r), args);
        checked = true;
      }
      if (problem !== undefined) {
        reject(undefined, batch.line(r), `the row ${problem}`);
        continue;
      }
      let group: GroupKey = null;
      if (args.by !== undefined) group = groupText(batch.cell(r, byColumn));
      else if (periods !== undefined) {
        const cell = batch.cell(r, periodColumn);
        if (groupText(cell) !== null) {
          // JSON Lines may hold a year as a number: it is read as its text, as a CSV cell is.
          const period = periods.read(typeof cell === "number" ? String(cell) : cell);
          if (typeof period === "string") {
            reject(
              undefined,
              batch.line(r),
              `the period (${args.period}) ${describeCell(cell)} ${period}`,
            );
            continue;
          }
          group = period;
        }
      }
      const groupNumber = grouped ? groupNumbers.numberOf(group) : -1;
      const weight = weighted ? readCell(weights, batch.cell(r, weightColumn), "weight") : 1;
      for (let k = 0; k < questions.length; k++) {
        const q = questions[k] as Tallying;
        const cell = batch.cell(r, answerColumns[k] as ColumnKey);
        if (!weighted && typeof cell === "string") {
          const point = (q.text.quick(cell) ?? -1) - q.min;
          if (point >= 0 && point <= q.span) {
            const slot = grouped ? groupNumber : 0;
            let units = q.units[slot];
            if (units === undefined) {
              units = new Float64Array(q.span + 1);
              q.units[slot] = units;
              if (q.groups !== undefined && q.groups.tallies[slot] === undefined)
                q.groups.keep(slot, createTally(q.scale));
            }
            (units[point] as number)++;
            continue;
          }
        }
        const answer = readCell(q.text, cell, "answer");
        if (isTextProblem(answer)) {
          reject(
            q,
            batch.line(r),
            `the answer (${q.question.column}) ${describeCell(cell)} ${textProblemReason(answer, CLI_ADVICE, "answer")}`,
          );
          continue;
        }
        // A missing answer needs no weight: it is counted as missing whatever its weight cell holds.
        const w = answer === null ? 1 : weight;
        if (w === null) {
          reject(q, batch.line(r), `the weight (${args.weight}) is missing`);
          continue;
        }
        if (isTextProblem(w)) {
          const cellText = describeCell(batch.cell(r, weightColumn));
          reject(
            q,
            batch.line(r),
            `the weight (${args.weight}) ${cellText} ${textProblemReason(w, CLI_ADVICE, "weight")}`,
          );
          continue;
        }
        // Each answer goes to one tally, which validates it (it throws, so that the reason of a
        // bad row can be reported): its group's, when grouped (the overall distribution is then
        // the groups' merged), else the overall one. A group's tally is kept once it holds one.
        let target = q.overall;
        let fresh = false;
        if (q.groups !== undefined) {
          const found = q.groups.tallies[groupNumber];
          fresh = found === undefined;
          target = found ?? createTally(q.scale);
        }
        try {
          target.add(answer as number, w as number);
        } catch (error) {
          if (!(error instanceof MetricError)) throw error;
          reject(q, batch.line(r), reasonOf(error, q.question, args));
          continue;
        }
        if (fresh) q.groups?.keep(groupNumber, target);
      }
    }
  };
  for await (const batch of batches) countBatch(batch);
  onProgress(-1);
  // The common answers, counted apart, join their tallies (whole counts: exactly).
  for (const q of questions) {
    q.units.forEach((units, slot) => {
      const target = q.groups === undefined ? q.overall : (q.groups.tallies[slot] as Tally);
      target.merge(fromCounts(q.scale, Array.from(units)));
    });
  }
  const frequency = periods?.frequency;
  const label = (key: GroupKey): string | null =>
    typeof key === "number" && frequency !== undefined
      ? formatTrendPeriod(frequency, key)
      : (key as string | null);
  return questions.map((q) => {
    if (q.groups === undefined) {
      return {
        question: q.question,
        overall: q.overall.snapshot(),
        groups: undefined,
        rows: count,
        badRows: q.bad,
      };
    }
    const { tallies, order } = q.groups;
    const parts = order.map((g) => (tallies[g] as Tally).snapshot());
    return {
      question: q.question,
      overall: parts.length === 0 ? q.overall.snapshot() : mergeDistributions(parts),
      groups: new Map(
        parts.map((d, i) => [label(groupNumbers.keys[order[i] as number] as GroupKey), d] as const),
      ),
      rows: count,
      badRows: q.bad,
    };
  });
}

/**
 * A cell read as an answer or a weight: text by the rules, numbers as they are, blanks null;
 * a number past the largest double (`1e400`, which JSON.parse reads as Infinity too) is named
 * as such, which the tally's "not finite" cannot.
 */
function readCell(text: AnswerText, cell: unknown, what: "answer" | "weight"): unknown {
  if (cell === undefined || cell === null) return null;
  if (typeof cell === "number" && (cell === Infinity || cell === -Infinity)) return BEYOND_RANGE;
  if (typeof cell !== "string") return cell;
  return what === "answer" ? text.score(cell) : text.weight(cell);
}

/** A group cell as its group: its text as written (merged later), or null when blank. */
function groupText(cell: unknown): string | null {
  // The common cell starts with a printable ASCII character other than a space: not blank.
  if (typeof cell === "string") {
    const first = cell.charCodeAt(0);
    if (first > 32 && first < 127) return cell;
  }
  if (cell === undefined || cell === null) return null;
  const text = String(cell);
  return text.trim() === "" ? null : text;
}

/** A cell as an error message shows it. */
function describeCell(cell: unknown): string {
  return (
    JSON.stringify(
      typeof cell === "string" && cell.length > 60 ? `${cell.slice(0, 57)}...` : cell,
    ) ?? String(cell)
  );
}

/** A MetricError's sentence, about the row rather than about an index the user never saw. */
function reasonOf(error: MetricError, question: Question, args: ReportArgs): string {
  const sentence = error.message
    .replace(/^[\w.]+: /, "")
    .replace(/^the (score|weight) at index \d+ /, "");
  const what = error.message.includes("weight")
    ? `the weight (${args.weight})`
    : `the answer (${question.column})`;
  return `${what} ${sentence}`;
}

/** The metric, breakdown or trend of what was counted for one question. */
export function report(counted: Counted, args: ReportArgs): Report {
  const { metric, column } = counted.question;
  const options = {
    level: args.level,
    ...(args.interval === undefined ? {} : { interval: args.interval }),
  };
  if (counted.overall.total === 0) {
    throw new BadRowError(
      `no responses to compute ${metric.toUpperCase()} of ${column} on: ${howMany(counted.rows, "row")}, ${howMany(counted.overall.missing, "missing answer")}, ${howMany(counted.badRows, "bad row")}`,
    );
  }
  const d = counted.overall;
  const overall =
    metric === "nps"
      ? nps(d, options as never)
      : metric === "csat"
        ? csat(d, options as never)
        : ces(d, options as never);
  const analysis = { metric, ...options } as const;
  const badShare = counted.rows === 0 ? 0 : counted.badRows / counted.rows;
  const unreliable =
    badShare > args.maxBad
      ? `${count(counted.badRows)} of ${howMany(counted.rows, "row")} (${percentOf(badShare)}) were bad and skipped, more than --max-bad allows (${percentOf(args.maxBad)}): this score is not the file's`
      : undefined;
  return {
    metric,
    column,
    rows: counted.rows,
    badRows: counted.badRows,
    badShare,
    maxBad: args.maxBad,
    ...(unreliable === undefined ? {} : { unreliable }),
    overall,
    distribution: d,
    ...(args.by !== undefined && counted.groups !== undefined
      ? {
          breakdown: breakdownFromCounts(counted.groups, {
            ...analysis,
            foldCase: args.foldCase,
          } as never),
        }
      : {}),
    ...(args.period !== undefined && counted.groups !== undefined
      ? { trend: trendFromCounts(counted.groups, analysis as never) }
      : {}),
  };
}

/** A share as the report writes it: 42.5 %. */
function percentOf(share: number): string {
  return `${Number((100 * share).toPrecision(3))} %`;
}
