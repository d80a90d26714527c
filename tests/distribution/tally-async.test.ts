// tallyAsync: the same distribution as tally, from any async source, in order, with errors named.
import { Readable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NPS_SCALE } from "../../src/distribution/scale.js";
import { tally } from "../../src/distribution/tally.js";
import { tallyAsync } from "../../src/distribution/tally-async.js";
import { MetricError } from "../../src/errors/metric-error.js";

async function* slowly<T>(rows: readonly T[]): AsyncGenerator<T> {
  for (const row of rows) {
    await Promise.resolve();
    yield row;
  }
}

const answer = fc.oneof(
  fc.integer({ min: 0, max: 10 }),
  fc.constant(null),
  fc.constant(11),
  fc.constant("9"),
);

describe("tallyAsync", () => {
  it("equals tally on the same rows, whatever the policies and weights", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ s: answer, w: fc.double({ min: 0, max: 10, noNaN: true }) }), {
          maxLength: 60,
        }),
        fc.boolean(),
        async (rows, weighted) => {
          const options = {
            score: (r: { s: unknown }) => r.s,
            invalid: "skip" as const,
            ...(weighted ? { weights: (r: { w: number }) => r.w } : {}),
          };
          expect(await tallyAsync(slowly(rows), NPS_SCALE, options)).toEqual(
            tally(rows, NPS_SCALE, options),
          );
        },
      ),
    );
  });

  it("reads a Node object stream and a plain iterable, but not a Map of scores", async () => {
    const stream = Readable.from([{ nps: 10 }, { nps: 9 }, { nps: null }]);
    const d = await tallyAsync(stream, NPS_SCALE, { score: (r) => r.nps });
    expect([d.n, d.missing]).toEqual([2, 1]);
    expect((await tallyAsync([1, 2, 2, 3].values(), NPS_SCALE)).n).toBe(4);
    expect((await tallyAsync(new Set([1, 2, 3]), NPS_SCALE)).n).toBe(3);
    await expect(tallyAsync(new Map([[1, 2]]), NPS_SCALE)).rejects.toThrow(
      /^tallyAsync: a Map is read as \[key, value\] entries/,
    );
  });

  it("rejects with the row's index, and wraps a failing source", async () => {
    await expect(tallyAsync(slowly([10, 11]), NPS_SCALE)).rejects.toMatchObject({
      code: "SCORE_OUT_OF_SCALE",
      details: { index: 1, value: 11 },
    });
    async function* broken() {
      yield 10;
      throw new Error("connection reset");
    }
    const error = await tallyAsync(broken(), NPS_SCALE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MetricError);
    expect((error as MetricError).code).toBe("INVALID_INPUT");
    expect((error as MetricError).message).toMatch(/connection reset/);
    await expect(tallyAsync(5 as never, NPS_SCALE)).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    await expect(tallyAsync([1], { min: 5, max: 1 })).rejects.toMatchObject({
      code: "INVALID_SCALE",
    });
    await expect(tallyAsync([1], NPS_SCALE, { weights: [1, 2] })).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
  });

  it("says how to count a stream of chunks: a byte stream not in object mode yields Buffers", async () => {
    const bytes = Readable.from([Buffer.from([9, 10, 3]), Buffer.from([0, 7])]);
    await expect(tallyAsync(bytes, NPS_SCALE)).rejects.toThrow(
      /^tallyAsync: the score at index 0 is a chunk of 3 values, not one score .*createTally\(scale\)\.addAll\(chunk\): /,
    );
    await expect(tallyAsync(slowly([9, [1, 2]]), NPS_SCALE)).rejects.toMatchObject({
      code: "INVALID_INPUT",
      details: { index: 1 },
    });
    // Under invalid: "skip" a chunk is an invalid row like any other: skipped and counted.
    const skipped = await tallyAsync(slowly([9, [1, 2], 10]), NPS_SCALE, { invalid: "skip" });
    expect([skipped.n, skipped.skipped]).toEqual([2, 1]);
    // With a score accessor, a row may be anything the accessor reads.
    const rows = slowly([[9], [10]]);
    expect((await tallyAsync(rows, NPS_SCALE, { score: (r) => (r as number[])[0] })).n).toBe(2);
  });

  it("holds constant memory: a million generated rows, nothing kept", async () => {
    async function* many() {
      for (let i = 0; i < 1_000_000; i++) yield i % 11;
    }
    const d = await tallyAsync(many(), NPS_SCALE);
    expect(d.n).toBe(1_000_000);
    expect(d.counts[0]).toBe(90910);
  });
});
