import { defineConfig, type ViteUserConfig } from "vitest/config";

const config: ViteUserConfig = defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    isolate: false,
    coverage: {
      provider: "v8",
      include: ["src/**/*.ts", "cli/**/*.ts"],
      // The executable wrapper is run by check-package on the packed tarball, not in-process.
      exclude: ["cli/bin.ts"],
      reporter: ["text-summary"],
      thresholds: { lines: 95, functions: 95, branches: 90, statements: 95 },
    },
  },
});

export default config;
