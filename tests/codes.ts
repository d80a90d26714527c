import { MetricError } from "../src/errors/metric-error.js";

/** The MetricError code a call raises, or undefined when it does not throw. */
export function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof MetricError) return error.code;
    throw error;
  }
  return undefined;
}

/** The MetricError a call raises; fails the test when it raises nothing or something else. */
export function errorOf(run: () => unknown): MetricError {
  try {
    run();
  } catch (error) {
    if (error instanceof MetricError) return error;
    throw error;
  }
  throw new Error("expected a MetricError");
}
