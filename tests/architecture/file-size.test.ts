// One job per file (issue 10): a source file over ~300 lines must be listed here with the one
// job it does, so that a file growing a second job is noticed in review rather than by a reader
// months later. Most of these lines are TSDoc; the list is short on purpose.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SRC, sourceFiles } from "./sources.js";

const LIMIT = 300;

/** The long files and their one job. */
const ONE_JOB: Readonly<Record<string, string>> = {
  "customers/customer.ts": "the customer model: its documented types and their zod schemas",
  "customers/segmentation.ts": "segmentCustomers: assigning customers to segments and its report",
  "analysis/trend.ts": "trend and trendFromCounts: a metric per period, each against the previous",
  "analysis/breakdown.ts":
    "breakdown and breakdownFromCounts: a metric per group, each against the rest",
  "distribution/answer-text.ts":
    "answers written as text: the rules, their options, and why a text is not an answer",
  "distribution/counts.ts":
    "the one accumulator: its row, column and merge paths (one loop per array kind)",
  "loyalty/bg-nbd.ts": "the BG/NBD model: its likelihood, fit and predictions",
  "loyalty/calibration-holdout.ts":
    "checking a purchase model on a holdout: the split of a log, and the comparison",
  "distribution/input.ts": "the input shapes a tally reads and the readers of their rows",
  "survey/group-tests.ts": "the k-group tests of the three metrics and their shared pieces",
  "survey/compare.ts": "the three two-sample comparisons and their shared test construction",
  "distribution/distribution.ts": "the Distribution value: building, validating and reading it",
  "distribution/tally.ts": "the public Tally accumulator and tally()",
  "inflation/price-index.ts": "price indexes: building, rebasing, deflating with them",
  "inflation/rates.ts": "inflation rates: converting, compounding, purchasing power",
  "value/customer-value.ts": "customerValue: benefits against sacrifices for one customer",
};

const lines = new Map(
  sourceFiles().map((file) => [file, readFileSync(join(SRC, file), "utf8").split("\n").length]),
);

describe("one job per file", () => {
  it("lists every source file over 300 lines with its one job", () => {
    const unlisted = [...lines]
      .filter(([file, count]) => count > LIMIT && ONE_JOB[file] === undefined)
      .map(([file, count]) => `${file} (${count} lines)`);
    expect(unlisted).toEqual([]);
  });

  it("keeps no stale entries, and no file past twice the limit", () => {
    const stale = Object.keys(ONE_JOB).filter((file) => (lines.get(file) ?? 0) <= LIMIT);
    expect(stale).toEqual([]);
    const huge = [...lines].filter(([, count]) => count > 2 * LIMIT).map(([file]) => file);
    expect(huge).toEqual([]);
  });
});
