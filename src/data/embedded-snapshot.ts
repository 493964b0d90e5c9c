/**
 * The embedded default data: the snapshot shipped in the package's data/ folder, so every command runs offline.
 * Reads and validates the files once per process.
 */
import { metricsOnce } from './metrics-once.ts';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256Hex } from '../app/canonical-json.ts';
import type { NetworkTables } from '../app/ports/local-data.ts';
import { CLOSES_TABLE_HEADER } from '../app/live-data/merge.ts';
import type { DataSourceNotice, NetworkDataSnapshot, NetworkDataSource } from '../app/ports/network-data.ts';
import { readInputTextFile } from './input-text-file.ts';
import { readNetworkHistoryFiles } from './network-history-files.ts';

export const DAILY_FILE = 'network-daily.csv';
export const EPOCHS_FILE = 'difficulty-epochs.csv';

/** The source codes of data/network-daily.csv (the NOTICE has the full provenance). */
export const EMBEDDED_SOURCES: DataSourceNotice[] = [
  {
    id: 'cm-api',
    description:
      'Coin Metrics Community API (BlkCnt, PriceUSD, DiffMean, FeeTotUSD/PriceUSD, IssTotUSD/PriceUSD), ' +
      '2009-01-03 … 2025-09-22',
    licence: 'CC BY-NC 4.0 — Source: Coin Metrics Community Data',
  },
  {
    id: 'cm-repo',
    description: 'Coin Metrics community data (coinmetrics/data csv/btc.csv), 2025-09-23 … 2025-12-29',
    licence: 'CC BY-NC 4.0 — Source: Coin Metrics Community Data',
  },
  {
    id: 'cm-supply',
    description:
      'Coin Metrics PriceUSD; blocks = supply increase / 3.125 BTC; difficulty of the epoch in force at 12:00 UTC; ' +
      'fees unknown, 2025-12-30 … 2026-02-04',
    licence: 'CC BY-NC 4.0 — Source: Coin Metrics Community Data',
  },
];

/** The package root: the nearest folder above this module holding data/NOTICE (works from src/ and dist/). */
export function packageDataDir(fromUrl: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(fromUrl));
  for (;;) {
    if (existsSync(join(dir, 'data', 'NOTICE'))) return join(dir, 'data');
    const parent = dirname(dir);
    if (parent === dir) throw new Error('rerate: cannot find the embedded data folder (data/NOTICE) above the program');
    dir = parent;
  }
}

/** The codes live refreshes add to the daily series (the licences of what they fetch). */
export const LIVE_SOURCES: DataSourceNotice[] = [
  {
    id: 'bitcoind',
    description: "the user's own Bitcoin Core node (JSON-RPC getblockstats, getblockheader)",
    licence: 'public blockchain data',
  },
  {
    id: 'mempool',
    description: 'mempool.space REST API (blocks, fees, difficulty adjustments)',
    licence: 'public blockchain data, served under the mempool.space terms of service',
  },
  {
    id: 'exchanges',
    description:
      'median of the daily closes of Coinbase Exchange, Kraken and Bitstamp (public market-data endpoints) ' +
      "and mempool.space's price index at midnight UTC",
    licence: "market data under each exchange's API terms; check them before redistributing",
  },
];

export interface EmbeddedData extends NetworkDataSource {
  /** The embedded files as the tables a first refresh merges into. */
  tables(): { snapshotId: string; tables: NetworkTables };
}

export function embeddedSnapshot(dataDir: string = packageDataDir()): EmbeddedData {
  let loaded: NetworkDataSnapshot | undefined;
  const load = () => (loaded ??= loadSnapshot(dataDir));
  return {
    async loadNetwork() {
      return load();
    },
    async loadSnapshot(snapshotId) {
      const snapshot = load();
      return snapshot.snapshotId === snapshotId ? snapshot : undefined;
    },
    tables() {
      const { dailyText, epochsText } = readTexts(dataDir);
      return {
        snapshotId: load().snapshotId,
        tables: { daily: dailyText, epochs: epochsText, closes: `${CLOSES_TABLE_HEADER}\n` },
      };
    },
  };
}

function readTexts(dataDir: string): { dailyText: string; epochsText: string } {
  return {
    dailyText: readInputTextFile(join(dataDir, DAILY_FILE), { shownAs: `data/${DAILY_FILE}`, kind: 'network file' }),
    epochsText: readInputTextFile(join(dataDir, EPOCHS_FILE), { shownAs: `data/${EPOCHS_FILE}`, kind: 'network file' }),
  };
}

function loadSnapshot(dataDir: string): NetworkDataSnapshot {
  const { dailyText, epochsText } = readTexts(dataDir);
  const history = readNetworkHistoryFiles({
    daily: { name: `data/${DAILY_FILE}`, text: dailyText },
    epochs: { name: `data/${EPOCHS_FILE}`, text: epochsText },
  });
  const files = [
    { name: `data/${DAILY_FILE}`, sha256: sha256Hex(dailyText), rows: history.daily.dayCount },
    { name: `data/${EPOCHS_FILE}`, sha256: sha256Hex(epochsText), rows: history.epochs.count },
  ];
  return {
    history,
    metrics: metricsOnce(history),
    snapshotId: sha256Hex(files.map((file) => `${file.name}:${file.sha256}`).join('\n')),
    files,
    sources: EMBEDDED_SOURCES,
    origin: { kind: 'embedded', location: dataDir },
    warnings: [],
  };
}
