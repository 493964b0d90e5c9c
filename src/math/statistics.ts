/**
 * Sample statistics for Monte Carlo output: mean, standard error, quantiles and a five-number summary.
 * Sums use Neumaier's compensated summation (Neumaier 1974), so large samples keep full precision.
 */
import { lerp } from './lerp.ts';

/** Arithmetic mean of a non-empty sample. */
export function mean(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) throw new RangeError('mean of an empty sample');
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < n; i++) {
    const x = values[i] as number;
    const t = sum + x;
    compensation += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    sum = t;
  }
  return (sum + compensation) / n;
}

/** Standard error of the mean: sample standard deviation (n − 1 denominator) / √n, two-pass; 0 for n < 2. */
export function standardError(values: ArrayLike<number>): number {
  const n = values.length;
  if (n < 2) return 0;
  const m = mean(values);
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < n; i++) {
    const d = (values[i] as number) - m;
    const x = d * d;
    const t = sum + x;
    compensation += sum >= x ? sum - t + x : x - t + sum;
    sum = t;
  }
  return Math.sqrt((sum + compensation) / (n - 1) / n);
}

/**
 * Quantile `q` in [0, 1] of an ascending, NaN-free sample by linear interpolation between order
 * statistics, x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]) with h = (n − 1)q (Hyndman & Fan 1996 type 7,
 * the R and NumPy default). Monotone in q and within [x[0], x[n−1]].
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError('quantile of an empty sample');
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile q must be in [0, 1], got ${String(q)}`);
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const below = sorted[lo] as number;
  if (lo === n - 1) return below;
  return lerp(below, sorted[lo + 1] as number, h - lo);
}

/** Mean, standard error of the mean, and the 5th, 50th and 95th percentiles (type 7) of a sample. */
export interface Summary {
  mean: number;
  standardError: number;
  p5: number;
  p50: number;
  p95: number;
}

/** Summarizes a non-empty sample of finite numbers; sorts a Float64Array copy, leaving `values` untouched. */
export function summarize(values: Float64Array | Float32Array | number[]): Summary {
  const n = values.length;
  if (n === 0) throw new RangeError('summary of an empty sample');
  const sorted = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = values[i] as number;
    if (!Number.isFinite(x))
      throw new RangeError(`summary of a sample with a non-finite value at index ${i}: ${String(x)}`);
    sorted[i] = x;
  }
  sorted.sort();
  return {
    mean: mean(sorted),
    standardError: standardError(sorted),
    p5: quantileSorted(sorted, 0.05),
    p50: quantileSorted(sorted, 0.5),
    p95: quantileSorted(sorted, 0.95),
  };
}

/**
 * The same summary as `summarize`, in O(n) rather than O(n log n): the percentiles come from selection
 * (Hoare's quickselect with median-of-three pivots) instead of a full sort. Reorders `scratch` in place: pass a
 * copy. For Monte Carlo
 * output, where hundreds of cells × 10,000 paths are summarized per run.
 */
export function summarizeInPlace(scratch: Float64Array): Summary {
  const n = scratch.length;
  if (n === 0) throw new RangeError('summary of an empty sample');
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(scratch[i] as number))
      throw new RangeError(`summary of a sample with a non-finite value at index ${i}`);
  }
  return {
    ...meanAndStandardError(scratch),
    p5: quantileInPlace(scratch, 0.05),
    p50: quantileInPlace(scratch, 0.5),
    p95: quantileInPlace(scratch, 0.95),
  };
}

/** Mean and standard error of the mean in one pass (Welford 1962: stable, no second pass); 0 error for n < 2. */
export function meanAndStandardError(values: ArrayLike<number>): { mean: number; standardError: number } {
  const n = values.length;
  let runningMean = 0;
  let sumSquares = 0;
  for (let i = 0; i < n; i++) {
    const x = values[i] as number;
    const delta = x - runningMean;
    runningMean += delta / (i + 1);
    sumSquares += delta * (x - runningMean);
  }
  return { mean: runningMean, standardError: n < 2 ? 0 : Math.sqrt(sumSquares / (n - 1) / n) };
}

/**
 * Type-7 quantile of a finite sample by selecting the two order statistics it interpolates between; reorders
 * `values`. With `sampleSize` larger than `values.length`, the missing values count as +∞ (paths that never reach an
 * event): the result is +∞ when the quantile falls among them.
 */
export function quantileInPlace(values: Float64Array, q: number, sampleSize: number = values.length): number {
  const n = values.length;
  const h = (sampleSize - 1) * q;
  if (Math.ceil(h) >= n && sampleSize > n) return Infinity;
  const lo = Math.floor(h);
  const below = select(values, lo, 0, n - 1);
  if (lo === n - 1 || h === lo) return below;
  // After selecting rank lo, everything right of it is ≥ it: the next order statistic is their minimum.
  let next = Infinity;
  for (let i = lo + 1; i < n; i++) if ((values[i] as number) < next) next = values[i] as number;
  return lerp(below, next, h - lo);
}

/**
 * The value of rank k (0-based) within [left, right]; partially orders that range around it. Three-way partitioning
 * (Dijkstra's Dutch national flag) keeps it linear when many values are equal, as Monte Carlo cells often are.
 */
function select(values: Float64Array, k: number, left: number, right: number): number {
  while (right > left) {
    const a = values[left] as number;
    const b = values[(left + right) >> 1] as number;
    const c = values[right] as number;
    const pivot = a < b !== a < c ? a : b < a !== b < c ? b : c; // median of three
    let lessEnd = left; // [left, lessEnd) < pivot
    let i = left; // [lessEnd, i) == pivot
    let greaterStart = right + 1; // [greaterStart, right] > pivot
    while (i < greaterStart) {
      const value = values[i] as number;
      if (value < pivot) {
        values[i] = values[lessEnd] as number;
        values[lessEnd] = value;
        lessEnd++;
        i++;
      } else if (value > pivot) {
        greaterStart--;
        values[i] = values[greaterStart] as number;
        values[greaterStart] = value;
      } else i++;
    }
    if (k < lessEnd) right = lessEnd - 1;
    else if (k >= greaterStart) left = greaterStart;
    else return pivot;
  }
  return values[k] as number;
}
