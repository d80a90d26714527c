/**
 * Segments as data: a rule of field comparisons combined with all / any / not, validated by a
 * zod schema, so a segment set can live in a JSON file and be loaded back.
 *
 * @module
 */
import * as z from "zod";
import { describeValue, guarded, MetricError } from "../errors/metric-error.js";
import type { SegmentationCriterion } from "./customer.js";
import { type FieldInfo, fieldAt, pathReader } from "./fields.js";

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

const CRITERIA: readonly SegmentationCriterion[] = [
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
];

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
export const SegmentSchema: z.ZodType<Segment> = /*@__PURE__*/ z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "a segment id is 1–64 letters, digits, _ or -"),
  name: z.string().min(1).max(200),
  description: z.string().max(2000).optional(),
  criteria: z
    .array(z.enum(CRITERIA as [SegmentationCriterion, ...SegmentationCriterion[]]))
    .optional(),
  rule: SegmentRuleSchema,
});

/** A compiled rule: a predicate on a customer, and the criteria of the fields it reads. */
interface Compiled {
  readonly test: (customer: unknown) => boolean;
}

const compiled = new WeakMap<Segment, Compiled>();

function ruleError(
  code: "UNKNOWN_FIELD" | "INVALID_RULE",
  where: string,
  message: string,
  value: unknown,
): MetricError {
  return new MetricError(code, `${where}: ${message}`, {
    fn: "defineSegments",
    value,
    field: where,
  });
}

/** Check that a compared value fits the field; throw INVALID_RULE naming where it does not. */
function checkValue(info: FieldInfo, value: unknown, where: string): void {
  const ok =
    info.kind === "custom" ||
    value === null ||
    (info.kind === "number" && typeof value === "number") ||
    (info.kind === "boolean" && typeof value === "boolean") ||
    ((info.kind === "string" || info.kind === "date") && typeof value === "string");
  if (!ok) {
    throw ruleError(
      "INVALID_RULE",
      where,
      `${info.path} holds ${info.kind} values; ${describeValue(value)} never matches`,
      value,
    );
  }
  if (info.choices !== undefined && typeof value === "string" && !info.choices.includes(value)) {
    throw ruleError(
      "INVALID_RULE",
      where,
      `${describeValue(value)} is not one of ${info.path}'s values (${info.choices.join(", ")})`,
      value,
    );
  }
}

function isNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/** Compile a validated rule into a predicate, checking fields and values; collect criteria. */
function compile(
  rule: SegmentRule,
  where: string,
  criteria: Set<SegmentationCriterion>,
): (c: unknown) => boolean {
  switch (rule.op) {
    case "all":
    case "any": {
      const parts = rule.rules.map((r, i) => compile(r, `${where}.rules[${i}]`, criteria));
      return rule.op === "all"
        ? (c) => {
            for (const part of parts) if (!part(c)) return false;
            return true;
          }
        : (c) => {
            for (const part of parts) if (part(c)) return true;
            return false;
          };
    }
    case "not": {
      const inner = compile(rule.rule, `${where}.rule`, criteria);
      return (c) => !inner(c);
    }
    default:
      break;
  }
  const info = fieldAt(rule.field);
  if (info === undefined) {
    throw ruleError(
      "UNKNOWN_FIELD",
      where,
      `no customer has the field ${describeValue(rule.field)}`,
      rule.field,
    );
  }
  criteria.add(info.criterion);
  if ((rule.op === "eq" || rule.op === "in") && info.kind === "string[]") {
    throw ruleError("INVALID_RULE", where, `${rule.field} is a list: use "includes"`, rule.field);
  }
  const read = pathReader(rule.field);
  switch (rule.op) {
    case "exists":
      return (c) => {
        const v = read(c);
        return v !== undefined && v !== null;
      };
    case "eq": {
      checkValue(info, rule.value, where);
      const expected = rule.value;
      return (c) => read(c) === expected;
    }
    case "in": {
      rule.values.forEach((v, i) => {
        checkValue(info, v, `${where}.values[${i}]`);
      });
      const allowed = new Set<unknown>(rule.values);
      return (c) => {
        const v = read(c);
        return v !== undefined && allowed.has(v);
      };
    }
    case "includes": {
      if (info.kind !== "string[]") {
        throw ruleError(
          "INVALID_RULE",
          where,
          `${rule.field} is not a list; "includes" needs one`,
          rule.value,
        );
      }
      const expected = rule.value;
      return (c) => {
        const v = read(c);
        return Array.isArray(v) && v.includes(expected);
      };
    }
    case "range": {
      const { min, max } = rule;
      const numeric =
        info.kind === "number" || (info.kind === "custom" && (isNumber(min) || isNumber(max)));
      const dates = info.kind === "date";
      for (const [name, b] of [
        ["min", min],
        ["max", max],
      ] as const) {
        if (b === undefined) continue;
        if (
          (numeric && typeof b !== "number") ||
          (dates && typeof b !== "string") ||
          (!numeric && !dates)
        ) {
          throw ruleError(
            "INVALID_RULE",
            `${where}.${name}`,
            `a range on ${rule.field} (${info.kind}) cannot have the bound ${describeValue(b)}`,
            b,
          );
        }
      }
      if (min !== undefined && max !== undefined && min > max) {
        throw ruleError("INVALID_RULE", where, `the range is empty: min ${min} > max ${max}`, rule);
      }
      return (c) => {
        const v = read(c);
        if (numeric ? !isNumber(v) : typeof v !== "string") return false;
        return (
          (min === undefined || (v as number | string) >= min) &&
          (max === undefined || (v as number | string) <= max)
        );
      };
    }
  }
}

/** Rules nested deeper than this are refused before parsing (a recursive parse could overflow the stack). */
const MAX_NESTING = 64;

/** Walk the input without recursion and refuse anything nested deeper than MAX_NESTING objects. */
function checkNesting(input: unknown, fn: string): void {
  const stack: [unknown, number][] = [[input, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop() as [unknown, number];
    if (typeof value !== "object" || value === null) continue;
    if (depth > MAX_NESTING) {
      throw new MetricError(
        "INVALID_INPUT",
        `the segment definitions nest deeper than ${MAX_NESTING} levels`,
        {
          fn,
          value: depth,
        },
      );
    }
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

function zodMessage(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join(".") : "(root)"}: ${issue.message}`)
    .join("; ");
}

/**
 * Validate a set of segment definitions (for example loaded from a JSON file) and make it ready
 * to use. Checks, at definition time rather than as a silent empty segment later: the shape
 * (zod), that ids are unique, that every field a rule names exists on customers, that every
 * compared value can match its field (a range on a text field, or `"consumr"` for `type`, is an
 * error), and that declared criteria cover the fields used. Criteria left out are derived from
 * the rule. The result is plain data: `JSON.stringify` it and `defineSegments` reads it back equal.
 *
 * @param definitions - an array of segment definitions (untrusted JSON is fine)
 * @returns the segments, with `criteria` filled in
 * @throws {@link MetricError} `INVALID_INPUT` for a malformed definition (the message lists zod's
 *   issues); `UNKNOWN_FIELD` for a field no customer has; `INVALID_RULE` for a comparison that
 *   cannot match, duplicate ids, or criteria that omit a field's criterion.
 *
 * @example
 * ```ts
 * import { defineSegments } from "customer-metrics";
 * const [segment] = defineSegments([{
 *   id: "heavy-users", name: "Heavy users",
 *   rule: { op: "in", field: "attributes.usage.usageRate", values: ["medium", "heavy"] },
 * }]);
 * segment.criteria; // => ["usage"]
 * ```
 *
 * @category Customers
 */
export function defineSegments(definitions: unknown): Segment[] {
  return guarded("defineSegments", () => {
    const fn = "defineSegments";
    checkNesting(definitions, fn);
    const parsed = z.array(SegmentSchema).max(10_000).safeParse(definitions);
    if (!parsed.success) {
      throw new MetricError(
        "INVALID_INPUT",
        `the segment definitions are malformed: ${zodMessage(parsed.error)}`,
        {
          fn,
          value: parsed.error.issues,
        },
      );
    }
    const seen = new Set<string>();
    return parsed.data.map((definition, index) => {
      const where = `segments[${index}]`;
      if (seen.has(definition.id)) {
        throw ruleError(
          "INVALID_RULE",
          where,
          `the id ${describeValue(definition.id)} is used twice`,
          definition.id,
        );
      }
      seen.add(definition.id);
      const used = new Set<SegmentationCriterion>();
      const test = compile(definition.rule, `${where}.rule`, used);
      if (definition.criteria !== undefined) {
        const missing = [...used].filter((c) => !definition.criteria?.includes(c));
        if (missing.length > 0) {
          throw ruleError(
            "INVALID_RULE",
            `${where}.criteria`,
            `the rule uses ${missing.join(", ")}, which the criteria do not list`,
            definition.criteria,
          );
        }
      }
      // Deeply frozen, so the compiled predicate cached below can never disagree with the rule.
      const segment: Segment = deepFreeze({
        ...definition,
        criteria: definition.criteria ?? [...used],
      });
      compiled.set(segment, { test });
      return segment;
    });
  });
}

/**
 * The predicate of a segment made by {@link defineSegments}; a segment from elsewhere is
 * validated first (alone, so its id is not checked against others).
 *
 * @internal
 */
export function segmentPredicate(segment: Segment): (customer: unknown) => boolean {
  const known = compiled.get(segment);
  if (known !== undefined) return known.test;
  const [fresh] = defineSegments([segment]);
  return (compiled.get(fresh as Segment) as Compiled).test;
}

/**
 * Whether a customer belongs to a segment.
 *
 * @param segment - a segment (from {@link defineSegments}, or a definition, validated first)
 * @param customer - the customer
 * @returns true if the segment's rule holds for the customer
 * @throws {@link MetricError} as {@link defineSegments} does for a segment it has not seen.
 *
 * @example
 * ```ts
 * import { defineSegments, inSegment } from "customer-metrics";
 * const [b2b] = defineSegments([{ id: "b2b", name: "Business", rule: { op: "eq", field: "type", value: "business" } }]);
 * inSegment(b2b, { id: "c-1", kind: "organisation", type: "business", relationship: "direct", side: "external", status: "current" }); // => true
 * ```
 *
 * @category Customers
 */
export function inSegment(segment: Segment, customer: unknown): boolean {
  return guarded("inSegment", () => {
    return segmentPredicate(segment)(customer);
  });
}
