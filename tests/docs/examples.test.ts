// Every @example in the TSDoc runs here, and every `// => value` in it is checked, so the API
// docs cannot drift from what the code does.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import * as library from "../../src/index.js";

interface Example {
  readonly where: string;
  readonly code: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith(".ts") ? [path] : [];
  });
}

function examplesOf(file: string): Example[] {
  const text = readFileSync(file, "utf8");
  const found: Example[] = [];
  const pattern = /@example\s*\n\s*\*\s*```ts\n([\s\S]*?)\n\s*\*\s*```/g;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const line = text.slice(0, match.index).split("\n").length;
    const code = (match[1] as string)
      .split("\n")
      .map((l) => l.replace(/^\s*\* ?/, ""))
      .join("\n");
    found.push({ where: `${relative(process.cwd(), file)}:${line}`, code });
  }
  return found;
}

/** Turn `expr; // => value` lines into checks and the package import into a destructuring. */
function instrument(code: string): { body: string; checks: number } {
  let checks = 0;
  const lines = code.split("\n").map((line) => {
    const imported = /^import \{([^}]*)\} from "customer-metrics(\/core)?";$/.exec(line.trim());
    // var, not const: a guide's blocks run as one program and may import a name twice.
    if (imported) return `var {${imported[1]}} = __library;`;
    // Another package (DuckDB, Arrow in the pipelines guide): imported for real.
    const other = /^import \{([^}]*)\} from "([^"]+)";$/.exec(line.trim());
    if (other) return `var {${other[1]}} = await __import(${JSON.stringify(other[2])});`;
    const arrow = line.indexOf("// =>");
    if (arrow < 0) return line;
    checks++;
    const expression = line.slice(0, arrow).trim().replace(/;$/, "");
    const expected = line.slice(arrow + 5).trim();
    return `__check(() => (${expression}), () => (${expected}), ${JSON.stringify(expression)});`;
  });
  return { body: lines.join("\n"), checks };
}

/**
 * A Markdown guide as one program: its ```ts blocks joined in order (a guide builds on what it
 * showed before). Every block must show a result with `// =>`.
 */
function markdownExample(file: string): Example & { readonly blocks: readonly Example[] } {
  const text = readFileSync(file, "utf8");
  const blocks: Example[] = [];
  const pattern = /```ts\n([\s\S]*?)\n```/g;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const line = text.slice(0, match.index).split("\n").length;
    blocks.push({ where: `${file}:${line}`, code: match[1] as string });
  }
  return { where: file, code: blocks.map((b) => b.code).join("\n"), blocks };
}

const guides = [
  "README.md",
  ...readdirSync("docs")
    .filter((f) => f.endsWith(".md"))
    .map((f) => join("docs", f)),
]
  .map(markdownExample)
  .filter((guide) => guide.blocks.length > 0);
const all = [...sourceFiles("src").flatMap(examplesOf), ...guides];

describe("guides", () => {
  it("run every ts block of README.md and docs/*.md, each showing a result", () => {
    const blocks = guides.flatMap((g) => g.blocks);
    expect(blocks.length).toBeGreaterThan(15);
    for (const block of blocks) expect(block.code, block.where).toContain("// =>");
  });
});

describe("TSDoc examples", () => {
  it("exist for the public API", () => {
    expect(all.length).toBeGreaterThan(20);
    for (const name of Object.keys(library)) {
      const mentioned = all.some((e) => new RegExp(`\\b${name}\\b`).test(e.code));
      expect(mentioned, `no @example uses ${name}`).toBe(true);
    }
  });

  it.each(all)("$where", async ({ code }) => {
    const { body, checks } = instrument(code);
    expect(checks, "an example must show at least one result with // =>").toBeGreaterThan(0);
    const js = ts.transpileModule(body, {
      compilerOptions: { target: ts.ScriptTarget.ES2022 },
    }).outputText;
    let ran = 0;
    const check = (actual: () => unknown, expected: () => unknown, label: string): void => {
      ran++;
      expect(actual(), label).toEqual(expected());
    };
    // An async function, so that an example may await (tallyAsync).
    const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
      ...args: string[]
    ) => (...values: unknown[]) => Promise<void>;
    const load = (specifier: string): Promise<unknown> => import(specifier);
    await new AsyncFunction("__library", "__check", "__import", js)(library, check, load);
    expect(ran, "every // => line must run").toBe(checks);
  });
});

describe("the pipelines guide", () => {
  it("shows examples/shards.mjs as it is (the package check runs that file)", () => {
    const guide = readFileSync("docs/pipelines.md", "utf8");
    const block = /```js\n([\s\S]*?)\n```/.exec(guide)?.[1];
    expect(`${block}\n`).toBe(readFileSync("examples/shards.mjs", "utf8"));
  });
});
