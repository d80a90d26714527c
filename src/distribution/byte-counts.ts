/**
 * Counting byte-coded scores (`Uint8Array`, `Int8Array`, `Uint8ClampedArray`) near memory
 * speed: a WebAssembly SIMD kernel (`wasm/byte-counts.wat`) for scales of up to 11 points, and
 * a plain JavaScript loop over four interleaved 256-entry tables where WebAssembly or SIMD is
 * missing or refused (a content security policy without `wasm-unsafe-eval`), for other scales
 * and for short arrays. Neither checks bytes one by one: the tables check the scale once every
 * byte is counted, the kernel once per chunk (by its largest point). When a byte is off the
 * scale they add nothing and say so, and the caller's checked loop finds it and names its index.
 *
 * @module
 */

import {
  asBytes,
  type ByteArray,
  countWithKernel,
  KERNEL_BINS,
  KERNEL_THRESHOLD,
  loadKernel,
  patternOf,
  sumOfFour,
} from "./byte-kernel.js";

/**
 * Count the bytes of `scores` on the scale min … min + span into `into` (one slot per point),
 * and return true; or, if any byte is off the scale, add nothing and return false. `method`
 * forces a path (tests compare them); by default the kernel counts long arrays on scales of up
 * to 11 points when it is available, the tables everything else.
 *
 * @internal
 */
export function countBytes(
  scores: ByteArray,
  min: number,
  span: number,
  into: Float64Array,
  method?: "kernel" | "tables",
): boolean {
  const bytes = asBytes(scores);
  const wanted =
    method === undefined
      ? bytes.length >= KERNEL_THRESHOLD && span < KERNEL_BINS
      : method === "kernel";
  const fast = wanted ? loadKernel() : null;
  if (method === "kernel" && (fast === null || span >= KERNEL_BINS)) {
    throw new Error("the WebAssembly kernel is unavailable here, or the scale has over 11 points");
  }
  const counts = new Float64Array(span + 1);
  if (fast === null) countWithTables(bytes, scores, min, span, counts);
  else countWithKernel(fast, bytes, scores, min, span, counts);
  let total = 0;
  for (let k = 0; k <= span; k++) total += counts[k] as number;
  if (total !== bytes.length) return false;
  for (let k = 0; k <= span; k++) into[k] = (into[k] as number) + (counts[k] as number);
  return true;
}

/** Four interleaved tables of all 256 byte values, so consecutive increments do not collide. */
function countWithTables(
  bytes: Uint8Array,
  scores: ByteArray,
  min: number,
  span: number,
  counts: Float64Array,
): void {
  // Uint32 slots: each table sees a quarter of at most 2³² bytes per round.
  const tables = new Uint32Array(1024);
  const length = bytes.length;
  let i = 0;
  for (; i + 3 < length; i += 4) {
    const a = bytes[i] as number;
    const b = 256 + (bytes[i + 1] as number);
    const c = 512 + (bytes[i + 2] as number);
    const d = 768 + (bytes[i + 3] as number);
    tables[a] = (tables[a] as number) + 1;
    tables[b] = (tables[b] as number) + 1;
    tables[c] = (tables[c] as number) + 1;
    tables[d] = (tables[d] as number) + 1;
  }
  for (; i < length; i++) {
    const a = bytes[i] as number;
    tables[a] = (tables[a] as number) + 1;
  }
  for (let k = 0; k <= span; k++) {
    const b = patternOf(scores, min + k);
    if (b >= 0) {
      counts[k] = sumOfFour(tables, b, 256);
    }
  }
}
