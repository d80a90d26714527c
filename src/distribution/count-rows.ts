/**
 * Distributions from the rows a query engine returns: `SELECT score, count(*) … GROUP BY score`
 * (and per segment, and weighted), read as exactly what tallying the raw rows gives.
 *
 * @module
 */

import { readOptions } from "../common/options.js";
import { describeValue, guarded, MetricError } from "../errors/metric-error.js";
import { roundingError } from "../stats/sum.js";
import { type Column, columnReader } from "./columns.js";
import {
  countValue,
  type Distribution,
  makeDistribution,
  requireExactCount,
} from "./distribution.js";
import { forEachRow, isMissing, type ScoreInput, scoreProblem } from "./input.js";
import { checkScale, type Scale } from "./scale.js";

/**
 * Options of {@link fromCountRows}: which column of each row holds what. Each is a column name
 * (`"score"`, `"n"`) or an accessor.
 *
 * @typeParam R - the row type
 * @category Distribution
 */
export interface CountRowsOptions<R> {
  /** The score of the cell (`NULL`, i.e. `null`, is the missing answers' cell). */
  readonly score: Column<R>;
  /** How many responses the cell holds (`count(*)`): a whole number or bigint. */
  readonly count: Column<R>;
  /** Weighted: the cell's sum of weights (`sum(w)`); needs `sumOfSquaredWeights`. */
  readonly weight?: Column<R>;
  /** Weighted: the cell's sum of squared weights (`sum(w * w)`), for the exact Kish effective n. */
  readonly sumOfSquaredWeights?: Column<R>;
  /** The group (segment, region, period) of the cell: one distribution per group. */
  readonly group?: Column<R>;
}

/** One group's running sums. */
interface Cells {
  readonly counts: Float64Array;
  readonly compensation: Float64Array;
  n: number;
  squares: number;
  squaresCompensation: number;
  missing: number;
}

/**
 * Turn the rows of a grouped count query into a {@link Distribution} — or, with `group`, a `Map`
 * from each group to its distribution, in the order first seen — exactly the one tallying the
 * raw rows gives: counts, n, missing (the `NULL` score cell), and for weighted data Σw per point
 * and Σw², hence the same Kish effective n. Several rows for one cell (partial aggregates from
 * shards) add up. Counts may be numbers or bigints (DuckDB's `count(*)` is a BIGINT).
 *
 * The queries (DuckDB, PostgreSQL, BigQuery, Spark SQL, ClickHouse, Snowflake alike):
 *
 * ```sql
 * SELECT score, count(*) AS n FROM responses GROUP BY score
 * SELECT segment, score, count(*) AS n, sum(w) AS w, sum(w * w) AS w2
 *   FROM responses GROUP BY segment, score
 * ```
 *
 * @param rows - the result rows (array or iterable)
 * @param scale - the rating scale
 * @param options - the columns: `score`, `count`, and `weight` with `sumOfSquaredWeights`, `group`
 * @returns the distribution, or a `Map` of them per group
 * @throws {@link MetricError} `SCORE_OUT_OF_SCALE` (and the other score codes) for a cell's score,
 *   `INVALID_COUNT` for a count that is not a whole number ≥ 0 (or a weight sum that is not a
 *   finite number ≥ 0), naming the row; `INVALID_INPUT` when Σw² cannot belong to Σw and n
 *   ((Σw)²/Σw² must lie between 1 and n);
 *   `UNKNOWN_FIELD` for a column no row has; `INVALID_OPTION` for a weight without its squares.
 *
 * @example
 * ```ts
 * import { fromCountRows, nps, NPS_SCALE } from "customer-metrics";
 * // SELECT score, count(*) AS n FROM responses GROUP BY score
 * const rows = [{ score: 10, n: 120n }, { score: 8, n: 50n }, { score: 3, n: 30n }, { score: null, n: 7n }];
 * const d = fromCountRows(rows, NPS_SCALE, { score: "score", count: "n" });
 * d.n; // => 200
 * d.missing; // => 7
 * nps(d).score; // => 45
 * const bySegment = fromCountRows(
 *   [{ segment: "a", score: 9, n: 3 }, { segment: "b", score: 2, n: 1 }, { segment: "a", score: 6, n: 1 }],
 *   NPS_SCALE,
 *   { group: "segment", score: "score", count: "n" },
 * );
 * bySegment.get("a")?.n; // => 4
 * ```
 *
 * @category Distribution
 */
export function fromCountRows<R>(
  rows: ScoreInput<R>,
  scale: Scale,
  options: CountRowsOptions<R> & { readonly group?: undefined },
): Distribution;
/**
 * {@link fromCountRows} with `group`: one distribution per group, in the order first seen.
 *
 * @typeParam R - the row type
 * @typeParam G - the group column (its values key the Map)
 */
export function fromCountRows<R, const G extends Column<R>>(
  rows: ScoreInput<R>,
  scale: Scale,
  options: CountRowsOptions<R> & { readonly group: G },
): Map<
  G extends keyof R ? R[G] : G extends (record: R, index: number) => infer V ? V : unknown,
  Distribution
>;
export function fromCountRows<R>(
  rows: ScoreInput<R>,
  scale: Scale,
  options: CountRowsOptions<R>,
): Distribution | Map<unknown, Distribution> {
  return guarded("fromCountRows", () => {
    const fn = "fromCountRows";
    const read = readOptions(
      options,
      ["score", "count", "weight", "sumOfSquaredWeights", "group"],
      fn,
    );
    const checked = checkScale(scale, fn);
    if ((read.weight === undefined) !== (read.sumOfSquaredWeights === undefined)) {
      throw new MetricError(
        "INVALID_OPTION",
        "weight and sumOfSquaredWeights go together: select sum(w) and sum(w * w) per cell, so that the effective sample size is exact",
        { fn, field: read.weight === undefined ? "weight" : "sumOfSquaredWeights" },
      );
    }
    const scoreOf = columnReader<R>(read.score, fn, "score");
    const countOf = columnReader<R>(read.count, fn, "count");
    const weightOf =
      read.weight === undefined ? undefined : columnReader<R>(read.weight, fn, "weight");
    const squaresOf =
      read.sumOfSquaredWeights === undefined
        ? undefined
        : columnReader<R>(read.sumOfSquaredWeights, fn, "sumOfSquaredWeights");
    const groupOf = read.group === undefined ? undefined : columnReader<R>(read.group, fn, "group");
    const points = checked.max - checked.min + 1;
    const groups = new Map<unknown, Cells>();
    const cellsOf = (key: unknown): Cells => {
      let cells = groups.get(key);
      if (cells === undefined) {
        cells = {
          counts: new Float64Array(points),
          compensation: new Float64Array(points),
          n: 0,
          squares: 0,
          squaresCompensation: 0,
          missing: 0,
        };
        groups.set(key, cells);
      }
      return cells;
    };
    const total = forEachRow(
      rows,
      (row, i) => {
        const cells = cellsOf(groupOf === undefined ? undefined : groupOf.read(row, i));
        const rawCount = countOf.read(row, i);
        // A count column no row has so far is a misspelt name, not a bad count.
        if (rawCount === undefined) countOf.checkFound(i + 1, fn);
        const count = readCount(rawCount, false, i, fn, "count");
        const rawWeight = weightOf?.read(row, i);
        const rawSquares = squaresOf?.read(row, i);
        const score = scoreOf.read(row, i);
        if (isMissing(score)) {
          cells.missing = requireExactCount(
            cells.missing + count,
            "the missing answers add up to",
            fn,
            "count",
          );
          return;
        }
        const problem = scoreProblem(score, checked.min, checked.max);
        if (problem !== undefined) {
          throw new MetricError(
            problem.code,
            `the score of row ${i} ${problem.why}: ${describeValue(score)}`,
            {
              fn,
              index: i,
              value: score,
              field: "score",
            },
          );
        }
        const point = Number(score) - checked.min;
        const weight = weightOf === undefined ? count : readCount(rawWeight, true, i, fn, "weight");
        const squares =
          squaresOf === undefined
            ? count
            : readCount(rawSquares, true, i, fn, "sumOfSquaredWeights");
        cells.n = requireExactCount(cells.n + count, "the counts add up to", fn, "count");
        const sum = cells.counts[point] as number;
        const next = sum + weight;
        cells.compensation[point] =
          (cells.compensation[point] as number) + roundingError(sum, weight, next);
        cells.counts[point] = next;
        const squaresNext = cells.squares + squares;
        cells.squaresCompensation += roundingError(cells.squares, squares, squaresNext);
        cells.squares = squaresNext;
      },
      fn,
      "rows",
    );
    scoreOf.checkFound(total, fn);
    countOf.checkFound(total, fn);
    weightOf?.checkFound(total, fn);
    squaresOf?.checkFound(total, fn);
    groupOf?.checkFound(total, fn);
    const distributionOf = (cells: Cells): Distribution =>
      makeDistribution(
        checked,
        cells.counts.map((c, i) => c + (cells.compensation[i] as number)),
        cells.n,
        cells.squares + cells.squaresCompensation,
        0,
        cells.missing,
        fn,
      );
    if (groupOf === undefined) return distributionOf(groups.get(undefined) ?? cellsOf(undefined));
    const result = new Map<unknown, Distribution>();
    for (const [key, cells] of groups) result.set(key, distributionOf(cells));
    return result;
  });
}

/** A cell's count (a whole number) or weight sum (a finite number ≥ 0), naming the row. */
function readCount(
  raw: unknown,
  weighted: boolean,
  index: number,
  fn: string,
  field: string,
): number {
  const value = countValue(raw, weighted);
  if (value === undefined) {
    throw new MetricError(
      "INVALID_COUNT",
      `the ${field} of row ${index} must be ${weighted ? "a finite number ≥ 0" : "a whole number from 0 to 2^53 − 1"}; got ${describeValue(raw)}`,
      { fn, index, value: raw, field },
    );
  }
  return value;
}
