// The named RFM segments: every cell of the 5 × 5 recency × frequency grid falls in exactly one
// under segmentCustomers' exclusive mode, and the scores reach the customers by id.
import { describe, expect, it } from "vitest";
import type { Customer } from "../../src/customers/customer.js";
import { RFM_SEGMENTS, withRfmScores } from "../../src/customers/rfm-segments.js";
import { defineSegments } from "../../src/customers/segment.js";
import { segmentCustomers } from "../../src/customers/segmentation.js";
import { rfmScores } from "../../src/loyalty/rfm.js";
import { rfmSegment } from "../../src/loyalty/rfm-segment.js";
import { codeOf } from "../codes.js";

const base = {
  kind: "person",
  type: "consumer",
  relationship: "direct",
  side: "external",
  status: "current",
} as const;

describe("RFM_SEGMENTS", () => {
  it("partition the grid: each of the 25 (R, F) cells is in exactly one segment, first match", () => {
    const cells = [];
    for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) cells.push({ r, f });
    const customers = withRfmScores(
      cells.map((_, i) => ({ ...base, id: `c${i}` })),
      cells.map(({ r, f }, i) => ({ customerId: `c${i}`, recency: r, frequency: f, monetary: 3 })),
    );
    const report = segmentCustomers(customers, defineSegments(RFM_SEGMENTS), { minSize: 1 });
    expect(report.unassigned.size).toBe(0);
    expect(report.segments.reduce((s, x) => s + x.size, 0)).toBe(25);
    const overlapping = segmentCustomers(customers, defineSegments(RFM_SEGMENTS), {
      mode: "overlapping",
      minSize: 1,
    });
    expect(overlapping.segments.every((s) => s.size > 0)).toBe(true);
    // rfmSegment, the same grid without customer records, puts each cell where the rules do.
    for (const segment of report.segments) {
      for (const index of segment.members) {
        const { r, f } = cells[index] as { r: number; f: number };
        expect(rfmSegment({ recency: r, frequency: f })).toBe(segment.id);
      }
    }
    expect(codeOf(() => rfmSegment({ recency: 6, frequency: 1 }))).toBe("INVALID_INPUT");
    expect(codeOf(() => rfmSegment({ recency: 2.5, frequency: 1 }))).toBe("INVALID_INPUT");
    expect(codeOf(() => rfmSegment(null as never))).toBe("INVALID_INPUT");
  });

  it("run on scores from rfmScores", () => {
    const rows = Array.from({ length: 50 }, (_, i) => ({
      customerId: `c${i}`,
      recency: i,
      frequency: 50 - i,
      monetary: i % 7,
    }));
    const customers = withRfmScores(
      rows.map((r) => ({ ...base, id: r.customerId })),
      rfmScores(rows),
    );
    const report = segmentCustomers(customers, defineSegments(RFM_SEGMENTS), { minSize: 1 });
    // R and F are both 4–5 for the 20 most recent (who are also the most frequent).
    expect(report.segments.find((s) => s.id === "champions")?.size).toBe(20);
    expect(report.unassigned.size).toBe(0);
  });

  it("withRfmScores copies, joins by id, and leaves the unscored as they were", () => {
    const customers: Customer[] = [
      { ...base, id: "a", attributes: { custom: { tier: "gold" } } },
      { ...base, id: "b" },
    ];
    const joined = withRfmScores(customers, [
      { customerId: "a", recency: 5, frequency: 4, monetary: 3 },
    ]);
    expect(joined[0]?.attributes?.custom).toEqual({
      tier: "gold",
      rfmRecency: 5,
      rfmFrequency: 4,
      rfmMonetary: 3,
    });
    expect(joined[1]).toBe(customers[1]);
    expect(customers[0]?.attributes?.custom).toEqual({ tier: "gold" });
    expect(
      codeOf(() =>
        withRfmScores(customers, [
          { customerId: "a", recency: 1, frequency: 1, monetary: 1 },
          { customerId: "a", recency: 1, frequency: 1, monetary: 1 },
        ]),
      ),
    ).toBe("INVALID_INPUT");
    expect(
      codeOf(() =>
        withRfmScores(customers, [{ customerId: "a", recency: 0, frequency: 1, monetary: 1 }]),
      ),
    ).toBe("INVALID_INPUT");
  });
});
