// The WebAssembly kernel's switch and its three-group loop for NPS: the groups are those of the
// full count, and nothing is given when a byte is off the scale.
import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import { countBytes } from "../../src/distribution/byte-counts.js";
import {
  countNpsGroups,
  KERNEL_CHUNK,
  KERNEL_THRESHOLD,
  useWebAssembly,
} from "../../src/distribution/byte-kernel.js";
import { NPS_SCALE } from "../../src/distribution/scale.js";
import { tally } from "../../src/distribution/tally.js";
import { nps } from "../../src/survey/nps.js";
import { type Kind, make, reference } from "./byte-arrays.js";

// On, whatever a test file before this one in the same worker left it at.
beforeEach(() => {
  useWebAssembly(true);
});

describe("useWebAssembly", () => {
  it("keeps a compiled kernel when the kernel is turned off and on again", () => {
    const scores = new Uint8Array(KERNEL_THRESHOLD).fill(3);
    expect(countBytes(scores, 0, 10, new Float64Array(11), "kernel")).toBe(true);
    const global = globalThis as { WebAssembly?: unknown };
    const wasm = global.WebAssembly;
    try {
      // Compiling again would now fail: the kernel must be the one compiled before.
      global.WebAssembly = undefined;
      useWebAssembly(false);
      expect(() => countBytes(scores, 0, 10, new Float64Array(11), "kernel")).toThrow();
      useWebAssembly(true);
      const into = new Float64Array(11);
      expect(countBytes(scores, 0, 10, into, "kernel")).toBe(true);
      expect(into[3]).toBe(KERNEL_THRESHOLD);
    } finally {
      global.WebAssembly = wasm;
      useWebAssembly(true);
    }
  });
});

describe("countNpsGroups (the three-group kernel of nps)", () => {
  it("gives the groups of the full count, and nothing when a byte is off the scale", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: KERNEL_THRESHOLD, max: KERNEL_THRESHOLD + 4_000 }),
          fc.integer({ min: KERNEL_CHUNK - 20_000, max: KERNEL_CHUNK + 20_000 }),
        ),
        fc.integer({ min: 0, max: 15 }),
        fc.integer(),
        fc.constantFrom<Kind>("u8", "i8", "clamped"),
        fc.constantFrom(undefined, 11, 255, -1),
        (length, offset, seed, kind, bad) => {
          const scores = make(kind, new ArrayBuffer(length + offset), offset, length);
          let state = seed >>> 0 || 1;
          for (let i = 0; i < length; i++) {
            state = (Math.imul(state, 1103515245) + 12345) >>> 0;
            scores[i] = (state >>> 16) % 11;
          }
          if (bad !== undefined) scores[(state >>> 8) % length] = bad;
          const groups = countNpsGroups(scores);
          const full = reference(scores, 0, 10);
          if (full === undefined) {
            expect(groups).toBeUndefined();
            return;
          }
          const sum = (from: number, to: number) =>
            full.slice(from, to + 1).reduce((a, b) => a + b, 0);
          expect(groups).toEqual({
            promoters: sum(9, 10),
            passives: sum(7, 8),
            detractors: sum(0, 6),
          });
          expect(nps(scores)).toEqual(nps(tally(Array.from(scores), NPS_SCALE)));
        },
      ),
      { numRuns: 40 },
    );
    useWebAssembly(false);
    expect(countNpsGroups(new Uint8Array(KERNEL_THRESHOLD))).toBeUndefined();
    useWebAssembly(true);
    expect(countNpsGroups(new Uint8Array(100))).toBeUndefined();
  });
});
