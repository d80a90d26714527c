import { describe, expect, it } from "vitest";
import { CSAT_SCALE, NPS_SCALE } from "../../src/distribution/scale.js";
import { tallyBy } from "../../src/distribution/tally-by.js";
import type { MetricError } from "../../src/errors/metric-error.js";
import { codeOf } from "../codes.js";

describe("tallyBy", () => {
  it("splits by group in one pass, counting skips in their group", () => {
    const rows = [
      { region: "n", s: 10 },
      { region: "s", s: 2 },
      { region: "n", s: 11 },
      { region: "n", s: 9 },
    ];
    const groups = tallyBy(rows, (r) => r.region, NPS_SCALE, {
      score: (r) => r.s,
      invalid: "skip",
    });
    expect([...groups.keys()]).toEqual(["n", "s"]);
    expect(groups.get("n")).toMatchObject({ n: 2, skipped: 1 });
    expect(groups.get("s")?.counts[2]).toBe(1);
  });

  it("names the record's index in errors and checks weights", () => {
    const rows = [{ s: 5 }, { s: 5 }, { s: 0 }];
    try {
      tallyBy(rows, () => "all", CSAT_SCALE, { score: (r) => r.s });
      expect.fail("should throw");
    } catch (error) {
      expect((error as MetricError).details).toMatchObject({ fn: "tallyBy", index: 2, value: 0 });
    }
    const weighted = tallyBy(rows.slice(0, 2), () => 1, CSAT_SCALE, {
      score: (r) => r.s,
      weights: [1, 3],
    });
    expect(weighted.get(1)?.total).toBe(4);
    expect(
      codeOf(() => tallyBy(rows, () => 1, CSAT_SCALE, { score: (r) => r.s, weights: [1] })),
    ).toBe("INVALID_INPUT");
    expect(codeOf(() => tallyBy(5 as unknown as [], () => 1, CSAT_SCALE, { score: () => 1 }))).toBe(
      "INVALID_INPUT",
    );
    expect(
      codeOf(() => tallyBy([], "region" as unknown as () => 1, CSAT_SCALE, { score: () => 1 })),
    ).toBe("INVALID_OPTION");
    const fromIterable = tallyBy(new Set([{ s: 4 }]), () => "x", CSAT_SCALE, { score: (r) => r.s });
    expect(fromIterable.get("x")?.n).toBe(1);
  });
});
