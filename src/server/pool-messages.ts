/**
 * What the server's thread and its pool workers say to each other (src/server/worker-pool.ts, pool-worker.ts): a job
 * (a command and its raw input), its answer (the envelope as JSON, and the run to save when asked), and the workers'
 * calls to the run store, which only the server's thread opens — so each run is recorded once, in one transaction,
 * whatever happens to the worker that computed it. Errors cross as plain data and are revived as their own class, so
 * a bad input found in a worker is still a 400 naming its field.
 */
import type { RunRecord } from '../app/ports/run-store.ts';
import { BusyError } from '../schema/busy-error.ts';
import { InputError, type InputIssue } from '../schema/input-error.ts';

/** A command to run in a worker: its name in the registry and its input as a request gave it (parsed there again). */
export interface PoolJob {
  command: string;
  input: unknown;
  /** Send back the run record (commands whose runs the caller saves: POST /api/v1/runs). */
  record: boolean;
}

/** A command's answer: its envelope serialized exactly as the server sends it, and its run when asked for. */
export interface PoolAnswer {
  envelopeJson: string;
  run: RunRecord | undefined;
}

/** The run store's methods a worker may call, with their arguments. */
export type StoreCall =
  | { method: 'open'; args: [] }
  | { method: 'save'; args: [RunRecord] }
  | { method: 'list'; args: [{ ticker?: string | undefined; limit?: number | undefined }] }
  | { method: 'get'; args: [string] };

export type ToWorker =
  ({ kind: 'job'; id: number } & PoolJob) | { kind: 'store-answer'; id: number; value?: unknown; error?: SentError };

export type FromWorker =
  | ({ kind: 'done'; id: number } & PoolAnswer)
  | { kind: 'failed'; id: number; error: SentError }
  | ({ kind: 'store'; id: number } & StoreCall);

/** An error as data: its class by name, with what that class carries. */
export interface SentError {
  name: string;
  message: string;
  stack?: string | undefined;
  issues?: readonly InputIssue[];
  retryAfterS?: number;
}

export function sentError(error: unknown): SentError {
  if (error instanceof InputError) return { name: error.name, message: error.message, issues: error.issues };
  if (error instanceof BusyError) return { name: error.name, message: error.message, retryAfterS: error.retryAfterS };
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { name: 'Error', message: String(error) };
}

export function revivedError(sent: SentError): Error {
  if (sent.name === 'InputError' && sent.issues) return new InputError(sent.issues);
  if (sent.name === 'BusyError') return new BusyError(sent.message, sent.retryAfterS ?? 1);
  const error = new Error(sent.message);
  error.name = sent.name;
  // The worker's stack, for the server's log (no stack reaches a client: api-error.ts).
  if (sent.stack) error.stack = sent.stack;
  return error;
}
