import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { calculateNextWorkRequired } from './retarget.ts';
import { nextWorkRequiredBits } from './retarget-number.ts';

function agree(lastBits: number, timespan: number): void {
  const exact = calculateNextWorkRequired({
    lastBits,
    firstBlockTimeS: 1_000_000_000,
    lastBlockTimeS: 1_000_000_000 + timespan,
  });
  const fast = nextWorkRequiredBits(lastBits, 1_000_000_000, 1_000_000_000 + timespan);
  assert.equal(fast.bits, exact.bits, `bits 0x${lastBits.toString(16)} timespan ${timespan}`);
  assert.equal(fast.clamp, exact.clamp);
}

test('equals the bigint CalculateNextWorkRequired on random normalized bits and any timespan', () => {
  const bits = fc
    .tuple(fc.integer({ min: 3, max: 0x1d }), fc.integer({ min: 0x008000, max: 0x7fffff }))
    .map(([exponent, mantissa]) => ((exponent << 24) | mantissa) >>> 0);
  fc.assert(fc.property(bits, fc.integer({ min: -2_000_000, max: 6_000_000 }), agree), { numRuns: 20_000 });
});

test('equals it for every mainnet epoch across clamps and near the compact boundaries', () => {
  const lines = readFileSync(new URL('../../test/fixtures/difficulty_epochs.csv', import.meta.url), 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1);
  const timespans = [
    1, 302_399, 302_400, 302_401, 600_000, 1_209_599, 1_209_600, 1_209_601, 1_500_000, 4_838_399, 4_838_400, 4_838_401,
    9_999_999,
  ];
  for (const line of lines) {
    const bits = Number.parseInt(line.split(',')[3] as string, 16);
    for (const timespan of timespans) agree(bits, timespan);
  }
});

test('falls back to the exact rule outside its preconditions', () => {
  agree(0x03123456, 1_209_600); // exponent 3
  agree(0x02008000, 1_209_600); // tiny target
  agree(0x1d00ffff, 1_300_000); // powLimit cap
  assert.throws(() => nextWorkRequiredBits(0x1701fca1, 0, 1_209_600.5), RangeError); // as the exact rule does
});
