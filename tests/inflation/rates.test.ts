import { describe, expect, it } from "vitest";
import {
  annualToMonthly,
  averageInflation,
  convertRate,
  cumulativeInflation,
  monthlyToAnnual,
  purchasingPower,
  realChange,
} from "../../src/inflation/rates.js";
import { codeOf, errorOf } from "../codes.js";
import { expectClose } from "../helpers.js";

describe("purchasingPower", () => {
  it("divides by the compounded price level", () => {
    expect(purchasingPower(1000, 0.25)).toBe(800);
    expectClose(purchasingPower(1000, 0.02, { periods: 10 }), 1000 / 1.02 ** 10, 1e-14);
    expectClose(purchasingPower(100, [0.1, 0.05, -0.02]), 100 / (1.1 * 1.05 * 0.98), 1e-14);
    expect(purchasingPower(-50, 0.25)).toBe(-40);
    expect(purchasingPower(100, [])).toBe(100);
    expect(purchasingPower(100, 0.5, { periods: 0 })).toBe(100);
  });

  it("grows under deflation and refuses impossible rates", () => {
    expect(purchasingPower(100, -0.2)).toBe(125);
    expect(codeOf(() => purchasingPower(100, -1))).toBe("INVALID_RATE");
    expect(codeOf(() => purchasingPower(100, -1.5))).toBe("INVALID_RATE");
    expect(codeOf(() => purchasingPower(100, [0.1, Number.NaN]))).toBe("INVALID_RATE");
    expect(codeOf(() => purchasingPower(100, "3%" as unknown as number))).toBe("INVALID_INPUT");
    expect(codeOf(() => purchasingPower(Number.POSITIVE_INFINITY, 0.1))).toBe("NON_FINITE");
    expect(codeOf(() => purchasingPower(100, 0.1, { periods: -1 }))).toBe("INVALID_OPTION");
    expect(codeOf(() => purchasingPower(100, [0.1], { periods: 2 }))).toBe("INVALID_OPTION");
    expect(codeOf(() => purchasingPower(1e300, -0.999999, { periods: 1e6 }))).toBe("NON_FINITE");
  });
});

describe("realChange", () => {
  it("is (1 + g)/(1 + π) − 1 without cancellation", () => {
    expect(realChange(0.05, 0.05)).toBe(0);
    expectClose(realChange(0.03, 0.08), 1.03 / 1.08 - 1, 1e-14);
    expectClose(realChange(1e-12, 2e-12), -1e-12 / (1 + 2e-12), 1e-15);
    expect(realChange(-1, 0.5)).toBe(-1);
    expect(codeOf(() => realChange(-1.5, 0.1))).toBe("INVALID_RATE");
    expect(codeOf(() => realChange(0.1, -1))).toBe("INVALID_RATE");
  });
});

describe("cumulative and average inflation", () => {
  it("compounds and averages geometrically", () => {
    expectClose(cumulativeInflation([0.1, 0.2, -0.05]), 1.1 * 1.2 * 0.95 - 1, 1e-14);
    expectClose(cumulativeInflation([1e-10, 1e-10]), 2e-10 + 1e-20, 1e-12);
    expectClose(averageInflation([0.1, 0.2, -0.05]), Math.cbrt(1.1 * 1.2 * 0.95) - 1, 1e-13);
    expect(codeOf(() => averageInflation([]))).toBe("EMPTY_SAMPLE");
    expect(codeOf(() => cumulativeInflation(0.1 as unknown as number[]))).toBe("INVALID_INPUT");
  });
});

describe("a series of rates in any shape", () => {
  const rates = [0.1, 0.2, -0.05];
  function* generated(): Generator<number> {
    yield* rates;
  }

  it("reads typed arrays and iterables as the same series as an array", () => {
    const expected = cumulativeInflation(rates);
    expect(cumulativeInflation(Float64Array.from(rates))).toBe(expected);
    expect(cumulativeInflation(generated())).toBe(expected);
    expect(cumulativeInflation(new Set(rates))).toBe(expected);
    expect(averageInflation(Float32Array.of(0.5, 0.5))).toBe(0.5);
    expect(averageInflation(generated())).toBe(averageInflation(rates));
    expect(purchasingPower(100, Float64Array.from(rates))).toBe(purchasingPower(100, rates));
    expect(purchasingPower(100, new Float64Array(0))).toBe(100);
  });

  it("names a bad rate by its position, whatever the shape", () => {
    const error = errorOf(() => cumulativeInflation(Float64Array.of(0.1, Number.NaN)));
    expect(error.code).toBe("INVALID_RATE");
    expect(error.message).toContain("rates[1]");
    const missing = errorOf(() => purchasingPower(100, [0.1, null] as unknown as number[]));
    expect(missing.code).toBe("INVALID_INPUT");
    expect(missing.message).toContain("inflation[1]");
    expect(codeOf(() => averageInflation(new Float64Array(0)))).toBe("EMPTY_SAMPLE");
    expect(codeOf(() => averageInflation([][Symbol.iterator]()))).toBe("EMPTY_SAMPLE");
  });

  it("refuses what is not a series, and a series with periods", () => {
    expect(codeOf(() => cumulativeInflation("0.1" as unknown as number[]))).toBe("INVALID_INPUT");
    expect(codeOf(() => cumulativeInflation({ length: 1, 0: 0.1 } as never))).toBe("INVALID_INPUT");
    expect(codeOf(() => averageInflation(null as never))).toBe("INVALID_INPUT");
    const map = errorOf(() => cumulativeInflation(new Map([["2024", 0.03]]) as never));
    expect(map.code).toBe("INVALID_INPUT");
    expect(map.message).toContain("map.values()");
    expect(codeOf(() => purchasingPower(100, Float64Array.of(0.1), { periods: 2 }))).toBe(
      "INVALID_OPTION",
    );
  });
});

describe("rate conversion", () => {
  it("converts between months, quarters and years and back", () => {
    expectClose(monthlyToAnnual(0.01), 1.01 ** 12 - 1, 1e-14);
    expectClose(annualToMonthly(0.12682503013196977), 0.01, 1e-13);
    expectClose(convertRate(0.03, "quarter", "year"), 1.03 ** 4 - 1, 1e-14);
    expectClose(convertRate(convertRate(0.07, "year", "month"), "month", "year"), 0.07, 1e-14);
    expect(convertRate(0.05, "month", "month")).toBe(0.05);
    expect(codeOf(() => convertRate(0.05, "week" as "month", "year"))).toBe("INVALID_OPTION");
    expect(codeOf(() => convertRate(0.05, "year", "toString" as "month"))).toBe("INVALID_OPTION");
    expect(codeOf(() => monthlyToAnnual(-1))).toBe("INVALID_RATE");
  });
});
