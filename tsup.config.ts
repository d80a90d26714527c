import type { Options } from "tsup";

/** ESM + CJS with declarations for both; schemas and numeric code stay in separate chunks. */
const config: Options = {
  entry: { index: "src/index.ts" },
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
