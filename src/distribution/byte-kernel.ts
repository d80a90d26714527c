/**
 * The WebAssembly SIMD kernel that counts byte-coded scores (`wasm/byte-counts.wat`): compiled
 * once, synchronously, on first use, switched off and on by {@link useWebAssembly}, and fed the
 * caller's bytes 256 KiB at a time — for a full count on a scale of up to 11 points, and for
 * the three groups of NPS.
 *
 * @module
 */

import { describeValue, MetricError } from "../errors/metric-error.js";
import { byteCountsWasm } from "./wasm/byte-counts.js";

/** Byte-coded scores. @internal */
export type ByteArray = Uint8Array | Int8Array | Uint8ClampedArray;

/** The kernel's exports, once instantiated. @internal */
export interface Kernel {
  readonly count: (steps: number, min: number) => void;
  readonly npsGroups: (vectors: number) => void;
  readonly chunk: Uint8Array;
  readonly totals: Uint32Array;
}

/**
 * The chunk copied into WebAssembly memory per call: small enough to stay in the core's cache,
 * large enough that the copy runs near memory speed. @internal
 */
export const KERNEL_CHUNK = 262_144;
/** The kernel's `count` takes whole steps of this many bytes; the rest of a chunk is counted here. */
const KERNEL_STEP = 64;
/** Where `count` leaves the largest point, lane by lane, among its totals (four u32 of four bytes). */
const COUNT_LARGEST = 40;
/** The totals' u32 slots: `count`'s ten totals of four lanes and its largest point. */
const TOTALS = COUNT_LARGEST + 4;
/** Where `npsGroups` leaves the largest byte. */
const NPS_LARGEST = 8;
/** Below this many bytes the tables are as fast, and the kernel is never compiled. @internal */
export const KERNEL_THRESHOLD = 65_536;
/** The kernel counts scales of up to 11 points (NPS's 0–10). @internal */
export const KERNEL_BINS = 11;

/** The part of the WebAssembly API used here (the library's lib settings declare no DOM). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object) => { readonly exports: Record<string, unknown> };
}

// undefined: not tried yet; null: unavailable (no WebAssembly, no SIMD, or refused).
let kernel: Kernel | null | undefined;
// Whether the kernel may be used (useWebAssembly); turning it off keeps a compiled one.
let allowed = true;

/**
 * The kernel, compiled and instantiated synchronously the first time it is needed, or null where
 * it is unavailable or turned off. @internal
 */
export function loadKernel(): Kernel | null {
  if (!allowed) return null;
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
      totals: new Uint32Array(exports.memory.buffer, KERNEL_CHUNK, TOTALS),
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
 * once, synchronously, the first time an array of 64 KiB or more is counted, and kept when the
 * kernel is turned off and on again; where WebAssembly or SIMD is missing or refused, the
 * JavaScript path is used without a word (and turning the kernel on tries again). The counts
 * are the same either way.
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
  allowed = enabled;
  // A kernel once compiled is kept (compiling it again costs its first calls their speed); one
  // that could not be compiled is tried again.
  if (enabled && kernel === null) kernel = undefined;
}

/** The same memory as unsigned bytes (no copy). @internal */
export function asBytes(scores: ByteArray): Uint8Array {
  return scores instanceof Uint8Array
    ? scores
    : new Uint8Array(scores.buffer, scores.byteOffset, scores.length);
}

/**
 * The sum of four slots from `at`, `stride` apart: a kernel total's lanes, or a value's four
 * tables. @internal
 */
export function sumOfFour(slots: Uint32Array, at: number, stride = 1): number {
  return (
    (slots[at] as number) +
    (slots[at + stride] as number) +
    (slots[at + 2 * stride] as number) +
    (slots[at + 3 * stride] as number)
  );
}

/**
 * The bit pattern (0–255) of score `value` in an array of this kind, or −1 if it has none.
 * @internal
 */
export function patternOf(scores: ByteArray, value: number): number {
  if (scores instanceof Int8Array) return value >= -128 && value <= 127 ? value & 255 : -1;
  return value >= 0 && value <= 255 ? value : -1;
}

/** The largest of the sixteen bytes held in four u32 slots from `at` (a kernel's running maximum). */
function largestByte(slots: Uint32Array, at: number): number {
  let largest = 0;
  for (let t = at; t < at + 4; t++) {
    const lanes = slots[t] as number;
    largest = Math.max(
      largest,
      lanes & 255,
      (lanes >>> 8) & 255,
      (lanes >>> 16) & 255,
      lanes >>> 24,
    );
  }
  return largest;
}

/**
 * The kernel, chunk by chunk, and the bytes past its last whole step by hand. The kernel gives
 * ten counts of bits of the points (see `wasm/byte-counts.wat`), which give each point's count
 * by inclusion–exclusion as long as every point is at most `span`: when one is not, this stops
 * with the counts short, and the caller, finding they do not add up, refuses the array.
 *
 * @internal
 */
export function countWithKernel(
  fast: Kernel,
  bytes: Uint8Array,
  scores: ByteArray,
  min: number,
  span: number,
  counts: Float64Array,
): void {
  const { chunk, totals } = fast;
  const length = bytes.length;
  const bins = span + 1;
  // A bin whose score has no byte pattern in this kind of array can match nothing: leave it 0.
  const patterns = Array.from({ length: bins }, (_, k) => patternOf(scores, min + k));
  // b0, b1, b2, b3, b0·b1, b0·b2, b1·b2, b0·b1·b2, b0·b3, b1·b3 of the points counted so far.
  const bits = new Float64Array(10);
  let counted = 0;
  for (let start = 0; start < length; start += KERNEL_CHUNK) {
    const end = Math.min(start + KERNEL_CHUNK, length);
    const whole = (end - start) & -KERNEL_STEP;
    totals.fill(0);
    chunk.set(bytes.subarray(start, start + whole));
    fast.count(whole / KERNEL_STEP, min);
    if (largestByte(totals, COUNT_LARGEST) > span) return;
    for (let j = 0; j < 10; j++) bits[j] = (bits[j] as number) + sumOfFour(totals, 4 * j);
    counted += whole;
    for (let i = start + whole; i < end; i++) {
      const point = ((bytes[i] as number) - min) & 255;
      if (point < bins) counts[point] = (counts[point] as number) + 1;
    }
  }
  const fromBits = pointsFromBits(bits, counted);
  for (let k = 0; k < bins; k++) {
    // A point counted (by the kernel or by hand) whose score this kind of array cannot hold
    // is a byte off the scale (−128 read as 128): leave it out, so the counts fall short.
    if ((patterns[k] as number) < 0) counts[k] = 0;
    else counts[k] = (counts[k] as number) + (fromBits[k] as number);
  }
}

/**
 * The counts of the points 0–10 among `n` points from their ten bit counts, in the kernel's
 * order, by inclusion–exclusion: each point from 0 to 10 has its own set of bits (9 = b0·b3),
 * so the count of those with all of a set's bits is the sum of the counts of the points that
 * have them (b0·b1 counts 3 and 7). Right only when every point is at most 10.
 */
function pointsFromBits(bits: Float64Array, n: number): Float64Array {
  const b0 = bits[0] as number;
  const b1 = bits[1] as number;
  const b2 = bits[2] as number;
  const b3 = bits[3] as number;
  const b01 = bits[4] as number;
  const b02 = bits[5] as number;
  const b12 = bits[6] as number;
  const b012 = bits[7] as number;
  const b03 = bits[8] as number;
  const b13 = bits[9] as number;
  const c = new Float64Array(11);
  c[10] = b13;
  c[9] = b03;
  c[8] = b3 - b03 - b13;
  c[7] = b012;
  c[6] = b12 - b012;
  c[5] = b02 - b012;
  c[3] = b01 - b012;
  c[4] = b2 - c[5] - c[6] - c[7];
  c[2] = b1 - c[3] - c[6] - c[7] - c[10];
  c[1] = b0 - c[3] - c[5] - c[7] - c[9];
  let others = 0;
  for (let k = 1; k <= 10; k++) others += c[k] as number;
  c[0] = n - others;
  return c;
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
    // The largest byte, lane by lane, 32 bytes past the totals: on the scale if at most 10.
    if (largestByte(totals, NPS_LARGEST) > 10) return undefined;
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
