/**
 * Minimising a smooth function of a few parameters without derivatives: the Nelder–Mead
 * simplex (Nelder & Mead 1965, The Computer Journal 7(4)) with the standard coefficients
 * (reflection 1, expansion 2, contraction ½, shrink ½), deterministic, restarted once from its
 * best point so that a collapsed simplex cannot stop it early.
 *
 * @internal
 * @module
 */

import { MetricError } from "../errors/metric-error.js";

/** The outcome of a minimisation. */
export interface Minimum {
  readonly point: number[];
  readonly value: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/** Minimise f from `start`; converged when the simplex's values and points agree to `tolerance`. */
export function nelderMead(
  f: (x: readonly number[]) => number,
  start: readonly number[],
  {
    tolerance = 1e-10,
    maxIterations = 20_000,
    step = 0.5,
  }: { tolerance?: number; maxIterations?: number; step?: number } = {},
): Minimum {
  let total = 0;
  let best = { point: [...start], value: f(start) };
  let converged = false;
  for (let round = 0; round < 2; round++) {
    const result = simplexRun(f, best.point, tolerance, maxIterations - total, step);
    total += result.iterations;
    converged = result.converged;
    best = { point: result.point, value: result.value };
    if (!converged) break;
  }
  return { ...best, iterations: total, converged };
}

function simplexRun(
  f: (x: readonly number[]) => number,
  start: readonly number[],
  tolerance: number,
  maxIterations: number,
  step: number,
): Minimum {
  const n = start.length;
  const points: number[][] = [[...start]];
  for (let i = 0; i < n; i++) {
    const p = [...start];
    p[i] = (p[i] as number) + step;
    points.push(p);
  }
  let values = points.map((p) => f(p));
  const value = (x: number) => (Number.isFinite(x) ? x : Number.POSITIVE_INFINITY);
  values = values.map(value);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const order = values
      .map((_, i) => i)
      .sort((i, j) => (values[i] as number) - (values[j] as number));
    const sorted = order.map((i) => points[i] as number[]);
    const sortedValues = order.map((i) => values[i] as number);
    for (let i = 0; i <= n; i++) {
      points[i] = sorted[i] as number[];
      values[i] = sortedValues[i] as number;
    }
    const lo = values[0] as number;
    const hi = values[n] as number;
    let size = 0;
    for (let i = 1; i <= n; i++) {
      for (let k = 0; k < n; k++) {
        size = Math.max(
          size,
          Math.abs(((points[i] as number[])[k] as number) - ((points[0] as number[])[k] as number)),
        );
      }
    }
    if (
      Math.abs(hi - lo) <= tolerance * (Math.abs(lo) + tolerance) &&
      size <= Math.sqrt(tolerance)
    ) {
      return { point: points[0] as number[], value: lo, iterations: iteration, converged: true };
    }
    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < n; k++)
        centroid[k] = (centroid[k] as number) + ((points[i] as number[])[k] as number) / n;
    }
    const worst = points[n] as number[];
    const toward = (t: number) => centroid.map((c, k) => c + t * (c - (worst[k] as number)));
    const reflected = toward(1);
    const fr = value(f(reflected));
    if (fr < lo) {
      const expanded = toward(2);
      const fe = value(f(expanded));
      if (fe < fr) {
        points[n] = expanded;
        values[n] = fe;
      } else {
        points[n] = reflected;
        values[n] = fr;
      }
      continue;
    }
    if (fr < (values[n - 1] as number)) {
      points[n] = reflected;
      values[n] = fr;
      continue;
    }
    const contracted = fr < hi ? toward(0.5) : toward(-0.5);
    const fc = value(f(contracted));
    if (fc < Math.min(fr, hi)) {
      points[n] = contracted;
      values[n] = fc;
      continue;
    }
    // Shrink toward the best point.
    const bestPoint = points[0] as number[];
    for (let i = 1; i <= n; i++) {
      points[i] = (points[i] as number[]).map(
        (x, k) => (bestPoint[k] as number) + 0.5 * (x - (bestPoint[k] as number)),
      );
      values[i] = value(f(points[i] as number[]));
    }
  }
  const i = values.indexOf(Math.min(...values));
  return {
    point: points[i] as number[],
    value: values[i] as number,
    iterations: maxIterations,
    converged: false,
  };
}

/**
 * Maximise a log-likelihood over positive parameters by minimising its negative in their
 * logarithms, or throw `NO_CONVERGENCE`: when the simplex does not converge, or when the
 * maximum lies at the edge of the parameter space (a parameter e^±20 — 0 or ∞ in effect: the
 * data do not identify the model). Never a half-fitted model.
 *
 * @returns the parameters (not their logarithms), the maximised log-likelihood, the iterations
 */
export function maximiseLikelihood(
  logLikelihood: (parameters: readonly number[]) => number,
  start: readonly number[],
  names: string,
  fn: string,
): { readonly parameters: number[]; readonly logLikelihood: number; readonly iterations: number } {
  const fit = nelderMead((u) => -logLikelihood(u.map(Math.exp)), start, { tolerance: 1e-12 });
  const parameters = fit.point.map(Math.exp);
  if (!fit.converged || !Number.isFinite(fit.value)) {
    throw new MetricError(
      "NO_CONVERGENCE",
      `the likelihood was not maximised in ${fit.iterations} iterations (last log-likelihood ${-fit.value}); the data may not identify the model`,
      { fn, value: fit.iterations },
    );
  }
  if (fit.point.some((u) => Math.abs(u) > 20)) {
    throw new MetricError(
      "NO_CONVERGENCE",
      `the likelihood grows toward the edge of the parameter space (${names} = ${parameters.map((x) => x.toPrecision(3)).join(", ")}): the data do not identify the model`,
      { fn, value: parameters },
    );
  }
  return { parameters, logLikelihood: -fit.value, iterations: fit.iterations };
}
