/**
 * Purchases and survey responses, linked to a customer by id.
 *
 * @module
 */
import * as z from "zod";
import { readOptions } from "../common/options.js";
import { CES_SCALE, CSAT_SCALE, checkScale, NPS_SCALE, type Scale } from "../distribution/scale.js";
import { guarded } from "../errors/metric-error.js";
import { BUYING_ROLES, type BuyingRole, idSchema } from "./customer.js";
import { type ObjectSchema, schemaFor } from "./schema-shape.js";

/**
 * Who played which role in a purchase.
 *
 * @category Customers
 */
export interface PurchaseRole {
  /** The role: initiator, influencer, decider, buyer or user. */
  readonly role: BuyingRole;
  /** The customer (or contact) id of whoever played it, when known. */
  readonly personId?: string | undefined;
  /** A description, e.g. "CFO" or "the children". */
  readonly description?: string | undefined;
}

/**
 * A purchase: who bought what and when, and how the purchase ended (the source texts'
 * customer relationship management).
 *
 * @category Customers
 */
export interface Purchase {
  /** Purchase id. */
  readonly id: string;
  /** The customer who bought. */
  readonly customerId: string;
  /** ISO date (YYYY-MM-DD). */
  readonly date: string;
  /** Amount paid, ≥ 0, in `currency`. */
  readonly amount?: number | undefined;
  /** ISO 4217 currency code, e.g. "EUR". */
  readonly currency?: string | undefined;
  /** Products bought. */
  readonly items?: readonly string[] | undefined;
  /** The buying roles in this purchase. */
  readonly roles?: readonly PurchaseRole[] | undefined;
  /** Sales channel. */
  readonly channel?: string | undefined;
  /** How the purchase ended. */
  readonly outcome?: "completed" | "cancelled" | "returned" | undefined;
}

/**
 * One customer's answers to a survey: NPS (0–10), CSAT (1–5) and CES (1–7) questions, any of
 * which may be unanswered.
 *
 * @category Customers
 */
export interface SurveyResponse {
  /** Response id. */
  readonly id?: string | undefined;
  /** The customer who answered. */
  readonly customerId: string;
  /** ISO date (YYYY-MM-DD). */
  readonly date?: string | undefined;
  /** "How likely are you to recommend …?" 0–10. */
  readonly nps?: number | undefined;
  /** "How satisfied …?" 1–5. */
  readonly csat?: number | undefined;
  /** "The company made it easy for me …" 1–7. */
  readonly ces?: number | undefined;
  /** Free-text comment. */
  readonly comment?: string | undefined;
  /** Channel of the interaction surveyed. */
  readonly channel?: string | undefined;
}

const score = (min: number, max: number) => z.number().int().min(min).max(max);

/**
 * The zod schema of a {@link Purchase} (strict).
 *
 * @example
 * ```ts
 * import { PurchaseSchema } from "customer-metrics";
 * const purchase = {
 *   id: "p-1", customerId: "c-1", date: "2026-03-14", amount: 129.9, currency: "EUR",
 *   roles: [{ role: "decider", description: "parent" }, { role: "user", description: "child" }],
 * };
 * PurchaseSchema.safeParse(purchase).success; // => true
 * ```
 *
 * @category Customers
 */
export const PurchaseSchema: ObjectSchema<Purchase> = /*@__PURE__*/ schemaFor<Purchase>()(
  z.strictObject({
    id: idSchema,
    customerId: idSchema,
    date: z.iso.date(),
    amount: z.number().min(0).optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional(),
    items: z.array(z.string().min(1).max(500)).max(1000).optional(),
    roles: z
      .array(
        z.strictObject({
          role: z.enum(BUYING_ROLES),
          personId: idSchema.optional(),
          description: z.string().max(500).optional(),
        }),
      )
      .max(50)
      .optional(),
    channel: z.string().min(1).max(500).optional(),
    outcome: z.enum(["completed", "cancelled", "returned"]).optional(),
  }),
);

/** The survey-response schema on the given CSAT and CES scales. */
function buildSurveyResponseSchema(csat: Scale, ces: Scale): ObjectSchema<SurveyResponse> {
  return schemaFor<SurveyResponse>()(
    z.strictObject({
      id: idSchema.optional(),
      customerId: idSchema,
      date: z.iso.date().optional(),
      nps: score(NPS_SCALE.min, NPS_SCALE.max).optional(),
      csat: score(csat.min, csat.max).optional(),
      ces: score(ces.min, ces.max).optional(),
      comment: z.string().max(10_000).optional(),
      channel: z.string().min(1).max(500).optional(),
    }),
  );
}

/**
 * The zod schema of a {@link SurveyResponse} (strict; scores are integers on their scales:
 * NPS 0–10, CSAT 1–5, CES 1–7). For other CSAT or CES scales use {@link surveyResponseSchema}.
 *
 * @example
 * ```ts
 * import { SurveyResponseSchema } from "customer-metrics";
 * SurveyResponseSchema.safeParse({ customerId: "c-1", nps: 9, csat: 5 }).success; // => true
 * SurveyResponseSchema.safeParse({ customerId: "c-1", nps: 11 }).success; // => false
 * ```
 *
 * @category Customers
 */
export const SurveyResponseSchema: ObjectSchema<SurveyResponse> =
  /*@__PURE__*/ buildSurveyResponseSchema(CSAT_SCALE, CES_SCALE);

/**
 * The zod schema of a {@link SurveyResponse} whose CSAT or CES question uses another scale
 * (a 1–7 satisfaction question, a 1–5 effort question); NPS stays 0–10.
 *
 * @param scales - `csat` (default 1–5) and `ces` (default 1–7)
 * @returns a strict object schema, as {@link SurveyResponseSchema}
 * @throws {@link MetricError} `INVALID_SCALE` for a bad scale; `INVALID_OPTION` for another key.
 *
 * @example
 * ```ts
 * import { surveyResponseSchema } from "customer-metrics";
 * const schema = surveyResponseSchema({ csat: { min: 1, max: 7 } });
 * schema.safeParse({ customerId: "c-1", csat: 7 }).success; // => true
 * schema.safeParse({ customerId: "c-1", csat: 8 }).success; // => false
 * ```
 *
 * @category Customers
 */
export function surveyResponseSchema(
  scales: { readonly csat?: Scale; readonly ces?: Scale } = {},
): ObjectSchema<SurveyResponse> {
  return guarded("surveyResponseSchema", () =>
    surveyResponseSchemaAs(scales, "surveyResponseSchema"),
  );
}

/** {@link surveyResponseSchema} under the name of the function the user called. @internal */
export function surveyResponseSchemaAs(scales: unknown, fn: string): ObjectSchema<SurveyResponse> {
  const read = readOptions(scales, ["csat", "ces"], fn);
  return buildSurveyResponseSchema(
    read.csat === undefined ? CSAT_SCALE : checkScale(read.csat, fn),
    read.ces === undefined ? CES_SCALE : checkScale(read.ces, fn),
  );
}
