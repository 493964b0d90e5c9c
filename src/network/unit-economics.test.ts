import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unitEconomicsAt } from './unit-economics.ts';

test('revenue per MWh at the Hashrate Index tiers, hashcost and hash spread at a power price', () => {
  const [tier17, tier22] = unitEconomicsAt(39.53, [17, 22], 50);
  assert.equal(tier17?.revenueUsdPerMwh.toFixed(1), '96.9');
  assert.ok(Math.abs((tier17?.hashcostUsdPerPhDay as number) - 20.4) < 1e-12);
  assert.ok(Math.abs((tier22?.hashSpreadUsdPerMwh as number) - (39.53 / (0.024 * 22) - 50)) < 1e-12);
});

test('what cannot be known stays unknown: no power price, or no hashprice', () => {
  const [noPower] = unitEconomicsAt(39.53, [17]);
  assert.ok(Number.isNaN(noPower?.hashcostUsdPerPhDay) && Number.isNaN(noPower?.hashSpreadUsdPerMwh));
  const [noPrice] = unitEconomicsAt(NaN, [17], 50);
  assert.ok(Number.isNaN(noPrice?.revenueUsdPerMwh));
  assert.ok(Math.abs((noPrice?.hashcostUsdPerPhDay as number) - 20.4) < 1e-12);
});
