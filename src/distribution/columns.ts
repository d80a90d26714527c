/**
 * Reading a column of a table of records: by name (`"region"`) or by accessor function, with a
 * misspelt name caught instead of read as a column of blanks.
 *
 * @module
 */

import { closestName } from "../common/options.js";
import { describeValue, MetricError } from "../errors/metric-error.js";

/**
 * A column of a table of records: the name of a field (`"region"`), or a function of the record
 * and its index that returns the value (`(r) => r.answers.nps`).
 *
 * @typeParam T - the record type
 * @category Distribution
 */
export type Column<T> = (keyof T & string) | ((record: T, index: number) => unknown);

/** A column reader, and whether any record had a field of that name. @internal */
export interface ColumnReader<T> {
  readonly read: (record: T, index: number) => unknown;
  /** After the pass: throw `UNKNOWN_FIELD` when a named column was in no record. */
  readonly checkFound: (rows: number, fn: string) => void;
}

/**
 * Names no table column may have: reading them would read `Object.prototype` (a record's own
 * fields, and getters of its class, are read as they are).
 */
const FORBIDDEN: ReadonlySet<string> = new Set([
  ...Object.getOwnPropertyNames(Object.prototype),
  "prototype",
]);

/**
 * The reader of an option that names a column. A name reads the record's field (a record that
 * is not an object — a hole, `null` — has no fields: its value is missing); a function is
 * called as given.
 *
 * @throws {@link MetricError} `INVALID_OPTION` when the option is neither a name nor a function,
 *   or names a member of `Object.prototype` (`__proto__`, `constructor`, `toString` …) or
 *   `prototype`.
 * @internal
 */
export function columnReader<T>(spec: unknown, fn: string, field: string): ColumnReader<T> {
  if (typeof spec === "function") {
    return { read: spec as (record: T, index: number) => unknown, checkFound: () => {} };
  }
  if (typeof spec !== "string" || spec === "" || FORBIDDEN.has(spec)) {
    throw new MetricError(
      "INVALID_OPTION",
      `${field} must be a column name or a function of the record; got ${describeValue(spec)}`,
      { fn, value: spec, field },
    );
  }
  let found = false;
  let example: object | undefined;
  return {
    read: (record) => {
      if (typeof record !== "object" || record === null) return undefined;
      const value = (record as Record<string, unknown>)[spec];
      if (value !== undefined) {
        if (!found) found = true;
        return value;
      }
      if (!found && spec in record) found = true;
      else example ??= record;
      return undefined;
    },
    checkFound: (rows, fn) => {
      if (found || rows === 0) return;
      const names = example === undefined ? [] : Object.keys(example);
      const best = closestName(spec, names);
      const advice =
        best !== undefined
          ? `; did you mean ${describeValue(best)}?`
          : names.length > 0
            ? `; the records have ${names
                .slice(0, 12)
                .map((n) => describeValue(n))
                .join(", ")}`
            : "";
      throw new MetricError(
        "UNKNOWN_FIELD",
        `no record has a column ${describeValue(spec)} (option ${field})${advice}`,
        { fn, value: spec, field },
      );
    },
  };
}
