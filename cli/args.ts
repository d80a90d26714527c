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

/** A usage error: exit code 2, with the message and a pointer to --help. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

export const HELP = `customer-metrics — NPS, CSAT and CES with intervals, by group and over time

Usage
  customer-metrics report [FILE | -] --column NAME [options]
  customer-metrics report --sample [options]
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
`;

/** Parse `report`'s arguments (everything after the word `report`). */
export function parseReportArgs(argv: readonly string[]): ReportArgs {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) {
    throw new UsageError(
      `one input file at most; got ${positionals.map((p) => JSON.stringify(p)).join(", ")}`,
    );
  }
  const metric = choice(values.metric, ["nps", "csat", "ces"] as const, "nps", "--metric");
  const format = choice(values.format, ["table", "json", "csv"] as const, "table", "--format");
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
  if (values.by !== undefined && values.period !== undefined) {
    throw new UsageError("choose --by or --period: a report is per group or over time");
  }
  const file = positionals[0];
  if (values.sample === true && file !== undefined) {
    throw new UsageError("--sample reads the bundled survey: give no FILE with it");
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
    metric,
    column: values.column ?? metric,
    weight: values.weight,
    by: values.by,
    period: values.period,
    level,
    interval: values.interval,
    format,
    input,
    delimiter,
    svg: values.svg,
    strict: values.strict === true,
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
