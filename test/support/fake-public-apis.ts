/**
 * Fake mempool.space, Coinbase Exchange, Kraken and Bitstamp servers on 127.0.0.1, replaying the answers in
 * test/fixtures/live/mempool/ and test/fixtures/live/prices/, each with a switchable fault: HTTP 500s (then
 * recovering, or for good), answers held back past the client's timeout, malformed JSON, 429 with Retry-After, and
 * per API a wrong chain, a gap in heights, fee and subsidy anomalies, a difficulty adjustment disagreeing with the
 * blocks or not listed yet, gaps, bad values or no point at all in mempool's price history, API-level errors, bad or
 * jumping closes, a well-formed answer without a single candle, or Kraken disagreeing with the others. Also a manual
 * clock for the JSON client, so retries do not sleep.
 */
import { readFileSync } from 'node:fs';
import type { ClientTiming } from '../../src/data/http/resilient-client.ts';
import { RECORDED_AT_UNIX_S } from '../fixtures/live/make-public-fixtures.ts';
import { startFakeServer, type FakeServer, type RecordedAnswer } from './fake-http-server.ts';

/** Faults every fake can play on its main route (mempool: the genesis request, the first a refresh makes). */
export type CommonFault =
  | 'none'
  /** HTTP 500 twice, then the recorded answer. */
  | 'http-500-then-recover'
  /** HTTP 500 on every request. */
  | 'http-500'
  /** The answer held back HELD_BACK_MS, longer than the tests' client timeout. */
  | 'timeout'
  /** A truncated JSON body. */
  | 'malformed-json'
  /** HTTP 429 with `Retry-After: RETRY_AFTER_S` once, then the recorded answer. */
  | 'rate-limited';

export type MempoolFault =
  | CommonFault
  /** Block 0 is testnet3's or signet's genesis. */
  | 'wrong-chain-testnet3'
  | 'wrong-chain-signet'
  /** Block GAP_HEIGHT is missing from every page. */
  | 'height-gap'
  /** Block FEES_OUTLIER_HEIGHT carries 100 BTC more fees (and reward). */
  | 'fees-outlier'
  /** Block SUBSIDY_HEIGHT claims 1 sat more than subsidy + fees. */
  | 'subsidy-excess'
  /** Block SUBSIDY_HEIGHT claims 1,000 sats less than subsidy + fees (allowed, and it has happened on mainnet). */
  | 'subsidy-underclaimed'
  /** The difficulty adjustment at 935,424 is listed 0.1% above the difficulty of the block's bits. */
  | 'difficulty-mismatch'
  /** The adjustment at 935,424 is not listed (mempool indexes adjustments hourly). */
  | 'difficulty-unlisted'
  /** Price history: the points at MISSING_PRICE_DAY's next midnight and the hour before it are missing. */
  | 'missing-day'
  /** Price history: the point at MIDNIGHT_GAP_DAY's next midnight is missing (its 23:00 point remains). */
  | 'midnight-gap'
  /** Price history: the point at BAD_PRICE_DAY's next midnight carries its USD as a string. */
  | 'bad-price'
  /** Price history: the point at BAD_PRICE_DAY's next midnight is 50 USD. */
  | 'price-out-of-range'
  /** Price history: a well-formed answer without a single point. */
  | 'empty-prices';

export type PriceFault =
  | CommonFault
  /**
   * The API reports an error (Coinbase `{message}` with 400, Kraken `error` with 200, Bitstamp `{errors}` with
   * 200).
   */
  | 'api-error'
  /** JUMP_DAY closes 30% above the recording. */
  | 'price-jump'
  /** One close of the wrong type (Coinbase a string, Kraken and Bitstamp a number). */
  | 'bad-close'
  /** One close of 50 USD. */
  | 'out-of-range'
  /** Kraken only: the answer whose 2026-02-06 is 2% off the other exchanges. */
  | 'disagreeing'
  /** A well-formed answer without a single candle. */
  | 'empty';

export const RETRY_AFTER_S = 2;
export const HELD_BACK_MS = 1_000;
export const GAP_HEIGHT = 935_100;
export const FEES_OUTLIER_HEIGHT = 935_300;
export const SUBSIDY_HEIGHT = 935_200;
/** 2026-02-05, as unix seconds of its 00:00 UTC. */
export const JUMP_DAY = '2026-02-05';
const JUMP_DAY_S = 1_770_249_600;
/** The epoch start the mempool difficulty faults change. */
export const ADJUSTMENT_FAULT_HEIGHT = 935_424;
export const MISSING_PRICE_DAY = '2026-02-03';
export const MIDNIGHT_GAP_DAY = '2026-02-06';
export const BAD_PRICE_DAY = '2026-02-04';
const HOUR_S = 3_600;
/** Unix seconds of the midnight that ends `day`. */
const endOfDayS = (day: string): number => Date.parse(`${day}T00:00:00Z`) / 1000 + 86_400;

const FIXTURES = new URL('../fixtures/live/', import.meta.url);
const readJson = (path: string): unknown => JSON.parse(readFileSync(new URL(path, FIXTURES), 'utf8'));
const clone = <T>(value: T): T => structuredClone(value);

/** The recorded answers of the prices fixtures: the closes each provider must return. */
export interface ExpectedCloses {
  recordedAtUnixS: number;
  runningDay: string;
  coinbase: { date: string; closeUsd: number }[];
  kraken: { date: string; closeUsd: number }[];
  bitstamp: { date: string; closeUsd: number }[];
  krakenDisagreeing: { date: string; closeUsd: number }[];
}

export function expectedCloses(): ExpectedCloses {
  return readJson('prices/expected-closes.json') as ExpectedCloses;
}

/** A clock for the JSON client: `sleep` advances it at once and is logged; `random` is 0.5. Starts at the recording. */
export function manualTiming(startMs: number = RECORDED_AT_UNIX_S * 1000): {
  timing: ClientTiming;
  sleepsMs: number[];
  nowMs(): number;
} {
  let now = startMs;
  const sleepsMs: number[] = [];
  return {
    timing: {
      now: () => now,
      sleep: async (ms) => {
        sleepsMs.push(ms);
        now += ms;
      },
      random: () => 0.5,
    },
    sleepsMs,
    nowMs: () => now,
  };
}

/** The answers a route gives under a common fault, `normal` being the recorded answer. */
function faultAnswers(fault: CommonFault, normal: RecordedAnswer): RecordedAnswer[] {
  const serverError: RecordedAnswer = { status: 500, body: { message: 'Internal server error' } };
  switch (fault) {
    case 'http-500-then-recover':
      return [serverError, serverError, normal];
    case 'http-500':
      return [serverError];
    case 'timeout':
      return [{ ...normal, delayMs: HELD_BACK_MS }];
    case 'malformed-json':
      return [{ body: '[{"id":"0000000000' }];
    case 'rate-limited':
      return [
        { status: 429, headers: { 'retry-after': String(RETRY_AFTER_S) }, body: { message: 'Too many requests' } },
        normal,
      ];
    default:
      return [normal];
  }
}

const COMMON_FAULTS: readonly string[] = [
  'none',
  'http-500-then-recover',
  'http-500',
  'timeout',
  'malformed-json',
  'rate-limited',
];
const isCommon = (fault: string): fault is CommonFault => COMMON_FAULTS.includes(fault);

type MempoolBlock = {
  height: number;
  previousblockhash: string | null;
  extras: { reward: number; totalFees: number };
} & Record<string, unknown>;

/** One point of `GET /api/v1/historical-price?currency=USD`. */
export interface MempoolPricePoint {
  time: number;
  USD: unknown;
}

/** The recorded `GET /api/v1/historical-price?currency=USD` answer (newest first). */
export function recordedMempoolPrices(): { prices: MempoolPricePoint[]; exchangeRates: Record<string, number> } {
  return readJson('mempool/historical-price.json') as {
    prices: MempoolPricePoint[];
    exchangeRates: Record<string, number>;
  };
}

/** The recorded `GET /api/v1/mining/difficulty-adjustments` answer (every row, newest first). */
export function recordedDifficultyAdjustments(): [number, number, number, number][] {
  return readJson('mempool/difficulty-adjustments.json') as [number, number, number, number][];
}

/**
 * The rows of `$getRawAdjustments(interval)`: block time within the interval before the server's now (MySQL
 * `DATE_SUB(NOW(), INTERVAL …)`, calendar months and years), the server's now being the recording time; an interval
 * the server does not know (or none) gives every row.
 */
function adjustmentsWithin(
  rows: readonly [number, number, number, number][],
  interval: string | undefined,
  nowS: number,
): [number, number, number, number][] {
  const match = interval === undefined ? null : /^(\d+)([hdwmy])$/.exec(interval);
  const known = ['24h', '3d', '1w', '1m', '3m', '6m', '1y', '2y', '3y', '4y'];
  if (!match || !known.includes(interval as string)) return [...rows];
  const count = Number(match[1]);
  const since = new Date(nowS * 1000);
  if (match[2] === 'h') since.setUTCHours(since.getUTCHours() - count);
  if (match[2] === 'd') since.setUTCDate(since.getUTCDate() - count);
  if (match[2] === 'w') since.setUTCDate(since.getUTCDate() - 7 * count);
  if (match[2] === 'm') since.setUTCMonth(since.getUTCMonth() - count);
  if (match[2] === 'y') since.setUTCFullYear(since.getUTCFullYear() - count);
  return rows.filter(([time]) => time >= since.getTime() / 1000 && time <= nowS);
}

/**
 * `GET /api/v1/historical-price`: with `timestamp=T`, the newest point before T (strictly), else the whole series,
 * as mining-routes.ts `$getHistoricalPrice` answers. Only USD is recorded, so with or without `currency` the points
 * are `{time, USD}`.
 */
function historicalPriceAnswer(
  history: { prices: MempoolPricePoint[]; exchangeRates: Record<string, number> },
  url: string,
): RecordedAnswer {
  const timestamp = Number(new URLSearchParams(url.split('?')[1] ?? '').get('timestamp') ?? 0);
  if (!timestamp) return { body: history };
  const nearest = history.prices.find((point) => point.time < timestamp);
  return { body: { prices: [nearest ?? { time: 1_279_497_600, USD: 0 }], exchangeRates: history.exchangeRates } };
}

/**
 * mempool.space: `GET /api/v1/blocks/0`, `GET /api/blocks/tip/height`, and `GET /api/v1/blocks/:height` cut from the
 * recorded blocks as mempool's `$getBlocks(height, 15)` does (15 descending; from the tip, that many fewer, above it);
 * `GET /api/v1/mining/difficulty-adjustments[/:interval]` (the recorded rows within the interval before the recording
 * time) and `GET /api/v1/historical-price` (the recorded series). `faultPath` moves a common fault from the genesis
 * request to another (e.g. `/api/blocks/tip/height`, `/api/v1/historical-price`,
 * `/api/v1/mining/difficulty-adjustments/3d`).
 */
export async function startFakeMempool(
  options: { fault?: MempoolFault; faultPath?: string } = {},
): Promise<FakeServer> {
  const fault = options.fault ?? 'none';
  const blocks = clone(readJson('mempool/v1-blocks.json') as MempoolBlock[]);
  const tipHeight = Number(readFileSync(new URL('mempool/tip-height.txt', FIXTURES), 'utf8').trim());
  if (fault === 'height-gap')
    blocks.splice(
      blocks.findIndex((block) => block.height === GAP_HEIGHT),
      1,
    );
  const bump = (height: number, feesSats: number, rewardSats: number) => {
    const block = blocks.find((candidate) => candidate.height === height) as MempoolBlock;
    block.extras.totalFees += feesSats;
    block.extras.reward += rewardSats;
  };
  if (fault === 'fees-outlier') bump(FEES_OUTLIER_HEIGHT, 100 * 100_000_000, 100 * 100_000_000);
  if (fault === 'subsidy-excess') bump(SUBSIDY_HEIGHT, 0, 1);
  if (fault === 'subsidy-underclaimed') bump(SUBSIDY_HEIGHT, 0, -1_000);
  const byHeight = new Map(blocks.map((block) => [block.height, block]));
  const adjustments = clone(recordedDifficultyAdjustments());
  const faulty = adjustments.find((row) => row[1] === ADJUSTMENT_FAULT_HEIGHT) as [number, number, number, number];
  if (fault === 'difficulty-mismatch') faulty[2] *= 1.001;
  if (fault === 'difficulty-unlisted') adjustments.splice(adjustments.indexOf(faulty), 1);
  const history = clone(recordedMempoolPrices());
  const pointAt = (time: number) => history.prices.find((point) => point.time === time) as MempoolPricePoint;
  const dropPoint = (time: number) => history.prices.splice(history.prices.indexOf(pointAt(time)), 1);
  if (fault === 'missing-day') [endOfDayS(MISSING_PRICE_DAY), endOfDayS(MISSING_PRICE_DAY) - HOUR_S].forEach(dropPoint);
  if (fault === 'midnight-gap') dropPoint(endOfDayS(MIDNIGHT_GAP_DAY));
  if (fault === 'bad-price') pointAt(endOfDayS(BAD_PRICE_DAY)).USD = String(pointAt(endOfDayS(BAD_PRICE_DAY)).USD);
  if (fault === 'price-out-of-range') pointAt(endOfDayS(BAD_PRICE_DAY)).USD = 50;
  if (fault === 'empty-prices') history.prices = [];
  const page = (height: number): MempoolBlock[] => {
    const limit = 15 - Math.max(0, height - tipHeight);
    const start = Math.min(height, tipHeight);
    const answer: MempoolBlock[] = [];
    for (let at = start; at > start - limit && at >= 0; at--) {
      const block = byHeight.get(at);
      if (block) answer.push(block);
    }
    return answer;
  };
  const genesisFile =
    fault === 'wrong-chain-testnet3'
      ? 'genesis-testnet3.json'
      : fault === 'wrong-chain-signet'
        ? 'genesis-signet.json'
        : 'genesis-mainnet.json';
  const normal: Record<string, RecordedAnswer> = {
    '/api/v1/blocks/0': { body: readJson(`mempool/${genesisFile}`) },
    '/api/blocks/tip/height': { headers: { 'content-type': 'text/plain' }, body: String(tipHeight) },
  };
  const faultPath = options.faultPath ?? '/api/v1/blocks/0';
  const answerOf = (url: string): RecordedAnswer | undefined => {
    const path = url.split('?')[0] as string;
    const fixed = normal[path];
    if (fixed) return fixed;
    if (path === '/api/v1/historical-price') return historicalPriceAnswer(history, url);
    const adjustmentsMatch = /^\/api\/v1\/mining\/difficulty-adjustments(?:\/([^/]+))?$/.exec(path);
    if (adjustmentsMatch) return { body: adjustmentsWithin(adjustments, adjustmentsMatch[1], RECORDED_AT_UNIX_S) };
    const match = /^\/api\/v1\/blocks\/(\d+)$/.exec(path);
    return match ? { body: page(Number(match[1])) } : undefined;
  };
  const routes: Record<string, RecordedAnswer[]> = {};
  for (const [path, answer] of Object.entries(normal)) routes[`GET ${path}`] = [answer];
  if (isCommon(fault))
    routes[`GET ${faultPath}`] = faultAnswers(fault, answerOf(faultPath) ?? { status: 404, body: 'Not found' });
  return startFakeServer({
    routes,
    fallback: (request) => answerOf(request.url) ?? { status: 404, body: `Cannot GET ${request.url}` },
  });
}

/**
 * Coinbase Exchange: `GET /products/BTC-USD/candles` answers the recording (whatever the query; the provider keeps
 * its days).
 */
export async function startFakeCoinbase(options: { fault?: PriceFault } = {}): Promise<FakeServer> {
  const fault = options.fault ?? 'none';
  const rows = clone(readJson('prices/coinbase-candles.json') as number[][]);
  const row = (timeS: number) => rows.find((candidate) => candidate[0] === timeS) as unknown[];
  if (fault === 'price-jump') row(JUMP_DAY_S)[4] = Math.round((row(JUMP_DAY_S)[4] as number) * 1.3 * 100) / 100;
  if (fault === 'bad-close') (rows[3] as unknown[])[4] = String((rows[3] as number[])[4]);
  if (fault === 'out-of-range') (rows[3] as number[])[4] = 50;
  if (fault === 'empty') rows.length = 0;
  let normal: RecordedAnswer = { body: rows };
  if (fault === 'api-error')
    normal = { status: 400, body: { message: 'granularity too small for the requested time range' } };
  return startFakeServer({
    routes: { 'GET /products/BTC-USD/candles': isCommon(fault) ? faultAnswers(fault, normal) : [normal] },
  });
}

/** Kraken: `GET /0/public/OHLC` answers the recording (or its disagreeing variant). */
export async function startFakeKraken(options: { fault?: PriceFault } = {}): Promise<FakeServer> {
  const fault = options.fault ?? 'none';
  const answer = clone(
    readJson(fault === 'disagreeing' ? 'prices/kraken-ohlc-disagreeing.json' : 'prices/kraken-ohlc.json') as {
      error: string[];
      result: { XXBTZUSD: unknown[][] };
    },
  );
  const rows = answer.result.XXBTZUSD;
  const row = (timeS: number) => rows.find((candidate) => candidate[0] === timeS) as unknown[];
  if (fault === 'price-jump') row(JUMP_DAY_S)[4] = (Number(row(JUMP_DAY_S)[4]) * 1.3).toFixed(1);
  if (fault === 'bad-close') (rows[3] as unknown[])[4] = Number((rows[3] as unknown[])[4]);
  if (fault === 'out-of-range') (rows[3] as unknown[])[4] = '50.0';
  if (fault === 'empty') rows.length = 0;
  let normal: RecordedAnswer = { body: answer };
  if (fault === 'api-error') normal = { body: { error: ['EGeneral:Invalid arguments'], result: {} } };
  return startFakeServer({
    routes: { 'GET /0/public/OHLC': isCommon(fault) ? faultAnswers(fault, normal) : [normal] },
  });
}

/** Bitstamp: `GET /api/v2/ohlc/btcusd/` answers the recording. */
export async function startFakeBitstamp(options: { fault?: PriceFault } = {}): Promise<FakeServer> {
  const fault = options.fault ?? 'none';
  const answer = clone(readJson('prices/bitstamp-ohlc.json') as { data: { ohlc: Record<string, unknown>[] } });
  const rows = answer.data.ohlc;
  const row = (timeS: number) =>
    rows.find((candidate) => candidate.timestamp === String(timeS)) as Record<string, unknown>;
  if (fault === 'price-jump') row(JUMP_DAY_S).close = (Number(row(JUMP_DAY_S).close) * 1.3).toFixed(0);
  if (fault === 'bad-close')
    (rows[3] as Record<string, unknown>).close = Number((rows[3] as Record<string, unknown>).close);
  if (fault === 'out-of-range') (rows[3] as Record<string, unknown>).close = '50';
  if (fault === 'empty') rows.length = 0;
  let normal: RecordedAnswer = { body: answer };
  if (fault === 'api-error')
    normal = { body: { errors: [{ field: 'step', message: 'Invalid step value.', code: 'invalid_value' }] } };
  return startFakeServer({
    routes: { 'GET /api/v2/ohlc/btcusd/': isCommon(fault) ? faultAnswers(fault, normal) : [normal] },
  });
}

export interface FakePublicApis {
  mempool: FakeServer;
  coinbase: FakeServer;
  kraken: FakeServer;
  bitstamp: FakeServer;
  close(): Promise<void>;
}

/** All four at once, each with its own fault (none by default). */
export async function startFakePublicApis(
  faults: { mempool?: MempoolFault; coinbase?: PriceFault; kraken?: PriceFault; bitstamp?: PriceFault } = {},
): Promise<FakePublicApis> {
  const [mempool, coinbase, kraken, bitstamp] = await Promise.all([
    startFakeMempool(faults.mempool ? { fault: faults.mempool } : {}),
    startFakeCoinbase(faults.coinbase ? { fault: faults.coinbase } : {}),
    startFakeKraken(faults.kraken ? { fault: faults.kraken } : {}),
    startFakeBitstamp(faults.bitstamp ? { fault: faults.bitstamp } : {}),
  ]);
  return {
    mempool,
    coinbase,
    kraken,
    bitstamp,
    close: async () => {
      await Promise.all([mempool.close(), coinbase.close(), kraken.close(), bitstamp.close()]);
    },
  };
}
