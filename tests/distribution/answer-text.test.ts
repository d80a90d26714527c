// Answers written as text: each rule by name, the order of the rules, the advice a text no rule
// reads gets, and the laws (a number written as text reads as that number, whatever the rules).
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { breakdown } from "../../src/analysis/breakdown.js";
import { answerReader } from "../../src/distribution/answer-text.js";
import { NPS_SCALE } from "../../src/distribution/scale.js";
import { tally } from "../../src/distribution/tally.js";
import { codeOf } from "../codes.js";

describe("answerReader", () => {
  it("reads the built-in missing texts, any case, and numbers with spaces around them", () => {
    const read = answerReader();
    for (const text of ["", "  ", "NA", "na", "N/A", "n/a", "null", "NULL", "-", " - "]) {
      expect(read(text), text).toBeNull();
    }
    expect([read(" 7 "), read("+3"), read("1.5"), read(".5"), read("1e2")]).toEqual([
      7, 3, 1.5, 0.5, 100,
    ]);
    expect([read(null), read(undefined), read(9), read(4n)]).toEqual([null, null, 9, 4n]);
  });

  it("reads a choice label by its leading number only when asked", () => {
    const read = answerReader({ leadingNumber: true });
    expect(
      [
        "10 - Extremely likely",
        "0 = Not at all likely",
        "5 (Very satisfied)",
        "3 – Neutral",
        "1 — Strongly disagree",
        "4: Agree",
        "7. Strongly agree",
        "6 Somewhat likely",
        "-2 - Much worse",
        "10-Extremely likely",
      ].map((t) => read(t)),
    ).toEqual([10, 0, 5, 3, 1, 4, 7, 6, -2, 10]);
    // A number then a number, or a label with the number at its end, is no choice label.
    for (const text of ["10 10", "10.5 - x", "Extremely likely - 10", "10 -", "10 (9)"]) {
      expect(
        codeOf(() => read(text)),
        text,
      ).toBe("INVALID_INPUT");
    }
    expect(() => answerReader()("10 - Extremely likely", 4)).toThrow(
      'answerReader: the answer at index 4 "10 - Extremely likely" is a label: to read its leading number (10), pass leadingNumber: true',
    );
  });

  it("maps labels with no number, ignoring case and spaces around them", () => {
    const read = answerReader({ labels: { "Very satisfied": 5, " Satisfied ": 4 } });
    expect([read("Very satisfied"), read("VERY SATISFIED "), read("satisfied")]).toEqual(
      [5, 4].slice(0, 1).concat([5, 4]),
    );
    expect(() => read("Happy", 2)).toThrow(
      'answerReader: the answer at index 2 "Happy" is not a number or a known label: map it in labels, or list it in missing if it means no answer',
    );
  });

  it("counts the texts the user names as missing, numbers among them, before any other rule", () => {
    const read = answerReader({
      missing: ["Not applicable", " Don't know", "99"],
      leadingNumber: true,
    });
    expect([
      read("not applicable"),
      read("Don't know"),
      read("99"),
      read(" 99 "),
      read("9"),
    ]).toEqual([null, null, null, null, 9]);
  });

  it("reads decimal commas when told, and asks about them when not", () => {
    const comma = answerReader({ decimal: "comma" });
    expect([comma("1,25"), comma("7"), comma(",5"), comma("-0,5")]).toEqual([1.25, 7, 0.5, -0.5]);
    expect(() => comma("1.25")).toThrow('has a decimal point, but decimal is "comma"');
    expect(() => answerReader()("1,2")).toThrow(
      'the answer "1,2" is not a number: decimal comma? pass decimal: "comma"',
    );
    // Thousands separators are not read as anything: 1.234,5 is refused either way.
    expect(codeOf(() => comma("1.234,5"))).toBe("INVALID_INPUT");
  });

  it("refuses what is not an answer, with a code: never NaN, never Infinity", () => {
    const read = answerReader();
    expect(codeOf(() => read("1e400"))).toBe("NON_FINITE");
    expect(codeOf(() => read(Number.NaN))).toBe("NON_FINITE");
    expect(codeOf(() => read(Number.NEGATIVE_INFINITY, 3))).toBe("NON_FINITE");
    expect(codeOf(() => read(true))).toBe("INVALID_INPUT");
    expect(codeOf(() => read({}))).toBe("INVALID_INPUT");
  });

  it("checks its rules", () => {
    const cases: [unknown, RegExp][] = [
      [{ lables: {} }, /unknown option "lables"; did you mean labels\?/],
      [{ leadingNumber: "yes" }, /leadingNumber must be true or false/],
      [{ decimal: "," }, /decimal must be "point" or "comma"/],
      [{ missing: "Not applicable" }, /missing must be an array of texts/],
      [{ labels: [] }, /labels must be an object from label to point/],
      [{ labels: { x: Number.NaN } }, /labels\["x"\] must be a finite number/],
      [{ labels: { "5": 4 } }, /the label "5" reads as a number/],
      [{ labels: { "N/A": 1 } }, /the label "N\/A" is a missing text/],
      [{ labels: { Yes: 1 }, missing: ["yes"] }, /the label "Yes" is a missing text/],
      [{ labels: { Yes: 1, " YES": 2 } }, /the label " YES" is mapped to 1 and to 2/],
      ["rules", /options must be an object/],
    ];
    for (const [rules, message] of cases) {
      expect(() => answerReader(rules as never), JSON.stringify(rules)).toThrow(message);
      expect(codeOf(() => answerReader(rules as never))).toBe("INVALID_OPTION");
    }
  });

  test.prop([fc.integer({ min: -1e9, max: 1e9 }), fc.constantFrom("point", "comma")])(
    "a whole number written as text reads as itself under any rules",
    (k, decimal) => {
      const read = answerReader({ decimal: decimal as "point" | "comma", leadingNumber: true });
      expect(read(String(k))).toBe(k);
      expect(read(` ${k}\t`)).toBe(k);
    },
  );

  test.prop([fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 })])(
    "a decimal written with a comma reads as the number written with a point",
    (x) => {
      const text = String(x);
      fc.pre(!/e/i.test(text));
      // == 0 for −0, written "0".
      expect(answerReader({ decimal: "comma" })(text.replace(".", ",")) === x).toBe(true);
    },
  );

  test.prop([fc.integer({ min: 0, max: 10 }), fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,20}$/)])(
    "a choice label reads as its leading number",
    (k, label) => {
      const read = answerReader({ leadingNumber: true });
      expect(read(`${k} - ${label}`)).toBe(k);
      expect(read(`${k} (${label})`)).toBe(k);
    },
  );

  test.prop([
    fc.string({ unit: fc.constantFrom(..."0123456789 .,-+eNA"), maxLength: 2 }),
    fc.constantFrom("point", "comma"),
    fc.constantFrom([], ["99"], ["n/a"]),
  ])(
    "a short cell reads as the same cell with spaces around it (the quick path agrees)",
    (text, decimal, missing) => {
      const read = answerReader({ decimal: decimal as "point" | "comma", missing });
      const outcome = (cell: string) => {
        try {
          return { value: read(cell) };
        } catch (error) {
          return { code: (error as { code: string }).code };
        }
      };
      expect(outcome(text)).toEqual(outcome(` ${text} `));
    },
  );

  test.prop([fc.string({ maxLength: 12 })])(
    "any text is a finite number, missing, or a coded error",
    (text) => {
      const read = answerReader({ leadingNumber: true, decimal: "comma" });
      try {
        const value = read(text);
        expect(value === null || Number.isFinite(value)).toBe(true);
      } catch (error) {
        expect(["INVALID_INPUT", "NON_FINITE"]).toContain((error as { code: string }).code);
      }
    },
  );

  it("serves a tally's accessor, naming the row of a bad cell", () => {
    const read = answerReader({ leadingNumber: true });
    const cells = ["10 - Extremely likely", "9", "N/A", "3 - Unlikely", "Maybe"];
    expect(() => tally(cells, NPS_SCALE, { score: (c, i) => read(c, i) })).toThrow(
      /at index 4 "Maybe"/,
    );
  });
});

describe("the text option of the table analyses", () => {
  const rows = [
    { region: "North", nps: "10 - Extremely likely", w: "1,5" },
    { region: "North", nps: "Not applicable", w: "1" },
    { region: "North", nps: "0 - Not at all likely", w: "2" },
    { region: "South", nps: "9", w: "0,5" },
    { region: "South", nps: 7, w: 1 },
  ];
  const text = { leadingNumber: true, missing: ["Not applicable"], decimal: "comma" } as const;

  it("reads answers and weights written as text", () => {
    const b = breakdown(rows, { by: "region", score: "nps", weight: "w", text });
    expect(b.groups.map((g) => [g.group, g.result?.score, g.distribution.missing])).toEqual([
      ["North", (100 * (1.5 - 2)) / 3.5, 1],
      ["South", (100 * 0.5) / 1.5, 0],
    ]);
  });

  it("refuses text without it, as before, and names the row and rule with it", () => {
    expect(codeOf(() => breakdown(rows, { by: "region", score: "nps" }))).toBe("INVALID_INPUT");
    expect(() =>
      breakdown([...rows, { region: "South", nps: "Maybe", w: "1" }], {
        by: "region",
        score: "nps",
        text,
      }),
    ).toThrow(
      'breakdown: the score at index 5 ("Maybe") is not a number or a known label: map it in text.labels, or list it in text.missing if it means no answer',
    );
    expect(() =>
      breakdown([{ region: "a", nps: "9", w: "1.5" }], {
        by: "region",
        score: "nps",
        weight: "w",
        text,
      }),
    ).toThrow('the weight at index 0 ("1.5") has a decimal point, but text.decimal is "comma"');
    expect(() => breakdown(rows, { by: "region", score: "nps", text: "comma" as never })).toThrow(
      /text must be an object of rules/,
    );
    expect(() =>
      breakdown(rows, { by: "region", score: "nps", text: { decimals: "comma" } as never }),
    ).toThrow(/breakdown: text: unknown option "decimals"; did you mean decimal\?/);
  });

  test.prop([
    fc.array(
      fc.record({
        g: fc.constantFrom("a", "b", " a", "", null),
        s: fc.constantFrom("10 - Yes", "3", "N/A", "Nope", "1,5", "11", "", "99", 8, null),
        w: fc.constantFrom("1", "0,5", "x", "", 2),
      }),
      { maxLength: 30 },
    ),
  ])("under invalid: skip, every row is a response, missing or skipped", (table) => {
    const b = breakdown(table, {
      by: "g",
      score: "s",
      weight: "w",
      invalid: "skip",
      text: { leadingNumber: true, decimal: "comma", missing: ["99"] },
    });
    const d = b.distribution;
    expect(d.n + d.missing + d.skipped).toBe(table.length);
    const inGroups = b.groups.reduce(
      (sum, g) => sum + g.distribution.n + g.distribution.missing + g.distribution.skipped,
      0,
    );
    expect(inGroups + b.ungrouped).toBe(table.length);
  });
});
