/**
 * The stable codes a {@link MetricError} carries. Match on `code`, never on the message.
 *
 * | code | raised when |
 * | --- | --- |
 * | `EMPTY_SAMPLE` | there is nothing to compute on: no responses, or a total weight of 0 |
 * | `SCORE_OUT_OF_SCALE` | a score lies outside the scale (11 on 0–10 is never bent to 10) |
 * | `SCORE_NOT_INTEGER` | a score is a finite number but not an integer (7.5 on 0–10) |
 * | `NON_FINITE` | a number is `NaN` or ±`Infinity` |
 * | `INVALID_WEIGHT` | a weight is negative, non-finite or not a number |
 * | `INVALID_COUNT` | a per-point count is negative, non-finite, or fractional without weights |
 * | `INVALID_SCALE` | a scale's bounds are not integers with `min < max`, or it has too many points |
 * | `INVALID_LEVEL` | a confidence level is not strictly between 0 and 1 |
 * | `INVALID_OPTION` | an option has a value outside its documented domain |
 * | `SCALE_MISMATCH` | two distributions (or a distribution and a metric) use different scales |
 * | `INVALID_INPUT` | input of the wrong shape: a string where a number belongs, malformed JSON data |
 * | `ZERO_SACRIFICE` | a customer value ratio is asked for with total sacrifices of 0 (it has no ratio) |
 * | `NEGATIVE_AMOUNT` | a benefit or sacrifice amount is negative |
 * | `INVALID_RATE` | an inflation or growth rate is −100 % or less (−1 or less as a fraction), or not finite |
 * | `INVALID_PERIOD` | a period is not `YYYY`, `YYYY-MM` or `YYYY-Qn`, or a series (or trend) mixes frequencies |
 * | `DUPLICATE_PERIOD` | a price-index series has two values for one period |
 * | `UNKNOWN_PERIOD` | a well-formed period that the price index does not contain |
 * | `UNKNOWN_FIELD` | a segment rule names a field that no customer has, or a table analysis a column that no record has |
 * | `MISSING_VALUE` | an answer is missing (`null`, `undefined`, a hole) where the caller asked for `missing: "throw"` |
 * | `NO_CONVERGENCE` | a model fit (BG/NBD, Gamma-Gamma) or a numerical integral (BG/NBD expected purchases) did not converge: no half-fitted model or unvouched number is returned |
 * | `INVALID_RULE` | a segment rule or set that is well-formed but cannot work: a range on a text field, a value outside a field's choices, two segments with one id, criteria that omit a field the rule uses |
 *
 * @category Errors
 */
export type MetricErrorCode =
  | "EMPTY_SAMPLE"
  | "SCORE_OUT_OF_SCALE"
  | "SCORE_NOT_INTEGER"
  | "NON_FINITE"
  | "INVALID_WEIGHT"
  | "INVALID_COUNT"
  | "INVALID_SCALE"
  | "INVALID_LEVEL"
  | "INVALID_OPTION"
  | "SCALE_MISMATCH"
  | "INVALID_INPUT"
  | "ZERO_SACRIFICE"
  | "NEGATIVE_AMOUNT"
  | "INVALID_RATE"
  | "INVALID_PERIOD"
  | "DUPLICATE_PERIOD"
  | "UNKNOWN_PERIOD"
  | "UNKNOWN_FIELD"
  | "INVALID_RULE"
  | "MISSING_VALUE"
  | "NO_CONVERGENCE";

/**
 * Structured details of a {@link MetricError}: which function raised it and, where it applies,
 * the offending position and value, so a pipeline can report the bad row without parsing text.
 *
 * @category Errors
 */
export interface MetricErrorDetails {
  /** The public function (or method) that raised the error, e.g. `"tally"`. */
  readonly fn: string;
  /** Zero-based position of the offending element in the input, when there is one. */
  readonly index?: number;
  /** The offending value itself (as received). */
  readonly value?: unknown;
  /** The option or field that was wrong, e.g. `"level"` or `"weights"`. */
  readonly field?: string;
  /**
   * Which argument of the call held the bad value, when the function takes several of the same
   * kind: `"second sample"` for `compareNps(a, b)`, `"customers[3]"` for `summarizeValue`.
   */
  readonly argument?: string;
}

/**
 * The one error type of the library. Every bad input raises a `MetricError` with a stable
 * {@link MetricErrorCode}, a message that names the function, the position and the value, and
 * the same facts as data in {@link MetricError.details}.
 *
 * @example
 * ```ts
 * import { MetricError, nps } from "customer-metrics";
 * try {
 *   nps([10, 11]);
 * } catch (error) {
 *   if (error instanceof MetricError) {
 *     error.code; // => "SCORE_OUT_OF_SCALE"
 *     error.details.index; // => 1
 *   }
 * }
 * ```
 *
 * @category Errors
 */
export class MetricError extends Error {
  /** The stable code; see {@link MetricErrorCode}. */
  readonly code: MetricErrorCode;
  /** Where and what: function, position, value, field. */
  readonly details: MetricErrorDetails;

  /**
   * @param code - the stable error code
   * @param message - the human-readable sentence; it is prefixed with the function name
   * @param details - the function name and, where known, the index, value and field
   * @param options - `cause`: the underlying error, when reading an argument threw
   */
  constructor(
    code: MetricErrorCode,
    message: string,
    details: MetricErrorDetails,
    options?: { readonly cause?: unknown },
  ) {
    super(
      details.argument === undefined
        ? `${details.fn}: ${message}`
        : `${details.fn}: ${details.argument}: ${message}`,
      options,
    );
    this.name = "MetricError";
    this.code = code;
    this.details = details;
  }
}

/**
 * Run the part of a function that reads one of its arguments, so that an error raised there
 * says which one (`details.argument`, and the message after the function's name). The error
 * keeps its code and details; the original is its `cause`.
 *
 * @internal
 */
export function inArgument<T>(argument: string, body: () => T): T {
  try {
    return body();
  } catch (error) {
    throw namedArgument(error, argument);
  }
}

/**
 * A caught error as {@link inArgument} rethrows it: a {@link MetricError} that names no argument
 * yet gains `argument`; anything else is returned as it was. For a loop that cannot afford a
 * closure per row, and names the row only once something is wrong.
 *
 * @internal
 */
export function namedArgument(error: unknown, argument: string): unknown {
  if (!(error instanceof MetricError) || error.details.argument !== undefined) return error;
  // The sentence as raised, without the "fn: " the constructor put in front of it.
  const sentence = error.message.slice(error.details.fn.length + 2);
  return new MetricError(error.code, sentence, { ...error.details, argument }, { cause: error });
}

/**
 * Run a call to another public function on behalf of `fn`, so that an error it raises names
 * the function the user called (`breakdown: interval must be …`, not `nps: …`). The error keeps
 * its code, sentence and details; the original is its `cause`.
 *
 * @internal
 */
export function onBehalfOf<T>(fn: string, body: () => T): T {
  try {
    return body();
  } catch (error) {
    if (!(error instanceof MetricError) || error.details.fn === fn) throw error;
    const prefix = error.details.argument === undefined ? 2 : error.details.argument.length + 4;
    const sentence = error.message.slice(error.details.fn.length + prefix);
    throw new MetricError(error.code, sentence, { ...error.details, fn }, { cause: error });
  }
}

/** JSON.stringify's replacer for bigints, which JSON cannot hold. */
function bigintAsLiteral(_key: string, value: unknown): unknown {
  return typeof value === "bigint" ? `${value}n` : value;
}

/**
 * Render a received value for an error message: strings quoted, everything else as JS shows it,
 * long values cut, so a message is always one readable line. It never throws, whatever the value.
 *
 * @internal
 */
export function describeValue(value: unknown): string {
  let text: string;
  if (typeof value === "string") text = JSON.stringify(value);
  else if (typeof value === "bigint") text = `${value}n`;
  else if (typeof value === "object" && value !== null) {
    try {
      // A bigint inside is written as the literal it is ({"min":"1n"}).
      text = JSON.stringify(value, bigintAsLiteral) ?? String(value);
    } catch {
      // JSON cannot hold it (a cycle, a getter that throws): name its class, as a DuckDB
      // DECIMAL's DuckDBDecimalValue. A revoked proxy refuses even that: describing never throws.
      try {
        const name = (Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null)
          ?.constructor?.name;
        text =
          typeof name === "string" && name !== "" && name !== "Object"
            ? `[a ${name}]`
            : Object.prototype.toString.call(value);
      } catch {
        text = "[an object that cannot be read]";
      }
    }
  } else text = String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * Run a public function's body so that nothing but a {@link MetricError} leaves it: an
 * exception thrown while reading an argument — a getter or proxy trap that throws, a revoked
 * proxy, a callback of the caller's that throws — becomes `INVALID_INPUT` naming the function,
 * with the original error as its `cause`.
 *
 * @internal
 */
export function guarded<T>(fn: string, body: () => T): T {
  try {
    return body();
  } catch (error) {
    if (error instanceof MetricError) throw error;
    const why = error instanceof Error ? error.message : describeValue(error);
    throw new MetricError(
      "INVALID_INPUT",
      `an argument could not be read, or a callback threw: ${why}`,
      { fn },
      { cause: error },
    );
  }
}
