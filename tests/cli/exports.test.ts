// Survey exports as they really come (issue 28): one fixture per export shape, each run through
// the command line, against figures counted without the library — by
// scripts/fixtures/exports_expected.py, which reads the files with Python's csv module and
// counts by the rules the issue states (its output is in scripts/fixtures/README.md).
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cli } from "./harness.js";

const FIXTURES = join(import.meta.dirname, "..", "fixtures", "exports");
const fixture = (name: string) => join(FIXTURES, name);
const dir = mkdtempSync(join(tmpdir(), "customer-metrics-exports-"));

interface Section {
  readonly column: string;
  readonly rows: number;
  readonly badRows: number;
  readonly unreliable?: string;
  readonly overall: { readonly score: number; readonly n: number };
  readonly distribution: { readonly n: number; readonly missing: number };
  readonly breakdown?: {
    readonly groups: readonly {
      readonly group: string;
      readonly result?: { readonly score: number };
      readonly distribution: { readonly n: number; readonly missing: number };
      readonly spellings?: readonly { readonly text: string; readonly rows: number }[];
    }[];
    readonly ungrouped: number;
  };
  readonly trend?: {
    readonly periods: readonly {
      readonly period: string;
      readonly result?: { readonly score: number };
      readonly distribution: { readonly n: number; readonly missing: number };
    }[];
    readonly undated: number;
  };
}

/** The JSON report's sections (one per question), with the exit code. */
async function run(argv: string[]): Promise<{ code: number; sections: Section[]; err: string }> {
  const { code, out, err } = await cli([...argv, "--format", "json"]);
  const parsed = JSON.parse(out) as Section | { questions: Section[] };
  return { code, err, sections: "questions" in parsed ? parsed.questions : [parsed] };
}

/** Group (or period) → [score, n], to 9 decimals, as the Python counts print them. */
function scores(s: Section): Record<string, [number, number]> {
  const entries = [
    ...(s.breakdown?.groups.map((g) => [g.group, g] as const) ?? []),
    ...(s.trend?.periods.map((p) => [p.period, p] as const) ?? []),
  ];
  return Object.fromEntries([
    ...entries.map(([label, g]) => [
      label,
      [Number(Number(g.result?.score).toFixed(9)), g.distribution.n],
    ]),
    ["All", [Number(s.overall.score.toFixed(9)), s.overall.n]],
  ]);
}

/** Every row is a response, a missing answer or a bad row. */
function accounted(s: Section): void {
  expect(s.distribution.n + s.distribution.missing + s.badRows).toBe(s.rows);
}

describe("a SurveyMonkey-like export: choice labels, answers with no number, Not applicable", () => {
  const base = [
    "report",
    fixture("surveymonkey-labelled.csv"),
    "--column",
    "Recommend (0-10),Satisfaction",
    "--metric",
    "nps,csat",
    "--leading-number",
    "--labels",
    fixture("surveymonkey-labels.json"),
    "--missing",
    "Not applicable,Don't know",
    "--by",
    "Region",
  ];

  it("fails loudly while 4 of 48 answers (8.3 %) match no rule, and names them", async () => {
    const { code, sections, err } = await run(base);
    expect(code).toBe(1);
    const [recommend, satisfaction] = sections as [Section, Section];
    expect(recommend.unreliable).toMatch(
      /4 of 48 rows \(8\.33 %\) were bad and skipped, more than --max-bad allows \(5 %\)/,
    );
    expect(satisfaction.unreliable).toBeUndefined();
    expect(err).toMatch(
      /line 3: the answer \(Recommend \(0-10\)\) "Prefer not to say" is not a number or a known label: map it with --labels FILE\.json, or name it with --missing "TEXT" if it means no answer \(skipped\)/,
    );
    expect(err).toMatch(/Recommend \(0-10\): 4 of 48 rows .* \(exit 1\)/);
    const table = await cli(base);
    expect(table.out).toMatch(/^NPS of Recommend \(0-10\) — .*\nUNRELIABLE: 4 of 48 rows/);
    expect(table.out).toMatch(/\nAll .* UNRELIABLE\n/);
  });

  it("gives the hand-counted NPS and CSAT per region once the rest is named missing", async () => {
    const { code, sections } = await run([
      ...base.slice(0, 10),
      "Not applicable,Don't know,Prefer not to say",
      "--by",
      "Region",
    ]);
    expect(code).toBe(0);
    const [recommend, satisfaction] = sections as [Section, Section];
    expect(scores(recommend)).toEqual({
      North: [14.285714286, 7],
      East: [6.666666667, 15],
      South: [-22.222222222, 18],
      All: [-5, 40],
    });
    expect([recommend.rows, recommend.distribution.missing, recommend.badRows]).toEqual([48, 8, 0]);
    expect(scores(satisfaction)).toEqual({
      North: [45.454545455, 11],
      East: [70.588235294, 17],
      South: [35.294117647, 17],
      All: [51.111111111, 45],
    });
    expect([satisfaction.rows, satisfaction.distribution.missing, satisfaction.badRows]).toEqual([
      48, 3, 0,
    ]);
    for (const s of sections) accounted(s);
  });

  it("per month of its Date Created, by the same rules", async () => {
    const { code, sections } = await run([
      "report",
      fixture("surveymonkey-labelled.csv"),
      "--column",
      "Recommend (0-10)",
      "--leading-number",
      "--missing",
      "Not applicable",
      "--missing",
      "Prefer not to say",
      "--period",
      "Date Created",
      "--every",
      "month",
    ]);
    expect(code).toBe(0);
    const s = sections[0] as Section;
    expect(scores(s)).toEqual({
      "2024-01": [28.571428571, 14],
      "2024-02": [-33.333333333, 12],
      "2024-03": [-14.285714286, 14],
      All: [-5, 40],
    });
    expect([s.distribution.missing, s.badRows, s.trend?.undated]).toEqual([8, 0, 0]);
  });

  it("with --max-bad raised, the same bad rows are skipped and counted, exit 0", async () => {
    const { code, sections } = await run([...base, "--max-bad", "10%"]);
    expect(code).toBe(0);
    const recommend = sections[0] as Section;
    expect([recommend.badRows, recommend.distribution.missing]).toEqual([4, 4]);
    expect(recommend.unreliable).toBeUndefined();
    accounted(recommend);
  });

  it("without --leading-number, a choice label is a bad row that says how to read it", async () => {
    const { code, err } = await cli([
      "report",
      fixture("surveymonkey-labelled.csv"),
      "--column",
      "Recommend (0-10)",
    ]);
    expect(code).toBe(1);
    expect(err).toMatch(
      /the answer \(Recommend \(0-10\)\) "0 - Not at all likely" is a label: to read its leading number \(0\), add --leading-number/,
    );
  });
});

describe("a Qualtrics-like export: numbers, and dates and date-times as periods", () => {
  const base = [
    "report",
    fixture("qualtrics-dates.csv"),
    "--metrics",
    "Q1=nps,Q2=ces",
    "--period",
    "RecordedDate",
  ];

  it("per quarter: the date as written decides (2024-03-31T23:30-05:00 is in Q1)", async () => {
    const { code, sections, err } = await run([...base, "--every", "quarter"]);
    expect(code).toBe(0);
    const [q1, q2] = sections as [Section, Section];
    expect(scores(q1)).toEqual({
      "2023-Q4": [30, 10],
      "2024-Q1": [21.052631579, 19],
      "2024-Q2": [-26.923076923, 26],
      All: [-1.785714286, 56],
    });
    expect(scores(q2)).toEqual({
      "2023-Q4": [5.4, 10],
      "2024-Q1": [5.277777778, 18],
      "2024-Q2": [5.148148148, 27],
      All: [5.178571429, 56],
    });
    expect([q1.rows, q1.distribution.missing, q1.badRows, q1.trend?.undated]).toEqual([
      61, 3, 2, 1,
    ]);
    expect([q2.rows, q2.distribution.missing, q2.badRows, q2.trend?.undated]).toEqual([
      61, 2, 3, 1,
    ]);
    for (const s of sections) accounted(s);
    expect(err).toMatch(
      /line 59: the period \(RecordedDate\) "2024-02-30 09:00:00" has no day 30 in 2024-02 \(skipped\)/,
    );
    expect(err).toMatch(/line 61: the period \(RecordedDate\) "2024-13-01" has no month 13/);
    expect(err).toMatch(/line 62: the answer \(Q2\) is outside the scale 1–7: 8/);
  });

  it("per month", async () => {
    const { sections } = await run([...base, "--every", "month"]);
    const [q1, q2] = sections as [Section, Section];
    expect(scores(q1)).toEqual({
      "2023-11": [33.333333333, 6],
      "2023-12": [25, 4],
      "2024-01": [20, 5],
      "2024-02": [20, 5],
      "2024-03": [22.222222222, 9],
      "2024-04": [0, 7],
      "2024-05": [-25, 8],
      "2024-06": [-45.454545455, 11],
      All: [-1.785714286, 56],
    });
    expect(scores(q2)).toEqual({
      "2023-11": [5, 6],
      "2023-12": [6, 4],
      "2024-01": [4.5, 4],
      "2024-02": [6, 5],
      "2024-03": [5.222222222, 9],
      "2024-04": [5.428571429, 7],
      "2024-05": [4.75, 8],
      "2024-06": [5.25, 12],
      All: [5.178571429, 56],
    });
  });

  it("dates without --every are bad rows that say how to group them", async () => {
    const { code, err } = await cli([...base]);
    expect(code).toBe(1);
    expect(err).toMatch(
      /the period \(RecordedDate\) "2024-04-09 10:00:00" is a date: use --every month \(or week, quarter, year\) to group dates/,
    );
  });
});

describe("a European export: semicolons and decimal commas", () => {
  const base = [
    "report",
    fixture("european-semicolon.csv"),
    "--metrics",
    "NPS=nps,Zufriedenheit=csat",
    "--weight",
    "Gewicht",
    "--by",
    "Region",
    "--missing",
    "k. A.",
  ];

  it("weighted NPS and CSAT per region with --decimal comma", async () => {
    const { code, sections, err } = await run([...base, "--decimal", "comma"]);
    expect(code).toBe(0);
    const [n, z] = sections as [Section, Section];
    expect(scores(n)).toEqual({
      Süd: [0.465116279, 12],
      West: [-15.270935961, 12],
      Nord: [-44.129554656, 13],
      All: [-20.902255639, 37],
    });
    expect(scores(z)).toEqual({
      Süd: [66.666666667, 11],
      West: [37.004405286, 13],
      Nord: [90.839694656, 13],
      All: [66.081871345, 37],
    });
    for (const s of sections) {
      expect([s.rows, s.distribution.missing, s.badRows]).toEqual([43, 4, 2]);
      accounted(s);
    }
    expect(err).toMatch(
      /line 42: the weight \(Gewicht\) "1\.5" has a decimal point, but --decimal comma was given/,
    );
    expect(err).toMatch(/line 43: the weight \(Gewicht\) is missing/);
  });

  it('without it, "1,2" asks: decimal comma?', async () => {
    const { code, err } = await cli(base);
    expect(code).toBe(1);
    expect(err).toMatch(
      /the weight \(Gewicht\) "1,2" is not a number: decimal comma\? use --decimal comma/,
    );
  });
});

describe("a group column with many spellings", () => {
  const base = ["report", fixture("mixed-spellings.csv"), "--by", "region"];

  it('trims by default: " South" is South; case stays apart', async () => {
    const { sections } = await run(base);
    const s = sections[0] as Section;
    expect(scores(s)).toMatchObject({
      South: [33.333333333, 12],
      East: [-25, 4],
      NORTH: [100, 1],
      north: [20, 5],
      North: [-42.857142857, 7],
      SOUTH: [33.333333333, 3],
      south: [0, 1],
    });
    expect(s.breakdown?.groups[0]?.spellings).toEqual([
      { text: "South", rows: 8 },
      { text: " South", rows: 4 },
    ]);
    expect(s.breakdown?.ungrouped).toBe(3);
  });

  it("--fold-case merges North, north and NORTH, says so, and labels the group as most write it", async () => {
    const { sections } = await run([...base, "--fold-case"]);
    const s = sections[0] as Section;
    expect(scores(s)).toEqual({
      South: [31.25, 16],
      East: [-25, 4],
      North: [-7.692307692, 13],
      All: [0, 36],
    });
    expect(s.breakdown?.groups.map((g) => g.spellings)).toEqual([
      [
        { text: "South", rows: 8 },
        { text: " South", rows: 4 },
        { text: "SOUTH", rows: 3 },
        { text: "south", rows: 1 },
      ],
      undefined,
      [
        { text: "NORTH ", rows: 1 },
        { text: "north", rows: 5 },
        { text: "North", rows: 7 },
      ],
    ]);
    const table = await cli([...base, "--fold-case"]);
    expect(table.out).toMatch(/North merges "NORTH " \(1\), "north" \(5\), "North" \(7\)/);
  });
});

describe("several questions at once", () => {
  it("one section per question in the table, JSON and CSV, from one pass", async () => {
    const path = join(dir, "three.csv");
    writeFileSync(path, "nps,csat_q3,ces\n10,5,7\n3,4,2\n9,,6\n,2,\n");
    const table = await cli([
      "report",
      path,
      "--column",
      "nps,csat_q3,ces",
      "--metric",
      "nps,csat,ces",
    ]);
    expect(table.code).toBe(0);
    expect(table.out.match(/^(NPS|CSAT|CES) of \S+ — /gm)).toEqual([
      "NPS of nps — ",
      "CSAT of csat_q3 — ",
      "CES of ces — ",
    ]);
    const csv = await cli([
      "report",
      path,
      "--metrics",
      "nps=nps,csat_q3=csat,ces=ces",
      "--format",
      "csv",
    ]);
    const lines = csv.out.trim().split("\n");
    expect(lines[0]).toMatch(/^question,metric,group,score,/);
    const rows = lines.slice(1).map((l) => l.split(","));
    expect(rows.map((r) => r.slice(0, 3).join(","))).toEqual([
      "nps,nps,All",
      "csat_q3,csat,All",
      "ces,ces,All",
    ]);
    // 2 promoters and 1 detractor of 3; 2 of 3 satisfied; (7 + 2 + 6) / 3.
    expect(rows.map((r) => Number(r[3]))).toEqual([100 / 3, 200 / 3, 5]);
  });

  it("refuses a metric list that does not match the columns, or a column asked twice", async () => {
    const two = await cli([
      "report",
      "--sample",
      "--column",
      "nps,csat",
      "--metric",
      "nps,csat,ces",
    ]);
    expect(two.code).toBe(2);
    expect(two.err).toMatch(/--metric lists 3 metrics for 2 columns/);
    expect((await cli(["report", "--sample", "--column", "nps,nps"])).err).toMatch(
      /asked for twice/,
    );
    expect((await cli(["report", "--sample", "--metrics", "nps"])).err).toMatch(/COLUMN=METRIC/);
  });
});

describe("the options' own errors", () => {
  it("are usage errors (exit 2) that say what is wrong", async () => {
    const labels = join(dir, "bad-labels.json");
    writeFileSync(labels, '{"Very satisfied": "five"}');
    const cases: [string[], RegExp][] = [
      [
        ["--max-bad", "5"],
        /--max-bad must be a share of rows: a percentage such as 5% or a fraction such as 0\.05/,
      ],
      [["--decimal", ","], /--decimal must be one of point, comma/],
      [["--every", "month"], /--every groups the dates of --period/],
      [["--fold-case"], /--fold-case merges the groups of --by/],
      [["--labels", labels], /must map each label to a number/],
      [["--labels", join(dir, "none.json")], /cannot be read as JSON/],
    ];
    for (const [extra, message] of cases) {
      const { code, err } = await cli(["report", "--sample", ...extra]);
      expect(code, extra.join(" ")).toBe(2);
      expect(err).toMatch(message);
    }
    const numberLabel = join(dir, "number-label.json");
    writeFileSync(numberLabel, '{"5": 4}');
    expect((await cli(["report", "--sample", "--labels", numberLabel])).err).toMatch(
      /--labels: labels: the label "5" reads as a number/,
    );
  });

  it("--labels per column must name columns asked for", async () => {
    const labels = join(dir, "per-column.json");
    writeFileSync(labels, JSON.stringify({ satisfaction: { Happy: 5 } }));
    const { code, err } = await cli(["report", "--sample", "--labels", labels]);
    expect(code).toBe(2);
    expect(err).toMatch(/--labels names "satisfaction", not a column asked for \(nps\)/);
  });
});

describe("the pictures", () => {
  it("fit the axis to the data, draw zero when in range, and print score and n per bar", async () => {
    const svgPath = join(dir, "trend.svg");
    const { code } = await cli([
      "report",
      fixture("qualtrics-dates.csv"),
      "--column",
      "Q1",
      "--period",
      "RecordedDate",
      "--every",
      "quarter",
      "--svg",
      svgPath,
    ]);
    expect(code).toBe(0);
    const svg = readFileSync(svgPath, "utf8");
    const [, from, to] = /class="axis" data-from="([^"]+)" data-to="([^"]+)"/.exec(svg) ?? [];
    // The intervals span about −54 … 60: the axis holds them, well inside −100 … 100.
    expect(Number(from)).toBeGreaterThan(-100);
    expect(Number(to)).toBeLessThan(100);
    expect(Number(from)).toBeLessThanOrEqual(-53.5);
    expect(Number(to)).toBeGreaterThanOrEqual(59.4);
    expect(svg).toContain('class="zero"');
    const values = [...svg.matchAll(/class="value"[^>]*>([^<]+)</g)].map((m) => m[1]);
    expect(values).toEqual([
      "+30.0 (n = 10)",
      "+21.1 (n = 19)",
      "−26.9 (n = 26)".replace("−", "-"),
      "-1.8 (n = 56)",
    ]);
  });

  it("a CES axis with no zero in range has no zero line", async () => {
    const svgPath = join(dir, "ces.svg");
    await cli([
      "report",
      fixture("qualtrics-dates.csv"),
      "--metric",
      "ces",
      "--column",
      "Q2",
      "--period",
      "RecordedDate",
      "--every",
      "quarter",
      "--svg",
      svgPath,
    ]);
    const svg = readFileSync(svgPath, "utf8");
    expect(svg).not.toContain('class="zero"');
    expect(svg).toMatch(/class="value"[^>]*>5\.40 \(n = 10\)</);
  });
});

describe("JSON Lines", () => {
  it("reads a year written as a number as the period it names, as the CSV text", async () => {
    const path = join(dir, "years.jsonl");
    writeFileSync(
      path,
      '{"y": 2023, "nps": 10}\n{"y": "2024", "nps": 3}\n{"y": 2024, "nps": "9 - Likely"}\n',
    );
    const { code, sections } = await run(["report", path, "--period", "y", "--leading-number"]);
    expect(code).toBe(0);
    expect(scores(sections[0] as Section)).toEqual({
      "2023": [100, 1],
      "2024": [0, 2],
      All: [33.333333333, 3],
    });
  });
});

describe("row accounting on every new path", () => {
  const cell = (xs: string[]) => fc.constantFrom(...xs);
  const row = fc.record({
    group: cell(["North", "north", " NORTH", "South", "", "  "]),
    date: cell(["2024-01-15", "2024-03-31T23:30:00-05:00", "2024-02-30", "", "2024-Q2", "soon"]),
    nps: cell([
      "10 - Extremely likely",
      "0 = Not at all",
      "7",
      "Not applicable",
      "",
      "Maybe",
      "11",
      "1e400",
    ]),
    csat: cell(["Very satisfied", "satisfied", "3", "N/A", "Don't know", "Sort of", "4,0"]),
    weight: cell(["1", "0,5", "1.5", "", "x", "2"]),
  });

  it("rows = responses + missing + bad for each question; groups and ungrouped add up to All", async () => {
    const labels = join(dir, "accounting-labels.json");
    writeFileSync(labels, JSON.stringify({ csat: { "Very satisfied": 5, Satisfied: 4 } }));
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 25 }),
        fc.constantFrom("by", "period"),
        fc.boolean(),
        async (rows, split, weighted) => {
          const text = [
            "group;date;nps;csat;weight",
            ...rows.map((r) => [r.group, r.date, r.nps, r.csat, r.weight].join(";")),
          ].join("\n");
          const path = join(dir, "accounting.csv");
          writeFileSync(path, text);
          const { code, out } = await cli([
            "report",
            path,
            "--metrics",
            "nps=nps,csat=csat",
            "--leading-number",
            "--labels",
            labels,
            "--missing",
            "Don't know,Not applicable",
            "--decimal",
            "comma",
            "--max-bad",
            "100%",
            ...(weighted ? ["--weight", "weight"] : []),
            ...(split === "by"
              ? ["--by", "group", "--fold-case"]
              : ["--period", "date", "--every", "quarter"]),
            "--format",
            "json",
          ]);
          if (code !== 0) return; // no responses at all to one question: nothing to account
          for (const s of (JSON.parse(out) as { questions: Section[] }).questions) {
            expect(s.rows).toBe(rows.length);
            accounted(s);
            const parts = [...(s.breakdown?.groups ?? []), ...(s.trend?.periods ?? [])];
            const outside = s.breakdown?.ungrouped ?? s.trend?.undated ?? 0;
            const counted = parts.reduce(
              (sum, g) => sum + g.distribution.n + g.distribution.missing,
              0,
            );
            expect(counted + outside).toBe(s.distribution.n + s.distribution.missing);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("a row bad for several questions", () => {
  it("is counted for each, and reported once", async () => {
    const path = join(dir, "weightless.csv");
    writeFileSync(path, "a,b,w\n9,9,1\n10,8,x\n,7,y\n");
    const { code, err, sections } = await run([
      "report",
      path,
      "--column",
      "a,b",
      "--weight",
      "w",
      "--max-bad",
      "1",
    ]);
    expect(code).toBe(0);
    expect(err.match(/line 3: the weight \(w\) "x" is not a number/g)).toHaveLength(1);
    // Row 4's first answer is missing: it needs no weight there, and is bad for b alone.
    expect(sections.map((s) => [s.badRows, s.distribution.missing, s.distribution.n])).toEqual([
      [1, 1, 1],
      [2, 0, 1],
    ]);
  });
});
