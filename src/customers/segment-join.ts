/**
 * The join of a segmentation report to its customer base, by customer id: the checks that the
 * customers are the report's (the same ids, each once, in any order), and the two shapes the
 * per-segment functions read it in — each id's set of segments ({@link joinReport}, for
 * responses that name a customer) and each segment's member positions ({@link memberPositions},
 * for values computed from the customers themselves).
 *
 * @internal
 * @module
 */

import { describeValue, MetricError } from "../errors/metric-error.js";
import type { Customer } from "./customer.js";
import type { SegmentReport } from "./segmentation.js";

/** The join of a report and its customers: each customer's set of segments, by index. @internal */
export interface SegmentJoin {
  /** Customer id → 2 × the index of its set in `sets` (+ 1: seen among the customers). */
  readonly setOf: ReadonlyMap<string, number>;
  /** The distinct sets of segment indices, ascending; set 0 is the empty set. */
  readonly sets: readonly (readonly number[])[];
}

/** Each segment's members (and the unassigned customers) as positions in `customers`. @internal */
export interface MemberPositions {
  /** Per segment of the report, in its order: its members' positions, in the report's order. */
  readonly segments: readonly Int32Array[];
  /** The unassigned customers' positions. */
  readonly unassigned: Int32Array;
}

/** Refuse anything but a report of `segmentCustomers` and an array of customers. */
function checkReport(report: SegmentReport, customers: readonly Customer[], fn: string): void {
  const segments = (report as Partial<SegmentReport> | null | undefined)?.segments;
  const unassigned = (report as Partial<SegmentReport> | null | undefined)?.unassigned;
  if (
    !Array.isArray(segments) ||
    typeof unassigned !== "object" ||
    unassigned === null ||
    !Array.isArray(unassigned.ids) ||
    segments.some((s) => typeof s !== "object" || s === null || !Array.isArray(s.ids))
  ) {
    throw new MetricError(
      "INVALID_INPUT",
      "expected a segmentation report from segmentCustomers (segments and unassigned with their member ids)",
      { fn, value: report, field: "report" },
    );
  }
  if (!Array.isArray(customers)) {
    throw new MetricError(
      "INVALID_INPUT",
      `customers must be an array; got ${describeValue(customers)}`,
      { fn, value: customers, field: "customers" },
    );
  }
}

const notInReport = (fn: string, i: number, id: unknown): MetricError =>
  new MetricError(
    "INVALID_INPUT",
    `customers[${i}] (id ${describeValue(id)}) is not in the segmentation report: pass the customers the report was made from`,
    { fn, index: i, value: id, field: "customers" },
  );

const repeated = (fn: string, i: number, id: unknown): MetricError =>
  new MetricError("INVALID_INPUT", `customers[${i}] repeats the id ${describeValue(id)}`, {
    fn,
    index: i,
    value: id,
    field: "id",
  });

/** The report's base size is not the number of customers given. */
function checkBaseSize(report: SegmentReport, customers: readonly Customer[], fn: string): void {
  if (report.baseSize !== customers.length) {
    throw new MetricError(
      "INVALID_INPUT",
      `the report's base size is ${describeValue(report.baseSize)} but ${customers.length} customers were given: pass the customers the report was made from`,
      { fn, value: customers.length, field: "customers" },
    );
  }
}

/**
 * Join a segmentation report to a customer list by id, refusing a list that is not the
 * report's customer base: the same ids, each once (order does not matter). Returns, per
 * customer id, its set of segments as an index into the distinct sets (set 0, the empty set,
 * for the unassigned): O(customers) time and one map entry per customer.
 *
 * @internal
 */
export function joinReport(
  report: SegmentReport,
  customers: readonly Customer[],
  fn: string,
): SegmentJoin {
  checkReport(report, customers, fn);
  // Each customer's set of segments, interned as it is built: set 0 is the empty set (the
  // unassigned), and adding segment s to set i leads to one shared set, found again by a small
  // transition table. The map holds 2 × the set's index, + 1 once the customer has been seen in
  // `customers`: one number per customer, no array, no Set beside it.
  const setOf = new Map<string, number>();
  const sets: number[][] = [[]];
  const transitions: Map<number, number>[] = [new Map()];
  for (const id of report.unassigned.ids) setOf.set(id, 0);
  report.segments.forEach((segment, s) => {
    for (const id of segment.ids) {
      const from = (setOf.get(id) ?? 0) >> 1;
      const members = sets[from] as number[];
      if (members[members.length - 1] === s) continue;
      let to = (transitions[from] as Map<number, number>).get(s);
      if (to === undefined) {
        to = sets.length;
        sets.push([...members, s]);
        transitions.push(new Map());
        (transitions[from] as Map<number, number>).set(s, to);
      }
      setOf.set(id, to << 1);
    }
  });
  for (let i = 0; i < customers.length; i++) {
    const id = (customers[i] as Customer | undefined)?.id;
    const entry = typeof id === "string" ? setOf.get(id) : undefined;
    if (entry === undefined) throw notInReport(fn, i, id);
    if ((entry & 1) === 1) throw repeated(fn, i, id);
    setOf.set(id as string, entry | 1);
  }
  if (customers.length !== setOf.size) {
    throw new MetricError(
      "INVALID_INPUT",
      `the report covers ${setOf.size} customers but ${customers.length} were given: pass the customers the report was made from`,
      { fn, value: customers.length, field: "customers" },
    );
  }
  checkBaseSize(report, customers, fn);
  return { setOf, sets };
}

/**
 * Join a segmentation report to a customer list by id, as {@link joinReport} does and with the
 * same refusals, and return each segment's members as positions in `customers`. One map entry
 * per customer, one lookup per member, and 4 bytes per member for the positions.
 *
 * @internal
 */
export function memberPositions(
  report: SegmentReport,
  customers: readonly Customer[],
  fn: string,
): MemberPositions {
  checkReport(report, customers, fn);
  // One insertion per customer; a repeated id is the one that does not grow the map.
  const positionOf = new Map<string, number>();
  for (let i = 0; i < customers.length; i++) {
    const id = (customers[i] as Customer | undefined)?.id;
    if (typeof id !== "string") throw notInReport(fn, i, id);
    positionOf.set(id, i);
    if (positionOf.size !== i + 1) throw repeated(fn, i, id);
  }
  const covered = new Uint8Array(customers.length);
  let coveredCount = 0;
  const positionsOf = (ids: readonly string[], list: string): Int32Array => {
    const positions = new Int32Array(ids.length);
    for (let k = 0; k < ids.length; k++) {
      const position = positionOf.get(ids[k] as string);
      if (position === undefined) {
        throw new MetricError(
          "INVALID_INPUT",
          `${list}.ids[${k}] (id ${describeValue(ids[k])}) is not among the customers: pass the customers the report was made from`,
          { fn, index: k, value: ids[k], field: "report" },
        );
      }
      positions[k] = position;
      if (covered[position] === 0) {
        covered[position] = 1;
        coveredCount++;
      }
    }
    return positions;
  };
  const unassigned = positionsOf(report.unassigned.ids, "report.unassigned");
  const segments = report.segments.map((segment, s) =>
    positionsOf(segment.ids, `report.segments[${s}]`),
  );
  if (coveredCount !== customers.length) {
    const i = covered.indexOf(0);
    throw notInReport(fn, i, (customers[i] as Customer).id);
  }
  checkBaseSize(report, customers, fn);
  return { segments, unassigned };
}
