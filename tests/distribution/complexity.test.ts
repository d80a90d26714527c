// Issue 13, item 7: merging, metrics and intervals on a Distribution are O(scale), independent
// of the number of responses it counts. Asserted as a ratio between sizes (never a time): the
// same work on a distribution of ten responses and on one of a trillion.
import { describe, expect, it } from "vitest";
import { fromCounts } from "../../src/distribution/distribution.js";
import { mergeDistributions } from "../../src/distribution/merge.js";
import { NPS_SCALE } from "../../src/distribution/scale.js";
import { compareNps } from "../../src/survey/compare.js";
import { nps } from "../../src/survey/nps.js";

function medianTime(run: () => unknown, rounds = 7, reps = 2000): number {
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    for (let i = 0; i < reps; i++) run();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(rounds / 2)] as number;
}

describe("work on a Distribution does not grow with n", () => {
  const small = fromCounts(NPS_SCALE, [1, 0, 1, 0, 1, 0, 1, 2, 1, 2, 1]);
  const huge = fromCounts(
    NPS_SCALE,
    Array.from({ length: 11 }, (_, i) => 1e11 + i * 7919),
  );

  it("NPS with its interval, a comparison and a merge cost the same at n = 10 and n ≈ 10¹²", () => {
    const work = (d: typeof small) => () => {
      nps(d, { interval: "score" });
      compareNps(d, small);
      mergeDistributions(d, d);
    };
    medianTime(work(small), 3, 200);
    medianTime(work(huge), 3, 200);
    const ratio = medianTime(work(huge)) / medianTime(work(small));
    // Generous: machines here are shared. O(n) work would make the ratio about 10¹¹.
    expect(ratio).toBeLessThan(5);
    expect(huge.n).toBeGreaterThan(1e12);
  });
});
