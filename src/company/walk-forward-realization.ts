/**
 * Realization estimated walk-forward, as a desk does between reports: the realization of a month is the ratio of
 * the BTC the company reported in the reported months before it to what its fleet would have mined in those
 * months at full realization (energized hashrate × (1 − curtailment), on the realized network, less the pool fee).
 * BTC from joint-venture capacity is modeled on its own and taken out of the reported figure first.
 *
 * Estimator: the last WALK_FORWARD_MONTHS reported months ending on or before the month starts and no more than
 * WALK_FORWARD_MAX_AGE_DAYS before it, whose capacity is known on every day; ratio of sums (so a longer month
 * weighs more). Without such a month, the file's stated realization. Nothing of the month itself is used.
 * Why two months: one month carries its own curtailment and outages; a quarter lags a fleet that grows monthly.
 */
import type { DayNumber } from '../units/calendar-day.ts';
import type { CompanyDays } from './company-days.ts';
import type { ReportedMonth } from './reported-months.ts';

export const WALK_FORWARD_MONTHS = 2;
/** Older reports say little about a fleet that has since changed: about six months. */
export const WALK_FORWARD_MAX_AGE_DAYS = 183;

export interface RealizationEstimate {
  realization: number;
  /** The reported months it came from (empty: the file's stated realization). */
  fromMonths: string[];
}

/**
 * The realization to use from `day` on. `fullDays` are the company's days at full realization (1); `months` the
 * reported months known, in any order.
 */
export function walkForwardRealization(
  fullDays: CompanyDays,
  months: readonly ReportedMonth[],
  day: DayNumber,
  fileRealization: number,
): RealizationEstimate {
  const usable = months
    .filter((m) => m.endDayExclusive <= day && day - m.endDayExclusive <= WALK_FORWARD_MAX_AGE_DAYS)
    .filter((m) => modeledOver(fullDays, m) !== undefined)
    .sort((a, b) => b.startDay - a.startDay)
    .slice(0, WALK_FORWARD_MONTHS);
  let reported = 0;
  let full = 0;
  for (const month of usable) {
    const modeled = modeledOver(fullDays, month) as { ownBtc: number; jointVentureBtc: number };
    reported += month.btcProduced - modeled.jointVentureBtc;
    full += modeled.ownBtc;
  }
  if (usable.length === 0 || full <= 0 || reported <= 0) return { realization: fileRealization, fromMonths: [] };
  return { realization: reported / full, fromMonths: usable.map((m) => m.month).reverse() };
}

/** The modeled BTC of a month (own fleet and joint ventures), or undefined if any of its days is unknown. */
export function modeledOver(
  days: CompanyDays,
  month: { startDay: DayNumber; endDayExclusive: DayNumber },
): { ownBtc: number; jointVentureBtc: number } | undefined {
  const from = month.startDay - days.firstDay;
  const to = month.endDayExclusive - days.firstDay;
  if (from < 0 || to > days.dayCount) return undefined;
  let ownBtc = 0;
  let jointVentureBtc = 0;
  for (let i = from; i < to; i++) {
    ownBtc += days.btcMined[i] as number;
    jointVentureBtc += days.jointVentureBtc[i] as number;
  }
  return Number.isNaN(ownBtc) ? undefined : { ownBtc, jointVentureBtc };
}
