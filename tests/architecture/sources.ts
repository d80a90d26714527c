// The source files under src/, for the architecture checks.
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";

/** The directory of the library's sources. */
export const SRC: string = join(import.meta.dirname, "../../src");

/** Every .ts file under dir, as absolute paths. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sources(join(dir, entry.name))
      : entry.name.endsWith(".ts")
        ? [join(dir, entry.name)]
        : [],
  );
}

/** Every .ts file under src/, relative to it, with forward slashes (e.g. "survey/nps.ts"). */
export function sourceFiles(): string[] {
  return sources(SRC).map((file) => relative(SRC, file).split("\\").join("/"));
}
