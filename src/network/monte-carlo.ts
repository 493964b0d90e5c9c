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
import { meanAndStandardError, quantileInPlace, summarizeInPlace, type Summary } from '../math/statistics.ts';
import type {
  ChainState,
  FleetModel,
  HashpriceResponse,
  PathVolatility,
  ProjectionPaths,
} from './projection-inputs.ts';
import { readRows, type RowLayout } from './projection-rows.ts';
import {
  createSimulatedPath,
  EXPECTED_ARRIVALS,
  simulatePath,
  type BlockArrivals,
  type SimulatedPath,
} from './projection-stepper.ts';

export interface ProjectionSetup {
  start: ChainState;
  paths: ProjectionPaths;
  volatility: PathVolatility;
  response: HashpriceResponse | null;
  /** The hashprice-responsive network, in place of `paths.hashrateEhs` (absent or null: the exogenous path). */
  fleet?: FleetModel | null;
}

/** The expected-value path (no randomness). */
export function projectDeterministic(setup: ProjectionSetup): SimulatedPath {
  const out = createSimulatedPath(setup.paths.dayCount);
  return simulatePath(
    setup.start,
    setup.paths,
    EXPECTED_ARRIVALS,
    { hashratePerYear: 0, pricePerYear: 0 },
    setup.response,
    out,
    setup.fleet ?? null,
  );
}

/** Random block arrivals and path noise from one stream (a class: monomorphic, inlined in the stepping loop). */
class RandomArrivals implements BlockArrivals {
  constructor(private readonly rng: Rng) {}

  count(expected: number): number {
    return poisson(this.rng, expected);
  }

  /**
   * Given n arrivals in an interval, the k-th falls at the k-th of n uniform order statistics: Beta(k, n − k + 1).
   */
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
    const arrivals = new RandomArrivals(rng);
    simulatePath(setup.start, setup.paths, arrivals, setup.volatility, setup.response, path, setup.fleet ?? null);
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

export interface SummaryOptions {
  /** Metrics (index within a row) that get only the mean and standard error; their percentiles are NaN. */
  meansOnly?: { metricCount: number; metrics: readonly number[] };
  /**
   * Paths without a value (an event beyond the horizon on that path) count as +∞ in the percentiles, which are then
   * +∞ when they fall among them; the mean and standard error stay over the paths with a value.
   */
  missingAsInfinity?: boolean;
}

/** Mean, standard error and 5/50/95th percentiles of every row × metric cell of one layout over all paths. */
export function summarizeChunks(
  chunks: readonly MonteCarloChunk[],
  layoutIndex: number,
  cells: number,
  options: SummaryOptions = {},
): CellSummary[] {
  const totalPaths = chunks.reduce((sum, chunk) => sum + chunk.pathCount, 0);
  const column = new Float64Array(totalPaths);
  const summaries: CellSummary[] = [];
  const { meansOnly, missingAsInfinity = false } = options;
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
    if (n === 0) summaries.push({ ...EMPTY, paths: 0 });
    else if (meansOnly?.metrics.includes(cell % meansOnly.metricCount)) {
      summaries.push({ ...meanAndStandardError(sample), p5: NaN, p50: NaN, p95: NaN, paths: n });
    } else if (missingAsInfinity && n < totalPaths) {
      summaries.push({
        ...meanAndStandardError(sample),
        p5: quantileInPlace(sample, 0.05, totalPaths),
        p50: quantileInPlace(sample, 0.5, totalPaths),
        p95: quantileInPlace(sample, 0.95, totalPaths),
        paths: n,
      });
    } else summaries.push({ ...summarizeInPlace(sample), paths: n });
  }
  return summaries;
}

const EMPTY: Summary = { mean: NaN, standardError: NaN, p5: NaN, p50: NaN, p95: NaN };

/** Summary of a sample (reordered in place), all NaN when it is empty. */
export function summarizeOrNaN(values: Float64Array): Summary {
  return values.length === 0 ? EMPTY : summarizeInPlace(values);
}
