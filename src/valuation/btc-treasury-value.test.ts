// btcTreasuryValue (DESIGN.md §6) against a hand computation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { btcTreasuryValue, type TreasuryInputs } from './btc-treasury-value.ts';
import { closeWith, s } from './valuation-test-fixtures.ts';

const close = closeWith(assert.ok);

test('btcTreasuryValue: held (less pledged when excluded) × price × (1 + premium); pledged always reported', () => {
  const t: TreasuryInputs = {
    btcHeld: s(1000),
    btcPledged: s(200),
    btcPriceUsd: s(100_000),
    hodlPremium: s(0.1),
    excludePledged: false,
  };
  const all = btcTreasuryValue(t);
  close(all.valueUsd, 1000 * 100_000 * 1.1);
  assert.equal(all.btcCounted, 1000);
  assert.equal(all.btcPledged, 200);
  const net = btcTreasuryValue({ ...t, excludePledged: true });
  close(net.valueUsd, 800 * 100_000 * 1.1);
  assert.equal(net.btcCounted, 800);
  assert.equal(net.btcPledged, 200);
});
