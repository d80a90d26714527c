// Every public function under generated hostile arguments (fixed seed): see harness.ts.
// `npm run fuzz` runs the same harness at ≥ 100,000 calls and prints the figure.
import { describe, expect, it } from "vitest";
import * as library from "../../src/index.js";
import { fuzz, TARGETS } from "./harness.js";

const RUNS = Number(process.env.FUZZ_RUNS ?? 120);
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);

describe("hostile input over the whole public API", () => {
  it("covers every public function", () => {
    const functions = Object.entries(library)
      .filter(([name, value]) => typeof value === "function" && name !== "MetricError")
      .map(([name]) => name)
      .sort();
    expect(functions).toEqual(TARGETS.map((t) => t.name).sort());
  });

  it(`keeps the contract on ${RUNS} calls per function (seed ${SEED})`, {
    timeout: 600_000,
  }, () => {
    const { calls, escapes } = fuzz(RUNS, SEED);
    console.log(`fuzz: ${calls} calls, ${escapes.length} escapes, seed ${SEED}`);
    const distinct = new Map<string, string>();
    for (const e of escapes) distinct.set(`${e.fn}: ${e.what}`, e.args);
    expect([...distinct].map(([k, v]) => `${k}  <- ${v}`)).toEqual([]);
  });
});
