/** The commands whose runs are saved, by name: what `runs replay` and `diff` recompute with. */
import type { CommandDefinition } from './command.ts';
import { estimatesCommand } from './commands/estimates.ts';
import { updateCommand } from './commands/update.ts';
import { valueCommand } from './commands/value.ts';

const SAVED: Record<string, CommandDefinition> = { update: updateCommand, value: valueCommand, estimates: estimatesCommand };

export function savedCommand(name: string): CommandDefinition {
  const definition = SAVED[name];
  if (!definition) throw new Error(`internal error: ${name} runs are not saved`);
  return definition;
}
