/**
 * The worker's side of the server's pool (src/server/worker-pool.ts): runs each job it is sent — a command of the
 * registry on its raw input, with the API's ports (http-ports.ts: built-in names only, no files of the request's
 * choosing) — and answers with the envelope serialized as the server would send it. The run store is the server
 * thread's, reached by message: a worker never opens one, so runs are recorded once, there.
 */
import type { MessagePort } from 'node:worker_threads';
import type { CommandDefinition } from '../app/command.ts';
import { executeAndRecord } from '../app/execute-command.ts';
import type { AppPorts } from '../app/ports/app-ports.ts';
import type { RunStore, RunStoreOpener } from '../app/ports/run-store.ts';
import { httpPorts } from './http-ports.ts';
import { revivedError, sentError, type FromWorker, type StoreCall, type ToWorker } from './pool-messages.ts';

/** Serves jobs on `port` (the worker's parentPort) with `ports`, the CLI's adapters built in this thread. */
export function servePoolJobs(port: MessagePort, commands: readonly CommandDefinition[], ports: AppPorts): void {
  const calls = new Map<number, { resolve(value: unknown): void; reject(error: unknown): void }>();
  let nextCall = 0;
  const call = <Value>(storeCall: StoreCall): Promise<Value> =>
    new Promise((resolve, reject) => {
      const id = nextCall++;
      calls.set(id, { resolve: (value) => resolve(value as Value), reject });
      port.postMessage({ kind: 'store', id, ...storeCall } satisfies FromWorker);
    });
  let store: Promise<RunStore> | undefined;
  const runs: RunStoreOpener = {
    open: () =>
      (store ??= call<string>({ method: 'open', args: [] }).then((location) => ({
        location,
        save: (run) => call({ method: 'save', args: [run] }),
        list: (filter) => call({ method: 'list', args: [filter] }),
        get: (idOrPrefix) => call({ method: 'get', args: [idOrPrefix] }),
        // The server's thread owns the store and closes it.
        close: async () => undefined,
      }))),
  };
  const served = httpPorts({ ...ports, runs });

  port.on('message', (message: ToWorker) => {
    if (message.kind === 'store-answer') {
      const waiting = calls.get(message.id);
      calls.delete(message.id);
      if (message.error) waiting?.reject(revivedError(message.error));
      else waiting?.resolve(message.value);
      return;
    }
    void (async () => {
      try {
        const definition = commands.find((command) => command.name === message.command);
        if (!definition) throw new Error(`internal error: no command ${message.command} in the worker's registry`);
        const { envelope, run } = await executeAndRecord(definition, message.input, served);
        const answer: FromWorker = {
          kind: 'done',
          id: message.id,
          envelopeJson: JSON.stringify(envelope),
          run: message.record ? run : undefined,
        };
        port.postMessage(answer);
      } catch (error) {
        port.postMessage({ kind: 'failed', id: message.id, error: sentError(error) } satisfies FromWorker);
      }
    })();
  });
}
