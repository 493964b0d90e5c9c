/**
 * The last calendar quarter whose results are public by a day, by the SEC's filing deadlines for large accelerated
 * filers (the covered miners are): a 10-Q within 40 days of a quarter's end (Form 10-Q, General Instruction A.1), the
 * 10-K within 60 days of the year's end (Form 10-K, General Instruction A.2). Calendar quarters for every company, so
 * that one curve compares one period; the fourth calendar quarter takes the 10-K's 60 days (docs/methodology.md).
 */
import { civilFromDay, type DayNumber } from '../units/calendar-day.ts';
import { periodContaining, type CalendarPeriod } from '../units/calendar-period.ts';

/** Days after a quarter's end by which its 10-Q is due (large accelerated filer). */
export const QUARTERLY_REPORT_DAYS = 40;
/** Days after the year's end by which the 10-K is due (large accelerated filer). */
export const ANNUAL_REPORT_DAYS = 60;

/** Days after the quarter's last day by which its results are public. */
export function reportingLagDays(quarter: CalendarPeriod): number {
  const { month } = civilFromDay(quarter.startDay);
  return month === 10 ? ANNUAL_REPORT_DAYS : QUARTERLY_REPORT_DAYS;
}

/** The latest calendar quarter whose results are due by the end of `day`. */
export function lastReportedQuarter(day: DayNumber): CalendarPeriod {
  let quarter = periodContaining(day, 'quarter');
  for (;;) {
    quarter = periodContaining((quarter.startDay - 1) as DayNumber, 'quarter');
    const lastDay = quarter.endDayExclusive - 1;
    if (lastDay + reportingLagDays(quarter) <= day) return quarter;
  }
}

/** The `count` calendar quarters after `quarter`. */
export function quartersAfter(quarter: CalendarPeriod, count: number): CalendarPeriod[] {
  const quarters: CalendarPeriod[] = [];
  let next = quarter;
  for (let i = 0; i < count; i++) {
    next = periodContaining(next.endDayExclusive, 'quarter');
    quarters.push(next);
  }
  return quarters;
}
