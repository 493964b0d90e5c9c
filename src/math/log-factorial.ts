/**
 * ln(k!) for non-negative integers k: a table up to 255, then the Stirling series
 * ln Γ(n+1) = (n+½)ln n − n + ½ln 2π + 1/(12n) − 1/(360n³) + 1/(1260n⁵) − 1/(1680n⁷)
 * (Abramowitz & Stegun 6.1.41), whose truncation error at n ≥ 256 is below 1e-20.
 */

const TABLE_SIZE = 256;
const HALF_LN_2PI = 0.9189385332046728;

const TABLE = new Float64Array(TABLE_SIZE);
for (let k = 2; k < TABLE_SIZE; k++) TABLE[k] = (TABLE[k - 1] as number) + Math.log(k);

/** ln(k!) for a non-negative integer `k` (not checked: this sits on the Poisson hot path). */
export function logFactorial(k: number): number {
  if (k < TABLE_SIZE) return TABLE[k] as number;
  const r = 1 / k;
  const r2 = r * r;
  const series = r * (1 / 12 - r2 * (1 / 360 - r2 * (1 / 1260 - r2 / 1680)));
  return (k + 0.5) * Math.log(k) - k + HALF_LN_2PI + series;
}
