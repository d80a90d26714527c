import { describe, expect, it } from "vitest";
import { adjustPValues } from "../../src/analysis/adjust-p-values.js";
import type { Customer } from "../../src/customers/customer.js";
import { defineSegments } from "../../src/customers/segment.js";
import { segmentMetrics } from "../../src/customers/segment-metrics.js";
import { segmentValues } from "../../src/customers/segment-value.js";
import { segmentCustomers } from "../../src/customers/segmentation.js";
import { NPS_SCALE } from "../../src/distribution/scale.js";
import { tally } from "../../src/distribution/tally.js";
import { MetricError } from "../../src/errors/metric-error.js";
import { compareNps } from "../../src/survey/compare.js";
import { nps } from "../../src/survey/nps.js";
import { summarizeValue } from "../../src/value/value-summary.js";
import { codeOf } from "../codes.js";
import { expectClose } from "../helpers.js";
import { makeCustomers } from "./fixtures.js";

const segments = defineSegments([
  { id: "business", name: "Business", rule: { op: "eq", field: "kind", value: "organisation" } },
  {
    id: "young",
    name: "Young",
    rule: { op: "range", field: "attributes.demographic.age", max: 30 },
  },
  {
    id: "heavy",
    name: "Heavy users",
    rule: { op: "eq", field: "attributes.usage.usageRate", value: "heavy" },
  },
]);

describe("segmentCustomers", () => {
  const customers = makeCustomers(500);

  it("exclusive: each customer in the first matching segment, the rest listed", () => {
    const report = segmentCustomers(customers, segments);
    const sizes = report.segments.reduce((sum, s) => sum + s.size, 0);
    expect(sizes + report.unassigned.size).toBe(500);
    expect(report.unassigned.ids).toEqual(report.unassigned.members.map((i) => customers[i]?.id));
    expect(report.segments[0]?.share).toBe((report.segments[0]?.size ?? 0) / 500);
    expect(report.thresholds).toEqual({ minSize: 30, minShare: 0 });
  });

  it("overlapping: a customer may be in several segments", () => {
    const exclusive = segmentCustomers(customers, segments);
    const overlapping = segmentCustomers(customers, segments, { mode: "overlapping" });
    expect(overlapping.segments[2]?.size).toBeGreaterThanOrEqual(exclusive.segments[2]?.size ?? 0);
    expect(overlapping.unassigned).toEqual(exclusive.unassigned);
  });

  it("judges size against minSize and minShare", () => {
    const report = segmentCustomers(customers, segments, { minSize: 100, minShare: 0.25 });
    for (const s of report.segments) expect(s.largeEnough).toBe(s.size >= 100 && s.share >= 0.25);
    expect(codeOf(() => segmentCustomers(customers, segments, { minShare: 2 }))).toBe(
      "INVALID_OPTION",
    );
    expect(
      codeOf(() => segmentCustomers(customers, segments, { mode: "fuzzy" as "exclusive" })),
    ).toBe("INVALID_OPTION");
    expect(codeOf(() => segmentCustomers({} as never, segments))).toBe("INVALID_INPUT");
  });

  it("refuses a customer without an id, which its report could not list", () => {
    const { id: _, ...anonymous } = customers[0] as (typeof customers)[number];
    expect(() => segmentCustomers([customers[1], anonymous] as never, segments)).toThrow(
      /^segmentCustomers: customers\[1\] has no id \(a string\)/,
    );
  });

  it("measures homogeneity as the share of variance explained (η²)", () => {
    const base = {
      kind: "person",
      type: "consumer",
      relationship: "direct",
      side: "external",
      status: "current",
    } as const;
    const spend = (
      id: string,
      totalSpend: number | undefined,
      usageRate: "heavy" | "light",
    ): Customer => ({
      ...base,
      id,
      attributes: {
        usage: { usageRate },
        ...(totalSpend === undefined ? {} : { purchaseBehaviour: { totalSpend } }),
      },
    });
    const base6 = [
      spend("a", 100, "heavy"),
      spend("b", 120, "heavy"),
      spend("c", 10, "light"),
      spend("d", 20, "light"),
      spend("e", undefined, "light"),
    ];
    const bySpend = defineSegments([
      {
        id: "heavy",
        name: "Heavy",
        rule: { op: "eq", field: "attributes.usage.usageRate", value: "heavy" },
      },
      {
        id: "light",
        name: "Light",
        rule: { op: "eq", field: "attributes.usage.usageRate", value: "light" },
      },
    ]);
    const report = segmentCustomers(base6, bySpend, {
      homogeneityOf: "attributes.purchaseBehaviour.totalSpend",
    });
    // R 4.2: summary(aov(v ~ g)), v = c(100, 120, 10, 20), g = factor(c(1, 1, 2, 2)): Sum Sq 9025 and 250.
    expectClose(report.homogeneity?.explainedShare as number, 0.97304582210242585, 1e-14);
    expect(report.homogeneity?.missing).toBe(1);
    expect(report.segments[0]?.spread).toMatchObject({ n: 2, mean: 110 });
    expect(
      "explainedShare" in
        (segmentCustomers(base6, bySpend, {
          mode: "overlapping",
          homogeneityOf: "attributes.purchaseBehaviour.totalSpend",
        }).homogeneity ?? {}),
    ).toBe(false);
    expect(
      codeOf(() =>
        segmentCustomers(base6, bySpend, { homogeneityOf: "attributes.regional.country" }),
      ),
    ).toBe("INVALID_RULE");
    expect(
      codeOf(() => segmentCustomers(base6, bySpend, { homogeneityOf: "attributes.nothing" })),
    ).toBe("UNKNOWN_FIELD");
  });

  // No absolute time budget (machines here are shared and noisy): the figure to quote comes from
  // `npm run bench`. What is asserted is linearity: 10× the customers take well under 20× the
  // time (medians of three runs, so one stall does not decide).
  it("segments in time linear in the number of customers", () => {
    const ten = defineSegments(
      Array.from({ length: 10 }, (_, i) => ({
        id: `s${i}`,
        name: `Segment ${i}`,
        rule: {
          op: "all",
          rules: [
            { op: "eq", field: "attributes.regional.country", value: ["FI", "SE", "EE"][i % 3] },
            { op: "range", field: "attributes.custom.score", min: i * 10, max: i * 10 + 9 },
          ],
        },
      })),
    );
    const small = makeCustomers(20_000, 3);
    const large = makeCustomers(200_000, 3);
    const median = (base: readonly Customer[]): number => {
      const times = [0, 1, 2].map(() => {
        const start = performance.now();
        expect(segmentCustomers(base, ten).baseSize).toBe(base.length);
        return performance.now() - start;
      });
      return times.sort((a, b) => a - b)[1] as number;
    };
    median(small); // warm-up
    expect(median(large) / median(small)).toBeLessThan(30); // linear: 10; quadratic: 100
  });
});

describe("segmentMetrics", () => {
  const customers = makeCustomers(400, 11);
  const report = segmentCustomers(customers, segments);
  let state = 5;
  const responses: { customerId: string; nps?: number; csat?: number; ces?: number }[] =
    customers.flatMap((c, i) => {
      state = (state * 1103515245 + 12345) % 2147483648;
      const business = c.kind === "organisation";
      const score = Math.min(10, Math.floor((state / 2147483648) * 11) + (business ? 3 : 0));
      return i % 10 === 0
        ? [{ customerId: c.id }]
        : [{ customerId: c.id, nps: score, csat: 1 + (score % 5), ces: 1 + (score % 7) }];
    });

  it("computes each segment's metric and compares it with the rest", () => {
    const result = segmentMetrics(report, customers, [
      ...responses,
      { customerId: "stranger", nps: 10 },
    ]);
    expect(result.unmatchedResponses).toBe(1);
    expect(result.unanswered).toBe(40);
    const first = result.segments[0];
    const inside = report.segments[0]?.members.map((i) => customers[i]?.id) ?? [];
    // Unanswered questions are counted in each side's `missing`, as tally counts them.
    const scores = (ids: readonly (string | undefined)[], keep: boolean) =>
      responses.filter((r) => ids.includes(r.customerId) === keep).map((r) => r.nps);
    const within = tally(scores(inside, true), NPS_SCALE);
    expect(within.missing).toBeGreaterThan(0);
    expect(first?.distribution).toEqual(within);
    expect(first?.result).toEqual(nps(within));
    expect(first?.comparison).toEqual(compareNps(scores(inside, true), scores(inside, false)));
    expect(first?.responses).toBe(within.n);
  });

  it("joins by customer id: the same customers in another order give the same result", () => {
    const answered = responses.filter((r) => r.nps !== undefined);
    const inOrder = segmentMetrics(report, customers, answered);
    expect(segmentMetrics(report, [...customers].reverse(), answered)).toEqual(inOrder);
    const shuffled = customers.map((c, i) => ({ c, k: (i * 7919) % customers.length }));
    shuffled.sort((a, b) => a.k - b.k);
    expect(
      segmentMetrics(
        report,
        shuffled.map((x) => x.c),
        answered,
      ),
    ).toEqual(inOrder);
  });

  it("refuses a customer list that is not the report's, whatever its length", () => {
    const renamed = customers.map((c, i) => (i === 0 ? { ...c, id: "someone-else" } : c));
    expect(codeOf(() => segmentMetrics(report, renamed, responses))).toBe("INVALID_INPUT");
    const twice = customers.map((c, i) => (i === 1 ? (customers[0] as Customer) : c));
    expect(codeOf(() => segmentMetrics(report, twice, responses))).toBe("INVALID_INPUT");
    expect(codeOf(() => segmentMetrics({} as never, customers, responses))).toBe("INVALID_INPUT");
  });

  it("counts holes and non-records among the responses as unmatched", () => {
    const answered = responses.filter((r) => r.nps !== undefined);
    // biome-ignore lint/suspicious/noSparseArray: the hole is the point of the test
    const withHoles = [...answered, , null] as typeof responses;
    expect(segmentMetrics(report, customers, withHoles).unmatchedResponses).toBe(2);
  });

  it("adjusts the p-values across the segments (adjustPValues, checked against R there)", () => {
    const result = segmentMetrics(report, customers, responses, { correction: "bonferroni" });
    for (const row of result.segments) {
      if (row.comparison?.pValue !== undefined) {
        expect(row.adjustedPValue).toBe(Math.min(1, row.comparison.pValue * 3));
        expect(row.significant).toBe((row.adjustedPValue as number) < 0.05);
      }
    }
  });

  it("works for CSAT and CES and names a bad answer", () => {
    expect(
      segmentMetrics(report, customers, responses, { metric: "csat" }).segments[0]?.result,
    ).toHaveProperty("satisfied");
    expect(
      segmentMetrics(report, customers, responses, { metric: "ces" }).segments[0]?.result,
    ).toHaveProperty("shares.easy");
    const bad = [...responses, { customerId: customers[0]?.id as string, ces: 9 }];
    try {
      segmentMetrics(report, customers, bad, { metric: "ces" });
      expect.fail("should throw");
    } catch (error) {
      expect((error as { code: string; details: { index: number } }).code).toBe(
        "SCORE_OUT_OF_SCALE",
      );
      expect((error as { details: { index: number } }).details.index).toBe(bad.length - 1);
    }
    expect(codeOf(() => segmentMetrics(report, customers.slice(1), responses))).toBe(
      "INVALID_INPUT",
    );
    expect(
      codeOf(() => segmentMetrics(report, customers, responses, { metric: "roi" as "nps" })),
    ).toBe("INVALID_OPTION");
  });
});

describe("segmentMetrics as breakdown with segments as groups", () => {
  const customers = makeCustomers(300, 23);
  const exclusive = segmentCustomers(customers, segments);
  const overlapping = segmentCustomers(customers, segments, { mode: "overlapping" });
  let state = 9;
  const responses = customers.map((c) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return { customerId: c.id, nps: Math.floor((state / 2147483648) * 11) };
  });
  const weightOf = (r: { customerId: string }) =>
    0.5 + (Number(r.customerId.replace(/\D/g, "")) % 3);
  const inSegment = (report: typeof exclusive, s: number) => new Set(report.segments[s]?.ids ?? []);

  it("reads weights with an accessor, exactly as tally does", () => {
    const result = segmentMetrics(overlapping, customers, responses, { weight: weightOf });
    overlapping.segments.forEach((_, s) => {
      const ids = inSegment(overlapping, s);
      const own = responses.filter((r) => ids.has(r.customerId));
      const rest = responses.filter((r) => !ids.has(r.customerId));
      const d = tally(
        own.map((r) => r.nps),
        NPS_SCALE,
        { weights: own.map(weightOf) },
      );
      const row = result.segments[s];
      expect(row?.distribution.n).toBe(d.n);
      row?.distribution.counts.forEach((c, i) => {
        expectClose(c, d.counts[i] as number, 1e-12, 1e-12);
      });
      expectClose(row?.result?.score as number, nps(d).score, 1e-12, 1e-12);
      const other = tally(
        rest.map((r) => r.nps),
        NPS_SCALE,
        { weights: rest.map(weightOf) },
      );
      expectClose(
        row?.comparison?.difference as number,
        compareNps(d, other).difference,
        1e-10,
        1e-10,
      );
    });
  });

  it("passes the metric's options on: interval, level, minSampleSize", () => {
    const result = segmentMetrics(exclusive, customers, responses, {
      interval: "wald",
      level: 0.9,
      minSampleSize: 5,
    });
    const row = result.segments[0];
    expect(row?.result?.interval.method).toBe("wald");
    expect(row?.result?.interval.level).toBe(0.9);
    expect(row?.result?.lowBase).toBe(false);
    expect(row?.comparison?.samples[0].interval?.method).toBe("wald");
    expect(result.level).toBe(0.9);
    expect(
      codeOf(() =>
        segmentMetrics(exclusive, customers, responses, { interval: "wilson" as never }),
      ),
    ).toBe("INVALID_OPTION");
  });

  it("tests across segments when they are disjoint, and says why not when they overlap", () => {
    const disjoint = segmentMetrics(exclusive, customers, responses);
    expect(disjoint.omnibus.notTested).toBeUndefined();
    expect(disjoint.omnibus.groups).toBe(
      exclusive.segments.filter((s) => s.size > 0).length + (exclusive.unassigned.size > 0 ? 1 : 0),
    );
    const overlap = segmentMetrics(overlapping, customers, responses);
    expect(overlap.omnibus.notTested).toMatch(/segments overlap/);
    expect(overlap.omnibus.pValue).toBeUndefined();
  });

  it("takes any adjustPValues method", () => {
    const bh = segmentMetrics(exclusive, customers, responses, {
      correction: "benjamini-hochberg",
    });
    expect(bh.correction).toBe("benjamini-hochberg");
    expect(bh.segments.map((s) => s.adjustedPValue)).toEqual(
      adjustPValues(
        bh.segments.map((s) => s.comparison?.pValue),
        "benjamini-hochberg",
      ),
    );
  });
});

describe("segmentValues", () => {
  const customers = makeCustomers(200, 17);
  const report = segmentCustomers(customers, segments);
  const valueOfCustomer = (c: Customer) =>
    c.attributes?.purchaseBehaviour?.totalSpend === undefined
      ? undefined
      : {
          benefits: { economic: c.attributes.purchaseBehaviour.totalSpend },
          sacrifices: { monetary: 1000 },
        };

  it("summarises the value ratio per segment and counts customers without one", () => {
    const result = segmentValues(report, customers, valueOfCustomer);
    report.segments.forEach((segment, s) => {
      const inputs = segment.members
        .map((i) => valueOfCustomer(customers[i] as Customer))
        .filter((v) => v !== undefined);
      const row = result.segments[s];
      expect(row?.withoutValue).toBe(segment.members.length - inputs.length);
      if (inputs.length > 0) expect(row?.summary).toEqual(summarizeValue(inputs));
    });
    expect(result.unassigned.withoutValue + (result.unassigned.summary?.n ?? 0)).toBe(
      report.unassigned.size,
    );
  });

  it("joins by id: customers in another order give the same values", () => {
    expect(segmentValues(report, [...customers].reverse(), valueOfCustomer)).toEqual(
      segmentValues(report, customers, valueOfCustomer),
    );
  });

  it("refuses a report that does not fit the customers", () => {
    expect(codeOf(() => segmentValues(report, customers.slice(1), valueOfCustomer))).toBe(
      "INVALID_INPUT",
    );
    expect(codeOf(() => segmentValues(report, customers, "spend" as never))).toBe("INVALID_INPUT");
  });

  it("names the customer or the report's entry that does not fit, as segmentMetrics does", () => {
    // The error's message without the function's name in front of it, and its details.
    const errorOf = (run: () => unknown): Pick<MetricError, "message" | "details"> => {
      try {
        run();
      } catch (error) {
        if (error instanceof MetricError)
          return { message: error.message.replace(/^\w+: /, ""), details: error.details };
        throw error;
      }
      throw new Error("expected a MetricError");
    };
    const both = (list: readonly Customer[]) => [
      errorOf(() => segmentValues(report, list, valueOfCustomer)),
      errorOf(() => segmentMetrics(report, list, [])),
    ];
    const twice = customers.map((c, i) => (i === 5 ? (customers[2] as Customer) : c));
    for (const error of both(twice)) {
      expect(error.message).toBe(`customers[5] repeats the id "${customers[2]?.id}"`);
      expect(error.details).toMatchObject({ index: 5, field: "id" });
    }
    const stranger = { ...(customers[0] as Customer), id: "stranger" };
    for (const error of both([...customers, stranger])) {
      expect(error.message).toMatch(
        /^customers\[200\] \(id "stranger"\) is not in the segmentation report/,
      );
      expect(error.details).toMatchObject({ index: 200, field: "customers" });
    }
    const noId = [...customers.slice(0, 3), { ...(customers[3] as Customer), id: 7 as never }];
    for (const error of both(noId)) {
      expect(error.message).toMatch(/^customers\[3\] \(id 7\) is not in the segmentation report/);
    }
    // One customer short: segmentValues names the report's entry it cannot find.
    const id = customers[0]?.id as string;
    const where = report.unassigned.ids.includes(id)
      ? "report.unassigned"
      : `report.segments[${report.segments.findIndex((s) => s.ids.includes(id))}]`;
    const [values, metrics] = both(customers.slice(1));
    expect(values?.message).toMatch(
      new RegExp(
        `^${where.replace(/[[\].]/g, "\\$&")}\\.ids\\[\\d+\\] \\(id "${id}"\\) is not among the customers`,
      ),
    );
    expect(values?.details).toMatchObject({ field: "report" });
    expect(metrics?.message).toMatch(/^the report covers 200 customers but 199 were given/);
    const resized = { ...report, baseSize: 201 };
    expect(errorOf(() => segmentValues(resized, customers, valueOfCustomer)).message).toMatch(
      /^the report's base size is 201 but 200 customers were given/,
    );
  });
});
