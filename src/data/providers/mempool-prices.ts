/**
 * BTC/USD daily closes from a mempool.space instance's price history (DESIGN.md §9), a fourth price source beside the
 * exchanges. mempool.space derives its prices from the same exchanges, so it is a fallback and a check on dates and
 * gaps more than an independent market.
 *
 * The endpoint, from mempool's backend (backend/src/api/mining/mining-routes.ts `$getHistoricalPrice`,
 * backend/src/repositories/PricesRepository.ts) and REST documentation ("GET Historical Price"):
 * - `GET /api/v1/historical-price?currency=USD` (no `timestamp`): the whole series, newest first (`ORDER BY time
 *   DESC`), as `{prices: [{time (unix s), USD}, …], exchangeRates: {USDEUR, …}}`; without `currency` each point
 *   carries every currency (`{time, USD, EUR, GBP, CAD, CHF, AUD, JPY}`), which reads the same way. Prices are whole
 *   USD.
 * - `…&timestamp=T`: one point only, the newest with `time < T` (strictly before T).
 * One request therefore gives the whole history, and that is what this provider asks, once per fetch (a request
 * per day with `timestamp` would be needed only if the series were not served whole). The answer is about 32 bytes a
 * point, one point an hour: about 0.3 MB per year of hourly history. An empty span asks nothing.
 *
 * What the series holds (backend/src/tasks/price-updater.ts): since the instance started recording, one point an
 * hour: at the first run after each full hour the median of the exchanges' current prices, rounded to whole USD,
 * stored at that hour (`Math.round(now / 1 h) · 1 h`). Hours the instance missed are filled later from exchanges'
 * hourly candles, stamped with the candle's open time but holding its close (the price one hour later). Before the
 * hourly record the series has only weekly points (MtGox, then Kraken weekly candles: stamped at the week's open,
 * holding the week's close), and `0` or `−1` where no price was available.
 *
 * The close of day D (the last price of the UTC day) is read from the point stamped exactly at the next midnight,
 * D+1 00:00 UTC: the price sampled when that hour began, i.e. within a few minutes after D's last trade; when that
 * point is missing, from the newest point at most CLOSE_TOLERANCE_S (1 hour) before the next midnight, the 23:00
 * point (a live sample one hour early, or a filled hourly candle whose close is the day's close). A point after
 * midnight belongs to the next day and is never used; a day with no point in [midnight − 1 h, midnight] has no
 * close here (noted `missing-days` by checkedCloses, never filled from further away). A point is used only where the
 * series is hourly: the point before it at most HOURLY_SPACING_S (2 hours, one missed sample) older. A weekly or
 * daily point is a candle's close stamped at its open, a week or a day from the moment it describes, so days in the
 * weekly era are missing rather than wrong. Points of `0` or `−1` are mempool's "no price" markers and are skipped.
 *
 * What cannot be told from the answer: when mempool fills a missed midnight from exchanges' daily candles (it
 * fills missing days before missing hours), the midnight point holds the close of the day that starts there, a day
 * late. The refresh's cross-check against the exchanges (more than 1% apart → `price-sources-disagree`) shows it.
 */
import type { PriceProvider } from '../../app/ports/live-data.ts';
import { dayOfUnixS, SECONDS_PER_DAY, type DayNumber } from '../../units/calendar-day.ts';
import {
  arrayField,
  invalidAnswer,
  numberField,
  pagedCandleProvider,
  priceApi,
  recordField,
  type PriceApiConfig,
  type SourceClose,
} from './daily-closes.ts';
import { DEFAULT_MEMPOOL_URL } from './mempool.ts';

export const HISTORICAL_PRICE_PATH = '/api/v1/historical-price';
/** How long before the next midnight a point may be stamped and still give the day's close (never after it). */
export const CLOSE_TOLERANCE_S = 3_600;
/** A point gives a close only where the series is hourly: its predecessor is at most this much older. */
export const HOURLY_SPACING_S = 7_200;
/** The whole history comes in one answer: the span is never split. */
const WHOLE_HISTORY_DAYS = Number.POSITIVE_INFINITY;

export function mempoolPrices(config: PriceApiConfig = {}): PriceProvider {
  return pagedCandleProvider(priceApi('mempool', DEFAULT_MEMPOOL_URL, config), {
    path: HISTORICAL_PRICE_PATH,
    daysPerRequest: WHOLE_HISTORY_DAYS,
    query: () => ({ currency: 'USD' }),
    read: readDailyCloses,
  });
}

interface PricePoint {
  timeS: number;
  usd: number;
  index: number;
}

/** The daily closes the series holds (every day, oldest first; the caller keeps the span's), every field checked. */
function readDailyCloses(body: unknown, where: string): SourceClose[] {
  const answer = recordField(body, 'mempool', where, '(body)');
  const rows = arrayField(answer.prices, 'mempool', where, 'prices');
  const points: PricePoint[] = [];
  let newer: { timeS: number; index: number } | undefined;
  rows.forEach((row, index) => {
    const path = `prices[${index}]`;
    const point = recordField(row, 'mempool', where, path);
    const timeS = point.time;
    if (typeof timeS !== 'number' || !Number.isSafeInteger(timeS) || timeS < 0)
      throw invalidAnswer('mempool', where, `${path}.time`, 'expected unix seconds', timeS);
    const usd = numberField(point.USD, 'mempool', where, `${path}.USD`);
    if (newer && timeS >= newer.timeS) {
      throw invalidAnswer(
        'mempool',
        where,
        `${path}.time`,
        `expected a time before ${newer.timeS} (prices[${newer.index}].time): newest first, one price per time`,
        timeS,
      );
    }
    newer = { timeS, index };
    if (usd > 0) points.push({ timeS, usd, index });
  });
  points.reverse();

  // Oldest first, so for each day the last qualifying point (the one nearest midnight) wins.
  const byDay = new Map<DayNumber, PricePoint>();
  points.forEach((point, position) => {
    const before = points[position - 1];
    if (!before || point.timeS - before.timeS > HOURLY_SPACING_S) return;
    const nextMidnightS = Math.ceil(point.timeS / SECONDS_PER_DAY) * SECONDS_PER_DAY;
    if (nextMidnightS - point.timeS > CLOSE_TOLERANCE_S) return;
    byDay.set((dayOfUnixS(nextMidnightS) - 1) as DayNumber, point);
  });
  return [...byDay.entries()].map(([day, point]) => ({ day, closeUsd: point.usd, path: `prices[${point.index}].USD` }));
}
