// adjustPValues against R's p.adjust (scripts/fixtures/group_tests.R) and its laws.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  adjustPValues,
  P_VALUE_ADJUSTMENTS,
  type PValueAdjustment,
} from "../../src/analysis/adjust-p-values.js";
import { codeOf } from "../codes.js";
import r from "../fixtures/group-tests-r.json" with { type: "json" };
import { expectClose } from "../helpers.js";

describe("against R's p.adjust", () => {
  const cases = r.pAdjust.flatMap((row) =>
    P_VALUE_ADJUSTMENTS.map((method) => ({ method, p: row.p, expected: row[method] as number[] })),
  );
  it.each(cases)("$method of $p", ({ method, p, expected }) => {
    const adjusted = adjustPValues(p, method);
    expect(adjusted).toHaveLength(expected.length);
    adjusted.forEach((x, i) => {
      expectClose(x as number, expected[i] as number, 1e-12, 1e-300);
    });
  });
});

const pValues = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), {
  minLength: 1,
  maxLength: 30,
});
const method = fc.constantFrom<PValueAdjustment>(...P_VALUE_ADJUSTMENTS);

describe("laws", () => {
  it("an adjusted p-value is at least the raw one and at most 1", () => {
    fc.assert(
      fc.property(pValues, method, (p, m) => {
        adjustPValues(p, m).forEach((x, i) => {
          expect(x).toBeGreaterThanOrEqual(p[i] as number);
          expect(x).toBeLessThanOrEqual(1);
        });
      }),
    );
  });

  it("keeps the raw order: a smaller p never gets a larger adjusted one", () => {
    fc.assert(
      fc.property(pValues, method, (p, m) => {
        const adjusted = adjustPValues(p, m) as number[];
        for (let i = 0; i < p.length; i++) {
          for (let j = 0; j < p.length; j++) {
            if ((p[i] as number) < (p[j] as number)) {
              expect(adjusted[i]).toBeLessThanOrEqual(adjusted[j] as number);
            }
          }
        }
      }),
    );
  });

  it("commutes with a permutation of the input", () => {
    fc.assert(
      fc.property(pValues, method, (p, m) => {
        const reversed = adjustPValues([...p].reverse(), m);
        expect(reversed.reverse()).toEqual(adjustPValues(p, m));
      }),
    );
  });

  it("orders the procedures as the theory does: Bonferroni ≥ Holm ≥ Hochberg; BY ≥ BH", () => {
    fc.assert(
      fc.property(pValues, (p) => {
        const holm = adjustPValues(p, "holm") as number[];
        const bonferroni = adjustPValues(p, "bonferroni") as number[];
        const hochberg = adjustPValues(p, "hochberg") as number[];
        const bh = adjustPValues(p, "benjamini-hochberg") as number[];
        const by = adjustPValues(p, "benjamini-yekutieli") as number[];
        p.forEach((_, i) => {
          expect(bonferroni[i]).toBeGreaterThanOrEqual(holm[i] as number);
          expect(holm[i]).toBeGreaterThanOrEqual(hochberg[i] as number);
          expect(hochberg[i]).toBeGreaterThanOrEqual(bh[i] as number);
          expect(by[i]).toBeGreaterThanOrEqual(bh[i] as number);
        });
      }),
    );
  });

  it("leaves missing p-values missing and out of m", () => {
    expect(adjustPValues([0.02, null, undefined, 0.04], "bonferroni")).toEqual([
      0.04,
      undefined,
      undefined,
      0.08,
    ]);
    expect(adjustPValues([], "holm")).toEqual([]);
  });
});

describe("bad input", () => {
  it("names the position and value", () => {
    expect(() => adjustPValues([0.1, 1.2])).toThrow(/index 1 .* got 1\.2/);
    expect(codeOf(() => adjustPValues([Number.NaN]))).toBe("INVALID_INPUT");
    expect(codeOf(() => adjustPValues(["0.1"] as never))).toBe("INVALID_INPUT");
    expect(codeOf(() => adjustPValues("0.1" as never))).toBe("INVALID_INPUT");
    expect(codeOf(() => adjustPValues([0.1], "BH" as never))).toBe("INVALID_OPTION");
  });
});
