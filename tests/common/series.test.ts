// One reader for series of numbers (rates, p-values, margins, spends): every shape a user holds
// is read as the same elements, by position, or refused by name.
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { paybackPeriod } from "../../src/acquisition/acquisition-cost.js";
import { adjustPValues } from "../../src/analysis/adjust-p-values.js";
import { readSeries } from "../../src/common/series.js";
import { averageInflation } from "../../src/inflation/rates.js";
import { spendLift } from "../../src/loyalty/lift.js";
import { codeOf, errorOf } from "../codes.js";

const read = (series: unknown): unknown[] =>
  Array.from(readSeries(series, "test", "values", "a series of numbers"));

describe("readSeries", () => {
  it("reads an array as it is, holes included, so the caller's check sees them", () => {
    // biome-ignore lint/suspicious/noSparseArray: the hole is the point
    const holey = [1, , 3];
    expect(readSeries(holey, "test", "values", "numbers")).toBe(holey);
    expect(1 in readSeries(holey, "test", "values", "numbers")).toBe(false);
  });

  it("reads typed arrays in place and copies other iterables once", () => {
    const typed = Float64Array.of(0.5, 0.25);
    expect(readSeries(typed, "test", "values", "numbers")).toBe(typed);
    expect(read(new Set([3, 1]))).toEqual([3, 1]);
    expect(read([7, 8].values())).toEqual([7, 8]);
    expect(read(Int8Array.of(-1, 2))).toEqual([-1, 2]);
  });

  it("refuses what is not a series, naming the field", () => {
    for (const bad of [
      "0.1",
      0.1,
      null,
      undefined,
      { length: 1, 0: 1 },
      new DataView(new ArrayBuffer(8)),
    ]) {
      const error = errorOf(() => read(bad));
      expect(error.code).toBe("INVALID_INPUT");
      expect(error.message).toContain("values must be a series of numbers");
      expect(error.details.field).toBe("values");
    }
    const map = errorOf(() => read(new Map([["2024", 1]])));
    expect(map.code).toBe("INVALID_INPUT");
    expect(map.message).toContain("pass map.values()");
  });

  test.prop([
    fc.array(fc.double({ noNaN: true }), { maxLength: 20 }),
    fc.constantFrom("Float64Array", "iterator", "Set"),
  ])("every shape holds the array's elements, in order", (values, shape) => {
    const distinct = shape === "Set" ? [...new Set(values)] : values;
    const given =
      shape === "Float64Array"
        ? Float64Array.from(values)
        : shape === "iterator"
          ? values.values()
          : new Set(values);
    expect(read(given)).toEqual(distinct);
  });
});

describe("the functions that read a series of numbers", () => {
  function* margins(): Generator<number> {
    yield* [20, 30, 40, 50, 60];
  }

  it("give a typed array's or a generator's series the array's answer", () => {
    const p = [0.01, 0.04, 0.03];
    expect(adjustPValues(Float64Array.from(p))).toEqual(adjustPValues(p));
    expect(adjustPValues(p.values(), "benjamini-hochberg")).toEqual(
      adjustPValues(p, "benjamini-hochberg"),
    );
    expect(paybackPeriod({ cost: 125, margins: margins() })).toEqual(
      paybackPeriod({ cost: 125, margins: [...margins()] }),
    );
    const existing = [130, 95, 160, 120, 150, 110];
    const newcomers = [90, 100, 85, 120, 105, 80];
    expect(spendLift(Float64Array.from(existing), newcomers.values())).toEqual(
      spendLift(existing, newcomers),
    );
    expect(averageInflation(new Set([0.5]))).toBe(0.5);
  });

  it("name a bad element by its position in any shape, and refuse a DataView", () => {
    const p = errorOf(() => adjustPValues(Float64Array.of(0.5, 2)));
    expect(p.message).toContain("index 1");
    const m = errorOf(() => paybackPeriod({ cost: 1, margins: Float64Array.of(1, Number.NaN) }));
    expect(m.message).toContain("margins[1]");
    const s = errorOf(() => spendLift([1, 2], Float64Array.of(3, -4)));
    expect(s.code).toBe("NEGATIVE_AMOUNT");
    expect(s.message).toContain("newcomers[1]");
    expect(codeOf(() => spendLift(new DataView(new ArrayBuffer(16)) as never, [1, 2]))).toBe(
      "INVALID_INPUT",
    );
  });
});
