import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dayFromIso, isoFromDay } from './calendar-day.ts';
import { periodContaining } from './calendar-period.ts';

function describe(date: string, interval: 'day' | 'week' | 'month' | 'quarter') {
  const period = periodContaining(dayFromIso(date), interval);
  return [
    period.label,
    isoFromDay(period.startDay),
    isoFromDay((period.endDayExclusive - 1) as typeof period.startDay),
  ];
}

test('calendar quarters and months', () => {
  assert.deepEqual(describe('2025-11-15', 'quarter'), ['2025Q4', '2025-10-01', '2025-12-31']);
  assert.deepEqual(describe('2026-01-01', 'quarter'), ['2026Q1', '2026-01-01', '2026-03-31']);
  assert.deepEqual(describe('2024-02-10', 'month'), ['2024-02', '2024-02-01', '2024-02-29']);
  assert.deepEqual(describe('2025-10-29', 'day'), ['2025-10-29', '2025-10-29', '2025-10-29']);
});

test('ISO weeks start on Monday and belong to the year of their Thursday', () => {
  assert.deepEqual(describe('2025-10-29', 'week'), ['2025-W44', '2025-10-27', '2025-11-02']);
  // 2024-12-30 (Monday) starts week 1 of 2025; 2021-01-01 (Friday) is in week 53 of 2020.
  assert.deepEqual(describe('2024-12-31', 'week'), ['2025-W01', '2024-12-30', '2025-01-05']);
  assert.deepEqual(describe('2021-01-01', 'week'), ['2020-W53', '2020-12-28', '2021-01-03']);
});
