// Adaptive Gauss–Legendre quadrature: exact for polynomials of degree ≤ 19 on one panel, and
// to its tolerance on smooth functions with known integrals; a panel it cannot settle is said.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { integrate } from "../../src/stats/quadrature.js";
import { expectClose } from "../helpers.js";

describe("integrate", () => {
  it("is exact for a polynomial of degree ≤ 19 (10 Gauss–Legendre points)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 1, maxLength: 20 }),
        fc.double({ min: -5, max: 5, noNaN: true }),
        fc.double({ min: 0.01, max: 3, noNaN: true }),
        (coefficients, lo, width) => {
          const hi = lo + width;
          const p = (x: number) => coefficients.reduceRight((sum, c) => sum * x + c, 0);
          // The antiderivative, term by term, and the size of its terms (for the tolerance).
          let exact = 0;
          let size = 0;
          coefficients.forEach((c, k) => {
            const term = (c * (hi ** (k + 1) - lo ** (k + 1))) / (k + 1);
            exact += term;
            size += Math.abs((c * (Math.abs(hi) ** (k + 1) + Math.abs(lo) ** (k + 1))) / (k + 1));
          });
          const { value, converged } = integrate(p, lo, hi);
          expect(converged).toBe(true);
          expect(Math.abs(value - exact)).toBeLessThanOrEqual(1e-13 * size + 1e-300);
        },
      ),
    );
  });

  it("meets its tolerance on smooth functions with known integrals", () => {
    expectClose(integrate(Math.sin, 0, Math.PI).value, 2, 1e-14);
    expectClose(integrate(Math.exp, -30, 0).value, -Math.expm1(-30), 1e-14);
    // A peak of width 1e-3 on [−1, 1]: ∫ 1/(1 + (x/ε)²) = 2ε·atan(1/ε).
    const e = 1e-3;
    expectClose(
      integrate((x) => 1 / (1 + (x / e) ** 2), -1, 1).value,
      2 * e * Math.atan(1 / e),
      1e-13,
    );
    // ∫₀¹ ln x is −1, its singularity at 0 never evaluated by an open rule.
    const log = integrate(Math.log, 0, 1, 1e-10, 0, 60);
    expectClose(log.value, -1, 1e-9);
  });

  it("says when it could not settle a panel, rather than pass it off", () => {
    const singular = integrate((x) => 1 / Math.sqrt(x), 0, 1, 1e-14, 0, 4);
    expect(singular.converged).toBe(false);
    // Not finite: said at once, not after bisecting 2⁴⁰ panels.
    const undefinedValues = integrate((x) => (x > 0.7 ? Number.NaN : x), 0, 1);
    expect(undefinedValues.converged).toBe(false);
    expect(undefinedValues.value).toBeNaN();
    // A function that never settles anywhere: stopped by the panel budget.
    let calls = 0;
    const noisy = integrate(
      (x) => {
        calls++;
        return Math.sin(1e6 * x) * Math.cos(calls);
      },
      0,
      1,
    );
    expect(noisy.converged).toBe(false);
    // The first rule, then 2 × 10,000 + 1 panels, each halved by two 10-point rules.
    expect(calls).toBeLessThanOrEqual(10 + (2 * 10_000 + 1) * 20);
    expect(integrate(Math.sin, 0, Math.PI, 1e-14, 0, 4).converged).toBe(true);
  });
});
