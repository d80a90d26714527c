/**
 * Defining segments: validating a set of definitions (from code or a JSON file), compiling
 * their rules once, and testing customers against them.
 *
 * @module
 */
import * as z from "zod";
import { describeValue, guarded, MetricError } from "../errors/metric-error.js";
import type { SegmentationCriterion } from "./customer.js";
import { type CustomerPredicate, compileRule, ruleError } from "./rule-compiler.js";
import { type Segment, SegmentSchema } from "./segment-rule.js";

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
  return guarded("defineSegments", () => compileSegments(definitions, "defineSegments"));
}

/**
 * The predicates of segments made by {@link defineSegments}, by identity. Safe because those
 * segments are deeply frozen: a rule can never change under its compiled predicate.
 */
const definedPredicates = new WeakMap<Segment, CustomerPredicate>();

/**
 * The predicates of segments that did not come from {@link defineSegments} (loaded from JSON,
 * written by hand), by content: the same definition is validated and compiled once, not on
 * every call. Bounded; the oldest entry goes first.
 */
const predicatesByContent = new Map<string, CustomerPredicate>();
const CONTENT_CACHE_SIZE = 256;

/** Validate, compile and freeze definitions under the caller's name. */
function compileSegments(definitions: unknown, fn: string): Segment[] {
  checkNesting(definitions, fn);
  const parsed = z.array(SegmentSchema).max(10_000).safeParse(definitions);
  if (!parsed.success) {
    throw new MetricError(
      "INVALID_INPUT",
      `the segment definitions are malformed: ${zodMessage(parsed.error)}`,
      { fn, value: parsed.error.issues },
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
        fn,
      );
    }
    seen.add(definition.id);
    const used = new Set<SegmentationCriterion>();
    const test = compileRule(definition.rule, `${where}.rule`, used, fn);
    if (definition.criteria !== undefined) {
      const missing = [...used].filter((c) => !definition.criteria?.includes(c));
      if (missing.length > 0) {
        throw ruleError(
          "INVALID_RULE",
          `${where}.criteria`,
          `the rule uses ${missing.join(", ")}, which the criteria do not list`,
          definition.criteria,
          fn,
        );
      }
    }
    // Deeply frozen, so the compiled predicate cached below can never disagree with the rule.
    const segment: Segment = deepFreeze({
      ...definition,
      criteria: definition.criteria ?? [...used],
    });
    definedPredicates.set(segment, test);
    return segment;
  });
}

/**
 * The JSON text of a value made only of plain objects, arrays, strings, finite numbers,
 * booleans and null — read once, so the text is exactly what is compiled — or undefined for
 * anything else (a Date, NaN, a hole, a class instance), which is then validated uncached.
 */
function plainJson(value: unknown, depth: number): string | undefined {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : undefined;
  if (value === null || typeof value === "boolean") return String(value);
  if (typeof value !== "object" || depth > MAX_NESTING) return undefined;
  let text: string;
  if (Array.isArray(value)) {
    text = "[";
    for (let i = 0; i < value.length; i++) {
      const item = plainJson(value[i], depth + 1);
      if (item === undefined) return undefined;
      text += i === 0 ? item : `,${item}`;
    }
    return `${text}]`;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return undefined;
  text = "{";
  for (const key of Object.keys(value)) {
    const child = (value as Record<string, unknown>)[key];
    if (child === undefined) continue;
    const item = plainJson(child, depth + 1);
    if (item === undefined) return undefined;
    text += `${text === "{" ? "" : ","}${JSON.stringify(key)}:${item}`;
  }
  return `${text}}`;
}

/**
 * The predicate of a segment: from {@link defineSegments} by identity; otherwise validated
 * alone (its id is not checked against others), compiled, and cached by content.
 *
 * @throws {@link MetricError} as {@link defineSegments} does, under the caller's name.
 * @internal
 */
export function segmentPredicate(segment: Segment, fn: string): CustomerPredicate {
  const known = definedPredicates.get(segment);
  if (known !== undefined) return known;
  const key = plainJson(segment, 0);
  if (key === undefined) return definedPredicates.get(compileOne(segment, fn)) as CustomerPredicate;
  const cached = predicatesByContent.get(key);
  if (cached !== undefined) return cached;
  // Compile what the key says, not a second read of the object (a getter could change it).
  const test = definedPredicates.get(compileOne(JSON.parse(key), fn)) as CustomerPredicate;
  if (predicatesByContent.size >= CONTENT_CACHE_SIZE) {
    predicatesByContent.delete(predicatesByContent.keys().next().value as string);
  }
  predicatesByContent.set(key, test);
  return test;
}

function compileOne(definition: unknown, fn: string): Segment {
  return compileSegments([definition], fn)[0] as Segment;
}

/**
 * Whether a customer belongs to a segment.
 *
 * A segment from {@link defineSegments} is tested directly. Any other definition (loaded from
 * JSON, written by hand) is validated and compiled the first time its content is seen, and
 * found again by content afterwards — so changing the object changes the answer, and nothing
 * is re-parsed. Building that content key costs about 100 × the test itself: in a loop over
 * many customers, call `defineSegments` once and pass its segments.
 *
 * @param segment - a segment (from {@link defineSegments}, or a definition, validated first)
 * @param customer - the customer
 * @returns true if the segment's rule holds for the customer
 * @throws {@link MetricError} as {@link defineSegments} does for a segment it has not seen;
 *   `INVALID_INPUT` when the customer comes first and the segment second.
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
    if (!hasRule(segment) && hasRule(customer)) {
      throw new MetricError(
        "INVALID_INPUT",
        "the arguments are the other way round: inSegment(segment, customer)",
        { fn: "inSegment", field: "segment" },
      );
    }
    return segmentPredicate(segment, "inSegment")(customer);
  });
}

/** Whether a value has a `rule`, as a segment does and a customer does not. */
function hasRule(value: unknown): boolean {
  return typeof value === "object" && value !== null && "rule" in value;
}
