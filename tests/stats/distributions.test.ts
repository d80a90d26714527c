// The normal, t and beta functions against R (cross-checked with 50-digit mpmath; where R is
// off, the mpmath value) — see scripts/fixtures/README.md for the provenance of every number.
import { describe, expect, it } from "vitest";
import { betaQuantile, incompleteBeta } from "../../src/stats/beta.js";
import { normalCdf, normalQuantile } from "../../src/stats/normal.js";
import {
  studentTQuantile,
  studentTTwoSided,
  studentTUpperTail,
} from "../../src/stats/student-t.js";
import fixture from "../fixtures/distributions.json" with { type: "json" };
import { expectClose } from "../helpers.js";

const RELATIVE = 1e-12;
const SMALLEST_NORMAL = 2.2250738585072014e-308;

type Row = Record<string, number | string | null>;

/** Compare to the row's reference; values in the subnormal range compare absolutely. */
function check(actual: number, reference: unknown): void {
  if (reference === null || reference === undefined) return;
  expectClose(actual, reference as number, RELATIVE, SMALLEST_NORMAL);
}

describe("reference provenance", () => {
  it("names the software that produced the fixture", () => {
    expect(fixture.provenance).toMatch(/^R version 4\.\d/);
    expect(fixture.provenance).toMatch(/mpmath/);
  });
});

describe("normal distribution, to 1e-12 relative, p down to 1e-300", () => {
  it.each(fixture.normalQuantile as Row[])("quantile at p = $p", (row) => {
    check(normalQuantile(row.p as number), row.ref);
  });
  it.each(fixture.normalQuantileUpper as Row[])("upper quantile at p = $p", (row) => {
    check(normalQuantile(row.p as number, true), row.ref);
  });
  it.each(fixture.normalCdf as Row[])("CDF and upper tail at z = $z", (row) => {
    check(normalCdf(row.z as number), row.ref);
    check(normalCdf(-(row.z as number)), row.ref_upper);
  });
  it("returns the infinite quantiles at 0 and 1 and NaN outside", () => {
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(normalQuantile(0, true)).toBe(Number.POSITIVE_INFINITY);
    expect(normalQuantile(1, true)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1.5)).toBeNaN();
    expect(normalCdf(Number.NaN)).toBeNaN();
  });
});

describe("Student's t distribution, to 1e-12 relative", () => {
  it.each(fixture.tQuantile as Row[])("quantile at p = $p, df = $df", (row) => {
    check(studentTQuantile(row.p as number, row.df as number), row.ref);
  });
  it.each(fixture.tCdf as Row[])("tails at t = $t, df = $df", (row) => {
    check(studentTUpperTail(row.t as number, row.df as number), row.ref_upper);
    check(studentTUpperTail(-(row.t as number), row.df as number), row.ref);
  });
  it("gives the upper quantile and a two-sided p-value without cancellation", () => {
    expect(studentTQuantile(0.025, 10, true)).toBe(-studentTQuantile(0.025, 10));
    expect(studentTTwoSided(0, 5)).toBe(1);
    expect(studentTTwoSided(1e200, 5)).toBe(0);
    expectClose(studentTTwoSided(-40, 3), 2 * studentTUpperTail(40, 3), 1e-15);
  });
});

describe("beta distribution, to 1e-12 relative", () => {
  it.each(fixture.betaQuantile as Row[])("quantiles at p = $p for Beta($a, $b)", (row) => {
    check(betaQuantile(row.p as number, row.a as number, row.b as number), row.ref);
    check(betaQuantile(row.p as number, row.a as number, row.b as number, true), row.ref_qUpper);
  });
  it.each(fixture.betaCdf as Row[])("CDF at x = $x for Beta($a, $b)", (row) => {
    check(incompleteBeta(row.a as number, row.b as number, row.x as number), row.ref);
  });
  // Shapes up to 1e6 (Clopper–Pearson and Jeffreys with a million responses): R's qbeta only,
  // as mpmath is too slow there to cross-check; our independent solver agrees to ~2e-14.
  it.each(fixture.betaQuantileLarge as Row[])(
    "large-shape quantiles at p = $p for Beta($a, $b)",
    (row) => {
      check(betaQuantile(row.p as number, row.a as number, row.b as number), row.q);
      check(betaQuantile(row.p as number, row.a as number, row.b as number, true), row.qUpper);
    },
  );

  it("handles p at the ends", () => {
    expect(betaQuantile(0, 2, 3)).toBe(0);
    expect(betaQuantile(1, 2, 3)).toBe(1);
    expect(betaQuantile(0, 2, 3, true)).toBe(1);
    expect(betaQuantile(1, 2, 3, true)).toBe(0);
  });
});
