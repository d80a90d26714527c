/**
 * The customer model of the source texts as zod schemas, with the TypeScript types they
 * produce. Every object is strict: an unknown key is an error, never merged in.
 *
 * @module
 */
import * as z from "zod";
import { type ObjectSchema, schemaFor } from "./schema-shape.js";

/**
 * The kinds of customer, as {@link CustomerKind} lists them.
 *
 * @example
 * ```ts
 * import { CUSTOMER_KINDS } from "customer-metrics";
 * CUSTOMER_KINDS; // => ["person", "organisation"]
 * ```
 *
 * @category Customers
 */
export const CUSTOMER_KINDS = ["person", "organisation"] as const;
/**
 * The customer classes, as {@link CustomerType} lists them.
 *
 * @example
 * ```ts
 * import { CUSTOMER_TYPES } from "customer-metrics";
 * CUSTOMER_TYPES.includes("reseller"); // => true
 * ```
 *
 * @category Customers
 */
export const CUSTOMER_TYPES = [
  "consumer",
  "business",
  "reseller",
  "public",
  "non-profit",
  "group",
] as const;
/**
 * The customer relationships, as {@link CustomerRelationship} lists them.
 *
 * @example
 * ```ts
 * import { CUSTOMER_RELATIONSHIPS } from "customer-metrics";
 * CUSTOMER_RELATIONSHIPS; // => ["direct", "indirect"]
 * ```
 *
 * @category Customers
 */
export const CUSTOMER_RELATIONSHIPS = ["direct", "indirect"] as const;
/**
 * The customer sides, as {@link CustomerSide} lists them.
 *
 * @example
 * ```ts
 * import { CUSTOMER_SIDES } from "customer-metrics";
 * CUSTOMER_SIDES; // => ["external", "internal"]
 * ```
 *
 * @category Customers
 */
export const CUSTOMER_SIDES = ["external", "internal"] as const;
/**
 * The customer statuses, as {@link CustomerStatus} lists them.
 *
 * @example
 * ```ts
 * import { CUSTOMER_STATUSES } from "customer-metrics";
 * CUSTOMER_STATUSES; // => ["potential", "current", "former"]
 * ```
 *
 * @category Customers
 */
export const CUSTOMER_STATUSES = ["potential", "current", "former"] as const;
/**
 * The roles in a purchase, as {@link BuyingRole} lists them.
 *
 * @example
 * ```ts
 * import { BUYING_ROLES } from "customer-metrics";
 * BUYING_ROLES.length; // => 5
 * ```
 *
 * @category Customers
 */
export const BUYING_ROLES = ["initiator", "influencer", "decider", "buyer", "user"] as const;

/**
 * The segmentation criteria, in the order of the source texts: the one list that the
 * {@link SegmentationCriterion} type and the segment schema are made from.
 *
 * @example
 * ```ts
 * import { SEGMENTATION_CRITERIA } from "customer-metrics";
 * SEGMENTATION_CRITERIA[0]; // => "classification"
 * ```
 *
 * @category Customers
 */
export const SEGMENTATION_CRITERIA = [
  "classification",
  "benefit-sought",
  "demographic",
  "psychographic",
  "social",
  "values-and-taste",
  "usage",
  "regional",
  "purchase-behaviour",
  "relationship-depth",
  "b2b",
  "custom",
] as const;

/** Person or organisation. @category Customers */
export type CustomerKind = (typeof CUSTOMER_KINDS)[number];
/**
 * The customer classes of the source texts: private customers (consumers), business
 * customers, reseller (distribution) customers, public organisations (state, municipalities),
 * non-profit organisations, and groups (school groups, pensioners …).
 *
 * @category Customers
 */
export type CustomerType = (typeof CUSTOMER_TYPES)[number];
/** Direct (deals with the company itself) or indirect (uses the product without dealing with the supplier). @category Customers */
export type CustomerRelationship = (typeof CUSTOMER_RELATIONSHIPS)[number];
/** External (outside the company) or internal (a unit or role inside it that receives another's work). @category Customers */
export type CustomerSide = (typeof CUSTOMER_SIDES)[number];
/** Potential (has not bought yet), current, or former. @category Customers */
export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number];
/** The roles in a purchase: the one who decides is not always the one who buys or uses. @category Customers */
export type BuyingRole = (typeof BUYING_ROLES)[number];

/**
 * The segmentation criteria of the source texts, each naming a group of customer
 * attributes (plus `classification`, the customer's own kind, type, relationship, side and
 * status).
 *
 * @category Customers
 */
export type SegmentationCriterion = (typeof SEGMENTATION_CRITERIA)[number];

/** Background factors: who the customer is. @category Customers */
export interface DemographicAttributes {
  /** Age in whole years. */
  readonly age?: number | undefined;
  /** Gender, as the customer states it. */
  readonly gender?: string | undefined;
  /** Highest education. */
  readonly education?: string | undefined;
  /** Occupation. */
  readonly occupation?: string | undefined;
  /** Income per year, in the currency of the data set, ≥ 0. */
  readonly income?: number | undefined;
  /** Language. */
  readonly language?: string | undefined;
  /** Religion. */
  readonly religion?: string | undefined;
  /** People in the household, ≥ 1. */
  readonly householdSize?: number | undefined;
  /** Life stage, e.g. "student", "family with children", "retired". */
  readonly lifeStage?: string | undefined;
}

/** Internal factors: lifestyle, personality, attitudes, motives and needs. @category Customers */
export interface PsychographicAttributes {
  /** Lifestyle. */
  readonly lifestyle?: string | undefined;
  /** Personality. */
  readonly personality?: string | undefined;
  /** Attitudes. */
  readonly attitudes?: readonly string[] | undefined;
  /** Motives that make the customer buy. */
  readonly motives?: readonly string[] | undefined;
  /** Needs — no need, no purchase. */
  readonly needs?: readonly string[] | undefined;
  /** Interests. */
  readonly interests?: readonly string[] | undefined;
}

/** External factors: family, social class, culture and the groups around the customer. @category Customers */
export interface SocialAttributes {
  /** Family situation. */
  readonly family?: string | undefined;
  /** Social class. */
  readonly socialClass?: string | undefined;
  /** Culture. */
  readonly culture?: string | undefined;
  /** Subculture. */
  readonly subculture?: string | undefined;
  /** Membership groups. */
  readonly memberships?: readonly string[] | undefined;
  /** Aspirational groups. */
  readonly aspirationalGroups?: readonly string[] | undefined;
}

/** Values and taste. @category Customers */
export interface ValuesAttributes {
  /** Values (e.g. "sustainability", "security"). */
  readonly values?: readonly string[] | undefined;
  /** Taste (e.g. "minimalist", "classic"). */
  readonly taste?: readonly string[] | undefined;
}

/** Usage-based factors. @category Customers */
export interface UsageAttributes {
  /** Usage rate class. */
  readonly usageRate?: "non-user" | "light" | "medium" | "heavy" | undefined;
  /** Uses per month, ≥ 0. */
  readonly frequency?: number | undefined;
  /** Volume used per month, ≥ 0, in the product's unit. */
  readonly volume?: number | undefined;
  /** Occasions of use. */
  readonly occasions?: readonly string[] | undefined;
}

/** Regional factors. @category Customers */
export interface RegionalAttributes {
  /** Country (e.g. ISO 3166 code). */
  readonly country?: string | undefined;
  /** Region. */
  readonly region?: string | undefined;
  /** Municipality or city. */
  readonly city?: string | undefined;
  /** Postal code. */
  readonly postalCode?: string | undefined;
  /** Settlement type. */
  readonly urbanity?: "urban" | "suburban" | "rural" | undefined;
}

/** Purchase behaviour. @category Customers */
export interface PurchaseBehaviourAttributes {
  /** Number of purchases, ≥ 0. */
  readonly purchases?: number | undefined;
  /** Total spend, ≥ 0, in the currency of the data set. */
  readonly totalSpend?: number | undefined;
  /** Average order value, ≥ 0. */
  readonly averageOrderValue?: number | undefined;
  /** First purchase, ISO date (YYYY-MM-DD). */
  readonly firstPurchase?: string | undefined;
  /** Last purchase, ISO date (YYYY-MM-DD). */
  readonly lastPurchase?: string | undefined;
  /** Preferred channel. */
  readonly channel?: string | undefined;
  /** Price sensitivity. */
  readonly priceSensitivity?: "low" | "medium" | "high" | undefined;
}

/** Depth of the customer relationship. @category Customers */
export interface RelationshipDepthAttributes {
  /** Customer since, ISO date (YYYY-MM-DD). */
  readonly since?: string | undefined;
  /** Relationship length in months, ≥ 0. */
  readonly tenureMonths?: number | undefined;
  /** Member of the loyalty programme. */
  readonly loyaltyProgramme?: boolean | undefined;
  /** Loyalty tier. */
  readonly loyaltyTier?: string | undefined;
  /** Number of products or services held, ≥ 0. */
  readonly productsHeld?: number | undefined;
}

/**
 * B2B customers: the firm, and how much each purchase criterion of the source texts matters
 * to it (importance 1–5).
 *
 * @category Customers
 */
export interface B2bAttributes {
  /** Industry. */
  readonly industry?: string | undefined;
  /** Number of employees, ≥ 0. */
  readonly employees?: number | undefined;
  /** Annual revenue, ≥ 0. */
  readonly revenue?: number | undefined;
  /** Importance 1–5 of ease of doing business. */
  readonly ease?: number | undefined;
  /** Importance 1–5 of speed. */
  readonly speed?: number | undefined;
  /** Importance 1–5 of product features and the offered whole. */
  readonly productFeatures?: number | undefined;
  /** Importance 1–5 of price level and terms. */
  readonly priceAndTerms?: number | undefined;
  /** Importance 1–5 of access to information. */
  readonly informationAccess?: number | undefined;
  /** Importance 1–5 of expertise in sales and service. */
  readonly expertise?: number | undefined;
  /** Importance 1–5 of delivery reliability. */
  readonly deliveryReliability?: number | undefined;
  /** Importance 1–5 of reputation. */
  readonly reputation?: number | undefined;
}

/** A value of a custom attribute. @category Customers */
export type CustomAttributeValue = string | number | boolean | null;

/**
 * A customer's attributes, grouped by the segmentation criteria of the source texts.
 *
 * @category Customers
 */
export interface CustomerAttributes {
  /** The benefits the customer seeks or experiences. */
  readonly benefitSought?: readonly string[] | undefined;
  /** Background: age, education, occupation, income, gender, language, religion … */
  readonly demographic?: DemographicAttributes | undefined;
  /** Internal factors: lifestyle, personality, attitudes, motives, needs. */
  readonly psychographic?: PsychographicAttributes | undefined;
  /** External factors: family, social class, culture, groups. */
  readonly social?: SocialAttributes | undefined;
  /** Values and taste. */
  readonly values?: ValuesAttributes | undefined;
  /** Usage. */
  readonly usage?: UsageAttributes | undefined;
  /** Region. */
  readonly regional?: RegionalAttributes | undefined;
  /** Purchase behaviour. */
  readonly purchaseBehaviour?: PurchaseBehaviourAttributes | undefined;
  /** Depth of the relationship. */
  readonly relationshipDepth?: RelationshipDepthAttributes | undefined;
  /** B2B criteria. */
  readonly b2b?: B2bAttributes | undefined;
  /** Your own attributes: names of letters, digits, `_` and `-`; values string, number, boolean or null. */
  readonly custom?: Readonly<Record<string, CustomAttributeValue>> | undefined;
}

/**
 * A customer: a person or an organisation that wants to acquire a product for itself or its
 * own use and is ready to pay for it (or for the right to use it).
 *
 * @category Customers
 */
export interface Customer {
  /** Stable identifier (1–200 characters); purchases and survey responses link to it. */
  readonly id: string;
  /** Display name. */
  readonly name?: string | undefined;
  /** Person or organisation. */
  readonly kind: CustomerKind;
  /** Consumer, business, reseller, public, non-profit or group. */
  readonly type: CustomerType;
  /** Direct or indirect. */
  readonly relationship: CustomerRelationship;
  /** External or internal. */
  readonly side: CustomerSide;
  /** Potential, current or former. */
  readonly status: CustomerStatus;
  /** Attributes by segmentation criterion. */
  readonly attributes?: CustomerAttributes | undefined;
}

const text = /*@__PURE__*/ z.string().min(1).max(500);
const texts = /*@__PURE__*/ z.array(text).max(100);
const count = /*@__PURE__*/ z.number().int().min(0);
const nonNegative = /*@__PURE__*/ z.number().min(0);
const importance = /*@__PURE__*/ z.number().int().min(1).max(5);
const isoDate = /*@__PURE__*/ z.iso.date();

/** The identifier format shared by customers, purchases and responses. @internal */
export const idSchema: z.ZodString = /*@__PURE__*/ z.string().min(1).max(200);

const demographic = /*@__PURE__*/ z.strictObject({
  age: z.number().int().min(0).max(150).optional(),
  gender: text.optional(),
  education: text.optional(),
  occupation: text.optional(),
  income: nonNegative.optional(),
  language: text.optional(),
  religion: text.optional(),
  householdSize: z.number().int().min(1).optional(),
  lifeStage: text.optional(),
});

const attributes = /*@__PURE__*/ z.strictObject({
  benefitSought: texts.optional(),
  demographic: demographic.optional(),
  psychographic: z
    .strictObject({
      lifestyle: text.optional(),
      personality: text.optional(),
      attitudes: texts.optional(),
      motives: texts.optional(),
      needs: texts.optional(),
      interests: texts.optional(),
    })
    .optional(),
  social: z
    .strictObject({
      family: text.optional(),
      socialClass: text.optional(),
      culture: text.optional(),
      subculture: text.optional(),
      memberships: texts.optional(),
      aspirationalGroups: texts.optional(),
    })
    .optional(),
  values: z.strictObject({ values: texts.optional(), taste: texts.optional() }).optional(),
  usage: z
    .strictObject({
      usageRate: z.enum(["non-user", "light", "medium", "heavy"]).optional(),
      frequency: nonNegative.optional(),
      volume: nonNegative.optional(),
      occasions: texts.optional(),
    })
    .optional(),
  regional: z
    .strictObject({
      country: text.optional(),
      region: text.optional(),
      city: text.optional(),
      postalCode: text.optional(),
      urbanity: z.enum(["urban", "suburban", "rural"]).optional(),
    })
    .optional(),
  purchaseBehaviour: z
    .strictObject({
      purchases: count.optional(),
      totalSpend: nonNegative.optional(),
      averageOrderValue: nonNegative.optional(),
      firstPurchase: isoDate.optional(),
      lastPurchase: isoDate.optional(),
      channel: text.optional(),
      priceSensitivity: z.enum(["low", "medium", "high"]).optional(),
    })
    .optional(),
  relationshipDepth: z
    .strictObject({
      since: isoDate.optional(),
      tenureMonths: nonNegative.optional(),
      loyaltyProgramme: z.boolean().optional(),
      loyaltyTier: text.optional(),
      productsHeld: count.optional(),
    })
    .optional(),
  b2b: z
    .strictObject({
      industry: text.optional(),
      employees: count.optional(),
      revenue: nonNegative.optional(),
      ease: importance.optional(),
      speed: importance.optional(),
      productFeatures: importance.optional(),
      priceAndTerms: importance.optional(),
      informationAccess: importance.optional(),
      expertise: importance.optional(),
      deliveryReliability: importance.optional(),
      reputation: importance.optional(),
    })
    .optional(),
  custom: z
    .record(
      z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,64}$/, "a custom attribute name is 1–64 letters, digits, _ or -"),
      z.union([
        z.string().max(500),
        z.number().refine(Number.isFinite, "must be finite"),
        z.boolean(),
        z.null(),
      ]),
    )
    .optional(),
});

/**
 * The zod schema of a {@link Customer}: strict objects throughout (unknown keys are errors).
 *
 * @example
 * ```ts
 * import { CustomerSchema } from "customer-metrics";
 * const parsed = CustomerSchema.safeParse({
 *   id: "c-1", kind: "person", type: "consumer", relationship: "direct", side: "external", status: "current",
 *   attributes: { demographic: { age: 34 }, regional: { country: "FI" } },
 * });
 * parsed.success; // => true
 * ```
 *
 * @category Customers
 */
export const CustomerSchema: ObjectSchema<Customer> = /*@__PURE__*/ schemaFor<Customer>()(
  z.strictObject({
    id: idSchema,
    name: text.optional(),
    kind: z.enum(CUSTOMER_KINDS),
    type: z.enum(CUSTOMER_TYPES),
    relationship: z.enum(CUSTOMER_RELATIONSHIPS),
    side: z.enum(CUSTOMER_SIDES),
    status: z.enum(CUSTOMER_STATUSES),
    attributes: attributes.optional(),
  }),
);

/** The attribute groups of {@link CustomerAttributes} and the criterion each serves. @internal */
export const CRITERION_OF_GROUP: Readonly<Record<string, SegmentationCriterion>> = Object.freeze({
  benefitSought: "benefit-sought",
  demographic: "demographic",
  psychographic: "psychographic",
  social: "social",
  values: "values-and-taste",
  usage: "usage",
  regional: "regional",
  purchaseBehaviour: "purchase-behaviour",
  relationshipDepth: "relationship-depth",
  b2b: "b2b",
  custom: "custom",
});
