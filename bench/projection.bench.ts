// Benchmark: the projection engine from the last day of the embedded data, 4 years by day, base scenario.
// Targets (issue #3): deterministic projection under 5 ms; 10,000 Monte Carlo paths (price, hashrate and block luck)
// under 2 s on this 2-core machine, using both cores. Run: npm run bench -- projection
import { defaultPorts } from '../src/cli/default-ports.ts';
import { availableParallelism } from 'node:os';
import { inProcessMonteCarlo } from '../src/data/in-process-monte-carlo.ts';
import { loadNetworkState } from '../src/app/sessions/network-state.ts';
import { buildProjectionInputs } from '../src/inputs/projection-inputs.ts';
import { scenarioFiles } from '../src/data/scenario-files.ts';
import { workerMonteCarlo } from '../src/data/worker-monte-carlo.ts';
import { cellCount, projectDeterministic, summarizeChunks } from '../src/network/monte-carlo.ts';
import { lastDay } from '../src/network/network-history.ts';
import { rowLayout } from '../src/network/projection-rows.ts';

const DAYS = 1461;
const PATHS = 10_000;
const SEED = 7;

// As the command does: the worker threads start first, while the data loads and the inputs are built.
const threads = availableParallelism();
const pool = workerMonteCarlo(threads);
pool.prepare();

const scenarios = scenarioFiles();
const ports = { ...defaultPorts({ env: { RERATE_DB: ':memory:' }, monteCarlo: inProcessMonteCarlo }), scenarios };
const state = await loadNetworkState(ports);
const { history } = state.snapshot;
const asOf = lastDay(history.daily);
const inputs = buildProjectionInputs(history, state.metrics, asOf, DAYS, await scenarios.load('base'), {});
const { setup } = inputs;

const timings: number[] = [];
for (let i = 0; i < 60; i++) {
  const start = performance.now();
  projectDeterministic(setup);
  timings.push(performance.now() - start);
}
timings.sort((a, b) => a - b);
console.log(
  `deterministic, ${DAYS} days by day: median ${timings[30]?.toFixed(3)} ms, ` +
    `first ${timings[59]?.toFixed(3)} ms (max)  [target < 5 ms]`,
);

const expected = projectDeterministic(setup);
// as the command does
const layouts = [rowLayout('quarter', asOf, DAYS, expected), rowLayout('retarget-events', asOf, DAYS, expected)];
const jobsFor = (parts: number) =>
  Array.from({ length: parts }, (_, c) => {
    const first = Math.floor((c * PATHS) / parts);
    return { setup, layouts, seed: SEED, firstPath: first, pathCount: Math.floor(((c + 1) * PATHS) / parts) - first };
  });

let start = performance.now();
const parallel = await pool.run(jobsFor(threads * 4)); // as the command does: 4 chunks per thread
const simulateParallelMs = performance.now() - start;
start = performance.now();
summarizeChunks(parallel, 0, cellCount(layouts[0]!));
summarizeChunks(parallel, 1, cellCount(layouts[1]!), {
  meansOnly: { metricCount: 3, metrics: [1, 2] },
  missingAsInfinity: true,
}); // as the command does
const summarizeMs = performance.now() - start;
console.log(
  `Monte Carlo, ${PATHS} paths × ${DAYS} days (price, hashrate, block luck), ${threads} worker threads: ` +
    `simulate ${simulateParallelMs.toFixed(0)} ms + summarize ${summarizeMs.toFixed(0)} ms = ` +
    `${(simulateParallelMs + summarizeMs).toFixed(0)} ms  [target < 2000 ms]`,
);

start = performance.now();
const serial = await inProcessMonteCarlo.run(jobsFor(1));
console.log(`Monte Carlo, same paths in one thread: ${(performance.now() - start).toFixed(0)} ms`);
// Same summaries from the split and the single-thread run, to the last bit.
const identical = layouts.every(
  (layout, l) =>
    JSON.stringify(summarizeChunks(parallel, l, cellCount(layout))) ===
    JSON.stringify(summarizeChunks(serial, l, cellCount(layout))),
);
console.log(`worker summaries identical to the single-thread run: ${identical}`);
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);

// The whole command as a user runs it: a fresh process, data load, inputs, workers, summaries, output.
const { execFileSync } = await import('node:child_process');
const cli = new URL('../rerate.js', import.meta.url);
start = performance.now();
execFileSync(
  process.execPath,
  [
    cli.pathname,
    'network',
    'project',
    '--to',
    '2030-02-04',
    '--paths',
    String(PATHS),
    '--seed',
    String(SEED),
    '--json',
  ],
  { stdio: 'ignore' },
);
console.log(
  `whole command, rerate network project --to 2030-02-04 --paths ${PATHS} (new process): ` +
    `${(performance.now() - start).toFixed(0)} ms`,
);
