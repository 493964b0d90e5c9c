// The built-in methodology presets state one discounting convention (issue 18): in `rerate`, the cost of equity is
// the leases' base rate plus the unrated spread, and the convertibles' risk-free rate is that base rate continuously
// compounded — typed in three places of data/methodology/rerate.yaml, checked to agree here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultPorts } from '../src/cli/default-ports.ts';
import { inProcessMonteCarlo } from '../src/data/in-process-monte-carlo.ts';

const ports = defaultPorts({ env: { RERATE_DB: ':memory:' }, monteCarlo: inProcessMonteCarlo });

test('rerate: one base rate — cost of equity = base + unrated spread; convertibles at ln(1 + base)', async () => {
  const { methodology } = await ports.methodologies.load('rerate');
  const base = methodology.hpc.leases.baseRatePerYear?.value;
  const unrated = methodology.hpc.leases.tenantCreditSpreadPerYear?.unrated.value;
  assert.ok(base !== undefined && unrated !== undefined);
  assert.ok(Math.abs(methodology.time.discountRatePerYear.value - (base + unrated)) < 1e-12);
  const convertibles = methodology.capitalStructure.convertibles;
  assert.equal(convertibles.convention, 'bond-floor-plus-option');
  if (convertibles.convention === 'bond-floor-plus-option')
    assert.ok(Math.abs(convertibles.riskFreeRatePerYear.value - Math.log(1 + base)) < 5e-5);
});

test('jpm-2025-11: undiscounted and not rolled forward, as the published framework reads', async () => {
  const { methodology } = await ports.methodologies.load('jpm-2025-11');
  assert.equal(methodology.time.discountRatePerYear.value, 0);
  assert.equal(methodology.time.rollForwardToTargetDate.value, false);
  assert.equal(methodology.capitalStructure.convertibles.convention, 'if-converted');
});
