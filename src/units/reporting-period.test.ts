import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { dayFromIso, isoFromDay, type DayNumber } from './calendar-day.ts';
import {
  CALENDAR_YEAR,
  reportingPeriodContaining,
  reportingPeriodOfLabel,
  reportingPeriodsBetween,
} from './reporting-period.ts';

const span = (p: { label: string; startDay: DayNumber; endDayExclusive: DayNumber }) =>
  `${p.label} ${isoFromDay(p.startDay)}..${isoFromDay((p.endDayExclusive - 1) as DayNumber)}`;
const cleanSpark = { fiscal: true, fiscalYearEndMonth: 9 };
const iren = { fiscal: true, fiscalYearEndMonth: 6 };

test('calendar quarters and years', () => {
  assert.equal(
    span(reportingPeriodContaining(dayFromIso('2025-11-15'), 'quarter', CALENDAR_YEAR)),
    '2025Q4 2025-10-01..2025-12-31',
  );
  assert.equal(
    span(reportingPeriodContaining(dayFromIso('2024-02-29'), 'year', CALENDAR_YEAR)),
    '2024 2024-01-01..2024-12-31',
  );
});

test('fiscal quarters follow the fiscal year end: CleanSpark (30 Sep) and IREN (30 Jun)', () => {
  assert.equal(
    span(reportingPeriodContaining(dayFromIso('2025-12-31'), 'quarter', cleanSpark)),
    'FY26Q1 2025-10-01..2025-12-31',
  );
  assert.equal(
    span(reportingPeriodContaining(dayFromIso('2025-09-30'), 'quarter', cleanSpark)),
    'FY25Q4 2025-07-01..2025-09-30',
  );
  assert.equal(
    span(reportingPeriodContaining(dayFromIso('2025-10-01'), 'quarter', iren)),
    'FY26Q2 2025-10-01..2025-12-31',
  );
  assert.equal(span(reportingPeriodContaining(dayFromIso('2026-06-30'), 'year', iren)), 'FY26 2025-07-01..2026-06-30');
  assert.equal(span(reportingPeriodOfLabel('FY26Q1', 'quarter', cleanSpark)!), 'FY26Q1 2025-10-01..2025-12-31');
  assert.equal(span(reportingPeriodOfLabel('FY2026', 'year', cleanSpark)!), 'FY26 2025-10-01..2026-09-30');
  assert.equal(
    reportingPeriodOfLabel('2025Q4', 'quarter', cleanSpark),
    undefined,
    'a calendar label is not a fiscal one',
  );
  assert.equal(reportingPeriodOfLabel('FY26', 'quarter', cleanSpark), undefined, 'a year is not a quarter');
  assert.equal(reportingPeriodOfLabel('2025Q5', 'quarter', CALENDAR_YEAR), undefined);
});

test(
  'property (2000–2098: two-digit fiscal years mean 20xx): ' +
    'periods tile the days, and every label names its own period',
  () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 11_000, max: 47_000 }),
        fc.integer({ min: 1, max: 12 }),
        fc.boolean(),
        fc.constantFrom('quarter', 'year') as fc.Arbitrary<'quarter' | 'year'>,
        (day, endMonth, fiscal, interval) => {
          const calendar = { fiscal, fiscalYearEndMonth: endMonth };
          const period = reportingPeriodContaining(day as DayNumber, interval, calendar);
          assert.ok(period.startDay <= day && day < period.endDayExclusive);
          const length = period.endDayExclusive - period.startDay;
          assert.ok(interval === 'quarter' ? length >= 89 && length <= 92 : length === 365 || length === 366);
          assert.deepEqual(reportingPeriodOfLabel(period.label, interval, calendar), period);
          const next = reportingPeriodContaining(period.endDayExclusive, interval, calendar);
          assert.notEqual(next.label, period.label);
          assert.equal(
            reportingPeriodsBetween(period.startDay, (period.endDayExclusive - 1) as DayNumber, interval, calendar)
              .length,
            1,
          );
        },
      ),
    );
  },
);
