// The report's pass counts the common answers (a point of the scale in one or two digits, of
// weight 1) straight into counts per point, and the rest through the library's checked tally.
// Whatever the answers, missing texts and scale, its distributions — overall and per group —
// and its bad rows are those of the library's own reading: answerReader and a checked tally.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { answerReader } from "../../src/distribution/answer-text.js";
import { CES_SCALE, CSAT_SCALE, NPS_SCALE, type Scale } from "../../src/distribution/scale.js";
import { createTally, type Tally } from "../../src/distribution/tally.js";
import { cli } from "./harness.js";

const SCALES: Record<string, Scale> = { nps: NPS_SCALE, csat: CSAT_SCALE, ces: CES_SCALE };

interface Counts {
  counts: number[];
  missing: number;
}

/** The library's reading of the rows: distributions overall and by group, and the bad rows. */
function expected(rows: readonly [string, string][], scale: Scale, missing: string[]) {
  const read = answerReader({ missing });
  const overall = createTally(scale);
  const groups = new Map<string, Tally>();
  let bad = 0;
  for (const [groupCell, cell] of rows) {
    let value: number | bigint | null;
    try {
      value = read(cell);
    } catch {
      bad++;
      continue;
    }
    // A tally of its own checks the point first, so that a bad one is counted nowhere.
    try {
      createTally(scale).add(value);
    } catch {
      bad++;
      continue;
    }
    overall.add(value);
    const group = groupCell.trim();
    if (group === "") continue;
    if (!groups.has(group)) groups.set(group, createTally(scale));
    groups.get(group)?.add(value);
  }
  const plain = (t: Tally): Counts => {
    const d = t.snapshot();
    return { counts: [...d.counts], missing: d.missing };
  };
  return {
    overall: plain(overall),
    groups: new Map([...groups].map(([g, t]) => [g, plain(t)] as const)),
    bad,
  };
}

const answer = fc.constantFrom(
  "10",
  "9",
  "7",
  "5",
  "3",
  "1",
  "0",
  "11",
  "12",
  "",
  " 7",
  "7.0",
  "N/A",
  "99",
  "ten",
  '"1,5"',
  "-1",
  "4",
);
const group = fc.constantFrom("North", "South", " East ", "", "north");

describe("the report's pass", () => {
  it("counts as the library reads: per point, missing, bad, overall and by group", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(group, answer), { minLength: 1, maxLength: 60 }),
        fc.constantFrom("nps", "csat", "ces"),
        fc.boolean(),
        async (rows, metric, missing99) => {
          const text = `g,a\n${rows.map(([g, a]) => `${g},${a}`).join("\n")}\n`;
          const missing = missing99 ? ["99"] : [];
          const run = await cli(
            [
              "report",
              "-",
              "--by",
              "g",
              "--column",
              "a",
              "--metric",
              metric,
              "--format",
              "json",
              "--max-bad",
              "100%",
              ...(missing99 ? ["--missing", "99"] : []),
            ],
            text,
          );
          // The CSV cell "1,5" is the text 1,5.
          const cells = rows.map(([g, a]): [string, string] => [g, a.replaceAll('"', "")]);
          const want = expected(cells, SCALES[metric] as Scale, missing);
          if (want.overall.counts.every((c) => c === 0)) {
            expect(run.code).toBe(1);
            return;
          }
          expect(run.code, run.err).toBe(0);
          const r = JSON.parse(run.out);
          expect({ counts: r.distribution.counts, missing: r.distribution.missing }).toEqual(
            want.overall,
          );
          expect(r.badRows).toBe(want.bad);
          const groups = new Map<string, Counts>(
            r.breakdown.groups.map((g: { group: string; distribution: Counts }) => [
              g.group,
              { counts: g.distribution.counts, missing: g.distribution.missing },
            ]),
          );
          for (const [g, counts] of want.groups) {
            if (counts.counts.some((c) => c > 0)) expect(groups.get(g), g).toEqual(counts);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("the report's weights", () => {
  it("name a missing weight as missing — a built-in missing text, a blank, a --missing text — and any other text as not a number", async () => {
    const run = await cli(
      ["report", "-", "--weight", "w", "--missing", "99", "--format", "json", "--max-bad", "100%"],
      "nps,w\n9,NA\n9,\n9,99\n9,x\n9,2\n10,1\n",
    );
    expect(run.err.split("\n").filter((l) => l !== "")).toEqual([
      "customer-metrics: line 2: the weight (w) is missing (skipped)",
      "customer-metrics: line 3: the weight (w) is missing (skipped)",
      "customer-metrics: line 4: the weight (w) is missing (skipped)",
      'customer-metrics: line 5: the weight (w) "x" is not a number (skipped)',
    ]);
    expect(JSON.parse(run.out).distribution.counts.slice(9)).toEqual([2, 1]);
  });
});
