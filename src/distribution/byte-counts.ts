/**
 * Counting byte-coded scores (`Uint8Array`, `Int8Array`, `Uint8ClampedArray`) near memory
 * speed: a WebAssembly SIMD kernel (`wasm/byte-counts.wat`) for scales of up to 11 points, and
 * a plain JavaScript loop over four interleaved 256-entry tables where WebAssembly or SIMD is
 * missing or refused (a content security policy without `wasm-unsafe-eval`), for other scales
 * and for short arrays. Both count every byte and only then check the scale: when a byte is off
 * it, they add nothing and say so, and the caller's checked loop finds it and names its index.
 *
 * @module
 */

import { describeValue, MetricError } from "../errors/metric-error.js";
import { byteCountsWasm } from "./wasm/byte-counts.js";

/** Byte-coded scores. @internal */
export type ByteArray = Uint8Array | Int8Array | Uint8ClampedArray;

/** The kernel's exports, once instantiated. */
interface Kernel {
  readonly count: (vectors: number, min: number, bins: number) => void;
  readonly npsGroups: (vectors: number) => void;
  readonly chunk: Uint8Array;
  readonly totals: Uint32Array;
}

/**
 * The chunk copied into WebAssembly memory per call: small enough to stay in the core's cache
 * for the kernel's two passes, large enough that the copy runs near memory speed. @internal
 */
export const KERNEL_CHUNK = 262_144;
/** Below this many bytes the tables are as fast, and the kernel is never compiled. @internal */
export const KERNEL_THRESHOLD = 65_536;
/** The kernel counts up to 11 bins (NPS's 0–10). */
const KERNEL_BINS = 11;

/** The part of the WebAssembly API used here (the library's lib settings declare no DOM). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object) => { readonly exports: Record<string, unknown> };
}

// undefined: not tried yet; null: unavailable (no WebAssembly, no SIMD, or refused).
let kernel: Kernel | null | undefined;

/** Compile and instantiate the kernel, synchronously, the first time it is needed. */
function loadKernel(): Kernel | null {
  if (kernel !== undefined) return kernel;
  kernel = null;
  try {
    const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
    if (wasm === undefined || typeof atob !== "function") return kernel;
    const text = atob(byteCountsWasm);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    // Validation fails where SIMD is missing; compiling throws under a CSP that forbids it.
    if (!wasm.validate(bytes)) return kernel;
    const instance = new wasm.Instance(new wasm.Module(bytes));
    const exports = instance.exports as {
      readonly memory: { readonly buffer: ArrayBuffer };
      readonly count: Kernel["count"];
      readonly npsGroups: Kernel["npsGroups"];
    };
    kernel = {
      count: exports.count,
      npsGroups: exports.npsGroups,
      chunk: new Uint8Array(exports.memory.buffer, 0, KERNEL_CHUNK),
      totals: new Uint32Array(exports.memory.buffer, KERNEL_CHUNK, 4 * KERNEL_BINS),
    };
  } catch {
    kernel = null;
  }
  return kernel;
}

/**
 * Let `tally` and the functions built on it count long byte arrays (`Uint8Array`, `Int8Array`,
 * `Uint8ClampedArray`) with a small WebAssembly SIMD kernel (`true`, the default), or never
 * compile WebAssembly at all (`false`: a host whose content security policy forbids it and
 * that wants no violation reports, or a comparison of the two paths). The kernel is compiled
 * once, synchronously, the first time an array of 64 KiB or more is counted; where WebAssembly
 * or SIMD is missing or refused, the JavaScript path is used without a word. The counts are the
 * same either way.
 *
 * @param enabled - whether the kernel may be used
 * @throws {@link MetricError} `INVALID_OPTION` for anything but `true` or `false`.
 *
 * @example
 * ```ts
 * import { NPS_SCALE, tally, useWebAssembly } from "customer-metrics";
 * const scores = new Uint8Array(100_000).fill(9);
 * useWebAssembly(false);
 * const plain = tally(scores, NPS_SCALE).counts[9];
 * useWebAssembly(true);
 * tally(scores, NPS_SCALE).counts[9] === plain; // => true
 * ```
 *
 * @category Distribution
 */
export function useWebAssembly(enabled: boolean): void {
  if (typeof enabled !== "boolean") {
    throw new MetricError(
      "INVALID_OPTION",
      `enabled must be true or false; got ${describeValue(enabled)}`,
      { fn: "useWebAssembly", value: enabled, field: "enabled" },
    );
  }
  kernel = enabled ? undefined : null;
}

/** The same memory as unsigned bytes (no copy). */
function asBytes(scores: ByteArray): Uint8Array {
  return scores instanceof Uint8Array
    ? scores
    : new Uint8Array(scores.buffer, scores.byteOffset, scores.length);
}

/** The sum of four slots from `at`, `stride` apart: a kernel total's lanes, or a value's four tables. */
function sumOfFour(slots: Uint32Array, at: number, stride = 1): number {
  return (
    (slots[at] as number) +
    (slots[at + stride] as number) +
    (slots[at + 2 * stride] as number) +
    (slots[at + 3 * stride] as number)
  );
}

/** The bit pattern (0–255) of score `value` in an array of this kind, or −1 if it has none. */
function patternOf(scores: ByteArray, value: number): number {
  if (scores instanceof Int8Array) return value >= -128 && value <= 127 ? value & 255 : -1;
  return value >= 0 && value <= 255 ? value : -1;
}

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

/** The WebAssembly kernel, chunk by chunk; the bytes past the last whole vector by hand. */
function countWithKernel(
  fast: Kernel,
  bytes: Uint8Array,
  scores: ByteArray,
  min: number,
  span: number,
  counts: Float64Array,
): void {
  const { chunk, totals } = fast;
  const bins = span + 1;
  const length = bytes.length;
  // A bin whose score has no byte pattern in this kind of array can match nothing: leave it 0.
  const patterns = Array.from({ length: bins }, (_, k) => patternOf(scores, min + k));
  let start = 0;
  while (start < length) {
    const end = Math.min(start + KERNEL_CHUNK, length);
    const whole = (end - start) & ~15;
    totals.fill(0);
    chunk.set(bytes.subarray(start, start + whole));
    fast.count(whole >> 4, min, bins);
    for (let k = 0; k < bins; k++) {
      if ((patterns[k] as number) < 0) continue;
      counts[k] = (counts[k] as number) + sumOfFour(totals, 4 * k);
    }
    for (let i = start + whole; i < end; i++) {
      const k = (bytes[i] as number) - (min & 255);
      const point = k < 0 ? k + 256 : k;
      if (point < bins && patterns[point] === bytes[i])
        counts[point] = (counts[point] as number) + 1;
    }
    start = end;
  }
}

/** Promoters, passives and detractors of byte-coded NPS answers. @internal */
export interface ByteNpsGroups {
  readonly promoters: number;
  readonly passives: number;
  readonly detractors: number;
}

/**
 * NPS needs three groups, not eleven points: promoters (9–10), passives (7–8) and detractors
 * (0–6) of byte-coded answers on the 0–10 scale, counted by the kernel's three-group loop, or
 * undefined when a byte is off the scale, the array is short, or the kernel is unavailable (the
 * caller then counts it in full, and names a bad byte).
 *
 * @internal
 */
export function countNpsGroups(scores: ByteArray): ByteNpsGroups | undefined {
  if (scores.length < KERNEL_THRESHOLD) return undefined;
  const fast = loadKernel();
  if (fast === null) return undefined;
  const bytes = asBytes(scores);
  const { chunk, totals } = fast;
  const length = bytes.length;
  let promoters = 0;
  let detractors = 0;
  for (let start = 0; start < length; start += KERNEL_CHUNK) {
    const end = Math.min(start + KERNEL_CHUNK, length);
    const whole = (end - start) & ~15;
    totals.fill(0);
    chunk.set(bytes.subarray(start, start + whole));
    fast.npsGroups(whole >> 4);
    // The largest byte, lane by lane, 32 bytes past the totals: four u32 of four bytes each.
    for (let t = 8; t < 12; t++) {
      const lanes = totals[t] as number;
      if (
        (lanes & 255) > 10 ||
        ((lanes >>> 8) & 255) > 10 ||
        ((lanes >>> 16) & 255) > 10 ||
        lanes >>> 24 > 10
      ) {
        return undefined;
      }
    }
    promoters += sumOfFour(totals, 0);
    detractors += sumOfFour(totals, 4);
    for (let i = start + whole; i < end; i++) {
      const b = bytes[i] as number;
      if (b > 10) return undefined;
      if (b >= 9) promoters++;
      else if (b <= 6) detractors++;
    }
  }
  return { promoters, passives: length - promoters - detractors, detractors };
}
