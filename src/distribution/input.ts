/**
 * The shapes of input a tally reads, and the readers of its rows: how a collection is walked
 * (by index or by iteration), what a missing answer is, what makes a score or a weight valid,
 * and the `invalid` / `missing` policies.
 *
 * @internal
 * @module
 */

import { checkChoice, closestName } from "../common/options.js";
import { describeValue, MetricError, type MetricErrorCode } from "../errors/metric-error.js";

/**
 * Input accepted where scores are expected: an array, any typed array (`BigInt64Array` too), any
 * iterable (a generator, a Set, an Apache Arrow `Vector` with nulls), an array-like, or a column
 * with a validity bitmap ({@link MaskedColumn}). Elements are numbers, or bigints up to 2^53 − 1
 * in magnitude (as SQL engines return integers); `null` and `undefined` are missing answers.
 *
 * @category Distribution
 */
export type ScoreInput<T = number> = ArrayLike<T> | Iterable<T> | MaskedColumn<T>;

/**
 * A column as columnar formats store it (Apache Arrow, Parquet readers, DuckDB vectors): the
 * values, and a validity bitmap in Arrow's layout — bit `i % 8` (least significant first) of
 * byte `⌊i / 8⌋` is 1 when value `i` is present. A cleared bit is a missing answer, counted in
 * `missing` whatever the value slot holds (Arrow leaves 0 there). Without `validity` (or with
 * `null`) every value is present. Any other key is refused (`INVALID_INPUT`): a misspelt
 * `validity`, or an Arrow `Data` with its `nullBitmap` and `offset`, would otherwise be read as
 * a column with no missing values (an Arrow `Vector` is iterated, nulls and all).
 *
 * @typeParam T - the value type
 * @category Distribution
 */
export interface MaskedColumn<T = number> {
  /** The values, one per row (a typed array, usually). */
  readonly values: ArrayLike<T>;
  /** The validity bitmap: at least ⌈values.length / 8⌉ bytes. */
  readonly validity?: Uint8Array | null;
}

/**
 * A {@link MaskedColumn}: an object with `values` read by index, and not itself an array, a
 * typed array or an iterable — even with a `length` of its own (an Arrow `Data` has one), so
 * that it is refused for the keys it has besides `values` and `validity`, not read as an
 * array-like whose every element is missing. @internal
 */
export function isMaskedColumn(value: unknown): value is MaskedColumn<unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    !ArrayBuffer.isView(value) &&
    !isIterable(value) &&
    "values" in value &&
    isIndexed((value as { values: unknown }).values)
  );
}

/** Arrays, typed arrays and array-likes that are not iterable (a column's `values`). */
function isIndexed(value: unknown): boolean {
  return (
    Array.isArray(value) ||
    (ArrayBuffer.isView(value) && !(value instanceof DataView)) ||
    (isArrayLike(value) && !isIterable(value))
  );
}

/**
 * What to do with a bad row: `"throw"` (the default) raises a {@link MetricError} naming its
 * index and value; `"skip"` leaves it out and counts it in `skipped`.
 *
 * @category Distribution
 */
export type InvalidPolicy = "throw" | "skip";

/**
 * What to do with a missing answer — `null`, `undefined` or a hole in a sparse array, as
 * database drivers, Arrow columns and CSV readers hand out for blanks: `"skip"` (the default)
 * leaves it out and counts it in `missing`; `"throw"` raises `MISSING_VALUE` naming its index.
 * A missing answer is never read as 0, and never mixed up with an invalid one.
 *
 * @category Distribution
 */
export type MissingPolicy = "skip" | "throw";

/** The `invalid` and `missing` policies, read: whether each kind of row is skipped. */
export interface RowPolicy {
  /** Skip (and count) invalid rows rather than throw. */
  readonly skipInvalid: boolean;
  /** Skip (and count) missing answers rather than throw. */
  readonly skipMissing: boolean;
}

/** The default policies: invalid rows throw, missing answers are skipped and counted. */
export const DEFAULT_ROW_POLICY: RowPolicy = { skipInvalid: false, skipMissing: true };

/** Read the `invalid` (default `"throw"`) and `missing` (default `"skip"`) options. */
export function readRowPolicy(
  read: { readonly invalid?: unknown; readonly missing?: unknown },
  fn: string,
  defaults: RowPolicy = DEFAULT_ROW_POLICY,
): RowPolicy {
  const skipInvalid =
    read.invalid === undefined
      ? defaults.skipInvalid
      : checkInvalidPolicy(read.invalid, fn) === "skip";
  const skipMissing =
    read.missing === undefined
      ? defaults.skipMissing
      : checkChoice(read.missing, ["skip", "throw"], "skip", fn, "missing") === "skip";
  return { skipInvalid, skipMissing };
}

/** The `invalid` policy alone (default `"throw"`), for callers that read rows of their own. */
export function checkInvalidPolicy(policy: unknown, fn: string): InvalidPolicy {
  return checkChoice(policy, ["throw", "skip"], "throw", fn, "invalid");
}

/** An object with a length that a real array or typed array could have. */
function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  if (typeof value !== "object" || value === null) return false;
  const length = (value as { length?: unknown }).length;
  return (
    typeof length === "number" && Number.isSafeInteger(length) && length >= 0 && length <= 2 ** 32
  );
}

/** A typed array whose elements are numbers (not bigints, not a DataView). */
export function isNumberTypedArray(value: unknown): value is ArrayLike<number> {
  return (
    ArrayBuffer.isView(value) &&
    !(value instanceof DataView) &&
    !(value instanceof BigInt64Array) &&
    !(value instanceof BigUint64Array)
  );
}

/** A typed array of bytes (the codes of a rating scale, usually). @internal */
export function isByteArray(value: unknown): value is Uint8Array | Int8Array | Uint8ClampedArray {
  return (
    value instanceof Uint8Array || value instanceof Int8Array || value instanceof Uint8ClampedArray
  );
}

/**
 * Whether input is read by index: real arrays (holes read as missing), typed arrays, and
 * array-likes that are neither iterable nor a column (an object with `values`). Anything
 * iterable besides arrays and typed arrays (an Arrow `Vector`, whose `length` is real but whose
 * elements are not properties) is iterated.
 */
export function readByIndex(value: unknown): value is ArrayLike<unknown> {
  return isIndexed(value) && !isMaskedColumn(value);
}

/** Whether a value is a missing answer: `null` or `undefined` (a hole reads as `undefined`). */
export function isMissing(value: unknown): value is null | undefined {
  return value === null || value === undefined;
}

/** An iterable object (strings are not objects, so a string is never read as characters). */
export function isIterable(value: unknown): value is Iterable<unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === "function"
  );
}

/** The keys of a {@link MaskedColumn}. */
const COLUMN_KEYS = ["values", "validity"] as const;

/**
 * Refuse a column with a key besides `values` and `validity`: left unread, it could be where
 * the column keeps its missing values under another name (`nulls`, Arrow's `nullBitmap` and
 * `offset`), and every row would be read as present.
 */
function checkColumnKeys(column: object, fn: string): void {
  const others = Object.keys(column).filter(
    (key) => !(COLUMN_KEYS as readonly string[]).includes(key),
  );
  const [first] = others;
  if (first === undefined) return;
  const meant = closestName(first, COLUMN_KEYS);
  throw new MetricError(
    "INVALID_INPUT",
    others.includes("nullBitmap")
      ? "an Arrow Data is not a column: its nulls are in nullBitmap, from offset, which a column does not read; pass its Vector (iterated, nulls and all)"
      : `a column has only values and validity, not ${others.map((key) => JSON.stringify(key)).join(", ")}${meant === undefined ? "" : ` (did you mean ${meant}?)`}: a key left unread could hold its missing values`,
    { fn, value: others, field: first },
  );
}

/** The rows of a masked column: a cleared validity bit is a missing answer (`null`). */
function forEachMasked<T>(
  column: MaskedColumn<T>,
  each: (row: T, index: number) => void,
  fn: string,
): number {
  checkColumnKeys(column, fn);
  const { values, validity } = column;
  const length = values.length;
  if (validity !== undefined && validity !== null) {
    if (!(validity instanceof Uint8Array) || validity.length < Math.ceil(length / 8)) {
      throw new MetricError(
        "INVALID_INPUT",
        `validity must be a Uint8Array bitmap of at least ${Math.ceil(length / 8)} bytes for ${length} values; got ${describeValue(validity)}`,
        { fn, value: validity, field: "validity" },
      );
    }
    for (let i = 0; i < length; i++) {
      const present = ((validity[i >> 3] as number) >> (i & 7)) & 1;
      each(present === 1 ? (values[i] as T) : (null as T), i);
    }
    return length;
  }
  for (let i = 0; i < length; i++) each(values[i] as T, i);
  return length;
}

/**
 * Refuse a `Map` given as the scores themselves: it is iterated as `[key, value]` entries, so
 * every row would be refused as a chunk, with a hint that does not fit. (Read with a score
 * accessor, its entries are records, and a Map is fine.)
 *
 * @throws {@link MetricError} `INVALID_INPUT` for a Map.
 */
export function checkScoreCollection(input: unknown, fn: string): void {
  if (input instanceof Map) {
    throw new MetricError(
      "INVALID_INPUT",
      "a Map is read as [key, value] entries, not scores: pass map.values(), or its counts to fromCounts",
      { fn, value: input, field: "scores" },
    );
  }
}

/**
 * Call `each` on every row of a collection, read by index or iterated as {@link readByIndex}
 * decides, and return the number of rows.
 *
 * @throws {@link MetricError} `INVALID_INPUT` when the input is not a collection.
 */
export function forEachRow<T>(
  input: ScoreInput<T>,
  each: (row: T, index: number) => void,
  fn: string,
  what: string,
): number {
  if (readByIndex(input)) {
    const length = input.length;
    for (let i = 0; i < length; i++) each(input[i] as T, i);
    return length;
  }
  if (isMaskedColumn(input)) return forEachMasked(input as MaskedColumn<T>, each, fn);
  if (!isIterable(input)) {
    throw new MetricError(
      "INVALID_INPUT",
      `expected an array, typed array or iterable of ${what}; got ${describeValue(input)}`,
      { fn, value: input, field: what },
    );
  }
  let index = 0;
  for (const row of input as Iterable<T>) each(row, index++);
  return index;
}

/**
 * The length of a value that is a list of scores rather than one (an array or a typed array,
 * e.g. a Buffer from a byte stream), or undefined; never throws, even for a hostile proxy.
 */
function chunkLength(value: unknown): number | undefined {
  try {
    if (!Array.isArray(value) && !ArrayBuffer.isView(value)) return undefined;
    const length = (value as { length?: unknown }).length;
    return typeof length === "number" ? length : undefined;
  } catch {
    return undefined;
  }
}

/** Why a value is not a score on the integer scale min…max, or undefined when it is one. */
export function scoreProblem(
  score: unknown,
  min: number,
  max: number,
): { code: MetricErrorCode; why: string } | undefined {
  if (typeof score === "bigint") {
    // Compared exactly (bigint against number); Number() of a value on the scale is exact.
    return score < min || score > max
      ? { code: "SCORE_OUT_OF_SCALE", why: `is outside the scale ${min}–${max}` }
      : undefined;
  }
  if (typeof score === "string") {
    return {
      code: "INVALID_INPUT",
      why: 'is text, not a number: convert the column first, blank cells to null (Number("") is 0)',
    };
  }
  if (typeof score !== "number") {
    const length = chunkLength(score);
    if (length !== undefined) {
      return {
        code: "INVALID_INPUT",
        why: `is a chunk of ${length} ${length === 1 ? "value" : "values"}, not one score (as a byte stream yields Buffers): flatten them, or add each with createTally(scale).addAll(chunk)`,
      };
    }
    return { code: "INVALID_INPUT", why: "is not a number" };
  }
  if (!Number.isFinite(score)) return { code: "NON_FINITE", why: "is not finite" };
  if (!Number.isInteger(score)) return { code: "SCORE_NOT_INTEGER", why: "is not an integer" };
  if (score < min || score > max)
    return { code: "SCORE_OUT_OF_SCALE", why: `is outside the scale ${min}–${max}` };
  return undefined;
}

/** The smallest and largest weights whose squares are normal doubles (2^−511 and 2^511). */
/** The smallest and largest weights other than 0: their squares stay normal doubles. @internal */
export const MIN_WEIGHT = 2 ** -511;
/** @internal */
export const MAX_WEIGHT = 2 ** 511;

/** What a weight must be, for error messages. */
export const WEIGHT_RULE =
  "a finite number ≥ 0 whose square is a normal double (0, or between 1.5e-154 and 6.7e153; rescale the weights, every metric is unchanged by a common factor)";

/**
 * A weight as a number, or undefined when it is not one: finite, ≥ 0, and 0 or with a square
 * that is a normal double, so Σw² and the Kish effective n keep full precision. Bigints up to
 * 2^53 − 1 (SQL counts) are read exactly.
 */
export function weightValue(weight: unknown): number | undefined {
  let w: number;
  if (typeof weight === "number") w = weight;
  else if (typeof weight === "bigint" && weight >= 0n && weight <= BigInt(Number.MAX_SAFE_INTEGER))
    w = Number(weight);
  else return undefined;
  if (w === 0) return 0;
  return w >= MIN_WEIGHT && w <= MAX_WEIGHT ? w : undefined;
}

/** A reader of one value of a record (its score, its weight) given as an option. */
export type RowReader<T> = (record: T, index: number) => unknown;

/** The `score` option: a function, or undefined when the elements are the scores. */
export function scoreReader<T>(score: unknown, fn: string): RowReader<T> | undefined {
  if (score === undefined) return undefined;
  if (typeof score === "function") return score as RowReader<T>;
  throw new MetricError("INVALID_OPTION", "the score accessor must be a function", {
    fn,
    value: score,
    field: "score",
  });
}

/**
 * The `weights` option as a reader of the weight of row i: a function as given, or an array
 * (or typed array) read by index, checking its length as it goes.
 */
export function weightReader<T>(weights: unknown, fn: string): RowReader<T> | undefined {
  if (weights === undefined) return undefined;
  if (typeof weights === "function") return weights as RowReader<T>;
  if (readByIndex(weights)) {
    return (_record, index) => {
      if (index >= weights.length) {
        throw new MetricError(
          "INVALID_INPUT",
          `weights has ${weights.length} entries but there are more scores`,
          { fn, index, field: "weights" },
        );
      }
      return weights[index];
    };
  }
  throw new MetricError("INVALID_OPTION", "weights must be an array, a typed array or a function", {
    fn,
    value: weights,
    field: "weights",
  });
}

/** Weights given as an array must be exactly as long as the input. */
export function checkWeightsLength(weights: unknown, rows: number, fn: string): void {
  if (isArrayLike(weights) && rows !== weights.length) {
    throw new MetricError(
      "INVALID_INPUT",
      `weights has ${weights.length} entries but there are ${rows} scores`,
      { fn, value: weights.length, field: "weights" },
    );
  }
}
