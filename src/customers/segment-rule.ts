/**
 * Segments as data: the rule types (field comparisons combined with all / any / not) and the
 * zod schemas that validate them, so a segment set can live in a JSON file and be loaded back.
 *
 * @module
 */
import * as z from "zod";
import { SEGMENTATION_CRITERIA, type SegmentationCriterion } from "./customer.js";
import { schemaFor } from "./schema-shape.js";

/** A value a rule compares with. @category Customers */
export type RuleValue = string | number | boolean | null;

/** The field equals the value. @category Customers */
export interface EqRule {
  /** The operator. */
  readonly op: "eq";
  /** Dotted path of a customer field, e.g. `"type"` or `"attributes.custom.tier"`. */
  readonly field: string;
  /** The value to equal. */
  readonly value: RuleValue;
}

/** The field equals one of the values. @category Customers */
export interface InRule {
  /** The operator. */
  readonly op: "in";
  /** Dotted path of a customer field. */
  readonly field: string;
  /** The values, 1–1000 of them. */
  readonly values: readonly RuleValue[];
}

/** A number (or ISO date) field within [min, max], bounds inclusive, at least one given. @category Customers */
export interface RangeRule {
  /** The operator. */
  readonly op: "range";
  /** Dotted path of a numeric or date field. */
  readonly field: string;
  /** Lower bound (a number, or an ISO date for a date field). */
  readonly min?: number | string | undefined;
  /** Upper bound (a number, or an ISO date for a date field). */
  readonly max?: number | string | undefined;
}

/** The field has a value (not missing, not null). @category Customers */
export interface ExistsRule {
  /** The operator. */
  readonly op: "exists";
  /** Dotted path of a customer field. */
  readonly field: string;
}

/** A list field (e.g. `attributes.benefitSought`) contains the value. @category Customers */
export interface IncludesRule {
  /** The operator. */
  readonly op: "includes";
  /** Dotted path of a list field. */
  readonly field: string;
  /** The value the list must contain. */
  readonly value: string;
}

/** Every rule holds. @category Customers */
export interface AllRule {
  /** The operator. */
  readonly op: "all";
  /** The rules, 1–1000 of them. */
  readonly rules: readonly SegmentRule[];
}

/** At least one rule holds. @category Customers */
export interface AnyRule {
  /** The operator. */
  readonly op: "any";
  /** The rules, 1–1000 of them. */
  readonly rules: readonly SegmentRule[];
}

/** The rule does not hold. @category Customers */
export interface NotRule {
  /** The operator. */
  readonly op: "not";
  /** The negated rule. */
  readonly rule: SegmentRule;
}

/**
 * A segment rule: a comparison on one customer field, named by its dotted path (e.g.
 * `"attributes.demographic.age"` or `"attributes.custom.tier"`) — {@link EqRule},
 * {@link InRule}, {@link RangeRule}, {@link ExistsRule}, {@link IncludesRule} — or rules combined
 * with {@link AllRule}, {@link AnyRule} and {@link NotRule}. A comparison on a missing value is
 * false (so `not` of it is true).
 *
 * @category Customers
 */
export type SegmentRule =
  | EqRule
  | InRule
  | RangeRule
  | ExistsRule
  | IncludesRule
  | AllRule
  | AnyRule
  | NotRule;

/**
 * A segment: a named group of customers with shared traits, the criteria it uses, and its rule.
 *
 * @category Customers
 */
export interface Segment {
  /** Identifier, unique within a segment set: letters, digits, `_`, `-` (1–64). */
  readonly id: string;
  /** Display name. */
  readonly name: string;
  /** What the segment is and why it was chosen. */
  readonly description?: string | undefined;
  /**
   * The segmentation criteria it uses. Optional in a definition (then derived from the rule's
   * fields); when given it must include the criterion of every field the rule names.
   */
  readonly criteria?: readonly SegmentationCriterion[] | undefined;
  /** Who belongs. */
  readonly rule: SegmentRule;
}

const field = /*@__PURE__*/ z.string().min(1).max(200);
const ruleValue = /*@__PURE__*/ z.union([z.string().max(500), z.number(), z.boolean(), z.null()]);
const bound = /*@__PURE__*/ z.union([z.number(), z.iso.date()]);

/**
 * The zod schema of a {@link SegmentRule} (strict objects, recursive, at most 1000 rules per list).
 *
 * @example
 * ```ts
 * import { SegmentRuleSchema } from "customer-metrics";
 * SegmentRuleSchema.safeParse({ op: "range", field: "attributes.demographic.age", min: 18, max: 34 }).success; // => true
 * SegmentRuleSchema.safeParse({ op: "between", field: "x" }).success; // => false
 * ```
 *
 * @category Customers
 */
export const SegmentRuleSchema: z.ZodType<SegmentRule> = /*@__PURE__*/ z.discriminatedUnion("op", [
  z.strictObject({ op: z.literal("eq"), field, value: ruleValue }),
  z.strictObject({ op: z.literal("in"), field, values: z.array(ruleValue).min(1).max(1000) }),
  z
    .strictObject({ op: z.literal("range"), field, min: bound.optional(), max: bound.optional() })
    .refine((r) => r.min !== undefined || r.max !== undefined, "a range needs min, max or both"),
  z.strictObject({ op: z.literal("exists"), field }),
  z.strictObject({ op: z.literal("includes"), field, value: z.string().max(500) }),
  z.strictObject({
    op: z.literal("all"),
    get rules() {
      return z.array(SegmentRuleSchema).min(1).max(1000);
    },
  }),
  z.strictObject({
    op: z.literal("any"),
    get rules() {
      return z.array(SegmentRuleSchema).min(1).max(1000);
    },
  }),
  z.strictObject({
    op: z.literal("not"),
    get rule() {
      return SegmentRuleSchema;
    },
  }),
]);

/**
 * The zod schema of a {@link Segment} definition.
 *
 * @example
 * ```ts
 * import { SegmentSchema } from "customer-metrics";
 * const youngUrban = {
 *   id: "young-urban", name: "Young urban",
 *   rule: { op: "all", rules: [
 *     { op: "range", field: "attributes.demographic.age", max: 34 },
 *     { op: "eq", field: "attributes.regional.urbanity", value: "urban" },
 *   ] },
 * };
 * SegmentSchema.safeParse(youngUrban).success; // => true
 * ```
 *
 * @category Customers
 */
export const SegmentSchema: z.ZodType<Segment> = /*@__PURE__*/ schemaFor<Segment>()(
  z.strictObject({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "a segment id is 1–64 letters, digits, _ or -"),
    name: z.string().min(1).max(200),
    description: z.string().max(2000).optional(),
    criteria: z.array(z.enum(SEGMENTATION_CRITERIA)).optional(),
    rule: SegmentRuleSchema,
  }),
);
