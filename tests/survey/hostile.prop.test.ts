// Hostile input: whatever comes in, a metric either answers with finite numbers or raises a
// MetricError — never NaN, never ±Infinity, never another kind of exception.
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";

const runs = { numRuns: Number(process.env.FC_RUNS ?? 100) };

import { fromCounts } from "../../src/distribution/distribution.js";
import { NPS_SCALE } from "../../src/distribution/scale.js";
import { tally } from "../../src/distribution/tally.js";
import { MetricError } from "../../src/errors/metric-error.js";
import { ces } from "../../src/survey/ces.js";
import { compareCes, compareCsat, compareNps } from "../../src/survey/compare.js";
import { csat } from "../../src/survey/csat.js";
import { nps } from "../../src/survey/nps.js";
import { codeOf } from "../codes.js";
import { expectAllFinite } from "../helpers.js";

function answersOrRefuses(run: () => unknown): void {
  let result: unknown;
  try {
    result = run();
  } catch (error) {
    expect(error).toBeInstanceOf(MetricError);
    return;
  }
  expectAllFinite(result);
}

const anyScores = fc.array(
  fc.oneof(
    fc.integer({ min: -3, max: 13 }),
    fc.double(),
    fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, null, undefined, "7", true),
  ),
  { maxLength: 30 },
);
const anyWeight = fc.oneof(
  fc.double({ min: 0, max: 1e300, noNaN: true }),
  fc.double({ min: 0, max: 1e-300, noNaN: true }),
  fc.constantFrom(0, 1, -1, Number.NaN, 1e200, 1e-200),
);
const anyOptions = fc.record(
  {
    level: fc.oneof(fc.double(), fc.constantFrom(0.95, 1e-12, 1 - 1e-12)),
    interval: fc.constantFrom(
      "wald",
      "score",
      "adjusted-wald",
      "wilson",
      "jeffreys",
      "clopper-pearson",
      "t",
    ),
    minSampleSize: fc.double(),
  },
  { requiredKeys: [] },
);

describe("hostile input", () => {
  test.prop([anyScores, anyOptions], runs)("scores of any kind", (scores, options) => {
    answersOrRefuses(() => nps(scores as number[], options as object));
    answersOrRefuses(() => csat(scores as number[], options as object));
    answersOrRefuses(() => ces(scores as number[], options as object));
  });

  test.prop([
    fc.array(fc.tuple(fc.integer({ min: 0, max: 10 }), anyWeight), { minLength: 1, maxLength: 20 }),
  ])("weights of any size", (rows) => {
    const run = () =>
      tally(rows, NPS_SCALE, { score: (r) => r[0], weights: (r) => r[1], invalid: "skip" });
    answersOrRefuses(() => nps(run()));
    answersOrRefuses(() => compareNps(run(), run()));
    answersOrRefuses(() => csat(run(), { scale: NPS_SCALE, interval: "clopper-pearson" }));
    answersOrRefuses(() => compareCsat(run(), run(), { scale: NPS_SCALE }));
    answersOrRefuses(() => ces(run(), { scale: NPS_SCALE }));
    answersOrRefuses(() => compareCes(run(), run(), { scale: NPS_SCALE }));
  });

  test.prop([fc.anything()], runs)("anything at all", (input) => {
    answersOrRefuses(() => nps(input as number[]));
    answersOrRefuses(() => csat(input as number[]));
    answersOrRefuses(() => ces(input as number[]));
  });
});

describe("weights whose sums cannot be represented", () => {
  test.prop([fc.constantFrom(1e200, 1e-200, 1.7e308)])("are refused with INVALID_WEIGHT", (w) => {
    expect(codeOf(() => tally([5, 6], NPS_SCALE, { weights: [w, w] }))).toBe("INVALID_WEIGHT");
  });

  test.prop([fc.constant(null)])("inconsistent weighted totals are refused", () => {
    const counts = new Array(11).fill(0);
    counts[10] = 5;
    expect(codeOf(() => fromCounts(NPS_SCALE, counts, { sumOfSquaredWeights: 0, n: 3 }))).toBe(
      "INVALID_WEIGHT",
    );
    expect(codeOf(() => fromCounts(NPS_SCALE, counts, { sumOfSquaredWeights: 1, n: 3 }))).toBe(
      "INVALID_INPUT",
    );
    expect(codeOf(() => fromCounts(NPS_SCALE, counts, { sumOfSquaredWeights: 100, n: 3 }))).toBe(
      "INVALID_INPUT",
    );
    expect(fromCounts(NPS_SCALE, counts, { sumOfSquaredWeights: 12.5, n: 3 }).effectiveN).toBe(2);
  });
});
