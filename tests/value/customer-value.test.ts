import { describe, expect, it } from "vitest";
import { MetricError } from "../../src/errors/metric-error.js";
import { customerValue } from "../../src/value/customer-value.js";
import { compareValue } from "../../src/value/relative-value.js";
import { summarizeValue } from "../../src/value/value-summary.js";
import { codeOf } from "../codes.js";
import { expectClose } from "../helpers.js";

describe("customerValue", () => {
  it("takes records and lists alike, adding repeated dimensions and kinds", () => {
    const fromRecord = customerValue({
      benefits: { economic: 40, functional: { amount: 15, weight: 2 } },
      sacrifices: { monetary: 50, time: 10, "waiting in line": 5 },
    });
    const fromList = customerValue({
      benefits: [
        { dimension: "economic", amount: 40 },
        { dimension: "functional", amount: 10, weight: 2 },
        { dimension: "functional", amount: 5, weight: 2 },
      ],
      sacrifices: [
        { kind: "monetary", amount: 50 },
        { kind: "time", amount: 10 },
        { kind: "waiting in line", amount: 5 },
      ],
    });
    expect(fromList).toEqual(fromRecord);
    expect(fromRecord.ratio).toBe(70 / 65);
    expect(fromRecord.net).toBe(5);
    expect(fromRecord.benefits.byDimension).toEqual({
      economic: 40,
      functional: 30,
      emotional: 0,
      symbolic: 0,
    });
    expect(Object.keys(fromRecord.sacrifices.byKind)).toEqual([
      "monetary",
      "time",
      "waiting in line",
    ]);
  });

  it("keeps a custom kind named __proto__ as data, never as a prototype", () => {
    const sacrifices = JSON.parse('{"__proto__": 5, "monetary": 10}');
    const value = customerValue({ benefits: { economic: 30 }, sacrifices });
    expect(value.sacrifices.total).toBe(15);
    expect(Object.getPrototypeOf(value.sacrifices.byKind)).toBe(Object.prototype);
    expect(Object.hasOwn(value.sacrifices.byKind, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>).monetary).toBeUndefined();
  });

  it("has a ratio of 0 without benefits, and no ratio without sacrifices", () => {
    expect(customerValue({ benefits: {}, sacrifices: { monetary: 5 } }).ratio).toBe(0);
    expect(
      codeOf(() => customerValue({ benefits: { economic: 5 }, sacrifices: { monetary: 0 } })),
    ).toBe("ZERO_SACRIFICE");
    expect(
      codeOf(() =>
        customerValue({
          benefits: { economic: 5 },
          sacrifices: { monetary: { amount: 5, weight: 0 } },
        }),
      ),
    ).toBe("ZERO_SACRIFICE");
  });

  it("names the offending entry in errors", () => {
    const cases: [unknown, string, string][] = [
      [
        { benefits: { economic: -1 }, sacrifices: { monetary: 1 } },
        "NEGATIVE_AMOUNT",
        "benefits.economic",
      ],
      [
        { benefits: { economic: Number.NaN }, sacrifices: { monetary: 1 } },
        "NON_FINITE",
        "benefits.economic",
      ],
      [
        { benefits: { economic: "5" }, sacrifices: { monetary: 1 } },
        "INVALID_INPUT",
        "benefits.economic",
      ],
      [
        { benefits: { social: 5 }, sacrifices: { monetary: 1 } },
        "INVALID_INPUT",
        "benefits.social",
      ],
      [
        {
          benefits: [{ dimension: "economic", amount: 1, weight: -1 }],
          sacrifices: { monetary: 1 },
        },
        "INVALID_WEIGHT",
        "benefits[0]",
      ],
      [{ benefits: {}, sacrifices: [{ kind: "", amount: 1 }] }, "INVALID_INPUT", "sacrifices[0]"],
      [{ benefits: {}, sacrifices: [null] }, "INVALID_INPUT", "sacrifices[0]"],
      [{ benefits: null, sacrifices: {} }, "INVALID_INPUT", "benefits"],
      [null, "INVALID_INPUT", "input"],
      [{ benefits: { economic: 1e308 }, sacrifices: { monetary: 1e-308 } }, "NON_FINITE", ""],
      [
        { benefits: { economic: 1e308, functional: 1e308 }, sacrifices: { monetary: 1 } },
        "NON_FINITE",
        "",
      ],
    ];
    for (const [input, code, where] of cases) {
      try {
        customerValue(input as Parameters<typeof customerValue>[0]);
        expect.fail(`${JSON.stringify(input)} should throw`);
      } catch (error) {
        expect(error).toBeInstanceOf(MetricError);
        expect((error as MetricError).code).toBe(code);
        expect((error as MetricError).message).toContain(where);
      }
    }
  });
});

describe("compareValue", () => {
  const ours = {
    benefits: { functional: 60, emotional: 20 },
    sacrifices: { monetary: { amount: 50, weight: 2 }, time: 10 },
  };
  const theirs = {
    benefits: { functional: 70, emotional: 10, symbolic: 5 },
    sacrifices: { monetary: { amount: 60, weight: 2 }, time: 5, risk: 3 },
  };

  it("compares ratios, nets, every dimension and kind", () => {
    const result = compareValue(ours, theirs);
    expect(result.ours).toBe(80 / 110);
    expect(result.competitor).toBe(85 / 128);
    expect(result.relativeValue).toBe(80 / 110 / (85 / 128));
    expect(result.netAdvantage).toBe(-30 - -43);
    expect(result.benefits.map((b) => b.leader)).toEqual([
      "tie",
      "competitor",
      "ours",
      "competitor",
    ]);
    expect(result.sacrifices.map((s) => [s.kind, s.leader, s.importance])).toEqual([
      ["monetary", "ours", 2],
      ["time", "competitor", 1],
      ["risk", "ours", 1],
    ]);
    expect(result.leadsOnMostImportantSacrifices).toBe(true);
    expect(compareValue(theirs, ours).leadsOnMostImportantSacrifices).toBe(false);
  });

  it("omits relative value when the competitor offers no benefit", () => {
    const result = compareValue(ours, { benefits: {}, sacrifices: { monetary: 1 } });
    expect("relativeValue" in result).toBe(false);
    expect(result.competitor).toBe(0);
  });
});

describe("summarizeValue", () => {
  it("averages ratios with a t-interval", () => {
    const customers = [1, 2, 3, 4].map((b) => ({
      benefits: { functional: b },
      sacrifices: { monetary: 2 },
    }));
    const summary = summarizeValue(customers, { level: 0.95 });
    expect(summary.meanRatio).toBe(1.25);
    expect(summary.meanNet).toBe(0.5);
    expectClose(summary.standardDeviation as number, Math.sqrt(5 / 12), 1e-15);
    // R 4.2: t.test(c(0.5, 1, 1.5, 2))$conf.int
    expectClose(summary.interval?.lower as number, 0.22286987161973962, 1e-13);
    expectClose(summary.interval?.upper as number, 2.2771301283802603, 1e-13);
    expect(summary.lowBase).toBe(true);
  });

  it("names the customer that fails, or skips and counts it", () => {
    const customers = [
      { benefits: { functional: 1 }, sacrifices: { monetary: 1 } },
      { benefits: { functional: 1 }, sacrifices: { monetary: 0 } },
    ];
    try {
      summarizeValue(customers);
      expect.fail("should throw");
    } catch (error) {
      expect((error as MetricError).code).toBe("ZERO_SACRIFICE");
      expect((error as MetricError).details).toMatchObject({
        fn: "summarizeValue",
        argument: "customers[1]",
        field: "sacrifices",
      });
      expect((error as MetricError).message).toMatch(
        /^summarizeValue: customers\[1\]: the sacrifices total 0/,
      );
    }
    const single = summarizeValue(customers, { invalid: "skip" });
    expect(single).toMatchObject({ meanRatio: 1, skipped: 1, n: 1 });
    expect("interval" in single).toBe(false);
    expect(codeOf(() => summarizeValue([]))).toBe("EMPTY_SAMPLE");
    expect(codeOf(() => summarizeValue(customers.slice(1), { invalid: "skip" }))).toBe(
      "EMPTY_SAMPLE",
    );
    expect(codeOf(() => summarizeValue({} as never))).toBe("INVALID_INPUT");
    expect(codeOf(() => summarizeValue(customers, { invalid: "drop" as "skip" }))).toBe(
      "INVALID_OPTION",
    );
    // Two ratios of 1e308: their sum overflows, their mean does not.
    const huge = [
      { benefits: { economic: 1e308 }, sacrifices: { monetary: 1 } },
      { benefits: { economic: 1e308 }, sacrifices: { monetary: 1 } },
    ];
    expect(summarizeValue(huge).meanRatio).toBe(1e308);
    // Three net values of −1.797e308 (found by npm run fuzz): their mean is that, not NaN.
    const spent = { benefits: [], sacrifices: { time: Number.MAX_VALUE, effort: 6 } };
    expect(summarizeValue([spent, spent, spent]).meanNet).toBe(-Number.MAX_VALUE);
    // A spread that overflows is still refused, never Infinity.
    const spread = [huge[0], { benefits: { economic: 1 }, sacrifices: { monetary: 1 } }];
    expect(codeOf(() => summarizeValue(spread as never))).toBe("NON_FINITE");
  });
});
