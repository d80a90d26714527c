import { readOptions } from "../common/options.js";
import { describeValue, guarded, MetricError } from "../errors/metric-error.js";
import { compensatedSum } from "../stats/sum.js";
import { checkScale, type Scale } from "./scale.js";

/**
 * Weighted counts of responses over the points of an integer {@link Scale}: the sufficient
 * statistic of every rating metric (NPS, CSAT, CES). Plain data: it survives
 * `JSON.parse(JSON.stringify(d))` and is read back, validated, by {@link distributionFromJSON}.
 *
 * Build one with {@link tally}, {@link fromCounts}, {@link tallyBy} or a {@link Tally}; combine
 * shards with {@link mergeDistributions}.
 *
 * @category Distribution
 */
export interface Distribution {
  /** The scale the scores lie on. */
  readonly scale: Scale;
  /**
   * `counts[i]` is the (weighted) number of responses with score `scale.min + i`; its length is
   * `scale.max − scale.min + 1`.
   */
  readonly counts: readonly number[];
  /** The number of responses counted (rows, unweighted; rows of weight 0 included). */
  readonly n: number;
  /** The sum of the weights (equals `n` when unweighted). */
  readonly total: number;
  /** Σw², kept so that shards merge to the exact Kish effective sample size. */
  readonly sumOfSquaredWeights: number;
  /**
   * Kish's effective sample size (Σw)² / Σw² (Kish 1965, *Survey Sampling*, §11.7): the size of
   * an unweighted sample with the same precision. Equals `total` when unweighted; 0 when empty.
   */
  readonly effectiveN: number;
  /** Rows skipped as invalid under `invalid: "skip"` (never silently dropped). */
  readonly skipped: number;
  /** Missing answers (`null`, `undefined`, holes) left out under `missing: "skip"`, counted apart. */
  readonly missing: number;
}

/**
 * Assemble a distribution from already-validated parts, deriving `total` and `effectiveN`, and
 * refusing totals that are not representable or not consistent with each other:
 * Σw and Σw² must be finite, Σw² > 0 when Σw > 0, and 1 ≤ (Σw)²/Σw² ≤ n (Cauchy–Schwarz).
 *
 * @internal
 */
export function makeDistribution(
  scale: Scale,
  counts: ArrayLike<number>,
  n: number,
  sumOfSquaredWeights: number,
  skipped: number,
  missing: number,
  fn: string,
): Distribution {
  const list = Array.from(counts);
  const total = compensatedSum(list);
  if (
    !Number.isFinite(total) ||
    !Number.isFinite(sumOfSquaredWeights) ||
    (total > 0 && sumOfSquaredWeights === 0)
  ) {
    throw new MetricError(
      "INVALID_WEIGHT",
      `the weights are too large or too small for Σw = ${total} and Σw² = ${sumOfSquaredWeights} to be represented; rescale them (every metric is unchanged by a common factor)`,
      { fn, value: { total, sumOfSquaredWeights }, field: "weights" },
    );
  }
  const effectiveN = kishEffectiveN(total, sumOfSquaredWeights);
  const slack = 1e-9;
  if (total > 0 && (effectiveN > n * (1 + slack) || effectiveN < 1 - slack)) {
    throw new MetricError(
      "INVALID_INPUT",
      `n = ${n}, Σw = ${total} and Σw² = ${sumOfSquaredWeights} are inconsistent: (Σw)²/Σw² must lie between 1 and n`,
      { fn, value: { n, total, sumOfSquaredWeights }, field: "sumOfSquaredWeights" },
    );
  }
  return {
    scale,
    counts: list,
    n,
    total,
    sumOfSquaredWeights,
    effectiveN,
    skipped,
    missing,
  };
}

/** (Σw)² / Σw², exactly Σw when every weight is 0 or 1. @internal */
export function kishEffectiveN(total: number, sumOfSquaredWeights: number): number {
  if (total === 0 || sumOfSquaredWeights === 0) return 0;
  if (total === sumOfSquaredWeights) return total;
  return (total / sumOfSquaredWeights) * total;
}

/**
 * Options of {@link fromCounts}.
 *
 * @category Distribution
 */
export interface FromCountsOptions {
  /**
   * Σw² of the responses behind weighted counts (e.g. `SUM(weight * weight)` in SQL). Needed,
   * together with `n`, when the counts are weighted sums rather than whole numbers of responses.
   */
  readonly sumOfSquaredWeights?: number;
  /** The number of responses behind weighted counts (e.g. `COUNT(*)`, a number or a bigint). */
  readonly n?: number | bigint;
}

/**
 * Build a {@link Distribution} from counts per scale point — for example the rows of
 * `SELECT score, count(*) FROM responses GROUP BY score` from any SQL engine.
 *
 * Counts are whole numbers of responses — numbers, or bigints as SQL engines return `count(*)`,
 * read exactly up to 2^53 − 1 — unless `sumOfSquaredWeights` and `n` are given, in which case
 * they are weighted totals (`SUM(weight)` per score). Points left out of a record count 0.
 *
 * @param scale - the rating scale
 * @param counts - an array with one count per point (index 0 is `scale.min`), or a record
 *   keyed by score (`{ "9": 120, "10": 80 }`)
 * @param options - weighted counts: `sumOfSquaredWeights` and `n`
 * @returns the distribution, with `skipped: 0`
 * @throws {@link MetricError} `INVALID_SCALE` for a bad scale; `INVALID_INPUT` for an array of
 *   the wrong length, a key that is not a score, or an inconsistent `n`; `SCORE_OUT_OF_SCALE`
 *   for a key outside the scale; `INVALID_COUNT` for a negative, non-finite, or (unweighted)
 *   fractional count.
 *
 * @example
 * ```ts
 * import { fromCounts, NPS_SCALE } from "customer-metrics";
 * const d = fromCounts(NPS_SCALE, { 0: 5, 7: 10, 9: 20, 10: 15 });
 * d.total; // => 50
 * d.counts; // => [5, 0, 0, 0, 0, 0, 0, 10, 0, 20, 15]
 * ```
 *
 * @category Distribution
 */
export function fromCounts(
  scale: Scale,
  counts: readonly (number | bigint)[] | Readonly<Record<string | number, number | bigint>>,
  options: FromCountsOptions = {},
): Distribution {
  return guarded("fromCounts", () => {
    const fn = "fromCounts";
    const read = readOptions(options, ["sumOfSquaredWeights", "n"], fn);
    const checked = checkScale(scale, fn);
    const points = checked.max - checked.min + 1;
    const values = new Array<unknown>(points).fill(0);
    if (Array.isArray(counts)) {
      if (counts.length !== points) {
        throw new MetricError(
          "INVALID_INPUT",
          `expected ${points} counts (one per point of ${checked.min}–${checked.max}), got ${counts.length}`,
          { fn, value: counts.length, field: "counts" },
        );
      }
      for (let i = 0; i < points; i++) values[i] = counts[i];
    } else if (typeof counts === "object" && counts !== null) {
      for (const key of Object.keys(counts)) {
        const score = Number(key);
        // Only the canonical spelling of an integer: "1e1", "010" or " 10" would silently land on
        // the same point as "10".
        if (!Number.isSafeInteger(score) || String(score) !== key) {
          throw new MetricError(
            "INVALID_INPUT",
            `key ${describeValue(key)} is not an integer score written as such (e.g. "10")`,
            {
              fn,
              value: key,
              field: "counts",
            },
          );
        }
        if (score < checked.min || score > checked.max) {
          throw new MetricError(
            "SCORE_OUT_OF_SCALE",
            `score ${score} is outside the scale ${checked.min}–${checked.max}`,
            { fn, value: score, field: "counts" },
          );
        }
        values[score - checked.min] = (counts as Record<string, unknown>)[key];
      }
    } else {
      throw new MetricError(
        "INVALID_INPUT",
        `counts must be an array or a record, got ${describeValue(counts)}`,
        {
          fn,
          value: counts,
          field: "counts",
        },
      );
    }
    const weighted = read.sumOfSquaredWeights !== undefined || read.n !== undefined;
    const numbers = new Array<number>(points);
    for (let i = 0; i < points; i++) {
      const count = countValue(values[i], weighted);
      if (count === undefined) {
        const why = weighted
          ? "a finite number ≥ 0"
          : "a whole number from 0 to 2^53 − 1 (weighted totals need sumOfSquaredWeights and n)";
        throw new MetricError(
          "INVALID_COUNT",
          `the count for score ${checked.min + i} must be ${why}; got ${describeValue(values[i])}`,
          { fn, index: i, value: values[i], field: "counts" },
        );
      }
      numbers[i] = count;
    }
    if (!weighted) {
      const total = requireExactCount(
        compensatedSum(numbers),
        "the counts add up to",
        fn,
        "counts",
      );
      return makeDistribution(checked, numbers, total, total, 0, 0, fn);
    }
    const sumOfSquaredWeights = read.sumOfSquaredWeights;
    const n = countValue(read.n, false);
    if (
      typeof sumOfSquaredWeights !== "number" ||
      !Number.isFinite(sumOfSquaredWeights) ||
      sumOfSquaredWeights < 0 ||
      n === undefined
    ) {
      throw new MetricError(
        "INVALID_INPUT",
        `weighted counts need both sumOfSquaredWeights (finite, ≥ 0) and n (a whole number ≥ 0); got ${describeValue(options)}`,
        { fn, value: options, field: "options" },
      );
    }
    return makeDistribution(checked, numbers, n, sumOfSquaredWeights, 0, 0, fn);
  });
}

/**
 * A total of counts that must stay an exact whole number: beyond 2^53 − 1 doubles skip
 * integers, so such a total is `INVALID_COUNT` rather than a count that is silently off.
 *
 * @internal
 */
export function requireExactCount(value: number, what: string, fn: string, field: string): number {
  if (!Number.isSafeInteger(value)) {
    throw new MetricError(
      "INVALID_COUNT",
      `${what} ${value}, beyond 2^53 − 1: too many to count exactly`,
      { fn, value, field },
    );
  }
  return value;
}

/**
 * A count as a number, or undefined when it is not one: finite and ≥ 0, and (unless weighted) a
 * whole number up to 2^53 − 1; bigints (SQL `count(*)`) in that range are read exactly.
 *
 * @internal
 */
export function countValue(count: unknown, weighted: boolean): number | undefined {
  if (typeof count === "bigint") {
    return count >= 0n && count <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(count) : undefined;
  }
  if (typeof count !== "number" || !Number.isFinite(count) || count < 0) return undefined;
  if (!weighted && !Number.isSafeInteger(count)) return undefined;
  return count;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Read a {@link Distribution} back from untrusted JSON data (another process, a file, a queue),
 * checking every field; `total` and `effectiveN` are recomputed from the counts, never trusted.
 *
 * @param json - the parsed JSON value (e.g. `JSON.parse(text)`)
 * @returns the validated distribution
 * @throws {@link MetricError} `INVALID_INPUT` when a field is missing or malformed, or for the
 *   JSON text itself (a string); `INVALID_SCALE` for a bad scale; `INVALID_COUNT` for a bad count.
 *
 * @example
 * ```ts
 * import { distributionFromJSON, tally, CSAT_SCALE } from "customer-metrics";
 * const text = JSON.stringify(tally([5, 4, 4, 2], CSAT_SCALE));
 * distributionFromJSON(JSON.parse(text)).counts; // => [0, 1, 0, 2, 1]
 * ```
 *
 * @category Distribution
 */
export function distributionFromJSON(json: unknown): Distribution {
  return guarded("distributionFromJSON", () => {
    const fn = "distributionFromJSON";
    if (typeof json === "string") {
      throw new MetricError(
        "INVALID_INPUT",
        `expected the parsed JSON value, not its text: pass JSON.parse(text); got ${describeValue(json)}`,
        { fn, value: json },
      );
    }
    return readDistribution(json, fn);
  });
}

/**
 * Validate a distribution-shaped value (from JSON or a caller) and rebuild it, recomputing
 * `total` and `effectiveN`.
 *
 * @internal
 */
export function readDistribution(json: unknown, fn: string): Distribution {
  if (!isRecord(json)) {
    throw new MetricError("INVALID_INPUT", `expected an object, got ${describeValue(json)}`, {
      fn,
      value: json,
    });
  }
  // Read every field once (a getter or proxy is consulted a single time). Every caller runs
  // inside guarded, which turns a throwing read into INVALID_INPUT.
  const raw = json.counts;
  const fields = {
    scale: json.scale,
    counts: Array.isArray(raw) ? Array.from(raw as unknown[]) : undefined,
    n: json.n,
    skipped: json.skipped,
    missing: json.missing,
    sumOfSquaredWeights: json.sumOfSquaredWeights,
  };
  const scale = checkScale(fields.scale, fn);
  const counts = fields.counts;
  const points = scale.max - scale.min + 1;
  if (counts === undefined || counts.length !== points) {
    throw new MetricError("INVALID_INPUT", `counts must be an array of ${points} numbers`, {
      fn,
      value: raw,
      field: "counts",
    });
  }
  // A plain loop, so that a hole (which forEach would pass over) is caught as a bad count.
  for (let index = 0; index < points; index++) {
    const count = counts[index];
    if (typeof count !== "number" || !Number.isFinite(count) || count < 0) {
      throw new MetricError(
        "INVALID_COUNT",
        `counts[${index}] must be a finite number ≥ 0; got ${describeValue(count)}`,
        { fn, index, value: count, field: "counts" },
      );
    }
  }
  const whole = (field: "n" | "skipped" | "missing"): number => {
    const value = fields[field];
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
      throw new MetricError(
        "INVALID_INPUT",
        `${field} must be a whole number ≥ 0; got ${describeValue(value)}`,
        { fn, value, field },
      );
    }
    return value;
  };
  const n = whole("n");
  const skipped = whole("skipped");
  // Distributions written before `missing` existed have none.
  const missing = fields.missing === undefined ? 0 : whole("missing");
  const sumOfSquaredWeights = fields.sumOfSquaredWeights;
  if (
    typeof sumOfSquaredWeights !== "number" ||
    !Number.isFinite(sumOfSquaredWeights) ||
    sumOfSquaredWeights < 0
  ) {
    throw new MetricError(
      "INVALID_INPUT",
      `sumOfSquaredWeights must be a finite number ≥ 0; got ${describeValue(sumOfSquaredWeights)}`,
      { fn, value: sumOfSquaredWeights, field: "sumOfSquaredWeights" },
    );
  }
  return makeDistribution(scale, counts as number[], n, sumOfSquaredWeights, skipped, missing, fn);
}
