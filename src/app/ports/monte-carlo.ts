/** Monte Carlo chunks, run in this thread or on worker threads (src/data). */
import type { MonteCarloChunk, ProjectionSetup } from '../../network/monte-carlo.ts';
import type { RowLayout } from '../../network/projection-rows.ts';

export interface MonteCarloJob {
  setup: ProjectionSetup;
  layouts: RowLayout[];
  seed: number;
  firstPath: number;
  pathCount: number;
}

/** Runs Monte Carlo chunks, in this thread or on worker threads; results do not depend on how they are split. */
export interface MonteCarloExecutor {
  /** How many chunks run at once (worker threads), 1 in process. */
  readonly parallelism: number;
  /** Starts what `run` will need (worker threads) so that it overlaps with the caller's own preparation. */
  prepare(): void;
  run(jobs: readonly MonteCarloJob[]): Promise<MonteCarloChunk[]>;
}
