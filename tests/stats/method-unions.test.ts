// The numeric kernels define their method unions without importing the survey area; the public
// unions must stay the same types (checked by tsc) and the same values at run time.
import { describe, expect, expectTypeOf, it } from "vitest";
import { NET_SCORE_METHODS, type NetScoreMethod } from "../../src/stats/net-score-interval.js";
import { PROPORTION_METHODS, type ProportionMethod } from "../../src/stats/proportion-interval.js";
import type { CsatIntervalMethod } from "../../src/survey/csat.js";
import type { NpsIntervalMethod } from "../../src/survey/nps.js";

describe("interval-method unions", () => {
  it("are the same in stats/ and survey/", () => {
    expectTypeOf<NpsIntervalMethod>().toEqualTypeOf<NetScoreMethod>();
    expectTypeOf<CsatIntervalMethod>().toEqualTypeOf<ProportionMethod>();
    expect([...NET_SCORE_METHODS].sort()).toEqual(["adjusted-wald", "score", "wald"]);
    expect(PROPORTION_METHODS).toHaveLength(5);
  });
});
