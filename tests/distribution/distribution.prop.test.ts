import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { distributionFromJSON } from "../../src/distribution/distribution.js";
import { mergeDistributions } from "../../src/distribution/merge.js";
import { NPS_SCALE } from "../../src/distribution/scale.js";
import { Tally, tally } from "../../src/distribution/tally.js";

const scores = fc.array(fc.integer({ min: 0, max: 10 }), { maxLength: 200 });
const dist = scores.map((s) => tally(s, NPS_SCALE));

describe("distribution laws", () => {
  test.prop([dist, dist, dist])("merge is associative", (a, b, c) => {
    expect(mergeDistributions(mergeDistributions(a, b), c)).toEqual(
      mergeDistributions(a, mergeDistributions(b, c)),
    );
  });

  test.prop([dist, dist])("merge is commutative", (a, b) => {
    expect(mergeDistributions(a, b)).toEqual(mergeDistributions(b, a));
  });

  test.prop([scores, scores])("tally of a concatenation is the merge of the tallies", (a, b) => {
    expect(tally([...a, ...b], NPS_SCALE)).toEqual(
      mergeDistributions(tally(a, NPS_SCALE), tally(b, NPS_SCALE)),
    );
  });

  test.prop([scores])("weights of 1 are the same as no weights", (s) => {
    expect(tally(s, NPS_SCALE, { weights: s.map(() => 1) })).toEqual(tally(s, NPS_SCALE));
  });

  test.prop([
    scores.chain((s) => fc.tuple(fc.constant(s), fc.shuffledSubarray(s, { minLength: s.length }))),
  ])("tally is invariant under permutation", ([s, shuffled]) => {
    expect(tally(shuffled, NPS_SCALE)).toEqual(tally(s, NPS_SCALE));
  });

  test.prop([dist])("a distribution round-trips through JSON", (d) => {
    expect(distributionFromJSON(JSON.parse(JSON.stringify(d)))).toEqual(d);
  });

  test.prop([scores, fc.array(fc.integer({ min: 1, max: 50 }), { maxLength: 10 })])(
    "streaming in any chunking equals one tally",
    (s, cuts) => {
      const acc = new Tally(NPS_SCALE);
      let start = 0;
      for (const cut of cuts) {
        acc.addAll(s.slice(start, start + cut));
        start += cut;
      }
      acc.addAll(s.slice(start));
      expect(acc.snapshot()).toEqual(tally(s, NPS_SCALE));
    },
  );

  test.prop([
    fc.array(
      fc.record({
        score: fc.integer({ min: 0, max: 10 }),
        weight: fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1000, noNaN: true })),
      }),
      { minLength: 1, maxLength: 100 },
    ),
  ])(
    "weighted: Kish's effective n lies between 0 and n, and the total is the sum of the weights",
    (rows) => {
      const d = tally(rows, NPS_SCALE, { score: (r) => r.score, weights: (r) => r.weight });
      const total = rows.reduce((sum, r) => sum + r.weight, 0);
      expect(d.total).toBeCloseTo(total, 6);
      expect(d.effectiveN).toBeGreaterThanOrEqual(0);
      expect(d.effectiveN).toBeLessThanOrEqual(d.n * (1 + 1e-12));
    },
  );
});
