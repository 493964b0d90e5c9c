/**
 * One BTC/USD price per day from several exchanges' daily closes: the median of the sources that have the day
 * (the mean of two), so one bad source cannot move it far. Any two sources more than 1% apart on a day give a
 * note naming both values (DESIGN.md §9); nothing is dropped.
 */
import type { DailyClose, LiveDataNote } from '../ports/live-data.ts';

/** Two sources further apart than this, relative to the lower close, are a disagreement. */
export const PRICE_DISAGREEMENT_RATIO = 0.01;

export interface SourcedClose extends DailyClose {
  source: string;
}

export interface ConsensusPrice {
  date: string;
  priceUsd: number;
  /** The sources that had the day, sorted by name. */
  sources: string[];
}

export function priceConsensus(closes: readonly SourcedClose[]): { prices: ConsensusPrice[]; notes: LiveDataNote[] } {
  const byDate = new Map<string, SourcedClose[]>();
  for (const close of closes) byDate.set(close.date, [...(byDate.get(close.date) ?? []), close]);
  const prices: ConsensusPrice[] = [];
  const notes: LiveDataNote[] = [];
  for (const date of [...byDate.keys()].sort()) {
    const day = (byDate.get(date) as SourcedClose[]).sort((a, b) => (a.source < b.source ? -1 : 1));
    const values = day.map((close) => close.closeUsd).sort((a, b) => a - b);
    const middle = Math.floor(values.length / 2);
    const priceUsd =
      values.length % 2 === 1
        ? (values[middle] as number)
        : ((values[middle - 1] as number) + (values[middle] as number)) / 2;
    prices.push({ date, priceUsd: Math.round(priceUsd * 100) / 100, sources: day.map((close) => close.source) });
    for (let i = 0; i < day.length; i++) {
      for (let j = i + 1; j < day.length; j++) {
        const a = day[i] as SourcedClose;
        const b = day[j] as SourcedClose;
        const gap = Math.abs(a.closeUsd - b.closeUsd) / Math.min(a.closeUsd, b.closeUsd);
        if (gap > PRICE_DISAGREEMENT_RATIO) {
          notes.push({
            code: 'price-sources-disagree',
            date,
            message:
              `${date}: ${a.source} closed at ${formatUsd(a.closeUsd)} and ${b.source} at ${formatUsd(b.closeUsd)}, ` +
              `${(gap * 100).toFixed(2)}% apart (more than ${PRICE_DISAGREEMENT_RATIO * 100}%); ` +
              `the day's price is the median of ${day.length}, ${formatUsd(priceUsd)}`,
          });
        }
      }
    }
  }
  return { prices, notes };
}

function formatUsd(value: number): string {
  return `$${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}
