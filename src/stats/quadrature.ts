/**
 * Numerical integration of a smooth function over a finite interval: Gauss–Legendre quadrature
 * of 10 points, bisected where a panel and its two halves disagree (adaptive quadrature; Press et
 * al., Numerical Recipes, 3rd ed., §4.6 and §4.7). The nodes are computed once, on first use, by
 * Newton's method on the Legendre polynomial (ibid. `gauleg`), not copied from a table.
 *
 * @internal
 * @module
 */

const POINTS = 10;
let nodesAndWeights: [Float64Array, Float64Array] | undefined;

/** The Gauss–Legendre nodes and weights of 10 points on [−1, 1]. */
function gaussLegendre(): [Float64Array, Float64Array] {
  if (nodesAndWeights !== undefined) return nodesAndWeights;
  const x = new Float64Array(POINTS);
  const w = new Float64Array(POINTS);
  for (let i = 0; i < POINTS / 2; i++) {
    // The i-th root of P₁₀, from Tricomi's first guess, polished by Newton's method.
    let z = Math.cos((Math.PI * (i + 0.75)) / (POINTS + 0.5));
    let derivative = 1;
    for (let iteration = 0; iteration < 100; iteration++) {
      let p1 = 1;
      let p2 = 0;
      for (let j = 1; j <= POINTS; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = ((2 * j - 1) * z * p2 - (j - 1) * p3) / j;
      }
      derivative = (POINTS * (z * p1 - p2)) / (z * z - 1);
      const step = p1 / derivative;
      z -= step;
      if (Math.abs(step) <= 1e-16) break;
    }
    x[i] = -z;
    x[POINTS - 1 - i] = z;
    w[i] = 2 / ((1 - z * z) * derivative * derivative);
    w[POINTS - 1 - i] = w[i] as number;
  }
  nodesAndWeights = [x, w];
  return nodesAndWeights;
}

/** The 10-point Gauss–Legendre rule on [lo, hi]. */
function rule(f: (x: number) => number, lo: number, hi: number): number {
  const [x, w] = gaussLegendre();
  const half = (hi - lo) / 2;
  const middle = (hi + lo) / 2;
  let sum = 0;
  for (let i = 0; i < POINTS; i++) sum += (w[i] as number) * f(middle + half * (x[i] as number));
  return sum * half;
}

/**
 * ∫ f over [lo, hi], bisecting each panel until the rule on it and on its two halves agree to
 * `relative` of the panel's value (or to `absolute`), at most `depth` times, and at most 10,000
 * panels in all.
 *
 * @returns the integral and whether every panel met the tolerance (false at once, with NaN, for
 *   a function that is not finite somewhere it is evaluated, and false when a panel reached
 *   `depth` or the panels ran out)
 */
export function integrate(
  f: (x: number) => number,
  lo: number,
  hi: number,
  relative = 1e-14,
  absolute = 0,
  depth = 40,
): { value: number; converged: boolean } {
  let value = 0;
  let converged = true;
  let budget = 10_000;
  // An explicit stack of panels, each with its rule already applied: no recursion.
  const stack: [number, number, number, number][] = [[lo, hi, rule(f, lo, hi), 0]];
  while (stack.length > 0) {
    const [a, b, whole, level] = stack.pop() as [number, number, number, number];
    const middle = (a + b) / 2;
    const left = rule(f, a, middle);
    const right = rule(f, middle, b);
    const halves = left + right;
    if (!Number.isFinite(halves)) return { value: Number.NaN, converged: false };
    if (Math.abs(halves - whole) <= Math.max(relative * Math.abs(halves), absolute)) {
      value += halves;
    } else if (level >= depth || budget <= 0) {
      value += halves;
      converged = false;
    } else {
      budget -= 1;
      stack.push([a, middle, left, level + 1], [middle, b, right, level + 1]);
    }
  }
  return { value, converged };
}
