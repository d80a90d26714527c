import { describe, expect, it } from "vitest";
import { cohortRetention } from "../../src/loyalty/cohorts.js";
import { purchaseBehaviour } from "../../src/loyalty/purchase-behaviour.js";
import { cli } from "./harness.js";

const orders = [
  "client,day,paid,status",
  "a,2024-01-05,40,",
  "b,2024-01-20,20,completed",
  "a,2024-02-11,60,",
  "c,2024-02-02,30,",
  "b,2024-03-30,25,",
  "c,2024-03-01,10,Returned",
  "d,2024-03-05,15,",
].join("\n");
const flags = ["--customer", "client", "--date", "day", "--amount", "paid", "--outcome", "status"];
const records = [
  { customerId: "a", date: "2024-01-05", amount: 40 },
  { customerId: "b", date: "2024-01-20", amount: 20, outcome: "completed" as const },
  { customerId: "a", date: "2024-02-11", amount: 60 },
  { customerId: "c", date: "2024-02-02", amount: 30 },
  { customerId: "b", date: "2024-03-30", amount: 25 },
  { customerId: "c", date: "2024-03-01", amount: 10, outcome: "returned" as const },
  { customerId: "d", date: "2024-03-05", amount: 15 },
];

describe("customer-metrics loyalty", () => {
  it("reports what the library computes on the same records", async () => {
    const { code, out, err } = await cli(
      ["loyalty", "-", ...flags, "--period", "month", "--format", "json"],
      orders,
    );
    expect(code, err).toBe(0);
    const report = JSON.parse(out);
    expect(report.asOf).toBe("2024-03-30");
    expect(report.behaviour).toEqual(purchaseBehaviour(records));
    expect(report.cohorts).toEqual(
      cohortRetention(records, { period: "month", asOf: "2024-03-30" }),
    );
    expect(Object.values(report.rfm).reduce((s: number, n) => s + (n as number), 0)).toBe(4);
    // Four customers cannot pin down four BG/NBD parameters: said, not a failure of the report.
    expect(report.lifetimeValue.notFitted).toMatch(/^fit/);
  });

  it("skips bad rows with their line, or stops at the first under --strict", async () => {
    const bad = `${orders}\ne,2024-02-30,5,\nf,2024-03-01,-3,\ng,2024-03-02,5,lost\n,2024-03-03,5,\nh,2024-03-04,1e400,`;
    const { code, err } = await cli(["loyalty", "-", ...flags, "--format", "json"], bad);
    expect(code).toBe(0);
    expect(err).toContain(
      'line 9: day "2024-02-30" is not a date YYYY-MM-DD (or YYYYMMDD) (skipped)',
    );
    expect(err).toContain('line 10: paid "-3" is not a finite amount ≥ 0 (skipped)');
    // Number("1e400") is Infinity: a bad row, skipped, not the report's failure.
    expect(err).toContain('line 13: paid "1e400" is not a finite amount ≥ 0 (skipped)');
    expect(err).toContain(
      'line 11: status "lost" is not completed, cancelled or returned (skipped)',
    );
    expect(err).toContain("line 12: no client (skipped)");
    const strict = await cli(["loyalty", "-", ...flags, "--strict"], bad);
    expect(strict.code).toBe(1);
    expect(strict.err).toContain("line 9:");
    // A purchase after --as-of is the library's error, with the line it came from.
    const late = await cli(["loyalty", "-", ...flags, "--as-of", "2024-03-01"], orders);
    expect(late.code).toBe(1);
    expect(late.err).toMatch(/line 6: the purchase on 2024-03-30 is after asOf 2024-03-01/);
  });

  it("refuses what it cannot read as usage errors", async () => {
    expect((await cli(["loyalty", "-"], orders)).err).toContain('no column "customerId"');
    expect((await cli(["loyalty", "--period", "week"])).code).toBe(2);
    expect((await cli(["loyalty", "--as-of", "31/12/2024"])).code).toBe(2);
    expect((await cli(["loyalty", "--months", "0"])).code).toBe(2);
    expect((await cli(["loyalty", "--discount", "-1"])).code).toBe(2);
    expect((await cli(["loyalty", "--sample", "file.csv"])).code).toBe(2);
    expect((await cli(["loyalty", "-", ...flags], "client,day\n")).err).toContain("no purchases");
  });

  it("prints the dashboard of the bundled sample: retention, RFM segments, the top decile's CLV", async () => {
    const { code, out } = await cli(["loyalty", "--sample"]);
    expect(code).toBe(0);
    expect(out).toContain("Retention by quarter of first purchase");
    expect(out).toContain("champions");
    expect(out).toMatch(/top decile\s+149\s+mean/);
    const report = JSON.parse((await cli(["loyalty", "--sample", "--format", "json"])).out);
    expect(report.behaviour.customers).toBe(1489);
    const v = report.lifetimeValue;
    expect(v.topDecile.share).toBeGreaterThan(0.1);
    expect(v.topDecile.share).toBeLessThanOrEqual(1);
    expect(v.topDecile.mean).toBeGreaterThan(v.mean);
  });
});
