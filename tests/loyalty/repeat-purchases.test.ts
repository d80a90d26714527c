// P(X(t) = n) and E[X(t)] of the BG/NBD model for a new customer.
// Reference values: R's BTYD, `bgnbd.pmf(c(0.243, 4.414, 0.793, 2.426), t, x)` — the CDNOW
// parameters of Fader, Hardie & Lee (2005) — as printed in BTYD's manual and recorded in the
// test suite of Python's lifetimes (test_probability_of_n_purchases_up_to_time_same_as_R_BTYD).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  expectedRepeatPurchases,
  repeatPurchaseProbability,
} from "../../src/loyalty/repeat-purchases.js";
import { codeOf } from "../codes.js";
import { expectClose } from "../helpers.js";

const cdnow = {
  r: 0.243,
  alpha: 4.414,
  a: 0.793,
  b: 2.426,
  logLikelihood: 0,
  customers: 2357,
  iterations: 0,
};
const BTYD_PMF_T30_N11_TO_20 = [
  0.0019995214, 0.0015170236, 0.001163315, 0.0009003148, 0.0007023638, 0.0005517902, 0.0004361913,
  0.0003467171, 0.0002769613, 0.000222226,
];

const model = fc.record({
  r: fc.double({ min: 0.05, max: 5, noNaN: true }),
  alpha: fc.double({ min: 0.5, max: 50, noNaN: true }),
  a: fc.oneof(fc.constant(1), fc.double({ min: 0.1, max: 5, noNaN: true })),
  b: fc.double({ min: 0.1, max: 10, noNaN: true }),
  logLikelihood: fc.constant(0),
  customers: fc.constant(1),
  iterations: fc.constant(0),
});

describe("repeatPurchaseProbability", () => {
  it("equals BTYD's bgnbd.pmf to its printed digits", () => {
    expectClose(repeatPurchaseProbability(cdnow, 10, 2), 1.07869e-7, 5e-6);
    expectClose(repeatPurchaseProbability(cdnow, 0, 39), 0.5737864, 1e-7);
    BTYD_PMF_T30_N11_TO_20.forEach((p, i) => {
      expectClose(repeatPurchaseProbability(cdnow, 11 + i, 30), p, 5e-9 / p);
    });
  });

  it("is a distribution whose mean is expectedRepeatPurchases", () => {
    fc.assert(
      fc.property(model, fc.double({ min: 0.01, max: 20, noNaN: true }), (m, t) => {
        let total = 0;
        let mean = 0;
        for (let n = 0; n < 4000; n++) {
          const p = repeatPurchaseProbability(m, n, t);
          expect(p >= 0 && p <= 1).toBe(true);
          total += p;
          mean += n * p;
          if (n > 10 && p < 1e-17 * total) break;
        }
        expectClose(total, 1, 1e-9);
        expectClose(mean, expectedRepeatPurchases(m, t), 1e-6, 1e-12);
      }),
      { numRuns: 60 },
    );
  });

  it("keeps its far tail (a probability far below 1e-16 is not lost to 1 − a sum)", () => {
    const tail = repeatPurchaseProbability(cdnow, 60, 1);
    expect(tail).toBeGreaterThan(0);
    expect(tail).toBeLessThan(1e-40);
    expect(repeatPurchaseProbability(cdnow, 0, 0)).toBe(1);
    expect(repeatPurchaseProbability(cdnow, 3, 0)).toBe(0);
  });

  it("takes a rate shape r beyond the range of ln Γ (found by the fuzz harness: it gave NaN)", () => {
    const steady = { ...cdnow, r: 1.7e308, alpha: 0.25, a: 0.5, b: 1.5 };
    // Everybody buys at once at such rates, so X(t) = n is leaving just after the n-th purchase:
    // P = B(a + 1, b + n − 1)/B(a, b), a/(a + b) for n = 1 and a·b/((a + b)(a + b + 1)) for n = 2.
    expect(repeatPurchaseProbability(steady, 0, 4)).toBe(0);
    expectClose(repeatPurchaseProbability(steady, 1, 4), 0.25, 1e-12);
    expectClose(repeatPurchaseProbability(steady, 2, 4), 0.75 / 6, 1e-12);
  });

  it("refuses what is not a count, a window or a model", () => {
    expect(codeOf(() => repeatPurchaseProbability(cdnow, 1.5, 2))).toBe("INVALID_INPUT");
    expect(codeOf(() => repeatPurchaseProbability(cdnow, -1, 2))).toBe("INVALID_INPUT");
    expect(codeOf(() => repeatPurchaseProbability(cdnow, 1, -2))).toBe("INVALID_INPUT");
    expect(codeOf(() => repeatPurchaseProbability({ ...cdnow, r: 0 }, 1, 2))).toBe("INVALID_INPUT");
  });
});

describe("expectedRepeatPurchases", () => {
  it("starts at 0 and grows with the window", () => {
    fc.assert(
      fc.property(
        model,
        fc.double({ min: 0, max: 200, noNaN: true }),
        fc.double({ min: 0, max: 200, noNaN: true }),
        (m, t1, t2) => {
          fc.pre(t1 < t2);
          expect(expectedRepeatPurchases(m, 0)).toBe(0);
          expect(expectedRepeatPurchases(m, t2)).toBeGreaterThanOrEqual(
            expectedRepeatPurchases(m, t1) * (1 - 1e-12),
          );
        },
      ),
    );
    // a = 1, where the closed form is 0/0, is its limit: between its values just either side.
    const atOne = expectedRepeatPurchases({ ...cdnow, a: 1 }, 52);
    expect(atOne).toBeGreaterThan(expectedRepeatPurchases({ ...cdnow, a: 1 + 1e-6 }, 52));
    expect(atOne).toBeLessThan(expectedRepeatPurchases({ ...cdnow, a: 1 - 1e-6 }, 52));
    expect(codeOf(() => expectedRepeatPurchases(cdnow, Number.POSITIVE_INFINITY))).toBe(
      "INVALID_INPUT",
    );
  });
});
