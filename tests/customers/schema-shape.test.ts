// The check that keeps each customer interface and its zod schema one definition
// (src/customers/schema-shape.ts): it must say "different" for every way the two can drift.
import { describe, expectTypeOf, it } from "vitest";
import type * as z from "zod";
import type { Customer, CustomerSchema } from "../../src/customers/customer.js";
import type {
  Purchase,
  PurchaseSchema,
  SurveyResponse,
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
    expectTypeOf<z.output<typeof CustomerSchema>>().toEqualTypeOf<Customer>();
    expectTypeOf<z.output<typeof PurchaseSchema>>().toEqualTypeOf<Purchase>();
    expectTypeOf<z.output<typeof SurveyResponseSchema>>().toEqualTypeOf<SurveyResponse>();
  });
});
