// fromCountRows: the rows of a GROUP BY query give exactly what tallying the raw rows gives.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromCountRows } from "../../src/distribution/count-rows.js";
import { NPS_SCALE } from "../../src/distribution/scale.js";
import { tally } from "../../src/distribution/tally.js";
import { tallyBy } from "../../src/distribution/tally-by.js";
import { codeOf } from "../codes.js";
import { expectClose } from "../helpers.js";

/** What a SQL engine returns for GROUP BY g, score: one row per cell, count and weight sums. */
function groupBy(
  rows: readonly { readonly g: string; readonly s: number | null; readonly w: number }[],
) {
  const cells = new Map<
    string,
    { g: string; score: number | null; n: bigint; w: number; w2: number }
  >();
  for (const r of rows) {
    const key = `${r.g}|${r.s}`;
    const cell = cells.get(key) ?? { g: r.g, score: r.s, n: 0n, w: 0, w2: 0 };
    cell.n += 1n;
    cell.w += r.w;
    cell.w2 += r.w * r.w;
    cells.set(key, cell);
  }
  return [...cells.values()];
}

const raw = fc.array(
  fc.record({
    g: fc.constantFrom("a", "b", "c"),
    s: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
    w: fc.double({ min: 0.1, max: 5, noNaN: true }),
  }),
  { minLength: 1, maxLength: 80 },
);

describe("fromCountRows", () => {
  it("unweighted, equals tally of the raw rows exactly", () => {
    fc.assert(
      fc.property(raw, (rows) => {
        const cells = groupBy(rows.map((r) => ({ ...r, g: "all" })));
        expect(fromCountRows(cells, NPS_SCALE, { score: "score", count: "n" })).toEqual(
          tally(
            rows.map((r) => r.s),
            NPS_SCALE,
          ),
        );
      }),
    );
  });

  it("weighted and per group, equals tallyBy with the same weights (to rounding)", () => {
    fc.assert(
      fc.property(raw, (rows) => {
        const groups = fromCountRows(groupBy(rows), NPS_SCALE, {
          group: "g",
          score: "score",
          count: "n",
          weight: "w",
          sumOfSquaredWeights: "w2",
        });
        const expected = tallyBy(rows, (r) => r.g, NPS_SCALE, {
          score: (r) => r.s,
          weights: (r) => r.w,
        });
        expect([...groups.keys()].sort()).toEqual([...expected.keys()].sort() as string[]);
        for (const [g, d] of groups) {
          const e = expected.get(g as "a");
          expect(d.n).toBe(e?.n);
          expect(d.missing).toBe(e?.missing);
          expectClose(d.effectiveN, e?.effectiveN as number, 1e-12, 1e-12);
          d.counts.forEach((c, i) => {
            expectClose(c, e?.counts[i] as number, 1e-12, 1e-12);
          });
        }
      }),
    );
  });

  it("adds up partial aggregates of one cell (shards) and reads accessors", () => {
    const d = fromCountRows(
      [
        { s: 10, c: 2 },
        { s: 10, c: 3 },
        { s: 0, c: 1 },
      ],
      NPS_SCALE,
      { score: (r) => r.s, count: (r) => r.c },
    );
    expect([d.counts[10], d.n]).toEqual([5, 6]);
  });

  it("refuses what is not a count, naming the row", () => {
    const bad = (rows: object[], options: object = {}) =>
      codeOf(() =>
        fromCountRows(rows as never, NPS_SCALE, {
          score: "score",
          count: "n",
          ...options,
        } as never),
      );
    expect(bad([{ score: 11, n: 1 }])).toBe("SCORE_OUT_OF_SCALE");
    expect(bad([{ score: 3, n: 1.5 }])).toBe("INVALID_COUNT");
    expect(bad([{ score: 3, n: -1n }])).toBe("INVALID_COUNT");
    expect(bad([{ score: 3, n: 2 ** 60 }])).toBe("INVALID_COUNT");
    expect(bad([{ score: 3, n: 1, w: 2 }], { weight: "w" })).toBe("INVALID_OPTION");
    // Σw² too small for Σw and n: no sample of weights could give it.
    expect(
      bad([{ score: 3, n: 2, w: 10, w2: 1 }], { weight: "w", sumOfSquaredWeights: "w2" }),
    ).toBe("INVALID_INPUT");
    expect(bad([{ score: 3, cnt: 1 }])).toBe("UNKNOWN_FIELD");
    expect(() =>
      fromCountRows(
        [
          { score: 3, n: 1 },
          { score: "x", n: 1 },
        ],
        NPS_SCALE,
        { score: "score", count: "n" },
      ),
    ).toThrow(/row 1/);
  });

  it("an empty result is an empty distribution, and NULL groups are their own key", () => {
    expect(fromCountRows([], NPS_SCALE, { score: "score", count: "n" }).n).toBe(0);
    const groups = fromCountRows([{ g: null, score: 1, n: 1 }], NPS_SCALE, {
      group: "g",
      score: "score",
      count: "n",
    });
    expect(groups.get(null)?.n).toBe(1);
  });
});
