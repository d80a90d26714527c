import { finiteResult } from "../common/finite.js";
import { formatPeriod, type PeriodFrequency, parsePeriod } from "../common/period.js";
import { describeValue, guarded, MetricError } from "../errors/metric-error.js";
import { checkAmount } from "./amount.js";

/**
 * One observation of a price index: the index level in a period (CPI-like, e.g. 2015 = 100).
 *
 * @category Inflation
 */
export interface IndexPoint {
  /** `"YYYY"`, `"YYYY-Qn"` or `"YYYY-MM"`. */
  readonly period: string;
  /** The index level, finite and > 0. */
  readonly value: number;
}

/**
 * A validated price-index series: index **levels** (not rates), ordered by period, of one
 * frequency. Plain, frozen data — it survives `JSON.stringify`/`JSON.parse`, and every function
 * that takes one not made by {@link priceIndex} checks it first.
 *
 * @category Inflation
 */
export interface PriceIndex {
  /** The frequency of every period in the series. */
  readonly frequency: PeriodFrequency;
  /** The observations, oldest first, one per period. */
  readonly points: readonly IndexPoint[];
  /** Periods between the first and the last that have no observation, oldest first. */
  readonly gaps: readonly string[];
}

/**
 * The checked lookup of a price index: period → level. Cached only for the frozen indexes that
 * {@link priceIndex} returns, which cannot change; any other object is checked on every call.
 */
interface Lookup {
  readonly frequency: PeriodFrequency;
  readonly levels: ReadonlyMap<number, number>;
}

const lookups = new WeakMap<object, Lookup>();

/** The lookup of checked, sorted points. */
function lookupFrom(
  frequency: PeriodFrequency,
  sorted: readonly { ordinal: number; point: IndexPoint }[],
): Lookup {
  return { frequency, levels: new Map(sorted.map((s) => [s.ordinal, s.point.value])) };
}

function checkPoints(
  points: unknown,
  fn: string,
): { frequency: PeriodFrequency; sorted: { ordinal: number; point: IndexPoint }[] } {
  if (!Array.isArray(points) || points.length === 0) {
    throw new MetricError(
      "INVALID_INPUT",
      `expected a non-empty array of { period, value }; got ${describeValue(points)}`,
      {
        fn,
        value: points,
        field: "points",
      },
    );
  }
  let frequency: PeriodFrequency | undefined;
  const seen = new Map<number, number>();
  // A plain loop over a copy: a hole (which map would pass over) is a malformed point.
  const sorted = Array.from(points as unknown[], (raw: unknown, index) => {
    const point = (typeof raw === "object" && raw !== null ? raw : {}) as Partial<IndexPoint>;
    const parsed = parsePeriod(point.period, fn, `points[${index}].period`);
    if (frequency !== undefined && parsed.frequency !== frequency) {
      throw new MetricError(
        "INVALID_PERIOD",
        `points[${index}].period ${describeValue(point.period)} is ${parsed.frequency}ly, but the series is ${frequency}ly`,
        { fn, index, value: point.period, field: "period" },
      );
    }
    frequency = parsed.frequency;
    const earlier = seen.get(parsed.ordinal);
    if (earlier !== undefined) {
      throw new MetricError(
        "DUPLICATE_PERIOD",
        `points[${index}] repeats the period ${point.period} of points[${earlier}]`,
        { fn, index, value: point.period, field: "period" },
      );
    }
    seen.set(parsed.ordinal, index);
    const value = point.value;
    if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
      throw new MetricError(
        "INVALID_INPUT",
        `points[${index}].value must be a finite index level > 0; got ${describeValue(value)}`,
        { fn, index, value, field: "value" },
      );
    }
    return { ordinal: parsed.ordinal, point: { period: point.period as string, value } };
  });
  sorted.sort((a, b) => a.ordinal - b.ordinal);
  return { frequency: frequency as PeriodFrequency, sorted };
}

/**
 * Validate and order a price-index series (a national CPI's annual averages, a monthly HICP,
 * a quarterly deflator): periods `YYYY`, `YYYY-Qn` or `YYYY-MM`, all of one frequency, one
 * positive level each. The result lists the points oldest first and reports missing periods in
 * `gaps`. Storing levels rather than rates keeps every conversion exactly invertible.
 *
 * @param points - `{ period, value }` observations, in any order
 * @returns the validated {@link PriceIndex}
 * @throws {@link MetricError} `INVALID_PERIOD` for a malformed period or mixed frequencies;
 *   `DUPLICATE_PERIOD` for a period given twice; `INVALID_INPUT` for an empty series or a level
 *   that is not a finite number > 0.
 *
 * @example
 * ```ts
 * import { priceIndex } from "customer-metrics";
 * const cpi = priceIndex([
 *   { period: "2022", value: 292.655 },
 *   { period: "2020", value: 258.811 },
 * ]);
 * cpi.points[0].period; // => "2020"
 * cpi.gaps; // => ["2021"]
 * ```
 *
 * @category Inflation
 */
export function priceIndex(points: readonly IndexPoint[]): PriceIndex {
  return guarded("priceIndex", () => {
    const fn = "priceIndex";
    const { frequency, sorted } = checkPoints(points, fn);
    const gaps: string[] = [];
    for (let i = 1; i < sorted.length; i++) {
      const previous = (sorted[i - 1] as { ordinal: number }).ordinal;
      const current = (sorted[i] as { ordinal: number }).ordinal;
      for (let missing = previous + 1; missing < current; missing++)
        gaps.push(formatPeriod(frequency, missing));
    }
    // Frozen, so the cached lookup below can never go stale (a frozen object cannot change).
    const index: PriceIndex = Object.freeze({
      frequency,
      points: Object.freeze(sorted.map((s) => Object.freeze(s.point))),
      gaps: Object.freeze(gaps),
    });
    lookups.set(index, lookupFrom(frequency, sorted));
    return index;
  });
}

/** The checked lookup of an index (validated once per object, then cached). */
function lookupOf(index: PriceIndex, fn: string): Lookup {
  if (typeof index !== "object" || index === null) {
    throw new MetricError("INVALID_INPUT", `expected a PriceIndex; got ${describeValue(index)}`, {
      fn,
      value: index,
    });
  }
  const cached = lookups.get(index);
  if (cached !== undefined) return cached;
  // Not made by priceIndex: its points may change between calls, so nothing is cached. (Every
  // caller runs inside guarded, which turns a throwing read of the points into INVALID_INPUT.)
  const { frequency, sorted } = checkPoints(index.points, fn);
  return lookupFrom(frequency, sorted);
}

/** The level of the index in a period; `UNKNOWN_PERIOD` if it has none. */
function levelAt(lookup: Lookup, period: unknown, fn: string, field: string): number {
  const parsed = parsePeriod(period, fn, field);
  if (parsed.frequency !== lookup.frequency) {
    throw new MetricError(
      "INVALID_PERIOD",
      `${field} ${describeValue(period)} is ${parsed.frequency}ly, but the index is ${lookup.frequency}ly`,
      { fn, value: period, field },
    );
  }
  const level = lookup.levels.get(parsed.ordinal);
  if (level === undefined) {
    throw new MetricError(
      "UNKNOWN_PERIOD",
      `the index has no value for ${field} ${describeValue(period)}`,
      {
        fn,
        value: period,
        field,
      },
    );
  }
  return level;
}

/**
 * Inflation between two periods: I(to)/I(from) − 1, computed as (I(to) − I(from))/I(from).
 * Negative when prices fell; `to` may come before `from` (the rate then runs backwards).
 *
 * @param index - the price index
 * @param from - the start period
 * @param to - the end period
 * @returns the inflation as a fraction (0.08 = 8 %)
 * @throws {@link MetricError} `UNKNOWN_PERIOD` for a period not in the index; `INVALID_PERIOD`
 *   for a malformed period or one of another frequency; `INVALID_INPUT` for a malformed index.
 *
 * @example
 * ```ts
 * import { inflationBetween, priceIndex } from "customer-metrics";
 * const cpi = priceIndex([{ period: "2021", value: 270.970 }, { period: "2022", value: 292.655 }]);
 * inflationBetween(cpi, "2021", "2022").toFixed(4); // => "0.0800"
 * ```
 *
 * @category Inflation
 */
export function inflationBetween(index: PriceIndex, from: string, to: string): number {
  return guarded("inflationBetween", () => {
    const fn = "inflationBetween";
    const lookup = lookupOf(index, fn);
    const start = levelAt(lookup, from, fn, "from");
    const end = levelAt(lookup, to, fn, "to");
    return finiteResult((end - start) / start, fn);
  });
}

/**
 * The money-value converter statistics offices publish: an amount of `from`-period money
 * expressed in `to`-period money, amount × I(to)/I(from). Converting A → B → A gives the
 * amount back (to rounding in the last bits).
 *
 * @param index - the price index
 * @param amount - the amount in `from`-period money (any finite number; a currency unit)
 * @param from - the period the amount is in
 * @param to - the period to express it in
 * @returns the same purchasing power in `to`-period money
 * @throws {@link MetricError} `UNKNOWN_PERIOD`; `INVALID_PERIOD`; `NON_FINITE` for a
 *   non-finite amount or result; `INVALID_INPUT` for a malformed index.
 *
 * @example
 * ```ts
 * import { convertAmount, priceIndex } from "customer-metrics";
 * const cpi = priceIndex([{ period: "2020", value: 258.811 }, { period: "2023", value: 304.702 }]);
 * convertAmount(cpi, 1000, "2020", "2023").toFixed(2); // => "1177.31"
 * ```
 *
 * @category Inflation
 */
export function convertAmount(index: PriceIndex, amount: number, from: string, to: string): number {
  return guarded("convertAmount", () => {
    const fn = "convertAmount";
    const lookup = lookupOf(index, fn);
    const value = checkAmount(amount, fn);
    // amount × (I(to)/I(from)): the factor is exactly 1 when from = to, so the amount comes back.
    return finiteResult(
      value * (levelAt(lookup, to, fn, "to") / levelAt(lookup, from, fn, "from")),
      fn,
      value !== 0,
    );
  });
}

/**
 * The purchasing power in period `to` of one unit of money, measured in `from`-period money:
 * I(from)/I(to). Below 1 when prices rose — the unit buys less than it did.
 *
 * @param index - the price index
 * @param from - the reference period
 * @param to - the period whose money is valued
 * @returns the purchasing power of one unit (dimensionless)
 * @throws {@link MetricError} `UNKNOWN_PERIOD`; `INVALID_PERIOD`; `INVALID_INPUT`.
 *
 * @example
 * ```ts
 * import { priceIndex, unitPurchasingPower } from "customer-metrics";
 * const cpi = priceIndex([{ period: "2020", value: 100 }, { period: "2024", value: 125 }]);
 * unitPurchasingPower(cpi, "2020", "2024"); // => 0.8
 * ```
 *
 * @category Inflation
 */
export function unitPurchasingPower(index: PriceIndex, from: string, to: string): number {
  return guarded("unitPurchasingPower", () => {
    const fn = "unitPurchasingPower";
    const lookup = lookupOf(index, fn);
    return finiteResult(
      levelAt(lookup, from, fn, "from") / levelAt(lookup, to, fn, "to"),
      fn,
      true,
    );
  });
}

/**
 * Rebase an index so that `period` has the level `base` (default 100): every level is
 * multiplied by base / I(period). Inflation between any two periods is unchanged (to rounding).
 *
 * @param index - the price index
 * @param period - the new base period
 * @param base - the level it gets; default 100
 * @returns a new, validated {@link PriceIndex}
 * @throws {@link MetricError} `UNKNOWN_PERIOD`; `INVALID_PERIOD`; `INVALID_INPUT` for a base
 *   that is not a finite number > 0 or a malformed index.
 *
 * @example
 * ```ts
 * import { priceIndex, rebaseIndex } from "customer-metrics";
 * const cpi = priceIndex([{ period: "2020", value: 258.811 }, { period: "2022", value: 292.655 }]);
 * rebaseIndex(cpi, "2020").points[0].value; // => 100
 * ```
 *
 * @category Inflation
 */
export function rebaseIndex(index: PriceIndex, period: string, base = 100): PriceIndex {
  return guarded("rebaseIndex", () => {
    const fn = "rebaseIndex";
    const lookup = lookupOf(index, fn);
    if (typeof base !== "number" || !Number.isFinite(base) || base <= 0) {
      throw new MetricError(
        "INVALID_INPUT",
        `base must be a finite number > 0; got ${describeValue(base)}`,
        {
          fn,
          value: base,
          field: "base",
        },
      );
    }
    const level = levelAt(lookup, period, fn, "period");
    // From the checked lookup, not the index's points (which a hand-built index could change).
    const points: IndexPoint[] = [];
    for (const [ordinal, value] of lookup.levels) {
      const label = formatPeriod(lookup.frequency, ordinal);
      points.push({
        period: label,
        value: label === period ? base : finiteResult((value * base) / level, fn, true),
      });
    }
    return priceIndex(points);
  });
}

/**
 * Deflate a nominal series to real terms in the money of `basePeriod`: each value times
 * I(basePeriod)/I(period). Periods must be in the index.
 *
 * @param index - the price index
 * @param series - nominal `{ period, value }` observations (e.g. revenue per year)
 * @param basePeriod - the period whose money the result is in
 * @returns the real series, in the order given
 * @throws {@link MetricError} `UNKNOWN_PERIOD` naming the first period the index lacks;
 *   `INVALID_PERIOD`; `NON_FINITE` for a non-finite value or result; `INVALID_INPUT` for a malformed
 *   series or index.
 *
 * @example
 * ```ts
 * import { deflateSeries, priceIndex } from "customer-metrics";
 * const cpi = priceIndex([{ period: "2021", value: 100 }, { period: "2022", value: 110 }]);
 * const real = deflateSeries(cpi, [{ period: "2021", value: 500 }, { period: "2022", value: 550 }], "2021");
 * real[1]; // => { period: "2022", value: 500 }
 * ```
 *
 * @category Inflation
 */
export function deflateSeries(
  index: PriceIndex,
  series: readonly IndexPoint[],
  basePeriod: string,
): IndexPoint[] {
  return guarded("deflateSeries", () => {
    const fn = "deflateSeries";
    const lookup = lookupOf(index, fn);
    const base = levelAt(lookup, basePeriod, fn, "basePeriod");
    if (!Array.isArray(series)) {
      throw new MetricError(
        "INVALID_INPUT",
        `series must be an array of { period, value }; got ${describeValue(series)}`,
        {
          fn,
          value: series,
          field: "series",
        },
      );
    }
    const real: IndexPoint[] = new Array(series.length);
    // A series has few distinct periods: each label is parsed and looked up once, and its
    // factor base / level kept. Field names for messages are built only for an error.
    const factors = new Map<unknown, number>();
    // A plain loop: a hole (which map would pass over and return) is a malformed point.
    for (let i = 0; i < series.length; i++) {
      const raw: unknown = series[i];
      if (typeof raw !== "object" || raw === null) {
        throw new MetricError(
          "INVALID_INPUT",
          `series[${i}] must be a { period, value } point; got ${describeValue(raw)}`,
          { fn, index: i, value: raw, field: "series" },
        );
      }
      const point = raw as Partial<IndexPoint>;
      const given = point.value;
      const value =
        typeof given === "number" && Number.isFinite(given)
          ? given
          : checkAmount(given, fn, `series[${i}].value`);
      const period = point.period;
      let factor = factors.get(period);
      if (factor === undefined) {
        factor = base / levelAt(lookup, period, fn, `series[${i}].period`);
        factors.set(period, factor);
      }
      const deflated = value * factor;
      real[i] = {
        period: period as string,
        value:
          Number.isFinite(deflated) && (deflated !== 0 || value === 0)
            ? deflated
            : finiteResult(deflated, fn, value !== 0),
      };
    }
    return real;
  });
}
