// powerLandValue (DESIGN.md §6) over a site ledger, with and without the MW that mine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { powerLandValue } from './power-land-value.ts';
import { siteLedger } from './site-ledger.ts';
import { closeWith, ledgerClaims, ledgerSites, powerParams } from './valuation-test-fixtures.ts';

const close = closeWith(assert.ok);

test('powerLandValue: MW × $/MW(stage) × probability(stage) × ownership, with or without the MW that mine', () => {
  const ledger = siteLedger(ledgerSites, ledgerClaims, 350, 1.4);
  const without = powerLandValue(ledger, powerParams(false));
  // A: 122 MW × 400k; B: 0; C: 360 × 300k × 0.9; D: 0.
  close(without.valueUsd, 122 * 400_000 + 360 * 300_000 * 0.9);
  assert.deepEqual(
    without.sites.map((x) => [x.site, Math.round(x.mw * 1e6) / 1e6]),
    [
      ['A', 122],
      ['B', 0],
      ['C', 360],
      ['D', 0],
    ],
  );
  const withMining = powerLandValue(ledger, powerParams(true));
  // A: (122 + 150); B: 100 × 0.5 ownership; C: 360 × 0.9 × 300k; D: 100.
  close(withMining.valueUsd, 272 * 400_000 + 100 * 400_000 * 0.5 + 360 * 300_000 * 0.9 + 100 * 400_000);
});
