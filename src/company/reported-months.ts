/**
 * Reported monthly production replaces the modeled month (DESIGN.md §5), as an analyst does ahead of earnings: the
 * month's reported BTC is spread over its days in proportion to the modeled daily production (evenly where the
 * model has none), so the realized price stays production-weighted. Costs stay modeled.
 */
import type { DayNumber } from '../units/calendar-day.ts';
import type { CompanyDays } from './company-days.ts';

export interface ReportedMonth {
  /** `2025-12` */
  month: string;
  startDay: DayNumber;
  endDayExclusive: DayNumber;
  btcProduced: number;
}

/** Replaces each reported month lying wholly inside the span; returns the months applied. */
export function replaceWithReportedMonths(days: CompanyDays, months: readonly ReportedMonth[]): ReportedMonth[] {
  const applied: ReportedMonth[] = [];
  for (const month of months) {
    const from = month.startDay - days.firstDay;
    const to = month.endDayExclusive - days.firstDay;
    if (from < 0 || to > days.dayCount) continue;
    let modeled = 0;
    for (let i = from; i < to; i++) {
      const btc = days.btcMined[i] as number;
      if (!Number.isNaN(btc)) modeled += btc;
    }
    for (let i = from; i < to; i++) {
      const btc = days.btcMined[i] as number;
      const share = modeled > 0 ? (Number.isNaN(btc) ? 0 : btc / modeled) : 1 / (to - from);
      const actual = month.btcProduced * share;
      days.btcMined[i] = actual;
      days.miningRevenueUsd[i] = actual * (days.priceUsd[i] as number);
    }
    applied.push(month);
  }
  return applied;
}
