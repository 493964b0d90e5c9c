/**
 * Worker-thread entry of `rerate serve`'s pool (src/server/worker-pool.ts): the CLI's adapters, built in this thread
 * from the same environment as the server's, serving heavy commands (src/server/pool-worker.ts). Monte Carlo runs in
 * this thread: the worker is already off the server's. Bundled as dist/command-worker.js (scripts/build.mjs).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { COMMANDS } from '../app/registry.ts';
import { inProcessMonteCarlo } from '../data/in-process-monte-carlo.ts';
import { servePoolJobs } from '../server/pool-worker.ts';
import { defaultPorts } from './default-ports.ts';

/** What `rerate serve` gives each worker: the environment its ports come from (absent: the process's, as main.ts). */
export interface CommandWorkerData {
  env?: Record<string, string | undefined> | undefined;
}

const { env } = (workerData ?? {}) as CommandWorkerData;
if (parentPort)
  servePoolJobs(parentPort, COMMANDS, defaultPorts({ ...(env ? { env } : {}), monteCarlo: inProcessMonteCarlo }));
