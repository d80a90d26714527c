// Splitting a log at the calibration's end: what each side holds, what is left out and counted,
// and the end dates that are refused.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { calibrationAndHoldout, compareHoldout } from "../../src/loyalty/calibration-holdout.js";
import { codeOf } from "../codes.js";

const day = (k: number) =>
  new Date(Date.UTC(2024, 0, 1) + k * 86_400_000).toISOString().slice(0, 10);

describe("calibrationAndHoldout", () => {
  const log = [
    { customerId: "a", date: day(0), amount: 10 },
    { customerId: "a", date: day(0), amount: 5 },
    { customerId: "a", date: day(14), amount: 20 },
    { customerId: "a", date: day(35), amount: 30 },
    { customerId: "a", date: day(35), amount: 2 },
    { customerId: "b", date: day(3), amount: 8 },
    { customerId: "c", date: day(40), amount: 9 },
    { customerId: "a", date: day(70), amount: 1, outcome: "returned" as const },
  ];

  it("summarises the calibration, counts the holdout, names those who began in it", () => {
    const d = calibrationAndHoldout(log, { calibrationEnd: day(27), observationEnd: day(41) });
    expect(d.customers).toEqual([
      {
        customerId: "a",
        frequency: 1,
        recency: 2,
        age: 27 / 7,
        monetary: 20,
        holdoutPurchases: 1,
        holdoutMonetary: 32,
      },
      {
        customerId: "b",
        frequency: 0,
        recency: 0,
        age: 24 / 7,
        monetary: 0,
        holdoutPurchases: 0,
        holdoutMonetary: 0,
      },
    ]);
    expect([
      d.firstPurchaseInHoldout,
      d.afterObservationEnd,
      d.notCompleted,
      d.holdoutDuration,
    ]).toEqual([["c"], 0, 1, 2]);
    const rows = calibrationAndHoldout(log, {
      calibrationEnd: day(27),
      observationEnd: day(41),
      countBy: "row",
    });
    expect(rows.customers[0]).toMatchObject({ frequency: 2, holdoutPurchases: 2 });
  });

  it("leaves out, and counts, records after the observation's end", () => {
    const d = calibrationAndHoldout(log, { calibrationEnd: day(10), observationEnd: day(20) });
    expect(d.afterObservationEnd).toBe(3);
    expect(d.customers.map((c) => [c.customerId, c.holdoutPurchases])).toEqual([
      ["a", 1],
      ["b", 0],
    ]);
    // By default the observation ends on the last purchase.
    expect(calibrationAndHoldout(log, { calibrationEnd: day(10) }).observationEnd).toBe(day(40));
  });

  it("refuses end dates that cannot hold a holdout, or that lie", () => {
    expect(() =>
      calibrationAndHoldout(log, { calibrationEnd: day(30), observationEnd: day(30) }),
    ).toThrow(/observationEnd 2024-01-31 must be after calibrationEnd 2024-01-31/);
    expect(
      codeOf(() =>
        calibrationAndHoldout(log, { calibrationEnd: day(30), observationEnd: day(90) }),
      ),
    ).toBe("INVALID_PERIOD");
    expect(
      calibrationAndHoldout(log, {
        calibrationEnd: day(30),
        observationEnd: day(90),
        allowFutureAsOf: true,
      }).holdoutDuration,
    ).toBe(60 / 7);
    expect(codeOf(() => calibrationAndHoldout(log, { calibrationEnd: "1997-13-01" }))).toBe(
      "INVALID_OPTION",
    );
    expect(codeOf(() => calibrationAndHoldout(log, { calibrationEnd: day(-5) }))).toBe(
      "EMPTY_SAMPLE",
    );
    expect(
      codeOf(() =>
        calibrationAndHoldout(log, { calibrationEnd: day(5), countBy: "order" as never }),
      ),
    ).toBe("INVALID_OPTION");
  });

  it("keeps every purchase day in exactly one place", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ c: fc.constantFrom("a", "b", "c", "d"), k: fc.nat({ max: 60 }) }), {
          minLength: 1,
          maxLength: 40,
        }),
        fc.nat({ max: 60 }),
        (rows, cut) => {
          const records = rows.map((r) => ({ customerId: r.c, date: day(r.k) }));
          const last = Math.max(...rows.map((r) => r.k));
          let d: ReturnType<typeof calibrationAndHoldout>;
          try {
            d = calibrationAndHoldout(records, {
              calibrationEnd: day(cut),
              observationEnd: day(last + 1),
            });
          } catch (error) {
            expect(["EMPTY_SAMPLE", "INVALID_OPTION"]).toContain((error as { code: string }).code);
            return;
          }
          const ids = new Set(rows.map((r) => r.c));
          expect(d.customers.length + d.firstPurchaseInHoldout.length).toBe(ids.size);
          for (const c of d.customers) {
            const days = new Set(rows.filter((r) => r.c === c.customerId).map((r) => r.k));
            expect(c.frequency + 1 + c.holdoutPurchases).toBe(days.size);
            expect(c.holdoutPurchases).toBe([...days].filter((k) => k > cut).length);
          }
        },
      ),
    );
  });
});

describe("compareHoldout", () => {
  it("refuses what is not a split, and a bad group count", () => {
    const model = {
      r: 0.243,
      alpha: 4.414,
      a: 0.793,
      b: 2.426,
      logLikelihood: 0,
      customers: 1,
      iterations: 0,
    };
    expect(codeOf(() => compareHoldout(model, { customers: [] } as never))).toBe("INVALID_INPUT");
    const d = calibrationAndHoldout(
      [
        { customerId: "a", date: day(0) },
        { customerId: "a", date: day(9) },
      ],
      {
        calibrationEnd: day(3),
      },
    );
    expect(codeOf(() => compareHoldout(model, d, { groups: 0 }))).toBe("INVALID_OPTION");
    expect(compareHoldout(model, d, { groups: 2 }).byFrequency.map((g) => g.frequency)).toEqual([
      "0",
      "1",
      "2+",
    ]);
  });
});
