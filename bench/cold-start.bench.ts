// Cold start (issue "Start fast"): whole `node dist/rerate.js …` processes, timed from spawn to exit, beside bare node
// (`node -e 0`) in the same run. The commands take turns (one round runs each once), so the machine's noise falls on
// all of them alike; a first round warms the disk cache and is not counted. `update` and `value CIFR` run as a user
// runs them: on the embedded data, saving the run to SQLite at the default place under a HOME that is a new empty
// temporary folder each time (so a fresh runs.sqlite is created and migrated). Prints median, min and max, the
// difference from bare node, and the targets: --version within 150 ms of node, update <= 800 ms, value <= 600 ms.
// Needs a build (npm run build); builds nothing itself. BENCH_RUNS changes the rounds (default 15).
// Run: npm run bench -- cold-start
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 15);
const CLI = 'dist/rerate.js';

if (!existsSync(CLI)) {
  console.error(`${CLI} is missing: run npm run build first (this bench times the built CLI and builds nothing).`);
  process.exit(1);
}
const newestSource = newestMtime('src');
if (newestSource > statSync(CLI).mtimeMs)
  console.log(`note: src/ changed after ${CLI} was built; npm run build times the current code`);

// The user's environment without anything that moves the run store or the local data (so: embedded data, SQLite).
const baseEnv: Record<string, string | undefined> = { ...process.env };
for (const name of ['DATABASE_URL', 'RERATE_DB', 'RERATE_DATA_DIR', 'XDG_DATA_HOME']) delete baseEnv[name];

interface Case {
  label: string;
  args: string[];
  /** A fresh empty HOME for each run. */
  home: boolean;
  /** The target: a whole-process limit in ms, or a limit on the difference from bare node. */
  target?: { ms: number; overBaseline: boolean };
}

const CASES: Case[] = [
  { label: 'node -e 0 (baseline)', args: ['-e', '0'], home: false },
  { label: 'rerate --version', args: [CLI, '--version'], home: false, target: { ms: 150, overBaseline: true } },
  { label: 'rerate update', args: [CLI, 'update'], home: true, target: { ms: 800, overBaseline: false } },
  { label: 'rerate value CIFR', args: [CLI, 'value', 'CIFR'], home: true, target: { ms: 600, overBaseline: false } },
];

function runOnce(test: Case): number {
  const home = test.home ? mkdtempSync(join(tmpdir(), 'rerate-bench-cold-')) : undefined;
  try {
    const env = home === undefined ? baseEnv : { ...baseEnv, HOME: home };
    const start = performance.now();
    const result = spawnSync(process.execPath, test.args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    const elapsed = performance.now() - start;
    if (result.status !== 0) {
      console.error(`${test.label} failed (exit ${result.status ?? result.signal}):\n${result.stderr.toString()}`);
      process.exit(1);
    }
    if (home !== undefined && !existsSync(join(home, '.local', 'share', 'rerate', 'runs.sqlite'))) {
      console.error(`${test.label} saved no run to ${home}/.local/share/rerate/runs.sqlite`);
      process.exit(1);
    }
    return elapsed;
  } finally {
    if (home !== undefined) rmSync(home, { recursive: true, force: true });
  }
}

for (const test of CASES) runOnce(test); // warm-up round, not counted
const timings = CASES.map((): number[] => []);
for (let round = 0; round < RUNS; round++) CASES.forEach((test, i) => timings[i]?.push(runOnce(test)));

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};
const baseline = median(timings[0] as number[]);
console.log(`${RUNS} interleaved rounds (after one warm-up round); whole processes, spawn to exit`);
CASES.forEach((test, i) => {
  const values = timings[i] as number[];
  const mid = median(values);
  const [low, high] = [Math.min(...values), Math.max(...values)];
  const spread = `median ${mid.toFixed(0)} ms, min ${low.toFixed(0)} ms, max ${high.toFixed(0)} ms`;
  if (test.target === undefined) {
    console.log(`${test.label}: ${spread}`);
    return;
  }
  const over = mid - baseline;
  const limit = test.target.overBaseline ? baseline + test.target.ms : test.target.ms;
  const targetText = test.target.overBaseline ? `<= node + ${test.target.ms} ms` : `<= ${test.target.ms} ms`;
  const verdict = mid <= limit ? 'PASS' : 'MISS';
  console.log(`${test.label}: ${spread}; node + ${over.toFixed(0)} ms  [target ${targetText}: ${verdict}]`);
});

function newestMtime(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}
