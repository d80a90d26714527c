// Byte-coded input: the WebAssembly SIMD kernel and the JavaScript tables count the same as a
// plain loop, on any length, alignment, kind of byte array and scale, and refuse (add nothing)
// when a byte is off the scale, so that tally's checked loop can name it.
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { countBytes } from "../../src/distribution/byte-counts.js";
import {
  KERNEL_CHUNK,
  KERNEL_THRESHOLD,
  useWebAssembly,
} from "../../src/distribution/byte-kernel.js";
import { NPS_SCALE } from "../../src/distribution/scale.js";
import { tally } from "../../src/distribution/tally.js";
import { codeOf } from "../codes.js";
import { type Kind, make, reference } from "./byte-arrays.js";

/** Byte arrays on a scale: most bytes on it, some at its edges, a few beyond them. */
const input = fc
  .record({
    kind: fc.constantFrom<Kind>("u8", "i8", "clamped"),
    min: fc.integer({ min: -130, max: 260 }),
    span: fc.integer({ min: 0, max: 12 }),
    // Short arrays, and long ones that end before, at or past the end of the kernel's first chunk.
    length: fc.oneof(
      fc.integer({ min: 0, max: 100 }),
      fc.integer({ min: KERNEL_CHUNK - 20_000, max: KERNEL_CHUNK + 20_000 }),
    ),
    offset: fc.integer({ min: 0, max: 15 }),
    seed: fc.integer(),
    offScale: fc.constantFrom(0, 0, 1, 3),
  })
  .map(({ kind, min, span, length, offset, seed, offScale }) => {
    const buffer = new ArrayBuffer(length + offset + 7);
    const scores = make(kind, buffer, offset, length);
    let state = seed >>> 0 || 1;
    const next = () => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return state >>> 0;
    };
    for (let i = 0; i < length; i++) scores[i] = min + (next() % (span + 1));
    // Just below or above the scale, or any byte at all (far off it, the kernel's packed
    // points overflow into their neighbours: its check of the largest point must catch that).
    for (let j = 0; j < offScale && length > 0; j++) {
      const side = next() % 3;
      scores[next() % length] =
        side === 0
          ? min - 1 - (next() % 3)
          : side === 1
            ? min + span + 1 + (next() % 3)
            : next() % 256;
    }
    return { scores, min, span };
  });

describe("countBytes", () => {
  // On, whatever a test file before this one in the same worker left it at.
  beforeEach(() => {
    useWebAssembly(true);
  });
  afterEach(() => {
    useWebAssembly(true);
  });

  it("counts as the plain loop does, by the kernel and by the tables", () => {
    fc.assert(
      fc.property(input, ({ scores, min, span }) => {
        const expected = reference(scores, min, span);
        for (const method of span <= 10 ? (["kernel", "tables"] as const) : (["tables"] as const)) {
          const into = new Float64Array(span + 1).fill(1);
          const ok = countBytes(scores, min, span, into, method);
          expect(ok, method).toBe(expected !== undefined);
          // Added on success, untouched when a byte is off the scale.
          expect(Array.from(into), method).toEqual(
            expected === undefined ? new Array(span + 1).fill(1) : expected.map((c) => c + 1),
          );
        }
      }),
      { numRuns: 150 },
    );
  });

  it("keeps the kernel's steps (64 bytes) and the tail apart at every length around a step and a chunk", () => {
    const buffer = new ArrayBuffer(2 * KERNEL_CHUNK + 64);
    const chunk = KERNEL_CHUNK;
    for (const length of [
      15,
      16,
      17,
      31,
      33,
      63,
      64,
      65,
      127,
      129,
      chunk - 1,
      chunk,
      chunk + 1,
      chunk + 63,
      2 * chunk + 1,
    ]) {
      for (const offset of [0, 1, 7]) {
        const scores = new Uint8Array(buffer, offset, length);
        for (let i = 0; i < length; i++) scores[i] = (i * 7 + offset) % 11;
        const into = new Float64Array(11);
        expect(countBytes(scores, 0, 10, into, "kernel")).toBe(true);
        expect(Array.from(into)).toEqual(reference(scores, 0, 10));
        scores[length - 1] = 11;
        expect(countBytes(scores, 0, 10, new Float64Array(11), "kernel")).toBe(false);
      }
    }
  });
});

describe("tally on byte arrays", () => {
  afterEach(() => {
    useWebAssembly(true);
  });

  it("gives the distribution of the same numbers in a plain array, with or without the kernel", () => {
    const n = KERNEL_THRESHOLD + 1234;
    const scores = new Uint8Array(n);
    for (let i = 0; i < n; i++) scores[i] = (i * 2654435761) % 11;
    const plain = tally(Array.from(scores), NPS_SCALE);
    expect(tally(scores, NPS_SCALE)).toEqual(plain);
    useWebAssembly(false);
    expect(tally(scores, NPS_SCALE)).toEqual(plain);
    // Int8 on a scale below 0, and a CSAT scale.
    const signed = new Int8Array(n).map((_, i) => -3 + (i % 4));
    expect(tally(signed, { min: -3, max: 0 })).toEqual(
      tally(Array.from(signed), { min: -3, max: 0 }),
    );
  });

  it("names the first byte off the scale, wherever it is", () => {
    const scores = new Uint8Array(KERNEL_THRESHOLD * 2).fill(7);
    scores[100_001] = 11;
    scores[120_000] = 200;
    expect(() => tally(scores, NPS_SCALE)).toThrow(/index 100001/);
    expect(codeOf(() => tally(scores, NPS_SCALE))).toBe("SCORE_OUT_OF_SCALE");
    const skipped = tally(scores, NPS_SCALE, { invalid: "skip" });
    expect(skipped.skipped).toBe(2);
    expect(skipped.n).toBe(scores.length - 2);
  });
});
