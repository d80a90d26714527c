// Group spellings: group texts are trimmed by default, foldCase merges case, the label is the
// spelling most rows wrote, and the spellings merged are reported — by breakdown on rows and by
// breakdownFromCounts on counts alike.
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { breakdown, breakdownFromCounts } from "../../src/analysis/breakdown.js";
import { fromCounts } from "../../src/distribution/distribution.js";
import { NPS_SCALE } from "../../src/distribution/scale.js";
import { codeOf } from "../codes.js";

const rows = [
  { region: "North", nps: 10 },
  { region: "north", nps: 3 },
  { region: "NORTH ", nps: 9 },
  { region: "North", nps: 9 },
  { region: " South", nps: 2 },
  { region: "South", nps: 10 },
  { region: "   ", nps: 8 },
  { region: 7, nps: 8 },
];

describe("breakdown's groups", () => {
  it('are trimmed: " South" is South, a blank text is no group, a number stays a number', () => {
    const b = breakdown(rows, { by: "region", score: "nps" });
    expect(b.groups.map((g) => [g.group, g.distribution.n])).toEqual([
      ["North", 2],
      ["north", 1],
      ["NORTH", 1],
      ["South", 2],
      [7, 1],
    ]);
    expect(b.groups[3]?.spellings).toEqual([
      { text: " South", rows: 1 },
      { text: "South", rows: 1 },
    ]);
    expect(b.groups[0]?.spellings).toBeUndefined();
    expect(b.ungrouped).toBe(1);
  });

  it("with foldCase, merge case too, labelled as most rows write it", () => {
    const b = breakdown(rows, { by: "region", score: "nps", foldCase: true });
    expect(b.groups.map((g) => [g.group, g.distribution.n, g.result?.score])).toEqual([
      ["North", 4, 50],
      ["South", 2, 0],
      [7, 1, 0],
    ]);
    expect(b.groups[0]?.spellings).toEqual([
      { text: "North", rows: 2 },
      { text: "north", rows: 1 },
      { text: "NORTH ", rows: 1 },
    ]);
    expect(
      codeOf(() => breakdown(rows, { by: "region", score: "nps", foldCase: 1 as never })),
    ).toBe("INVALID_OPTION");
  });

  it("on counts, as on rows", () => {
    const counts = new Map<unknown, ReturnType<typeof fromCounts>>([
      ["North", fromCounts(NPS_SCALE, { 10: 1, 9: 1 })],
      ["north", fromCounts(NPS_SCALE, { 3: 1 })],
      ["NORTH ", fromCounts(NPS_SCALE, { 9: 1 })],
      [" South", fromCounts(NPS_SCALE, { 2: 1 })],
      ["South", fromCounts(NPS_SCALE, { 10: 1 })],
      ["", fromCounts(NPS_SCALE, { 8: 1 })],
      [7, fromCounts(NPS_SCALE, { 8: 1 })],
    ]);
    const onRows = breakdown(rows, { by: "region", score: "nps", foldCase: true });
    const onCounts = breakdownFromCounts(counts, { foldCase: true });
    expect(JSON.parse(JSON.stringify(onCounts))).toEqual(JSON.parse(JSON.stringify(onRows)));
  });

  test.prop([
    fc.array(
      fc.record({
        g: fc.constantFrom("a", "A", " a", "a ", "b", "B", "", " ", null, 1),
        s: fc.integer({ min: 0, max: 10 }),
      }),
      { maxLength: 40 },
    ),
    fc.boolean(),
  ])(
    "every row is in one group or none; spellings add up to their group's rows",
    (table, foldCase) => {
      const b = breakdown(table, { by: "g", score: "s", foldCase });
      const total = b.groups.reduce((sum, g) => sum + g.distribution.n, 0) + b.ungrouped;
      expect(total).toBe(table.length);
      for (const g of b.groups) {
        if (g.spellings === undefined) continue;
        expect(g.spellings.reduce((sum, s) => sum + s.rows, 0)).toBe(g.distribution.n);
        expect(g.spellings.map((s) => s.text.trim()).includes(g.group as string)).toBe(true);
      }
      const labels = b.groups.map((g) =>
        typeof g.group === "string" && foldCase ? g.group.toLowerCase() : g.group,
      );
      expect(new Set(labels).size).toBe(labels.length);
    },
  );
});
