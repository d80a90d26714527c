/**
 * Answers written as text, as survey tools export them: numbers with a decimal point or a
 * decimal comma, choice labels that start with their number ("10 - Extremely likely"), labels
 * with no number ("Very satisfied"), and the texts that mean "no answer". Each rule is asked
 * for by name; a text that matches none is an error (or a skipped, counted row), never a guess.
 *
 * @module
 */

import { readOptions } from "../common/options.js";
import { describeValue, inArgument, MetricError } from "../errors/metric-error.js";

/**
 * How answers written as text are read ({@link answerReader}, and the `text` option of
 * {@link breakdown} and {@link trend}). A cell is trimmed first; then, in this order:
 *
 * 1. a blank cell, `NA`, `N/A`, `null` or `-` (any case), or a text of `missing`, is a missing
 *    answer — counted apart, never read as 0 and never invalid;
 * 2. a number written with the chosen decimal separator is that number (`"9"`, `"1.5"`, or
 *    `"1,5"` with `decimal: "comma"`); the scale then decides whether it is a valid answer;
 * 3. a text of `labels` is the point it is mapped to (any case);
 * 4. with `leadingNumber`, a choice label that starts with a whole number and then a letter,
 *    after an optional `-`, `–`, `—`, `=`, `:`, `.` or `(` — `"10 - Extremely likely"`,
 *    `"0 = Not at all likely"`, `"5 (Very satisfied)"` — is that number;
 * 5. anything else is not an answer: an `INVALID_INPUT` error that names the text and the rule
 *    that would read it (`"1,2"` asks whether the decimal is a comma), or, with
 *    `invalid: "skip"`, a skipped row, counted.
 *
 * Weights written as text follow rules 1 and 2 only.
 *
 * @category Distribution
 */
export interface AnswerTextOptions {
  /**
   * Read a choice label that starts with its number (`"10 - Extremely likely"`) as that number.
   * Default `false`: such a label is refused, with advice to turn this on.
   */
  readonly leadingNumber?: boolean;
  /**
   * Labels with no number in them, each with its point on the scale:
   * `{ "Very satisfied": 5, "Satisfied": 4, … }`. Matched after trimming, ignoring case. A label
   * may not read as a number, be a missing text, or appear twice with two points.
   */
  readonly labels?: Readonly<Record<string, number>>;
  /**
   * Texts that mean "no answer", besides the built-in blank, `NA`, `N/A`, `null` and `-`:
   * `["Not applicable", "Don't know"]`. Matched after trimming, ignoring case; a number may be
   * one (`"99"`, a "don't know" code).
   */
  readonly missing?: readonly string[];
  /** The decimal separator of numbers written as text: `"point"` (default: `1.5`) or `"comma"` (`1,5`). */
  readonly decimal?: "point" | "comma";
}

/**
 * Read one cell as an answer: a number, or `null` for a missing answer. Text is read by the
 * rules of {@link AnswerTextOptions}; a number or bigint is returned as it is (the scale
 * validates it later); `null` and `undefined` are missing. `index`, when given, is named in an
 * error.
 *
 * @category Distribution
 */
export type AnswerReader = (cell: unknown, index?: number) => number | bigint | null;

/** Why a text is not an answer (a class, so that no cell of the input can pass for one). @internal */
export class TextProblem {
  readonly kind: "decimal-comma" | "decimal-point" | "leading-number" | "beyond-range" | "no-rule";
  /** The leading number of a label, for `leading-number`. */
  readonly number: number;

  constructor(kind: TextProblem["kind"], number = 0) {
    this.kind = kind;
    this.number = number;
  }
}

/** How each rule is asked for, to advise on a text that no rule read. @internal */
export interface TextAdvice {
  /** How to say the decimal is a comma. */
  readonly decimalComma: string;
  /** Where the decimal was said to be a comma. */
  readonly saidComma: string;
  /** How to turn the leading-number rule on. */
  readonly leadingNumber: string;
  /** How to map a label. */
  readonly labels: string;
  /** How to name a text as missing. */
  readonly missing: string;
}

/**
 * The advice for callers of the library: the rules given as the option `field` (`"text"` of a
 * table analysis), or as the argument of {@link answerReader} (no field). @internal
 */
export function libraryAdvice(field?: string): TextAdvice {
  const rule = (option: string) =>
    field === undefined ? `pass ${option}` : `pass ${field}: { ${option} }`;
  const at = prefix(field);
  return {
    decimalComma: rule('decimal: "comma"'),
    saidComma: `${at}decimal is "comma"`,
    leadingNumber: rule("leadingNumber: true"),
    labels: `map it in ${at}labels`,
    missing: `list it in ${at}missing`,
  };
}

/** The texts that always mean no answer, lower-cased: blank, NA, N/A, null and -. @internal */
export const BUILT_IN_MISSING: readonly string[] = ["", "na", "n/a", "null", "-"];
const POINT_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const COMMA_NUMBER = /^[+-]?(?:\d+(?:,\d*)?|,\d+)(?:[eE][+-]?\d+)?$/;
/** A whole number, an optional separator, then a letter: "10 - Extremely likely". */
const LEADING_NUMBER = /^([+-]?\d+)\s*(?:[-–—=:.(]\s*)?(?=\p{L})/u;

const DECIMAL_COMMA = new TextProblem("decimal-comma");
const DECIMAL_POINT = new TextProblem("decimal-point");
const NO_RULE = new TextProblem("no-rule");
const BEYOND_RANGE = new TextProblem("beyond-range");

/** The rules of {@link AnswerTextOptions}, read and checked once. @internal */
export class AnswerText {
  readonly #comma: boolean;
  readonly #leadingNumber: boolean;
  /** Missing texts, lower-cased; the built-in ones included. */
  readonly #missing: ReadonlySet<string>;
  /** Whether a missing text reads as a number (then numbers are looked up first). */
  readonly #missingNumbers: boolean;
  readonly #labels: ReadonlyMap<string, number>;

  /** `field` is the option that holds the rules (`"text"`), or undefined when they are the argument. */
  constructor(options: unknown, fn: string, field?: string) {
    const read = readTextOptions(options, fn, field);
    this.#comma = read.decimal === "comma";
    this.#leadingNumber = read.leadingNumber;
    this.#missing = new Set([...BUILT_IN_MISSING, ...read.missing]);
    this.#missingNumbers = read.missing.some((text) => this.#number(text) !== undefined);
    this.#labels = read.labels;
    for (const label of this.#labels.keys()) {
      if (this.#number(label) !== undefined || this.#missing.has(label)) {
        throw new MetricError(
          "INVALID_OPTION",
          `${prefix(field)}labels: the label ${describeValue(read.written.get(label))} ${this.#missing.has(label) ? "is a missing text" : "reads as a number"}; a label is text that no other rule reads`,
          { fn, value: label, field: `${prefix(field)}labels` },
        );
      }
    }
  }

  /** A number written with the chosen decimal separator (±Infinity past the largest double), or undefined. */
  #number(text: string): number | undefined {
    if (this.#comma) return COMMA_NUMBER.test(text) ? Number(text.replace(",", ".")) : undefined;
    return POINT_NUMBER.test(text) ? Number(text) : undefined;
  }

  /** A number read from text, or why it is not one: `1e400` is beyond the range of numbers. */
  #finite(number: number): number | TextProblem {
    return number - number === 0 ? number : BEYOND_RANGE;
  }

  /**
   * The common cells read without a pattern, as the rules below read them: a blank is missing,
   * one or two digits are their number (unless a missing text reads as a number); undefined
   * for any other cell. @internal
   */
  quick(cell: string): number | null | undefined {
    const length = cell.length;
    if (length === 0) return null;
    if (length > 2 || this.#missingNumbers) return undefined;
    const first = cell.charCodeAt(0) - 48;
    if (first < 0 || first > 9) return undefined;
    if (length === 1) return first;
    const second = cell.charCodeAt(1) - 48;
    return second < 0 || second > 9 ? undefined : 10 * first + second;
  }

  /** A cell of answers written as text: its number, `null` when missing, or why it is neither. */
  score(cell: string): number | null | TextProblem {
    const quick = this.quick(cell);
    return quick !== undefined ? quick : this.#score(cell);
  }

  /** {@link AnswerText.score} past the quick path (kept apart, so that the quick one is small). */
  #score(cell: string): number | null | TextProblem {
    const text = cell.trim();
    const plain = this.#numberOrMissing(text);
    if (plain !== undefined) return plain;
    const labelled = this.#labels.get(text.toLowerCase());
    if (labelled !== undefined) return labelled;
    const leading = LEADING_NUMBER.exec(text);
    if (leading !== null) {
      const value = Number(leading[1]);
      return this.#leadingNumber ? value : new TextProblem("leading-number", value);
    }
    return this.#misread(text);
  }

  /** A cell of weights written as text: its number, `null` when missing, or why it is neither. */
  weight(cell: string): number | null | TextProblem {
    const quick = this.quick(cell);
    return quick !== undefined ? quick : this.#weight(cell);
  }

  /** {@link AnswerText.weight} past the quick path. */
  #weight(cell: string): number | null | TextProblem {
    const text = cell.trim();
    const plain = this.#numberOrMissing(text);
    return plain !== undefined ? plain : this.#misread(text);
  }

  /**
   * A trimmed text as a number or a missing text — a missing text first when one reads as a
   * number (`99`) — or undefined when it is neither, for the rules that read answers alone.
   */
  #numberOrMissing(text: string): number | null | TextProblem | undefined {
    const number = this.#number(text);
    if (number !== undefined && !this.#missingNumbers) return this.#finite(number);
    if (this.#missing.has(text.toLowerCase())) return null;
    return number === undefined ? undefined : this.#finite(number);
  }

  /** Why a text no rule reads is not a number: the other decimal separator, or nothing known. */
  #misread(text: string): TextProblem {
    if (!this.#comma && COMMA_NUMBER.test(text)) return DECIMAL_COMMA;
    if (this.#comma && POINT_NUMBER.test(text)) return DECIMAL_POINT;
    return NO_RULE;
  }
}

/** `text.` before an option's key when the rules are an option, nothing when they are the argument. */
function prefix(field: string | undefined): string {
  return field === undefined ? "" : `${field}.`;
}

/** The code of the error for a text no rule reads: `NON_FINITE` past the largest double, else `INVALID_INPUT`. @internal */
export function textProblemCode(problem: TextProblem): "NON_FINITE" | "INVALID_INPUT" {
  return problem.kind === "beyond-range" ? "NON_FINITE" : "INVALID_INPUT";
}

/** Whether a reading is a problem rather than a number or a missing answer. @internal */
export function isTextProblem(read: unknown): read is TextProblem {
  return read instanceof TextProblem;
}

/**
 * The sentence after the cell that says why no rule read it, with advice spelt for the caller
 * (`what` is "answer" or "weight").
 *
 * @internal
 */
export function textProblemReason(
  problem: TextProblem,
  advice: TextAdvice,
  what: "answer" | "weight",
): string {
  switch (problem.kind) {
    case "decimal-comma":
      return `is not a number: decimal comma? ${advice.decimalComma}`;
    case "decimal-point":
      return `has a decimal point, but ${advice.saidComma}`;
    case "beyond-range":
      return "is beyond the range of numbers";
    case "leading-number":
      return `is a label: to read its leading number (${problem.number}), ${advice.leadingNumber}`;
    case "no-rule":
      return what === "weight"
        ? "is not a number"
        : `is not a number or a known label: ${advice.labels}, or ${advice.missing} if it means no answer`;
  }
}

/** The options, checked: every key known, every value of its type. */
function readTextOptions(
  options: unknown,
  fn: string,
  field: string | undefined,
): {
  readonly leadingNumber: boolean;
  readonly labels: ReadonlyMap<string, number>;
  /** Each label as the options wrote it, by its key (trimmed, lower-cased). */
  readonly written: ReadonlyMap<string, string>;
  readonly missing: readonly string[];
  readonly decimal: "point" | "comma";
} {
  const at = prefix(field);
  const bad = (name: string, value: unknown, rule: string) =>
    new MetricError("INVALID_OPTION", `${at}${name} must be ${rule}; got ${describeValue(value)}`, {
      fn,
      value,
      field: `${at}${name}`,
    });
  const keys = ["leadingNumber", "labels", "missing", "decimal"] as const;
  let o: { readonly [K in (typeof keys)[number]]?: unknown };
  if (field === undefined) o = readOptions(options, keys, fn);
  else {
    if (typeof options !== "object" || options === null || Array.isArray(options))
      throw new MetricError(
        "INVALID_OPTION",
        `${field} must be an object of rules ({ ${keys.join(", ")} }); got ${describeValue(options)}`,
        { fn, value: options, field },
      );
    o = inArgument(field, () => readOptions(options, keys, fn));
  }
  const { leadingNumber, labels, missing, decimal } = o;
  if (leadingNumber !== undefined && typeof leadingNumber !== "boolean")
    throw bad("leadingNumber", leadingNumber, "true or false");
  if (decimal !== undefined && decimal !== "point" && decimal !== "comma")
    throw bad("decimal", decimal, '"point" or "comma"');
  if (
    missing !== undefined &&
    (!Array.isArray(missing) || !missing.every((m) => typeof m === "string"))
  )
    throw bad("missing", missing, 'an array of texts, e.g. ["Not applicable"]');
  const map = new Map<string, number>();
  const written = new Map<string, string>();
  if (labels !== undefined) {
    if (typeof labels !== "object" || labels === null || Array.isArray(labels))
      throw bad("labels", labels, 'an object from label to point, e.g. { "Very satisfied": 5 }');
    for (const [label, point] of Object.entries(labels)) {
      const key = label.trim().toLowerCase();
      if (typeof point !== "number" || !Number.isFinite(point))
        throw bad(`labels[${JSON.stringify(label)}]`, point, "a finite number: the label's point");
      const before = map.get(key);
      if (before !== undefined && before !== point) {
        throw new MetricError(
          "INVALID_OPTION",
          `${at}labels: the label ${describeValue(label)} is mapped to ${before} and to ${point} (labels are matched ignoring case and spaces around them)`,
          { fn, value: label, field: `${at}labels` },
        );
      }
      map.set(key, point);
      if (!written.has(key)) written.set(key, label);
    }
  }
  return {
    leadingNumber: leadingNumber === true,
    labels: map,
    written,
    missing: ((missing as string[] | undefined) ?? []).map((m) => m.trim().toLowerCase()),
    decimal: decimal === "comma" ? "comma" : "point",
  };
}

/**
 * A reader of answers written as text, for cells of a survey tool's export — choice labels,
 * decimal commas, "Not applicable" — by the rules of {@link AnswerTextOptions}, each asked for
 * by name. Use it in a column accessor of {@link tally} (or give the same rules to
 * {@link breakdown} and {@link trend} as their `text` option).
 *
 * @param options - the rules: `leadingNumber`, `labels`, `missing`, `decimal`
 * @returns a function from a cell (and, optionally, its index) to a number or `null` (missing)
 * @throws {@link MetricError} `INVALID_OPTION` for a rule of the wrong type, a label that reads
 *   as a number or is a missing text, or a label mapped to two points. The reader throws
 *   `INVALID_INPUT` for a text that no rule reads — naming the text, its index if given, and
 *   the rule that would read it — and for a cell that is neither text, a number nor missing;
 *   `NON_FINITE` for `NaN`, ±`Infinity`, or a text past the largest double (`"1e400"`).
 *
 * @example
 * ```ts
 * import { answerReader, nps, tally, NPS_SCALE } from "customer-metrics";
 * const read = answerReader({ leadingNumber: true, missing: ["Not applicable"] });
 * read("10 - Extremely likely"); // => 10
 * read("0 = Not at all likely"); // => 0
 * read(" 7 "); // => 7
 * read("Not applicable"); // => null
 * read("N/A"); // => null
 * const cells = ["10 - Extremely likely", "9", "Not applicable", "3 - Unlikely"];
 * const d = tally(cells, NPS_SCALE, { score: (cell, i) => read(cell, i) });
 * [nps(d).score, d.missing]; // => [33.333333333333336, 1]
 *
 * const satisfaction = answerReader({ labels: { "Very satisfied": 5, Satisfied: 4, Neutral: 3 } });
 * satisfaction("very satisfied"); // => 5
 * answerReader({ decimal: "comma" })("1,25"); // => 1.25
 * ```
 *
 * @category Distribution
 */
export function answerReader(options: AnswerTextOptions = {}): AnswerReader {
  const fn = "answerReader";
  const rules = new AnswerText(options, fn);
  const advice = libraryAdvice();
  return (cell, index) => {
    if (cell === null || cell === undefined) return null;
    if (typeof cell === "bigint" || (typeof cell === "number" && cell - cell === 0)) return cell;
    const at = index === undefined ? "" : ` at index ${index}`;
    if (typeof cell === "number") {
      throw new MetricError("NON_FINITE", `the cell${at} is not finite: ${cell}`, {
        fn,
        value: cell,
        ...(index === undefined ? {} : { index }),
      });
    }
    if (typeof cell !== "string") {
      throw new MetricError(
        "INVALID_INPUT",
        `the cell${at} must be text, a number or missing; got ${describeValue(cell)}`,
        { fn, value: cell, ...(index === undefined ? {} : { index }) },
      );
    }
    const read = rules.score(cell);
    if (!isTextProblem(read)) return read;
    throw new MetricError(
      textProblemCode(read),
      `the answer${at} ${describeValue(cell)} ${textProblemReason(read, advice, "answer")}`,
      { fn, value: cell, ...(index === undefined ? {} : { index }) },
    );
  };
}
