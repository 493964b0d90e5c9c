/**
 * UTC calendar days as integers: the number of days since 1970-01-01 (a "day number").
 * Daily series are indexed by day number, so date arithmetic is integer arithmetic.
 * Pure: parsing and formatting only, never the clock.
 */

export type DayNumber = number & { readonly __unit: 'utc-day' };

export const SECONDS_PER_DAY = 86_400;
const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses `YYYY-MM-DD` (a real calendar date) to a day number; undefined when malformed or impossible. */
export function parseIsoDay(text: string): DayNumber | undefined {
  const match = ISO_DATE.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    return undefined;
  }
  return (ms / MS_PER_DAY) as DayNumber;
}

/** Like parseIsoDay but throws a RangeError naming the text. */
export function dayFromIso(text: string): DayNumber {
  const day = parseIsoDay(text);
  if (day === undefined) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(text)}`);
  return day;
}

export function isoFromDay(day: DayNumber): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Unix seconds at 00:00 UTC of the day. */
export function dayStartUnixS(day: DayNumber): number {
  return day * SECONDS_PER_DAY;
}

/** The day number containing a unix time in seconds. */
export function dayOfUnixS(unixS: number): DayNumber {
  return Math.floor(unixS / SECONDS_PER_DAY) as DayNumber;
}

export interface CivilDate {
  year: number;
  /** 1..12 */
  month: number;
  /** 1..31 */
  day: number;
}

export function civilFromDay(day: DayNumber): CivilDate {
  const date = new Date(day * MS_PER_DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

export function dayFromCivil(year: number, month: number, dayOfMonth: number): DayNumber {
  return (Date.UTC(year, month - 1, dayOfMonth) / MS_PER_DAY) as DayNumber;
}

/** ISO weekday, Monday = 1 … Sunday = 7 (1970-01-01 was a Thursday). */
export function isoWeekday(day: DayNumber): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}
