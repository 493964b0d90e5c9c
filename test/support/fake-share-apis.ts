/**
 * Fake Yahoo chart, Nasdaq historical-quote and Tiingo end-of-day servers on 127.0.0.1 (issue 20): each answers any
 * ticker and span in its service's documented shape (src/data/providers/*-share-prices.ts cite them) from one
 * synthetic close series, so the three agree unless a fault says otherwise. Trading days are Monday to Friday. A split
 * (`splits`) makes the closes as traded jump by 1/factor on its day: Yahoo reports it and sends split-adjusted closes,
 * Tiingo sends raw closes with the day's splitFactor, Nasdaq sends adjusted closes and no split (unless `nasdaq-raw`).
 * Faults: HTTP 500, an answer held back past the timeout, malformed JSON, an oversized body, 429 with Retry-After
 * once, a redirect, a non-USD quote, a ticker each service does not know (DELISTED), a disagreeing close.
 */
import { dayFromIso, isoFromDay, isoWeekday, type DayNumber } from '../../src/units/calendar-day.ts';
import { startFakeServer, type FakeServer, type LoggedRequest, type RecordedAnswer } from './fake-http-server.ts';

export type ShareFault =
  | 'none'
  | 'http-500'
  | 'timeout'
  | 'malformed-json'
  | 'oversized'
  /** 429 with `Retry-After: 2` on the first request, then the answers. */
  | 'rate-limited'
  /** 302 to another host. */
  | 'redirect'
  /** Yahoo: meta.currency EUR. */
  | 'currency'
  /** DISAGREE_DAY's close 5% above the series. */
  | 'disagreeing'
  /** Nasdaq: history not adjusted for the split (on the basis traded), so its pre-split days disagree by the factor. */
  | 'nasdaq-raw';

/** A ticker no service knows (renamed or delisted). */
export const DELISTED = 'GONE';
export const DISAGREE_DAY = '2026-02-04';
export const SHARE_TIINGO_KEY = 'tiingo-test-key-5f2c9a';
export const HELD_BACK_MS = 1_000;
/** The synthetic series' last trading day for a clock at 2026-02-09 12:00 UTC (a Monday): Friday 2026-02-06. */
export const SHARE_CLOCK_MS = Date.parse('2026-02-09T12:00:00Z');

export interface FakeSplit {
  ticker: string;
  date: string;
  /** New shares per old share: 0.1 for a 1-for-10 reverse split. */
  factor: number;
}

/** The price level of a ticker on a day, before any split: deterministic, a few percent of wiggle. */
function level(ticker: string, day: number): number {
  let hash = 0;
  for (const char of ticker) hash = (hash * 31 + char.charCodeAt(0)) % 997;
  return Math.round((5 + (hash % 40)) * (1 + 0.03 * Math.sin(day / 2.7)) * 100) / 100;
}

/** The close as traded on `day`. */
export function tradedClose(ticker: string, date: string, splits: readonly FakeSplit[] = []): number {
  const day = dayFromIso(date);
  const factor = splits
    .filter((split) => split.ticker === ticker && dayFromIso(split.date) <= day)
    .reduce((product, split) => product / split.factor, 1);
  return Math.round(level(ticker, day) * factor * 10_000) / 10_000;
}

/** The close adjusted to the basis after every split of `splits`. */
function adjustedClose(ticker: string, date: string, splits: readonly FakeSplit[]): number {
  const day = dayFromIso(date);
  const later = splits
    .filter((split) => split.ticker === ticker && dayFromIso(split.date) > day)
    .reduce((product, split) => product / split.factor, 1);
  return Math.round(tradedClose(ticker, date, splits) * later * 10_000) / 10_000;
}

function tradingDays(first: DayNumber, last: DayNumber): string[] {
  const days: string[] = [];
  for (let day = first; day <= last; day = (day + 1) as DayNumber) if (isoWeekday(day) <= 5) days.push(isoFromDay(day));
  return days;
}

export interface FakeShareApis {
  yahoo: FakeServer;
  nasdaq: FakeServer;
  tiingo: FakeServer;
  close(): Promise<void>;
}

export interface FakeShareOptions {
  yahoo?: ShareFault;
  nasdaq?: ShareFault;
  tiingo?: ShareFault;
  splits?: FakeSplit[];
  /** Tickers no service knows any more, besides DELISTED. */
  delisted?: string[];
}

export async function startFakeShareApis(options: FakeShareOptions = {}): Promise<FakeShareApis> {
  const splits = options.splits ?? [];
  const gone = new Set([DELISTED, '', ...(options.delisted ?? [])]);
  const [yahoo, nasdaq, tiingo] = await Promise.all([
    serve(options.yahoo ?? 'none', (request, fault) => yahooAnswer(request, fault, splits, gone)),
    serve(options.nasdaq ?? 'none', (request, fault) => nasdaqAnswer(request, fault, splits, gone)),
    serve(options.tiingo ?? 'none', (request, fault) => tiingoAnswer(request, fault, splits, gone)),
  ]);
  return {
    yahoo,
    nasdaq,
    tiingo,
    close: async () => {
      await Promise.all([yahoo.close(), nasdaq.close(), tiingo.close()]);
    },
  };
}

async function serve(
  fault: ShareFault,
  answer: (request: LoggedRequest, fault: ShareFault) => RecordedAnswer,
): Promise<FakeServer> {
  let served = 0;
  return startFakeServer({
    routes: {},
    fallback: (request) => {
      served++;
      if (fault === 'http-500') return { status: 500, body: { message: 'Internal server error' } };
      if (fault === 'timeout') return { ...answer(request, fault), delayMs: HELD_BACK_MS };
      if (fault === 'malformed-json') return { body: '{"chart":{"result":[{"meta":' };
      if (fault === 'oversized') return { body: `{"pad":"${'x'.repeat(5 * 1024 * 1024)}"}` };
      if (fault === 'redirect') return { status: 302, headers: { location: 'http://example.com/elsewhere' } };
      if (fault === 'rate-limited' && served === 1)
        return { status: 429, headers: { 'retry-after': '2' }, body: { message: 'Too many requests' } };
      return answer(request, fault);
    },
  });
}

function query(request: LoggedRequest): URLSearchParams {
  return new URL(request.url, 'http://fake').searchParams;
}

function yahooAnswer(
  request: LoggedRequest,
  fault: ShareFault,
  splits: readonly FakeSplit[],
  gone: ReadonlySet<string>,
): RecordedAnswer {
  const ticker = decodeURIComponent(/^\/v8\/finance\/chart\/([^?]+)/.exec(request.url)?.[1] ?? '');
  if (gone.has(ticker))
    return {
      status: 404,
      body: {
        chart: { result: null, error: { code: 'Not Found', description: 'No data found, symbol may be delisted' } },
      },
    };
  const q = query(request);
  const first = Math.floor(Number(q.get('period1')) / 86_400) as DayNumber;
  const last = (Math.floor(Number(q.get('period2')) / 86_400) - 1) as DayNumber;
  const days = tradingDays(first, last);
  const offsetS = -18_000;
  const openS = (date: string) => dayFromIso(date) * 86_400 + 14.5 * 3_600;
  const closes = days.map((date) => {
    const close = adjustedClose(ticker, date, splits);
    return fault === 'disagreeing' && date === DISAGREE_DAY ? Math.round(close * 1.05 * 100) / 100 : close;
  });
  const reported = splits.filter((split) => split.ticker === ticker && days.includes(split.date));
  return {
    body: {
      chart: {
        result: [
          {
            meta: {
              currency: fault === 'currency' ? 'EUR' : 'USD',
              symbol: ticker,
              gmtoffset: offsetS,
              regularMarketPrice: closes[closes.length - 1] ?? null,
              regularMarketTime: days.length > 0 ? openS(days[days.length - 1] as string) + 6.5 * 3_600 : null,
            },
            timestamp: days.map(openS),
            ...(reported.length > 0
              ? {
                  events: {
                    splits: Object.fromEntries(
                      reported.map((split) => {
                        const numerator = split.factor >= 1 ? split.factor : 1;
                        const denominator = split.factor >= 1 ? 1 : Math.round(1 / split.factor);
                        return [String(openS(split.date)), { date: openS(split.date), numerator, denominator }];
                      }),
                    ),
                  },
                }
              : {}),
            indicators: { quote: [{ close: closes }] },
          },
        ],
        error: null,
      },
    },
  };
}

function nasdaqAnswer(
  request: LoggedRequest,
  fault: ShareFault,
  splits: readonly FakeSplit[],
  gone: ReadonlySet<string>,
): RecordedAnswer {
  const ticker = decodeURIComponent(/^\/api\/quote\/([^/]+)\/historical/.exec(request.url)?.[1] ?? '');
  if (gone.has(ticker))
    return {
      body: {
        data: null,
        message: null,
        status: { rCode: 400, bCodeMessage: [{ code: 1001, errorMessage: 'Symbol not exists.' }] },
      },
    };
  const q = query(request);
  const days = tradingDays(dayFromIso(q.get('fromdate') ?? ''), dayFromIso(q.get('todate') ?? ''));
  const rows = days.map((date) => {
    let close = fault === 'nasdaq-raw' ? tradedClose(ticker, date, splits) : adjustedClose(ticker, date, splits);
    if (fault === 'disagreeing' && date === DISAGREE_DAY) close = Math.round(close * 1.05 * 100) / 100;
    const [year, month, day] = date.split('-');
    return { date: `${month}/${day}/${year}`, close: `$${close.toFixed(2)}`, volume: '1,000,000', open: 'N/A' };
  });
  return {
    body: {
      data: { symbol: ticker, totalRecords: rows.length, tradesTable: { rows: rows.reverse() } },
      message: null,
      status: { rCode: 200, bCodeMessage: null },
    },
  };
}

function tiingoAnswer(
  request: LoggedRequest,
  fault: ShareFault,
  splits: readonly FakeSplit[],
  gone: ReadonlySet<string>,
): RecordedAnswer {
  if (request.headers['authorization'] !== `Token ${SHARE_TIINGO_KEY}`)
    return { status: 401, body: { detail: 'Invalid token.' } };
  const ticker = decodeURIComponent(/^\/tiingo\/daily\/([^/]+)\/prices/.exec(request.url)?.[1] ?? '').toUpperCase();
  if (gone.has(ticker)) return { status: 404, body: { detail: `Error: Ticker '${ticker.toLowerCase()}' not found` } };
  const q = query(request);
  const days = tradingDays(dayFromIso(q.get('startDate') ?? ''), dayFromIso(q.get('endDate') ?? ''));
  return {
    body: days.map((date) => {
      const split = splits.find((candidate) => candidate.ticker === ticker && candidate.date === date);
      let close = tradedClose(ticker, date, splits);
      if (fault === 'disagreeing' && date === DISAGREE_DAY) close = Math.round(close * 1.05 * 100) / 100;
      return { date: `${date}T00:00:00.000Z`, close, adjClose: close, divCash: 0, splitFactor: split?.factor ?? 1 };
    }),
  };
}
