/**
 * The one options reader of the library, and the argument checks every area shares (level,
 * choice, threshold, clip, the normal critical value). Below every area: it imports only the
 * errors and the numeric kernels.
 *
 * @internal
 * @module
 */
import { describeValue, MetricError } from "../errors/metric-error.js";
import { normalQuantile } from "../stats/normal.js";

/** The default confidence level. */
export const DEFAULT_LEVEL = 0.95;

/**
 * Option names users reach for that mean another option (or belong to another function): the
 * message of an unknown key says where to go instead.
 */
const MEANT: Readonly<Record<string, string>> = {
  confidence: "level",
  confidenceLevel: "level",
  conf: "level",
  alpha: "level (= 1 − alpha)",
  method: "interval",
  intervalMethod: "interval",
  threshold: "satisfiedFrom or easyFrom",
  minN: "minSampleSize",
  minSize: "minSampleSize",
};

/** Keys that belong to tally: a metric reads a distribution, never raw weights. */
const TALLY_ONLY = new Set(["weights", "weight", "score", "invalid", "missing"]);

/**
 * The optimal-string-alignment distance (Levenshtein with adjacent transpositions counting 1:
 * "nsp" is one edit from "nps"), for "did you mean" on a misspelt name (short strings only).
 */
function editDistance(a: string, b: string): number {
  const same = (i: number, j: number) => a[i]?.toLowerCase() === b[j]?.toLowerCase();
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => (rows[i] as number[])[j] as number;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      let best = Math.min(
        at(i - 1, j) + 1,
        at(i, j - 1) + 1,
        at(i - 1, j - 1) + (same(i - 1, j - 1) ? 0 : 1),
      );
      if (i > 1 && j > 1 && same(i - 1, j - 2) && same(i - 2, j - 1))
        best = Math.min(best, at(i - 2, j - 2) + 1);
      (rows[i] as number[])[j] = best;
    }
  }
  return at(a.length, b.length);
}

/**
 * The candidate a misspelt name most likely means: the nearest by edit distance (case
 * ignored), if it is within a third of its length. @internal
 */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const distance = editDistance(name, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(best.length / 3))
    ? best
    : undefined;
}

/** The advice for an unknown option key: the known key it most likely means, if any. */
function adviceFor(key: string, known: readonly string[]): string {
  const meant = Object.hasOwn(MEANT, key) ? MEANT[key] : undefined;
  if (meant !== undefined && known.some((k) => meant.startsWith(k)))
    return `; did you mean ${meant}?`;
  if (TALLY_ONLY.has(key) && !known.includes(key)) {
    return "; weights, accessors and invalid/missing policies belong to tally (or createTally): pass its Distribution here";
  }
  const best = closestName(key, known);
  if (best !== undefined) return `; did you mean ${best}?`;
  return known.length === 0 ? "; it takes no options" : `; it knows ${known.join(", ")}`;
}

/**
 * Read an options argument once, strictly: `undefined` is no options; anything else must be a
 * plain object (or class instance) whose every own enumerable key is one of `known`. The values
 * are read once into a fresh object, so a getter or proxy is consulted a single time and a
 * throwing one becomes `INVALID_OPTION`, never a stray exception.
 *
 * @throws {@link MetricError} `INVALID_OPTION` for options that are not an object, an unknown
 *   key (naming it and the option most likely meant) or a value that cannot be read.
 */
export function readOptions<K extends string>(
  options: unknown,
  known: readonly K[],
  fn: string,
): { readonly [P in K]?: unknown } {
  try {
    return readOptionsOnce(options, known, fn);
  } catch (error) {
    // A revoked proxy or a throwing trap: the options cannot be read.
    if (error instanceof MetricError) throw error;
    throw unreadable(fn, "options", error);
  }
}

function readOptionsOnce<K extends string>(
  options: unknown,
  known: readonly K[],
  fn: string,
): { readonly [P in K]?: unknown } {
  if (options === undefined) return {};
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new MetricError(
      "INVALID_OPTION",
      `options must be an object (or left out); got ${describeValue(options)}`,
      { fn, value: options, field: "options" },
    );
  }
  const read: Record<string, unknown> = {};
  let keys: string[];
  try {
    keys = Object.keys(options);
  } catch (error) {
    throw unreadable(fn, "options", error);
  }
  for (const key of keys) {
    if (!(known as readonly string[]).includes(key)) {
      throw new MetricError(
        "INVALID_OPTION",
        `unknown option ${describeValue(key)}${adviceFor(key, known)}`,
        { fn, value: key, field: key },
      );
    }
    try {
      read[key] = (options as Record<string, unknown>)[key];
    } catch (error) {
      throw unreadable(fn, key, error);
    }
  }
  return read as { readonly [P in K]?: unknown };
}

function unreadable(fn: string, field: string, error: unknown): MetricError {
  const why = error instanceof Error ? error.message : describeValue(error);
  return new MetricError(
    "INVALID_OPTION",
    `${field} could not be read (${why})`,
    { fn, field },
    { cause: error },
  );
}

/**
 * A confidence level strictly between 0 and 1 (default 0.95).
 *
 * @throws {@link MetricError} `INVALID_LEVEL`.
 */
export function checkLevel(level: unknown, fn: string): number {
  if (level === undefined) return DEFAULT_LEVEL;
  if (typeof level !== "number" || !(level > 0 && level < 1)) {
    throw new MetricError(
      "INVALID_LEVEL",
      `the confidence level must be a number strictly between 0 and 1; got ${describeValue(level)}`,
      { fn, value: level, field: "level" },
    );
  }
  return level;
}

/**
 * One of a fixed set of strings (default `fallback`).
 *
 * @throws {@link MetricError} `INVALID_OPTION`.
 */
export function checkChoice<T extends string>(
  value: unknown,
  allowed: readonly T[],
  fallback: T,
  fn: string,
  field: string,
): T {
  if (value === undefined) return fallback;
  if (typeof value === "string" && (allowed as readonly string[]).includes(value))
    return value as T;
  throw new MetricError(
    "INVALID_OPTION",
    `${field} must be one of ${allowed.map((a) => `"${a}"`).join(", ")}; got ${describeValue(value)}`,
    { fn, value, field },
  );
}

/**
 * A number in [min, max] (default `fallback`); `integer` also demands a whole number.
 *
 * @throws {@link MetricError} `INVALID_OPTION`.
 */
export function checkNumber(
  value: unknown,
  range: { readonly min: number; readonly max: number; readonly integer?: boolean },
  fallback: number,
  fn: string,
  field: string,
): number {
  if (value === undefined) return fallback;
  if (
    typeof value !== "number" ||
    !(value >= range.min && value <= range.max) ||
    (range.integer === true && !Number.isInteger(value))
  ) {
    const kind = range.integer === true ? "an integer" : "a number";
    throw new MetricError(
      "INVALID_OPTION",
      `${field} must be ${kind} in [${range.min}, ${range.max}]; got ${describeValue(value)}`,
      { fn, value, field },
    );
  }
  return value;
}

/** z with P(Z > z) = (1 − level)/2: the two-sided normal critical value. */
export function normalCritical(level: number): number {
  return normalQuantile((1 - level) / 2, true);
}

/** Clip x to [lo, hi]. */
export function clip(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}
