// powerLandValue (DESIGN.md §6) over a site ledger, with and without the MW that mine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Sourced } from './explain.ts';
import { powerLandValue, type PowerLandParameters } from './power-land-value.ts';
import { siteLedger, type HpcClaim, type LedgerSite } from './site-ledger.ts';

const s = (value: number): Sourced => ({ value, source: 'test' });

/** a ≈ b to a relative tolerance (absolute near 0). */
function close(actual: number, expected: number, rel = 1e-12, message?: string): void {
  const scale = Math.max(1, Math.abs(expected));
  assert.ok(
    Math.abs(actual - expected) <= rel * scale,
    message ?? `${actual} is not within ${rel} (relative) of ${expected}`,
  );
}

const ledgerSites: LedgerSite[] = [
  { name: 'A', stage: 'operating', use: 'mixed', grossMw: 300, ownership: 1 },
  // 1.25 gross per IT:
  { name: 'B', stage: 'operating', use: 'mining', grossMw: 200, criticalItMw: 160, ownership: 0.5 },
  { name: 'C', stage: 'under-construction', use: 'hpc', grossMw: 500, ownership: 1 },
  { name: 'D', stage: 'operating', use: 'mining', grossMw: 100, ownership: 1 },
];
const ledgerClaims: HpcClaim[] = [
  { name: 'lease at B', site: 'B', criticalItMw: 80, probability: 1 }, // 80 × 1.25 = 100 gross
  { name: 'pipeline at C', site: 'C', criticalItMw: 200, probability: 0.5 }, // 0.5 × 200 × 1.4 = 140
  { name: 'pipeline at A', site: 'A', criticalItMw: 50, probability: 0.4 }, // 0.4 × 50 × 1.4 = 28
  { name: 'unsited', site: undefined, criticalItMw: 1000, probability: 1 }, // on no site: ignored
];

const powerParams = (includeMiningMw: boolean): PowerLandParameters => ({
  usdPerMw: {
    operating: s(400_000),
    'under-construction': s(300_000),
    approved: s(250_000),
    'in-queue': s(175_000),
    undeveloped: s(100_000),
  },
  probability: {
    operating: s(1),
    'under-construction': s(0.9),
    approved: s(0.75),
    'in-queue': s(0.5),
    undeveloped: s(0.5),
  },
  includeMiningMw,
});

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
