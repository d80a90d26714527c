// Issue 9, items 3 and 7: columnar input (iterables with nulls), bigint counts and scores, and
// weights at the edges of the double range.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromCounts } from "../../src/distribution/distribution.js";
import { mergeDistributions } from "../../src/distribution/merge.js";
import { CSAT_SCALE, NPS_SCALE } from "../../src/distribution/scale.js";
import { Tally, tally } from "../../src/distribution/tally.js";
import { nps } from "../../src/survey/nps.js";
import { codeOf } from "../codes.js";
import { expectClose } from "../helpers.js";

/**
 * Shaped like an Apache Arrow `Vector`: a real `length`, values through `get(i)` and the
 * iterator, nulls for missing entries, and no indexed properties.
 */
class ArrowLikeVector<T> {
  readonly #values: readonly (T | null)[];
  constructor(values: readonly (T | null)[]) {
    this.#values = values;
  }
  get length(): number {
    return this.#values.length;
  }
  get(i: number): T | null {
    return this.#values[i] ?? null;
  }
  *[Symbol.iterator](): IterableIterator<T | null> {
    yield* this.#values;
  }
}

describe("columnar input", () => {
  it("iterates an Arrow-style vector instead of reading indices it does not have", () => {
    const column = new ArrowLikeVector([10, null, 9, 3, null, 8]);
    const d = tally(column, NPS_SCALE, { invalid: "skip" });
    expect(d.n).toBe(4);
    expect(d.missing).toBe(2);
    expect(d.skipped).toBe(0);
    expect(nps(column).score).toBe(25);
    expect(nps(column).missing).toBe(2);
  });

  it("never reads a null as 0", () => {
    const d = tally([null, null, 10], NPS_SCALE);
    expect(d.counts[0]).toBe(0);
    expect(d.n).toBe(1);
    expect(codeOf(() => tally([null], NPS_SCALE, { missing: "throw" }))).toBe("MISSING_VALUE");
  });

  it("counts holes as missing and says so when nothing is left", () => {
    // biome-ignore lint/suspicious/noSparseArray: the hole is the point of the test
    const sparse = [10, , 9];
    expect(tally(sparse, NPS_SCALE).missing).toBe(1);
    try {
      nps([null, undefined, null]);
      expect.fail("should throw");
    } catch (error) {
      expect((error as Error).message).toContain("3 missing");
    }
  });

  it("keeps missing counts through merges and JSON", () => {
    const a = tally([5, null], CSAT_SCALE);
    const b = tally([4, null, null], CSAT_SCALE);
    const merged = mergeDistributions(a, b);
    expect(merged.missing).toBe(3);
    expect(Tally.fromJSON(JSON.parse(JSON.stringify(merged))).snapshot().missing).toBe(3);
  });
});

describe("bigints from SQL", () => {
  it("reads bigint counts exactly up to 2^53 − 1", () => {
    const big = BigInt(Number.MAX_SAFE_INTEGER);
    const d = fromCounts(CSAT_SCALE, [0n, 0n, 0n, 0n, big]);
    expect(d.total).toBe(Number.MAX_SAFE_INTEGER);
    expect(fromCounts(CSAT_SCALE, { 5: 3n, 1: 1n }).counts).toEqual([1, 0, 0, 0, 3]);
    expect(nps({ promoters: 6n, passives: 2n, detractors: 2n }).score).toBe(40);
    expect(codeOf(() => fromCounts(CSAT_SCALE, [0n, 0n, 0n, 0n, big + 1n]))).toBe("INVALID_COUNT");
    expect(codeOf(() => fromCounts(CSAT_SCALE, [0, 0, 0, 0, 2 ** 53]))).toBe("INVALID_COUNT");
    expect(codeOf(() => fromCounts(CSAT_SCALE, [0, 0, 0, 2 ** 52, 2 ** 52]))).toBe("INVALID_COUNT");
  });

  it("reads bigint scores and weights", () => {
    const d = tally([10n, 9n, 3n], NPS_SCALE, { weights: [2n, 1n, 1n] });
    expect(d.counts[10]).toBe(2);
    expect(d.total).toBe(4);
  });
});

describe("weights at the edges", () => {
  it("refuses weights whose square is not a normal double, with INVALID_WEIGHT", () => {
    for (const w of [1e-160, 1e-158, 5e-324, 1e155, 1e300]) {
      expect(codeOf(() => tally([5, 4], CSAT_SCALE, { weights: [w, w] }))).toBe("INVALID_WEIGHT");
    }
  });

  it("keeps the Kish effective n exact for the smallest accepted weights", () => {
    const w = 2 ** -511;
    const d = tally([5, 4, 3], CSAT_SCALE, { weights: [w, w, 2 * w] });
    expectClose(d.effectiveN, 16 / 6, 1e-15);
  });
});

describe("a column with a validity bitmap (Arrow's layout)", () => {
  it("reads a cleared bit as a missing answer, whatever the value slot holds", () => {
    // Rows 0..9; rows 2 and 9 are null (Arrow leaves 0 in their slots).
    const values = new Uint8Array([10, 9, 0, 8, 7, 6, 10, 3, 9, 0]);
    const validity = new Uint8Array([0b1111_1011, 0b0000_0001]);
    const d = tally({ values, validity }, NPS_SCALE);
    expect(d.missing).toBe(2);
    expect(d.n).toBe(8);
    expect(d.counts[0]).toBe(0);
    expect(tally({ values }, NPS_SCALE).counts[0]).toBe(2);
    expect(tally({ values, validity: null }, NPS_SCALE).n).toBe(10);
  });

  it("agrees with the same column given with nulls, for any bitmap", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 10 }), fc.boolean()), { maxLength: 70 }),
        (cells) => {
          const values = Int32Array.from(cells.map(([v]) => v));
          const validity = new Uint8Array(Math.ceil(cells.length / 8));
          cells.forEach(([, present], i) => {
            if (present) validity[i >> 3] = (validity[i >> 3] as number) | (1 << (i & 7));
          });
          const withNulls = cells.map(([v, present]) => (present ? v : null));
          expect(tally({ values, validity }, NPS_SCALE)).toEqual(tally(withNulls, NPS_SCALE));
        },
      ),
    );
  });

  it("refuses a bitmap too short for the values", () => {
    expect(
      codeOf(() =>
        tally({ values: [1, 2, 3, 4, 5, 6, 7, 8, 9], validity: new Uint8Array(1) }, NPS_SCALE),
      ),
    ).toBe("INVALID_INPUT");
    expect(codeOf(() => tally({ values: [1], validity: [1] as never }, NPS_SCALE))).toBe(
      "INVALID_INPUT",
    );
  });

  it("refuses a real Arrow Data, and reads its Vector, nulls and all", async () => {
    const { Int8, vectorFromArray } = await import("apache-arrow");
    const vector = vectorFromArray([10, null, 9, 3, null, 8], new Int8());
    expect(() => tally(vector.data[0] as never, NPS_SCALE)).toThrow(
      /an Arrow Data is not a column/,
    );
    expect(tally(vector, NPS_SCALE).missing).toBe(2);
    expect(tally(vector.slice(1, 4), NPS_SCALE)).toMatchObject({ n: 2, missing: 1 });
  });

  it("refuses a key it would not read: it could hold the missing values", () => {
    // A misspelt bitmap would have read every row as present.
    const misspelt = { values: new Uint8Array([9, 0]), valdity: new Uint8Array([1]) };
    expect(() => tally(misspelt as never, NPS_SCALE)).toThrow(
      /^tally: a column has only values and validity, not "valdity" \(did you mean validity\?\)/,
    );
    // The shape of an Apache Arrow Data: its nulls are in nullBitmap, from offset.
    const data = {
      type: {},
      offset: 1,
      length: 2,
      values: new Uint8Array([7, 9, 0]),
      nullBitmap: new Uint8Array([0b011]),
    };
    expect(codeOf(() => tally(data as never, NPS_SCALE))).toBe("INVALID_INPUT");
    expect(() => tally(data as never, NPS_SCALE)).toThrow(
      /^tally: an Arrow Data is not a column: its nulls are in nullBitmap, from offset/,
    );
    // Every key it would not read is named.
    expect(() => tally({ values: [1], nulls: [0], offset: 1 } as never, NPS_SCALE)).toThrow(
      /not "nulls", "offset": a key left unread could hold its missing values$/,
    );
  });
});
