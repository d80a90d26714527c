// Not a benchmark: what the command-line benchmarks share. The command line's own modules
// (cli/*.ts) bundled by esbuild for a benchmark to import, as the built command line runs them,
// its packages (Papa Parse, uDSV) left to node_modules.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";

/**
 * Bundle the names exported by modules of cli/ (`{ "rows.js": ["csvRows"] }`) into
 * node_modules/.cache/NAME.mjs, and give its path.
 */
export async function bundleCommandLine(name, exports) {
  const cache = join(import.meta.dirname, "..", "node_modules", ".cache");
  mkdirSync(cache, { recursive: true });
  const entry = join(cache, `${name}.ts`);
  writeFileSync(
    entry,
    Object.entries(exports)
      .map(([module, names]) => `export { ${names.join(", ")} } from "../../cli/${module}";\n`)
      .join(""),
  );
  const outfile = join(cache, `${name}.mjs`);
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    format: "esm",
    packages: "external",
    outfile,
    logLevel: "error",
  });
  return outfile;
}
