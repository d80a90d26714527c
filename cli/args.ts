/**
 * The command line's arguments, read with Node's `util.parseArgs`, and its help.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { isIsoDate } from "../src/loyalty/purchase-records.js";

/** A metric the report computes. */
export type Metric = "nps" | "csat" | "ces";

/** One question of the report: a column of answers and its metric. */
export interface Question {
  readonly column: string;
  readonly metric: Metric;
}

/** What `customer-metrics report` was asked to do. */
export interface ReportArgs {
  readonly file: string | undefined;
  readonly sample: boolean;
  /** The questions, one section each, counted in one pass. */
  readonly questions: readonly Question[];
  readonly weight: string | undefined;
  readonly by: string | undefined;
  readonly period: string | undefined;
  /** Group the period column's dates into weeks, months, quarters or years. */
  readonly every: "week" | "month" | "quarter" | "year" | undefined;
  /** Merge group spellings that differ only in case. */
  readonly foldCase: boolean;
  /** A JSON file of answer labels: label → point, or column → (label → point). */
  readonly labels: string | undefined;
  /** Read "10 - Extremely likely" as 10. */
  readonly leadingNumber: boolean;
  /** Texts that mean no answer, besides the built-in ones. */
  readonly missing: readonly string[];
  readonly decimal: "point" | "comma";
  /** The share of bad rows above which the report fails (exit 1), in 0…1. */
  readonly maxBad: number;
  /** Threads for a CSV file; undefined: as many as the machine has cores, at most 2. */
  readonly threads: number | undefined;
  readonly level: number;
  readonly interval: string | undefined;
  readonly format: "table" | "json" | "csv";
  readonly input: "csv" | "jsonl" | undefined;
  readonly delimiter: string | undefined;
  readonly svg: string | undefined;
  readonly strict: boolean;
  readonly color: boolean | undefined;
}

/** What `customer-metrics loyalty` was asked to do. */
export interface LoyaltyArgs {
  readonly file: string | undefined;
  readonly sample: boolean;
  readonly asOf: string | undefined;
  /** Fit on purchases up to this date and compare with the holdout after it. */
  readonly calibrationEnd: string | undefined;
  /** Accept an as-of date long after the last purchase. */
  readonly allowFutureAsOf: boolean;
  /** What one purchase is: a customer's rows on one day, or each row. */
  readonly countBy: "day" | "row";
  readonly period: "month" | "quarter" | "year";
  readonly customer: string;
  readonly date: string;
  readonly amount: string;
  readonly outcome: string;
  readonly months: number;
  readonly discountRate: number;
  readonly level: number;
  readonly format: "table" | "json";
  readonly input: "csv" | "jsonl" | undefined;
  readonly delimiter: string | undefined;
  readonly strict: boolean;
}

/** A usage error: exit code 2, with the message and a pointer to --help. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

export const HELP = `customer-metrics — NPS, CSAT and CES with intervals, by group and over time

Usage
  customer-metrics report [FILE | -] --column NAME [options]
  customer-metrics report --sample [options]
  customer-metrics loyalty [FILE | -] [options]
  customer-metrics loyalty --sample [options]
  customer-metrics --help | --version

FILE is a CSV file (RFC 4180: quoted fields, embedded newlines, CRLF, a byte-order mark;
comma, semicolon or tab delimited, found from the header) or JSON Lines (.jsonl, .ndjson, or
--input jsonl). "-" or no FILE reads standard input. The file is streamed: memory stays
constant whatever its size.

Options
  --metric nps|csat|ces   the metric (default nps); with several columns, one for all or a
                          list, one per column: --metric nps,csat,ces
  --column NAME[,NAME…]   the column of answers (default: the metric's name, e.g. "nps");
                          several columns give one section per question, in one pass
  --metrics COL=M,…       several questions at once, each column with its metric:
                          --metrics nps=nps,csat_q3=csat,effort=ces (instead of the two above)
  --weight NAME           a column of weights (finite, >= 0)
  --by NAME               one row per group of this column, each against the rest
                          (Holm-adjusted), and a test across all groups; groups are trimmed
                          ("North " is "North"), and the spellings merged are reported
  --fold-case             with --by: merge groups that differ only in case (North, north,
                          NORTH), labelled by the most frequent spelling
  --period NAME           one row per period of this column, each against the one before
                          (Holm-adjusted), and the change over the span; labels YYYY,
                          YYYY-Qn, YYYY-MM or YYYY-Www, or dates with --every
  --every week|month|quarter|year
                          with --period: group dates (2024-01-15), date-times
                          (2024-01-15T10:22:00Z) and finer labels into these periods. A
                          date-time's day is the date as written: its time and offset do not
                          move it (2024-03-31T23:30-05:00 is in March)
  --level P               confidence level of every interval (default 0.95)
  --interval METHOD       interval method: nps adjusted-wald|wald|score; csat wilson|
                          agresti-coull|clopper-pearson|jeffreys|wald; ces t
  --format table|json|csv output format (default table: with the distribution drawn as bars)
  --svg FILE              also write the picture as SVG (stacked bars, intervals as whiskers)
  --threads N             count a CSV file of 96 MB or more on N threads (default: the
                          machine's cores, at most 2; each past the first adds about 30 MB),
                          merging their counts exactly; standard input, --strict and --period
                          without --every are read on one thread
  --input csv|jsonl       the input format, when the file name does not say
  --delimiter CHAR        the CSV delimiter (default: found from the header; "tab" for a tab)
  --strict                any bad row is an error (exit 1); without it bad rows are skipped,
                          counted, and the first ones reported on stderr with their line
  --max-bad P             the share of bad rows above which the report fails: it is still
                          written, marked UNRELIABLE next to the score, and the exit code is 1
                          (default 5%; "20%" or 0.2; 100% never fails)

Answers written as text (survey-tool exports)
  --leading-number        read a choice label by its leading whole number: "10 - Extremely
                          likely", "0 = Not at all likely", "5 (Very satisfied)"
  --labels FILE.json      labels with no number, each with its point: {"Very satisfied": 5,
                          "Satisfied": 4, ...}, or per column: {"csat_q3": {...}, "ces": {...}};
                          matched trimmed, ignoring case
  --missing "A,B"         further texts that mean no answer, e.g. "Not applicable,Don't know"
                          (counted as missing, not bad; may be given more than once)
  --decimal point|comma   the decimal separator of scores and weights (default point;
                          comma for "1,2" from a European export)
  --sample                use the bundled sample survey (3,000 responses, by region, plan
                          and quarter) instead of a file
  --color / --no-color    colour the bars (default: when stdout is a terminal and NO_COLOR is unset)
  -h, --help              this help
  -v, --version           the version

Loyalty (customer-metrics loyalty): purchase records, one per row, read whole into memory
  --customer NAME         the column of customer ids (default customerId)
  --date NAME             the column of purchase dates, YYYY-MM-DD or YYYYMMDD (default date)
  --amount NAME           the column of amounts, >= 0 (default amount; blank is no amount)
  --outcome NAME          completed, cancelled or returned; blank is completed (default outcome)
  --as-of DATE            the end of observation (default: the last purchase's date); more
                          than one week after the last purchase is an error, unless
  --allow-future-as-of    says no one bought since
  --calibration-end DATE  fit the purchase model on purchases up to DATE, and print its
                          predicted against the actual purchases after it (to --as-of): in
                          total, by purchases before DATE (0 to 7+), and the mean absolute error
  --count-by day|row      what one purchase is: a customer's rows on one day (default: the
                          models count purchase occasions) or each row
  --period month|quarter|year  the cohort period (default quarter)
  --months N              the lifetime-value horizon, in months (default 12)
  --discount R            the monthly discount rate of lifetime value (default 0.01)
  --format table|json     output format (default table)
  --sample                use the bundled sample purchases (1,500 customers, 2023-2024)
  It prints the repeat purchase rate, purchase frequency and average order value, cohort
  retention, the sizes of the named RFM segments, and the BG/NBD × Gamma-Gamma lifetime value of
  the top decile of customers. One purchase is a customer's rows on one day throughout (or each
  row, with --count-by row). The spend model is fitted on customers with a repeat purchase worth
  more than $0; the others are counted, and their lifetime value reads the population's mean
  spend. --level, --input, --delimiter and --strict work as for report.

Answers
  A blank cell, "NA", "N/A", "null" or "-" (any case), or a text of --missing, is a missing
  answer: counted, never read as 0. A label is read only by --leading-number or --labels; a
  text that no rule reads, or that is not a whole number on the metric's scale, is a bad row,
  reported with its line and the option that would read it.

Exit codes
  0  the report was written (bad rows, if any, skipped and counted, at most --max-bad)
  1  bad data: more bad rows than --max-bad (the report is written, marked UNRELIABLE), a
     bad row under --strict, no responses at all, or a file that cannot be read
  2  usage: an unknown option, a missing value, a column not in the file

Examples
  customer-metrics report --sample --by region
  customer-metrics report survey.csv --column nps --period quarter --svg nps.svg
  customer-metrics report export.csv --column q1,q2 --metric nps,csat --leading-number \
      --missing "Not applicable" --period submitted --every month
  customer-metrics report eu.csv --column nps --weight gewicht --decimal comma --by Region --fold-case
  customer-metrics report answers.jsonl --metric ces --column effort --by channel --format json
  cat survey.csv | customer-metrics report - --metric csat --column satisfaction --weight w
  customer-metrics loyalty --sample
  customer-metrics loyalty orders.csv --customer client --as-of 2024-12-31 --period month
  customer-metrics loyalty cdnow.csv --calibration-end 1997-09-30
`;

/** Parse `loyalty`'s arguments (everything after the word `loyalty`). */
export function parseLoyaltyArgs(argv: readonly string[]): LoyaltyArgs {
  let parsed: ReturnType<typeof parseLoyalty>;
  try {
    parsed = parseLoyalty(argv);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const common = commonArgs(values, positionals);
  const number = (
    flag: string,
    text: string | undefined,
    fallback: number,
    ok: (x: number) => boolean,
    what: string,
  ) => {
    if (text === undefined) return fallback;
    const x = Number(text);
    if (text.trim() === "" || !ok(x))
      throw new UsageError(`${flag} must be ${what}; got ${JSON.stringify(text)}`);
    return x;
  };
  const asOf = values["as-of"];
  const calibrationEnd = values["calibration-end"];
  for (const [flag, date] of [
    ["--as-of", asOf],
    ["--calibration-end", calibrationEnd],
  ] as const) {
    if (date !== undefined && !isIsoDate(date)) {
      throw new UsageError(`${flag} must be a real date YYYY-MM-DD; got ${JSON.stringify(date)}`);
    }
  }
  return {
    ...common,
    asOf,
    calibrationEnd,
    allowFutureAsOf: values["allow-future-as-of"] === true,
    countBy: choice(values["count-by"], ["day", "row"] as const, "day", "--count-by"),
    period: choice(values.period, ["month", "quarter", "year"] as const, "quarter", "--period"),
    customer: values.customer ?? "customerId",
    date: values.date ?? "date",
    amount: values.amount ?? "amount",
    outcome: values.outcome ?? "outcome",
    months: number(
      "--months",
      values.months,
      12,
      (x) => Number.isInteger(x) && x >= 1 && x <= 1200,
      "a whole number of months from 1 to 1200",
    ),
    discountRate: number(
      "--discount",
      values.discount,
      0.01,
      (x) => x > -1 && x < 10,
      "a rate per month above -1, e.g. 0.01",
    ),
    format: choice(values.format, ["table", "json"] as const, "table", "--format"),
  };
}

function parseLoyalty(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      "as-of": { type: "string" },
      "calibration-end": { type: "string" },
      "allow-future-as-of": { type: "boolean" },
      "count-by": { type: "string" },
      period: { type: "string" },
      customer: { type: "string" },
      date: { type: "string" },
      amount: { type: "string" },
      outcome: { type: "string" },
      months: { type: "string" },
      discount: { type: "string" },
      level: { type: "string" },
      format: { type: "string" },
      input: { type: "string" },
      delimiter: { type: "string" },
      strict: { type: "boolean" },
      sample: { type: "boolean" },
    },
  });
}

/** The arguments both commands share: the input, its format, the level and strictness. */
function commonArgs(
  values: {
    readonly input?: string | undefined;
    readonly level?: string | undefined;
    readonly delimiter?: string | undefined;
    readonly sample?: boolean | undefined;
    readonly strict?: boolean | undefined;
  },
  positionals: readonly string[],
) {
  if (positionals.length > 1) {
    throw new UsageError(
      `one input file at most; got ${positionals.map((p) => JSON.stringify(p)).join(", ")}`,
    );
  }
  const input =
    values.input === undefined
      ? undefined
      : choice(values.input, ["csv", "jsonl"] as const, "csv", "--input");
  const level = values.level === undefined ? 0.95 : Number(values.level);
  if (!(level > 0 && level < 1)) {
    throw new UsageError(
      `--level must be a number strictly between 0 and 1; got ${JSON.stringify(values.level)}`,
    );
  }
  const file = positionals[0];
  if (values.sample === true && file !== undefined) {
    throw new UsageError("--sample reads the bundled sample: give no FILE with it");
  }
  const delimiter = values.delimiter === "tab" ? "\t" : values.delimiter;
  if (delimiter !== undefined && delimiter.length !== 1) {
    throw new UsageError(
      `--delimiter must be one character (or "tab"); got ${JSON.stringify(values.delimiter)}`,
    );
  }
  return {
    file: file === "-" ? undefined : file,
    sample: values.sample === true,
    input,
    level,
    delimiter,
    strict: values.strict === true,
  };
}

/** Parse `report`'s arguments (everything after the word `report`). */
export function parseReportArgs(argv: readonly string[]): ReportArgs {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const common = commonArgs(values, positionals);
  const format = choice(values.format, ["table", "json", "csv"] as const, "table", "--format");
  if (values.by !== undefined && values.period !== undefined) {
    throw new UsageError("choose --by or --period: a report is per group or over time");
  }
  if (values.every !== undefined && values.period === undefined) {
    throw new UsageError("--every groups the dates of --period: give --period COLUMN too");
  }
  if (values["fold-case"] === true && values.by === undefined) {
    throw new UsageError("--fold-case merges the groups of --by: give --by COLUMN too");
  }
  return {
    ...common,
    questions: questionsOf(values.metrics, values.metric, values.column),
    weight: values.weight,
    by: values.by,
    period: values.period,
    every:
      values.every === undefined
        ? undefined
        : choice(values.every, ["week", "month", "quarter", "year"] as const, "month", "--every"),
    foldCase: values["fold-case"] === true,
    labels: values.labels,
    leadingNumber: values["leading-number"] === true,
    missing: (values.missing ?? []).flatMap((list) =>
      list
        .split(",")
        .map((text) => text.trim())
        .filter((text) => text !== ""),
    ),
    decimal: choice(values.decimal, ["point", "comma"] as const, "point", "--decimal"),
    maxBad: shareOf(values["max-bad"]),
    threads: threadsOf(values.threads),
    interval: values.interval,
    format,
    svg: values.svg,
    color: values.color === true ? true : values["no-color"] === true ? false : undefined,
  };
}

const METRICS = ["nps", "csat", "ces"] as const;

/** The questions: from --metrics COL=M,…, or --column (a list) with --metric (one or a list). */
function questionsOf(
  metrics: string | undefined,
  metric: string | undefined,
  column: string | undefined,
): Question[] {
  const list = (text: string, flag: string) => {
    const items = text.split(",").map((item) => item.trim());
    if (items.some((item) => item === ""))
      throw new UsageError(`${flag} has an empty name in ${JSON.stringify(text)}`);
    return items;
  };
  let questions: Question[];
  if (metrics !== undefined) {
    if (metric !== undefined || column !== undefined)
      throw new UsageError(
        "--metrics names every column and its metric: leave out --column and --metric",
      );
    questions = list(metrics, "--metrics").map((pair) => {
      const at = pair.lastIndexOf("=");
      if (at <= 0)
        throw new UsageError(
          `--metrics takes COLUMN=METRIC pairs (nps=nps,sat=csat); got ${JSON.stringify(pair)}`,
        );
      return {
        column: pair.slice(0, at).trim(),
        metric: choice(pair.slice(at + 1).trim(), METRICS, "nps", `--metrics (${pair})`),
      };
    });
  } else {
    const kinds = (metric === undefined ? ["nps"] : list(metric, "--metric")).map((m) =>
      choice(m, METRICS, "nps", "--metric"),
    );
    const columns = column === undefined ? kinds : list(column, "--column");
    if (kinds.length !== 1 && kinds.length !== columns.length) {
      throw new UsageError(
        `--metric lists ${kinds.length} metrics for ${columns.length} columns: give one metric for all, or one per column`,
      );
    }
    questions = columns.map((c, i) => ({
      column: c,
      metric: kinds[kinds.length === 1 ? 0 : i] as Metric,
    }));
  }
  const seen = new Set<string>();
  for (const q of questions) {
    if (seen.has(q.column))
      throw new UsageError(`the column ${JSON.stringify(q.column)} is asked for twice`);
    seen.add(q.column);
  }
  return questions;
}

/** --threads: a whole number from 1 to 256. */
function threadsOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !(n >= 1 && n <= 256)) {
    throw new UsageError(
      `--threads must be a whole number from 1 to 256; got ${JSON.stringify(text)}`,
    );
  }
  return n;
}

/** --max-bad: "5%" or 0.05, in [0, 1]. */
function shareOf(text: string | undefined): number {
  if (text === undefined) return 0.05;
  const percent = text.trim().endsWith("%");
  const x = Number(percent ? text.trim().slice(0, -1) : text);
  const share = percent ? x / 100 : x;
  if (text.trim() === "" || text.trim() === "%" || !(share >= 0 && share <= 1)) {
    throw new UsageError(
      `--max-bad must be a share of rows: a percentage such as 5% or a fraction such as 0.05; got ${JSON.stringify(text)}`,
    );
  }
  return share;
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      metric: { type: "string" },
      metrics: { type: "string" },
      column: { type: "string" },
      weight: { type: "string" },
      by: { type: "string" },
      "fold-case": { type: "boolean" },
      period: { type: "string" },
      every: { type: "string" },
      labels: { type: "string" },
      "leading-number": { type: "boolean" },
      missing: { type: "string", multiple: true },
      decimal: { type: "string" },
      "max-bad": { type: "string" },
      threads: { type: "string" },
      level: { type: "string" },
      interval: { type: "string" },
      format: { type: "string" },
      input: { type: "string" },
      delimiter: { type: "string" },
      svg: { type: "string" },
      strict: { type: "boolean" },
      sample: { type: "boolean" },
      color: { type: "boolean" },
      "no-color": { type: "boolean" },
    },
  });
}

function choice<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
  flag: string,
): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(
    `${flag} must be one of ${allowed.join(", ")}; got ${JSON.stringify(value)}`,
  );
}
