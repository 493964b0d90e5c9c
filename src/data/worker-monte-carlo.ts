/**
 * Monte Carlo chunks on worker threads, one per core: the compute adapter behind the MonteCarloExecutor port.
 * Each path draws from its own (seed, path) stream, so the split across threads never changes a result.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { MonteCarloExecutor, MonteCarloJob } from '../app/ports/monte-carlo.ts';
import type { MonteCarloChunk } from '../network/monte-carlo.ts';

/**
 * The worker script beside this module: the bundled .js in a build; from source (tests, under tsx) a small ESM
 * bootstrap that registers tsx in the worker first — Node 20 does not apply `--import tsx` to a worker's entry.
 */
function workerScript(): URL {
  if (!import.meta.url.endsWith('.ts')) return new URL('./monte-carlo-worker.js', import.meta.url);
  const entry = new URL('./monte-carlo-worker.ts', import.meta.url).href;
  const bootstrap =
    `import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))}; register(); ` +
    `await import(${JSON.stringify(entry)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`);
}

export function workerMonteCarlo(threads: number = availableParallelism()): MonteCarloExecutor {
  const parallelism = Math.max(1, threads);
  let pool: Worker[] | undefined;
  // Workers are started once and kept, unreferenced while idle so that they never hold the process open.
  const workers = (): Worker[] =>
    (pool ??= Array.from({ length: parallelism }, () => {
      const worker = new Worker(workerScript());
      worker.unref();
      return worker;
    }));
  // One run at a time: a worker answers the jobs it is sent in order, without ids, so two runs sharing the pool (the
  // server serves requests concurrently) would take each other's chunks. Later runs wait for the earlier ones.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    parallelism,
    prepare() {
      workers();
    },
    run(jobs) {
      const turn = queue.then(() => runAll(jobs));
      queue = turn.catch(() => undefined);
      return turn;
    },
  };

  async function runAll(jobs: readonly MonteCarloJob[]): Promise<MonteCarloChunk[]> {
    const busy = workers().slice(0, Math.min(jobs.length, parallelism));
    const results: MonteCarloChunk[] = new Array(jobs.length);
    let next = 0;
    busy.forEach((worker) => worker.ref());
    try {
      await Promise.all(
        busy.map(async (worker) => {
          while (next < jobs.length) {
            const index = next++;
            results[index] = await runOn(worker, jobs[index] as MonteCarloJob);
          }
        }),
      );
    } finally {
      busy.forEach((worker) => worker.unref());
    }
    return results;
  }
}

function runOn(worker: Worker, job: MonteCarloJob): Promise<MonteCarloChunk> {
  return new Promise((resolve, reject) => {
    const onMessage = (chunk: MonteCarloChunk) => {
      worker.off('error', onError);
      resolve(chunk);
    };
    const onError = (error: Error) => {
      worker.off('message', onMessage);
      reject(error);
    };
    worker.once('message', onMessage);
    worker.once('error', onError);
    worker.postMessage(job);
  });
}
