/**
 * Reporting periods: calendar quarters and years (`2025Q4`, `2025`) and fiscal quarters and years that follow a
 * company's fiscal year end (DESIGN.md §2: CleanSpark's year ends 30 September, so October–December 2025 is
 * `FY26Q1`; a fiscal year is named by the calendar year it ends in). Fiscal years end on a month end.
 */
import type { CalendarPeriod } from './calendar-period.ts';
import { civilFromDay, dayFromCivil, type DayNumber } from './calendar-day.ts';

export type ReportingInterval = 'quarter' | 'year';

/** Which calendar a period follows: the calendar year, or a fiscal year ending in `fiscalYearEndMonth` (1–12). */
export interface ReportingCalendar {
  fiscal: boolean;
  fiscalYearEndMonth: number;
}

export const CALENDAR_YEAR: ReportingCalendar = { fiscal: false, fiscalYearEndMonth: 12 };

/** The quarter or year of `calendar` containing `day`. */
export function reportingPeriodContaining(
  day: DayNumber,
  interval: ReportingInterval,
  calendar: ReportingCalendar,
): CalendarPeriod {
  const { year, month } = civilFromDay(day);
  const endMonth = calendar.fiscal ? calendar.fiscalYearEndMonth : 12;
  // Months since the (fiscal) year began, 0–11, and the calendar year in which that year ends.
  const monthInYear = (month - endMonth - 1 + 24) % 12;
  const yearEnding = month > endMonth ? year + 1 : year;
  const yearStartMonthIndex = yearEnding * 12 + endMonth - 12; // months since year 0 of the year's first month, 0-based
  const firstMonthIndex =
    interval === 'year' ? yearStartMonthIndex : yearStartMonthIndex + monthInYear - (monthInYear % 3);
  const monthCount = interval === 'year' ? 12 : 3;
  const quarter = Math.floor(monthInYear / 3) + 1;
  return {
    label: labelOf(yearEnding, interval === 'quarter' ? quarter : undefined, calendar.fiscal),
    startDay: dayOfMonthIndex(firstMonthIndex),
    endDayExclusive: dayOfMonthIndex(firstMonthIndex + monthCount),
  };
}

/** The period a label names, or undefined if the label is not of that interval and calendar. */
export function reportingPeriodOfLabel(
  label: string,
  interval: ReportingInterval,
  calendar: ReportingCalendar,
): CalendarPeriod | undefined {
  const match = calendar.fiscal ? /^FY(\d{2}|\d{4})(?:Q([1-4]))?$/.exec(label) : /^(\d{4})(?:Q([1-4]))?$/.exec(label);
  if (!match) return undefined;
  if ((match[2] === undefined) !== (interval === 'year')) return undefined;
  const yearText = match[1] as string;
  const yearEnding = yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText);
  if (yearEnding < 1970 || yearEnding > 2200) return undefined;
  const endMonth = calendar.fiscal ? calendar.fiscalYearEndMonth : 12;
  const quarter = match[2] === undefined ? 1 : Number(match[2]);
  const firstMonthIndex = yearEnding * 12 + endMonth - 12 + (quarter - 1) * 3;
  return reportingPeriodContaining(dayOfMonthIndex(firstMonthIndex), interval, calendar);
}

/** Consecutive periods from the one containing `fromDay` through the one containing `toDay`. */
export function reportingPeriodsBetween(
  fromDay: DayNumber,
  toDay: DayNumber,
  interval: ReportingInterval,
  calendar: ReportingCalendar,
): CalendarPeriod[] {
  const periods: CalendarPeriod[] = [];
  let day = fromDay;
  while (day <= toDay) {
    const period = reportingPeriodContaining(day, interval, calendar);
    periods.push(period);
    day = period.endDayExclusive;
  }
  return periods;
}

function dayOfMonthIndex(monthIndex: number): DayNumber {
  return dayFromCivil(Math.floor(monthIndex / 12), (monthIndex % 12) + 1, 1);
}

function labelOf(yearEnding: number, quarter: number | undefined, fiscal: boolean): string {
  const year = fiscal ? `FY${String(yearEnding % 100).padStart(2, '0')}` : String(yearEnding);
  return quarter === undefined ? year : `${year}Q${quarter}`;
}
