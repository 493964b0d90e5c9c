// Writes docs/examples/morning-routine.md (issue 20): an analyst's morning — yesterday's `rerate update`, then
// `rerate data refresh`, `rerate update` and `rerate diff` — run in process against the fake providers the tests use
// (test/support/fake-bitcoind.ts, fake-public-apis.ts: the synthetic chain after the embedded data, to 2026-02-08),
// with today pinned to 2026-02-09, and what each command printed. The fakes' ports and the temporary folder are
// replaced by placeholders, so a re-run writes the same file:
//
//   node --import tsx scripts/write-morning-routine-doc.ts
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rerate } from '../test/support/cli-runner.ts';
import { refreshableStore } from '../test/support/refreshed-store.ts';

const OUT = new URL('../docs/examples/morning-routine.md', import.meta.url);
const cleanups: (() => unknown)[] = [];
const store = await refreshableStore(
  (cleanup) => cleanups.push(cleanup),
  (dir) => ({ RERATE_DB: join(dir, 'runs.sqlite') }),
);
const dataDir = store.env['RERATE_DATA_DIR'] as string;
const stable = (text: string) =>
  text
    .replaceAll(dataDir, '~/.local/share/rerate/data')
    .replace(/http:\/\/127\.0\.0\.1:\d+/g, 'http://127.0.0.1:<port>')
    // A title shortened by a placeholder keeps an underline of its length.
    .replace(/^(.+)\n=+$/gm, (_, title: string) => `${title}\n${'='.repeat(title.length)}`)
    .trimEnd();

/** Runs a command on fresh ports (as a new `rerate` process would) and returns what it printed on stdout. */
async function run(args: string[]): Promise<string> {
  const ports = store.ports();
  const result = await rerate(ports, args);
  await ports.runs.close();
  if (result.code !== 0) throw new Error(`rerate ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  return stable(result.stdout);
}

try {
  const yesterday = await run(['update']);
  const refresh = await run(['data', 'refresh']);
  const update = await run(['update']);
  const diff = await run(['diff', '--metrics', 'key']);
  const value = await run(['value', 'CIFR']);
  // Yesterday's as-of date on today's data: one snapshot, so the diff can attribute the change to its drivers.
  const rerun = await run(['update', '--as-of', '2026-02-04', '--json']);
  const runIdOf = (json: string) => (JSON.parse(json) as { inputsHash: string }).inputsHash.slice(0, 12);
  // Today's run again: the same inputs, so the same run id (saving it again adds nothing).
  const todayId = runIdOf(await run(['update', '--json']));
  const attributed = await run(['diff', runIdOf(rerun), todayId, '--ticker', 'CIFR', '--metrics', 'key']);
  const older = value.slice(value.indexOf('Figures older than the as-of date'), value.indexOf('\n\nCapital structure'));
  const block = (command: string, output: string) => `\`\`\`console\n$ ${command}\n${output}\n\`\`\``;
  const page = [
    '# Worked example: a morning routine',
    '',
    'Each morning an analyst brings the data up to yesterday, re-runs the coverage and reads what moved and why:',
    '',
    '```sh',
    'rerate data refresh   # the chain, BTC prices and share closes since the last stored day, into the local store',
    'rerate update         # the coverage as of the last stored day (no --as-of: the newest day)',
    'rerate diff           # this run against the previous one, each change attributed to its drivers',
    '```',
    '',
    'The output below is real: `scripts/write-morning-routine-doc.ts` runs these commands in process against the',
    'fake providers the tests use (a synthetic continuation of the chain after the embedded data, to 2026-02-08; no',
    'internet), with today pinned to 2026-02-09, and writes this page. **The share closes after the refresh are the',
    'fakes’ synthetic prices, not market prices**, so the targets’ upsides there show the mechanics, not a view.',
    'Re-run it with',
    '`node --import tsx scripts/write-morning-routine-doc.ts`; only the placeholders for the fakes’ ports and the',
    'data folder were substituted. The company files are dated 2026-02-04, so the later run lists, per company, the',
    'figures older than its as-of date ([data.md](../data.md#later-as-of-dates)).',
    '',
    '## Yesterday',
    '',
    'The run before the refresh, on the embedded data (to 2026-02-04); it is saved, so `diff` can compare with it:',
    '',
    block('rerate update', yesterday),
    '',
    '## 1. Refresh',
    '',
    block('rerate data refresh', refresh),
    '',
    '## 2. Update',
    '',
    'The as-of date is now the last stored day, 2026-02-08: the quarter’s history runs to it and the projection starts',
    'on 2026-02-09. The notes give, per company, how many figures are older than the as-of date and the oldest one.',
    '',
    block('rerate update', update),
    '',
    '`rerate value CIFR` lists them, each by its own date:',
    '',
    block('rerate value CIFR   # the section after the bridge', older.trimEnd()),
    '',
    '## 3. Diff',
    '',
    block('rerate diff --metrics key', diff),
    '',
    'The two runs used different data snapshots (the refresh wrote a new one, and filled prices of days the embedded',
    'data lacked), so the diff compares them but does not attribute the changes. To see why a target moved, re-run',
    'yesterday’s as-of date on today’s data and diff the two runs of one snapshot: each change is then split into the',
    'as-of date (the days of history added), the BTC price, the network, fees and the company’s own figures.',
    '',
    block(
      `rerate update --as-of 2026-02-04 && rerate diff ${runIdOf(rerun)} ${todayId} --ticker CIFR --metrics key`,
      attributed,
    ),
    '',
  ].join('\n');
  writeFileSync(OUT, page);
  console.log(`wrote ${OUT.pathname}`);
} finally {
  for (const cleanup of cleanups.reverse()) await cleanup();
}
