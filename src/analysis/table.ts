/**
 * A table of responses read in one pass: the options every table analysis shares (the score and
 * weight columns, the correction, the row policies) and the counting of rows into groups.
 *
 * @module
 */

import { readOptions } from "../common/options.js";
import {
  AnswerText,
  type AnswerTextOptions,
  isTextProblem,
  libraryAdvice,
  textProblemCode,
  textProblemReason,
} from "../distribution/answer-text.js";
import { type Column, type ColumnReader, columnReader } from "../distribution/columns.js";
import { Counts } from "../distribution/counts.js";
import {
  forEachRow,
  type InvalidPolicy,
  isMissing,
  type MissingPolicy,
  type RowPolicy,
  readRowPolicy,
  type ScoreInput,
} from "../distribution/input.js";
import { describeValue, MetricError } from "../errors/metric-error.js";
import { checkAdjustment, type PValueAdjustment } from "./adjust-p-values.js";
import {
  METRIC_OPTION_KEYS,
  type MetricOptions,
  type MetricPlan,
  readMetric,
  type SurveyMetric,
} from "./metric.js";

/**
 * The options every table analysis ({@link breakdown}, {@link trend}) takes besides its grouping
 * column: the metric and its options, the score and weight columns, the p-value adjustment and
 * the row policies of {@link tally}.
 *
 * @typeParam T - the record type
 * @typeParam M - the metric
 * @category Analysis
 */
export interface TableOptions<T, M extends SurveyMetric = SurveyMetric> extends MetricOptions<M> {
  /** The column of answers on the metric's scale (numbers or bigints); `null` / `undefined` is missing. */
  readonly score: Column<T>;
  /** The column of weights (finite, ≥ 0); without it every response weighs 1. */
  readonly weight?: Column<T>;
  /** How the p-values of the comparisons are adjusted for testing several at once; default `"holm"`. */
  readonly correction?: PValueAdjustment;
  /** Invalid answers or weights: `"throw"` (default) or `"skip"` and count them. */
  readonly invalid?: InvalidPolicy;
  /** Missing answers: `"skip"` and count them (default) or `"throw"`. */
  readonly missing?: MissingPolicy;
  /**
   * Read answers and weights written as text — a survey tool's export parsed from CSV — by
   * these rules: numbers with a decimal point or comma, choice labels, further missing texts
   * ({@link AnswerTextOptions}). Without it, text is refused (`Number("")` is 0, a detractor:
   * no text is read as a number unless asked).
   */
  readonly text?: AnswerTextOptions;
}

/** A table's options, read and checked once. @internal */
export interface TablePlan<T> {
  readonly plan: MetricPlan;
  readonly correction: PValueAdjustment;
  readonly policy: RowPolicy;
  readonly group: ColumnReader<T>;
  readonly score: ColumnReader<T>;
  readonly weight: ColumnReader<T> | undefined;
}

/**
 * Read a table analysis' options, with its grouping column named `groupBy` and the analysis'
 * own `extra` keys (given back in `read`). @internal
 */
export function readTable<T>(
  options: unknown,
  groupBy: string,
  fn: string,
  extra: readonly string[] = [],
): TablePlan<T> & { readonly read: Readonly<Record<string, unknown>> } {
  const read = readOptions(
    options,
    [
      ...METRIC_OPTION_KEYS,
      groupBy,
      "score",
      "weight",
      "correction",
      "invalid",
      "missing",
      "text",
      ...extra,
    ],
    fn,
  ) as Record<string, unknown>;
  const policy = readRowPolicy(read, fn);
  const text = read.text === undefined ? undefined : new AnswerText(read.text, fn, "text");
  const score = columnReader<T>(read.score, fn, "score");
  const weight = read.weight === undefined ? undefined : columnReader<T>(read.weight, fn, "weight");
  return {
    plan: readMetric(read, fn),
    correction: checkAdjustment(read.correction, fn),
    policy,
    group: columnReader<T>(read[groupBy], fn, groupBy),
    score: text === undefined ? score : textColumn(score, text, "answer", policy, fn),
    weight:
      weight === undefined || text === undefined
        ? weight
        : textColumn(weight, text, "weight", policy, fn),
    read,
  };
}

/** How a table analysis' `text` option asks for each rule. */
const TEXT_ADVICE = libraryAdvice("text");

/**
 * A column whose text cells are read by the rules of `text`: a number, `null` for a missing
 * answer; a text no rule reads is `INVALID_INPUT` naming the row and the rule that would read
 * it, or, under `invalid: "skip"`, passed on as it is, for the tally to skip and count.
 */
function textColumn<T>(
  column: ColumnReader<T>,
  text: AnswerText,
  what: "answer" | "weight",
  policy: RowPolicy,
  fn: string,
): ColumnReader<T> {
  return {
    read: (record, index) => {
      const cell = column.read(record, index);
      if (typeof cell !== "string") return cell;
      const read = what === "answer" ? text.score(cell) : text.weight(cell);
      if (!isTextProblem(read)) return read;
      if (policy.skipInvalid) return cell;
      const field = what === "answer" ? "score" : "weight";
      throw new MetricError(
        textProblemCode(read),
        `the ${field} at index ${index} (${describeValue(cell)}) ${textProblemReason(read, TEXT_ADVICE, what)}`,
        { fn, index, value: cell, field },
      );
    },
    checkFound: column.checkFound,
  };
}

/**
 * Whether a group (or period) value puts its row in no group: `null`, `undefined`, or text that
 * is blank once trimmed (a blank cell of a CSV). @internal
 */
export function isNoGroup(value: unknown): boolean {
  return isMissing(value) || (typeof value === "string" && value.trim() === "");
}

/** The rows of a table counted by group. @internal */
export interface GroupedRows<K> {
  /** Each group's counts, in the order first seen. */
  readonly groups: ReadonlyMap<K, Counts>;
  /** The rows whose group value is `null` or `undefined`. */
  readonly outside: Counts;
  readonly outsideRows: number;
  readonly rows: number;
}

/**
 * Count a table's rows into groups in one pass. `keyOf` turns a group value into the group's key
 * (and may throw for a bad one, naming the row); a missing value puts the row outside every group.
 *
 * @internal
 */
export function countByGroup<T, K>(
  records: ScoreInput<T>,
  table: TablePlan<T>,
  keyOf: (value: unknown, index: number) => K,
  fn: string,
): GroupedRows<K> {
  const { plan, policy, group, score, weight } = table;
  const groups = new Map<K, Counts>();
  const outside = new Counts(plan.scale);
  let outsideRows = 0;
  const rows = forEachRow(
    records,
    (record, i) => {
      const value = group.read(record, i);
      let counts: Counts | undefined;
      if (isNoGroup(value)) {
        outsideRows++;
        counts = outside;
      } else {
        const key = keyOf(value, i);
        counts = groups.get(key);
        if (counts === undefined) {
          counts = new Counts(plan.scale);
          groups.set(key, counts);
        }
      }
      counts.addRow(
        score.read(record, i),
        weight === undefined ? 1 : weight.read(record, i),
        i,
        fn,
        policy,
      );
    },
    fn,
    "records",
  );
  group.checkFound(rows, fn);
  score.checkFound(rows, fn);
  weight?.checkFound(rows, fn);
  return { groups, outside, outsideRows, rows };
}
