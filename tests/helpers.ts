import { expect } from "vitest";

/** |actual − expected| ≤ tolerance·|expected|, or ≤ absolute when expected is (near) 0. */
export function expectClose(
  actual: number,
  expected: number,
  relative = 1e-12,
  absolute = 1e-300,
): void {
  // A missing reference (null in a fixture, undefined from a renamed field) must fail, not pass.
  if (typeof expected !== "number" || Number.isNaN(expected)) {
    expect.fail(`the reference value is ${String(expected)}, not a number`);
  }
  if (typeof actual !== "number") expect.fail(`the result is ${String(actual)}, not a number`);
  const error = Math.abs(actual - expected);
  const allowed = Math.max(relative * Math.abs(expected), absolute);
  if (!(error <= allowed)) {
    expect.fail(
      `expected ${actual} to be within ${relative} (relative) of ${expected}; off by ${error}`,
    );
  }
}

/** Every number in a nested result is finite (never NaN or ±Infinity). */
export function expectAllFinite(value: unknown, path = "result"): void {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) expect.fail(`${path} is ${value}`);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => {
      expectAllFinite(item, `${path}[${i}]`);
    });
  } else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) expectAllFinite(item, `${path}.${key}`);
  }
}
