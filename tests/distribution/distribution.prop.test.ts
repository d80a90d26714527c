import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { type Distribution, distributionFromJSON } from "../../src/distribution/distribution.js";
import { mergeDistributions } from "../../src/distribution/merge.js";
import { CES_SCALE, CSAT_SCALE, NPS_SCALE, type Scale } from "../../src/distribution/scale.js";
import { createTally, Tally, tally } from "../../src/distribution/tally.js";

// The hard cases, not only unweighted NPS: several scales (a negative one and a wide one
// included), weights from 0 to 1e6 with fractions, and shards that mix weighted and unweighted
// rows, missing answers and skipped ones.
const scales: Scale[] = [
  NPS_SCALE,
  CSAT_SCALE,
  CES_SCALE,
  { min: -3, max: 3 },
  { min: 0, max: 100 },
];
const scale = fc.constantFrom(...scales);
const scoresOn = (s: Scale) => fc.array(fc.integer({ min: s.min, max: s.max }), { maxLength: 200 });
const weight = fc.oneof(
  fc.constant(0),
  fc.constant(1),
  fc.integer({ min: 1, max: 1000 }),
  fc.double({ min: 1e-3, max: 1e6, noNaN: true }),
);
/** Rows on a scale, some weighted, some missing (null), some invalid (out of scale). */
const rowsOn = (s: Scale) =>
  fc.array(
    fc.record({
      score: fc.oneof(
        { weight: 8, arbitrary: fc.integer({ min: s.min, max: s.max }) },
        { weight: 1, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: fc.constant(s.max + 1) },
      ),
      weight,
    }),
    { maxLength: 120 },
  );
type Row = { score: number | null; weight: number };
const weighted = (s: Scale, rows: readonly Row[]): Distribution =>
  tally(rows, s, { score: (r) => r.score, weights: (r) => r.weight, invalid: "skip" });

/** The same distribution up to rounding in the weighted sums. */
function expectSameDistribution(a: Distribution, b: Distribution): void {
  expect(a.scale).toEqual(b.scale);
  expect({ n: a.n, skipped: a.skipped, missing: a.missing }).toEqual({
    n: b.n,
    skipped: b.skipped,
    missing: b.missing,
  });
  const close = (x: number, y: number) =>
    expect(Math.abs(x - y)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(x), Math.abs(y)));
  a.counts.forEach((c, i) => {
    close(c, b.counts[i] as number);
  });
  close(a.total, b.total);
  close(a.sumOfSquaredWeights, b.sumOfSquaredWeights);
  close(a.effectiveN, b.effectiveN);
}

const shards = (k: number) =>
  scale.chain((s) => fc.tuple(fc.constant(s), fc.array(rowsOn(s), { minLength: k, maxLength: k })));

describe("distribution laws", () => {
  test.prop([shards(3)])("merging weighted shards is associative", ([s, [a, b, c]]) => {
    const [da, db, dc] = [a, b, c].map((rows) => weighted(s, rows as Row[])) as Distribution[];
    expectSameDistribution(
      mergeDistributions(
        mergeDistributions(da as Distribution, db as Distribution),
        dc as Distribution,
      ),
      mergeDistributions(
        da as Distribution,
        mergeDistributions(db as Distribution, dc as Distribution),
      ),
    );
  });

  test.prop([shards(2)])(
    "merging is commutative, and Tally.merge is the same merge",
    ([s, [a, b]]) => {
      const da = weighted(s, a as Row[]);
      const db = weighted(s, b as Row[]);
      expectSameDistribution(mergeDistributions(da, db), mergeDistributions(db, da));
      expect(new Tally(s).merge(da).merge(db).snapshot()).toEqual(mergeDistributions(da, db));
    },
  );

  test.prop([shards(2)])("tally of a concatenation is the merge of the tallies", ([s, [a, b]]) => {
    expectSameDistribution(
      weighted(s, [...(a as Row[]), ...(b as Row[])]),
      mergeDistributions(weighted(s, a as Row[]), weighted(s, b as Row[])),
    );
  });

  test.prop([scale.chain((s) => fc.tuple(fc.constant(s), scoresOn(s)))])(
    "unweighted counts are the number of each score, counted here independently",
    ([s, scores]) => {
      const d = tally(scores, s);
      const expected = Array.from(
        { length: s.max - s.min + 1 },
        (_, i) => scores.filter((x) => x === s.min + i).length,
      );
      expect(d.counts).toEqual(expected);
      expect(d).toMatchObject({
        n: scores.length,
        total: scores.length,
        effectiveN: scores.length,
      });
      expect(tally(scores, s, { weights: scores.map(() => 1) })).toEqual(d);
    },
  );

  test.prop([
    scale.chain((s) =>
      scoresOn(s).chain((x) =>
        fc.tuple(fc.constant(s), fc.constant(x), fc.shuffledSubarray(x, { minLength: x.length })),
      ),
    ),
  ])("tally is invariant under permutation", ([s, x, shuffled]) => {
    expect(tally(shuffled, s)).toEqual(tally(x, s));
  });

  test.prop([scale.chain((s) => fc.tuple(fc.constant(s), rowsOn(s)))])(
    "a weighted distribution round-trips through JSON exactly",
    ([s, rows]) => {
      const d = weighted(s, rows);
      expect(distributionFromJSON(JSON.parse(JSON.stringify(d)))).toEqual(d);
      expect(Tally.fromJSON(JSON.parse(JSON.stringify(new Tally(s).merge(d)))).snapshot()).toEqual(
        d,
      );
    },
  );

  test.prop([
    scale.chain((s) =>
      fc.tuple(
        fc.constant(s),
        rowsOn(s),
        fc.array(fc.integer({ min: 1, max: 50 }), { maxLength: 10 }),
      ),
    ),
  ])("streaming weighted rows in any chunking equals one tally", ([s, rows, cuts]) => {
    const acc = new Tally(s, { invalid: "skip" });
    const add = (part: Row[]) =>
      acc.addAll(part, { score: (r) => r.score, weights: (r) => r.weight });
    let start = 0;
    for (const cut of cuts) {
      add(rows.slice(start, start + cut));
      start += cut;
    }
    add(rows.slice(start));
    expectSameDistribution(acc.snapshot(), weighted(s, rows));
  });

  test.prop([scale.chain((s) => fc.tuple(fc.constant(s), rowsOn(s)))])(
    "weighted: total is Σw, Σw² is Σw², effectiveN is (Σw)²/Σw², rows are n + skipped + missing",
    ([s, rows]) => {
      const d = weighted(s, rows);
      const counted = rows.filter((r) => r.score !== null && r.score <= s.max);
      const sum = counted.reduce((a, r) => a + r.weight, 0);
      const squares = counted.reduce((a, r) => a + r.weight * r.weight, 0);
      const close = (x: number, y: number) =>
        expect(Math.abs(x - y)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(y)));
      close(d.total, sum);
      close(d.sumOfSquaredWeights, squares);
      close(d.effectiveN, sum === 0 ? 0 : (sum * sum) / squares);
      expect(d.n).toBe(counted.length);
      expect(d.missing).toBe(rows.filter((r) => r.score === null).length);
      expect(d.n + d.skipped + d.missing).toBe(rows.length);
    },
  );
});

describe("weight columns, across the blocks of the weighted loop", () => {
  // Weights on a grid of 2⁻¹⁰ keep every sum exact in doubles, so the bookkeeping (blocks of
  // 1,024 rows, rows skipped in the middle of a block) must give the exact totals.
  const gridRows = fc.array(
    fc.record({
      score: fc.oneof(
        { weight: 12, arbitrary: fc.integer({ min: 0, max: 10 }) },
        { weight: 1, arbitrary: fc.constant(11) },
        { weight: 1, arbitrary: fc.constant(Number.NaN) },
      ),
      weight: fc.integer({ min: 0, max: 4096 }).map((k) => k / 1024),
    }),
    { minLength: 900, maxLength: 3500 },
  );
  test.prop([gridRows], { numRuns: 30 })(
    "Σw and Σw² of typed columns are exact, and equal the record path's",
    (rows) => {
      const scores = Float64Array.from(rows, (r) => r.score);
      const weights = Float64Array.from(rows, (r) => r.weight);
      const d = tally(scores, NPS_SCALE, { weights, invalid: "skip" });
      const counted = rows.filter((r) => r.score >= 0 && r.score <= 10);
      expect(d.sumOfSquaredWeights).toBe(counted.reduce((a, r) => a + r.weight * r.weight, 0));
      expect(d.total).toBe(counted.reduce((a, r) => a + r.weight, 0));
      expect(d.n).toBe(counted.length);
      expect(d.skipped).toBe(rows.length - counted.length);
      expect(d).toEqual(
        tally(rows, NPS_SCALE, {
          score: (r) => r.score,
          weights: (r) => r.weight,
          invalid: "skip",
        }),
      );
    },
  );
  test.prop(
    [
      fc.array(fc.double({ min: 2 ** -20, max: 1e6, noNaN: true }), {
        minLength: 1000,
        maxLength: 5000,
      }),
    ],
    { numRuns: 20 },
  )("Σw² of any positive weights is within 1e-12 of the sorted sum", (ws) => {
    const weights = Float64Array.from(ws);
    const scores = new Float64Array(ws.length).fill(7);
    const d = tally(scores, NPS_SCALE, { weights });
    // Ascending order: the naive sum's error is at most n · 2⁻⁵³ of the total.
    const squares = ws.map((w) => w * w).sort((a, b) => a - b);
    const reference = squares.reduce((a, x) => a + x, 0);
    expect(Math.abs(d.sumOfSquaredWeights - reference)).toBeLessThanOrEqual(1e-12 * reference);
  });
});

describe("arrays on scales inside 0–10, counted by value up to the first other row", () => {
  // Mostly values from 0 to 10 (inside and outside each scale), then the rows the fast loop
  // stops at: missing answers, fractions, NaN, strings, and numbers past 10.
  const cell = fc.oneof(
    { weight: 20, arbitrary: fc.integer({ min: 0, max: 10 }) },
    { weight: 1, arbitrary: fc.constantFrom(null, undefined, 4.5, Number.NaN, "5", 11, -1, -0) },
  );
  const scaleInside = fc.constantFrom<Scale>(
    NPS_SCALE,
    CSAT_SCALE,
    CES_SCALE,
    { min: 3, max: 4 },
    { min: 0, max: 100 },
  );
  const policies = fc.constantFrom<"skip" | "throw">("skip", "throw");
  /** The distribution, or the code and index of the error. */
  const outcome = (count: () => Distribution) => {
    try {
      return count();
    } catch (error) {
      const { code, details } = error as { code: string; details: { index?: number } };
      return { code, index: details.index };
    }
  };
  test.prop([scaleInside, fc.array(cell, { maxLength: 300 }), policies, policies])(
    "give what one row at a time gives, the same first bad row named or the same rows skipped",
    (s, rows, invalid, missing) => {
      const options = { invalid, missing } as const;
      const byRow = outcome(() => {
        const acc = createTally(s, options);
        for (const r of rows) acc.add(r as number);
        return acc.snapshot();
      });
      // The array loop, and the array-like loop (no constant bounds) on the same rows.
      const arrayLike: ArrayLike<number> = { ...(rows as number[]), length: rows.length };
      expect(outcome(() => tally(rows as number[], s, options))).toEqual(byRow);
      expect(outcome(() => tally(arrayLike, s, options))).toEqual(byRow);
    },
  );
});
