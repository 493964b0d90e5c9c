/** Monte Carlo chunks run one after another in this thread: the reference the worker pool must match exactly. */
import { monteCarloChunk } from '../network/monte-carlo.ts';
import type { MonteCarloExecutor } from '../app/ports/monte-carlo.ts';

export const inProcessMonteCarlo: MonteCarloExecutor = {
  parallelism: 1,
  prepare() {},
  async run(jobs) {
    return jobs.map((job) => monteCarloChunk(job.setup, job.layouts, job.seed, job.firstPath, job.pathCount));
  },
};
