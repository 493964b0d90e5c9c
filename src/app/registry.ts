/** Every command rerate offers, in the order `--help` lists them. The CLI, API and dashboard read this list. */
import type { CommandDefinition } from './command.ts';
import { coverageListCommand, coverageShowCommand, schemaCompanyCommand } from './commands/company-commands.ts';
import { estimatesCommand } from './commands/estimates.ts';
import { productionBacktestCommand } from './commands/production-backtest.ts';
import { networkBacktestCommand } from './commands/network-backtest.ts';
import { networkHistoryCommand } from './commands/network-history.ts';
import { networkProjectCommand } from './commands/network-project.ts';
import { scenarioListCommand, scenarioShowCommand } from './commands/scenario-commands.ts';
import { networkStatusCommand } from './commands/network-status.ts';

export const COMMANDS: readonly CommandDefinition[] = [
  networkStatusCommand,
  networkHistoryCommand,
  networkProjectCommand,
  networkBacktestCommand,
  scenarioListCommand,
  scenarioShowCommand,
  estimatesCommand,
  productionBacktestCommand,
  coverageListCommand,
  coverageShowCommand,
  schemaCompanyCommand,
];
