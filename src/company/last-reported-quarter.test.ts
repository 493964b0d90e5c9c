import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dayFromIso } from '../units/calendar-day.ts';
import { lastReportedQuarter, quartersAfter } from './last-reported-quarter.ts';

test('the last reported quarter follows the 10-Q (40 days) and 10-K (60 days) deadlines', () => {
  const at = (iso: string) => lastReportedQuarter(dayFromIso(iso)).label;
  // 2025Q4 ends 2025-12-31: its 10-K is due 60 days later, 2026-03-01.
  assert.equal(at('2026-02-04'), '2025Q3');
  assert.equal(at('2026-02-28'), '2025Q3');
  assert.equal(at('2026-03-01'), '2025Q4');
  // 2025Q3 ends 2025-09-30: its 10-Q is due 40 days later, 2025-11-09.
  assert.equal(at('2025-11-08'), '2025Q2');
  assert.equal(at('2025-11-09'), '2025Q3');
});

test('the quarters after one', () => {
  const q3 = lastReportedQuarter(dayFromIso('2026-02-04'));
  assert.deepEqual(
    quartersAfter(q3, 4).map((q) => q.label),
    ['2025Q4', '2026Q1', '2026Q2', '2026Q3'],
  );
  assert.deepEqual(quartersAfter(q3, 0), []);
});
