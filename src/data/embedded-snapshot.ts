/**
 * The embedded default data: the snapshot shipped in the package's data/ folder, so every command runs offline.
 * Reads and validates the files once per process.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256Hex } from '../app/canonical-json.ts';
import type { DataSourceNotice, NetworkDataSnapshot, NetworkDataSource } from '../app/ports.ts';
import { readNetworkHistoryFiles } from './network-history-files.ts';

export const DAILY_FILE = 'network-daily.csv';
export const EPOCHS_FILE = 'difficulty-epochs.csv';

/** The source codes of data/network-daily.csv (the NOTICE has the full provenance). */
export const EMBEDDED_SOURCES: DataSourceNotice[] = [
  {
    id: 'cm-api',
    description: 'Coin Metrics Community API (BlkCnt, PriceUSD, DiffMean, FeeTotUSD/PriceUSD, IssTotUSD/PriceUSD), 2009-01-03 … 2025-09-22',
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
      'Coin Metrics PriceUSD; blocks = supply increase / 3.125 BTC; difficulty of the epoch in force at 12:00 UTC; fees unknown, 2025-12-30 … 2026-02-04',
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

export function embeddedSnapshot(dataDir: string = packageDataDir()): NetworkDataSource {
  let loaded: NetworkDataSnapshot | undefined;
  return {
    async loadNetwork() {
      loaded ??= loadSnapshot(dataDir);
      return loaded;
    },
  };
}

function loadSnapshot(dataDir: string): NetworkDataSnapshot {
  const dailyText = readFileSync(join(dataDir, DAILY_FILE), 'utf8');
  const epochsText = readFileSync(join(dataDir, EPOCHS_FILE), 'utf8');
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
    snapshotId: sha256Hex(files.map((file) => `${file.name}:${file.sha256}`).join('\n')),
    files,
    sources: EMBEDDED_SOURCES,
  };
}
