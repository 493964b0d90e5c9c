// Benchmark: the run store and revisions (issue #6 targets): saving a five-company `rerate update` run to SQLite
// (under 50 ms) and `rerate diff` of two such runs with attribution (under 300 ms). The store is a fresh SQLite file
// in a temporary directory, as on a user's disk (WAL, synchronous=FULL). Run: npm run bench -- runs
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { executeAndRecord, executeCommand } from '../src/app/execute-command.ts';
import { inProcessMonteCarlo } from '../src/data/in-process-monte-carlo.ts';
import { loadNetworkState } from '../src/app/sessions/network-state.ts';
import { diffCommand } from '../src/app/revisions/diff.ts';
import { updateCommand } from '../src/app/commands/update.ts';
import { sha256Hex } from '../src/app/canonical-json.ts';
import { defaultPorts } from '../src/cli/default-ports.ts';
import { timed } from './timing.ts';

const dir = mkdtempSync(join(tmpdir(), 'rerate-bench-runs-'));
const ports = defaultPorts({ env: { RERATE_DB: join(dir, 'runs.sqlite') }, monteCarlo: inProcessMonteCarlo });
await loadNetworkState(ports);
const store = await ports.runs.open();

const prior = (await executeAndRecord(updateCommand, { asOf: '2025-09-30', quarter: '2025Q4' }, ports)).run;
const now = (await executeAndRecord(updateCommand, { asOf: '2026-02-04', quarter: '2025Q4' }, ports)).run;
if (!prior || !now) throw new Error('update recorded no run');
console.log(
  `a five-company update run: ${now.figures.length} figures, ${now.texts.size} files ` +
    `(${[...now.texts.values()].reduce((n, t) => n + t.length, 0)} characters)`,
);

// Each save is a new run (a distinct id), so every one writes: its row, its companies and figures, its file texts
// (new rows the first time, shared after).
await timed('save a five-company update run to SQLite (one transaction)', 30, '< 50 ms', (i) =>
  store.save({ ...now, id: sha256Hex(`bench ${i}`) }),
);
await timed('save the same run again (already stored: nothing written)', 30, '-', () =>
  store.save({ ...now, id: sha256Hex('bench 0') }),
);

await store.save(prior);
await store.save(now);
await timed('rerate diff of the last two runs, with attribution (5 recomputations of update)', 10, '< 300 ms', () =>
  executeCommand(diffCommand, { runA: prior.id, runB: now.id }, ports),
);
await timed('rerate diff --no-attribution', 10, '-', () =>
  executeCommand(diffCommand, { runA: prior.id, runB: now.id, attribution: false }, ports),
);

await ports.runs.close();
rmSync(dir, { recursive: true, force: true });
