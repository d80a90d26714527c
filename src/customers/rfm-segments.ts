/**
 * The named RFM segments as segment rules, and the join that puts RFM scores on customers so
 * that `segmentCustomers` can run them.
 *
 * @module
 */

import { describeValue, guarded, MetricError } from "../errors/metric-error.js";
import type { RfmScore } from "../loyalty/rfm.js";
import { RFM_GRID } from "../loyalty/rfm-segment.js";
import type { Customer } from "./customer.js";
import type { Segment, SegmentRule } from "./segment-rule.js";

/** recency in [r₀, r₁] and frequency in [f₀, f₁] (scores on 1–5). */
function grid(r: readonly [number, number], f: readonly [number, number]): SegmentRule {
  return {
    op: "all",
    rules: [
      { op: "range", field: "attributes.custom.rfmRecency", min: r[0], max: r[1] },
      { op: "range", field: "attributes.custom.rfmFrequency", min: f[0], max: f[1] },
    ],
  };
}

/**
 * The commonly used named RFM segments on the recency × frequency grid of 1–5 scores (the map
 * that practitioners' RFM guides share; it has no single academic source), as segment
 * definitions for {@link defineSegments} — the grid of {@link rfmSegment}, as rules. They are ordered so that `segmentCustomers` in its
 * default `"exclusive"` mode (first match wins) puts every scored customer in exactly one:
 * champions (R 4–5, F 4–5), can't lose them (R 1, F 4–5), at risk (R 1–2, F 3–5), loyal
 * (R 3, F 3–5), potential loyalists (R 3–5, F 2–3), new (R 5, F 1), promising (R 4, F 1),
 * need attention (R 3, F 1), about to sleep (R 2, F 1–2), hibernating (R 1, F 2), lost (R 1, F 1).
 * The scores come from {@link rfmScores} with `bins: 5`, attached by {@link withRfmScores}.
 *
 * @example
 * ```ts
 * import { defineSegments, RFM_SEGMENTS, segmentCustomers, withRfmScores } from "customer-metrics";
 * const base = { kind: "person", type: "consumer", relationship: "direct", side: "external", status: "current" } as const;
 * const customers = withRfmScores(
 *   [{ ...base, id: "a" }, { ...base, id: "b" }],
 *   [{ customerId: "a", recency: 5, frequency: 5, monetary: 4 }, { customerId: "b", recency: 1, frequency: 1, monetary: 1 }],
 * );
 * const report = segmentCustomers(customers, defineSegments(RFM_SEGMENTS), { minSize: 1 });
 * report.segments.filter((s) => s.size > 0).map((s) => s.id); // => ["champions", "lost"]
 * ```
 *
 * @category Customers
 */
export const RFM_SEGMENTS: readonly Segment[] = /*@__PURE__*/ RFM_GRID.map((cell) => ({
  id: cell.id,
  name: cell.name,
  description: cell.description,
  rule: grid(cell.recency, cell.frequency),
}));

/**
 * Customers with their RFM scores as custom attributes (`attributes.custom.rfmRecency`,
 * `rfmFrequency`, `rfmMonetary`), joined by id, so that the {@link RFM_SEGMENTS} rules can be
 * run by {@link segmentCustomers}. The customers are copied, never changed; a customer without a
 * score is returned as it was (and falls in no RFM segment).
 *
 * @param customers - the customers
 * @param scores - their scores ({@link rfmScores}), one per customer id
 * @returns new customer objects, in the input's order
 * @throws {@link MetricError} `INVALID_INPUT` for a score without a customer id, given twice for
 *   one id, or not a whole number from 1 to 10, for a customer that is not a record with an id
 *   (naming it), or for arguments that are not arrays.
 *
 * @category Customers
 */
export function withRfmScores(
  customers: readonly Customer[],
  scores: readonly RfmScore[],
): Customer[] {
  return guarded("withRfmScores", () => {
    const fn = "withRfmScores";
    if (!Array.isArray(customers) || !Array.isArray(scores)) {
      throw new MetricError("INVALID_INPUT", "customers and scores must be arrays", { fn });
    }
    const byId = new Map<string, RfmScore>();
    scores.forEach((s, i) => {
      const id = (s as Partial<RfmScore> | null)?.customerId;
      if (typeof id !== "string" || byId.has(id)) {
        throw new MetricError(
          "INVALID_INPUT",
          `scores[${i}] ${typeof id !== "string" ? "has no customerId" : `repeats the customer ${describeValue(id)}`}`,
          { fn, index: i, value: s },
        );
      }
      for (const measure of ["recency", "frequency", "monetary"] as const) {
        const v = (s as Partial<RfmScore>)[measure];
        if (typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > 10) {
          throw new MetricError(
            "INVALID_INPUT",
            `scores[${i}].${measure} must be a score from 1 to 10 (as rfmScores gives); got ${describeValue(v)}`,
            { fn, index: i, value: v, field: measure },
          );
        }
      }
      byId.set(id, s);
    });
    // A plain loop: a hole or a non-record is refused with its position, never passed on.
    const out: Customer[] = [];
    for (let i = 0; i < customers.length; i++) {
      const c = customers[i] as Customer | undefined;
      if (typeof c !== "object" || c === null || typeof c.id !== "string") {
        throw new MetricError(
          "INVALID_INPUT",
          `customers[${i}] must be a customer with an id; got ${describeValue(c)}`,
          {
            fn,
            index: i,
            value: c,
          },
        );
      }
      const s = byId.get(c.id);
      out.push(
        s === undefined
          ? c
          : {
              ...c,
              attributes: {
                ...c.attributes,
                custom: {
                  ...c.attributes?.custom,
                  rfmRecency: s.recency,
                  rfmFrequency: s.frequency,
                  rfmMonetary: s.monetary,
                },
              },
            },
      );
    }
    return out;
  });
}
