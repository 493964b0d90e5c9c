import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { dayFromIso, isoFromDay, isoWeekday, parseIsoDay, dayOfUnixS, type DayNumber } from './calendar-day.ts';

test('parses real calendar dates and rejects impossible or malformed ones', () => {
  assert.equal(parseIsoDay('1970-01-01'), 0);
  assert.equal(parseIsoDay('2009-01-03'), 14247);
  assert.equal(parseIsoDay('2024-02-29'), 19782);
  for (const bad of [
    '2025-02-29',
    '2025-13-01',
    '2025-00-10',
    '2025-1-01',
    '20250101',
    '2025-01-01T00:00',
    '',
    'yesterday',
  ]) {
    assert.equal(parseIsoDay(bad), undefined, bad);
  }
  assert.throws(() => dayFromIso('2025-02-30'), /not a calendar date/);
});

test('day numbers round-trip through ISO dates', () => {
  fc.assert(
    fc.property(fc.integer({ min: -100_000, max: 100_000 }), (n) => {
      const day = n as DayNumber;
      assert.equal(dayFromIso(isoFromDay(day)), day);
    }),
  );
});

test('weekday and unix-second helpers', () => {
  assert.equal(isoWeekday(dayFromIso('1970-01-01')), 4); // Thursday
  assert.equal(isoWeekday(dayFromIso('2026-02-04')), 3); // Wednesday
  assert.equal(dayOfUnixS(1761731037), dayFromIso('2025-10-29'));
});
