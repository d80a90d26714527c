// Type tests: what the compiler infers for a user. `tsc --noEmit` (npm run typecheck) fails when
// any of these drifts; vitest runs the file too, so each block is also executed once.
import { describe, expectTypeOf, it } from "vitest";
import type {
  CesResult,
  ComparedSample,
  CsatResult,
  NpsResult,
  SurveyMetric,
} from "../../src/index.js";
import {
  breakdown,
  compareCsat,
  compareNps,
  csat,
  NPS_SCALE,
  nps,
  segmentMetrics,
  tally,
  tallyBy,
} from "../../src/index.js";

describe("inferred types", () => {
  it("types a breakdown's groups by the column and its results by the metric", () => {
    const rows = [{ plan: "pro" as "pro" | "free" | null, ces: 7 as number | null }];
    const byName = breakdown(rows, { by: "plan", score: "ces", metric: "ces" });
    expectTypeOf(byName.groups[0]?.group).toEqualTypeOf<"pro" | "free" | undefined>();
    expectTypeOf(byName.overall).toEqualTypeOf<CesResult | undefined>();
    expectTypeOf(byName.metric).toEqualTypeOf<"ces">();
    const byAccessor = breakdown(rows, { by: (r) => r.plan?.length, score: (r) => r.ces });
    expectTypeOf(byAccessor.groups[0]?.group).toEqualTypeOf<number | undefined>();
    expectTypeOf(byAccessor.overall).toEqualTypeOf<NpsResult | undefined>();
    expectTypeOf(byAccessor.omnibus.test).toEqualTypeOf<"mean-score">();
  });

  it("types a segment report by its metric literal", () => {
    const report = {
      mode: "overlapping" as const,
      baseSize: 0,
      segments: [],
      unassigned: { size: 0, share: 0, members: [], ids: [] },
      thresholds: { minSize: 30, minShare: 0 },
    };
    expectTypeOf(segmentMetrics(report, [], [], { metric: "csat" }).overall).toEqualTypeOf<
      CsatResult | undefined
    >();
    expectTypeOf(
      segmentMetrics(report, [], [], { metric: "ces" }).segments[0]?.comparison?.test,
    ).toEqualTypeOf<"welch-t" | undefined>();
    // No metric: the default, NPS.
    expectTypeOf(segmentMetrics(report, [], []).overall).toEqualTypeOf<NpsResult | undefined>();
    // A metric known only at run time: any of the three, told apart by `metric`.
    const dynamic = segmentMetrics(report, [], [], { metric: "ces" as SurveyMetric });
    expectTypeOf(dynamic.overall).toEqualTypeOf<NpsResult | CsatResult | CesResult | undefined>();
    expectTypeOf(dynamic.metric).toEqualTypeOf<SurveyMetric>();
  });

  it("keeps tallyBy's keys and records", () => {
    const rows = [{ region: "north" as "north" | "south", nps: 10 }];
    const byRegion = tallyBy(rows, (r) => r.region, NPS_SCALE, { score: (r) => r.nps });
    expectTypeOf(byRegion).toEqualTypeOf<Map<"north" | "south", ReturnType<typeof tally>>>();
    // The accessor sees the record type.
    tally(rows, NPS_SCALE, {
      score: (r) => {
        expectTypeOf(r).toEqualTypeOf<{ region: "north" | "south"; nps: number }>();
        return r.nps;
      },
    });
  });

  it("narrows interval methods and comparison tests to literals", () => {
    expectTypeOf(nps([10]).interval.method).toEqualTypeOf<"adjusted-wald" | "wald" | "score">();
    expectTypeOf(csat([5]).shares.satisfied).toEqualTypeOf<number>();
    expectTypeOf(compareNps([10], [9]).test).toEqualTypeOf<"z">();
    expectTypeOf(compareCsat([5], [4]).samples).toEqualTypeOf<
      readonly [ComparedSample, ComparedSample]
    >();
  });

  it("refuses options that do not exist, at compile time", () => {
    // @ts-expect-error: `levle` is not an option (at run time it is INVALID_OPTION too).
    expectTypeOf(nps).toBeCallableWith([10], { levle: 0.9 });
    // @ts-expect-error: a CSAT interval method is not an NPS one.
    expectTypeOf(nps).toBeCallableWith([10], { interval: "wilson" });
  });
});
