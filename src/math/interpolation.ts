/** Piecewise-linear interpolation over tabulated points, by binary search for the bracketing interval. */
import { lerp } from './lerp.ts';

/**
 * y at `x` on the polyline through (xs[i], ys[i]); `xs` must be strictly increasing (not checked:
 * that would cost O(n) per call). Flat beyond the ends: ys[0] left of xs[0], ys[n−1] right of
 * xs[n−1]. Exact at the knots and never outside [min(ys), max(ys)]. O(log n), allocation-free.
 */
export function interpolateLinear(xs: ArrayLike<number>, ys: ArrayLike<number>, x: number): number {
  const n = xs.length;
  if (n === 0 || ys.length !== n)
    throw new RangeError(`interpolation needs equal, non-zero lengths, got ${n} xs and ${ys.length} ys`);
  if (Number.isNaN(x)) throw new RangeError('interpolation at NaN');
  if (x <= (xs[0] as number)) return ys[0] as number;
  if (x >= (xs[n - 1] as number)) return ys[n - 1] as number;
  // Invariant: xs[lo] <= x < xs[hi].
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if ((xs[mid] as number) <= x) lo = mid;
    else hi = mid;
  }
  const x0 = xs[lo] as number;
  const x1 = xs[hi] as number;
  let t = (x - x0) / (x1 - x0);
  if (!Number.isFinite(t)) t = (x / 2 - x0 / 2) / (x1 / 2 - x0 / 2); // x1 − x0 overflowed
  return lerp(ys[lo] as number, ys[hi] as number, Math.min(t, 1));
}
