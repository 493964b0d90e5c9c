/**
 * A refusal because the machine is at its bound of concurrent work (a worker pool's queue, the Monte Carlo
 * executor's runs), not because the input is wrong: the same request may succeed later. The API answers it with
 * 503 and `Retry-After` (src/server/api-error.ts); the CLI, where nothing is shared, never meets it.
 */
export class BusyError extends Error {
  constructor(
    message: string,
    /** Whole seconds after which a retry is likely to be accepted (at least 1). */
    readonly retryAfterS: number,
  ) {
    super(message);
    this.name = 'BusyError';
  }
}
