/**
 * The server's worker pool (issue 19, load): commands declared `http.heavy` (valuations, grids, projections, notes)
 * run on worker threads, so the server's own thread stays free for cheap routes — health, cached answers, listings,
 * the dashboard's files — however much heavy work is under way.
 *
 * - A bounded queue: a job waits for a free worker among at most `queueBound` others; one more is refused at once
 *   with a BusyError (503, `Retry-After` estimated from the recent jobs' durations). One command may hold at most half
 *   the queue's places (rounded up), so a flood of one kind (large grids) cannot lock out another (a small projection
 *   waited 53 s behind four large ones; issue 19). A job that has waited its turn in a queue of its own (a note or
 *   export: one built at a time, file-downloads.ts) goes ahead, past the bound, so the grids and projections that
 *   keep this queue full cannot starve the downloads.
 * - A deadline per job, from its arrival, waiting included: a job not done by then is cancelled — its worker is
 *   terminated, which stops the computation at once, and a fresh worker takes its place — and answered 504
 *   `deadline-exceeded`.
 * - Runs are recorded by this thread only: a worker asks for the run store's methods by message (pool-messages.ts).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { RunStoreOpener } from '../app/ports/run-store.ts';
import { BusyError } from '../schema/busy-error.ts';
import { ApiError } from './api-error.ts';
import {
  revivedError,
  sentError,
  type FromWorker,
  type PoolAnswer,
  type PoolJob,
  type StoreCall,
  type ToWorker,
} from './pool-messages.ts';

/**
 * Defaults of `rerate serve`: a worker per core but one, which is left to the server's thread (on 2 cores, one worker
 * — heavy requests are served one at a time while cheap ones keep a core); 4 waiting requests (a few seconds of grids
 * under load); 30 s from arrival, well beyond any request within the size limits (a note in PDF takes ~5 s).
 */
export const defaultWorkerCount = (): number => Math.max(1, availableParallelism() - 1);
export const DEFAULT_QUEUE_BOUND = 4;
export const DEFAULT_DEADLINE_S = 30;

export interface WorkerPoolSettings {
  /** Worker threads (at least 1). */
  workers: number;
  /** Jobs that may wait for a free worker (0: none wait; a job is refused when every worker is busy). */
  queueBound: number;
  /** Milliseconds a job may take from its arrival, waiting included. */
  deadlineMs: number;
  /** The worker's script: a module that calls `servePoolJobs` (src/cli/command-worker.ts builds its ports). */
  script: URL;
  /** Given to every worker as `workerData`. */
  workerData?: unknown;
}

export interface WorkerPoolCounts {
  workers: number;
  running: number;
  queued: number;
  /** Workers terminated at a job's deadline (and replaced). */
  cancelled: number;
}

export interface WorkerPool {
  run(job: PoolJob, options?: RunOptions): Promise<PoolAnswer>;
  counts(): WorkerPoolCounts;
  /** Refuses the waiting jobs and terminates the workers. */
  close(): Promise<void>;
}

export interface RunOptions {
  /** The job has waited its turn in a queue of its own (downloads): first in line, past the bound. */
  ahead?: boolean;
  /**
   * The job may hold a process of its own (Chromium printing a PDF), which a terminated thread would leave running:
   * at the deadline it is answered and its result dropped when it comes, but its worker is not stopped (a print has a
   * time limit of its own: src/report/pdf-chromium.ts).
   */
  letFinish?: boolean;
}

interface Pending {
  id: number;
  job: PoolJob;
  options: RunOptions;
  /** Answered already (at its deadline): what the worker sends later is dropped. */
  settled: boolean;
  resolve(answer: PoolAnswer): void;
  reject(error: unknown): void;
  timer: NodeJS.Timeout;
  arrivedMs: number;
  startedMs?: number;
}

interface Slot {
  /** Absent after a crash: started again when the slot next takes a job (a broken script does not spin). */
  worker: Worker | undefined;
  pending: Pending | undefined;
}

/** What a job is assumed to take before any has finished, for Retry-After (a valuation is tens of ms, a grid ~1 s). */
const INITIAL_MEAN_RUN_MS = 1000;

export function workerPool(settings: WorkerPoolSettings, runs: RunStoreOpener): WorkerPool {
  const queue: Pending[] = [];
  let nextId = 0;
  let meanRunMs = INITIAL_MEAN_RUN_MS;
  let cancelled = 0;
  let closed = false;

  const spawn = (slot: Slot): Worker => {
    const worker = new Worker(settings.script, { workerData: settings.workerData });
    // Idle workers do not hold the process open; a running job does.
    worker.unref();
    worker.on('message', (message: FromWorker) => {
      if (slot.worker === worker) onMessage(slot, worker, message);
    });
    const lost = (error: Error) => {
      if (slot.worker !== worker) return;
      slot.worker = undefined;
      void worker.terminate();
      const pending = slot.pending;
      slot.pending = undefined;
      if (pending) finish(pending, undefined, error);
      next();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`internal error: a pool worker exited (code ${code})`)));
    return worker;
  };
  const slots: Slot[] = Array.from({ length: Math.max(1, settings.workers) }, () => {
    const slot: Slot = { worker: undefined, pending: undefined };
    slot.worker = spawn(slot);
    return slot;
  });

  const retryAfterS = () => {
    const running = slots.filter((slot) => slot.pending).length;
    const waitMs = ((queue.length + running) / slots.length) * meanRunMs;
    return Math.min(60, Math.max(1, Math.ceil(waitMs / 1000)));
  };

  const finish = (pending: Pending, answer: PoolAnswer | undefined, error?: unknown) => {
    if (pending.settled) return;
    pending.settled = true;
    clearTimeout(pending.timer);
    if (pending.startedMs !== undefined && error === undefined)
      meanRunMs = 0.8 * meanRunMs + 0.2 * (performance.now() - pending.startedMs);
    if (answer) pending.resolve(answer);
    else pending.reject(error);
  };

  const start = (slot: Slot, pending: Pending) => {
    const worker = (slot.worker ??= spawn(slot));
    slot.pending = pending;
    pending.startedMs = performance.now();
    worker.ref();
    const message: ToWorker = { kind: 'job', id: pending.id, ...pending.job };
    worker.postMessage(message);
  };

  const next = () => {
    for (const slot of slots) {
      if (closed || queue.length === 0) return;
      if (!slot.pending) start(slot, queue.shift() as Pending);
    }
  };

  const onMessage = (slot: Slot, worker: Worker, message: FromWorker) => {
    if (message.kind === 'store') {
      answerStoreCall(message).then(
        (value) => worker.postMessage({ kind: 'store-answer', id: message.id, value } satisfies ToWorker),
        (error: unknown) =>
          worker.postMessage({ kind: 'store-answer', id: message.id, error: sentError(error) } satisfies ToWorker),
      );
      return;
    }
    const pending = slot.pending;
    if (!pending || pending.id !== message.id) return;
    slot.pending = undefined;
    worker.unref();
    if (message.kind === 'done') finish(pending, { envelopeJson: message.envelopeJson, run: message.run });
    else finish(pending, undefined, revivedError(message.error));
    next();
  };

  const answerStoreCall = async (call: StoreCall): Promise<unknown> => {
    const store = await runs.open();
    switch (call.method) {
      case 'open':
        return store.location;
      case 'save':
        return store.save(...call.args);
      case 'list':
        return store.list(...call.args);
      case 'get':
        return store.get(...call.args);
    }
  };

  const onDeadline = (pending: Pending) => {
    // A job still waiting (one behind a download that went ahead) is dropped; a running one is cancelled, or left to
    // finish with its result dropped (letFinish).
    const waiting = queue.indexOf(pending);
    if (waiting >= 0) queue.splice(waiting, 1);
    const slot = slots.find((candidate) => candidate.pending === pending);
    const nowMs = performance.now();
    const waitedS = ((pending.startedMs ?? nowMs) - pending.arrivedMs) / 1000;
    const ranS = pending.startedMs === undefined ? 0 : (nowMs - pending.startedMs) / 1000;
    if (!slot && waiting < 0) return;
    const outcome = !slot
      ? 'was dropped from the queue'
      : pending.options.letFinish
        ? 'its result will be dropped'
        : 'was stopped';
    if (slot && !pending.options.letFinish) {
      // Cancelled: the worker is stopped mid-computation (nothing it was writing is saved: runs are saved here,
      // whole) and a fresh one takes its place.
      const worker = slot.worker;
      slot.pending = undefined;
      slot.worker = spawn(slot);
      cancelled += 1;
      void worker?.terminate();
    }
    const deadlineS = settings.deadlineMs / 1000;
    finish(
      pending,
      undefined,
      new ApiError(
        504,
        'deadline-exceeded',
        `${pending.job.command} was not done ${deadlineS} s after it arrived (it waited ` +
          `${waitedS.toFixed(1)} s for a worker and ran ${ranS.toFixed(1)} s) and ${outcome}; ask for ` +
          'less (a smaller grid, fewer paths, a nearer date), retry when the server is less busy, or use the CLI',
      ),
    );
    next();
  };

  /** Why a job may not wait: the queue is full, or its command holds its share of the queue already. */
  const refusalOf = (command: string): string | undefined => {
    if (queue.length >= settings.queueBound)
      return `${queue.length} heavy requests are waiting (at most ${settings.queueBound})`;
    const same = queue.filter((pending) => pending.job.command === command).length;
    const share = Math.ceil(settings.queueBound / 2);
    if (same >= share)
      return (
        `${same} ${command} requests are waiting: half the queue's ${settings.queueBound} places, ` +
        'all one kind may hold'
      );
    return undefined;
  };

  return {
    run(job, options = {}) {
      if (closed) return Promise.reject(new BusyError('the server is closing', 5));
      return new Promise<PoolAnswer>((resolve, reject) => {
        const free = slots.find((slot) => !slot.pending);
        const refusal = free || options.ahead ? undefined : refusalOf(job.command);
        if (refusal) {
          reject(
            new BusyError(`every worker is busy and ${refusal}; retry after the time Retry-After gives`, retryAfterS()),
          );
          return;
        }
        const pending: Pending = {
          id: nextId++,
          job,
          options,
          settled: false,
          resolve,
          reject,
          timer: setTimeout(() => onDeadline(pending), settings.deadlineMs),
          arrivedMs: performance.now(),
        };
        if (free) start(free, pending);
        else if (options.ahead) queue.unshift(pending);
        else queue.push(pending);
      });
    },
    counts() {
      return {
        workers: slots.length,
        running: slots.filter((slot) => slot.pending).length,
        queued: queue.length,
        cancelled,
      };
    },
    async close() {
      closed = true;
      for (const pending of queue.splice(0)) finish(pending, undefined, new BusyError('the server is closing', 5));
      await Promise.all(
        slots.map(async (slot) => {
          const { worker, pending } = slot;
          slot.worker = undefined;
          slot.pending = undefined;
          if (pending) finish(pending, undefined, new BusyError('the server is closing', 5));
          await worker?.terminate();
        }),
      );
    },
  };
}
