// A hypothetical signed deal takes only the room the site ledger leaves (audit D12), most room first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LedgerSite } from '../valuation/site-ledger.ts';
import { valueCompany } from '../valuation/sum-of-parts.ts';
import { closeWith, V } from '../valuation/valuation-test-fixtures.ts';
import { adjustValuationInputs, SIGNED_DEAL_NAME } from './company-adjustments.ts';
import { placeSignedDeal, signedDealCapacity } from './signed-capacity.ts';
import { companyInputs, lease, pipelineItem } from './scenario-test-fixtures.ts';

const close = closeWith(assert.ok);

// Gross per IT MW: 1.3 by default; Permit gives its own 300 gross / 200 IT = 1.5.
const SITES: LedgerSite[] = [
  { name: 'Ops', stage: 'operating', use: 'mixed', grossMw: 600, ownership: 1 },
  { name: 'Build', stage: 'under-construction', use: 'hpc', grossMw: 2000, ownership: 1 },
  { name: 'Queue', stage: 'in-queue', use: 'hpc', grossMw: 600, ownership: 0.9 },
  { name: 'Field', stage: 'undeveloped', use: 'hpc', grossMw: 520, ownership: 0.75 },
  { name: 'Permit', stage: 'approved', use: 'hpc', grossMw: 300, criticalItMw: 200, ownership: 1 },
];
const inputs = companyInputs(
  SITES,
  [lease('Coloc', 'Build', 200, V + 100), lease('Field lease', 'Field', 100, V + 400)],
  [pipelineItem('P-a', 'Queue', 300, 0.4), pipelineItem('P-b', 'Permit', 100, 0.5)],
);

test('room per site: (gross − claimed) ÷ gross per IT MW, at undeveloped, in-queue and approved sites', () => {
  const capacity = signedDealCapacity(inputs);
  // Queue: 600 − 0.4 × 300 × 1.3 = 444 gross free → 444 / 1.3 = 341.54 IT MW.
  // Field: 520 − 0.9 × 100 × 1.3 = 403 gross free → 310 IT MW (the lease's delivery probability is 0.9).
  // Permit: 300 − 0.5 × 100 × 1.5 = 225 gross free → 150 IT MW. Ops (operating) and Build (under construction) do
  // not count.
  assert.deepEqual(
    capacity.sites.map((x) => x.site),
    ['Queue', 'Field', 'Permit'],
  );
  close(capacity.sites[0]!.roomItMw, 444 / 1.3);
  close(capacity.sites[1]!.roomItMw, 310);
  close(capacity.sites[2]!.roomItMw, 150);
  close(capacity.totalItMw, 444 / 1.3 + 310 + 150);
  // A claim left out (the solve's own hypothetical deal) frees its MW.
  close(signedDealCapacity(inputs, 'P-a').sites[0]!.roomItMw, 600 / 1.3);
});

test('a signed deal fills the sites most room first; beyond all room, the rest stays on the first', () => {
  const capacity = signedDealCapacity(inputs);
  const queue = 444 / 1.3;
  const placed = placeSignedDeal(capacity, 500);
  assert.deepEqual(
    placed.map((p) => p.site),
    ['Queue', 'Field'],
  );
  close(placed[0]!.itMw, queue);
  close(placed[1]!.itMw, 500 - queue);
  const over = placeSignedDeal(capacity, 1000);
  close(over[0]!.itMw, queue + (1000 - capacity.totalItMw));
  close(
    over.reduce((sum, p) => sum + p.itMw, 0),
    1000,
  );
  // Placed within the room, the ledger has no site over its MW; stacked on one site as before, it would.
  const signed = adjustValuationInputs(inputs, { signedUndevelopedMw: 500 }, 'signed');
  const deals = signed.pipeline.filter((p) => p.name === SIGNED_DEAL_NAME);
  assert.equal(deals.length, 2);
  assert.equal(deals[1]!.ownership.value, 0.75);
  const ledger = valueCompany(signed).ledger;
  assert.equal(ledger.warnings.filter((w) => w.code === 'hpc-exceeds-site').length, 0, JSON.stringify(ledger.warnings));
  // No eligible site: one unsited item, as before.
  assert.deepEqual(placeSignedDeal({ sites: [], totalItMw: 0 }, 10), [{ site: undefined, ownership: 1, itMw: 10 }]);
});
