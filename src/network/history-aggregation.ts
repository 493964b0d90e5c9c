/**
 * Daily network history aggregated by day, ISO week, month, calendar quarter or difficulty epoch.
 * Sums for flows (blocks, issuance, fees); means over the days for levels (hashrate, price, hashprice);
 * block-weighted mean for difficulty. Network BTC/EH/day = (issuance + fees) / (mean EH/s × days), the
 * definition of the published monthly series.
 */
import { periodContaining } from '../units/calendar-period.ts';
import type { DayNumber } from '../units/calendar-day.ts';
import type { DailyNetworkMetrics } from './daily-metrics.ts';
import { dayIndex, epochOfHeight, type NetworkHistory } from './network-history.ts';

export const HISTORY_INTERVALS = ['day', 'week', 'month', 'quarter', 'epoch'] as const;
export type HistoryInterval = (typeof HISTORY_INTERVALS)[number];

export interface HistoryRow {
  /** `2025-10-29`, `2025-W44`, `2025-10`, `2025Q4` or `epoch 457`. */
  period: string;
  fromDay: DayNumber;
  /** Last day included (inclusive). */
  toDay: DayNumber;
  days: number;
  /** False when the requested range or the data cuts the period short. */
  complete: boolean;
  /** First block of the period; NaN when it has none. */
  firstHeight: number;
  lastHeight: number;
  blocks: number;
  issuanceBtc: number;
  feesBtc: number;
  /** Days whose fees are imputed (see fee-imputation.ts). */
  feesImputedDays: number;
  feeSharePct: number;
  /** Mean difficulty of the period's blocks. */
  difficultyMean: number;
  /** Mean of the daily hashrate estimates, EH/s. */
  hashrateEhs: number;
  /** Mean daily price over the days that have one; NaN if none. */
  priceUsdMean: number;
  /** Days with a price (fewer than `days` before 2010-07-18). */
  priceDays: number;
  /** Mean of the daily hashvalues (days with blocks); NaN if none. */
  hashvalueBtcPerPhDay: number;
  /** Mean of the daily hashprices (days with a price); NaN if none. */
  hashpriceUsdPerPhDay: number;
  /** Period revenue / (mean EH/s × days): the published monthly series' definition. */
  networkBtcPerEhDay: number;
  /** For epoch rows: the epoch's own index, bits and difficulty. */
  epoch?: { index: number; bits: number; difficulty: number };
}

/** Aggregates days `fromDay` … `toDay` (inclusive, both inside the history). */
export function aggregateHistory(
  history: NetworkHistory,
  metrics: DailyNetworkMetrics,
  fromDay: DayNumber,
  toDay: DayNumber,
  interval: HistoryInterval,
): HistoryRow[] {
  const { daily } = history;
  const first = dayIndex(daily, fromDay);
  const last = dayIndex(daily, toDay);
  if (first < 0 || last < 0 || last < first) throw new RangeError('range outside the history or reversed');
  const rows: HistoryRow[] = [];
  let groupStart = first;
  for (let i = first; i <= last; i++) {
    const key = groupKey(history, i, interval);
    if (i === last || groupKey(history, i + 1, interval) !== key) {
      rows.push(summarize(history, metrics, groupStart, i, interval));
      groupStart = i + 1;
    }
  }
  return rows;
}

/** Days with the same key belong to the same period. An epoch holds the days whose last block falls in it. */
function groupKey(history: NetworkHistory, i: number, interval: HistoryInterval): number | string {
  if (interval === 'epoch') return epochOfHeight(history.daily.tipHeight[i] as number);
  return periodContaining((history.daily.firstDay + i) as DayNumber, interval).label;
}

function summarize(
  history: NetworkHistory,
  metrics: DailyNetworkMetrics,
  first: number,
  last: number,
  interval: HistoryInterval,
): HistoryRow {
  const { daily } = history;
  let blocks = 0;
  let issuanceBtc = 0;
  let feesBtc = 0;
  let feesImputedDays = 0;
  let work = 0;
  let hashrateSum = 0;
  let hashvalueSum = 0;
  let hashvalueDays = 0;
  let priceSum = 0;
  let hashpriceSum = 0;
  let priceDays = 0;
  for (let i = first; i <= last; i++) {
    const dayBlocks = daily.blocks[i] as number;
    hashrateSum += metrics.hashrate1dEhs[i] as number;
    if (dayBlocks > 0) {
      blocks += dayBlocks;
      issuanceBtc += (metrics.subsidyPerBlockBtc[i] as number) * dayBlocks;
      feesBtc += (metrics.feesPerBlockBtc[i] as number) * dayBlocks;
      work += dayBlocks * (daily.difficulty[i] as number);
      hashvalueSum += metrics.hashvalueBtcPerPhDay[i] as number;
      hashvalueDays++;
    }
    feesImputedDays += metrics.feesImputed[i] as number;
    const price = daily.priceUsd[i] as number;
    if (!Number.isNaN(price)) {
      priceSum += price;
      priceDays++;
      hashpriceSum += metrics.hashpriceUsdPerPhDay[i] as number;
    }
  }
  const days = last - first + 1;
  const hashrateEhs = hashrateSum / days;
  const fromDay = (daily.firstDay + first) as DayNumber;
  const toDay = (daily.firstDay + last) as DayNumber;
  const lastHeight = daily.tipHeight[last] as number;
  const firstHeight = blocks > 0 ? lastHeight - blocks + 1 : NaN;
  const row: HistoryRow = {
    period: '',
    fromDay,
    toDay,
    days,
    complete: true,
    firstHeight,
    lastHeight,
    blocks,
    issuanceBtc,
    feesBtc,
    feesImputedDays,
    feeSharePct: (100 * feesBtc) / (issuanceBtc + feesBtc),
    difficultyMean: work / blocks,
    hashrateEhs,
    priceUsdMean: priceDays > 0 ? priceSum / priceDays : NaN,
    priceDays,
    hashvalueBtcPerPhDay: hashvalueDays > 0 ? hashvalueSum / hashvalueDays : NaN,
    hashpriceUsdPerPhDay: priceDays > 0 ? hashpriceSum / priceDays : NaN,
    networkBtcPerEhDay: (issuanceBtc + feesBtc) / (hashrateEhs * days),
  };
  if (interval === 'epoch') {
    const index = epochOfHeight(lastHeight);
    const { epochs } = history;
    row.period = `epoch ${index}`;
    row.epoch = { index, bits: epochs.bits[index] as number, difficulty: epochs.difficulty[index] as number };
    const startsInside = first === 0 || epochOfHeight(daily.tipHeight[first - 1] as number) < index;
    const endsInside = last + 1 < daily.dayCount && epochOfHeight(daily.tipHeight[last + 1] as number) > index;
    row.complete = startsInside && endsInside;
  } else {
    const period = periodContaining(fromDay, interval);
    row.period = period.label;
    row.complete = period.startDay === fromDay && period.endDayExclusive === toDay + 1;
  }
  return row;
}
