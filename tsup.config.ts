import type { Options } from "tsup";

/** ESM + CJS with declarations for both; schemas and numeric code stay in separate chunks. */
const config: Options = {
  // Three entries, so that the numeric code (core) and the zod-based customer models land in
  // separate chunks: a bundle that imports only the numeric functions drops the customer chunk,
  // and zod with it (sideEffects: false). `core` is internal; users import the package root.
  entry: { index: "src/index.ts", core: "src/core.ts", customers: "src/customers/index.ts" },
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  target: "es2022",
  platform: "neutral",
  treeshake: true,
  splitting: true,
  clean: true,
};

export default config;
