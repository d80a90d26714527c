/**
 * The command line's arguments, read with Node's `util.parseArgs`, and its help.
 *
 * @module
 */
import { parseArgs } from "node:util";

/** What `customer-metrics report` was asked to do. */
export interface ReportArgs {
  readonly file: string | undefined;
  readonly sample: boolean;
  readonly metric: "nps" | "csat" | "ces";
  readonly column: string;
  readonly weight: string | undefined;
  readonly by: string | undefined;
  readonly period: string | undefined;
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
  --metric nps|csat|ces   the metric (default nps)
  --column NAME           the column of answers (default: the metric's name, e.g. "nps")
  --weight NAME           a column of weights (finite, >= 0)
  --by NAME               one row per group of this column, each against the rest
                          (Holm-adjusted), and a test across all groups
  --period NAME           one row per period (YYYY, YYYY-Qn or YYYY-MM) of this column, each
                          against the one before (Holm-adjusted), and the change over the span
  --level P               confidence level of every interval (default 0.95)
  --interval METHOD       interval method: nps adjusted-wald|wald|score; csat wilson|
                          agresti-coull|clopper-pearson|jeffreys|wald; ces t
  --format table|json|csv output format (default table: with the distribution drawn as bars)
  --svg FILE              also write the picture as SVG (stacked bars, intervals as whiskers)
  --input csv|jsonl       the input format, when the file name does not say
  --delimiter CHAR        the CSV delimiter (default: found from the header; "tab" for a tab)
  --strict                any bad row is an error (exit 1); without it bad rows are skipped,
                          counted, and the first ones reported on stderr with their line
  --sample                use the bundled sample survey (3,000 responses, by region, plan
                          and quarter) instead of a file
  --color / --no-color    colour the bars (default: when stdout is a terminal and NO_COLOR is unset)
  -h, --help              this help
  -v, --version           the version

Loyalty (customer-metrics loyalty): purchase records, one per row, read whole into memory
  --customer NAME         the column of customer ids (default customerId)
  --date NAME             the column of purchase dates, YYYY-MM-DD (default date)
  --amount NAME           the column of amounts, >= 0 (default amount; blank is no amount)
  --outcome NAME          completed, cancelled or returned; blank is completed (default outcome)
  --as-of DATE            the end of observation (default: the last purchase's date)
  --period month|quarter|year  the cohort period (default quarter)
  --months N              the lifetime-value horizon, in months (default 12)
  --discount R            the monthly discount rate of lifetime value (default 0.01)
  --format table|json     output format (default table)
  --sample                use the bundled sample purchases (1,500 customers, 2023-2024)
  It prints the repeat purchase rate, purchase frequency and average order value, cohort
  retention, the sizes of the named RFM segments, and the BG/NBD × Gamma-Gamma lifetime value of
  the top decile of customers. --level, --input, --delimiter and --strict work as for report.

Answers
  A blank cell, "NA", "N/A", "null" or "-" is a missing answer: counted, never read as 0.
  Anything else that is not a whole number on the metric's scale is a bad row.

Exit codes
  0  the report was written (bad rows, if any, skipped and counted)
  1  bad data: a bad row under --strict, no responses at all, or a file that cannot be read
  2  usage: an unknown option, a missing value, a column not in the file

Examples
  customer-metrics report --sample --by region
  customer-metrics report survey.csv --column nps --period quarter --svg nps.svg
  customer-metrics report answers.jsonl --metric ces --column effort --by channel --format json
  cat survey.csv | customer-metrics report - --metric csat --column satisfaction --weight w
  customer-metrics loyalty --sample
  customer-metrics loyalty orders.csv --customer client --as-of 2024-12-31 --period month
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
  if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
    throw new UsageError(`--as-of must be a date YYYY-MM-DD; got ${JSON.stringify(asOf)}`);
  }
  return {
    ...common,
    asOf,
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
  const metric = choice(values.metric, ["nps", "csat", "ces"] as const, "nps", "--metric");
  const format = choice(values.format, ["table", "json", "csv"] as const, "table", "--format");
  if (values.by !== undefined && values.period !== undefined) {
    throw new UsageError("choose --by or --period: a report is per group or over time");
  }
  return {
    ...common,
    metric,
    column: values.column ?? metric,
    weight: values.weight,
    by: values.by,
    period: values.period,
    interval: values.interval,
    format,
    svg: values.svg,
    color: values.color === true ? true : values["no-color"] === true ? false : undefined,
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      metric: { type: "string" },
      column: { type: "string" },
      weight: { type: "string" },
      by: { type: "string" },
      period: { type: "string" },
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
