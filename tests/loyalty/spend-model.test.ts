// The spend model on a transaction log: fitted on customers with a positive mean repeat spend,
// every other customer named; $0 purchases; messages that name the customer; currency units from
// 1e-9 to 1e12; and the degenerate logs of issue 29, each a model or a coded error, never NaN.

import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitBgNbd } from "../../src/loyalty/bg-nbd.js";
import { expectedLifetimeValue } from "../../src/loyalty/expected-value.js";
import { fitGammaGamma } from "../../src/loyalty/gamma-gamma.js";
import { summarizePurchases } from "../../src/loyalty/purchase-history.js";
import { fitSpendModel } from "../../src/loyalty/spend-model.js";
import { codeOf } from "../codes.js";

/** The 946 CDNOW customers with a repeat purchase: (x, mean repeat spend), from lifetimes. */
const cdnow = readFileSync("tests/fixtures/cdnow-summary.txt", "utf8")
  .split("\n")
  .filter((l) => l.trim() !== "" && !l.startsWith("#"))
  .map((l) => l.split(",").map(Number))
  .filter((f) => f.length > 1)
  .map(([x, , , z]) => ({ frequency: x as number, monetary: z as number }));

const history = (customerId: string, frequency: number, monetary: number) => ({
  customerId,
  frequency,
  recency: frequency === 0 ? 0 : 10,
  age: 20,
  monetary,
});

describe("fitSpendModel", () => {
  it("leaves out customers with no repeat purchase or $0 repeat purchases, named", () => {
    const customers = [
      ...cdnow.map((c, i) => history(`r${i}`, c.frequency, c.monetary)),
      history("free", 2, 0),
      history("once", 0, 0),
    ];
    const fit = fitSpendModel(customers);
    expect(fit.excluded).toEqual({ noRepeatPurchase: ["once"], zeroSpend: ["free"] });
    expect(fit.fitted).toHaveLength(946);
    // The published fit (Fader & Hardie 2013: p 6.25, q 3.74, γ 15.44) is unmoved by the $0 customer.
    expect([fit.model.p, fit.model.q, fit.model.gamma].map((v) => v.toFixed(2))).toEqual([
      "6.25",
      "3.74",
      "15.45",
    ]);
    expect(fit.populationMeanSpend).toBeCloseTo(
      (fit.model.p * fit.model.gamma) / (fit.model.q - 1),
      12,
    );
  });

  it("puts every customer in exactly one of fitted and excluded, or refuses with a code", () => {
    const rows = fc.array(
      fc.record({ frequency: fc.nat({ max: 4 }), monetary: fc.constantFrom(0, 5, 12.5, 40, 90) }),
      { minLength: 1, maxLength: 12 },
    );
    fc.assert(
      fc.property(rows, (generated) => {
        const customers = generated.map((r, i) =>
          history(`c${i}`, r.frequency, r.frequency === 0 ? 0 : r.monetary),
        );
        try {
          const fit = fitSpendModel(customers);
          const all = [...fit.fitted, ...fit.excluded.noRepeatPurchase, ...fit.excluded.zeroSpend];
          expect(all.sort()).toEqual(customers.map((c) => c.customerId).sort());
          expect(fit.model.customers).toBe(fit.fitted.length);
          expect([fit.model.p, fit.model.q, fit.model.gamma].every(Number.isFinite)).toBe(true);
        } catch (error) {
          expect(["EMPTY_SAMPLE", "NO_CONVERGENCE"]).toContain((error as { code: string }).code);
        }
      }),
      // Each fit that does not converge runs the optimiser to its bound: a few runs suffice.
      { numRuns: 15 },
    );
  }, 60_000);

  it("names the customer a bad history belongs to, by its place among all given", () => {
    const customers = [
      history("a", 0, 0),
      history("b", 2, 10),
      history("c", 1, -4),
      history("d", 3, 20),
    ];
    expect(() => fitSpendModel(customers)).toThrow(
      'fitSpendModel: customers[2] (customer "c") monetary must be a mean value ≥ 0',
    );
    expect(codeOf(() => fitSpendModel(customers))).toBe("NEGATIVE_AMOUNT");
    expect(() => fitSpendModel([history("a", 1, 10), history("a", 2, 10)])).toThrow(
      'customers[1] (customer "a") is named twice',
    );
    expect(() =>
      fitGammaGamma([
        { frequency: 1, monetary: 10 },
        { customerId: "z", frequency: 2, monetary: 0 } as never,
      ]),
    ).toThrow(
      'fitGammaGamma: customers[1] (customer "z") monetary must be a finite mean value > 0',
    );
    expect(() =>
      fitBgNbd([{ customerId: "q", frequency: 1, recency: 0, age: 3 } as never]),
    ).toThrow('fitBgNbd: customers[0] (customer "q") recency must be > 0 after a repeat purchase');
  });

  it("fits in any currency unit: amounts of 1e-9 and of 1e12 give the same p and q", () => {
    for (const unit of [1e-9, 1e12]) {
      const m = fitGammaGamma(cdnow.map((c) => ({ ...c, monetary: c.monetary * unit })));
      expect([m.p.toFixed(4), m.q.toFixed(4), (m.gamma / unit).toFixed(4)]).toEqual([
        "6.2488",
        "3.7446",
        "15.4477",
      ]);
    }
  });
});

describe("lifetime value of the customers the spend model leaves out", () => {
  it("reads the population's mean spend for no repeat purchase and for $0 repeat purchases", () => {
    const purchases = {
      r: 0.243,
      alpha: 4.414,
      a: 0.793,
      b: 2.426,
      logLikelihood: 0,
      customers: 2357,
      iterations: 0,
    };
    const spend = { p: 6.25, q: 3.74, gamma: 15.44, logLikelihood: 0, customers: 946 };
    const free = { frequency: 2, recency: 30, age: 38, monetary: 0 };
    const asIfMean = { ...free, monetary: (6.25 * 15.44) / 2.74 };
    // The population mean stands in for the spend: the same as a customer whose own mean is it
    // and whose history no longer pulls it (x → the weight of the mean, not of m̄ₓ).
    const value = expectedLifetimeValue(purchases, spend, free);
    expect(Number.isFinite(value) && value > 0).toBe(true);
    const perPurchase = value / expectedLifetimeValue(purchases, { ...spend }, { ...asIfMean });
    expect(perPurchase).toBeCloseTo(1, 12);
  });
});

describe("degenerate logs: a model or a coded error, never NaN", () => {
  const day = (k: number) =>
    new Date(Date.UTC(2024, 0, 1) + k * 86_400_000).toISOString().slice(0, 10);
  const run = (log: { customerId: string; date: string; amount: number }[]) => {
    const last = log.reduce((m, p) => (p.date > m ? p.date : m), "");
    const { customers } = summarizePurchases(log, { asOf: last });
    const outcome = (f: () => unknown) => {
      try {
        const value = f();
        expect(JSON.stringify(value)).not.toMatch(/null|NaN|Infinity/);
        return "fitted";
      } catch (error) {
        return (error as { code: string }).code;
      }
    };
    return [outcome(() => fitBgNbd(customers)), outcome(() => fitSpendModel(customers).model)];
  };

  it("one customer", () => {
    const log = [0, 10, 25].map((k) => ({ customerId: "a", date: day(k), amount: 10 + k }));
    expect(run(log)).toEqual(["NO_CONVERGENCE", "NO_CONVERGENCE"]);
  });

  it("everyone with one purchase", () => {
    const log = Array.from({ length: 50 }, (_, i) => ({
      customerId: `c${i}`,
      date: day(i % 20),
      amount: 10,
    }));
    expect(run(log)).toEqual(["EMPTY_SAMPLE", "EMPTY_SAMPLE"]);
  });

  it("a customer with 10,000 purchase days among ordinary ones", () => {
    const heavy = Array.from({ length: 10_000 }, (_, k) => ({
      customerId: "h",
      date: day(k),
      amount: 12,
    }));
    const others = Array.from({ length: 60 }, (_, i) => ({
      customerId: `c${i % 30}`,
      date: day((i % 30) * 300 + (i < 30 ? 0 : 50)),
      amount: 5 + (i % 30),
    }));
    expect(run([...heavy, ...others])).toEqual(["fitted", "fitted"]);
  });

  it("amounts of 1e-9 and of 1e12", () => {
    for (const unit of [1e-9, 1e12]) {
      const log = readFileSync("tests/fixtures/cdnow-elog.csv", "utf8")
        .trim()
        .split("\n")
        .slice(1, 1500)
        .map((line) => {
          const [, id, d, , sales] = line.split(",") as [string, string, string, string, string];
          return {
            customerId: id,
            date: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}`,
            amount: Number(sales) * unit,
          };
        });
      expect(run(log)).toEqual(["fitted", "fitted"]);
    }
  });
});
