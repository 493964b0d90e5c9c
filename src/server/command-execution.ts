/**
 * Where a served command computes: a command declared `http.heavy` on the worker pool when the server has one, every
 * other command (and every command with `rerate serve --workers 0`) on the server's thread. Either way the answer is
 * the same bytes: the envelope serialized once, by the thread that computed it.
 */
import type { CommandDefinition } from '../app/command.ts';
import { executeAndRecord } from '../app/execute-command.ts';
import type { AppPorts } from '../app/ports/app-ports.ts';
import type { PoolAnswer } from './pool-messages.ts';
import type { WorkerPool } from './worker-pool.ts';

/**
 * Runs a command on its raw input (as the request gave it). `record` asks for the run to save; `download` says it is
 * a note or export, which has waited its turn in the downloads' queue (first in the pool's) and may hold Chromium (not
 * stopped at its deadline: its result is dropped; worker-pool.ts).
 */
export type CommandExecution = (
  definition: CommandDefinition,
  rawInput: unknown,
  options?: { record?: boolean; download?: boolean },
) => Promise<PoolAnswer>;

export function commandExecution(ports: AppPorts, pool: WorkerPool | undefined): CommandExecution {
  return async (definition, rawInput, { record = false, download = false } = {}) => {
    if (pool && definition.http?.heavy)
      return pool.run({ command: definition.name, input: rawInput, record }, { ahead: download, letFinish: download });
    const { envelope, run } = await executeAndRecord(definition, rawInput, ports);
    return { envelopeJson: JSON.stringify(envelope), run: record ? run : undefined };
  };
}
