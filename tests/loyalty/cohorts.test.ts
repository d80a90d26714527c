// Cohort retention and purchase behaviour from purchase records: their laws, against a
// brute-force count of the same records.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cohortRetention } from "../../src/loyalty/cohorts.js";
import { purchaseBehaviour } from "../../src/loyalty/purchase-behaviour.js";
import { codeOf } from "../codes.js";
import { expectClose } from "../helpers.js";

const purchase = fc.record({
  customerId: fc.constantFrom("a", "b", "c", "d", "e", "f"),
  date: fc
    .date({ min: new Date("2022-01-01"), max: new Date("2024-12-31"), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  amount: fc.integer({ min: 0, max: 500 }),
  outcome: fc.constantFrom(undefined, "completed" as const, "returned" as const),
});
const purchases = fc.array(purchase, { minLength: 1, maxLength: 60 });
const periodOf = (date: string, period: "month" | "quarter" | "year") => {
  const [y, m] = date.split("-").map(Number) as [number, number];
  return period === "year"
    ? y
    : period === "quarter"
      ? y * 4 + Math.floor((m - 1) / 3)
      : y * 12 + m - 1;
};

describe("cohortRetention", () => {
  it("puts each customer in one cohort, with shares in [0, 1] and 1 in the first period", () => {
    fc.assert(
      fc.property(
        purchases,
        fc.constantFrom("month" as const, "quarter" as const, "year" as const),
        (rows, period) => {
          const completed = rows.filter((p) => p.outcome !== "returned");
          const table = cohortRetention(rows, { period });
          expect(table.notCompleted).toBe(rows.length - completed.length);
          expect(table.cohorts.reduce((s, c) => s + c.customers, 0)).toBe(
            new Set(completed.map((p) => p.customerId)).size,
          );
          // Brute force: each customer's first period, then who of a cohort bought k periods later.
          const first = new Map<string, number>();
          for (const p of completed) {
            const o = periodOf(p.date, period);
            first.set(p.customerId, Math.min(first.get(p.customerId) ?? o, o));
          }
          const origin = Math.min(...first.values());
          for (const c of table.cohorts) {
            expect(c.retention[0]).toBe(1);
            for (const share of c.retention) expect(share >= 0 && share <= 1).toBe(true);
            const start = table.periods.indexOf(c.cohort);
            const members = [...first].filter(([, o]) => o === origin + start).map(([id]) => id);
            expect(c.customers).toBe(members.length);
            expect(c.active.length).toBe(table.periods.length - start);
            c.active.forEach((count, k) => {
              const bought = members.filter((id) =>
                completed.some(
                  (p) => p.customerId === id && periodOf(p.date, period) === origin + start + k,
                ),
              );
              expect(count).toBe(bought.length);
            });
          }
        },
      ),
    );
  });

  it("runs to asOf's period, and refuses a purchase after it", () => {
    const rows = [
      { customerId: "a", date: "2024-01-31" },
      { customerId: "a", date: "2024-03-01" },
    ];
    const table = cohortRetention(rows, { period: "quarter", asOf: "2024-06-30" });
    expect(table.periods).toEqual(["2024-Q1", "2024-Q2"]);
    expect(table.asOf).toBe("2024-06-30");
    // Two quarters of silence after the log: refused, unless allowed.
    expect(() => cohortRetention(rows, { period: "quarter", asOf: "2024-09-30" })).toThrow(
      "cohortRetention: asOf 2024-09-30 is 213 days after the last purchase (2024-03-01), more than one quarter",
    );
    const allowed = cohortRetention(rows, {
      period: "quarter",
      asOf: "2024-09-30",
      allowFutureAsOf: true,
    });
    expect(allowed.periods).toEqual(["2024-Q1", "2024-Q2", "2024-Q3"]);
    expect(codeOf(() => cohortRetention(rows, { period: "month", asOf: "2099-01-01" }))).toBe(
      "INVALID_PERIOD",
    );
    expect(cohortRetention(rows, { period: "month" }).asOf).toBe("2024-03-01");
    expect(allowed.cohorts).toEqual([
      { cohort: "2024-Q1", customers: 1, active: [1, 0, 0], retention: [1, 0, 0] },
    ]);
    expect(cohortRetention(rows, { period: "year" }).periods).toEqual(["2024"]);
    expect(codeOf(() => cohortRetention(rows, { asOf: "2024-02-01" }))).toBe("INVALID_PERIOD");
    expect(codeOf(() => cohortRetention(rows, { period: "week" as never }))).toBe("INVALID_OPTION");
    expect(codeOf(() => cohortRetention(rows, { asOf: "2024-02-30" }))).toBe("INVALID_OPTION");
    expect(codeOf(() => cohortRetention([{ customerId: "a", date: "2024-02-30" }]))).toBe(
      "INVALID_INPUT",
    );
    expect(codeOf(() => cohortRetention([{ customerId: "", date: "2024-02-01" }]))).toBe(
      "INVALID_INPUT",
    );
    expect(codeOf(() => cohortRetention({} as never))).toBe("INVALID_INPUT");
    // A misspelt outcome is an error, not a purchase quietly left out.
    expect(() =>
      cohortRetention([{ customerId: "a", date: "2024-02-01", outcome: "Completed" as never }]),
    ).toThrow(
      /purchases\[0\]\.outcome must be "completed", "cancelled" or "returned"; got "Completed"/,
    );
    expect(cohortRetention([])).toEqual({
      period: "month",
      periods: [],
      cohorts: [],
      notCompleted: 0,
    });
  });
});

describe("purchaseBehaviour", () => {
  it("counts customers, orders and repeat customers as a brute force does", () => {
    fc.assert(
      fc.property(purchases, (rows) => {
        const completed = rows.filter((p) => p.outcome !== "returned");
        fc.pre(completed.length > 0);
        const b = purchaseBehaviour(rows);
        const byRow = purchaseBehaviour(rows, { countBy: "row" });
        const days = new Map<string, Set<string>>();
        const records = new Map<string, number>();
        for (const p of completed) {
          days.set(p.customerId, (days.get(p.customerId) ?? new Set()).add(p.date));
          records.set(p.customerId, (records.get(p.customerId) ?? 0) + 1);
        }
        expect(b.customers).toBe(days.size);
        expect(b.orders).toBe([...days.values()].reduce((n, d) => n + d.size, 0));
        expect([b.rows, byRow.orders, byRow.rows]).toEqual(Array(3).fill(completed.length));
        expect(b.repeatCustomers).toBe([...days.values()].filter((d) => d.size > 1).length);
        expect(byRow.repeatCustomers).toBe([...records.values()].filter((n) => n > 1).length);
        expect([b.countBy, byRow.countBy]).toEqual(["day", "row"]);
        expect(byRow.revenue).toBe(b.revenue);
        expect(b.repeatRate).toBe(b.repeatCustomers / b.customers);
        expect(b.interval.lower <= b.repeatRate && b.repeatRate <= b.interval.upper).toBe(true);
        expectClose(b.averageOrderValue * b.orders, b.revenue, 1e-12, 1e-9);
        expect(b.frequency).toBeGreaterThanOrEqual(1);
      }),
    );
  });

  it("refuses an empty set of orders and bad amounts", () => {
    expect(
      codeOf(() =>
        purchaseBehaviour([{ customerId: "a", date: "2024-01-01", outcome: "cancelled" }]),
      ),
    ).toBe("EMPTY_SAMPLE");
    expect(
      codeOf(() => purchaseBehaviour([{ customerId: "a", date: "2024-01-01", amount: -1 }])),
    ).toBe("NEGATIVE_AMOUNT");
    expect(
      codeOf(() =>
        purchaseBehaviour([
          { customerId: "a", date: "2024-01-01", amount: 1e308 },
          { customerId: "a", date: "2024-01-01", amount: 1e308 },
        ]),
      ),
    ).toBe("NON_FINITE");
    expect(
      codeOf(() =>
        purchaseBehaviour([{ customerId: "a", date: "2024-01-01" }], {
          interval: "exact" as never,
        }),
      ),
    ).toBe("INVALID_OPTION");
  });
});
