import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DayNumber } from '../src/units/calendar-day.ts';
import { fakeDays } from '../src/valuation/valuation-test-fixtures.ts';
import { walkForwardRealization } from '../src/company/walk-forward-realization.ts';

// Three 10-day "months" from day 100; at full realization the fleet mines 10 BTC a day, joint ventures 1 BTC a day.
const full = fakeDays(100 as DayNumber, 30, {
  btcMined: Array<number>(30).fill(10),
  jointVentureBtc: Array<number>(30).fill(1),
});
const month = (label: string, start: number, btc: number) => ({
  month: label,
  startDay: start as DayNumber,
  endDayExclusive: (start + 10) as DayNumber,
  btcProduced: btc,
});

test('walk-forward realization: reported less JV BTC over full-realization BTC of the last two months', () => {
  const months = [month('m1', 100, 90), month('m2', 110, 80), month('m3', 120, 70)];
  // For m3 (day 120): m1 and m2. (90 − 10 + 80 − 10) ÷ (100 + 100) = 150 / 200 = 0.75. Nothing of m3 is used.
  const m3 = walkForwardRealization(full, months, 120 as DayNumber, 0.9);
  assert.equal(m3.realization, 0.75);
  assert.deepEqual(m3.fromMonths, ['m1', 'm2']);
  // For m2: m1 alone, (90 − 10) ÷ 100 = 0.8.
  assert.equal(walkForwardRealization(full, months, 110 as DayNumber, 0.9).realization, 0.8);
});

test('walk-forward realization falls back to the file without an earlier month or with only stale ones', () => {
  const months = [month('m1', 100, 90)];
  assert.deepEqual(walkForwardRealization(full, months, 100 as DayNumber, 0.9), { realization: 0.9, fromMonths: [] });
  // 184 days after m1 ends: older than the 183-day limit.
  const late = walkForwardRealization(full, months, (110 + 184) as DayNumber, 0.9);
  assert.deepEqual(late, { realization: 0.9, fromMonths: [] });
});

test('a month whose capacity is unknown on some day does not count', () => {
  const partial = fakeDays(100 as DayNumber, 20, { btcMined: [...Array<number>(5).fill(NaN), ...Array(15).fill(10)] });
  const estimate = walkForwardRealization(partial, [month('m1', 100, 90)], 110 as DayNumber, 0.9);
  assert.deepEqual(estimate, { realization: 0.9, fromMonths: [] });
});
