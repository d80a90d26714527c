// The layer rule (issue 10): a module imports only from its own area or from a lower layer, and
// nothing in src/ imports a `node:` module (the library runs in browsers too).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SRC, sourceFiles } from "./sources.js";

/** Lowest first. Areas on one level do not import each other. */
const LAYERS: readonly (readonly string[])[] = [
  ["errors"],
  ["stats"],
  ["common"],
  ["distribution"],
  ["survey", "value", "inflation", "planning", "loyalty", "acquisition"],
  ["analysis"],
  ["customers"],
];

function levelOf(area: string): number {
  return LAYERS.findIndex((areas) => areas.includes(area));
}

const files = sourceFiles();
const importsOf = (file: string): string[] =>
  [
    ...readFileSync(join(SRC, file), "utf8").matchAll(
      /^(?:import|export)\b[^;]*?from\s+"([^"]+)"/gms,
    ),
  ].map((m) => m[1] as string);

describe("layers", () => {
  it("puts every area of src/ on a layer", () => {
    const areas = new Set(
      files.filter((f) => f.includes("/")).map((f) => f.split("/")[0] as string),
    );
    for (const area of areas) expect(levelOf(area), area).toBeGreaterThanOrEqual(0);
  });

  it("never imports from a higher layer or a sibling area", () => {
    const wrong: string[] = [];
    for (const file of files.filter((f) => f.includes("/"))) {
      const area = file.split("/")[0] as string;
      for (const target of importsOf(file).filter((t) => t.startsWith("."))) {
        const resolved = join(file, "..", target).split("\\").join("/");
        const targetArea = resolved.split("/")[0] as string;
        if (targetArea === area || !resolved.includes("/")) continue;
        if (levelOf(targetArea) >= levelOf(area)) wrong.push(`${file} -> ${resolved}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("imports no node: module and nothing but zod from outside", () => {
    const outside = files.flatMap((file) =>
      importsOf(file)
        .filter((t) => !t.startsWith(".") && t !== "zod")
        .map((t) => `${file} -> ${t}`),
    );
    expect(outside).toEqual([]);
  });
});
