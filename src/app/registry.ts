/** Every command rerate offers, in the order `--help` lists them. The CLI, API and dashboard read this list. */
import type { CommandDefinition } from './command.ts';
import { coverageListCommand, coverageShowCommand, schemaCompanyCommand } from './commands/company-commands.ts';
import { estimatesCommand } from './commands/estimates.ts';
import { costCurveCommand } from './commands/cost-curve.ts';
import { exportCommand } from './publish/export.ts';
import { updateCommand } from './commands/update.ts';
import { valueCommand } from './commands/value.ts';
import { sensitivityCommand, tornadoCommand } from './commands/sensitivity.ts';
import { impliedCommand } from './commands/implied.ts';
import { compsCommand } from './commands/comps.ts';
import { policyCommand } from './commands/policy.ts';
import { methodologyListCommand, methodologyShowCommand } from './commands/methodology-commands.ts';
import { productionBacktestCommand } from './commands/production-backtest.ts';
import { networkBacktestCommand } from './commands/network-backtest.ts';
import { networkHistoryCommand } from './commands/network-history.ts';
import { networkProjectCommand } from './commands/network-project.ts';
import { scenarioListCommand, scenarioShowCommand } from './commands/scenario-commands.ts';
import { networkStatusCommand } from './commands/network-status.ts';
import { runsListCommand, runsReplayCommand, runsShowCommand } from './revisions/runs-commands.ts';
import { diffCommand } from './revisions/diff.ts';
import { dataRefreshCommand, dataStatusCommand } from './commands/data-commands.ts';
import { noteCommand } from './publish/note.ts';
import { filingsFetchCommand, filingsShowCommand } from './commands/filings-commands.ts';

export const COMMANDS: readonly CommandDefinition[] = [
  networkStatusCommand,
  networkHistoryCommand,
  networkProjectCommand,
  networkBacktestCommand,
  scenarioListCommand,
  scenarioShowCommand,
  updateCommand,
  valueCommand,
  compsCommand,
  sensitivityCommand,
  tornadoCommand,
  impliedCommand,
  policyCommand,
  noteCommand,
  diffCommand,
  runsListCommand,
  runsShowCommand,
  runsReplayCommand,
  dataStatusCommand,
  dataRefreshCommand,
  filingsShowCommand,
  filingsFetchCommand,
  methodologyListCommand,
  methodologyShowCommand,
  estimatesCommand,
  costCurveCommand,
  exportCommand,
  productionBacktestCommand,
  coverageListCommand,
  coverageShowCommand,
  schemaCompanyCommand,
];
