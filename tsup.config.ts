import type { Options } from "tsup";

/** The library: ESM + CJS with declarations for both; schemas and numeric code in separate chunks. */
const library: Options = {
  // Three entries, so that the numeric code (core) and the zod-based customer models land in
  // separate chunks: a bundle that imports only the numeric functions drops the customer chunk,
  // and zod with it (sideEffects: false). `core` is also the subpath customer-metrics/core.
  entry: { index: "src/index.ts", core: "src/core.ts", customers: "src/customers/index.ts" },
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  target: "es2022",
  platform: "neutral",
  treeshake: true,
  splitting: true,
  clean: false,
};

/**
 * The command line: one ESM file for Node with the numeric core bundled in, and the report's
 * worker thread beside it; its CSV parsers, uDSV and Papa Parse, stay external. The library
 * entries never import them (check-package proves it).
 */
const commandLine: Options = {
  entry: { cli: "cli/bin.ts", worker: "cli/worker.ts" },
  format: ["esm"],
  dts: false,
  sourcemap: false,
  target: "node18",
  platform: "node",
  splitting: false,
  clean: false,
  external: ["papaparse", "udsv"],
  banner: { js: "#!/usr/bin/env node" },
};

const configs: Options[] = [library, commandLine];

export default configs;
