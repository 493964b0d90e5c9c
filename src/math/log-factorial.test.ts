import { test } from 'node:test';
import assert from 'node:assert/strict';
import { logFactorial } from './log-factorial.ts';

test('logFactorial matches the direct sum of logarithms across the table/Stirling boundary', () => {
  assert.equal(logFactorial(0), 0);
  assert.equal(logFactorial(1), 0);
  assert.ok(Math.abs(logFactorial(5) - Math.log(120)) < 1e-14);
  let direct = 0;
  for (let k = 1; k <= 5000; k++) {
    direct += Math.log(k);
    const got = logFactorial(k);
    assert.ok(Math.abs(got - direct) <= 1e-13 * Math.max(1, direct), `k = ${k}: ${got} vs ${direct}`);
  }
  // ln Γ(1001) from Python's math.lgamma.
  assert.ok(Math.abs(logFactorial(1000) - 5912.128178488163) < 1e-11);
  assert.ok(Math.abs(logFactorial(1e6) - 12815518.384658169) < 1e-7);
});
