import { describe, expect, it } from "vitest";
import { CustomerSchema } from "../../src/customers/customer.js";
import {
  parseCustomers,
  parsePurchases,
  parseRecords,
  parseSurveyResponses,
} from "../../src/customers/parse.js";
import { surveyResponseSchema } from "../../src/customers/records.js";
import { codeOf } from "../codes.js";
import { makeCustomers } from "./fixtures.js";

const minimal = {
  id: "c-1",
  kind: "person",
  type: "consumer",
  relationship: "direct",
  side: "external",
  status: "current",
};

describe("customer schema", () => {
  it("covers every classification of the source documents", () => {
    for (const kind of ["person", "organisation"]) {
      for (const type of ["consumer", "business", "reseller", "public", "non-profit", "group"]) {
        for (const relationship of ["direct", "indirect"]) {
          for (const side of ["external", "internal"]) {
            for (const status of ["potential", "current", "former"]) {
              expect(
                CustomerSchema.safeParse({ ...minimal, kind, type, relationship, side, status })
                  .success,
              ).toBe(true);
            }
          }
        }
      }
    }
  });

  it("accepts every attribute group", () => {
    const full = {
      ...minimal,
      name: "Aino",
      attributes: {
        benefitSought: ["price", "convenience"],
        demographic: {
          age: 41,
          gender: "female",
          education: "MSc",
          occupation: "engineer",
          income: 52000,
          language: "fi",
          religion: "none",
          householdSize: 3,
          lifeStage: "family with children",
        },
        psychographic: {
          lifestyle: "active",
          personality: "curious",
          attitudes: ["eco"],
          motives: ["safety"],
          needs: ["transport"],
          interests: ["cycling"],
        },
        social: {
          family: "married",
          socialClass: "middle",
          culture: "Finnish",
          subculture: "outdoors",
          memberships: ["sports club"],
          aspirationalGroups: ["athletes"],
        },
        values: { values: ["sustainability"], taste: ["minimalist"] },
        usage: { usageRate: "heavy", frequency: 12, volume: 3.5, occasions: ["commute"] },
        regional: {
          country: "FI",
          region: "Uusimaa",
          city: "Espoo",
          postalCode: "02100",
          urbanity: "suburban",
        },
        purchaseBehaviour: {
          purchases: 14,
          totalSpend: 2300.5,
          averageOrderValue: 164.3,
          firstPurchase: "2019-04-01",
          lastPurchase: "2026-10-30",
          channel: "web",
          priceSensitivity: "medium",
        },
        relationshipDepth: {
          since: "2019-04-01",
          tenureMonths: 91,
          loyaltyProgramme: true,
          loyaltyTier: "gold",
          productsHeld: 3,
        },
        b2b: {
          industry: "retail",
          employees: 40,
          revenue: 5e6,
          ease: 4,
          speed: 5,
          productFeatures: 3,
          priceAndTerms: 5,
          informationAccess: 2,
          expertise: 4,
          deliveryReliability: 5,
          reputation: 3,
        },
        custom: { npsOwner: "team-a", churnRisk: 0.2, vip: false, note: null },
      },
    };
    const parsed = CustomerSchema.safeParse(full);
    expect(parsed.success ? "ok" : JSON.stringify(parsed.error.issues)).toBe("ok");
  });
});

describe("parseRecords", () => {
  it("keeps every record accounted for: valid plus rejected is the input", () => {
    const input = [
      ...makeCustomers(50),
      { ...minimal, status: "lost" },
      null,
      "c-9",
      { ...minimal, id: "" },
    ];
    const result = parseCustomers(input);
    expect(result.valid.length + result.rejected.length).toBe(input.length);
    expect(result.rejected.map((r) => r.index)).toEqual([50, 51, 52, 53]);
    expect(result.validIndex).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it("rejects unknown keys with zod's issue, never merging them in", () => {
    const result = parseCustomers([
      { ...minimal, isAdmin: true },
      { ...minimal, attributes: { demographic: { age: 30, shoeSize: 42 } } },
    ]);
    expect(result.valid).toEqual([]);
    expect(result.rejected[0]?.issues[0]).toMatchObject({ code: "unrecognized_keys", path: [] });
    expect(result.rejected[1]?.issues[0]).toMatchObject({
      code: "unrecognized_keys",
      path: ["attributes", "demographic"],
    });
  });

  it("rejects prototype-polluting keys anywhere, and pollutes nothing", () => {
    const hostile = [
      JSON.parse(
        `{"id":"c-1","kind":"person","type":"consumer","relationship":"direct","side":"external","status":"current","__proto__":{"polluted":true}}`,
      ),
      JSON.parse(
        `{"id":"c-2","kind":"person","type":"consumer","relationship":"direct","side":"external","status":"current","attributes":{"custom":{"constructor":{"prototype":{"polluted":true}}}}}`,
      ),
      JSON.parse(
        `{"id":"c-3","kind":"person","type":"consumer","relationship":"direct","side":"external","status":"current","attributes":{"custom":{"__proto__":1}}}`,
      ),
      JSON.parse(`[{"prototype": 1}]`)[0],
    ];
    const result = parseCustomers(hostile);
    expect(result.valid).toEqual([]);
    expect(
      result.rejected.map((r) => [r.index, r.issues[0]?.code, r.issues[0]?.path.join(".")]),
    ).toEqual([
      [0, "forbidden_key", "__proto__"],
      [1, "forbidden_key", "attributes.custom.constructor"],
      [2, "forbidden_key", "attributes.custom.__proto__"],
      [3, "forbidden_key", "prototype"],
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("rejects wrong types and out-of-range values", () => {
    const result = parseCustomers([
      { ...minimal, attributes: { demographic: { age: -1 } } },
      { ...minimal, attributes: { demographic: { age: 30.5 } } },
      { ...minimal, attributes: { b2b: { speed: 6 } } },
      { ...minimal, attributes: { custom: { "bad name": 1 } } },
      { ...minimal, attributes: { custom: { x: { nested: 1 } } } },
      { ...minimal, attributes: { purchaseBehaviour: { lastPurchase: "2026-02-30" } } },
    ]);
    expect(result.valid).toEqual([]);
    expect(result.rejected).toHaveLength(6);
  });

  it("parses purchases with buying roles and survey responses linked by customer id", () => {
    const purchases = parsePurchases([
      {
        id: "p-1",
        customerId: "c-1",
        date: "2026-01-31",
        roles: [
          { role: "initiator" },
          { role: "influencer", personId: "c-7" },
          { role: "decider" },
          { role: "buyer" },
          { role: "user" },
        ],
        outcome: "completed",
      },
      { id: "p-2", customerId: "c-1", date: "2026-01-31", roles: [{ role: "payer" }] },
      { id: "p-3", customerId: "c-1", date: "2026-01-31", currency: "eur" },
    ]);
    expect(purchases.valid.map((p) => p.id)).toEqual(["p-1"]);
    const responses = parseSurveyResponses([
      { customerId: "c-1", nps: 10, csat: 5, ces: 7, date: "2026-11-01" },
      { customerId: "c-1", csat: 0 },
      { customerId: "c-1", ces: 8 },
      { customerId: "c-1", nps: 9.5 },
    ]);
    expect(responses.valid).toHaveLength(1);
    expect(responses.rejected.map((r) => r.issues[0]?.path[0])).toEqual(["csat", "ces", "nps"]);
  });

  it("survives cyclic and widely shared records built in code", () => {
    const cyclic: Record<string, unknown> = { ...minimal };
    cyclic.self = cyclic;
    let wide: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 60; i++) wide = { a: wide, b: wide };
    const result = parseCustomers([cyclic, { ...minimal, attributes: wide }]);
    expect(result.valid).toEqual([]);
    expect(result.rejected.map((r) => r.issues[0]?.code)).toEqual([
      "unrecognized_keys",
      "unrecognized_keys",
    ]);
  });

  it("finds a forbidden key below a shared structure too (the walk that remembers objects)", () => {
    let wide: Record<string, unknown> = JSON.parse('{"__proto__": {"polluted": true}}');
    for (let i = 0; i < 40; i++) wide = { a: wide, b: wide };
    const [rejected] = parseCustomers([{ ...minimal, attributes: wide }]).rejected;
    expect(rejected?.issues.map((issue) => issue.code)).toEqual(["forbidden_key"]);
    expect(rejected?.issues[0]?.path).toEqual([
      "attributes",
      ...new Array(40).fill("a"),
      "__proto__",
    ]);
  });

  it("refuses input that is not an array", () => {
    expect(codeOf(() => parseRecords(CustomerSchema, { records: [] }))).toBe("INVALID_INPUT");
  });
});

describe("customer records as they come from a CRM", () => {
  const base = {
    kind: "person",
    type: "consumer",
    relationship: "direct",
    side: "external",
    status: "current",
  };
  // Seven rows of an export: extra columns, a nested extra, a missing field, a bad value.
  const crm = [
    { id: "c-1", ...base },
    { id: "c-2", ...base, email: "b@example.com" },
    { id: "c-3", ...base, email: "c@example.com", createdAt: "2024-01-02" },
    { id: "c-4", ...base, attributes: { demographic: { age: 41, shoeSize: 44 } } },
    { id: "c-5", kind: "person", type: "consumer", relationship: "direct", side: "external" },
    { id: "c-6", ...base, status: "churned", email: "f@example.com" },
    JSON.parse(
      '{"id": "c-7", "kind": "person", "type": "consumer", "relationship": "direct", "side": "external", "status": "current", "__proto__": {"admin": true}}',
    ),
  ];

  it("rejects unknown keys by default, and says which", () => {
    const result = parseCustomers(crm);
    expect(result.valid.map((c) => c.id)).toEqual(["c-1"]);
    expect(result.stripped).toEqual([]);
    expect(result.rejected.find((r) => r.index === 1)?.issues[0]?.code).toBe("unrecognized_keys");
  });

  it("strips unknown keys on request, listing every one removed, never silently", () => {
    const result = parseCustomers(crm, { unknownKeys: "strip" });
    expect(result.valid.map((c) => c.id)).toEqual(["c-1", "c-2", "c-3", "c-4"]);
    expect(result.valid[1]).not.toHaveProperty("email");
    expect(result.valid[3]?.attributes?.demographic).toEqual({ age: 41 });
    expect(result.stripped).toEqual([
      { index: 1, keys: [["email"]] },
      { index: 2, keys: [["email"], ["createdAt"]] },
      { index: 3, keys: [["attributes", "demographic", "shoeSize"]] },
    ]);
    expect(result.valid.length + result.rejected.length).toBe(crm.length);
    // The input is not changed by stripping.
    expect(crm[1]).toHaveProperty("email");
  });

  it("reports a missing required field as missing, with what it expects", () => {
    const result = parseCustomers(crm, { unknownKeys: "strip" });
    const missing = result.rejected.find((r) => r.index === 4)?.issues;
    expect(missing).toEqual([
      {
        path: ["status"],
        code: "missing_field",
        message:
          'the required field "status" is missing (expected one of "potential"|"current"|"former")',
      },
    ]);
    const bad = result.rejected.find((r) => r.index === 5)?.issues;
    expect(bad?.map((i) => i.code)).toEqual(["invalid_value"]);
    expect(parseSurveyResponses([{ nps: 9 }]).rejected[0]?.issues[0]).toMatchObject({
      path: ["customerId"],
      code: "missing_field",
      message: expect.stringMatching(/"customerId" is missing \(expected string\)/),
    });
  });

  it("rejects prototype-polluting keys under strip too", () => {
    const result = parseCustomers(crm, { unknownKeys: "strip" });
    expect(result.rejected.find((r) => r.index === 6)?.issues[0]?.code).toBe("forbidden_key");
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it("takes the policy on every parser, and checks it", () => {
    expect(
      parsePurchases([{ id: "p", customerId: "c", date: "2024-01-01", sku: "x" }], {
        unknownKeys: "strip",
      }).stripped,
    ).toEqual([{ index: 0, keys: [["sku"]] }]);
    expect(parseRecords(CustomerSchema, crm, { unknownKeys: "strip" }).valid).toHaveLength(4);
    expect(codeOf(() => parseCustomers(crm, { unknownKeys: "drop" } as never))).toBe(
      "INVALID_OPTION",
    );
    expect(codeOf(() => parseCustomers(crm, { unknown: "strip" } as never))).toBe("INVALID_OPTION");
  });
});

describe("survey responses on other scales", () => {
  it("reads CSAT and CES on the scales given", () => {
    const rows = [
      { customerId: "a", csat: 7, ces: 5 },
      { customerId: "b", csat: 8 },
      { customerId: "c", ces: 6 },
    ];
    const result = parseSurveyResponses(rows, {
      scales: { csat: { min: 1, max: 7 }, ces: { min: 1, max: 5 } },
    });
    expect(result.valid.map((r) => r.customerId)).toEqual(["a"]);
    expect(result.rejected.map((r) => r.index)).toEqual([1, 2]);
    expect(parseSurveyResponses(rows).valid).toHaveLength(1);
    expect(
      surveyResponseSchema({ ces: { min: 0, max: 10 } }).safeParse({ customerId: "a", ces: 0 })
        .success,
    ).toBe(true);
    expect(codeOf(() => surveyResponseSchema({ csat: { min: 5, max: 1 } }))).toBe("INVALID_SCALE");
    expect(codeOf(() => surveyResponseSchema({ nps: { min: 0, max: 5 } } as never))).toBe(
      "INVALID_OPTION",
    );
    expect(codeOf(() => parseSurveyResponses(rows, { scales: { csat: 7 } } as never))).toBe(
      "INVALID_SCALE",
    );
  });
});
