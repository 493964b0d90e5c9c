// siteLedger (DESIGN.md §6): HPC, mining and the unvalued rest of each site, and its warnings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { siteLedger } from './site-ledger.ts';
import { closeWith, ledgerClaims, ledgerSites } from './valuation-test-fixtures.ts';

const close = closeWith(assert.ok);

test(
  'siteLedger: HPC first (site gross ÷ IT or the default), ' +
    'mining into operating mining sites, then mixed; rest unvalued',
  () => {
    const ledger = siteLedger(ledgerSites, ledgerClaims, 350, 1.4);
    const row = (name: string) => ledger.rows.find((r) => r.site.name === name)!;
    close(row('B').grossPerItMw, 1.25);
    close(row('A').grossPerItMw, 1.4);
    close(row('B').hpcGrossMw, 100);
    close(row('C').hpcGrossMw, 140);
    close(row('A').hpcGrossMw, 28);
    assert.equal(row('D').hpcGrossMw, 0);
    // 350 MW of mining: B's room (100) and D's (100) before the mixed site A takes the last 150.
    close(row('B').miningMw, 100);
    close(row('D').miningMw, 100);
    close(row('A').miningMw, 150);
    assert.equal(row('C').miningMw, 0); // not operating
    close(row('A').unvaluedMw, 300 - 28 - 150);
    close(row('B').unvaluedMw, 0);
    close(row('C').unvaluedMw, 360);
    close(row('D').unvaluedMw, 0);
    assert.equal(ledger.unplacedMiningMw, 0);
    assert.deepEqual(ledger.warnings, []);
  },
);

test('siteLedger: warns when HPC exceeds a site and when mining exceeds the operating sites', () => {
  const over = siteLedger(
    ledgerSites,
    [...ledgerClaims, { name: 'too big', site: 'D', criticalItMw: 100, probability: 1 }],
    1000,
    1.4,
  );
  const codes = over.warnings.map((w) => w.code);
  assert.deepEqual(codes, ['hpc-exceeds-site', 'mining-exceeds-sites']);
  assert.match(over.warnings[0]!.message, /^D:/);
  const d = over.rows.find((r) => r.site.name === 'D')!;
  close(d.hpcGrossMw, 140);
  assert.equal(d.miningMw, 0);
  assert.equal(d.unvaluedMw, 0);
  // Rooms after HPC: B 100, D 0, A 272 → 628 of 1000 MW unplaced.
  close(over.unplacedMiningMw, 1000 - 100 - 272);
});
