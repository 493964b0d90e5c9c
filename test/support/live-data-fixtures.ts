// What the live-data merge tests merge: the embedded tables, a fetch of the synthetic chain's days and epoch after them
// (test/support/synthetic-chain.ts), and two exchanges' closes for those days.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CLOSES_TABLE_HEADER } from '../../src/app/live-data/merge.ts';
import type { ChainFetch } from '../../src/app/ports/live-data.ts';
import type { SourcedClose } from '../../src/app/live-data/price-consensus.ts';
import type { NetworkTables } from '../../src/app/ports/local-data.ts';
import { expectedSyntheticDays, syntheticBlock, syntheticChain } from './synthetic-chain.ts';

export const embeddedTables: NetworkTables = {
  daily: readFileSync(new URL('../../data/network-daily.csv', import.meta.url), 'utf8'),
  epochs: readFileSync(new URL('../../data/difficulty-epochs.csv', import.meta.url), 'utf8'),
  closes: `${CLOSES_TABLE_HEADER}\n`,
};

export function syntheticFetch(): ChainFetch {
  const { epochBits } = syntheticChain();
  const first464 = syntheticBlock(935_424);
  assert.ok(first464);
  return {
    source: 'bitcoind',
    days: expectedSyntheticDays().map((day) => ({
      date: day.date,
      tipHeight: day.tipHeight,
      feesBtc: day.feesSats / 1e8,
    })),
    epochs: [
      {
        epoch: 464,
        startHeight: 935_424,
        bits: epochBits[464] as number,
        startTimeUnixS: first464.time,
        chainworkHex: first464.chainworkHex,
      },
    ],
    notes: [],
  };
}

export const syntheticCloses: SourcedClose[] = ['2026-02-05', '2026-02-06', '2026-02-07', '2026-02-08'].flatMap(
  (date, i) => [
    { date, source: 'coinbase', closeUsd: 70_000 + i * 500 },
    { date, source: 'kraken', closeUsd: 70_010 + i * 500 },
  ],
);
