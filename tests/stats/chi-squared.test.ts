// The χ² and F upper tails against R's pchisq and pf (scripts/fixtures/chi_squared.R).
import { describe, expect, it } from "vitest";
import { chiSquaredUpperTail, fUpperTail } from "../../src/stats/chi-squared.js";
import r from "../fixtures/chi-squared-r.json" with { type: "json" };
import { expectClose } from "../helpers.js";

describe("χ² upper tail, to 1e-11 relative", () => {
  it("records its provenance", () => expect(r.provenance).toMatch(/^R version/));
  it.each(r.chiSquared)("P(χ²($df) > $x)", ({ x, df, upper }) => {
    expectClose(chiSquaredUpperTail(x, df), upper, 1e-11, 1e-300);
  });
  it("is 1 at 0 and 0 at infinity", () => {
    expect(chiSquaredUpperTail(0, 3)).toBe(1);
    expect(chiSquaredUpperTail(Number.POSITIVE_INFINITY, 3)).toBe(0);
  });
});

describe("F upper tail, to 1e-11 relative", () => {
  it.each(r.f)("P(F($df1, $df2) > $f)", ({ f, df1, df2, upper }) => {
    expectClose(fUpperTail(f, df1, df2), upper, 1e-11, 1e-300);
  });
  it("is 1 at 0 and 0 at infinity", () => {
    expect(fUpperTail(0, 2, 5)).toBe(1);
    expect(fUpperTail(Number.POSITIVE_INFINITY, 2, 5)).toBe(0);
  });
});
