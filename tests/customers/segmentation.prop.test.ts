import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { defineSegments, inSegment } from "../../src/customers/segment.js";
import { segmentMetrics } from "../../src/customers/segment-metrics.js";
import type { SegmentRule } from "../../src/customers/segment-rule.js";
import { segmentCustomers } from "../../src/customers/segmentation.js";
import { mergeDistributions } from "../../src/distribution/merge.js";
import { NPS_SCALE } from "../../src/distribution/scale.js";
import { tally } from "../../src/distribution/tally.js";
import { makeCustomers } from "./fixtures.js";

const leaf: fc.Arbitrary<SegmentRule> = fc.oneof(
  fc
    .constantFrom("consumer", "business", "group")
    .map((value) => ({ op: "eq", field: "type", value }) as const),
  fc
    .integer({ min: 18, max: 80 })
    .map((max) => ({ op: "range", field: "attributes.demographic.age", max }) as const),
  fc
    .constantFrom("FI", "SE")
    .map((value) => ({ op: "in", field: "attributes.regional.country", values: [value] }) as const),
  fc.constant({ op: "includes", field: "attributes.benefitSought", value: "price" } as const),
  fc.constant({ op: "exists", field: "attributes.purchaseBehaviour.totalSpend" } as const),
);
const rule: fc.Arbitrary<SegmentRule> = fc.letrec<{ rule: SegmentRule }>((tie) => ({
  rule: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc
      .array(tie("rule"), { minLength: 1, maxLength: 3 })
      .map((rules) => ({ op: "all", rules }) as const),
    fc
      .array(tie("rule"), { minLength: 1, maxLength: 3 })
      .map((rules) => ({ op: "any", rules }) as const),
    tie("rule").map((inner) => ({ op: "not", rule: inner }) as const),
  ),
})).rule;
const rules = fc.array(rule, { minLength: 1, maxLength: 5 });
const customers = makeCustomers(300, 13);

const asSegments = (rs: SegmentRule[]) =>
  defineSegments(rs.map((r, i) => ({ id: `s${i}`, name: `S${i}`, rule: r })));

describe("segmentation laws", () => {
  test.prop([rules])("exclusive segmentation partitions the base", (rs) => {
    const report = segmentCustomers(customers, asSegments(rs));
    const seen = new Array(customers.length).fill(0);
    for (const s of report.segments) for (const i of s.members) seen[i]++;
    for (const i of report.unassigned.members) seen[i]++;
    expect(seen.every((count) => count === 1)).toBe(true);
  });

  test.prop([rule])("not(rule) is the complement of rule", (r) => {
    const [yes, no] = defineSegments([
      { id: "yes", name: "Yes", rule: r },
      { id: "no", name: "No", rule: { op: "not", rule: r } },
    ]);
    for (const c of customers) expect(inSegment(no as never, c)).toBe(!inSegment(yes as never, c));
  });

  test.prop([rules])("a segment set round-trips through JSON and segments the same", (rs) => {
    const segments = asSegments(rs);
    const again = defineSegments(JSON.parse(JSON.stringify(segments)));
    expect(again).toEqual(segments);
    expect(segmentCustomers(customers, again)).toEqual(segmentCustomers(customers, segments));
  });

  test.prop([rules])("per-segment distributions merge back to the whole", (rs) => {
    const report = segmentCustomers(customers, asSegments(rs));
    const responses = customers.map((c, i) => ({ customerId: c.id, nps: i % 11 }));
    const byId = new Map(responses.map((r) => [r.customerId, r.nps]));
    const parts = [...report.segments.map((s) => s.members), report.unassigned.members].map(
      (members) =>
        tally(
          members.map((i) => byId.get(customers[i]?.id as string) as number),
          NPS_SCALE,
        ),
    );
    expect(mergeDistributions(...parts)).toEqual(
      tally(
        responses.map((r) => r.nps),
        NPS_SCALE,
      ),
    );
    const metrics = segmentMetrics(report, customers, responses);
    const counted =
      metrics.segments.reduce((sum, s) => sum + s.responses, 0) + (metrics.unassigned?.n ?? 0);
    expect(counted).toBe(responses.length);
  });
});
