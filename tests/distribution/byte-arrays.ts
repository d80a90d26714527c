// Byte arrays for the tests of the byte counts and of the kernel: one of each kind on a given
// buffer, and what a plain loop counts of them.

export type Kind = "u8" | "i8" | "clamped";
/** A byte array of this kind on `buffer`, from `offset`. */
export const make = (
  kind: Kind,
  buffer: ArrayBuffer,
  offset: number,
  length: number,
): Uint8Array | Int8Array | Uint8ClampedArray =>
  kind === "u8"
    ? new Uint8Array(buffer, offset, length)
    : kind === "i8"
      ? new Int8Array(buffer, offset, length)
      : new Uint8ClampedArray(buffer, offset, length);

/** The plain loop: what the counts must be, and whether every byte is on the scale. */
export function reference(
  scores: ArrayLike<number>,
  min: number,
  span: number,
): number[] | undefined {
  const counts = new Float64Array(span + 1);
  let onScale = true;
  for (let i = 0; i < scores.length; i++) {
    const k = (scores[i] as number) - min;
    if (k >= 0 && k <= span) counts[k] = (counts[k] as number) + 1;
    else onScale = false;
  }
  return onScale ? Array.from(counts) : undefined;
}
