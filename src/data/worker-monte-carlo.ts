/**
 * Monte Carlo chunks on worker threads, one per core: the compute adapter behind the MonteCarloExecutor port.
 * Each path draws from its own (seed, path) stream, so the split across threads never changes a result.
 *
 * Runs share the workers chunk by chunk, taking turns (round robin): a small run finishes after about one chunk of
 * each other run per chunk of its own, not after all of theirs (a small request waited 53 s behind four large ones;
 * issue 19). At most `maxRuns` runs are admitted at once; one more is refused at once with a BusyError (503 and
 * Retry-After over HTTP), so the wait of an admitted run is bounded too.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { MonteCarloExecutor, MonteCarloJob } from '../app/ports/monte-carlo.ts';
import type { MonteCarloChunk } from '../network/monte-carlo.ts';
import { BusyError } from '../schema/busy-error.ts';
import { workerScriptBeside } from './worker-script.ts';

/** Runs admitted at once by default: each gets at least a quarter of the workers' turns. */
export const DEFAULT_MAX_MONTE_CARLO_RUNS = 4;

/** An admitted run: its chunks, the next one to hand out, and what came back. */
interface AdmittedRun {
  jobs: readonly MonteCarloJob[];
  next: number;
  done: number;
  results: MonteCarloChunk[];
  resolve(chunks: MonteCarloChunk[]): void;
  reject(error: unknown): void;
}

export function workerMonteCarlo(
  threads: number = availableParallelism(),
  maxRuns: number = DEFAULT_MAX_MONTE_CARLO_RUNS,
): MonteCarloExecutor {
  const parallelism = Math.max(1, threads);
  // Workers are started once and kept, unreferenced while idle so that they never hold the process open. A worker
  // has one chunk at a time, so its one answer is that chunk's.
  let idle: Worker[] | undefined;
  const runs: AdmittedRun[] = [];
  /** Counts the chunks handed out (plus the runs skipped): modulo the runs, where the next search starts. */
  let turn = 0;

  const startWorker = (): Worker => {
    const worker = new Worker(workerScriptBeside(import.meta.url, 'monte-carlo-worker'));
    worker.unref();
    return worker;
  };
  const idleWorkers = (): Worker[] => (idle ??= Array.from({ length: parallelism }, startWorker));

  /** The next chunk, from the run after the one served last that still has chunks to hand out. */
  const nextChunk = (): { run: AdmittedRun; index: number } | undefined => {
    for (let k = 0; k < runs.length; k++) {
      const run = runs[(turn + k) % runs.length] as AdmittedRun;
      if (run.next < run.jobs.length) {
        turn += k + 1;
        return { run, index: run.next++ };
      }
    }
    return undefined;
  };

  const settle = (run: AdmittedRun, error?: unknown): void => {
    const at = runs.indexOf(run);
    if (at < 0) return; // failed already: its other chunks are dropped
    runs.splice(at, 1);
    if (error === undefined) run.resolve(run.results);
    else run.reject(error);
  };

  const dispatch = (): void => {
    const free = idleWorkers();
    while (free.length > 0) {
      const picked = nextChunk();
      if (!picked) return;
      const worker = free.pop() as Worker;
      worker.ref();
      runOn(worker, picked.run.jobs[picked.index] as MonteCarloJob).then(
        (chunk) => {
          worker.unref();
          free.push(worker);
          picked.run.results[picked.index] = chunk;
          picked.run.done += 1;
          if (picked.run.done === picked.run.jobs.length) settle(picked.run);
          dispatch();
        },
        (error: unknown) => {
          // An uncaught error ends the worker: a fresh one takes its place, and the run it served fails.
          void worker.terminate();
          free.push(startWorker());
          settle(picked.run, error);
          dispatch();
        },
      );
    }
  };

  return {
    parallelism,
    prepare() {
      idleWorkers();
    },
    run(jobs) {
      if (jobs.length === 0) return Promise.resolve([]);
      if (runs.length >= maxRuns) {
        return Promise.reject(
          new BusyError(
            `${runs.length} Monte Carlo runs are in progress, at most ${maxRuns} at once; retry shortly`,
            2,
          ),
        );
      }
      return new Promise<MonteCarloChunk[]>((resolve, reject) => {
        runs.push({ jobs, next: 0, done: 0, results: new Array(jobs.length), resolve, reject });
        dispatch();
      });
    },
  };
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
