/**
 * Monte Carlo projection: N paths through the same stepping loop as the deterministic projection, each with its own
 * random stream (seed, path index) for block arrivals (Poisson; the time of the k-th arrival ~ Beta), hashrate and
 * price noise. A path's draws depend only on (seed, path index), so any split of the paths into chunks — one thread
 * or several — gives byte-identical results.
 */
import { beta, poisson } from '../math/distributions.ts';
import { createRng, type Rng } from '../math/random.ts';
import { zigguratNormal } from '../math/ziggurat-normal.ts';
import { difficultyFromBits } from '../protocol/difficulty.ts';
import { summarizeInPlace, type Summary } from '../math/statistics.ts';
import type { ChainState, HashpriceResponse, PathVolatility, ProjectionPaths } from './projection-inputs.ts';
import { readRows, type RowLayout } from './projection-rows.ts';
import { createSimulatedPath, EXPECTED_ARRIVALS, simulatePath, type BlockArrivals, type SimulatedPath } from './projection-stepper.ts';

export interface ProjectionSetup {
  start: ChainState;
  paths: ProjectionPaths;
  volatility: PathVolatility;
  response: HashpriceResponse | null;
}

/** The expected-value path (no randomness). */
export function projectDeterministic(setup: ProjectionSetup): SimulatedPath {
  const out = createSimulatedPath(setup.paths.dayCount);
  return simulatePath(setup.start, setup.paths, EXPECTED_ARRIVALS, { hashratePerYear: 0, pricePerYear: 0 }, setup.response, out);
}

/** Random block arrivals and path noise from one stream (a class: monomorphic, inlined in the stepping loop). */
class RandomArrivals implements BlockArrivals {
  constructor(private readonly rng: Rng) {}

  count(expected: number): number {
    return poisson(this.rng, expected);
  }

  /** Given n arrivals in an interval, the k-th falls at the k-th of n uniform order statistics: Beta(k, n − k + 1). */
  fractionOfKth(k: number, n: number): number {
    return beta(this.rng, k, n - k + 1);
  }

  /** Two ziggurat normals (no logarithm or square root on ~99% of draws). */
  normalPair(out: Float64Array): void {
    out[0] = zigguratNormal(this.rng);
    out[1] = zigguratNormal(this.rng);
  }
}

export interface MonteCarloChunk {
  firstPath: number;
  pathCount: number;
  /** One array per layout, cell-major (a cell is a row × metric): values[layout][cell * pathCount + p]. */
  values: Float64Array[];
  /** Time each path reaches the next halving height, unix s (NaN beyond the horizon). */
  halvingTimeS: Float64Array;
}

export function monteCarloChunk(
  setup: ProjectionSetup,
  layouts: readonly RowLayout[],
  seed: number,
  firstPath: number,
  pathCount: number,
): MonteCarloChunk {
  const cells = layouts.map(cellCount);
  const values = cells.map((count) => new Float64Array(pathCount * count));
  const halvingTimeS = new Float64Array(pathCount);
  const path = createSimulatedPath(setup.paths.dayCount);
  const startDifficulty = difficultyBefore(setup);
  const rowValues = cells.map((count) => new Float64Array(count));
  for (let p = 0; p < pathCount; p++) {
    const rng = createRng(seed, firstPath + p);
    simulatePath(setup.start, setup.paths, new RandomArrivals(rng), setup.volatility, setup.response, path);
    for (let l = 0; l < layouts.length; l++) {
      const scratch = readRows(path, layouts[l] as RowLayout, startDifficulty, rowValues[l] as Float64Array);
      const target = values[l] as Float64Array;
      for (let cell = 0; cell < scratch.length; cell++) target[cell * pathCount + p] = scratch[cell] as number;
    }
    halvingTimeS[p] = path.halvingCount > 0 ? (path.halvingTimeS[0] as number) : NaN;
  }
  return { firstPath, pathCount, values, halvingTimeS };
}

export function cellCount(layout: RowLayout): number {
  return layout.rows.length * layout.metrics.length;
}

/** The difficulty in force at the start: the reference for the first retarget's change. */
export function difficultyBefore(setup: ProjectionSetup): number {
  return difficultyFromBits(setup.start.bits);
}

export interface CellSummary extends Summary {
  /** Paths with a value for this cell (a retarget beyond the horizon on some paths leaves fewer). */
  paths: number;
}

/**
 * Mean, standard error and 5/50/95th percentiles of every row × metric cell of one layout over all paths. Cells of
 * the metrics in `meansOnly` (index within a row) get the mean and standard error only, their percentiles left NaN.
 */
export function summarizeChunks(
  chunks: readonly MonteCarloChunk[],
  layoutIndex: number,
  cells: number,
  meansOnly?: { metricCount: number; metrics: readonly number[] },
): CellSummary[] {
  const totalPaths = chunks.reduce((sum, chunk) => sum + chunk.pathCount, 0);
  const column = new Float64Array(totalPaths);
  const summaries: CellSummary[] = [];
  for (let cell = 0; cell < cells; cell++) {
    let n = 0;
    for (const chunk of chunks) {
      const values = chunk.values[layoutIndex] as Float64Array;
      const offset = cell * chunk.pathCount;
      for (let p = 0; p < chunk.pathCount; p++) {
        const value = values[offset + p] as number;
        if (!Number.isNaN(value)) column[n++] = value;
      }
    }
    const sample = column.subarray(0, n);
    const wantsMeanOnly = meansOnly?.metrics.includes(cell % meansOnly.metricCount) ?? false;
    summaries.push({ ...(wantsMeanOnly ? meanAndStandardError(sample) : summarizeOrNaN(sample)), paths: n });
  }
  return summaries;
}

function meanAndStandardError(values: Float64Array): Summary {
  const n = values.length;
  if (n === 0) return summarizeOrNaN(values);
  let mean = 0;
  let sumSquares = 0;
  for (let i = 0; i < n; i++) {
    const x = values[i] as number;
    const delta = x - mean;
    mean += delta / (i + 1);
    sumSquares += delta * (x - mean);
  }
  return { mean, standardError: n < 2 ? 0 : Math.sqrt(sumSquares / (n - 1) / n), p5: NaN, p50: NaN, p95: NaN };
}

/** Summary of a sample (reordered in place), all NaN when it is empty. */
export function summarizeOrNaN(values: Float64Array): Summary {
  return values.length === 0 ? { mean: NaN, standardError: NaN, p5: NaN, p50: NaN, p95: NaN } : summarizeInPlace(values);
}
