// The SQL recipe on a real engine: DuckDB's GROUP BY counts, through fromCountRows, give exactly
// the distributions (and so the metrics) of tallying the raw rows.
import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { breakdown, breakdownFromCounts } from "../../src/analysis/breakdown.js";
import { fromCountRows } from "../../src/distribution/count-rows.js";
import { NPS_SCALE } from "../../src/distribution/scale.js";
import { tally } from "../../src/distribution/tally.js";
import { tallyBy } from "../../src/distribution/tally-by.js";
import { nps } from "../../src/survey/nps.js";
import { expectClose } from "../helpers.js";

describe("DuckDB GROUP BY counts", async () => {
  const db = await (await DuckDBInstance.create(":memory:")).connect();
  await db.run(`CREATE TABLE responses AS
    SELECT
      ['north', 'south', 'east'][1 + (i % 3)::INTEGER] AS segment,
      CASE WHEN i % 37 = 0 THEN NULL ELSE ((i * 7919) % 11)::INTEGER END AS score,
      (0.25 + ((i * 31) % 17) / 8.0)::DOUBLE AS w
    FROM range(20000) AS t(i)`);
  const raw = (
    await db.runAndReadAll("SELECT segment, score, w FROM responses")
  ).getRowObjects() as {
    segment: string;
    score: number | null;
    w: number;
  }[];

  it("GROUP BY score: the distribution of the raw rows, bigint counts and NULLs included", async () => {
    const rows = (
      await db.runAndReadAll("SELECT score, count(*) AS n FROM responses GROUP BY score")
    ).getRowObjects();
    expect(typeof rows[0]?.n).toBe("bigint");
    const d = fromCountRows(rows, NPS_SCALE, { score: "score", count: "n" });
    expect(d).toEqual(
      tally(
        raw.map((r) => r.score),
        NPS_SCALE,
      ),
    );
    expect(nps(d)).toEqual(nps(raw.map((r) => r.score)));
  });

  it("GROUP BY segment, score, weighted: the same counts and effective sizes per segment", async () => {
    const rows = (
      await db.runAndReadAll(
        "SELECT segment, score, count(*) AS n, sum(w) AS w, sum(w * w) AS w2 FROM responses GROUP BY ALL",
      )
    ).getRowObjects();
    const groups = fromCountRows(rows, NPS_SCALE, {
      group: "segment",
      score: "score",
      count: "n",
      weight: "w",
      sumOfSquaredWeights: "w2",
    });
    const expected = tallyBy(raw, (r) => r.segment, NPS_SCALE, {
      score: (r) => r.score,
      weights: (r) => r.w,
    });
    for (const [segment, d] of groups) {
      const e = expected.get(segment as string);
      expect([d.n, d.missing]).toEqual([e?.n, e?.missing]);
      expectClose(d.effectiveN, e?.effectiveN as number, 1e-12);
      expectClose(nps(d).score, nps(e as never).score, 1e-12, 1e-12);
    }
    const fromCounts = breakdownFromCounts(groups);
    const direct = breakdown(raw, { by: "segment", score: "score", weight: "w" });
    expectClose(fromCounts.omnibus.statistic as number, direct.omnibus.statistic as number, 1e-10);
  });
});
