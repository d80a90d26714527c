import { describe, expect, it } from "vitest";
import { distributionFromJSON, fromCounts } from "../../src/distribution/distribution.js";
import { mergeDistributions } from "../../src/distribution/merge.js";
import { CES_SCALE, CSAT_SCALE, NPS_SCALE } from "../../src/distribution/scale.js";
import { createTally, Tally, tally } from "../../src/distribution/tally.js";
import { MetricError } from "../../src/errors/metric-error.js";
import { codeOf } from "../codes.js";

describe("tally", () => {
  it("accepts arrays, every typed array, iterables and records", () => {
    const scores = [1, 2, 2, 5, 5, 5];
    const expected = [1, 2, 0, 0, 3];
    const inputs: Iterable<number>[] = [
      scores,
      new Uint8Array(scores),
      new Int8Array(scores),
      new Uint16Array(scores),
      new Int16Array(scores),
      new Uint32Array(scores),
      new Int32Array(scores),
      new Float32Array(scores),
      new Float64Array(scores),
      new Uint8ClampedArray(scores),
      new Set([1, 2, 5]),
      (function* () {
        yield* scores;
      })(),
    ];
    for (const input of inputs.slice(0, 10))
      expect(tally(input, CSAT_SCALE).counts).toEqual(expected);
    expect(tally(inputs[10] as Set<number>, CSAT_SCALE).counts).toEqual([1, 1, 0, 0, 1]);
    expect(tally(inputs[11] as Iterable<number>, CSAT_SCALE).counts).toEqual(expected);
    const records = scores.map((s) => ({ answer: s }));
    expect(tally(records, CSAT_SCALE, { score: (r) => r.answer }).counts).toEqual(expected);
    expect(tally({ length: 2, 0: 5, 1: 4 }, CSAT_SCALE).counts).toEqual([0, 0, 0, 1, 1]);
  });

  it("handles scales beyond 32-bit integers and negative scales", () => {
    const big = { min: 3_000_000_000, max: 3_000_000_002 };
    expect(tally([3_000_000_001, 3_000_000_002], big).counts).toEqual([0, 1, 1]);
    expect(tally([-2, 0, 2], { min: -2, max: 2 }).counts).toEqual([1, 0, 1, 0, 1]);
  });

  it("weights by array or accessor, with Kish's effective n", () => {
    const d = tally([5, 4, 1], CSAT_SCALE, { weights: [2, 1, 1] });
    expect(d.counts).toEqual([1, 0, 0, 1, 2]);
    expect(d.total).toBe(4);
    expect(d.n).toBe(3);
    expect(d.sumOfSquaredWeights).toBe(6);
    expect(d.effectiveN).toBeCloseTo(16 / 6, 15);
    const byAccessor = tally(
      [
        { s: 5, w: 2 },
        { s: 4, w: 1 },
        { s: 1, w: 1 },
      ],
      CSAT_SCALE,
      {
        score: (r) => r.s,
        weights: (r) => r.w,
      },
    );
    expect(byAccessor).toEqual(d);
    expect(tally([5, 4], CSAT_SCALE, { weights: new Float64Array([1, 1]) }).effectiveN).toBe(2);
  });

  it("counts what it skips, and names what it refuses", () => {
    const d = tally([5, 6, 4.5, Number.NaN, "5", null, 3], CSAT_SCALE, { invalid: "skip" });
    // null is a missing answer, counted apart from the four invalid rows.
    expect(d.skipped).toBe(4);
    expect(d.missing).toBe(1);
    expect(d.n).toBe(2);
    expect(tally([5, 4], CSAT_SCALE, { weights: [1, -1], invalid: "skip" }).skipped).toBe(1);
    const cases: [unknown[], string, number][] = [
      [[5, 6], "SCORE_OUT_OF_SCALE", 1],
      [[5, 0], "SCORE_OUT_OF_SCALE", 1],
      [[5, 4.5], "SCORE_NOT_INTEGER", 1],
      [[Number.NaN], "NON_FINITE", 0],
      [[5, 5, Number.NEGATIVE_INFINITY], "NON_FINITE", 2],
      [[5, "5"], "INVALID_INPUT", 1],
      [[5, 5, Symbol("s")], "INVALID_INPUT", 2],
    ];
    for (const [input, code, index] of cases) {
      try {
        tally(input as number[], CSAT_SCALE);
        expect.fail(`${JSON.stringify(input)} should throw`);
      } catch (error) {
        expect(error).toBeInstanceOf(MetricError);
        expect((error as MetricError).code).toBe(code);
        expect((error as MetricError).details.index).toBe(index);
        expect((error as MetricError).message).toContain(`index ${index}`);
      }
    }
  });

  it("rejects bad weights and arguments", () => {
    expect(codeOf(() => tally([5], CSAT_SCALE, { weights: [-1] }))).toBe("INVALID_WEIGHT");
    expect(codeOf(() => tally([5], CSAT_SCALE, { weights: [Number.NaN] }))).toBe("INVALID_WEIGHT");
    expect(codeOf(() => tally([5], CSAT_SCALE, { weights: ["1" as unknown as number] }))).toBe(
      "INVALID_WEIGHT",
    );
    expect(codeOf(() => tally([5, 4], CSAT_SCALE, { weights: [1] }))).toBe("INVALID_INPUT");
    expect(codeOf(() => tally([5], CSAT_SCALE, { weights: [1, 1] }))).toBe("INVALID_INPUT");
    expect(codeOf(() => tally([5], CSAT_SCALE, { weights: 3 as unknown as number[] }))).toBe(
      "INVALID_OPTION",
    );
    expect(codeOf(() => tally([5], CSAT_SCALE, { score: "x" as unknown as () => number }))).toBe(
      "INVALID_OPTION",
    );
    expect(codeOf(() => tally([5], CSAT_SCALE, { invalid: "ignore" as "skip" }))).toBe(
      "INVALID_OPTION",
    );
    expect(codeOf(() => tally(5 as unknown as number[], CSAT_SCALE))).toBe("INVALID_INPUT");
    expect(codeOf(() => tally([5], { min: 1.5, max: 5 }))).toBe("INVALID_SCALE");
    expect(codeOf(() => tally([5], { min: 5, max: 5 }))).toBe("INVALID_SCALE");
    expect(codeOf(() => tally([5], null as unknown as typeof CSAT_SCALE))).toBe("INVALID_SCALE");
  });

  it("is exact and JSON round-trips", () => {
    const d = tally([0, 10, 10, 7], NPS_SCALE);
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
    expect(distributionFromJSON(JSON.parse(JSON.stringify(d)))).toEqual(d);
    expect(d.effectiveN).toBe(4);
  });
});

describe("fromCounts", () => {
  it("reads arrays and records keyed by score", () => {
    expect(fromCounts(CSAT_SCALE, { 5: 3, "4": 2 }).counts).toEqual([0, 0, 0, 2, 3]);
    expect(fromCounts(CSAT_SCALE, [1, 2, 3, 4, 5]).total).toBe(15);
  });

  it("accepts weighted totals with their sum of squared weights and n", () => {
    const d = fromCounts(CSAT_SCALE, [0.5, 0, 0, 0, 2.5], { sumOfSquaredWeights: 2.5, n: 4 });
    expect(d.effectiveN).toBeCloseTo(9 / 2.5, 15);
    expect(d.n).toBe(4);
  });

  it("rejects bad counts, keys and options", () => {
    expect(codeOf(() => fromCounts(CSAT_SCALE, [1, 2]))).toBe("INVALID_INPUT");
    expect(codeOf(() => fromCounts(CSAT_SCALE, [1, 2, 3, 4, -5]))).toBe("INVALID_COUNT");
    expect(codeOf(() => fromCounts(CSAT_SCALE, [1, 2, 3, 4, 0.5]))).toBe("INVALID_COUNT");
    expect(codeOf(() => fromCounts(CSAT_SCALE, { 6: 1 }))).toBe("SCORE_OUT_OF_SCALE");
    expect(codeOf(() => fromCounts(CSAT_SCALE, { five: 1 }))).toBe("INVALID_INPUT");
    for (const key of ["5.0", "05", " 5", "5e0", "", "-0"]) {
      expect(codeOf(() => fromCounts(CSAT_SCALE, { [key]: 1, 4: 1 }))).toBe("INVALID_INPUT");
    }
    expect(codeOf(() => fromCounts(CSAT_SCALE, { 5: Number.POSITIVE_INFINITY }))).toBe(
      "INVALID_COUNT",
    );
    expect(codeOf(() => fromCounts(CSAT_SCALE, null as unknown as number[]))).toBe("INVALID_INPUT");
    expect(codeOf(() => fromCounts(CSAT_SCALE, [1, 1, 1, 1, 1], { n: 5 }))).toBe("INVALID_INPUT");
  });
});

describe("distributionFromJSON", () => {
  it("rejects malformed data with a code", () => {
    const good = JSON.parse(JSON.stringify(tally([5, 4], CSAT_SCALE)));
    expect(codeOf(() => distributionFromJSON(null))).toBe("INVALID_INPUT");
    expect(codeOf(() => distributionFromJSON([]))).toBe("INVALID_INPUT");
    // The JSON text itself is not the parsed value: say so.
    expect(() =>
      distributionFromJSON(JSON.stringify(fromCounts(NPS_SCALE, Array(11).fill(1)))),
    ).toThrow(
      /^distributionFromJSON: expected the parsed JSON value, not its text: pass JSON\.parse\(text\)/,
    );
    expect(codeOf(() => distributionFromJSON({ ...good, scale: { min: 1 } }))).toBe(
      "INVALID_SCALE",
    );
    expect(codeOf(() => distributionFromJSON({ ...good, counts: [1] }))).toBe("INVALID_INPUT");
    expect(codeOf(() => distributionFromJSON({ ...good, counts: [0, 0, 0, -1, 1] }))).toBe(
      "INVALID_COUNT",
    );
    expect(codeOf(() => distributionFromJSON({ ...good, n: 1.5 }))).toBe("INVALID_INPUT");
    expect(codeOf(() => distributionFromJSON({ ...good, skipped: -1 }))).toBe("INVALID_INPUT");
    expect(codeOf(() => distributionFromJSON({ ...good, sumOfSquaredWeights: "2" }))).toBe(
      "INVALID_INPUT",
    );
  });
});

describe("Tally (streaming)", () => {
  it("adds one at a time, in chunks, and merges shards", () => {
    const acc = createTally(NPS_SCALE).add(10).add(9, 2).addAll([0, 7]);
    const other = new Tally(NPS_SCALE).addAll(new Uint8Array([10, 10]));
    const d = acc
      .merge(other)
      .merge(tally([3], NPS_SCALE))
      .snapshot();
    expect(d.counts).toEqual([1, 0, 0, 1, 0, 0, 0, 1, 0, 2, 3]);
    expect(d.n).toBe(7);
    expect(d.total).toBe(8);
    expect(d.sumOfSquaredWeights).toBe(10);
  });

  it("carries its state across processes through JSON", () => {
    const acc = new Tally(CES_SCALE, { invalid: "skip" }).addAll([7, 6, 9]);
    const revived = Tally.fromJSON(JSON.parse(JSON.stringify(acc)));
    expect(revived.snapshot()).toEqual(acc.snapshot());
    revived.add(5);
    expect(revived.snapshot().n).toBe(3);
    expect(acc.snapshot().n).toBe(2);
  });

  it("leaves its state unchanged when addAll throws", () => {
    const acc = new Tally(CSAT_SCALE).addAll([5, 4]);
    const before = acc.snapshot();
    expect(codeOf(() => acc.addAll([3, 3, 9]))).toBe("SCORE_OUT_OF_SCALE");
    expect(codeOf(() => acc.addAll([3], { weights: [-1] }))).toBe("INVALID_WEIGHT");
    expect(acc.snapshot()).toEqual(before);
  });

  it("numbers add() errors by the row's position in the stream", () => {
    const acc = new Tally(CSAT_SCALE).add(5).add(4);
    try {
      acc.add(8);
      expect.fail("should throw");
    } catch (error) {
      expect((error as MetricError).details).toMatchObject({ fn: "Tally.add", index: 2, value: 8 });
    }
    expect(codeOf(() => acc.add(5, -2))).toBe("INVALID_WEIGHT");
    expect(codeOf(() => acc.merge(tally([1], CES_SCALE)))).toBe("SCALE_MISMATCH");
  });

  it("exposes only its public methods", () => {
    const methods = Object.getOwnPropertyNames(Tally.prototype).sort();
    expect(methods).toEqual(["add", "addAll", "constructor", "merge", "snapshot", "toJSON"]);
  });

  it("refuses a merge past 2^53 − 1 rows and keeps its state", () => {
    const big = fromCounts(CSAT_SCALE, [0, 0, 0, 0, Number.MAX_SAFE_INTEGER - 1]);
    const acc = new Tally(CSAT_SCALE).merge(big);
    const before = acc.snapshot();
    expect(codeOf(() => acc.merge(tally([5, 5], CSAT_SCALE)))).toBe("INVALID_COUNT");
    expect(acc.snapshot()).toEqual(before);
    expect(acc.add(5).snapshot().n).toBe(Number.MAX_SAFE_INTEGER);
  });
});

describe("tally never coerces what it is given", () => {
  it("does not call valueOf or toString on elements", () => {
    let called = 0;
    const sneaky = {
      valueOf() {
        called++;
        return 5;
      },
    };
    expect(codeOf(() => tally([sneaky] as unknown as number[], CSAT_SCALE))).toBe("INVALID_INPUT");
    expect(tally([5, sneaky] as unknown as number[], CSAT_SCALE, { invalid: "skip" }).skipped).toBe(
      1,
    );
    expect(called).toBe(0);
  });

  it("refuses array-likes no array could be, and malformed distributions to merge", () => {
    expect(
      codeOf(() => tally({ length: 1e12 } as unknown as number[], CSAT_SCALE, { invalid: "skip" })),
    ).toBe("INVALID_INPUT");
    expect(codeOf(() => tally({ length: -1 } as unknown as number[], CSAT_SCALE))).toBe(
      "INVALID_INPUT",
    );
    const forged = { ...tally([5], CSAT_SCALE), counts: [0, 0, 0, 0, Number.NaN] };
    expect(codeOf(() => new Tally(CSAT_SCALE).merge(forged))).toBe("INVALID_COUNT");
    expect(codeOf(() => mergeDistributions(tally([5], CSAT_SCALE), forged))).toBe("INVALID_COUNT");
  });

  it("says a row that is itself a list of scores is a chunk, and how to count it", () => {
    const chunked = [[9, 10], [3]] as unknown as number[];
    expect(() => tally(chunked, NPS_SCALE)).toThrow(
      /^tally: the score at index 0 is a chunk of 2 values, not one score .*createTally\(scale\)\.addAll\(chunk\)/,
    );
    expect(() => tally([new Uint8Array([7])] as unknown as number[], NPS_SCALE)).toThrow(
      /the score at index 0 is a chunk of 1 value, not one score/,
    );
    expect(tally(chunked, NPS_SCALE, { invalid: "skip" }).skipped).toBe(2);
  });

  it("refuses a Map given as the scores, and reads one with a score accessor", () => {
    const counts = new Map([
      [10, 3],
      [0, 1],
    ]);
    expect(() => tally(counts as unknown as number[], NPS_SCALE, { invalid: "skip" })).toThrow(
      /^tally: a Map is read as \[key, value\] entries, not scores: pass map.values\(\)/,
    );
    expect(tally(counts.keys(), NPS_SCALE).n).toBe(2);
    const byId = new Map([
      ["a", { score: 10 }],
      ["b", { score: 10 }],
    ]);
    expect(tally(byId, NPS_SCALE, { score: ([, r]) => r.score }).counts[10]).toBe(2);
  });

  it("reads bigints exactly, refuses out-of-scale ones and DataViews with a code", () => {
    expect(tally(new BigInt64Array([5n, 1n]), CSAT_SCALE).counts).toEqual([1, 0, 0, 0, 1]);
    expect(codeOf(() => tally(new BigInt64Array([6n]), CSAT_SCALE))).toBe("SCORE_OUT_OF_SCALE");
    expect(codeOf(() => tally([2n ** 64n], CSAT_SCALE))).toBe("SCORE_OUT_OF_SCALE");
    expect(
      codeOf(() => tally(new DataView(new ArrayBuffer(2)) as unknown as number[], CSAT_SCALE)),
    ).toBe("INVALID_INPUT");
  });
});
