// From purchase records to model inputs, and the lifetime value built on them.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectedLifetimeValue } from "../../src/loyalty/expected-value.js";
import { summarizePurchases } from "../../src/loyalty/purchase-history.js";
import { codeOf } from "../codes.js";

const cdnow = {
  r: 0.243,
  alpha: 4.414,
  a: 0.793,
  b: 2.426,
  logLikelihood: 0,
  customers: 2357,
  iterations: 0,
};
const spend = { p: 6.25, q: 3.74, gamma: 15.44, logLikelihood: 0, customers: 946 };

describe("summarizePurchases", () => {
  const purchase = fc.record({
    customerId: fc.constantFrom("a", "b", "c"),
    day: fc.integer({ min: 0, max: 364 }),
    amount: fc.double({ min: 0, max: 500, noNaN: true }),
  });
  const iso = (day: number) =>
    new Date(Date.UTC(2024, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);

  it("counts purchase days, not records; recency ≤ age; nothing lost", () => {
    fc.assert(
      fc.property(fc.array(purchase, { maxLength: 60 }), (rows) => {
        const records = rows.map((r) => ({
          customerId: r.customerId,
          date: iso(r.day),
          amount: r.amount,
        }));
        const { customers } = summarizePurchases(records, {
          asOf: "2024-12-31",
          unit: "day",
          allowFutureAsOf: true,
        });
        for (const c of customers) {
          const mine = rows.filter((r) => r.customerId === c.customerId);
          expect(c.frequency).toBe(new Set(mine.map((r) => r.day)).size - 1);
          expect(c.recency).toBeLessThanOrEqual(c.age);
          expect(c.recency).toBe(
            Math.max(...mine.map((r) => r.day)) - Math.min(...mine.map((r) => r.day)),
          );
        }
        expect(customers.length).toBe(new Set(rows.map((r) => r.customerId)).size);
      }),
    );
  });

  it("leaves out cancelled and returned purchases, counted", () => {
    const s = summarizePurchases(
      [
        { customerId: "a", date: "2024-01-01" },
        { customerId: "a", date: "2024-01-08", outcome: "returned" },
        { customerId: "a", date: "2024-01-15", outcome: "completed", amount: 12 },
      ],
      { asOf: "2024-01-22" },
    );
    expect(s.notCompleted).toBe(1);
    expect(s.customers[0]).toEqual({
      customerId: "a",
      frequency: 1,
      recency: 2,
      age: 3,
      monetary: 12,
    });
  });

  it("refuses dates out of order and dates that do not exist", () => {
    expect(
      codeOf(() =>
        summarizePurchases([{ customerId: "a", date: "2024-02-01" }], { asOf: "2024-01-01" }),
      ),
    ).toBe("INVALID_PERIOD");
    expect(
      codeOf(() =>
        summarizePurchases([{ customerId: "a", date: "2024-02-30" }], { asOf: "2024-03-01" }),
      ),
    ).toBe("INVALID_INPUT");
    expect(codeOf(() => summarizePurchases([], { asOf: "soon" }))).toBe("INVALID_OPTION");
    expect(
      codeOf(() =>
        summarizePurchases([{ customerId: "a", date: "2024-01-01", amount: -5 }], {
          asOf: "2024-03-01",
        }),
      ),
    ).toBe("NEGATIVE_AMOUNT");
  });
});

describe("expectedLifetimeValue", () => {
  it("is worth more for a customer seen recently than for one who lapsed, and grows with the horizon", () => {
    const loyal = { frequency: 10, recency: 35, age: 38, monetary: 40 };
    const lapsed = { frequency: 10, recency: 5, age: 38, monetary: 40 };
    expect(expectedLifetimeValue(cdnow, spend, loyal)).toBeGreaterThan(
      expectedLifetimeValue(cdnow, spend, lapsed),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), (n) => {
        const short = expectedLifetimeValue(cdnow, spend, loyal, { periods: n });
        const long = expectedLifetimeValue(cdnow, spend, loyal, { periods: n + 1 });
        expect(long).toBeGreaterThan(short);
      }),
    );
    expect(
      expectedLifetimeValue(cdnow, spend, { frequency: 0, recency: 0, age: 10, monetary: 0 }),
    ).toBeGreaterThan(0);
    expect(codeOf(() => expectedLifetimeValue(cdnow, { ...spend, q: 0.5 }, loyal))).toBe(
      "INVALID_RATE",
    );
    expect(codeOf(() => expectedLifetimeValue(cdnow, spend, loyal, { discountRate: -1 }))).toBe(
      "INVALID_RATE",
    );
  });
});
