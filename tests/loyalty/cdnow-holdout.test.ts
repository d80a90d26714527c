// The CDNOW sample's own event log (tests/fixtures/cdnow-elog.csv, BTYD's data/cdnowElog.csv:
// 2,357 customers, 6,919 rows) checked the way BG/NBD users check the model: summarise the 39
// calibration weeks, fit, and compare with the 39 holdout weeks. References, none from our code:
// the lifetimes package's calibration summaries (cdnow-summary.txt), the published estimates
// (Fader, Hardie & Lee 2005), BTYD's printed holdout counts by calibration frequency, and the
// paper's eq. 10 evaluated by mpmath (cdnow-holdout.json, scripts/fixtures/cdnow_holdout.py).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fitBgNbd } from "../../src/loyalty/bg-nbd.js";
import { calibrationAndHoldout, compareHoldout } from "../../src/loyalty/calibration-holdout.js";
import { purchaseBehaviour } from "../../src/loyalty/purchase-behaviour.js";
import reference from "../fixtures/cdnow-holdout.json" with { type: "json" };

/** The event log as purchase records (its dates are YYYYMMDD). */
const purchases = readFileSync("tests/fixtures/cdnow-elog.csv", "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => {
    const [, id, date, , sales] = line.split(",") as [string, string, string, string, string];
    return {
      customerId: id,
      date: `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6)}`,
      amount: Number(sales),
    };
  });

/** x, t_x, T of each customer, from lifetimes' summary (one number: no repeat purchase, it is T). */
const lifetimes = readFileSync("tests/fixtures/cdnow-summary.txt", "utf8")
  .split("\n")
  .filter((l) => l.trim() !== "" && !l.startsWith("#"))
  .map((l) => l.split(",").map(Number))
  .map((f) => (f.length === 1 ? [0, 0, f[0] as number, 0] : f) as [number, number, number, number]);

const data = calibrationAndHoldout(purchases, {
  calibrationEnd: "1997-09-30",
  observationEnd: "1998-06-30",
});

describe("the CDNOW sample, calibration and holdout", () => {
  it("has the 6,919 rows and 2,357 customers the papers use", () => {
    expect(purchases).toHaveLength(6919);
    expect(data.customers).toHaveLength(2357);
    expect([data.holdoutDuration, data.firstPurchaseInHoldout.length]).toEqual([39, 0]);
  });

  it("summarises the calibration as lifetimes does, customer by customer", () => {
    data.customers.forEach((c, i) => {
      const [x, tx, T, zbar] = lifetimes[i] as [number, number, number, number];
      expect(c.customerId).toBe(String(i + 1));
      // lifetimes prints 2 decimals: each value within half a cent (or a hundredth of a week).
      expect(c.frequency).toBe(x);
      const gaps = [c.recency - tx, c.age - T, c.monetary - zbar].map(Math.abs);
      expect(Math.max(...gaps)).toBeLessThanOrEqual(0.005 + 1e-9);
    });
  });

  it("fits the published BG/NBD estimates on it", () => {
    const m = fitBgNbd(data.customers);
    expect([m.r, m.alpha, m.a, m.b].map((v) => v.toFixed(3))).toEqual([
      "0.243",
      "4.414",
      "0.793",
      "2.426",
    ]);
  });

  it("counts the holdout purchases BTYD prints by calibration frequency", () => {
    const check = compareHoldout(
      { ...reference.model, logLikelihood: 0, customers: 2357, iterations: 0 },
      data,
    );
    // BTYD walkthrough, comp["act", ] and comp["bin", ] (dc.MergeTransactionsOnSameDate, T.star 39).
    expect(check.byFrequency.map((g) => g.actual.toFixed(3))).toEqual([
      "0.237",
      "0.697",
      "1.393",
      "1.560",
      "2.532",
      "2.947",
      "3.862",
      "6.359",
    ]);
    expect(check.byFrequency.map((g) => g.customers)).toEqual([
      1411, 439, 214, 100, 62, 38, 29, 64,
    ]);
    expect(check.actual).toBe(reference.actual);
  });

  it("predicts them as the paper's eq. 10 does, evaluated by mpmath", () => {
    const check = compareHoldout(
      { ...reference.model, logLikelihood: 0, customers: 2357, iterations: 0 },
      data,
    );
    const close = (actual: number, expected: number) =>
      expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.abs(expected));
    close(check.predicted, reference.predicted);
    close(check.meanAbsoluteError, reference.meanAbsoluteError);
    check.byFrequency.forEach((g, k) => {
      const ref = reference.byFrequency[k] as { frequency: string; predicted: number };
      expect(g.frequency).toBe(ref.frequency);
      close(g.predicted, ref.predicted);
    });
  });

  it("counts purchase days, not rows: 13 customers repeat only through a second row on one day", () => {
    const byDay = purchaseBehaviour(purchases);
    const byRow = purchaseBehaviour(purchases, { countBy: "row" });
    expect([byDay.orders, byDay.rows, byRow.orders]).toEqual([6696, 6919, 6919]);
    expect(byRow.repeatCustomers - byDay.repeatCustomers).toBe(13);
    expect(byDay.repeatCustomers).toBe(1139);
  });
});
