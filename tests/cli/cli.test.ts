// The command line, run in-process on in-memory streams: every input shape the help promises,
// the numbers against the library's own functions, bad rows, exit codes, and the SVG.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { HELP } from "../../cli/args.js";
import { detectDelimiter } from "../../cli/rows.js";
import { breakdown } from "../../src/analysis/breakdown.js";
import { trend } from "../../src/analysis/trend.js";
import { NPS_SCALE } from "../../src/distribution/scale.js";
import { tally } from "../../src/distribution/tally.js";
import { csat } from "../../src/survey/csat.js";
import { nps } from "../../src/survey/nps.js";
import { cli } from "./harness.js";

const dir = mkdtempSync(join(tmpdir(), "customer-metrics-cli-"));
const file = (name: string, text: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const json = async (argv: string[], stdin = "") => {
  const { code, out, err } = await cli([...argv, "--format", "json"], stdin);
  expect(code, err).toBe(0);
  return JSON.parse(out);
};

const survey = [
  "id,region,quarter,nps,w",
  "1,north,2024-Q1,10,1.5",
  "2,north,2024-Q1,9,1",
  "3,south,2024-Q1,3,0.5",
  "4,south,2024-Q2,,1",
  "5,north,2024-Q2,8,2",
  "6,south,2024-Q2,6,1",
  "7,,2024-Q2,10,1",
  "8,north,2024-Q3,N/A,1",
  "9,south,2024-Q3,2,1",
].join("\n");
const records = survey
  .split("\n")
  .slice(1)
  .map((line) => {
    const [id, region, quarter, score, w] = line.split(",");
    return {
      id,
      region: region || null,
      quarter,
      nps: score === "" || score === "N/A" ? null : Number(score),
      w: Number(w),
    };
  });

describe("the numbers are the library's", () => {
  it("overall, with weights, from a file", async () => {
    const path = file("survey.csv", survey);
    const r = await json(["report", path, "--column", "nps", "--weight", "w"]);
    expect(r.overall).toEqual(
      nps(
        tally(
          records.map((x) => x.nps),
          NPS_SCALE,
          { weights: records.map((x) => x.w) },
        ),
      ),
    );
    expect([r.rows, r.badRows, r.distribution.missing]).toEqual([9, 0, 2]);
  });

  it("--by: each group against the rest, as breakdown gives it", async () => {
    const r = await json(["report", file("by.csv", survey), "--by", "region"]);
    const expected = breakdown(records, { by: "region", score: "nps" });
    expect(r.breakdown.groups.map((g: { group: string }) => g.group)).toEqual(["north", "south"]);
    expect(r.breakdown.groups[0].comparison).toEqual(
      JSON.parse(JSON.stringify(expected.groups[0]?.comparison)),
    );
    expect(r.breakdown.omnibus).toEqual(JSON.parse(JSON.stringify(expected.omnibus)));
    expect(r.breakdown.ungrouped).toBe(1);
  });

  it("--period: each period against the one before, as trend gives it", async () => {
    const r = await json(["report", file("period.csv", survey), "--period", "quarter"]);
    const expected = trend(records, { period: "quarter", score: "nps" });
    expect(r.trend.periods.map((p: { period: string }) => p.period)).toEqual([
      "2024-Q1",
      "2024-Q2",
      "2024-Q3",
    ]);
    expect(r.trend.change).toEqual(JSON.parse(JSON.stringify(expected.change)));
  });

  it("CSAT with an interval method and level", async () => {
    const text = "sat\n5\n4\n2\n5\n";
    const r = await json(
      [
        "report",
        "-",
        "--metric",
        "csat",
        "--column",
        "sat",
        "--interval",
        "jeffreys",
        "--level",
        "0.9",
      ],
      text,
    );
    expect(r.overall).toEqual(csat([5, 4, 2, 5], { interval: "jeffreys", level: 0.9 }));
  });
});

describe("CSV as it comes (RFC 4180)", () => {
  const score = async (text: string | Buffer, extra: string[] = []) =>
    (await json(["report", file(`in-${Math.random()}.csv`, text), "--column", "nps", ...extra]))
      .overall;

  it("counts lines across quoted newlines, blank lines and CRLF, for the bad rows it reports", async () => {
    const text = 'note,nps\r\n"a\r\nb",10\r\n\r\n"c",11\r\n"d\ne\nf",9\r\nx,12\r\n';
    const { err } = await cli(["report", file("lines.csv", text), "--column", "nps"]);
    expect(err).toMatch(/line 5: the answer \(nps\) is outside the scale 0–10: 11/);
    expect(err).toMatch(/line 9: the answer \(nps\) is outside the scale 0–10: 12/);
  });

  it("quoted fields with delimiters, quotes and newlines inside", async () => {
    const text = 'comment,nps\n"fine, thanks",10\n"said ""great""",9\n"two\nlines",3\n';
    expect((await score(text)).n).toBe(3);
    expect((await score(text)).score).toBeCloseTo(100 / 3, 12);
  });

  it("CRLF line ends and a byte-order mark", async () => {
    const text = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from("nps,x\r\n10,a\r\n3,b\r\n"),
    ]);
    expect((await score(text)).n).toBe(2);
  });

  it("semicolon and tab delimiters, found from the header or given", async () => {
    expect((await score("nps;comment\n10;a,b\n6;c\n")).score).toBe(0);
    expect((await score("nps\tcomment\n10\tx\n9\ty\n")).score).toBe(100);
    expect((await score("nps|c\n10|x\n", ["--delimiter", "|"])).score).toBe(100);
    expect(detectDelimiter('"a;b",c,d')).toBe(",");
  });

  it("blank, NA, N/A, null and - are missing answers; numbers written as text are numbers", async () => {
    const r = await score("nps\n10\n\nNA\nn/a\nnull\n-\n 9 \n");
    expect([r.n, r.missing]).toEqual([2, 4]);
  });
});

describe("JSON Lines", () => {
  it("from a .jsonl file and from standard input", async () => {
    const text = '{"nps": 10, "g": "a"}\n\n{"nps": null, "g": "b"}\n{"nps": "9", "g": "b"}\n';
    const fromFile = await json(["report", file("a.jsonl", text), "--by", "g"]);
    expect(fromFile.overall.n).toBe(2);
    const fromStdin = await json(["report", "-", "--input", "jsonl"], text);
    expect(fromStdin.overall).toEqual(fromFile.overall);
  });
});

describe("bad rows never vanish", () => {
  const bad = "nps,w\n10,1\n11,1\nten,1\n9,-2\n7\n8,1\n";

  it("are skipped, counted, and the first reported with their line and reason", async () => {
    const { code, out, err } = await cli([
      "report",
      file("bad.csv", bad),
      "--weight",
      "w",
      "--max-bad",
      "100%",
    ]);
    expect(code).toBe(0);
    expect(err).toMatch(/line 3: the answer \(nps\) is outside the scale 0–10: 11 \(skipped\)/);
    expect(err).toMatch(/line 4: the answer \(nps\) "ten" is not a number or a known label/);
    expect(err).toMatch(/line 5: the weight \(w\) must be a finite number ≥ 0/);
    expect((await cli(["report", "-", "--weight", "w"], "nps,w\n9,\n")).err).toMatch(
      /line 2: the weight \(w\) is missing/,
    );
    expect(err).toMatch(/line 6: the row has 1 field, the header 2/);
    expect(out).toMatch(/6 rows: 2 responses, 0 missing answers, 4 bad rows skipped/);
  });

  it("name a number beyond the range of doubles by its cell", async () => {
    const { err, out } = await cli(
      ["report", "-", "--weight", "w"],
      "nps,w\n9,1\n1e400,1\n5,-1e400\n",
    );
    expect(err).toMatch(
      /line 3: the answer \(nps\) "1e400" is beyond the range of numbers \(skipped\)/,
    );
    expect(err).toMatch(
      /line 4: the weight \(w\) "-1e400" is beyond the range of numbers \(skipped\)/,
    );
    expect(out).toMatch(/3 rows: 1 response, 0 missing answers, 2 bad rows skipped/);
  });

  it("are counted in words that agree with the count", async () => {
    const one = "g,nps\na,10\n,9\nb,\nb,ten\n";
    const { out } = await cli(["report", file("one.csv", one), "--by", "g"]);
    expect(out).toMatch(/1 row with no g is in "All" only/);
    expect(out).toMatch(/4 rows: 2 responses, 1 missing answer, 1 bad row skipped/);
    const two = await cli(["report", "-", "--by", "g"], "g,nps\n,9\n,8\na,7\n");
    expect(two.out).toMatch(/2 rows with no g are in "All" only/);
    const none = await cli(["report", "-", "--strict"], "nps\nNA\n");
    expect(none.err).toMatch(
      /no responses to compute NPS of nps on: 1 row, 1 missing answer, 0 bad rows/,
    );
  });

  it("only ten are shown; the rest are counted", async () => {
    const many = `nps\n${Array.from({ length: 30 }, () => "12").join("\n")}\n10\n`;
    const { code, err, out } = await cli(["report", file("many.csv", many), "--max-bad", "1"]);
    expect(code).toBe(0);
    expect(err.match(/\(skipped\)/g)).toHaveLength(10);
    expect(err).toMatch(/more bad rows: counted, not shown/);
    expect(out).toMatch(/30 bad rows skipped/);
  });

  it("--strict makes the first an error: exit 1", async () => {
    const { code, err, out } = await cli(["report", file("strict.csv", bad), "--strict"]);
    expect(code).toBe(1);
    expect(err).toMatch(/line 3: .*11/);
    expect(out).toBe("");
  });

  it("a period that is not one is a bad row", async () => {
    const { err } = await cli(
      ["report", "-", "--period", "q"],
      "q,nps\n2024-Q1,10\n2024-13,9\n2024,9\n",
    );
    expect(err).toMatch(
      /line 3: the period \(q\) "2024-13" is not "YYYY", "YYYY-Qn", "YYYY-MM" or "YYYY-Www"/,
    );
    expect(err).toMatch(/line 4: the period \(q\) "2024" is a year, but the first was a quarter/);
  });
});

describe("exit codes and usage", () => {
  it("--help is complete: every option it parses is in it", async () => {
    const { code, out } = await cli(["--help"]);
    expect(code).toBe(0);
    expect(out).toBe(HELP);
    for (const flag of [
      "--metric",
      "--column",
      "--weight",
      "--by",
      "--period",
      "--level",
      "--interval",
      "--format",
      "--svg",
      "--input",
      "--delimiter",
      "--strict",
      "--sample",
      "--color",
      "--no-color",
      "--help",
      "--version",
    ]) {
      expect(HELP, flag).toContain(flag);
    }
    expect((await cli(["report", "--help"])).out).toBe(HELP);
    expect(HELP).toMatch(/0 {2}the report was written/);
  });

  it("usage errors exit 2 with a pointer to the help", async () => {
    expect((await cli([])).code).toBe(2);
    expect((await cli(["reprot"])).err).toMatch(/unknown command "reprot"/);
    const unknown = await cli(["report", "--colum", "x"]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/try customer-metrics report --help/);
    expect((await cli(["report", "--metric", "roi"])).code).toBe(2);
    expect((await cli(["report", "--level", "95"])).code).toBe(2);
    expect((await cli(["report", "--by", "a", "--period", "b"])).code).toBe(2);
    expect((await cli(["report", "--sample", "--interval", "wilson"])).code).toBe(2);
  });

  it("a column not in the file is a usage error, with the one meant", async () => {
    const { code, err } = await cli(["report", "-", "--column", "nsp"], "nps,region\n10,a\n");
    expect(code).toBe(2);
    expect(err).toMatch(/--column "nsp" is not a column of the input; did you mean "nps"\?/);
  });

  it("no responses, or no file, is bad data: exit 1", async () => {
    expect((await cli(["report", "-"], "nps\n\n\nNA\n")).code).toBe(1);
    expect((await cli(["report", join(dir, "nothing.csv")])).code).toBe(1);
    expect((await cli(["report", "-"], 'nps\n"10\n')).code).toBe(1);
  });

  it("shows progress on stderr only when it is a terminal, and clears it", async () => {
    const big = `nps\n${"9\n".repeat(300_000)}`;
    const quiet = await cli(["report", "-"], big);
    expect(quiet.err).toBe("");
    const shown = await cli(["report", "-"], big, {}, true);
    expect(shown.err).toMatch(/\r262,144 rows…/);
    expect(shown.err.endsWith("\r\u001b[K")).toBe(true);
  });

  it("--version", async () => {
    expect((await cli(["--version"])).out).toBe("9.9.9\n");
  });
});

describe("the bundled sample and the pictures", () => {
  it("--sample runs with no file", async () => {
    const { code, out } = await cli(["report", "--sample", "--by", "region"]);
    expect(code).toBe(0);
    expect(out).toMatch(/^NPS of nps — the bundled sample survey/);
    expect(out).toMatch(/across 4 groups: mean-score test/);
    expect(out).toContain("█");
  });

  it("colours the bars only when asked or on a terminal", async () => {
    expect((await cli(["report", "--sample", "--color"])).out).toContain("\u001b[32m");
    expect((await cli(["report", "--sample"])).out).not.toContain("\u001b[");
  });

  it("writes a well-formed SVG whose bars are proportional to the shares", async () => {
    const path = join(dir, "nps.svg");
    const { code } = await cli([
      "report",
      file("svg.csv", survey),
      "--by",
      "region",
      "--svg",
      path,
    ]);
    expect(code).toBe(0);
    const svg = readFileSync(path, "utf8");
    // Well-formed: every element closed, in order (no text nodes hold < or &).
    const stack: string[] = [];
    for (const tag of svg.matchAll(/<(\/?)([a-z]+)([^>]*?)(\/?)>/g)) {
      const [, closing, name, , selfClosing] = tag;
      if (selfClosing === "/") continue;
      if (closing === "/") expect(stack.pop()).toBe(name);
      else stack.push(name as string);
    }
    expect(stack).toEqual([]);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    const parts = [...svg.matchAll(/data-share="([^"]+)" x="[^"]+" y="[^"]+" width="([^"]+)"/g)];
    expect(parts.length).toBe(9);
    for (const [, share, width] of parts) expect(Number(width)).toBeCloseTo(Number(share) * 320, 1);
    expect(svg.match(/class="whisker"/g)).toHaveLength(3);
  });
});
