// Benchmark: `rerate update` for the five covered companies after data load (issue #5 target: under 50 ms), and a
// 21 × 21 sensitivity grid of one company's target over BTC price × network growth (target: under 0.5 s).
// Run: npm run bench -- valuation
import { executeCommand } from '../src/app/execute-command.ts';
import { inProcessMonteCarlo } from '../src/data/in-process-monte-carlo.ts';
import { loadNetworkState } from '../src/app/sessions/network-state.ts';
import { sensitivityCommand } from '../src/app/commands/sensitivity.ts';
import { updateCommand } from '../src/app/commands/update.ts';
import { openValuationSession } from '../src/app/sessions/open-valuation-session.ts';
import { defaultPorts } from '../src/cli/default-ports.ts';
import { timed } from './timing.ts';

const ports = defaultPorts({ env: { RERATE_DB: ':memory:' }, monteCarlo: inProcessMonteCarlo });
const start = performance.now();
await loadNetworkState(ports);
console.log(`data load (network history and daily metrics): ${(performance.now() - start).toFixed(1)} ms`);

// The valuation alone, company files parsed once (what "after data load" measures).
const loaded = await Promise.all((await ports.coverage.tickers()).map((ticker) => ports.coverage.load(ticker)));
await timed('valuation of 5 loaded companies (session, projection and sums of the parts)', 20, '< 50 ms', async () => {
  const opened = await openValuationSession({ scenario: 'base', methodology: 'rerate' }, ports);
  for (const company of loaded) await opened.session.value(company);
});
// The whole command: company files, methodology and scenario read per run, as the CLI does (parse and validate
// included).
await timed('rerate update, 5 companies (valuation + current-quarter estimates)', 20, '< 50 ms', () =>
  executeCommand(updateCommand, {}, ports),
);
await timed('rerate update --methodology jpm-2025-11', 10, '< 50 ms', () =>
  executeCommand(updateCommand, { methodology: 'jpm-2025-11' }, ports),
);
await timed('rerate sensitivity RIOT, 21 × 21 grid btc-price × network-growth (441 projections)', 5, '< 500 ms', () =>
  executeCommand(
    sensitivityCommand,
    { target: 'RIOT', x: 'btc-price=50000:110000:3000', y: 'network-growth=0:0.6:0.03' },
    ports,
  ),
);
await timed(
  'rerate sensitivity IREN, 21 × 21 grid deal-probability × hpc-usd-per-mw (one projection)',
  5,
  '< 500 ms',
  () =>
    executeCommand(
      sensitivityCommand,
      { target: 'IREN', x: 'deal-probability=0:1:0.05', y: 'hpc-usd-per-mw=5000000:25000000:1000000' },
      ports,
    ),
);
