// The CSV parsers the report could use, on its real job: a streamed file (the report-vs-duckdb
// file, generated if absent), two of five columns read, NPS counted by region; and on the edge
// cases the command line's tests hold it to (quoted newlines in a CRLF file, quotes, a BOM,
// short and long rows, blank lines). A parser that is fast but misreads an edge case is not a
// candidate: the verdict column says which. The command line's own reader is one of them (uDSV
// on the quote-free blocks whose records it can trust, Papa Parse for the rest). Rows per second
// of each, median of BENCH_RUNS runs, with the plain read of the file (no parsing) as the ceiling.
// Run: node bench/csv-parsers.mjs   (BENCH_ROWS=2000000 BENCH_RUNS=3 by default)
import { spawnSync } from "node:child_process";
import { createReadStream, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { parse as csvParse } from "csv-parse";
import { parse as csvParseSync } from "csv-parse/sync";
import Papa from "papaparse";
import { inferSchema, initParser } from "udsv";
import { bundleCommandLine } from "./command-line.mjs";

const ROWS = Number(process.env.BENCH_ROWS ?? 2_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const file = join(tmpdir(), `customer-metrics-bench-${ROWS}.csv`);
if (!existsSync(file)) {
  // report-vs-duckdb.mjs writes the file (and measures DuckDB); run it once for the file alone.
  spawnSync(process.execPath, [join(import.meta.dirname, "report-vs-duckdb.mjs")], {
    env: { ...process.env, BENCH_ROWS: String(ROWS), BENCH_ONLY_FILE: "1" },
    stdio: "inherit",
  });
}

/** Count NPS by region from rows of fields (region is column 1, NPS column 3). */
function counter() {
  const counts = new Map();
  let rows = 0;
  return {
    add(r) {
      rows++;
      let c = counts.get(r[1]);
      if (c === undefined) {
        c = new Float64Array(11);
        counts.set(r[1], c);
      }
      if (r[3] !== "" && r[3] !== undefined) c[Number(r[3])]++;
    },
    get rows() {
      return rows;
    },
  };
}

// The command line's own reader (cli/rows.ts, bundled here by esbuild): uDSV on quote-free
// blocks it checks, Papa Parse for the rest.
const { csvRows, READ_CHUNK } = await import(
  await bundleCommandLine("bench-rows", { "rows.js": ["csvRows", "READ_CHUNK"] })
);

/**
 * The rows of a CSV text by the command line's reader, as string arrays (header first): the
 * header line comes in a chunk of its own, so that the rest is a block uDSV is tried on.
 */
async function readerRecords(text) {
  const rows = [];
  let header = true;
  const cut = text.indexOf("\n") + 1;
  for await (const batch of csvRows(Readable.from([text.slice(0, cut), text.slice(cut)]))) {
    for (let r = 0; r < batch.size; r++) {
      if (header) {
        rows.push([...batch.columns(r)]);
        header = false;
      }
      const fields = [];
      for (let c = 0; batch.cell(r, c) !== undefined; c++) fields.push(batch.cell(r, c));
      rows.push(fields);
    }
  }
  return rows;
}

const parsers = {
  "read only (no parsing)": async () => {
    let rows = 0;
    for await (const chunk of createReadStream(file, { encoding: "utf8" })) {
      for (let i = chunk.indexOf("\n"); i !== -1; i = chunk.indexOf("\n", i + 1)) rows++;
    }
    return rows - 1;
  },
  "csv-parse (streamed)": async () => {
    const c = counter();
    let header = true;
    for await (const r of createReadStream(file).pipe(csvParse({ relax_column_count: true }))) {
      if (header) header = false;
      else c.add(r);
    }
    return c.rows;
  },
  "papaparse (streamed, chunks)": () =>
    new Promise((resolve, reject) => {
      const c = counter();
      let header = true;
      Papa.parse(createReadStream(file, { encoding: "utf8" }), {
        delimiter: ",",
        chunk: ({ data }) => {
          for (const r of data) {
            if (header) header = false;
            else if (!(r.length === 1 && r[0] === "")) c.add(r);
          }
        },
        complete: () => resolve(c.rows),
        error: reject,
      });
    }),
  "command line's reader": async () => {
    const c = counter();
    const region = [];
    for await (const batch of csvRows(createReadStream(file, { highWaterMark: READ_CHUNK }))) {
      const g = batch.column("region");
      const s = batch.column("nps");
      for (let r = 0; r < batch.size; r++) {
        region[1] = batch.cell(r, g);
        region[3] = batch.cell(r, s);
        c.add(region);
      }
    }
    return c.rows;
  },
  "udsv (streamed, chunks)": async () => {
    const c = counter();
    let parser = null;
    for await (const chunk of createReadStream(file, { encoding: "utf8" })) {
      parser ??= initParser(inferSchema(chunk));
      parser.chunk(chunk, parser.stringArrs, (r) => c.add(r));
    }
    parser.end();
    return c.rows;
  },
};

/** Each parser's records of the edge cases, against csv-parse's (RFC 4180, strict). */
const EDGES = {
  "LF inside quotes in a CRLF file": 'note,nps\r\n"a\r\nb",10\r\n\r\n"c",11\r\n"d\ne\nf",9\r\n',
  "quoted delimiters and quotes": 'c,nps\n"fine, thanks",10\n"said ""great""",9\n',
  "short and long rows": "nps,w\n10,1\n7\n8,1,5\n",
  "blank lines": "nps\n10\n\n\n9\n",
};
async function records(name, text) {
  if (name.startsWith("command line")) return readerRecords(text);
  if (name.startsWith("papaparse")) {
    const rows = Papa.parse(text, { delimiter: "," }).data;
    return rows.at(-1)?.length === 1 && rows.at(-1)[0] === "" ? rows.slice(0, -1) : rows;
  }
  if (name.startsWith("udsv")) {
    const rows = [];
    const parser = initParser(inferSchema(text));
    parser.chunk(text, parser.stringArrs, (r) => rows.push(r));
    parser.end();
    return rows;
  }
  return csvParseSync(text, { relax_column_count: true, skip_empty_lines: false });
}
async function verdict(name) {
  if (name.startsWith("read")) return "—";
  const wrong = [];
  for (const [edge, text] of Object.entries(EDGES)) {
    const expected = csvParseSync(text, { relax_column_count: true, skip_empty_lines: false });
    // uDSV takes the first row as its header and gives the data rows alone; the command line's
    // reader skips blank lines (and counts them).
    const compared = name.startsWith("udsv")
      ? expected.slice(1)
      : name.startsWith("command line")
        ? expected.filter((r) => !(r.length === 1 && r[0] === ""))
        : expected;
    if (JSON.stringify(await records(name, text)) !== JSON.stringify(compared)) wrong.push(edge);
  }
  return wrong.length === 0 ? "passes" : `misreads: ${wrong.join("; ")}`;
}

console.log(`${ROWS.toLocaleString("en")} rows (${file}), NPS by region, median of ${RUNS} runs`);
for (const [name, run] of Object.entries(parsers)) {
  const times = [];
  let rows = 0;
  for (let k = 0; k < RUNS; k++) {
    const t = performance.now();
    rows = await run();
    times.push((performance.now() - t) / 1000);
  }
  times.sort((a, b) => a - b);
  const median = times[times.length >> 1];
  const rate = (ROWS / median / 1e6).toFixed(2);
  console.log(
    `  ${name.padEnd(30)} ${rate.padStart(6)} M rows/s  (${rows.toLocaleString("en")} rows)  edge cases: ${await verdict(name)}`,
  );
}
