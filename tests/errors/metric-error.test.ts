import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { defineSegments } from "../../src/customers/segment.js";
import { fromCounts } from "../../src/distribution/distribution.js";
import { mergeDistributions } from "../../src/distribution/merge.js";
import { CSAT_SCALE, NPS_SCALE } from "../../src/distribution/scale.js";
import { Tally, tally } from "../../src/distribution/tally.js";
import { describeValue, MetricError, type MetricErrorCode } from "../../src/errors/metric-error.js";
import { inflationBetween, priceIndex } from "../../src/inflation/price-index.js";
import { purchasingPower } from "../../src/inflation/rates.js";
import { fitGammaGamma } from "../../src/loyalty/gamma-gamma.js";
import { ces } from "../../src/survey/ces.js";
import { csat } from "../../src/survey/csat.js";
import { nps } from "../../src/survey/nps.js";
import { customerValue } from "../../src/value/customer-value.js";
import { codeOf } from "../codes.js";

// One call per code, as docs/errors.md shows it.
const RAISERS: Record<MetricErrorCode, () => unknown> = {
  EMPTY_SAMPLE: () => nps([]),
  MISSING_VALUE: () => tally([5, null], CSAT_SCALE, { missing: "throw" }),
  SCORE_OUT_OF_SCALE: () => nps([10, 11]),
  SCORE_NOT_INTEGER: () => csat([4.5]),
  NON_FINITE: () => ces([Number.NaN]),
  INVALID_WEIGHT: () => tally([5], CSAT_SCALE, { weights: [-1] }),
  INVALID_COUNT: () => fromCounts(CSAT_SCALE, [1, 2, 3, 4, -5]),
  INVALID_SCALE: () => tally([1], { min: 5, max: 1 }),
  INVALID_LEVEL: () => nps([10], { level: 95 }),
  INVALID_OPTION: () => nps([10], { interval: "bayes" as "wald" }),
  SCALE_MISMATCH: () => mergeDistributions(tally([1], CSAT_SCALE), tally([1], NPS_SCALE)),
  INVALID_INPUT: () => tally(["5"] as unknown as number[], CSAT_SCALE),
  ZERO_SACRIFICE: () => customerValue({ benefits: { functional: 10 }, sacrifices: {} }),
  NEGATIVE_AMOUNT: () => customerValue({ benefits: { economic: -5 }, sacrifices: { monetary: 1 } }),
  INVALID_RATE: () => purchasingPower(100, -1),
  INVALID_PERIOD: () => priceIndex([{ period: "2024-13", value: 100 }]),
  DUPLICATE_PERIOD: () =>
    priceIndex([
      { period: "2024", value: 100 },
      { period: "2024", value: 101 },
    ]),
  UNKNOWN_PERIOD: () =>
    inflationBetween(priceIndex([{ period: "2024", value: 100 }]), "2023", "2024"),
  UNKNOWN_FIELD: () =>
    defineSegments([
      { id: "s", name: "S", rule: { op: "eq", field: "attributes.demographic.agee", value: 30 } },
    ]),
  NO_CONVERGENCE: () => fitGammaGamma([{ frequency: 2, monetary: 10 }]),
  INVALID_RULE: () =>
    defineSegments([{ id: "s", name: "S", rule: { op: "eq", field: "type", value: "consumr" } }]),
};

describe("MetricError", () => {
  it.each(Object.entries(RAISERS))(
    "%s is raised, documented and carries its details",
    (code, raise) => {
      expect(codeOf(raise)).toBe(code);
      expect(readFileSync("docs/errors.md", "utf8")).toContain(`| \`${code}\` |`);
      expect(readFileSync("src/errors/metric-error.ts", "utf8")).toContain(`| \`${code}\` |`);
    },
  );

  it("is an Error with a name, a prefixed message and details", () => {
    const error = new MetricError("EMPTY_SAMPLE", "nothing here", { fn: "demo" });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("MetricError");
    expect(error.message).toBe("demo: nothing here");
    expect(error.details).toEqual({ fn: "demo" });
  });

  it("describes values on one readable line", () => {
    expect(describeValue("5")).toBe('"5"');
    expect(describeValue(12n)).toBe("12n");
    expect(describeValue({ a: 1 })).toBe('{"a":1}');
    // A bigint inside an object is shown as its literal (JSON alone cannot hold it).
    expect(describeValue({ min: 1n, max: 5n })).toBe('{"min":"1n","max":"5n"}');
    expect(describeValue(Symbol.for("x"))).toBe("Symbol(x)");
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(describeValue(cyclic)).toBe("[object Object]");
    expect(describeValue("x".repeat(100))).toHaveLength(60);
    expect(describeValue(undefined)).toBe("undefined");
  });

  it("never throws, even for a revoked proxy, so a bad score is always reported with a code", () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(describeValue(proxy)).toBe("[an object that cannot be read]");
    expect(codeOf(() => new Tally(NPS_SCALE).add(proxy as never))).toBe("INVALID_INPUT");
  });
});
