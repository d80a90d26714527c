/**
 * A series of numbers — rates, p-values, margins, spends — given as an array, a typed array or
 * any other iterable (a generator, an Arrow vector, a `Set`), read as something indexable, so
 * that each caller checks every element by its position in one loop. Scores are not read here:
 * `tally`'s input reader takes many more shapes (columns with validity, records, weights).
 *
 * @internal
 * @module
 */
import { describeValue, MetricError } from "../errors/metric-error.js";

/**
 * `series` as something indexable: an array as it is (so a hole is seen, and refused by the
 * caller's check of that element, where `map` or `for … of` would pass over it or read it as
 * `undefined` without a word), a typed array as it is, any other iterable copied once. A string
 * (iterable by characters) is not a series; a `Map` (whose entries are `[key, value]` pairs) is
 * refused with a pointer to its values; a `DataView` has no elements to read.
 *
 * @param what - what `field` must be, for the message ("a series of period rates")
 * @throws {@link MetricError} `INVALID_INPUT` for anything else, naming `field`.
 */
export function readSeries(
  series: unknown,
  fn: string,
  field: string,
  what: string,
): ArrayLike<unknown> {
  if (Array.isArray(series)) return series;
  if (ArrayBuffer.isView(series) && !(series instanceof DataView)) {
    return series as unknown as ArrayLike<unknown>;
  }
  if (series instanceof Map) {
    throw new MetricError(
      "INVALID_INPUT",
      `${field}: a Map is read as [key, value] entries, not ${what}: pass map.values(), in the order meant`,
      { fn, value: series, field },
    );
  }
  if (
    typeof series === "object" &&
    series !== null &&
    typeof (series as { [Symbol.iterator]?: unknown })[Symbol.iterator] === "function"
  ) {
    return Array.from(series as Iterable<unknown>);
  }
  throw new MetricError(
    "INVALID_INPUT",
    `${field} must be ${what} (an array, a typed array or an iterable); got ${describeValue(series)}`,
    { fn, value: series, field },
  );
}
