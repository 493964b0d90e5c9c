/**
 * The loaded network history with its derived daily metrics (computed once per data snapshot by its adapter, and so
 * shared by every command that reads it) and the last day of each series.
 */
import type { DailyNetworkMetrics } from '../../network/daily-metrics.ts';
import { dayIndex, lastDay, type NetworkHistory } from '../../network/network-history.ts';
import { InputError } from '../../schema/input-error.ts';
import { dayOfUnixS, isoFromDay, parseIsoDay, type DayNumber } from '../../units/calendar-day.ts';
import type { AppPorts } from '../ports/app-ports.ts';
import type { NetworkDataSnapshot } from '../ports/network-data.ts';

export interface NetworkState {
  snapshot: NetworkDataSnapshot;
  metrics: DailyNetworkMetrics;
  /** Last day of each series in the data. */
  dataAsOf: Record<string, string>;
}

export async function loadNetworkState(ports: AppPorts): Promise<NetworkState> {
  const snapshot = await ports.network.loadNetwork();
  return { snapshot, metrics: snapshot.metrics(), dataAsOf: seriesAsOf(snapshot.history) };
}

/** Resolves a date argument to a day inside the data, or throws an InputError naming the field. */
export function dayInData(history: NetworkHistory, field: string, isoDate: string): DayNumber {
  const day = parseIsoDay(isoDate);
  if (day === undefined) throw InputError.at([field], 'expected a calendar date YYYY-MM-DD');
  if (dayIndex(history.daily, day) < 0) {
    const first = isoFromDay(history.daily.firstDay);
    const last = isoFromDay(lastDay(history.daily));
    throw InputError.at([field], `${isoDate} is outside the data, which covers ${first} … ${last}`);
  }
  return day;
}

export function seriesAsOf(history: NetworkHistory): Record<string, string> {
  const { daily, epochs } = history;
  const lastWith = (values: Float64Array): string => {
    for (let i = daily.dayCount - 1; i >= 0; i--) {
      if (!Number.isNaN(values[i] as number)) return isoFromDay((daily.firstDay + i) as DayNumber);
    }
    return 'none';
  };
  return {
    blocks: isoFromDay(lastDay(daily)),
    difficulty: lastWith(daily.difficulty),
    price: lastWith(daily.priceUsd),
    fees: lastWith(daily.feesBtc),
    epochs: isoFromDay(dayOfUnixS(epochs.startTimeUnixS[epochs.count - 1] as number)),
  };
}
