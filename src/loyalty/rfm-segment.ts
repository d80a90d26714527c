/**
 * The commonly used named RFM segments, as cells of the recency × frequency grid of 1–5 scores:
 * one table, from which both {@link rfmSegment} and the segment rules of the customers area are
 * made.
 *
 * @module
 */

import { describeValue, guarded, MetricError } from "../errors/metric-error.js";
import type { RfmScore } from "./rfm.js";

/**
 * The id of a named RFM segment.
 *
 * @category Loyalty
 */
export type RfmSegmentId =
  | "champions"
  | "cant-lose-them"
  | "at-risk"
  | "loyal"
  | "potential-loyalists"
  | "new"
  | "promising"
  | "need-attention"
  | "about-to-sleep"
  | "hibernating"
  | "lost";

/** A named segment: its recency and frequency score ranges, inclusive. @internal */
export interface RfmSegmentCell {
  readonly id: RfmSegmentId;
  readonly name: string;
  readonly description: string;
  readonly recency: readonly [number, number];
  readonly frequency: readonly [number, number];
}

/**
 * The grid, in the order that makes first-match-wins a partition of the 25 cells. It is the map
 * that practitioners' RFM guides share; it has no single academic source. @internal
 */
export const RFM_GRID: readonly RfmSegmentCell[] = [
  {
    id: "champions",
    name: "Champions",
    description: "Bought recently, buy often.",
    recency: [4, 5],
    frequency: [4, 5],
  },
  {
    id: "cant-lose-them",
    name: "Can't lose them",
    description: "Bought often, long ago.",
    recency: [1, 1],
    frequency: [4, 5],
  },
  {
    id: "at-risk",
    name: "At risk",
    description: "Bought often, not lately.",
    recency: [1, 2],
    frequency: [3, 5],
  },
  {
    id: "loyal",
    name: "Loyal",
    description: "Buy often, fairly recently.",
    recency: [3, 3],
    frequency: [3, 5],
  },
  {
    id: "potential-loyalists",
    name: "Potential loyalists",
    description: "Recent, a few purchases.",
    recency: [3, 5],
    frequency: [2, 3],
  },
  {
    id: "new",
    name: "New customers",
    description: "The most recent, one purchase.",
    recency: [5, 5],
    frequency: [1, 1],
  },
  {
    id: "promising",
    name: "Promising",
    description: "Recent, one purchase.",
    recency: [4, 4],
    frequency: [1, 1],
  },
  {
    id: "need-attention",
    name: "Need attention",
    description: "Middling recency, one purchase.",
    recency: [3, 3],
    frequency: [1, 1],
  },
  {
    id: "about-to-sleep",
    name: "About to sleep",
    description: "Fading, few purchases.",
    recency: [2, 2],
    frequency: [1, 2],
  },
  {
    id: "hibernating",
    name: "Hibernating",
    description: "Long ago, a couple of purchases.",
    recency: [1, 1],
    frequency: [2, 2],
  },
  {
    id: "lost",
    name: "Lost",
    description: "Long ago, one purchase.",
    recency: [1, 1],
    frequency: [1, 1],
  },
];

const within = (v: number, [lo, hi]: readonly [number, number]) => v >= lo && v <= hi;

/**
 * The named RFM segment of a customer's scores on 1–5 ({@link rfmScores} with `bins: 5`): the
 * first cell of the recency × frequency grid that holds them — champions (R 4–5, F 4–5), can't
 * lose them (R 1, F 4–5), at risk (R 1–2, F 3–5), loyal (R 3, F 3–5), potential loyalists
 * (R 3–5, F 2–3), new (R 5, F 1), promising (R 4, F 1), need attention (R 3, F 1), about to
 * sleep (R 2, F 1–2), hibernating (R 1, F 2), lost (R 1, F 1). The same grid is `RFM_SEGMENTS`,
 * the segment rules `segmentCustomers` runs; this is the lookup without customer records.
 *
 * @param score - recency and frequency scores from 1 to 5 (monetary is not used by the grid)
 * @returns the segment's id
 * @throws {@link MetricError} `INVALID_INPUT` for a recency or frequency score that is not a
 *   whole number from 1 to 5.
 *
 * @example
 * ```ts
 * import { rfmSegment } from "customer-metrics";
 * rfmSegment({ customerId: "a", recency: 5, frequency: 4, monetary: 3 }); // => "champions"
 * rfmSegment({ customerId: "b", recency: 1, frequency: 1, monetary: 1 }); // => "lost"
 * ```
 *
 * @category Loyalty
 */
export function rfmSegment(score: Pick<RfmScore, "recency" | "frequency">): RfmSegmentId {
  return guarded("rfmSegment", () => {
    const s = score as Partial<RfmScore> | null;
    for (const measure of ["recency", "frequency"] as const) {
      const v = s?.[measure];
      if (typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > 5) {
        throw new MetricError(
          "INVALID_INPUT",
          `${measure} must be a score from 1 to 5 (rfmScores with bins: 5); got ${describeValue(v)}`,
          { fn: "rfmSegment", value: score, field: measure },
        );
      }
    }
    const { recency, frequency } = s as RfmScore;
    const cell = RFM_GRID.find((c) => within(recency, c.recency) && within(frequency, c.frequency));
    return (cell as RfmSegmentCell).id;
  });
}
