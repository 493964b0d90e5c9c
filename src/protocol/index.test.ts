import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as protocol from './index.ts';

test('index re-exports the whole public API', () => {
  const expected = [
    'DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS',
    'GENESIS_BITS',
    'INITIAL_SUBSIDY_SATS',
    'MAINNET_GENESIS_HASH',
    'POW_LIMIT',
    'POW_TARGET_SPACING_S',
    'POW_TARGET_TIMESPAN_S',
    'SATS_PER_BTC',
    'SUBSIDY_HALVING_INTERVAL_BLOCKS',
    'blockSubsidySats',
    'blockWork',
    'calculateNextWorkRequired',
    'chainworkAtEpochStarts',
    'difficultyFromBits',
    'difficultyFromTarget',
    'getCompact',
    'halvingIndex',
    'isRetargetHeight',
    'issuanceSatsBetween',
    'nextHalvingHeight',
    'nextWorkRequiredBits',
    'setCompact',
    'targetFromBits',
    'totalIssuanceSats',
  ];
  assert.deepEqual(Object.keys(protocol).sort(), expected.sort());
});
