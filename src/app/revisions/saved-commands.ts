/**
 * The commands whose runs the store keeps (declared with `savedRun`), found by the name a run manifest records: what
 * `runs replay` and `diff` recompute with. test/runs-and-diff.test.ts checks this list against the registry.
 */
import type { CommandDefinition } from '../command.ts';
import { estimatesCommand } from '../commands/estimates.ts';
import { updateCommand } from '../commands/update.ts';
import { valueCommand } from '../commands/value.ts';

export const SAVED_RUN_COMMANDS: readonly CommandDefinition[] = [updateCommand, valueCommand, estimatesCommand];

export function savedCommand(name: string): CommandDefinition {
  const definition = SAVED_RUN_COMMANDS.find((command) => command.name === name);
  if (!definition?.savedRun) throw new Error(`internal error: ${name} runs are not saved`);
  return definition;
}
