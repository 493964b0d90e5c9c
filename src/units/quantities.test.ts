import { test } from 'node:test';
import assert from 'node:assert/strict';
import { btcFromSats, ehs, joulesPerTh, megawattsFromFleet } from './quantities.ts';

test('sats convert to BTC exactly at the protocol boundary, even beyond 2^53 sats', () => {
  assert.equal(btcFromSats(312_500_000n), 3.125);
  assert.equal(btcFromSats(2_099_999_997_690_000n), 20_999_999.9769);
  assert.equal(btcFromSats(1n), 1e-8);
});

test('MW = EH/s × J/TH', () => {
  assert.equal(megawattsFromFleet(ehs(50), joulesPerTh(18)), 900);
});
