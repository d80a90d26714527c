/**
 * The rule compiler: turns a validated {@link SegmentRule} into a predicate on a customer,
 * checking at definition time that every field exists and every compared value can match it,
 * and collecting the segmentation criteria the rule reads.
 *
 * @internal
 * @module
 */
import { describeValue, MetricError } from "../errors/metric-error.js";
import type { SegmentationCriterion } from "./customer.js";
import { type FieldInfo, fieldAt, pathReader } from "./fields.js";
import type { SegmentRule } from "./segment-rule.js";

/** A predicate on a customer (any value: a comparison on a missing field is false). */
export type CustomerPredicate = (customer: unknown) => boolean;

/** An error in a segment definition, at `where` (e.g. `segments[0].rule.rules[1]`). */
export function ruleError(
  code: "UNKNOWN_FIELD" | "INVALID_RULE",
  where: string,
  message: string,
  value: unknown,
  fn: string,
): MetricError {
  return new MetricError(code, `${where}: ${message}`, { fn, value, field: where });
}

/** Check that a compared value fits the field; throw INVALID_RULE naming where it does not. */
function checkValue(info: FieldInfo, value: unknown, where: string, fn: string): void {
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
      fn,
    );
  }
  if (info.choices !== undefined && typeof value === "string" && !info.choices.includes(value)) {
    throw ruleError(
      "INVALID_RULE",
      where,
      `${describeValue(value)} is not one of ${info.path}'s values (${info.choices.join(", ")})`,
      value,
      fn,
    );
  }
}

function isNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/**
 * Compile a validated rule into a predicate, checking fields and values, and add the criteria
 * of the fields it reads to `criteria`. Errors name `where` in the definition and `fn`, the
 * function the user called.
 *
 * @throws {@link MetricError} `UNKNOWN_FIELD` for a field no customer has; `INVALID_RULE` for a
 *   comparison that can never match its field.
 */
export function compileRule(
  rule: SegmentRule,
  where: string,
  criteria: Set<SegmentationCriterion>,
  fn: string,
): CustomerPredicate {
  switch (rule.op) {
    case "all":
    case "any": {
      const parts = rule.rules.map((r, i) => compileRule(r, `${where}.rules[${i}]`, criteria, fn));
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
      const inner = compileRule(rule.rule, `${where}.rule`, criteria, fn);
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
      fn,
    );
  }
  criteria.add(info.criterion);
  if ((rule.op === "eq" || rule.op === "in") && info.kind === "string[]") {
    throw ruleError(
      "INVALID_RULE",
      where,
      `${rule.field} is a list: use "includes"`,
      rule.field,
      fn,
    );
  }
  const read = pathReader(rule.field);
  switch (rule.op) {
    case "exists":
      return (c) => {
        const v = read(c);
        return v !== undefined && v !== null;
      };
    case "eq": {
      checkValue(info, rule.value, where, fn);
      const expected = rule.value;
      return (c) => read(c) === expected;
    }
    case "in": {
      rule.values.forEach((v, i) => {
        checkValue(info, v, `${where}.values[${i}]`, fn);
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
          fn,
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
            fn,
          );
        }
      }
      if (min !== undefined && max !== undefined && min > max) {
        throw ruleError(
          "INVALID_RULE",
          where,
          `the range is empty: min ${min} > max ${max}`,
          rule,
          fn,
        );
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
