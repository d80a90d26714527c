// The shipped WebAssembly bytes are what wabt makes of the readable .wat beside them.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

it("src/distribution/wasm/*.ts is the compilation of its .wat", () => {
  const script = fileURLToPath(new URL("../../scripts/build-wasm.mjs", import.meta.url));
  expect(() => execFileSync("node", [script, "--check"], { stdio: "pipe" })).not.toThrow();
});
