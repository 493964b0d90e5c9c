/**
 * The span of network history and projection a page or the note shows around an as-of date: two years of history
 * before it, and the projection to the end of a quarter.
 */
import { dayFromIso, isoFromDay, parseIsoDay, type DayNumber } from '../units/calendar-day.ts';
import { periodContaining } from '../units/calendar-period.ts';

/** History shown before the as-of date, days. */
export const NETWORK_HISTORY_DAYS = 730;

/** The first day of history shown for an as-of date (YYYY-MM-DD). */
export function networkHistoryFrom(asOf: string): string {
  return isoFromDay((dayFromIso(asOf) - NETWORK_HISTORY_DAYS) as DayNumber);
}

/** The last day of the quarter containing `iso` (a date or a date-time). */
export function endOfQuarter(iso: string): string {
  const period = periodContaining(dayFromIso(iso.slice(0, 10)), 'quarter');
  return isoFromDay((period.endDayExclusive - 1) as DayNumber);
}

/** A calendar date YYYY-MM-DD that exists. */
export function isCalendarDate(text: string): boolean {
  return parseIsoDay(text) !== undefined;
}
