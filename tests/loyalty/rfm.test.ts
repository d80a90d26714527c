// RFM scores: in range, monotone in their inputs, ties together, independent of input order.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rfmScores } from "../../src/loyalty/rfm.js";
import { codeOf } from "../codes.js";

const customer = fc.record({
  customerId: fc.string({ maxLength: 3 }),
  recency: fc.integer({ min: 0, max: 400 }),
  frequency: fc.integer({ min: 0, max: 30 }),
  monetary: fc.integer({ min: 0, max: 2000 }),
});

describe("rfmScores", () => {
  it("are in 1…bins, monotone in each measure, and equal for ties", () => {
    fc.assert(
      fc.property(
        fc.array(customer, { minLength: 1, maxLength: 50 }),
        fc.integer({ min: 2, max: 10 }),
        (rows, bins) => {
          const scored = rfmScores(rows, { bins });
          scored.forEach((s) => {
            for (const v of [s.recency, s.frequency, s.monetary]) {
              expect(v).toBeGreaterThanOrEqual(1);
              expect(v).toBeLessThanOrEqual(bins);
            }
          });
          for (let i = 0; i < rows.length; i++) {
            for (let j = 0; j < rows.length; j++) {
              const [a, b] = [rows[i], rows[j]] as [(typeof rows)[0], (typeof rows)[0]];
              const [sa, sb] = [scored[i], scored[j]] as [(typeof scored)[0], (typeof scored)[0]];
              if (a.frequency <= b.frequency)
                expect(sa.frequency).toBeLessThanOrEqual(sb.frequency);
              if (a.monetary === b.monetary) expect(sa.monetary).toBe(sb.monetary);
              if (a.recency >= b.recency) expect(sa.recency).toBeLessThanOrEqual(sb.recency);
            }
          }
        },
      ),
    );
  });

  it("do not depend on the order of the customers", () => {
    fc.assert(
      fc.property(fc.array(customer, { minLength: 1, maxLength: 40 }), (rows) => {
        const forward = rfmScores(rows);
        const backward = rfmScores([...rows].reverse()).reverse();
        expect(backward).toEqual(forward);
      }),
    );
  });

  it("put the best fifth in 5 and the worst in 1", () => {
    const rows = Array.from({ length: 10 }, (_, i) => ({
      customerId: `c${i}`,
      recency: i,
      frequency: i,
      monetary: i,
    }));
    const scored = rfmScores(rows);
    expect(scored.map((s) => s.frequency)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect(scored.map((s) => s.recency)).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
    expect(codeOf(() => rfmScores([]))).toBe("EMPTY_SAMPLE");
    expect(codeOf(() => rfmScores(rows, { bins: 1 }))).toBe("INVALID_OPTION");
    expect(
      codeOf(() => rfmScores([{ customerId: "x", recency: -1, frequency: 0, monetary: 0 }])),
    ).toBe("INVALID_INPUT");
    // A hole is a customer without measures (map would pass over it and leave a hole).
    // biome-ignore lint/suspicious/noSparseArray: the hole is the point
    const holed = [rows[0], , rows[1]] as never;
    expect(() => rfmScores(holed)).toThrow(/^rfmScores: customers\[1\] must have recency/);
  });
});
