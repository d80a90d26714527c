// The report on several threads gives the JSON, the bad rows and the exit code of one thread:
// on random CSVs with quotes (stray ones too), quoted delimiters and line breaks, CRLF and bad rows, cut into
// ranges at any size (CUSTOMER_METRICS_PARALLEL_FROM=0). It runs the built command line
// (dist/cli.js and dist/worker.js: `npm test` builds before the tests).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

const CLI = join(import.meta.dirname, "..", "..", "dist", "cli.js");
const built =
  existsSync(CLI) && existsSync(join(import.meta.dirname, "..", "..", "dist", "worker.js"));
const dir = mkdtempSync(join(tmpdir(), "customer-metrics-threads-"));

function report(path: string, threads: number, extra: string[] = []) {
  const run = spawnSync(
    process.execPath,
    [
      CLI,
      "report",
      path,
      "--threads",
      String(threads),
      "--format",
      "json",
      "--max-bad",
      "100%",
      ...extra,
    ],
    { encoding: "utf8", env: { ...process.env, CUSTOMER_METRICS_PARALLEL_FROM: "0" } },
  );
  return { code: run.status, out: run.stdout, err: run.stderr };
}

const cell = fc.oneof(
  fc.constantFrom(
    "North",
    "south",
    " East ",
    '"West"',
    '"a, b"',
    '"two\nlines"',
    '"say ""hi"""',
    // A quote inside an unquoted field is text: the quotes before a cut are then no guide.
    'x"y',
    "",
  ),
  fc.constantFrom("10", "9", "0", "7", "", "N/A", "11", "ten", '"8"'),
);

describe.skipIf(!built)("the report on several threads", () => {
  it("gives the one-thread JSON, bad rows and exit code on random CSVs", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(cell, cell, fc.constantFrom("", ",extra")), {
          minLength: 1,
          maxLength: 120,
        }),
        fc.constantFrom("\n", "\r\n"),
        fc.integer({ min: 2, max: 4 }),
        (rows, eol, threads) => {
          const text =
            ["region,nps", ...rows.map(([g, s, more]) => `${g},${s}${more}`)].join(eol) + eol;
          const path = join(dir, "random.csv");
          writeFileSync(path, text);
          const one = report(path, 1, ["--by", "region"]);
          const many = report(path, threads, ["--by", "region"]);
          expect(many).toEqual(one);
        },
      ),
      { numRuns: 12 },
    );
  }, 120_000);

  it("names bad rows by their lines in the whole file, across the cut", () => {
    const lines = ["region,nps"];
    for (let k = 0; k < 400; k++) lines.push(k % 97 === 5 ? `"North\nwest",12` : `North,${k % 11}`);
    const path = join(dir, "lines.csv");
    writeFileSync(path, `${lines.join("\r\n")}\r\n`);
    const one = report(path, 1);
    const two = report(path, 2);
    expect(two).toEqual(one);
    expect(one.err).toMatch(/line 7: the answer \(nps\) is outside the scale 0–10: 12 \(skipped\)/);
  });

  it("cuts a file only after the line break one thread reads it with", () => {
    // CR LF, found from the opening text: the body's bare line feeds are then text within one
    // record, on one thread; cut there, each range would report a record of its own.
    const lines = ["region,nps\r\n"];
    for (let k = 0; k < 2000; k++)
      lines.push(k < 1500 ? `North,${k % 11}\n` : `South,${k % 11}\r\n`);
    const path = join(dir, "mixed.csv");
    writeFileSync(path, lines.join(""));
    const one = report(path, 1, ["--by", "region"]);
    for (const threads of [2, 3]) expect(report(path, threads, ["--by", "region"])).toEqual(one);
    expect(one.err).toMatch(/line 2: the row has 1,502 fields, the header 2 \(skipped\)/);
  });

  it("counts on one thread when a cut falls inside quotes after a stray quote", () => {
    // Nearly every line feed is inside a quoted field, so the cuts fall inside one; the stray
    // quote makes the number of quotes before such a cut even, as if it were outside quotes.
    // The range before the cut then ends in an open quote, and its worker fails.
    const lines = ["region,nps", 'x"y,5'];
    for (let k = 0; k < 300; k++) lines.push(`"No\nr\nt\nh",${k % 11}`);
    const path = join(dir, "stray.csv");
    writeFileSync(path, `${lines.join("\n")}\n`);
    const one = report(path, 1, ["--by", "region"]);
    for (const threads of [2, 3, 4]) expect(report(path, threads, ["--by", "region"])).toEqual(one);
    const json = JSON.parse(one.out);
    expect(json.rows).toBe(301);
    expect(json.breakdown.groups.map((g: { group: string }) => g.group).sort()).toEqual([
      "No\nr\nt\nh",
      'x"y',
    ]);
  });
});
