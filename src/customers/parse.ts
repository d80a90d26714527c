/**
 * Parsing untrusted records: the valid ones typed, every rejected one with its index and why.
 *
 * @module
 */
import type * as z from "zod";
import { describeValue, guarded, MetricError } from "../errors/metric-error.js";
import { type Customer, CustomerSchema } from "./customer.js";
import {
  type Purchase,
  PurchaseSchema,
  type SurveyResponse,
  SurveyResponseSchema,
} from "./records.js";

/**
 * One problem with a rejected record: where (a path into the record), what (zod's issue code,
 * or `"forbidden_key"`) and a sentence.
 *
 * @category Customers
 */
export interface RecordIssue {
  /** Path into the record, e.g. `["attributes", "demographic", "age"]`. */
  readonly path: readonly (string | number)[];
  /** zod's issue code (`"invalid_type"`, `"unrecognized_keys"`, `"too_big"` …) or `"forbidden_key"`. */
  readonly code: string;
  /** What is wrong, in words. */
  readonly message: string;
}

/**
 * A record that did not parse.
 *
 * @category Customers
 */
export interface RejectedRecord {
  /** Its position in the input. */
  readonly index: number;
  /** Every problem found. */
  readonly issues: readonly RecordIssue[];
}

/**
 * The outcome of parsing untrusted records: nothing is dropped without a trace —
 * `valid.length + rejected.length` is the number of input records.
 *
 * @typeParam T - the record type
 * @category Customers
 */
export interface ParseResult<T> {
  /** The records that parsed, typed, in input order. */
  readonly valid: T[];
  /** The positions in the input of the valid records (`validIndex[i]` is where `valid[i]` came from). */
  readonly validIndex: number[];
  /** The records that did not, with their index and issues. */
  readonly rejected: RejectedRecord[];
}

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** Paths of keys that could pollute prototypes, anywhere in a JSON value. */
function forbiddenKeys(
  value: unknown,
  path: (string | number)[],
  found: RecordIssue[],
  depth = 0,
  seen: WeakSet<object> = new WeakSet(),
): void {
  // Bounded depth, and each object visited once: a cyclic or shared structure (possible in
  // records built in code rather than parsed from JSON) cannot make this walk blow up.
  if (typeof value !== "object" || value === null || depth > 64 || seen.has(value)) return;
  seen.add(value);
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      forbiddenKeys(item, [...path, i], found, depth + 1, seen);
    });
    return;
  }
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) {
      found.push({
        path: [...path, key],
        code: "forbidden_key",
        message: `the key ${JSON.stringify(key)} is not allowed (it could alter object prototypes)`,
      });
    } else {
      forbiddenKeys(
        (value as Record<string, unknown>)[key],
        [...path, key],
        found,
        depth + 1,
        seen,
      );
    }
  }
}

/**
 * Parse untrusted records (parsed JSON, CSV rows, API payloads) with a zod schema. Keys that
 * could alter prototypes (`__proto__`, `constructor`, `prototype`) anywhere in a record reject
 * it before zod sees it; the schemas of this library are strict, so unknown keys reject it too;
 * a wrong type rejects it. Valid records come back as zod's fresh output objects.
 *
 * @param schema - a zod schema, e.g. {@link CustomerSchema}
 * @param input - an array of untrusted records
 * @returns the valid records and, for each rejected one, its index and issues
 * @throws {@link MetricError} `INVALID_INPUT` when `input` is not an array.
 *
 * @example
 * ```ts
 * import { parseRecords, SurveyResponseSchema } from "customer-metrics";
 * const result = parseRecords(SurveyResponseSchema, [
 *   { customerId: "c-1", nps: 10 },
 *   { customerId: "c-2", nps: "ten" },
 *   JSON.parse('{"customerId": "c-3", "__proto__": {"admin": true}}'),
 * ]);
 * result.valid.length; // => 1
 * result.rejected.map((r) => [r.index, r.issues[0].code]); // => [[1, "invalid_type"], [2, "forbidden_key"]]
 * ```
 *
 * @category Customers
 */
export function parseRecords<T>(schema: z.ZodType<T>, input: unknown): ParseResult<T> {
  return guarded("parseRecords", () => {
    if (typeof (schema as { safeParse?: unknown } | null | undefined)?.safeParse !== "function") {
      throw new MetricError(
        "INVALID_INPUT",
        `expected a zod schema (with safeParse); got ${describeValue(schema)}`,
        { fn: "parseRecords", value: schema, field: "schema" },
      );
    }
    if (!Array.isArray(input)) {
      throw new MetricError(
        "INVALID_INPUT",
        `expected an array of records; got ${describeValue(input)}`,
        {
          fn: "parseRecords",
          value: input,
        },
      );
    }
    const valid: T[] = [];
    const validIndex: number[] = [];
    const rejected: RejectedRecord[] = [];
    // A plain loop: a hole (which forEach would pass over) is a missing record, rejected with
    // its index, so that valid + rejected always equals the input length.
    for (let index = 0; index < input.length; index++) {
      const record: unknown = input[index];
      if (!(index in input)) {
        rejected.push({
          index,
          issues: [
            { path: [], code: "missing_record", message: "no record at this index (a hole)" },
          ],
        });
        continue;
      }
      const forbidden: RecordIssue[] = [];
      forbiddenKeys(record, [], forbidden);
      if (forbidden.length > 0) {
        rejected.push({ index, issues: forbidden });
        continue;
      }
      const parsed = schema.safeParse(record);
      if (parsed.success) {
        valid.push(parsed.data);
        validIndex.push(index);
      } else {
        rejected.push({
          index,
          issues: parsed.error.issues.map((issue) => ({
            path: issue.path.map((p) => (typeof p === "symbol" ? String(p) : p)),
            code: issue.code,
            message: issue.message,
          })),
        });
      }
    }
    return { valid, validIndex, rejected };
  });
}

/**
 * Parse untrusted customer records; see {@link parseRecords}.
 *
 * @param input - an array of untrusted records
 * @returns valid customers and rejected records with their index and issues
 * @throws {@link MetricError} `INVALID_INPUT` when `input` is not an array.
 *
 * @example
 * ```ts
 * import { parseCustomers } from "customer-metrics";
 * const { valid, rejected } = parseCustomers([
 *   { id: "c-1", kind: "organisation", type: "public", relationship: "direct", side: "external", status: "potential" },
 *   { id: "c-2", kind: "person", type: "consumer", relationship: "direct", side: "external", status: "current", vip: true },
 * ]);
 * valid.length; // => 1
 * rejected[0].issues[0].code; // => "unrecognized_keys"
 * ```
 *
 * @category Customers
 */
export function parseCustomers(input: unknown): ParseResult<Customer> {
  return guarded("parseCustomers", () => {
    return parseRecords(CustomerSchema, input);
  });
}

/**
 * Parse untrusted purchase records; see {@link parseRecords}.
 *
 * @param input - an array of untrusted records
 * @returns valid purchases and rejected records with their index and issues
 * @throws {@link MetricError} `INVALID_INPUT` when `input` is not an array.
 *
 * @example
 * ```ts
 * import { parsePurchases } from "customer-metrics";
 * parsePurchases([{ id: "p-1", customerId: "c-1", date: "2026-02-30" }]).rejected.length; // => 1
 * ```
 *
 * @category Customers
 */
export function parsePurchases(input: unknown): ParseResult<Purchase> {
  return guarded("parsePurchases", () => {
    return parseRecords(PurchaseSchema, input);
  });
}

/**
 * Parse untrusted survey responses; see {@link parseRecords}.
 *
 * @param input - an array of untrusted records
 * @returns valid responses and rejected records with their index and issues
 * @throws {@link MetricError} `INVALID_INPUT` when `input` is not an array.
 *
 * @example
 * ```ts
 * import { parseSurveyResponses } from "customer-metrics";
 * parseSurveyResponses([{ customerId: "c-1", ces: 6 }, { customerId: "", ces: 6 }]).valid.length; // => 1
 * ```
 *
 * @category Customers
 */
export function parseSurveyResponses(input: unknown): ParseResult<SurveyResponse> {
  return guarded("parseSurveyResponses", () => {
    return parseRecords(SurveyResponseSchema, input);
  });
}
