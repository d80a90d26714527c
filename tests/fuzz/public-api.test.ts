// Every public function under generated hostile arguments (fixed seed): see harness.ts.
// `npm run fuzz` runs the same harness at ≥ 100,000 calls and prints the figure.
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { MetricError } from "../../src/errors/metric-error.js";
import * as library from "../../src/index.js";
import { ASYNC_TARGETS, CODES, fuzz, materialized, resultProblem, TARGETS } from "./harness.js";

const RUNS = Number(process.env.FUZZ_RUNS ?? 120);

// The fuzzer calls useWebAssembly with any value: the test files run after this one in the same
// worker (vitest's isolate is off) find the kernel on, as a fresh process does.
afterAll(() => {
  library.useWebAssembly(true);
});
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);

describe("hostile input over the whole public API", () => {
  it("covers every public function", () => {
    const functions = Object.entries(library)
      .filter(([name, value]) => typeof value === "function" && name !== "MetricError")
      .map(([name]) => name)
      .sort();
    expect(functions).toEqual([...TARGETS, ...ASYNC_TARGETS].map((t) => t.name).sort());
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

describe("hostile input over the async functions", () => {
  it.each(ASYNC_TARGETS)(
    "$name resolves to finite numbers or rejects with a documented MetricError",
    async ({ name, args }) => {
      const call = (library as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[
        name
      ] as (...a: unknown[]) => Promise<unknown>;
      const escapes: string[] = [];
      for (const generated of fc.sample(args, { numRuns: RUNS, seed: SEED })) {
        try {
          const problem = resultProblem(
            await call(...materialized(generated)),
            "result",
            new Set(),
          );
          if (problem !== undefined) escapes.push(problem);
        } catch (error) {
          if (!(error instanceof MetricError) || !CODES.has(error.code))
            escapes.push(String(error));
        }
      }
      expect(escapes).toEqual([]);
    },
  );
});
