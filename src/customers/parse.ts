/**
 * Parsing untrusted records: the valid ones typed, every rejected one with its index and why.
 *
 * @module
 */
import type * as z from "zod";
import { checkChoice, readOptions } from "../common/options.js";
import type { Scale } from "../distribution/scale.js";
import { describeValue, guarded, MetricError } from "../errors/metric-error.js";
import { type Customer, CustomerSchema } from "./customer.js";
import {
  describeIssue,
  forbiddenKeys,
  type RecordIssue,
  unknownKeyPaths,
  withoutPaths,
} from "./record-checks.js";
import {
  type Purchase,
  PurchaseSchema,
  type SurveyResponse,
  SurveyResponseSchema,
  surveyResponseSchemaAs,
} from "./records.js";

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
  /**
   * Under `unknownKeys: "strip"`, the valid records that had keys the schema does not know:
   * each one's index and the paths of the keys removed (never silently). Empty otherwise.
   */
  readonly stripped: StrippedRecord[];
}

/**
 * A record that parsed after keys unknown to the schema were removed from it.
 *
 * @category Customers
 */
export interface StrippedRecord {
  /** Its position in the input. */
  readonly index: number;
  /** The path of every key removed, e.g. `[["email"], ["attributes", "demographic", "shoeSize"]]`. */
  readonly keys: readonly (readonly (string | number)[])[];
}

/**
 * Options of {@link parseRecords} and the record parsers.
 *
 * @category Customers
 */
export interface ParseOptions {
  /**
   * Keys the schema does not know (a CRM export's `email`, `createdAt`): `"reject"` the record
   * (default), or `"strip"` them and keep the record, listing what was removed in
   * `ParseResult.stripped`. Keys that could alter prototypes reject the record either way.
   */
  readonly unknownKeys?: "reject" | "strip";
}

/**
 * Options of {@link parseSurveyResponses}.
 *
 * @category Customers
 */
export interface SurveyResponseParseOptions extends ParseOptions {
  /** The scales of the CSAT and CES answers (default 1–5 and 1–7); NPS is always 0–10. */
  readonly scales?: {
    /** The CSAT scale (default 1–5). */
    readonly csat?: Scale;
    /** The CES scale (default 1–7). */
    readonly ces?: Scale;
  };
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
export function parseRecords<T>(
  schema: z.ZodType<T>,
  input: unknown,
  options: ParseOptions = {},
): ParseResult<T> {
  return guarded("parseRecords", () => parseWith(schema, input, options, "parseRecords"));
}

/** The record parser behind every public one, reporting under `fn`. */
function parseWith<T>(
  schema: z.ZodType<T>,
  input: unknown,
  options: unknown,
  fn: string,
  extraKeys: readonly string[] = [],
): ParseResult<T> {
  const read = readOptions(options, ["unknownKeys", ...extraKeys], fn);
  const strip =
    checkChoice(read.unknownKeys, ["reject", "strip"], "reject", fn, "unknownKeys") === "strip";
  if (typeof (schema as { safeParse?: unknown } | null | undefined)?.safeParse !== "function") {
    throw new MetricError(
      "INVALID_INPUT",
      `expected a zod schema (with safeParse); got ${describeValue(schema)}`,
      { fn, value: schema, field: "schema" },
    );
  }
  if (!Array.isArray(input)) {
    throw new MetricError(
      "INVALID_INPUT",
      `expected an array of records; got ${describeValue(input)}`,
      {
        fn,
        value: input,
      },
    );
  }
  const valid: T[] = [];
  const validIndex: number[] = [];
  const rejected: RejectedRecord[] = [];
  const stripped: StrippedRecord[] = [];
  // A plain loop: a hole (which forEach would pass over) is a missing record, rejected with
  // its index, so that valid + rejected always equals the input length. A hole reads as
  // undefined, so only then is it looked for.
  for (let index = 0; index < input.length; index++) {
    const record: unknown = input[index];
    if (record === undefined && !(index in input)) {
      rejected.push({
        index,
        issues: [{ path: [], code: "missing_record", message: "no record at this index (a hole)" }],
      });
      continue;
    }
    const forbidden = forbiddenKeys(record);
    if (forbidden !== undefined) {
      rejected.push({ index, issues: forbidden });
      continue;
    }
    let parsed = schema.safeParse(record);
    let removed: (string | number)[][] | undefined;
    if (!parsed.success && strip) {
      removed = unknownKeyPaths(parsed.error.issues);
      if (removed.length > 0) parsed = schema.safeParse(withoutPaths(record, removed));
    }
    if (parsed.success) {
      valid.push(parsed.data);
      validIndex.push(index);
      if (removed !== undefined && removed.length > 0) stripped.push({ index, keys: removed });
    } else {
      rejected.push({
        index,
        issues: parsed.error.issues.map((issue) => describeIssue(issue, record)),
      });
    }
  }
  return { valid, validIndex, rejected, stripped };
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
export function parseCustomers(input: unknown, options: ParseOptions = {}): ParseResult<Customer> {
  return guarded("parseCustomers", () => {
    return parseWith<Customer>(CustomerSchema, input, options, "parseCustomers");
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
export function parsePurchases(input: unknown, options: ParseOptions = {}): ParseResult<Purchase> {
  return guarded("parsePurchases", () => {
    return parseWith<Purchase>(PurchaseSchema, input, options, "parsePurchases");
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
export function parseSurveyResponses(
  input: unknown,
  options: SurveyResponseParseOptions = {},
): ParseResult<SurveyResponse> {
  return guarded("parseSurveyResponses", () => {
    const fn = "parseSurveyResponses";
    const scales = readOptions(options, ["unknownKeys", "scales"], fn).scales;
    const schema = scales === undefined ? SurveyResponseSchema : surveyResponseSchemaAs(scales, fn);
    return parseWith<SurveyResponse>(schema, input, options, fn, ["scales"]);
  });
}
