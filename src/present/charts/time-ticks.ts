/**
 * Ticks for a time axis over days: year ticks over long spans (quarters as unlabelled grid when few years), quarters
 * over a year or two, months below. The first labelled tick names its year when it is not a year tick itself.
 */
import { civilFromDay, dayFromCivil, type DayNumber } from '../../units/calendar-day.ts';

/** Spans longer than this (days) get year ticks, longer than QUARTER_TICKS_ABOVE_DAYS quarter ticks, else months. */
const YEAR_TICKS_ABOVE_DAYS = 730;
const QUARTER_TICKS_ABOVE_DAYS = 120;
/** Year ticks: every 1st, 2nd, 5th… year, the first that leaves this many px per label. */
const YEAR_LABEL_EVERY = [1, 2, 5, 10, 20, 50];
const YEAR_LABEL_EVERY_FALLBACK = 100;
const YEAR_LABEL_WIDTH_PX = 40;
/** Spans of at most this many years also get quarter grid lines (unlabelled). */
const QUARTER_GRID_MAX_YEARS = 5;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export interface TimeTick {
  /** Days since 1970-01-01 (a day number, src/units/calendar-day.ts). */
  day: number;
  /** Undefined for a grid line without a label. */
  label: string | undefined;
}

/** Ticks from day `first` to day `last` for a plot `plotWidth` px wide. */
export function timeTicks(first: number, last: number, plotWidth: number): TimeTick[] {
  const span = last - first;
  const start = civilFromDay(first as DayNumber);
  const end = civilFromDay(last as DayNumber);
  const ticks: TimeTick[] = [];
  if (span > YEAR_TICKS_ABOVE_DAYS) {
    const years = end.year - start.year + 1;
    const every =
      YEAR_LABEL_EVERY.find((k) => (years / k) * YEAR_LABEL_WIDTH_PX <= plotWidth) ?? YEAR_LABEL_EVERY_FALLBACK;
    for (let year = start.year; year <= end.year + 1; year++) {
      for (let month = 1; month <= 10; month += 3) {
        const day = dayFromCivil(year, month, 1);
        if (day < first || day > last) continue;
        if (month === 1 && year % every === 0) ticks.push({ day, label: String(year) });
        else if (month === 1 || years <= QUARTER_GRID_MAX_YEARS) ticks.push({ day, label: undefined });
      }
    }
  } else if (span > QUARTER_TICKS_ABOVE_DAYS) {
    for (let year = start.year; year <= end.year; year++) {
      for (let quarter = 1; quarter <= 4; quarter++) {
        const day = dayFromCivil(year, quarter * 3 - 2, 1);
        if (day >= first && day <= last) ticks.push({ day, label: quarter === 1 ? `${year}` : `Q${quarter}` });
      }
    }
  } else {
    for (let year = start.year; year <= end.year; year++) {
      for (let month = 1; month <= 12; month++) {
        const day = dayFromCivil(year, month, 1);
        if (day >= first && day <= last)
          ticks.push({ day, label: month === 1 ? `${year}` : (MONTHS[month - 1] as string) });
      }
    }
  }
  // The first labelled tick names its year when it is not a year tick itself (`Q3 2025`, `Nov 2025`).
  const firstLabelled = ticks.find((t) => t.label !== undefined);
  if (firstLabelled && !/^\d{4}$/.test(firstLabelled.label as string))
    firstLabelled.label = `${firstLabelled.label as string} ${civilFromDay(firstLabelled.day as DayNumber).year}`;
  return ticks;
}
