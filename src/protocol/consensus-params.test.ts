import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS,
  GENESIS_BITS,
  INITIAL_SUBSIDY_SATS,
  MAINNET_GENESIS_HASH,
  POW_LIMIT,
  POW_TARGET_SPACING_S,
  POW_TARGET_TIMESPAN_S,
  SATS_PER_BTC,
  SUBSIDY_HALVING_INTERVAL_BLOCKS,
} from './consensus-params.ts';

test('mainnet consensus parameters', () => {
  assert.equal(SUBSIDY_HALVING_INTERVAL_BLOCKS, 210_000);
  assert.equal(POW_TARGET_TIMESPAN_S, 14 * 24 * 60 * 60);
  assert.equal(POW_TARGET_SPACING_S, 600);
  assert.equal(DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS, POW_TARGET_TIMESPAN_S / POW_TARGET_SPACING_S);
  assert.equal(POW_LIMIT.toString(16).padStart(64, '0'), '00000000' + 'f'.repeat(56));
  assert.equal(GENESIS_BITS, 0x1d00ffff);
  assert.equal(INITIAL_SUBSIDY_SATS, 50n * SATS_PER_BTC);
  assert.equal(SATS_PER_BTC, 100_000_000n);
});

test('the mainnet genesis hash is the one in the reference vectors', () => {
  const vectors = JSON.parse(
    readFileSync(new URL('../../test/fixtures/bitcoin_core_vectors.json', import.meta.url), 'utf8'),
  ) as { consensus_params_mainnet: { genesis: { hash: string } } };
  assert.equal(MAINNET_GENESIS_HASH, vectors.consensus_params_mainnet.genesis.hash);
});
