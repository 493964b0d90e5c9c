/**
 * The root of g(x) = goal for a continuous, strictly increasing g on [low, ∞): the bracket is widened by doubling
 * until g(high) ≥ goal, then narrowed by Brent's method (R. P. Brent, Algorithms for Minimization without
 * Derivatives, 1973, ch. 4: inverse quadratic interpolation and secant steps, falling back to bisection whenever a
 * step would not shrink the bracket fast enough), to a few ulps of the root. Brent's method keeps the root
 * bracketed at every step, so it converges for any continuous g; on a linear piece its secant step is exact.
 */
export function solveIncreasing(g: (x: number) => number, goal: number, low: number): number {
  const f = (x: number) => g(x) - goal;
  let a = low;
  let fa = f(a);
  if (fa >= 0) return a;
  let b = Math.max(1, Math.abs(low)) + low;
  let fb = f(b);
  for (let widen = 0; fb < 0; widen++) {
    if (widen > 1100) throw new RangeError(`g never reaches ${goal}: g(${b}) = ${fb + goal}`);
    a = b;
    fa = fb;
    b = low + 2 * (b - low);
    fb = f(b);
  }
  return brent(f, a, fa, b, fb);
}

function brent(f: (x: number) => number, a0: number, fa0: number, b0: number, fb0: number): number {
  let [a, fa, b, fb] = [a0, fa0, b0, fb0];
  let [c, fc] = [a, fa];
  let d = b - a;
  let e = d;
  for (let iteration = 0; iteration < 200; iteration++) {
    if (Math.sign(fb) === Math.sign(fc) && fb !== 0) {
      [c, fc] = [a, fa];
      d = e = b - a;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      [a, fa] = [b, fb];
      [b, fb] = [c, fc];
      [c, fc] = [a, fa];
    }
    const tolerance = 2 * Number.EPSILON * Math.abs(b);
    const half = (c - b) / 2;
    if (Math.abs(half) <= tolerance || fb === 0) return b;
    if (Math.abs(e) >= tolerance && Math.abs(fa) > Math.abs(fb)) {
      // Interpolate: the secant through (a, b) when a = c, else inverse quadratic through a, b and c.
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * half * s;
        q = 1 - s;
      } else {
        const qa = fa / fc;
        const r = fb / fc;
        p = s * (2 * half * qa * (qa - r) - (b - a) * (r - 1));
        q = (qa - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      p = Math.abs(p);
      if (2 * p < Math.min(3 * half * q - Math.abs(tolerance * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = half;
        e = d;
      }
    } else {
      d = half;
      e = d;
    }
    [a, fa] = [b, fb];
    b += Math.abs(d) > tolerance ? d : Math.sign(half) * tolerance;
    fb = f(b);
  }
  return b;
}
