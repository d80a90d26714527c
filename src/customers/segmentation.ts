/**
 * Segmenting a customer base: who falls in which segment, how big each is, whether it is large
 * enough, and how homogeneous the segments are on a chosen attribute.
 *
 * @module
 */

import { checkChoice, checkNumber, readOptions } from "../common/options.js";
import { describeValue, guarded, MetricError } from "../errors/metric-error.js";
import { compensatedSum } from "../stats/sum.js";
import type { Customer } from "./customer.js";
import { fieldAt, pathReader } from "./fields.js";
import { segmentPredicate } from "./segment.js";
import type { Segment } from "./segment-rule.js";

/**
 * `"exclusive"`: each customer joins the first segment whose rule holds (segments are tried in
 * order). `"overlapping"`: each customer joins every segment whose rule holds.
 *
 * @category Customers
 */
export type SegmentationMode = "exclusive" | "overlapping";

/**
 * Options of {@link segmentCustomers}.
 *
 * @category Customers
 */
export interface SegmentationOptions {
  /** Exclusive (first match, the default) or overlapping. */
  readonly mode?: SegmentationMode;
  /**
   * "Large enough" needs at least this many customers; default 30 (the low-base convention of
   * the survey metrics).
   */
  readonly minSize?: number;
  /** "Large enough" needs at least this share of the base, 0…1; default 0. */
  readonly minShare?: number;
  /**
   * A numeric customer field (dotted path, e.g. `"attributes.purchaseBehaviour.totalSpend"`) on
   * which to measure how homogeneous the segments are.
   */
  readonly homogeneityOf?: string;
}

/**
 * Spread of the homogeneity attribute within one group.
 *
 * @category Customers
 */
export interface AttributeSpread {
  /** Members with a numeric value of the attribute. */
  readonly n: number;
  /** Their mean; absent when n = 0. */
  readonly mean?: number;
  /** Their sample standard deviation; absent when n < 2. */
  readonly standardDeviation?: number;
}

/**
 * One segment in a {@link SegmentReport}.
 *
 * @category Customers
 */
export interface SegmentSummary {
  /** The segment's id. */
  readonly id: string;
  /** The segment's name. */
  readonly name: string;
  /** Number of customers in it. */
  readonly size: number;
  /** size ÷ customers in the base, 0…1. */
  readonly share: number;
  /** Whether size ≥ minSize and share ≥ minShare. */
  readonly largeEnough: boolean;
  /** Positions (in the input array) of its customers, ascending. */
  readonly members: readonly number[];
  /** Ids of its customers, in the order of `members`: what later joins go by. */
  readonly ids: readonly string[];
  /** Spread of the homogeneity attribute among its members, when one was chosen. */
  readonly spread?: AttributeSpread;
}

/**
 * Homogeneity of a segmentation on one numeric attribute: the share of the attribute's variance
 * that the segments explain (η² = between-segment sum of squares ÷ total sum of squares, the
 * one-way ANOVA effect size; Cohen 1988). Near 1, each segment is internally homogeneous and the
 * segments differ; near 0, segmenting tells nothing about the attribute.
 *
 * @category Customers
 */
export interface Homogeneity {
  /** The attribute's path. */
  readonly attribute: string;
  /**
   * η², 0…1, over the assigned customers with a value (exclusive mode only: with overlapping
   * segments the sums of squares do not partition; also absent when the attribute has no
   * variance).
   */
  readonly explainedShare?: number;
  /** Customers (assigned or not) without a numeric value of the attribute — counted, not dropped. */
  readonly missing: number;
  /** Spread over the whole base. */
  readonly overall: AttributeSpread;
}

/**
 * The result of {@link segmentCustomers}.
 *
 * @category Customers
 */
export interface SegmentReport {
  /** The mode used. */
  readonly mode: SegmentationMode;
  /** Number of customers in the base (every `share` is a size ÷ baseSize). */
  readonly baseSize: number;
  /** One summary per segment, in the order of the segments. */
  readonly segments: readonly SegmentSummary[];
  /** Customers in no segment: how many, their share, their positions and ids. */
  readonly unassigned: {
    /** How many. */
    readonly size: number;
    /** Their share of the base. */
    readonly share: number;
    /** Their positions in the input. */
    readonly members: readonly number[];
    /** Their ids. */
    readonly ids: readonly string[];
  };
  /** The thresholds of the "large enough" verdicts. */
  readonly thresholds: {
    /** Minimum size. */
    readonly minSize: number;
    /** Minimum share. */
    readonly minShare: number;
  };
  /** Homogeneity on the chosen attribute, when `homogeneityOf` was given. */
  readonly homogeneity?: Homogeneity;
}

/**
 * A power of two to divide the values by so that their squares cannot overflow: 1 for ordinary
 * values (the results stay bit-for-bit those of the plain formulas), 2^−600 above 1e150.
 */
function magnitude(values: readonly number[]): number {
  let largest = 0;
  for (const v of values) largest = Math.max(largest, Math.abs(v));
  return largest > 1e150 ? 2 ** 600 : 1;
}

/**
 * Mean and sample standard deviation, computed on the values divided by their largest
 * magnitude, so that squares of values near 1e308 do not overflow; a result beyond the range
 * of doubles is `NON_FINITE`.
 */
function spreadOf(values: readonly number[], fn: string): AttributeSpread {
  const n = values.length;
  if (n === 0) return { n };
  const scale = magnitude(values);
  const scaled = values.map((v) => v / scale);
  const scaledMean = compensatedSum(scaled) / n;
  const mean = scaledMean * scale;
  if (n < 2) return { n, mean };
  const squares = compensatedSum(scaled.map((v) => (v - scaledMean) ** 2));
  const standardDeviation = Math.sqrt(squares / (n - 1)) * scale;
  if (!Number.isFinite(standardDeviation) || !Number.isFinite(mean)) {
    throw new MetricError(
      "NON_FINITE",
      "the homogeneity attribute's spread is beyond the range of doubles; rescale the attribute",
      { fn, value: standardDeviation, field: "homogeneityOf" },
    );
  }
  return { n, mean, standardDeviation };
}

/**
 * Segment a customer base — "dividing the customer base into groups with shared traits" — and
 * report on it: each segment's size and share, a "large enough" verdict against a minimum size
 * and share, the customers no segment took (listed, not dropped), and, for a chosen numeric
 * attribute, how homogeneous the segments are ("internally as homogeneous as possible, yet
 * large enough"). One pass over the customers, linear in customers × rule size.
 *
 * @param customers - the customer base (e.g. `parseCustomers(json).valid`)
 * @param segments - segments from {@link defineSegments}, tried in order
 * @param options - `mode`, `minSize` (default 30), `minShare` (default 0), `homogeneityOf`
 * @returns the report
 * @throws {@link MetricError} `INVALID_INPUT` when customers or segments is not an array, or
 *   for a customer that is not a record with a string id (naming its index);
 *   `INVALID_OPTION` for bad options; `UNKNOWN_FIELD` for an unknown `homogeneityOf`;
 *   `INVALID_RULE` when `homogeneityOf` is not a numeric field; as {@link defineSegments} does
 *   for a segment it has not seen.
 *
 * @example
 * ```ts
 * import { defineSegments, segmentCustomers } from "customer-metrics";
 * const base = { kind: "person", type: "consumer", relationship: "direct", side: "external", status: "current" } as const;
 * const customers = [
 *   { ...base, id: "a", attributes: { usage: { usageRate: "heavy" } } },
 *   { ...base, id: "b", attributes: { usage: { usageRate: "light" } } },
 *   { ...base, id: "c" },
 * ];
 * const segments = defineSegments([
 *   { id: "heavy", name: "Heavy users", rule: { op: "eq", field: "attributes.usage.usageRate", value: "heavy" } },
 *   { id: "light", name: "Light users", rule: { op: "eq", field: "attributes.usage.usageRate", value: "light" } },
 * ]);
 * const report = segmentCustomers(customers, segments, { minSize: 1 });
 * report.segments.map((s) => s.size); // => [1, 1]
 * report.unassigned.ids; // => ["c"]
 * ```
 *
 * @category Customers
 */
export function segmentCustomers(
  customers: readonly Customer[],
  segments: readonly Segment[],
  options: SegmentationOptions = {},
): SegmentReport {
  return guarded("segmentCustomers", () => {
    const fn = "segmentCustomers";
    const read = readOptions(options, ["mode", "minSize", "minShare", "homogeneityOf"], fn);
    if (!Array.isArray(customers) || !Array.isArray(segments)) {
      throw new MetricError("INVALID_INPUT", "customers and segments must be arrays", {
        fn,
        value: Array.isArray(customers) ? segments : customers,
      });
    }
    const mode = checkChoice(
      read.mode,
      ["exclusive", "overlapping"] as const,
      "exclusive",
      fn,
      "mode",
    );
    const minSize = checkNumber(
      read.minSize,
      { min: 0, max: Number.MAX_SAFE_INTEGER },
      30,
      fn,
      "minSize",
    );
    const minShare = checkNumber(read.minShare, { min: 0, max: 1 }, 0, fn, "minShare");
    // Array.from, not map: a hole in the list is checked (and refused) like any other segment.
    const tests = Array.from(segments, (segment) => segmentPredicate(segment, fn));
    const members: number[][] = segments.map(() => []);
    const unassigned: number[] = [];
    const exclusive = mode === "exclusive";
    for (let i = 0; i < customers.length; i++) {
      const customer = customers[i];
      if (typeof customer !== "object" || customer === null) {
        // A hole or a non-record cannot be segmented; it is not silently "unassigned".
        throw new MetricError(
          "INVALID_INPUT",
          `customers[${i}] is not a customer record: ${describeValue(customer)}`,
          { fn, index: i, value: customer },
        );
      }
      if (typeof (customer as { id?: unknown }).id !== "string") {
        // The report lists its members' ids: without one, it would list "undefined".
        throw new MetricError(
          "INVALID_INPUT",
          `customers[${i}] has no id (a string): ${describeValue(customer)}`,
          { fn, index: i, value: (customer as { id?: unknown }).id, field: "id" },
        );
      }
      let assigned = false;
      for (let s = 0; s < tests.length; s++) {
        if ((tests[s] as (c: unknown) => boolean)(customer)) {
          (members[s] as number[]).push(i);
          assigned = true;
          if (exclusive) break;
        }
      }
      if (!assigned) unassigned.push(i);
    }
    const total = customers.length;
    const idAt = (i: number): string => (customers[i] as Customer).id;
    const share = (size: number): number => (total === 0 ? 0 : size / total);
    const homogeneity =
      read.homogeneityOf === undefined ? undefined : attributeReader(read.homogeneityOf, fn);
    const summaries: SegmentSummary[] = segments.map((segment, s) => {
      const list = members[s] as number[];
      return {
        id: segment.id,
        name: segment.name,
        size: list.length,
        share: share(list.length),
        largeEnough: list.length >= minSize && share(list.length) >= minShare,
        members: list,
        ids: list.map(idAt),
        ...(homogeneity === undefined
          ? {}
          : { spread: spreadOf(valuesOf(list, customers, homogeneity), fn) }),
      };
    });
    return {
      mode,
      baseSize: total,
      segments: summaries,
      unassigned: {
        size: unassigned.length,
        share: share(unassigned.length),
        members: unassigned,
        ids: unassigned.map(idAt),
      },
      thresholds: { minSize, minShare },
      ...(homogeneity === undefined
        ? {}
        : {
            homogeneity: homogeneityReport(
              read.homogeneityOf as string,
              homogeneity,
              customers,
              summaries,
              exclusive,
              fn,
            ),
          }),
    };
  });
}

function attributeReader(path: unknown, fn: string): (c: unknown) => unknown {
  const info = typeof path === "string" ? fieldAt(path) : undefined;
  if (info === undefined) {
    throw new MetricError("UNKNOWN_FIELD", `no customer has the field ${describeValue(path)}`, {
      fn,
      value: path,
      field: "homogeneityOf",
    });
  }
  if (info.kind !== "number" && info.kind !== "custom") {
    throw new MetricError(
      "INVALID_RULE",
      `${info.path} holds ${info.kind} values; homogeneity needs a numeric field`,
      {
        fn,
        value: path,
        field: "homogeneityOf",
      },
    );
  }
  return pathReader(info.path);
}

function valuesOf(
  indices: readonly number[],
  customers: readonly Customer[],
  read: (c: unknown) => unknown,
): number[] {
  const values: number[] = [];
  for (const i of indices) {
    const v = read(customers[i]);
    if (typeof v === "number" && Number.isFinite(v)) values.push(v);
  }
  return values;
}

function homogeneityReport(
  attribute: string,
  read: (c: unknown) => unknown,
  customers: readonly Customer[],
  summaries: readonly SegmentSummary[],
  exclusive: boolean,
  fn: string,
): Homogeneity {
  const all = valuesOf(
    customers.map((_, i) => i),
    customers,
    read,
  );
  const overall = spreadOf(all, fn);
  const base = { attribute, missing: customers.length - all.length, overall };
  if (!exclusive) return base;
  // η² over the assigned customers with a value: SS_between / SS_total.
  // On the values divided by their largest magnitude: η² does not change, and no square overflows.
  const scale = magnitude(all);
  const groups = summaries
    .map((s) => valuesOf(s.members, customers, read).map((v) => v / scale))
    .filter((g) => g.length > 0);
  const assigned = groups.flat();
  if (assigned.length === 0) return base;
  const grand = compensatedSum(assigned) / assigned.length;
  const ssTotal = compensatedSum(assigned.map((v) => (v - grand) ** 2));
  if (!(ssTotal > 0) || !Number.isFinite(ssTotal)) return base;
  const ssBetween = compensatedSum(
    groups.map((g) => {
      const mean = compensatedSum(g) / g.length;
      return g.length * (mean - grand) ** 2;
    }),
  );
  return { ...base, explainedShare: Math.min(1, Math.max(0, ssBetween / ssTotal)) };
}
