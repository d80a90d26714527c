/**
 * Customer value (benefits ÷ sacrifices) per segment.
 *
 * @module
 */
import { describeValue, guarded, MetricError } from "../errors/metric-error.js";
import type { CustomerValueInput } from "../value/customer-value.js";
import {
  summarizeValue,
  type ValueSummary,
  type ValueSummaryOptions,
} from "../value/value-summary.js";
import type { Customer } from "./customer.js";
import { memberPositions } from "./segment-join.js";
import type { SegmentReport } from "./segmentation.js";

/**
 * One segment's customer value.
 *
 * @category Customers
 */
export interface SegmentValueRow {
  /** The segment's id. */
  readonly id: string;
  /** The segment's name. */
  readonly name: string;
  /** Members for which `valueOfCustomer` gave no benefits and sacrifices — counted, not used. */
  readonly withoutValue: number;
  /** The mean value ratio of the members with a value, with its interval; absent when there are none. */
  readonly summary?: ValueSummary;
}

/**
 * The result of {@link segmentValues}.
 *
 * @category Customers
 */
export interface SegmentValueReport {
  /** One row per segment of the report, in its order. */
  readonly segments: readonly SegmentValueRow[];
  /** The customers in no segment. */
  readonly unassigned: Omit<SegmentValueRow, "id" | "name">;
}

/**
 * Customer value per segment: for each segment of a {@link SegmentReport}, the mean of its
 * members' benefit/sacrifice ratios with a t-interval ({@link summarizeValue}), so segments can
 * be compared on the value they perceive.
 *
 * @param report - a segmentation of `customers`
 * @param customers - the same customer base, in any order (joined to the report by id)
 * @param valueOfCustomer - a customer's benefits and sacrifices (e.g. from a value survey), or
 *   `undefined` when there is none for that customer
 * @param options - as {@link summarizeValue}: `level`, `minSampleSize`, `invalid`
 * @returns one row per segment and one for the unassigned customers
 * @throws {@link MetricError} `INVALID_INPUT` when the customers are not the report's (by id) or
 *   `valueOfCustomer` is not a function; as {@link summarizeValue} does for a segment's customers (the
 *   index in the message is the position among that segment's members with a value).
 *
 * @example
 * ```ts
 * import { defineSegments, segmentCustomers, segmentValues } from "customer-metrics";
 * const base = { kind: "person", relationship: "direct", side: "external", status: "current" } as const;
 * const customers = [{ ...base, id: "a", type: "consumer" }, { ...base, id: "b", type: "business" }];
 * const report = segmentCustomers(customers, defineSegments([{ id: "b2b", name: "B2B", rule: { op: "eq", field: "type", value: "business" } }]));
 * const valueOfCustomer = (c) => ({ benefits: { functional: c.type === "business" ? 30 : 10 }, sacrifices: { monetary: 20 } });
 * segmentValues(report, customers, valueOfCustomer).segments[0].summary?.meanRatio; // => 1.5
 * ```
 *
 * @category Customers
 */
export function segmentValues(
  report: SegmentReport,
  customers: readonly Customer[],
  valueOfCustomer: (customer: Customer, index: number) => CustomerValueInput | undefined,
  options: ValueSummaryOptions = {},
): SegmentValueReport {
  return guarded("segmentValues", () => {
    const fn = "segmentValues";
    // The join checks the customers and gives each segment's members as positions in them.
    const positions = memberPositions(report, customers, fn);
    if (typeof valueOfCustomer !== "function") {
      throw new MetricError(
        "INVALID_INPUT",
        `valueOfCustomer must be a function; got ${describeValue(valueOfCustomer)}`,
        { fn, value: valueOfCustomer, field: "valueOfCustomer" },
      );
    }
    const rowFor = (members: Int32Array): Omit<SegmentValueRow, "id" | "name"> => {
      const inputs: CustomerValueInput[] = [];
      for (let k = 0; k < members.length; k++) {
        const i = members[k] as number;
        const value = valueOfCustomer(customers[i] as Customer, i);
        if (value !== undefined) inputs.push(value);
      }
      const withoutValue = members.length - inputs.length;
      return inputs.length === 0
        ? { withoutValue }
        : { withoutValue, summary: summarizeValue(inputs, options) };
    };
    return {
      segments: report.segments.map((segment, s) => ({
        id: segment.id,
        name: segment.name,
        ...rowFor(positions.segments[s] as Int32Array),
      })),
      unassigned: rowFor(positions.unassigned),
    };
  });
}
