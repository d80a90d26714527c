// The check that keeps each customer interface and its zod schema one definition
// (src/customers/schema-shape.ts): it must say "different" for every way the two can drift.
import { describe, expect, expectTypeOf, it } from "vitest";
import * as z from "zod";
import { type Customer, CustomerSchema } from "../../src/customers/customer.js";
import {
  type Purchase,
  PurchaseSchema,
  type SurveyResponse,
  SurveyResponseSchema,
} from "../../src/customers/records.js";
import type { SameShape } from "../../src/customers/schema-shape.js";

interface Model {
  readonly id: string;
  readonly tags?: readonly string[] | undefined;
  readonly nested?: { readonly age?: number | undefined } | undefined;
}

describe("SameShape", () => {
  it("ignores readonly, and nothing else", () => {
    expectTypeOf<
      SameShape<
        Model,
        {
          id: string;
          tags?: string[] | undefined;
          nested?: { age?: number | undefined } | undefined;
        }
      >
    >().toEqualTypeOf<true>();
    // A field only one side has.
    expectTypeOf<SameShape<Model, Model & { extra?: string }>>().toEqualTypeOf<false>();
    expectTypeOf<SameShape<Omit<Model, "tags">, Model>>().toEqualTypeOf<false>();
    // Optional on one side, required on the other.
    expectTypeOf<SameShape<Model, Required<Model>>>().toEqualTypeOf<false>();
    // A different value type, deep down.
    expectTypeOf<
      SameShape<
        Model,
        {
          id: string;
          tags?: string[] | undefined;
          nested?: { age?: string | undefined } | undefined;
        }
      >
    >().toEqualTypeOf<false>();
  });

  it("holds for the public schemas and their documented types", () => {
    // The same up to readonly: the documented types are readonly, zod's output is not.
    expectTypeOf<SameShape<z.output<typeof CustomerSchema>, Customer>>().toEqualTypeOf<true>();
    expectTypeOf<SameShape<z.output<typeof PurchaseSchema>, Purchase>>().toEqualTypeOf<true>();
    expectTypeOf<
      SameShape<z.output<typeof SurveyResponseSchema>, SurveyResponse>
    >().toEqualTypeOf<true>();
  });

  it("lets users extend, pick and omit the object schemas, typed", () => {
    const WithEmail = CustomerSchema.extend({ email: z.email() });
    const base = {
      id: "c-1",
      kind: "person",
      type: "consumer",
      relationship: "direct",
      side: "external",
      status: "current",
    };
    const parsed = WithEmail.parse({ ...base, email: "a@example.com" });
    expectTypeOf(parsed.email).toEqualTypeOf<string>();
    expectTypeOf(parsed.kind).toEqualTypeOf<Customer["kind"]>();
    expect(parsed.email).toBe("a@example.com");
    expect(WithEmail.safeParse({ ...base, email: "not an address" }).success).toBe(false);
    // Still strict: a key neither schema knows is an error.
    expect(WithEmail.safeParse({ ...base, email: "a@example.com", vip: true }).success).toBe(false);
    const idOnly = CustomerSchema.pick({ id: true, kind: true });
    expectTypeOf(idOnly.parse({ id: "x", kind: "person" })).toEqualTypeOf<{
      id: string;
      kind: Customer["kind"];
    }>();
    expect(Object.keys(SurveyResponseSchema.omit({ comment: true }).shape)).not.toContain(
      "comment",
    );
    expect(PurchaseSchema.shape.customerId.safeParse("").success).toBe(false);
  });
});
