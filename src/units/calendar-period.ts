/**
 * Calendar periods used to aggregate daily series: ISO weeks, months and calendar quarters.
 * A period is a half-open range of day numbers with a label (`2025-W44`, `2025-10`, `2025Q4`).
 */
import { civilFromDay, dayFromCivil, isoWeekday, type DayNumber } from './calendar-day.ts';

export type CalendarInterval = 'day' | 'week' | 'month' | 'quarter';

export interface CalendarPeriod {
  label: string;
  /** First day of the period (inclusive). */
  startDay: DayNumber;
  /** Day after the period's last day (exclusive). */
  endDayExclusive: DayNumber;
}

/** The period of the given interval that contains `day`. */
export function periodContaining(day: DayNumber, interval: CalendarInterval): CalendarPeriod {
  switch (interval) {
    case 'day':
      return { label: isoLabel(day), startDay: day, endDayExclusive: (day + 1) as DayNumber };
    case 'week': {
      const monday = (day - (isoWeekday(day) - 1)) as DayNumber;
      return { label: isoWeekLabel(monday), startDay: monday, endDayExclusive: (monday + 7) as DayNumber };
    }
    case 'month': {
      const { year, month } = civilFromDay(day);
      return {
        label: `${year}-${pad2(month)}`,
        startDay: dayFromCivil(year, month, 1),
        endDayExclusive: dayFromCivil(year, month + 1, 1),
      };
    }
    case 'quarter': {
      const { year, month } = civilFromDay(day);
      const quarter = Math.floor((month - 1) / 3) + 1;
      const firstMonth = (quarter - 1) * 3 + 1;
      return {
        label: `${year}Q${quarter}`,
        startDay: dayFromCivil(year, firstMonth, 1),
        endDayExclusive: dayFromCivil(year, firstMonth + 3, 1),
      };
    }
  }
}

/** ISO-8601 week label of the week starting on `monday`: the week belongs to the year of its Thursday. */
function isoWeekLabel(monday: DayNumber): string {
  const thursday = (monday + 3) as DayNumber;
  const { year } = civilFromDay(thursday);
  const firstThursdayOfYear = firstThursday(year);
  const week = Math.floor((thursday - firstThursdayOfYear) / 7) + 1;
  return `${year}-W${pad2(week)}`;
}

function firstThursday(year: number): DayNumber {
  const januaryFirst = dayFromCivil(year, 1, 1);
  return (januaryFirst + ((4 - isoWeekday(januaryFirst) + 7) % 7)) as DayNumber;
}

function isoLabel(day: DayNumber): string {
  const { year, month, day: dayOfMonth } = civilFromDay(day);
  return `${year}-${pad2(month)}-${pad2(dayOfMonth)}`;
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}
