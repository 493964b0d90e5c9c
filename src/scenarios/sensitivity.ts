/**
 * Sensitivities over any valuation input (DESIGN.md §7): a grid over two inputs, a tornado that ranks inputs by the
 * swing of a metric for a bump either side of the base value, and central differences. The metric is a function
 * the caller builds (the valuation under adjusted inputs); nothing here knows what it computes.
 */

export type Metric<Point> = (point: Point) => Promise<number>;

export function axisValues(from: number, to: number, step: number): number[] {
  if (!(step > 0)) throw new RangeError('the step must be positive');
  if (to < from) throw new RangeError('the range must run from low to high');
  const count = Math.floor((to - from) / step + 1e-9) + 1;
  return Array.from({ length: count }, (_, i) => from + i * step);
}

/** Metric at every (x, y): rows follow y, columns follow x. */
export async function sensitivityGrid(
  metric: Metric<{ x: number; y: number }>,
  xs: readonly number[],
  ys: readonly number[],
): Promise<number[][]> {
  const rows: number[][] = [];
  for (const y of ys) {
    const row: number[] = [];
    for (const x of xs) row.push(await metric({ x, y }));
    rows.push(row);
  }
  return rows;
}

export interface TornadoInput {
  name: string;
  base: number;
  /** The values either side of the base (base ∓ bump, kept inside the input's range). */
  low: number;
  high: number;
}

export interface TornadoBar {
  name: string;
  base: number;
  low: number;
  high: number;
  metricAtLow: number;
  metricAtHigh: number;
  /** |metric(high) − metric(low)|. */
  swing: number;
}

/** Bars sorted by swing, largest first. */
export async function tornado(
  metric: Metric<{ name: string; value: number }>,
  inputs: readonly TornadoInput[],
): Promise<TornadoBar[]> {
  const bars: TornadoBar[] = [];
  for (const input of inputs) {
    const metricAtLow = await metric({ name: input.name, value: input.low });
    const metricAtHigh = await metric({ name: input.name, value: input.high });
    bars.push({ ...input, metricAtLow, metricAtHigh, swing: Math.abs(metricAtHigh - metricAtLow) });
  }
  return bars.sort((a, b) => b.swing - a.swing);
}

/** (f(x + h) − f(x − h)) ÷ 2h. */
export async function centralDifference(f: (x: number) => Promise<number>, x: number, h: number): Promise<number> {
  return ((await f(x + h)) - (await f(x - h))) / (2 * h);
}
