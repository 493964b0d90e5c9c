// Benchmark: company estimates for all five covered companies, daily over 2025Q1–2029Q4 (history to the as-of date,
// the base-scenario projection after it), summed by quarter. Target (issue #4): under 20 ms after data load.
// Run: npm run bench -- estimates
import { defaultPorts } from '../src/cli/default-ports.ts';
import { estimateCompanies } from '../src/app/sessions/company-estimates.ts';
import { executeCommand } from '../src/app/execute-command.ts';
import { inProcessMonteCarlo } from '../src/data/in-process-monte-carlo.ts';
import { loadNetworkState } from '../src/app/sessions/network-state.ts';
import { estimatesCommand } from '../src/app/commands/estimates.ts';
import { lastDay } from '../src/network/network-history.ts';
import { dayFromIso } from '../src/units/calendar-day.ts';
import { CALENDAR_YEAR, reportingPeriodsBetween } from '../src/units/reporting-period.ts';

const ports = defaultPorts({ env: { RERATE_DB: ':memory:' }, monteCarlo: inProcessMonteCarlo });
let start = performance.now();
const state = await loadNetworkState(ports);
console.log(`data load (network history and daily metrics): ${(performance.now() - start).toFixed(1)} ms`);

start = performance.now();
const companies = await Promise.all((await ports.coverage.tickers()).map((ticker) => ports.coverage.load(ticker)));
const scenario = await ports.scenarios.load('base');
const reported = (await ports.reported.embedded()).figures;
console.log(
  `company files, scenario and reported figures (parse and validate): ${(performance.now() - start).toFixed(1)} ms`,
);

const periods = reportingPeriodsBetween(dayFromIso('2025-01-01'), dayFromIso('2029-12-31'), 'quarter', CALENDAR_YEAR);
const framing = { state, asOfDay: lastDay(state.snapshot.history.daily), scenario, overrides: {}, views: undefined };
const request = { framing, companies, periodsOf: () => periods, reported, periodField: 'quarters' };
const timings: number[] = [];
let run;
for (let i = 0; i < 40; i++) {
  start = performance.now();
  run = await estimateCompanies(request);
  timings.push(performance.now() - start);
}
const first = timings[0] as number;
timings.sort((a, b) => a - b);
console.log(
  `estimates, ${companies.length} companies × ${run?.network.dayCount} days ` +
    `(${periods.length} quarters, projection included): ` +
    `median ${timings[20]?.toFixed(2)} ms, first ${first.toFixed(2)} ms  [target < 20 ms]`,
);

const commandTimings: number[] = [];
for (let i = 0; i < 10; i++) {
  start = performance.now();
  await executeCommand(estimatesCommand, { target: 'all', quarters: '2025Q1:2029Q4' }, ports);
  commandTimings.push(performance.now() - start);
}
commandTimings.sort((a, b) => a - b);
console.log(
  "whole command 'estimates all --quarters 2025Q1:2029Q4' after data load (files re-read, envelope, hash): " +
    `median ${commandTimings[5]?.toFixed(1)} ms`,
);
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
