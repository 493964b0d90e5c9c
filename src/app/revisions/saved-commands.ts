/** The commands whose runs are saved, by name: what `runs replay` and `diff` recompute with. */
import type { CommandDefinition } from '../command.ts';
import { isSavedCommand, type SavedCommandName } from '../runs/run-figures.ts';
import { estimatesCommand } from '../commands/estimates.ts';
import { updateCommand } from '../commands/update.ts';
import { valueCommand } from '../commands/value.ts';

// Typed by the one list of saved commands (run-figures.ts), so the two cannot drift apart.
const SAVED: Record<SavedCommandName, CommandDefinition> = {
  update: updateCommand,
  value: valueCommand,
  estimates: estimatesCommand,
};

export function savedCommand(name: string): CommandDefinition {
  if (!isSavedCommand(name)) throw new Error(`internal error: ${name} runs are not saved`);
  return SAVED[name];
}
