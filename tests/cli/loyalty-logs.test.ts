// customer-metrics loyalty on real transaction logs (issue 29): the CDNOW sample's own event log
// end to end, a $0 repeat purchase, as-of dates that cannot lie, and what one purchase is.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import reference from "../fixtures/cdnow-holdout.json" with { type: "json" };
import { cli } from "./harness.js";

/** The CDNOW log's columns, as the loyalty command is told them. */
const columns = ["--customer", "sampleid", "--date", "date", "--amount", "sales"];
const cdnow = ["loyalty", "tests/fixtures/cdnow-elog.csv", ...columns];

describe("the CDNOW sample's event log", () => {
  it("gives a lifetime value, exit 0, with every customer counted", async () => {
    const { code, out, err } = await cli([...cdnow, "--format", "json"]);
    expect(code, err).toBe(0);
    const r = JSON.parse(out);
    expect([r.asOf, r.countBy, r.rows, r.skipped]).toEqual(["1998-06-30", "day", 6919, 0]);
    expect(r.lifetimeValue.customers).toBe(2357);
    expect(r.lifetimeValue.spendFittedOn + r.lifetimeValue.spendExcluded.noRepeatPurchase).toBe(
      2357,
    );
    expect(r.lifetimeValue.mean).toBeGreaterThan(0);
    const table = await cli(cdnow);
    expect(table.out).toMatch(
      /A purchase is a customer's rows on one day \(amounts summed\), in every figure below\./,
    );
    expect(table.out).toMatch(/6,696 completed by 2,357 customers from 6,919 rows/);
  });

  it("with --calibration-end 1997-09-30, sets predicted against actual holdout purchases", async () => {
    const { code, out, err } = await cli([
      ...cdnow,
      "--calibration-end",
      "1997-09-30",
      "--format",
      "json",
    ]);
    expect(code, err).toBe(0);
    const h = JSON.parse(out).holdout;
    // Fitted on the calibration weeks: the published estimates.
    expect(
      [h.model.r, h.model.alpha, h.model.a, h.model.b].map((v: number) => v.toFixed(3)),
    ).toEqual(["0.243", "4.414", "0.793", "2.426"]);
    expect(h.comparison.actual).toBe(reference.actual);
    expect(h.comparison.duration).toBe(39);
    // The reference evaluates eq. 10 at the published (rounded) estimates; the fit is within them.
    expect(Math.abs(h.comparison.predicted / reference.predicted - 1)).toBeLessThan(1e-3);
    expect(h.comparison.byFrequency.map((g: { actual: number }) => g.actual.toFixed(3))).toEqual(
      reference.byFrequency.map((g) => g.actual.toFixed(3)),
    );
    const table = await cli([...cdnow, "--calibration-end", "1997-09-30"]);
    expect(table.out).toMatch(
      /predicted 165\d\.\d, actual 1,882 \(-12\.\d %\); mean absolute error 0\.78\d per customer/,
    );
    expect(table.out).toMatch(/\n +7\+ +64 +6\.359 +6\.1\d\d\n/);
  });

  it("counts 13 more repeat customers when each row is a purchase", async () => {
    const byDay = JSON.parse((await cli([...cdnow, "--format", "json"])).out).behaviour;
    const byRow = JSON.parse(
      (await cli([...cdnow, "--count-by", "row", "--format", "json"])).out,
    ).behaviour;
    expect(byRow.repeatCustomers - byDay.repeatCustomers).toBe(13);
  });
});

describe("a $0 repeat purchase", () => {
  it("no longer leaves lifetime value unfitted: the customer is left out of the spend fit, named", async () => {
    const rows = readFileSync("tests/fixtures/cdnow-elog.csv", "utf8").trim().split("\n");
    // Customer 1 buys again on 1998-01-05 for $0, a free repeat purchase on a day of its own.
    const log = [...rows, "4,1,19980105,1,0"]
      .join("\n")
      .replace(/\n4,1,19970118,2,29.73\n4,1,19970802,1,14.96\n4,1,19971212,2,26.48/, "");
    const { code, out, err } = await cli(["loyalty", "-", ...columns, "--format", "json"], log);
    expect(code, err).toBe(0);
    const v = JSON.parse(out).lifetimeValue;
    expect(v.spendExcluded.zeroSpend).toEqual(["1"]);
    expect(v.mean).toBeGreaterThan(0);
    const table = await cli(
      ["loyalty", "-", "--customer", "sampleid", "--date", "date", "--amount", "sales"],
      log,
    );
    expect(table.out).toMatch(
      /and 1 with \$0 repeat purchases \("1"\) read the population mean spend/,
    );
  });
});

describe("as-of dates", () => {
  it("refuses one far after the last purchase, unless asked; says which it used", async () => {
    const late = await cli([...cdnow, "--as-of", "2099-01-01"]);
    expect(late.code).toBe(1);
    expect(late.err).toMatch(
      /--as-of 2099-01-01 is 36710 days after the last purchase \(1998-06-30\).*--allow-future-as-of/,
    );
    const month = await cli([...cdnow, "--as-of", "1998-07-31"]);
    expect(month.code).toBe(1);
    const allowed = await cli([
      ...cdnow,
      "--as-of",
      "1998-07-31",
      "--allow-future-as-of",
      "--format",
      "json",
    ]);
    expect(allowed.code, allowed.err).toBe(0);
    expect(JSON.parse(allowed.out).asOf).toBe("1998-07-31");
    expect((await cli([...cdnow, "--as-of", "1998-07-03", "--format", "json"])).code).toBe(0);
  });

  it("refuses a calibration end that leaves no holdout", async () => {
    const { code, err } = await cli([...cdnow, "--calibration-end", "1998-06-30"]);
    expect(code).toBe(1);
    expect(err).toMatch(
      /--calibration-end 1998-06-30 must be before the end of observation \(1998-06-30\)/,
    );
    expect((await cli([...cdnow, "--calibration-end", "1998-13-01"])).code).toBe(2);
  });
});
