// The Yahoo, Nasdaq and Tiingo share-price providers (issue 20) against fake servers answering in each service's
// documented shape (test/support/fake-share-apis.ts): the closes as traded, splits, and every fault a source can
// play — errors, timeouts, malformed and oversized bodies, rate limits, redirects, another currency, an unknown
// ticker. No test reaches the internet. Retries sleep on a manual clock; the timeout case waits 2 × 200 ms for real.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SharePriceProvider } from '../src/app/ports/share-prices.ts';
import { ProviderError, type ProviderFailure } from '../src/data/http/provider-error.ts';
import type { ShareApiConfig } from '../src/data/providers/share-closes.ts';
import { nasdaqSharePrices } from '../src/data/providers/nasdaq-share-prices.ts';
import { tiingoSharePrices } from '../src/data/providers/tiingo-share-prices.ts';
import { yahooSharePrices } from '../src/data/providers/yahoo-share-prices.ts';
import { manualTiming } from './support/fake-public-apis.ts';
import {
  DELISTED,
  SHARE_CLOCK_MS,
  SHARE_TIINGO_KEY,
  startFakeShareApis,
  tradedClose,
  type FakeShareApis,
  type FakeShareOptions,
  type ShareFault,
} from './support/fake-share-apis.ts';

type Name = 'yahoo' | 'nasdaq' | 'tiingo';
const NAMES: Name[] = ['yahoo', 'nasdaq', 'tiingo'];
const WEEK = ['2026-02-02', '2026-02-03', '2026-02-04', '2026-02-05', '2026-02-06'];
const quiet = () => undefined;

function provider(name: Name, apis: FakeShareApis, extra: Partial<ShareApiConfig> = {}) {
  const clock = manualTiming(SHARE_CLOCK_MS);
  const config: ShareApiConfig = {
    baseUrl: apis[name].url,
    timing: clock.timing,
    retry: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1_000, maxRetryAfterMs: 10_000 },
    breaker: { failureThreshold: 50, coolDownMs: 60_000 },
    ...extra,
  };
  const built: SharePriceProvider =
    name === 'yahoo'
      ? yahooSharePrices(config)
      : name === 'nasdaq'
        ? nasdaqSharePrices(config)
        : tiingoSharePrices({ ...config, apiKey: SHARE_TIINGO_KEY });
  return { built, clock };
}

async function withApis<T>(options: FakeShareOptions, body: (apis: FakeShareApis) => Promise<T>): Promise<T> {
  const apis = await startFakeShareApis(options);
  try {
    return await body(apis);
  } finally {
    await apis.close();
  }
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProviderError) return error;
    throw error;
  }
  return assert.fail('the fetch succeeded');
}

test('each source answers the week as traded, ascending, without the weekend or today', async () => {
  await withApis({}, async (apis) => {
    for (const name of NAMES) {
      // Saturday … Monday (today by the clock) are not asked for or kept.
      const fetched = await provider(name, apis).built.fetchShareCloses('MARA', '2026-02-01', '2026-02-09', quiet);
      assert.equal(fetched.source, name);
      assert.deepEqual(
        fetched.closes,
        WEEK.map((date) => ({ date, closeUsd: tradedClose('MARA', date) })),
        name,
      );
      assert.deepEqual(fetched.splits, []);
    }
  });
});

test('1-for-10 reverse split: Yahoo and Tiingo report it, closes as traded; Nasdaq adjusts silently', async () => {
  const splits = [{ ticker: 'MARA', date: '2026-02-04', factor: 0.1 }];
  await withApis({ splits }, async (apis) => {
    const traded = WEEK.map((date) => ({ date, closeUsd: tradedClose('MARA', date, splits) }));
    assert.ok((traded[2] as { closeUsd: number }).closeUsd > 8 * (traded[1] as { closeUsd: number }).closeUsd);
    for (const name of ['yahoo', 'tiingo'] as const) {
      const fetched = await provider(name, apis).built.fetchShareCloses('MARA', '2026-02-02', '2026-02-06', quiet);
      assert.deepEqual(fetched.splits, [{ date: '2026-02-04', factor: 0.1 }], name);
      assert.deepEqual(fetched.closes, traded, name);
      assert.deepEqual(fetched.notes, [], `${name}: the jump is the reported split`);
    }
    const nasdaq = await provider('nasdaq', apis).built.fetchShareCloses('MARA', '2026-02-02', '2026-02-06', quiet);
    assert.equal(nasdaq.adjustsSilently, true);
    assert.deepEqual(nasdaq.splits, []);
    assert.equal((nasdaq.closes[0] as { closeUsd: number }).closeUsd, Math.round(traded[0]!.closeUsd * 10 * 100) / 100);
  });
});

test('a renamed or delisted ticker fails that source for that ticker, naming it', async () => {
  await withApis({}, async (apis) => {
    for (const name of NAMES) {
      const error = await failure(
        provider(name, apis).built.fetchShareCloses(DELISTED, '2026-02-02', '2026-02-06', quiet),
      );
      assert.equal(error.failure, 'unknown-ticker', `${name}: ${error.message}`);
      assert.match(error.message, new RegExp(`^${name}: .*${DELISTED}`));
    }
  });
});

test('a quote in another currency is refused, not converted', async () => {
  await withApis({ yahoo: 'currency' }, async (apis) => {
    const error = await failure(
      provider('yahoo', apis).built.fetchShareCloses('MARA', '2026-02-02', '2026-02-06', quiet),
    );
    assert.equal(error.failure, 'wrong-currency');
    assert.match(error.message, /MARA is quoted in EUR, not USD/);
  });
});

const FAULTS: [ShareFault, ProviderFailure, RegExp][] = [
  ['http-500', 'http', /HTTP 500\b.*\(after 3 attempts\)/],
  ['malformed-json', 'invalid-response', /malformed JSON/],
  ['oversized', 'invalid-response', /the answer exceeds 1048576 bytes/],
  ['redirect', 'redirect', /HTTP 302 redirect to http:\/\/example\.com\/elsewhere not followed/],
];

for (const [fault, kind, message] of FAULTS) {
  test(`${fault}: every source fails with ${kind}, no number`, async () => {
    const options = Object.fromEntries(NAMES.map((name) => [name, fault])) as FakeShareOptions;
    await withApis(options, async (apis) => {
      for (const name of NAMES) {
        const error = await failure(
          provider(name, apis, { maxBodyBytes: 1024 * 1024 }).built.fetchShareCloses(
            'MARA',
            '2026-02-02',
            '2026-02-06',
            quiet,
          ),
        );
        assert.equal(error.failure, kind, `${name}: ${error.message}`);
        assert.match(error.message, message);
        if (fault === 'redirect') assert.equal(apis[name].requests.length, 1, 'the redirect was not followed');
      }
    });
  });
}

test('429 with Retry-After: the source waits what it asks, then answers', async () => {
  await withApis({ yahoo: 'rate-limited', nasdaq: 'rate-limited', tiingo: 'rate-limited' }, async (apis) => {
    for (const name of NAMES) {
      const { built, clock } = provider(name, apis);
      const fetched = await built.fetchShareCloses('MARA', '2026-02-02', '2026-02-06', quiet);
      assert.equal(fetched.closes.length, 5);
      assert.ok((clock.sleepsMs[0] ?? 0) >= 2_000, `${name} slept ${clock.sleepsMs.join(', ')}`);
      assert.match(fetched.notes.map((note) => note.message).join('\n'), /HTTP 429/);
    }
  });
});

test('an answer held back past the timeout fails the source as a timeout', async () => {
  await withApis({ nasdaq: 'timeout' }, async (apis) => {
    const { built } = provider('nasdaq', apis, { timeoutMs: 200, retry: { maxAttempts: 2, baseDelayMs: 1 } });
    const error = await failure(built.fetchShareCloses('MARA', '2026-02-02', '2026-02-06', quiet));
    assert.equal(error.failure, 'timeout');
  });
});

test('Tiingo: the key goes in the Authorization header only, never a URL or message; a wrong key fails', async () => {
  await withApis({ tiingo: 'http-500' }, async (apis) => {
    const error = await failure(
      provider('tiingo', apis).built.fetchShareCloses('MARA', '2026-02-02', '2026-02-06', quiet),
    );
    assert.ok(!error.message.includes(SHARE_TIINGO_KEY), error.message);
    for (const request of apis.tiingo.requests) {
      assert.ok(!request.url.includes(SHARE_TIINGO_KEY));
      assert.equal(request.headers['authorization'], `Token ${SHARE_TIINGO_KEY}`);
    }
  });
  await withApis({}, async (apis) => {
    const wrong = tiingoSharePrices({
      baseUrl: apis.tiingo.url,
      apiKey: 'not-the-key',
      timing: manualTiming(SHARE_CLOCK_MS).timing,
    });
    const error = await failure(wrong.fetchShareCloses('MARA', '2026-02-02', '2026-02-06', quiet));
    assert.equal(error.failure, 'auth');
    assert.ok(!error.message.includes('not-the-key'));
  });
});

test('a malformed close or date names the field; a ticker that is not one is refused before any request', async () => {
  await withApis({}, async (apis) => {
    apis.nasdaq.route('GET /api/quote/MARA/historical', {
      body: { data: { tradesTable: { rows: [{ date: '02/30/2026', close: '$1.00' }] } }, status: { rCode: 200 } },
    });
    const date = await failure(
      provider('nasdaq', apis).built.fetchShareCloses('MARA', '2026-02-02', '2026-02-06', quiet),
    );
    assert.match(date.message, /rows\[0\]\.date: a calendar date, got "02\/30\/2026"/);
    apis.nasdaq.route('GET /api/quote/MARA/historical', {
      body: { data: { tradesTable: { rows: [{ date: '02/03/2026', close: '1.00 EUR' }] } }, status: { rCode: 200 } },
    });
    const close = await failure(
      provider('nasdaq', apis).built.fetchShareCloses('MARA', '2026-02-02', '2026-02-06', quiet),
    );
    assert.match(close.message, /rows\[0\]\.close: a "\$" amount/);
    const bad = await failure(
      provider('yahoo', apis).built.fetchShareCloses('../x', '2026-02-02', '2026-02-06', quiet),
    );
    assert.equal(bad.failure, 'invalid-response');
    assert.equal(apis.yahoo.requests.length, 0);
  });
});

test('a span without a trading day is an empty answer, not a failure', async () => {
  await withApis({}, async (apis) => {
    apis.yahoo.route('GET /v8/finance/chart/MARA', {
      body: {
        chart: { result: [{ meta: { currency: 'USD', gmtoffset: -18000 }, indicators: { quote: [{}] } }], error: null },
      },
    });
    apis.nasdaq.route('GET /api/quote/MARA/historical', {
      body: { data: { symbol: 'MARA', totalRecords: 0, tradesTable: null }, status: { rCode: 200 } },
    });
    for (const name of NAMES) {
      const fetched = await provider(name, apis).built.fetchShareCloses('MARA', '2026-02-07', '2026-02-08', quiet);
      assert.deepEqual(fetched.closes, [], name);
    }
  });
});
