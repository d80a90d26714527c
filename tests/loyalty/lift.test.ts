// The existing-versus-new lifts against scipy's own functions, and their laws.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { existingCustomerLift } from "../../src/loyalty/existing-customers.js";
import { spendLift, trialLift } from "../../src/loyalty/lift.js";
import { codeOf } from "../codes.js";
import { expectClose } from "../helpers.js";

interface TrialRow {
  existing: [number, number];
  newcomers: [number, number];
  level: number;
  ratio: number;
  interval: [number, number];
}
interface SpendRow {
  existing: number[];
  newcomers: number[];
  level: number;
  ratio: number;
  interval: [number, number];
  df: number;
  pValue: number;
}
const scipy = JSON.parse(
  readFileSync(new URL("../fixtures/lifts-scipy.json", import.meta.url), "utf8"),
) as { trial: TrialRow[]; spend: SpendRow[] };

describe("trialLift", () => {
  it("equals scipy's relative_risk and its Katz log interval", () => {
    for (const row of scipy.trial) {
      const [x1, n1] = row.existing;
      const [x2, n2] = row.newcomers;
      const lift = trialLift(
        { tried: x1, customers: n1 },
        { tried: x2, customers: n2 },
        { level: row.level },
      );
      expectClose(lift.ratio, row.ratio, 1e-14);
      expectClose(lift.interval.lower, row.interval[0], 1e-12);
      expectClose(lift.interval.upper, row.interval[1], 1e-12);
      expect(lift.interval.method).toBe("katz-log");
    }
  });

  it("is significant exactly when its interval leaves out 1, and swaps to the reciprocal", () => {
    const group = fc
      .tuple(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 0, max: 5000 }))
      .map(([tried, more]) => ({ tried, customers: tried + more }));
    fc.assert(
      fc.property(group, group, fc.double({ min: 0.5, max: 0.999, noNaN: true }), (a, b, level) => {
        const lift = trialLift(a, b, { level });
        const { lower, upper } = lift.interval;
        expect(lower).toBeLessThanOrEqual(lift.ratio * (1 + 1e-12));
        expect(upper).toBeGreaterThanOrEqual(lift.ratio * (1 - 1e-12));
        // Away from the boundary (where rounding decides), the test and the interval agree.
        if (lower > 1 + 1e-9 || upper < 1 - 1e-9) expect(lift.significant).toBe(true);
        if (lower < 1 - 1e-9 && upper > 1 + 1e-9) expect(lift.significant).toBe(false);
        const back = trialLift(b, a, { level });
        expectClose(back.ratio, 1 / lift.ratio, 1e-12);
        expectClose(back.interval.lower, 1 / upper, 1e-10);
        // Far in the tail (z near 30) a last-place difference in z moves p by ~z² ulps.
        expectClose(back.pValue, lift.pValue, 1e-6, 1e-300);
      }),
    );
  });

  it("refuses counts that cannot be, and groups where no one tried", () => {
    expect(codeOf(() => trialLift({ tried: 5, customers: 4 }, { tried: 1, customers: 2 }))).toBe(
      "INVALID_COUNT",
    );
    expect(codeOf(() => trialLift({ tried: 1, customers: 0 }, { tried: 1, customers: 2 }))).toBe(
      "INVALID_COUNT",
    );
    expect(codeOf(() => trialLift({ tried: -1, customers: 4 }, { tried: 1, customers: 2 }))).toBe(
      "INVALID_COUNT",
    );
    expect(codeOf(() => trialLift({ tried: 0, customers: 4 }, { tried: 1, customers: 2 }))).toBe(
      "EMPTY_SAMPLE",
    );
    expect(codeOf(() => trialLift({ tried: 2, customers: 4 }, { tried: 0, customers: 2 }))).toBe(
      "EMPTY_SAMPLE",
    );
    expect(
      codeOf(() => trialLift({ tried: 2, customers: 4 }, { tried: 1, customers: 2 }, { level: 1 })),
    ).toBe("INVALID_LEVEL");
    expect(trialLift({ tried: 2n, customers: 4n }, { tried: 1n, customers: 2n }).ratio).toBe(1);
    // Everyone tried in both groups: no spread, the ratio 1 exactly and no evidence against it.
    const all = trialLift({ tried: 4, customers: 4 }, { tried: 2, customers: 2 });
    expect([all.ratio, all.interval.lower, all.interval.upper, all.pValue]).toEqual([1, 1, 1, 1]);
  });
});

describe("spendLift", () => {
  it("equals Welch's t-test on the logs in scipy, back-transformed", () => {
    for (const row of scipy.spend) {
      const lift = spendLift(row.existing, row.newcomers, { level: row.level });
      expectClose(lift.ratio, row.ratio, 1e-12);
      expectClose(lift.interval.lower, row.interval[0], 1e-10);
      expectClose(lift.interval.upper, row.interval[1], 1e-10);
      expectClose(lift.degreesOfFreedom, row.df, 1e-10);
      expectClose(lift.pValue, row.pValue, 1e-9);
    }
  });

  it("does not depend on the currency, and reverses when the groups swap", () => {
    const spends = fc.array(fc.double({ min: 0.01, max: 1e6, noNaN: true }), {
      minLength: 2,
      maxLength: 30,
    });
    fc.assert(
      fc.property(
        spends,
        spends,
        fc.double({ min: 0.001, max: 1000, noNaN: true }),
        (a, b, rate) => {
          fc.pre(new Set([...a, ...b]).size > 2);
          const lift = spendLift(a, b);
          const converted = spendLift(
            a.map((v) => v * rate),
            b.map((v) => v * rate),
          );
          expectClose(converted.ratio, lift.ratio, 1e-9);
          expectClose(converted.interval.upper, lift.interval.upper, 1e-9);
          const back = spendLift(b, a);
          expectClose(back.ratio, 1 / lift.ratio, 1e-12);
          expectClose(back.interval.lower, 1 / lift.interval.upper, 1e-9);
        },
      ),
    );
  });

  it("refuses spends that have no log, groups too small and groups without spread", () => {
    expect(codeOf(() => spendLift([1, 0], [2, 3]))).toBe("INVALID_INPUT");
    expect(codeOf(() => spendLift([1, -2], [2, 3]))).toBe("NEGATIVE_AMOUNT");
    expect(codeOf(() => spendLift([1, Number.NaN], [2, 3]))).toBe("INVALID_INPUT");
    expect(codeOf(() => spendLift([1], [2, 3]))).toBe("EMPTY_SAMPLE");
    // Past the largest double, the ratio or its upper bound is refused, never Infinity.
    expect(() => spendLift([3, 1e308, 1.7e308], [11, 5e-324, 7])).toThrow(
      /^spendLift: the ratio is past the largest number \(e\^7[0-9.]+\)/,
    );
    expect(() => spendLift([1e-300, 1e300], [1, 2])).toThrow(
      /^spendLift: the upper bound of the ratio is past the largest number/,
    );
    expect(codeOf(() => spendLift([2, 2], [3, 3]))).toBe("EMPTY_SAMPLE");
    expect(codeOf(() => spendLift("12" as never, [3, 3]))).toBe("INVALID_INPUT");
    expect(() => spendLift([1, 0], [2, 3])).toThrow(/existing\[1\] must be a finite spend > 0/);
  });
});

describe("existingCustomerLift", () => {
  const purchases = [
    { customerId: "e1", date: "2024-01-03", amount: 40 },
    { customerId: "e2", date: "2024-02-10", amount: 20 },
    { customerId: "e3", date: "2024-02-11", amount: 20 },
    { customerId: "e1", date: "2024-05-03", amount: 120, items: ["new"] },
    { customerId: "e1", date: "2024-05-20", amount: 30, items: ["old"] },
    { customerId: "e2", date: "2024-06-01", amount: 90, items: ["old", "new"] },
    { customerId: "e3", date: "2024-06-02", amount: 0, items: ["old"] },
    { customerId: "n1", date: "2024-05-09", amount: 80, items: ["new"] },
    { customerId: "n2", date: "2024-05-10", amount: 60, items: ["old"] },
    {
      customerId: "n3",
      date: "2024-06-10",
      amount: 50,
      items: ["old"],
      outcome: "returned" as const,
    },
    { customerId: "n4", date: "2024-06-12", amount: 70, items: ["old"] },
  ];

  it("splits buyers in the window by their first purchase, and counts what it leaves out", () => {
    const lift = existingCustomerLift(purchases, { since: "2024-04-01", newProducts: ["new"] });
    expect(lift.existing).toEqual({ customers: 3, tried: 2, spends: [150, 90], noSpend: 1 });
    expect(lift.newcomers).toEqual({ customers: 3, tried: 1, spends: [80, 60, 70], noSpend: 0 });
    expect(lift.notCompleted).toBe(1);
    expect(lift.trial.ratio).toBe(2);
    expect(lift.trial).toEqual(trialLift({ tried: 2, customers: 3 }, { tried: 1, customers: 3 }));
    expect(lift.spend).toEqual(spendLift([150, 90], [80, 60, 70]));
  });

  it("names itself in errors from the lifts, and refuses a window it cannot read", () => {
    expect(() =>
      existingCustomerLift(purchases, { since: "2024-04-01", newProducts: ["none-such"] }),
    ).toThrow(/^existingCustomerLift: no one among the existing tried/);
    expect(
      codeOf(() => existingCustomerLift(purchases, { since: "2024-13-01", newProducts: ["new"] })),
    ).toBe("INVALID_OPTION");
    expect(
      codeOf(() => existingCustomerLift(purchases, { since: "2024-04-01", newProducts: [] })),
    ).toBe("INVALID_OPTION");
    expect(
      codeOf(() =>
        existingCustomerLift(purchases, {
          since: "2024-04-01",
          asOf: "2024-03-01",
          newProducts: ["new"],
        }),
      ),
    ).toBe("INVALID_OPTION");
    expect(
      codeOf(() =>
        existingCustomerLift(purchases, {
          since: "2024-04-01",
          asOf: "2024-06-01",
          newProducts: ["new"],
        }),
      ),
    ).toBe("INVALID_PERIOD");
    expect(
      codeOf(() =>
        existingCustomerLift(purchases, {
          since: "2025-01-01",
          asOf: "2025-01-01",
          newProducts: ["new"],
        }),
      ),
    ).toBe("EMPTY_SAMPLE");
    expect(
      codeOf(() =>
        existingCustomerLift([{ customerId: "a", date: "2024-01-01", items: "new" as never }], {
          since: "2024-01-01",
          newProducts: ["new"],
        }),
      ),
    ).toBe("INVALID_INPUT");
    // A hole among the items is not a product name (every would pass over it).
    // biome-ignore lint/suspicious/noSparseArray: the hole is the point
    const items = ["new", , "old"] as string[];
    expect(() =>
      existingCustomerLift([{ customerId: "a", date: "2024-01-01", items }], {
        since: "2024-01-01",
        newProducts: ["new"],
      }),
    ).toThrow(/purchases\[0\]\.items must be an array of product names/);
  });
});
