// BG/NBD expected purchases, E[X(t)] (Fader, Hardie & Lee 2005, eq. 9) and E[Y(t) | x, tₓ, T]
// (eq. 10), against the same closed forms evaluated by mpmath's own hyp2f1 at 60 digits and more
// (scripts/fixtures/bg_nbd_mpmath.py → tests/fixtures/bg-nbd-mpmath.json): windows from 1e-300
// to 1e300, a on both sides of 1 and at 1, a + b < 1, and 300 seeded random models.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type BgNbdModel, expectedPurchases } from "../../src/loyalty/bg-nbd.js";
import {
  byQuadrature,
  eulerForm,
  purchasesWhileAlive,
  shortWindowSeries,
} from "../../src/loyalty/purchases-while-alive.js";
import { expectedRepeatPurchases } from "../../src/loyalty/repeat-purchases.js";
import { expectClose } from "../helpers.js";

interface Parameters {
  r: number;
  alpha: number;
  a: number;
  b: number;
}
interface Row {
  model: string | Parameters;
  t: number;
  customer?: [number, number, number];
  repeat?: number;
  expected?: number;
}
const fixture = JSON.parse(readFileSync("tests/fixtures/bg-nbd-mpmath.json", "utf8")) as {
  models: Record<string, Parameters>;
  rows: Row[];
  random: Row[];
};

const fitted = (p: Parameters): BgNbdModel => ({
  ...p,
  logLikelihood: 0,
  customers: 1,
  iterations: 0,
});

/** Our value for a fixture row, and mpmath's. */
function compare(row: Row): [number, number] {
  const model = fitted(
    typeof row.model === "string" ? (fixture.models[row.model] as Parameters) : row.model,
  );
  if (row.customer === undefined)
    return [expectedRepeatPurchases(model, row.t), row.repeat as number];
  const [frequency, recency, age] = row.customer;
  return [expectedPurchases(model, { frequency, recency, age }, row.t), row.expected as number];
}

describe("expected purchases agree with mpmath's hyp2f1 on the paper's closed forms", () => {
  it("on the grid of models, customers and windows (a = 1 included, as the closed form's limit)", () => {
    expect(fixture.rows).toHaveLength(7 * 10 * 5);
    for (const row of fixture.rows) {
      const [ours, mpmath] = compare(row);
      expectClose(ours, mpmath, 1e-12);
    }
  });

  it("on 300 random models, histories and windows", () => {
    expect(fixture.random).toHaveLength(300);
    for (const row of fixture.random) {
      const [ours, mpmath] = compare(row);
      expectClose(ours, mpmath, 1e-12);
    }
  });
});

// Models across many decades, a = 1 and a just off it among them.
const positive = (min: number, max: number) =>
  fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const model = fc.record({
  r: positive(1e-2, 50),
  alpha: positive(1e-2, 1e3),
  a: fc.oneof(fc.constantFrom(1, 1 + 1e-12, 1 - 1e-9, 1 + 1e-6), positive(1e-2, 100)),
  b: positive(1e-2, 100),
});
const window = fc.oneof(positive(0, 10), positive(0, 1e3), positive(0, 1e12));

describe("expected purchases, as laws", () => {
  it("are ≥ 0, finite and grow with the window, for every method and across their seams", () => {
    fc.assert(
      fc.property(model, fc.integer({ min: 0, max: 200 }), window, window, (p, x, t1, t2) => {
        const [short, long] = t1 < t2 ? [t1, t2] : [t2, t1];
        const history = { frequency: x, recency: x === 0 ? 0 : 20, age: 30 };
        const m = fitted(p);
        for (const f of [
          (t: number) => expectedRepeatPurchases(m, t),
          (t: number) => expectedPurchases(m, history, t),
        ]) {
          const lower = f(short);
          const upper = f(long);
          expect(lower).toBeGreaterThanOrEqual(0);
          expect(Number.isFinite(upper)).toBe(true);
          // Equal windows give equal values; nearly equal ones may differ in the last digits.
          expect(upper).toBeGreaterThanOrEqual(lower * (1 - 1e-12));
        }
      }),
    );
  });

  it("are continuous where one method hands over to the next (t = α, the series' edge)", () => {
    fc.assert(
      fc.property(model, (p) => {
        const m = fitted(p);
        const below = expectedRepeatPurchases(m, p.alpha * (1 - 2 ** -40));
        expectClose(expectedRepeatPurchases(m, p.alpha), below, 1e-11);
      }),
    );
  });

  it("are m·t/A to first order in a short window, and 0 in an empty one", () => {
    fc.assert(
      fc.property(model, (p) => {
        const m = fitted(p);
        const t = p.alpha * 1e-12;
        // E[X(t)] = r·t/α·(1 − (r + 1)·a/(a + b)·t/(2α) + …), whatever the dropout: nobody
        // leaves before buying.
        expectClose(expectedRepeatPurchases(m, t), (p.r * t) / p.alpha, 1e-10);
        expect(Object.is(expectedRepeatPurchases(m, 0), 0)).toBe(true);
      }),
    );
  });
});

describe("the three methods agree where each one answers", () => {
  const shape = fc.record({
    m: positive(1e-2, 300),
    a: positive(1e-2, 100),
    beta: positive(1e-2, 300),
  });

  it("the short-window series, Euler's form and the quadrature", () => {
    fc.assert(
      fc.property(shape, positive(1e-3, 0.99), ({ m, a, beta }, s) => {
        const quadrature = byQuadrature(m, a, beta, s);
        expect(quadrature).toBeDefined();
        const series = shortWindowSeries(m, a, beta, s);
        if (series !== undefined) expectClose(series, quadrature as number, 1e-12);
        const closed = eulerForm(m, a, beta, s);
        if (closed !== undefined) expectClose(closed, quadrature as number, 1e-12);
      }),
      { numRuns: 60 },
    );
  });

  it("Euler's form and the quadrature in long windows", () => {
    fc.assert(
      fc.property(shape, positive(1, 1e6), ({ m, a, beta }, s) => {
        const closed = eulerForm(m, a, beta, s);
        fc.pre(closed !== undefined);
        expectClose(closed as number, byQuadrature(m, a, beta, s) as number, 1e-12);
      }),
      { numRuns: 60 },
    );
  });

  it("each declines where it would lose digits, rather than answer", () => {
    // a + β ≤ 1: the closed form has no value; a + β − 1 = 1e-3: its rounding would show.
    expect(eulerForm(0.8, 0.6, 0.3, 2)).toBeUndefined();
    expect(eulerForm(0.8, 0.6, 0.401, 2)).toBeUndefined();
    // A window so long that G would need more than 5,000 terms.
    expect(eulerForm(0.243, 0.793, 2.426, 1e9)).toBeUndefined();
    // The series in −s near its radius, where its terms cancel.
    expect(shortWindowSeries(50, 0.5, 0.5, 0.99)).toBeUndefined();
    // a = 1 is no exception to any of them: Euler's form is the limit's.
    expectClose(
      eulerForm(0.243, 1, 2.426, 2) as number,
      byQuadrature(0.243, 1, 2.426, 2) as number,
      1e-12,
    );
    expect(purchasesWhileAlive(0.243, 4.414, 1, 2.426, 1e12, "test")).toBeGreaterThan(0);
  });
});
