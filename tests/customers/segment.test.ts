import { describe, expect, it, vi } from "vitest";
import * as z from "zod";
import type { Customer } from "../../src/customers/customer.js";
import { defineSegments, inSegment } from "../../src/customers/segment.js";
import { type Segment, SegmentSchema } from "../../src/customers/segment-rule.js";
import { segmentCustomers } from "../../src/customers/segmentation.js";
import type { MetricError } from "../../src/errors/metric-error.js";
import { codeOf } from "../codes.js";
import { makeCustomers } from "./fixtures.js";

const one = (rule: unknown, extra: Record<string, unknown> = {}) =>
  defineSegments([{ id: "s", name: "S", rule, ...extra }]);

describe("defineSegments", () => {
  it("derives the criteria from the fields a rule uses", () => {
    const [segment] = one({
      op: "all",
      rules: [
        { op: "eq", field: "type", value: "consumer" },
        { op: "range", field: "attributes.demographic.age", min: 18, max: 34 },
        { op: "not", rule: { op: "includes", field: "attributes.benefitSought", value: "price" } },
        {
          op: "any",
          rules: [
            { op: "exists", field: "attributes.custom.tier" },
            { op: "in", field: "attributes.regional.country", values: ["FI", "SE"] },
          ],
        },
      ],
    });
    expect(segment?.criteria).toEqual([
      "classification",
      "demographic",
      "benefit-sought",
      "custom",
      "regional",
    ]);
  });

  it("returns deeply frozen segments", () => {
    const [segment] = one({ op: "all", rules: [{ op: "exists", field: "id" }] });
    expect(
      Object.isFrozen(segment) &&
        Object.isFrozen(segment?.rule) &&
        Object.isFrozen(segment?.criteria),
    ).toBe(true);
  });

  it("round-trips through JSON", () => {
    const segments = defineSegments([
      {
        id: "a",
        name: "A",
        description: "first",
        rule: { op: "eq", field: "status", value: "current" },
      },
      {
        id: "b",
        name: "B",
        criteria: ["usage"],
        rule: { op: "in", field: "attributes.usage.usageRate", values: ["heavy"] },
      },
    ]);
    expect(defineSegments(JSON.parse(JSON.stringify(segments)))).toEqual(segments);
  });

  it("catches at definition time what would silently match nobody", () => {
    const cases: [unknown, string][] = [
      [{ op: "eq", field: "attributes.demographic.agee", value: 30 }, "UNKNOWN_FIELD"],
      [{ op: "exists", field: "attributes.custom.bad name" }, "UNKNOWN_FIELD"],
      [{ op: "eq", field: "type", value: "consumr" }, "INVALID_RULE"],
      [{ op: "eq", field: "attributes.demographic.age", value: "30" }, "INVALID_RULE"],
      [{ op: "in", field: "status", values: ["current", "lapsed"] }, "INVALID_RULE"],
      [{ op: "range", field: "attributes.regional.country", min: 1 }, "INVALID_RULE"],
      [{ op: "range", field: "attributes.demographic.age", min: "2020-01-01" }, "INVALID_RULE"],
      [{ op: "range", field: "attributes.purchaseBehaviour.lastPurchase", min: 5 }, "INVALID_RULE"],
      [{ op: "range", field: "attributes.demographic.age", min: 50, max: 40 }, "INVALID_RULE"],
      [{ op: "eq", field: "attributes.benefitSought", value: "price" }, "INVALID_RULE"],
      [{ op: "in", field: "attributes.benefitSought", values: ["price"] }, "INVALID_RULE"],
      [{ op: "includes", field: "type", value: "consumer" }, "INVALID_RULE"],
      [
        { op: "eq", field: "attributes.relationshipDepth.loyaltyProgramme", value: 1 },
        "INVALID_RULE",
      ],
      [{ op: "between", field: "type" }, "INVALID_INPUT"],
      [{ op: "range", field: "attributes.demographic.age" }, "INVALID_INPUT"],
      [{ op: "all", rules: [] }, "INVALID_INPUT"],
      [{ op: "eq", field: "type", value: "consumer", extra: 1 }, "INVALID_INPUT"],
    ];
    for (const [rule, code] of cases)
      expect([JSON.stringify(rule), codeOf(() => one(rule))]).toEqual([JSON.stringify(rule), code]);
    expect(
      codeOf(() =>
        one({ op: "eq", field: "type", value: "consumer" }, { criteria: ["demographic"] }),
      ),
    ).toBe("INVALID_RULE");
    expect(
      codeOf(() =>
        defineSegments([
          { id: "x", name: "X", rule: { op: "exists", field: "id" } },
          { id: "x", name: "Y", rule: { op: "exists", field: "id" } },
        ]),
      ),
    ).toBe("INVALID_RULE");
    expect(codeOf(() => defineSegments({}))).toBe("INVALID_INPUT");
    expect(
      codeOf(() =>
        defineSegments([{ id: "has space", name: "S", rule: { op: "exists", field: "id" } }]),
      ),
    ).toBe("INVALID_INPUT");
  });

  it("refuses rules nested too deep to parse safely", () => {
    let rule: unknown = { op: "exists", field: "id" };
    for (let i = 0; i < 100_000; i++) rule = { op: "not", rule };
    expect(codeOf(() => one(rule))).toBe("INVALID_INPUT");
    let fine: unknown = { op: "exists", field: "id" };
    for (let i = 0; i < 20; i++) fine = { op: "not", rule: fine };
    expect(one(fine)).toHaveLength(1);
  });

  it("names where the problem is", () => {
    try {
      one({
        op: "all",
        rules: [
          { op: "exists", field: "id" },
          { op: "eq", field: "attributes.usage.usageRate", value: "extreme" },
        ],
      });
      expect.fail("should throw");
    } catch (error) {
      expect((error as MetricError).message).toContain("segments[0].rule.rules[1]");
      expect((error as MetricError).message).toContain("non-user, light, medium, heavy");
    }
  });
});

describe("rule evaluation", () => {
  const customer = makeCustomers(1)[0] as Customer;
  const test = (rule: unknown) => inSegment(one(rule)[0] as Segment, customer);

  it("treats missing values as not matching, and not() of that as matching", () => {
    expect(test({ op: "exists", field: "attributes.b2b.industry" })).toBe(false);
    expect(test({ op: "eq", field: "attributes.b2b.industry", value: "retail" })).toBe(false);
    expect(
      test({ op: "not", rule: { op: "eq", field: "attributes.b2b.industry", value: "retail" } }),
    ).toBe(true);
    expect(test({ op: "range", field: "attributes.b2b.employees", min: 0 })).toBe(false);
    expect(test({ op: "in", field: "attributes.b2b.industry", values: [null] })).toBe(false);
  });

  it("compares dates, custom values and lists", () => {
    const c = {
      id: "x",
      attributes: {
        relationshipDepth: { since: "2020-05-01" },
        custom: { score: 70, tier: "gold" },
        benefitSought: ["price"],
      },
    };
    const at = (rule: unknown) => inSegment(one(rule)[0] as Segment, c);
    expect(
      at({
        op: "range",
        field: "attributes.relationshipDepth.since",
        min: "2020-01-01",
        max: "2020-12-31",
      }),
    ).toBe(true);
    expect(
      at({ op: "range", field: "attributes.relationshipDepth.since", max: "2019-12-31" }),
    ).toBe(false);
    expect(at({ op: "range", field: "attributes.custom.score", min: 50 })).toBe(true);
    expect(at({ op: "eq", field: "attributes.custom.tier", value: "gold" })).toBe(true);
    expect(at({ op: "includes", field: "attributes.benefitSought", value: "price" })).toBe(true);
    expect(inSegment(one({ op: "exists", field: "id" })[0] as Segment, null)).toBe(false);
  });

  it("validates a segment it has not seen before evaluating it", () => {
    const raw = {
      id: "raw",
      name: "Raw",
      rule: { op: "eq", field: "kind", value: "person" },
    } as Segment;
    expect(typeof inSegment(raw, customer)).toBe("boolean");
    expect(
      codeOf(() => inSegment({ ...raw, rule: { op: "eq", field: "nope", value: 1 } }, customer)),
    ).toBe("UNKNOWN_FIELD");
  });

  it("judges a loaded segment by its content, whatever object carries it", () => {
    const loaded = JSON.parse(
      '{"id":"people","name":"People","rule":{"op":"eq","field":"kind","value":"person"}}',
    ) as { rule: { value: string } };
    const person = customer;
    const firm = { ...customer, kind: "organisation" };
    expect(inSegment(loaded as unknown as Segment, person)).toBe(true);
    expect(inSegment(loaded as unknown as Segment, firm)).toBe(false);
    // Changing the object changes the answer: the cache is keyed by content, not identity.
    loaded.rule.value = "organisation";
    expect(inSegment(loaded as unknown as Segment, person)).toBe(false);
    expect(inSegment(loaded as unknown as Segment, firm)).toBe(true);
    // A getter is read once, and the rule compiled is the one that was read.
    let reads = 0;
    const shifty = {
      id: "shifty",
      name: "Shifty",
      get rule() {
        reads++;
        return { op: "eq", field: "kind", value: reads === 1 ? "person" : "organisation" };
      },
    } as unknown as Segment;
    expect(inSegment(shifty, person)).toBe(true);
    expect(reads).toBe(1);
  });

  it("refuses what is not plain JSON in a loaded segment, without caching it", () => {
    const withDate = {
      id: "d",
      name: "D",
      rule: { op: "eq", field: "id", value: new Date(0) },
    } as unknown as Segment;
    expect(codeOf(() => inSegment(withDate, customer))).toBe("INVALID_INPUT");
    const withNaN = {
      id: "n",
      name: "N",
      rule: { op: "range", field: "attributes.demographic.age", min: Number.NaN },
    } as unknown as Segment;
    expect(codeOf(() => inSegment(withNaN, customer))).toBe("INVALID_INPUT");
  });

  it("names the function the user called in rule errors", () => {
    const bad = { id: "b", name: "B", rule: { op: "eq", field: "nope", value: 1 } } as Segment;
    const fnOf = (call: () => unknown): unknown => {
      try {
        call();
      } catch (error) {
        return (error as MetricError).details.fn;
      }
      return undefined;
    };
    expect(fnOf(() => defineSegments([bad]))).toBe("defineSegments");
    expect(fnOf(() => inSegment(bad, customer))).toBe("inSegment");
    expect(fnOf(() => segmentCustomers([customer], [bad]))).toBe("segmentCustomers");
  });

  it("says so when the customer comes first", () => {
    const [segment] = defineSegments([
      { id: "b2b", name: "B2B", rule: { op: "eq", field: "type", value: "business" } },
    ]);
    expect(() => inSegment(customer as never, segment as never)).toThrow(
      /^inSegment: the arguments are the other way round: inSegment\(segment, customer\)$/,
    );
  });

  it("compiles a loaded segment once: repeated calls cost a content key, not a parse", () => {
    const loaded = JSON.parse(
      '{"id":"age","name":"Age","rule":{"op":"all","rules":[{"op":"range","field":"attributes.demographic.age","min":18,"max":34},{"op":"in","field":"type","values":["consumer","group"]}]}}',
    ) as Segment;
    const [defined] = defineSegments([loaded]);
    // Counted, not timed: the schema is consulted on the first call only.
    const parse = vi.spyOn(SegmentSchema, "safeParse");
    const arrays = vi.spyOn(z.ZodArray.prototype, "safeParse");
    for (let i = 0; i < 100; i++) inSegment({ ...loaded } as Segment, customer);
    expect(arrays.mock.calls.length + parse.mock.calls.length).toBeLessThanOrEqual(1);
    expect(inSegment(loaded, customer)).toBe(inSegment(defined as Segment, customer));
    arrays.mockRestore();
    parse.mockRestore();
  });
});
