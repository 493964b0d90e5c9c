import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { DayNumber } from '../units/calendar-day.ts';
import { firstYearRentFromContractValue, firstYearRentFromKwMonth, hpcDays } from './hpc-revenue.ts';

const sum = (values: Float64Array) => values.reduce((total, v) => total + v, 0);

test(
  'property: a contract given by its value earns exactly that value over its term, ' + 'ramp and escalator included',
  () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 365, max: 20 * 365 }),
        fc.integer({ min: 0, max: 730 }),
        fc.double({ min: 0, max: 0.1, noNaN: true }),
        (termDays, rampDays, escalator) => {
          const rent = firstYearRentFromContractValue(1e9, termDays, rampDays, escalator);
          const contract = {
            name: 'x',
            startDay: 100 as DayNumber,
            endDayExclusive: (100 + termDays) as DayNumber,
            rampDays,
            firstYearRentUsdPerDay: rent,
            escalatorPerYear: escalator,
            noiMargin: 0.8,
          };
          const days = hpcDays([contract], 0 as DayNumber, termDays + 200);
          assert.ok(Math.abs(sum(days.revenueUsd) / 1e9 - 1) < 1e-9);
          assert.ok(Math.abs(sum(days.operatingCostUsd) / (0.2 * 1e9) - 1) < 1e-9, 'cost = revenue × (1 − NOI margin)');
          assert.equal(days.revenueUsd[99], 0);
          assert.equal(days.revenueUsd[100 + termDays], 0);
        },
      ),
    );
  },
);

test('ramp and escalator: half the capacity mid-ramp, the escalated rent after the first anniversary', () => {
  const rent = firstYearRentFromKwMonth(150, 10); // $150/kW-month × 10 MW
  assert.ok(Math.abs(rent - (150 * 10_000 * 12) / 365.25) < 1e-9);
  const contract = {
    name: 'x',
    startDay: 0 as DayNumber,
    endDayExclusive: 1000 as DayNumber,
    rampDays: 100,
    firstYearRentUsdPerDay: 1000,
    escalatorPerYear: 0.03,
    noiMargin: 1,
  };
  const days = hpcDays([contract], 0 as DayNumber, 1000);
  assert.equal(days.revenueUsd[0], 5); // (0 + 0.5) / 100 in service
  assert.equal(days.revenueUsd[49], 495); // 49.5 of 100 ramp days
  assert.equal(days.revenueUsd[200], 1000);
  assert.ok(Math.abs((days.revenueUsd[400] as number) - 1030) < 1e-9);
});
