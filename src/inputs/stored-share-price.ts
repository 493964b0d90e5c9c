/**
 * The share price a valuation uses (issue 20): the latest stored close on or before the as-of day from the local
 * data store's history (src/schema/share-close-table.ts), else the company file's `market.sharePriceUsd`. The close
 * replaces the file's figure in the company as the run reads it (so the price target's upside, the ATM share count
 * and the notes all see one price) and carries its day and sources; the file itself is never changed. The history is
 * part of the data snapshot, whose id is in the run's inputs hash: a replay or a diff uses the same close.
 */
import type { LoadedCompany } from './loaded-files.ts';
import { closeOnOrBefore, type ShareCloseHistory } from '../schema/share-close-table.ts';
import type { ResultWarning } from '../schema/result-envelope.ts';
import { dayFromIso, isoFromDay, type DayNumber } from '../units/calendar-day.ts';

/** A stored close older than this before the as-of day is stale (weekends and exchange holidays allowed). */
export const STORED_CLOSE_STALE_DAYS = 4;

export interface SharePriceChoice {
  loaded: LoadedCompany;
  /** Where the price comes from, as printed beside it: the stored close's sources, or `company file`. */
  source: string;
  /** The citation of the stored close, for the run's inputs; undefined when the file's price is used. */
  citation: string | undefined;
  warnings: ResultWarning[];
  /** Short notes for the coverage table. */
  notes: string[];
}

/** `snapshot` names the data snapshot the history is from, for the citation. */
export function sharePriceAsOf(
  loaded: LoadedCompany,
  history: ShareCloseHistory | undefined,
  asOfDay: DayNumber,
  snapshot: string,
): SharePriceChoice {
  const { company } = loaded;
  const asOf = isoFromDay(asOfDay);
  const stored = history && closeOnOrBefore(history, company.ticker, asOf);
  if (!stored) {
    const price = company.market.sharePriceUsd;
    const fileDate = typeof price === 'number' ? undefined : price.asOf;
    if (fileDate === asOf) return { loaded, source: 'company file', citation: undefined, warnings: [], notes: [] };
    return {
      loaded,
      source: 'company file',
      citation: undefined,
      notes: [fileDate ? `price of ${fileDate}` : 'price undated'],
      warnings: [
        {
          code: 'stale-share-price',
          field: 'sharePriceUsd',
          message:
            `${company.ticker}: no stored close on or before ${asOf}` +
            `${history?.size ? '' : ' (`rerate data refresh` fetches share closes)'}; the company file's price ` +
            `${fileDate ? `of ${fileDate}` : '(undated)'} is used, not one of the as-of date.`,
        },
      ],
    };
  }
  const source = stored.sources.join('+');
  const citation = `${snapshot} share-closes.csv ${company.ticker} ${stored.date}: close as traded from ${source}`;
  const age = asOfDay - dayFromIso(stored.date);
  const stale = age > STORED_CLOSE_STALE_DAYS;
  return {
    loaded: {
      ...loaded,
      company: {
        ...company,
        market: { ...company.market, sharePriceUsd: { value: stored.closeUsd, source: citation, asOf: stored.date } },
      },
    },
    source,
    citation,
    notes: stale ? [`price of ${stored.date}`] : [],
    warnings: stale
      ? [
          {
            code: 'stale-share-price',
            field: 'sharePriceUsd',
            message:
              `${company.ticker}: the latest stored close is of ${stored.date}, ${age} days before the as-of date ` +
              `${asOf} (stale after ${STORED_CLOSE_STALE_DAYS}) — run \`rerate data refresh\`.`,
          },
        ]
      : [],
  };
}
