// The command line's CSV reader: uDSV reads the quote-free blocks, and its records are kept
// only when each is one line of the header's width; Papa Parse reads every other block, and
// the whole stream from its first quote. Held to csv-parse (a third parser, RFC 4180 and strict)
// on random files cut into random chunks, and to the blocks uDSV misreads or never finishes.
import { Readable } from "node:stream";
import { test } from "@fast-check/vitest";
import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvRows, type RowBatch } from "../../cli/rows.js";

/** What a reader gives for a row: its line, what is wrong with it, or its cells by column. */
interface Seen {
  line: number;
  problem?: string;
  cells?: unknown[];
}

async function read(chunks: readonly (string | Buffer)[], delimiter?: string): Promise<Seen[]> {
  const seen: Seen[] = [];
  let header: string[] | undefined;
  for await (const batch of csvRows(Readable.from(chunks), delimiter) as AsyncIterable<RowBatch>) {
    for (let r = 0; r < batch.size; r++) {
      header ??= [...batch.columns(r)];
      const problem = batch.problem(r);
      seen.push(
        problem === undefined
          ? { line: batch.line(r), cells: header.map((name) => batch.cell(r, batch.column(name))) }
          : { line: batch.line(r), problem },
      );
    }
  }
  return seen;
}

/**
 * csv-parse's reading of the whole text: its records, each with the line it starts on — one
 * more than the line feeds before it. (csv-parse's own line count takes a CR LF inside quotes in
 * an LF file for two lines.)
 */
function expected(text: string, delimiter = ","): Seen[] {
  const records = parse(text, {
    delimiter,
    relax_column_count: true,
    skip_empty_lines: false,
    bom: true,
    info: true,
  }) as unknown as { record: string[]; info: { bytes: number } }[];
  const bytes = Buffer.from(text);
  const seen: Seen[] = [];
  let width: number | undefined;
  let line = 1;
  let read = 0;
  for (const { record, info } of records) {
    const at = line;
    // info.bytes: the bytes read up to the end of this record and its line break.
    for (let i = bytes.indexOf(10, read); i !== -1 && i < info.bytes; i = bytes.indexOf(10, i + 1))
      line++;
    read = info.bytes;
    if (record.length === 1 && record[0] === "") continue;
    if (width === undefined) {
      width = record.length;
      continue;
    }
    seen.push(
      record.length === width
        ? { line: at, cells: record }
        : {
            line: at,
            problem: `has ${record.length} field${record.length === 1 ? "" : "s"}, the header ${width}`,
          },
    );
  }
  return seen;
}

/** A text cut at the given offsets. */
function cut(text: string, at: readonly number[]): string[] {
  const offsets = [...new Set(at.map((x) => Math.floor(x * text.length)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let from = 0;
  for (const offset of offsets) {
    pieces.push(text.slice(from, offset));
    from = offset;
  }
  pieces.push(text.slice(from));
  return pieces.filter((p) => p !== "");
}

// Unquoted cells (spaces, non-ASCII, the empty cell), quoted ones now and then.
const plain = fc.constantFrom("10", "9", "", "North", " East ", "é", "日本", "N/A", "7");
const quoted = fc.constantFrom('"a, b"', '"two\nlines"', '"two\r\nlines"', '"say ""hi"""', '""');
const lineOf = (cell: fc.Arbitrary<string>) =>
  fc.oneof(
    { weight: 8, arbitrary: fc.array(cell, { minLength: 3, maxLength: 3 }) },
    // Short and long lines, a blank line, a line of spaces.
    { weight: 1, arbitrary: fc.array(cell, { minLength: 1, maxLength: 5 }) },
    { weight: 1, arbitrary: fc.constantFrom([""], ["  "]) },
  );
const file = fc
  .record({
    lines: fc.array(lineOf(plain), { maxLength: 40 }),
    // Lines with quotes after the quote-free ones (absent half the time).
    quotedLines: fc.oneof(
      fc.constant([] as string[][]),
      fc.array(lineOf(fc.oneof(plain, quoted)), { maxLength: 8 }),
    ),
    newline: fc.constantFrom("\n", "\r\n"),
    delimiter: fc.constantFrom(",", ";", "\t"),
    bom: fc.boolean(),
    lastNewline: fc.boolean(),
    cuts: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 }),
  })
  .map(({ lines, quotedLines, newline, delimiter, bom, lastNewline, cuts }) => {
    const body = [["a", "b", "c"], ...lines, ...quotedLines]
      .map((cells) => cells.join(delimiter))
      .join(newline);
    const text = `${bom ? "\uFEFF" : ""}${body}${lastNewline ? newline : ""}`;
    return { text, delimiter, cuts };
  });

describe("the CSV reader", () => {
  test.prop([file], { numRuns: 400 })(
    "reads random files, cut anywhere, as csv-parse does: cells, lines and short or long rows",
    async ({ text, delimiter, cuts }) => {
      expect(await read(cut(text, cuts), delimiter)).toEqual(expected(text, delimiter));
    },
  );

  test.prop([file], { numRuns: 150 })(
    "reads a file's bytes cut anywhere (inside a character too) as its text",
    async ({ text, delimiter, cuts }) => {
      const bytes = Buffer.from(text);
      const offsets = cut(bytes.toString("latin1"), cuts).map((p) => p.length);
      const pieces: Buffer[] = [];
      let from = 0;
      for (const length of offsets) {
        pieces.push(bytes.subarray(from, from + length));
        from += length;
      }
      expect(await read(pieces, delimiter)).toEqual(expected(text, delimiter));
    },
  );

  it("finishes a block whose last line is short of fields, on which uDSV alone never stops", async () => {
    expect(await read(["a,b\n", "1,2\n7\n"])).toEqual([
      { line: 2, cells: ["1", "2"] },
      { line: 3, problem: "has 1 field, the header 2" },
    ]);
  });

  it("does not let a short line merge into the next one, nor a long one keep its extra fields", async () => {
    expect(await read(["a,b\n", "7\n1,2\n3,4,5\n6,7\n"])).toEqual([
      { line: 2, problem: "has 1 field, the header 2" },
      { line: 3, cells: ["1", "2"] },
      { line: 4, problem: "has 3 fields, the header 2" },
      { line: 5, cells: ["6", "7"] },
    ]);
  });

  it("counts blank lines, and keeps a byte-order mark that is not the file's first character", async () => {
    expect(await read(["a,b\n", "1,2\n\n3,4\n", "\uFEFF5,6\n"])).toEqual([
      { line: 2, cells: ["1", "2"] },
      { line: 4, cells: ["3", "4"] },
      { line: 5, cells: ["\uFEFF5", "6"] },
    ]);
  });

  it("reads a bare line feed in a CRLF file as text, as Papa Parse and csv-parse do", async () => {
    const rows = await read(["a,b\r\n", "1,x\ny\r\n2,3\r\n"]);
    expect(rows).toEqual(expected("a,b\r\n1,x\ny\r\n2,3\r\n"));
    expect(rows).toEqual([
      { line: 2, cells: ["1", "x\ny"] },
      { line: 4, cells: ["2", "3"] },
    ]);
  });

  it("hands the rest of the file to Papa Parse at its first quote, the carried part line included", async () => {
    expect(await read(["a,b\n", "1,2\n3,", '"x\ny"\n5,6\n'])).toEqual([
      { line: 2, cells: ["1", "2"] },
      { line: 3, cells: ["3", "x\ny"] },
      { line: 5, cells: ["5", "6"] },
    ]);
  });

  it("finds CR LF from a first chunk that ends between the header's CR and LF", async () => {
    expect(await read(["a,b\r", "\n1,2\r\n"])).toEqual([{ line: 2, cells: ["1", "2"] }]);
    // Papa Parse alone would guess CR from the chunk's last CR, and split the record there.
    expect(await read(['a,b\r\n"x, y",2\r', "\n3,4\r\n"])).toEqual([
      { line: 2, cells: ["x, y", "2"] },
      { line: 3, cells: ["3", "4"] },
    ]);
  });

  it("reads a quoted field whose CR LF is split between chunks (Papa Parse calls it malformed)", async () => {
    expect(await read(['a,b\r\n1,"x"\r', '\n2,"y"\r\n'])).toEqual([
      { line: 2, cells: ["1", "x"] },
      { line: 3, cells: ["2", "y"] },
    ]);
  });

  it("reads a last line without a line break, and one column with blank lines", async () => {
    expect(await read(["a,b\n1,2\n", "3,4"])).toEqual([
      { line: 2, cells: ["1", "2"] },
      { line: 3, cells: ["3", "4"] },
    ]);
    expect(await read(["nps\n", "10\n\n9\n", "8"])).toEqual([
      { line: 2, cells: ["10"] },
      { line: 4, cells: ["9"] },
      { line: 5, cells: ["8"] },
    ]);
  });
});

describe("a line as long as the file", () => {
  // A file whose line break is not the one found from its start (CR LF after the header, LF
  // after that) is one long line: read in time linear in its length, with quotes (Papa Parse)
  // or without (uDSV's blocks). Asserted as a ratio between sizes, never a time: 16 times the
  // lines take about 16 times as long read linearly, about 256 times read quadratically. The
  // fastest of five reads of each: another program on the machine only ever adds time.
  const pieces = (cell: string, lines: number) => {
    const text = `region,nps\r\n${`${cell},7\n`.repeat(lines)}`;
    return Array.from({ length: Math.ceil(text.length / 16384) }, (_, i) =>
      text.slice(i * 16384, (i + 1) * 16384),
    );
  };
  const fastest = async (chunks: string[]) => {
    let best = Number.POSITIVE_INFINITY;
    for (let k = 0; k < 5; k++) {
      const start = performance.now();
      await read(chunks);
      best = Math.min(best, performance.now() - start);
    }
    return best;
  };

  it.each([
    ["without quotes", "North"],
    ["with quotes", '"North"'],
  ])("%s", async (_, cell) => {
    const small = pieces(cell, 10_000);
    const large = pieces(cell, 160_000);
    expect(await read(small)).toEqual([{ line: 2, problem: "has 10,001 fields, the header 2" }]);
    const ratio = (await fastest(large)) / (await fastest(small));
    expect(ratio).toBeLessThan(64);
  });
});
