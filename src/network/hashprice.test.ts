import { test } from 'node:test';
import assert from 'node:assert/strict';
import { joulesPerTh, usdPerMwh } from '../units/quantities.ts';
import {
  btcPerEhDayFromHashvalue,
  expectedBlocksPerDay,
  hashcostUsdPerPhDay,
  hashesPerSecondFromBlocks,
  hashpriceUsdPerPhDay,
  hashvalueBtcPerPhDay,
  revenueUsdPerMwh,
} from './hashprice.ts';

// Test vector T1 (reference/formulas.md §4.1, from Hashrate Index's Jan 12 2026 inputs):
// D = 148.26T, P = $91,132, fees = 0.55% of rewards, so fees per block = 3.125 × 0.0055 / 0.9945 BTC.
const D = 148.26e12;
const PRICE = 91_132;
const FEES_PER_BLOCK = (3.125 * 0.0055) / 0.9945;

test('T1: hashvalue, hashprice and BTC/EH/day match the published values to their precision', () => {
  assert.equal(FEES_PER_BLOCK.toFixed(5), '0.01728');
  const blocksPerPhDay = expectedBlocksPerDay(1e15, D);
  assert.equal(blocksPerPhDay.toExponential(4), '1.3568e-4');
  const hashvalue = hashvalueBtcPerPhDay(D, 3.125, FEES_PER_BLOCK);
  assert.equal(hashvalue.toExponential(4), '4.2636e-4');
  assert.equal(hashpriceUsdPerPhDay(hashvalue, PRICE).toFixed(2), '38.85');
  assert.equal(btcPerEhDayFromHashvalue(hashvalue).toFixed(4), '0.4264');
  // Implied hashrate at 600 s blocks (144 blocks/day) = D × 2^32 / 600 ≈ 1,061 EH/s.
  assert.equal(Math.round(hashesPerSecondFromBlocks(144, D) / 1e18), 1061);
});

test('revenue per MWh tiers: hashprice $39.53 at 17/22/32 J/TH gives $97/$75/$51 (Hashrate Index, Jan 12 2026)', () => {
  const tiers: [number, string, number][] = [
    [17, '96.9', 97],
    [22, '74.9', 75],
    [32, '51.5', 51],
  ];
  for (const [efficiency, derived, reported] of tiers) {
    const revenue = revenueUsdPerMwh(39.53, joulesPerTh(efficiency));
    assert.equal(revenue.toFixed(1), derived, `${efficiency} J/TH`);
    assert.equal(Math.round(revenue), reported, `${efficiency} J/TH`);
  }
});

test('hashcost equals revenue per MWh identity: a fleet breaks even where hashcost = hashprice', () => {
  const efficiency = joulesPerTh(20);
  const powerPrice = usdPerMwh(revenueUsdPerMwh(40, efficiency));
  assert.ok(Math.abs(hashcostUsdPerPhDay(efficiency, powerPrice) - 40) < 1e-12);
  assert.ok(Math.abs(hashcostUsdPerPhDay(joulesPerTh(17), usdPerMwh(50)) - 20.4) < 1e-12);
});

test('blocks and hashrate are inverse', () => {
  const hashrate = hashesPerSecondFromBlocks(150, D);
  assert.ok(Math.abs(expectedBlocksPerDay(hashrate, D) - 150) < 1e-9);
});
