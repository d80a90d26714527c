import { describe, expect, it } from "vitest";
import { fromCounts } from "../../src/distribution/distribution.js";
import { mergeDistributions } from "../../src/distribution/merge.js";
import { CES_SCALE, CSAT_SCALE } from "../../src/distribution/scale.js";
import { tally } from "../../src/distribution/tally.js";
import { codeOf } from "../codes.js";

describe("mergeDistributions", () => {
  it("refuses different scales and an empty call", () => {
    expect(codeOf(() => mergeDistributions(tally([5], CSAT_SCALE), tally([5], CES_SCALE)))).toBe(
      "SCALE_MISMATCH",
    );
    expect(codeOf(() => mergeDistributions())).toBe("INVALID_INPUT");
  });

  it("adds up counts, n, Σw², skipped and missing", () => {
    const a = tally([5, null, 9], CSAT_SCALE, { invalid: "skip" });
    const b = tally([1, 5], CSAT_SCALE, { weights: [2, 0.5] });
    const merged = mergeDistributions(a, b);
    expect(merged.counts).toEqual([2, 0, 0, 0, 1.5]);
    expect(merged).toMatchObject({ n: 3, total: 3.5, skipped: 1, missing: 1 });
    expect(merged.sumOfSquaredWeights).toBe(1 + 4 + 0.25);
    expect(merged.effectiveN).toBeCloseTo(3.5 ** 2 / 5.25, 12);
  });

  it("takes the distributions as one array too, and names a bad one by its position", () => {
    const a = tally([5, 4], CSAT_SCALE);
    const b = tally([1], CSAT_SCALE);
    expect(mergeDistributions([a, b])).toEqual(mergeDistributions(a, b));
    // 200,000 shards: more than a spread of arguments can pass.
    const shards = Array.from({ length: 200_000 }, () => b);
    expect(mergeDistributions(shards).counts[0]).toBe(200_000);
    expect(codeOf(() => mergeDistributions([]))).toBe("INVALID_INPUT");
    // biome-ignore lint/suspicious/noSparseArray: a hole is a missing distribution
    const holed = [a, , b] as never;
    expect(() => mergeDistributions(holed)).toThrow(
      /^mergeDistributions: distribution 1: expected an object, got undefined/,
    );
    expect(() => mergeDistributions([a, tally([5], CES_SCALE)])).toThrow(/distribution 1 is on/);
  });

  it("refuses a merge past 2^53 − 1 rows", () => {
    const big = fromCounts(CSAT_SCALE, [0, 0, 0, 0, Number.MAX_SAFE_INTEGER]);
    expect(codeOf(() => mergeDistributions(big, tally([5], CSAT_SCALE)))).toBe("INVALID_COUNT");
  });
});
