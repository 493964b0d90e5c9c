// Benchmark: the local data store (issue #7). What a user who refreshes 300 days after the embedded data pays:
// merging the fetched days, epochs and three exchanges' closes into the tables, validating and writing the snapshot
// (synced, renamed), loading it back, and `rerate data status`. The 300 days are synthetic (144 blocks a day at the
// last embedded difficulty, a retarget every 14 days); provider fetch times depend on the network and are not timed.
// Run: npm run bench -- live-data
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChainFetch } from '../src/app/ports/live-data.ts';
import { mergeLiveData, tablesExtent } from '../src/app/live-data/merge.ts';
import type { SourcedClose } from '../src/app/live-data/price-consensus.ts';
import { executeCommand } from '../src/app/execute-command.ts';
import { dataStatusCommand } from '../src/app/commands/data-commands.ts';
import { inProcessMonteCarlo } from '../src/data/in-process-monte-carlo.ts';
import { defaultPorts } from '../src/cli/default-ports.ts';
import { embeddedSnapshot } from '../src/data/embedded-snapshot.ts';
import { localDataStore } from '../src/data/local-data-store.ts';
import { networkDataSource } from '../src/data/network-data-source.ts';
import { dayFromIso, isoFromDay, type DayNumber } from '../src/units/calendar-day.ts';
import { timed } from './timing.ts';

const DAYS = 300;
const embedded = embeddedSnapshot();
const base = embedded.tables();
const extent = tablesExtent(base.tables);
const lastBits = Number.parseInt(base.tables.epochs.trim().split('\n').at(-1)?.split(',')[2] as string, 16);
const firstDay = dayFromIso(extent.lastDay) + 1;
const startTip = extent.tipAtEndOf(extent.lastDay) as number;

const days = Array.from({ length: DAYS }, (_, i) => ({
  date: isoFromDay((firstDay + i) as DayNumber),
  tipHeight: startTip + 144 * (i + 1),
  feesBtc: 4.2,
}));
const lastEpoch = Math.floor((startTip + 144 * DAYS) / 2016);
const epochs = Array.from({ length: lastEpoch - extent.epochCount + 1 }, (_, k) => {
  const epoch = extent.epochCount + k;
  const startHeight = epoch * 2016;
  return {
    epoch,
    startHeight,
    bits: lastBits,
    startTimeUnixS: (firstDay + Math.floor((startHeight - startTip) / 144)) * 86_400 + 600,
    chainworkHex: null,
  };
});
const chain: ChainFetch = { source: 'bitcoind', days, epochs, notes: [] };
const closes: SourcedClose[] = days.flatMap((day, i) =>
  ['coinbase', 'kraken', 'bitstamp'].map((source, s) => ({ date: day.date, source, closeUsd: 73_000 + i * 10 + s })),
);
console.log(`${DAYS} days (${144 * DAYS} blocks), ${epochs.length} new epochs, ${closes.length} closes`);

await timed(`merge ${DAYS} fetched days, epochs and closes into the embedded tables`, 10, '-', async () =>
  mergeLiveData(base.tables, chain, closes),
);
const merged = mergeLiveData(base.tables, chain, closes);

const dir = mkdtempSync(join(tmpdir(), 'rerate-bench-live-'));
const store = localDataStore(join(dir, 'data'));
let n = 0;
await timed(
  'validate and write the merged tables as a snapshot (3 files synced, renamed, current.json)',
  10,
  '-',
  async () => {
    // A distinct snapshot each time (one more close), so every run really writes.
    await store.commit(
      { ...merged.tables, closes: `${merged.tables.closes}2030-01-01,bench,${++n}\n` },
      { parentId: base.snapshotId, createdAt: 'bench', sources: ['bitcoind'] },
    );
  },
);
await store.commit(merged.tables, { parentId: base.snapshotId, createdAt: 'bench', sources: ['bitcoind'] });
await timed('the same refresh again (same tables: nothing written)', 10, '-', async () =>
  store.commit(merged.tables, { parentId: base.snapshotId, createdAt: 'bench', sources: ['bitcoind'] }),
);

await timed('load and validate the embedded snapshot (cold, per process)', 5, '-', async () =>
  networkDataSource(embeddedSnapshot(), undefined).loadNetwork(),
);
await timed('load and validate the local snapshot (cold, per process)', 5, '-', async () =>
  networkDataSource(embeddedSnapshot(), localDataStore(join(dir, 'data'))).loadNetwork(),
);
const ports = defaultPorts({
  env: {
    RERATE_DB: ':memory:',
    RERATE_DATA_DIR: join(dir, 'data'),
    RERATE_TODAY: isoFromDay((firstDay + DAYS) as DayNumber),
  },
  monteCarlo: inProcessMonteCarlo,
});
await timed('rerate data status on the local snapshot (after the first load)', 10, '-', async () =>
  executeCommand(dataStatusCommand, {}, ports),
);
await ports.runs.close();
rmSync(dir, { recursive: true, force: true });
