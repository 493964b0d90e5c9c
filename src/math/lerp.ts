/**
 * Linear interpolation a + t·(b − a) for t in [0, 1], exact at t = 0, never outside [min(a, b), max(a, b)]
 * despite rounding, monotone in t, and free of overflow when b − a exceeds the float range.
 */
export function lerp(a: number, b: number, t: number): number {
  if (t === 0 || a === b) return a;
  if (t === 1) return b;
  const d = b - a;
  const v = Number.isFinite(d) ? a + t * d : a * (1 - t) + b * t;
  return a < b ? Math.min(Math.max(v, a), b) : Math.min(Math.max(v, b), a);
}
