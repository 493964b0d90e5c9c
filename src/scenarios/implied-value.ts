/**
 * Implied values (DESIGN.md §7): the value of one input at which the target equals the market price — what the
 * price implies. The target must cross the price inside the input's bracket; the root is found by bisection
 * safeguarded regula falsi (Illinois), to a tolerance in the input's own units.
 */

export type ImpliedOutcome =
  | { kind: 'solved'; value: number; metric: number; evaluations: number }
  | { kind: 'no-crossing'; low: number; high: number; metricAtLow: number; metricAtHigh: number; evaluations: number };

export async function solveImplied(
  metric: (value: number) => Promise<number>,
  goal: number,
  bracket: { low: number; high: number },
  tolerance: number,
  maxEvaluations = 200,
): Promise<ImpliedOutcome> {
  let a = bracket.low;
  let b = bracket.high;
  let fa = (await metric(a)) - goal;
  let fb = (await metric(b)) - goal;
  let evaluations = 2;
  if (fa === 0) return { kind: 'solved', value: a, metric: goal, evaluations };
  if (fb === 0) return { kind: 'solved', value: b, metric: goal, evaluations };
  if (Math.sign(fa) === Math.sign(fb) || !Number.isFinite(fa) || !Number.isFinite(fb)) {
    return { kind: 'no-crossing', low: a, high: b, metricAtLow: fa + goal, metricAtHigh: fb + goal, evaluations };
  }
  let side = 0;
  while (evaluations < maxEvaluations) {
    // Regula falsi step, kept inside the bracket; bisection when it would not shrink it.
    let c = (a * fb - b * fa) / (fb - fa);
    if (!(c > Math.min(a, b) && c < Math.max(a, b))) c = (a + b) / 2;
    const fc = (await metric(c)) - goal;
    evaluations++;
    if (fc === 0 || Math.abs(b - a) < tolerance) return { kind: 'solved', value: c, metric: fc + goal, evaluations };
    if (Math.sign(fc) === Math.sign(fb)) {
      b = c;
      fb = fc;
      if (side === -1) fa /= 2;
      side = -1;
    } else {
      a = c;
      fa = fc;
      if (side === 1) fb /= 2;
      side = 1;
    }
  }
  const value = Math.abs(fa) < Math.abs(fb) ? a : b;
  return { kind: 'solved', value, metric: (Math.abs(fa) < Math.abs(fb) ? fa : fb) + goal, evaluations };
}
