// powerLandValue (DESIGN.md §6) over a site ledger, with and without the MW that mine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { powerLandValue } from './power-land-value.ts';
import { siteLedger } from './site-ledger.ts';
import { closeWith, ledgerClaims, ledgerSites, powerParams, s } from './valuation-test-fixtures.ts';

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

test('powerLandValue: mining MW from the end of the mining horizon, discounted to today', () => {
  const ledger = siteLedger(ledgerSites, ledgerClaims, 350, 1.4);
  const discountFactor = 1.1 ** -4;
  const v = powerLandValue(ledger, {
    ...powerParams(false),
    miningMwAfterHorizon: { discountFactor, horizonYears: s(4), discountRatePerYear: s(0.1) },
  });
  // As without the mining MW, plus each site's mining MW × $/MW × probability × ownership × 1.1^−4:
  // A 150 × 400k; B 100 × 400k × 0.5; D 100 × 400k (C has none).
  const mining = (150 * 400_000 + 100 * 400_000 * 0.5 + 100 * 400_000) * discountFactor;
  close(v.valueUsd, 122 * 400_000 + 360 * 300_000 * 0.9 + mining);
  // A methodology that counts the mining MW today ignores the horizon term.
  const today = powerLandValue(ledger, {
    ...powerParams(true),
    miningMwAfterHorizon: { discountFactor, horizonYears: s(4), discountRatePerYear: s(0.1) },
  });
  close(today.valueUsd, powerLandValue(ledger, powerParams(true)).valueUsd);
});

test('powerLandValue: a site being built out values its MW not yet energized at its build-out stage', () => {
  // 1,000 MW operating site, 400 MW energized; 500 gross MW to HPC, 126 MW mining: 374 MW unvalued, of which
  // 400 − 126 = 274 energized (operating: 400k × 1) and 100 not (approved: 250k × 0.75).
  const site = {
    name: 'Campus',
    stage: 'operating' as const,
    use: 'mixed' as const,
    grossMw: 1000,
    ownership: 1,
    buildOut: { unenergizedStage: 'approved' as const, energizedMw: 400 },
  };
  const ledger = siteLedger([site], [{ name: 'hpc', site: 'Campus', criticalItMw: 500, probability: 1 }], 126, 1);
  const v = powerLandValue(ledger, powerParams(false));
  close(v.valueUsd, 274 * 400_000 + 100 * 250_000 * 0.75);
  close(v.sites[0]?.unenergizedMw ?? NaN, 100);
  // Counting the mining MW too: they sit on energized MW, valued as operating.
  close(powerLandValue(ledger, powerParams(true)).valueUsd, (274 + 126) * 400_000 + 100 * 250_000 * 0.75);
});
