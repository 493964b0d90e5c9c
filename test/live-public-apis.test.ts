// The mempool.space chain provider and the Coinbase, Kraken and Bitstamp price providers against fake servers that
// replay the synthesized recordings in test/fixtures/live/ (no test reaches the internet). Retries sleep on a manual
// clock; the timeout cases wait 2 × 200 ms for real.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { FetchProgress, PriceProvider } from '../src/app/live-data.ts';
import { ProviderError, type ProviderFailure } from '../src/data/http/provider-error.ts';
import type { BreakerPolicy, RetryPolicy } from '../src/data/http/resilient-client.ts';
import { bitstampPrices } from '../src/data/providers/bitstamp-prices.ts';
import { coinbasePrices } from '../src/data/providers/coinbase-prices.ts';
import type { PriceApiConfig } from '../src/data/providers/daily-closes.ts';
import { krakenPrices } from '../src/data/providers/kraken-prices.ts';
import { mempoolProvider } from '../src/data/providers/mempool.ts';
import type { FakeServer } from './support/fake-http-server.ts';
import {
  expectedCloses,
  FEES_OUTLIER_HEIGHT,
  GAP_HEIGHT,
  JUMP_DAY,
  manualTiming,
  RETRY_AFTER_S,
  startFakeBitstamp,
  startFakeCoinbase,
  startFakeKraken,
  startFakeMempool,
  SUBSIDY_HEIGHT,
  type PriceFault,
} from './support/fake-public-apis.ts';
import { expectedSyntheticDays, syntheticBlock, syntheticChain } from './support/synthetic-chain.ts';

const REQUEST = { firstDay: '2026-02-05', lastDay: '2026-02-08', firstHeight: 935_058, firstEpoch: 464 };
const FAST_RETRY: Partial<RetryPolicy> = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1_000, maxRetryAfterMs: 10_000 };
const CALM_BREAKER: Partial<BreakerPolicy> = { failureThreshold: 50, coolDownMs: 60_000 };

function progressLog(): { progress: FetchProgress; events: { source: string; done: number; total: number; unit: string }[] } {
  const events: { source: string; done: number; total: number; unit: string }[] = [];
  return { progress: (event) => events.push(event), events };
}

async function withServer<T>(server: FakeServer, body: (server: FakeServer) => Promise<T>): Promise<T> {
  try {
    return await body(server);
  } finally {
    await server.close();
  }
}

/** Awaits a rejection with a ProviderError of `failure` whose message matches every pattern. */
async function rejectsWith(promise: Promise<unknown>, failure: ProviderFailure, ...patterns: (RegExp | string)[]): Promise<ProviderError> {
  const error = await promise.then(
    () => assert.fail(`expected a ProviderError (${failure}), but the call succeeded`),
    (caught: unknown) => caught,
  );
  assert.ok(error instanceof ProviderError, `expected a ProviderError, got ${String(error)}`);
  assert.equal(error.failure, failure, error.message);
  for (const pattern of patterns) {
    if (typeof pattern === 'string') assert.ok(error.message.includes(pattern), `"${error.message}" should contain "${pattern}"`);
    else assert.match(error.message, pattern);
  }
  return error;
}

// ---------------------------------------------------------------------------------------------------------------
// mempool.space

function mempoolFor(server: FakeServer, clock = manualTiming(), overrides: { retry?: Partial<RetryPolicy>; breaker?: Partial<BreakerPolicy> } = {}) {
  return mempoolProvider({ baseUrl: server.url, timing: clock.timing, timeoutMs: 200, retry: overrides.retry ?? FAST_RETRY, breaker: overrides.breaker ?? CALM_BREAKER });
}

test('mempool: a full fetch gives the synthetic days (tip heights exactly, fees to 1e-8 BTC) and epoch 464', async () => {
  await withServer(await startFakeMempool(), async (server) => {
    const { progress, events } = progressLog();
    const fetched = await mempoolFor(server).fetchChain(REQUEST, progress);
    const expected = expectedSyntheticDays();
    assert.equal(fetched.source, 'mempool');
    assert.deepEqual(fetched.days.map((day) => [day.date, day.tipHeight]), expected.map((day) => [day.date, day.tipHeight]));
    fetched.days.forEach((day, index) => {
      assert.ok(Math.abs((day.feesBtc as number) - (expected[index] as { feesSats: number }).feesSats / 1e8) < 1e-8, `${day.date} fees ${day.feesBtc}`);
    });
    const epochBlock = syntheticBlock(935_424);
    assert.ok(epochBlock);
    assert.deepEqual(fetched.epochs, [{ epoch: 464, startHeight: 935_424, bits: epochBlock.bits, startTimeUnixS: epochBlock.time, chainworkHex: null }]);
    assert.equal(epochBlock.bits, syntheticChain().epochBits[464]);
    assert.deepEqual(fetched.notes, []);
    // Requests: genesis, tip, then one per 15 blocks up to the block that closes the last day; epoch 464's first
    // block was among them, so no more.
    const lastTip = (expected[expected.length - 1] as { tipHeight: number }).tipHeight;
    const pages = Math.ceil((lastTip + 1 - REQUEST.firstHeight + 1) / 15);
    assert.deepEqual(server.requests.slice(0, 2).map((request) => request.url), ['/api/v1/blocks/0', '/api/blocks/tip/height']);
    assert.equal(server.requests.length, 2 + pages);
    assert.equal(server.requests[2]?.url, `/api/v1/blocks/${REQUEST.firstHeight + 14}`);
    assert.deepEqual(events.filter((event) => event.unit === 'days').at(-1), { source: 'mempool', done: 4, total: 4, unit: 'days' });
    assert.deepEqual(events.filter((event) => event.unit === 'epochs').at(-1), { source: 'mempool', done: 1, total: 1, unit: 'epochs' });
  });
});

test('mempool: only complete days come back, stopping early without error; a later first day starts at its height', async () => {
  await withServer(await startFakeMempool(), async (server) => {
    const provider = mempoolFor(server);
    const expected = expectedSyntheticDays();
    const beyond = await provider.fetchChain({ ...REQUEST, lastDay: '2026-02-12' }, () => {});
    assert.deepEqual(beyond.days.map((day) => day.date), ['2026-02-05', '2026-02-06', '2026-02-07', '2026-02-08']);
    const later = await provider.fetchChain({ ...REQUEST, firstDay: '2026-02-07', firstHeight: (expected[1] as { tipHeight: number }).tipHeight + 1 }, () => {});
    assert.deepEqual(later.days.map((day) => [day.date, day.tipHeight]), expected.slice(2).map((day) => [day.date, day.tipHeight]));
  });
});

for (const [fault, name] of [['wrong-chain-testnet3', 'testnet3'], ['wrong-chain-signet', 'signet']] as const) {
  test(`mempool: a ${name} instance is refused as the wrong chain, naming its genesis`, async () => {
    await withServer(await startFakeMempool({ fault }), async (server) => {
      const genesis = name === 'testnet3' ? '000000000933ea01ad0ee984209779baaec3ced90fa3f408719526f8d77f4943' : '00000008819873e925422c1ff0f99f7cc9bbb232af63a077a480a3633bee1ef6';
      await rejectsWith(mempoolFor(server).fetchChain(REQUEST, () => {}), 'wrong-chain', /^mempool: /, `${server.url}/api/v1/blocks/0`, genesis, `Bitcoin ${name}`);
      assert.equal(server.requests.length, 1, 'nothing is read after the genesis');
    });
  });
}

test('mempool: a gap in heights is an invalid response naming the height and the request', async () => {
  await withServer(await startFakeMempool({ fault: 'height-gap' }), async (server) => {
    const top = REQUEST.firstHeight + 15 * Math.floor((GAP_HEIGHT - REQUEST.firstHeight) / 15) + 14;
    await rejectsWith(mempoolFor(server).fetchChain(REQUEST, () => {}), 'invalid-response', `GET ${server.url}/api/v1/blocks/${top}`, `expected ${GAP_HEIGHT}`, 'without gaps or duplicates');
  });
});

test('mempool: a reward above subsidy + fees is an invalid response naming the block', async () => {
  await withServer(await startFakeMempool({ fault: 'subsidy-excess' }), async (server) => {
    await rejectsWith(mempoolFor(server).fetchChain(REQUEST, () => {}), 'invalid-response', `block ${SUBSIDY_HEIGHT}`, 'exceeds the block subsidy of 312500000 sats');
  });
});

test('mempool: a coinbase claiming less than its subsidy is noted, not refused', async () => {
  await withServer(await startFakeMempool({ fault: 'subsidy-underclaimed' }), async (server) => {
    const fetched = await mempoolFor(server).fetchChain(REQUEST, () => {});
    assert.equal(fetched.days.length, 4);
    assert.deepEqual(fetched.notes.map((note) => note.code), ['coinbase-underclaimed']);
    assert.match(fetched.notes[0]?.message ?? '', new RegExp(`block ${SUBSIDY_HEIGHT} claims 312499000 sats`));
  });
});

test('mempool: a day with fees over 5× the median is flagged with its value and kept', async () => {
  await withServer(await startFakeMempool({ fault: 'fees-outlier' }), async (server) => {
    const fetched = await mempoolFor(server).fetchChain(REQUEST, () => {});
    const expected = expectedSyntheticDays();
    const index = expected.findIndex((day) => day.tipHeight >= FEES_OUTLIER_HEIGHT);
    const day = expected[index] as { date: string; feesSats: number };
    assert.equal(fetched.days.length, 4);
    const feesBtc = fetched.days[index]?.feesBtc as number;
    assert.ok(Math.abs(feesBtc - (day.feesSats / 1e8 + 100)) < 1e-8);
    assert.equal(fetched.notes.length, 1);
    assert.equal(fetched.notes[0]?.code, 'fees-outlier');
    assert.equal(fetched.notes[0]?.date, day.date);
    assert.ok(fetched.notes[0]?.message.includes(feesBtc.toFixed(8)), fetched.notes[0]?.message);
  });
});

test('mempool: 500, 500, then 200 recovers, noting the retries', async () => {
  await withServer(await startFakeMempool({ fault: 'http-500-then-recover' }), async (server) => {
    const clock = manualTiming();
    const fetched = await mempoolFor(server, clock).fetchChain(REQUEST, () => {});
    assert.equal(fetched.days.length, 4);
    assert.equal(server.requests.filter((request) => request.url === '/api/v1/blocks/0').length, 3);
    assert.equal(clock.sleepsMs.length, 2);
    assert.deepEqual(fetched.notes.map((note) => note.code), ['retry', 'retry']);
    assert.match(fetched.notes[0]?.message ?? '', /HTTP 500/);
  });
});

test('mempool: 429 with Retry-After waits at least that long on the clock, then succeeds', async () => {
  await withServer(await startFakeMempool({ fault: 'rate-limited', faultPath: '/api/blocks/tip/height' }), async (server) => {
    const clock = manualTiming();
    const before = clock.nowMs();
    const fetched = await mempoolFor(server, clock).fetchChain(REQUEST, () => {});
    assert.equal(fetched.days.length, 4);
    assert.equal(clock.sleepsMs.length, 1);
    assert.ok((clock.sleepsMs[0] as number) >= RETRY_AFTER_S * 1000, `slept ${clock.sleepsMs[0]} ms`);
    assert.ok(clock.nowMs() - before >= RETRY_AFTER_S * 1000);
    assert.match(fetched.notes[0]?.message ?? '', /429/);
  });
});

test('mempool: an answer slower than the timeout fails as a timeout naming the request', async () => {
  await withServer(await startFakeMempool({ fault: 'timeout' }), async (server) => {
    await rejectsWith(mempoolFor(server, manualTiming(), { retry: { ...FAST_RETRY, maxAttempts: 2 } }).fetchChain(REQUEST, () => {}), 'timeout', `GET ${server.url}/api/v1/blocks/0`, 'within 200 ms', 'after 2 attempts');
  });
});

test('mempool: malformed JSON is an invalid response naming the request', async () => {
  await withServer(await startFakeMempool({ fault: 'malformed-json' }), async (server) => {
    await rejectsWith(mempoolFor(server).fetchChain(REQUEST, () => {}), 'invalid-response', /^mempool: /, `GET ${server.url}/api/v1/blocks/0`, 'malformed JSON');
  });
});

test('mempool: after repeated failures the circuit opens, calls fail fast without a request, and a trial follows the cool-down', async () => {
  await withServer(await startFakeMempool({ fault: 'http-500' }), async (server) => {
    const clock = manualTiming();
    const provider = mempoolFor(server, clock, { retry: { ...FAST_RETRY, maxAttempts: 3 }, breaker: { failureThreshold: 3, coolDownMs: 60_000 } });
    await rejectsWith(provider.fetchChain(REQUEST, () => {}), 'http', 'HTTP 500', 'after 3 attempts');
    assert.equal(server.requests.length, 3);
    await rejectsWith(provider.fetchChain(REQUEST, () => {}), 'circuit-open', /^mempool: /, 'the circuit is open');
    await rejectsWith(provider.fetchChain(REQUEST, () => {}), 'circuit-open');
    assert.equal(server.requests.length, 3, 'no request reached the server while the circuit was open');
    server.route('GET /api/v1/blocks/0', { body: readFileSync(new URL('./fixtures/live/mempool/genesis-mainnet.json', import.meta.url), 'utf8') });
    await clock.timing.sleep(60_000);
    const fetched = await provider.fetchChain(REQUEST, () => {});
    assert.equal(fetched.days.length, 4);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Prices

interface PriceCase {
  id: 'coinbase' | 'kraken' | 'bitstamp';
  start: (fault?: PriceFault) => Promise<FakeServer>;
  make: (config: PriceApiConfig) => PriceProvider;
  path: string;
  /** The field path of the close made wrong by the 'bad-close' fault, and what was expected there. */
  badClose: string;
  apiErrorText: string;
}

const PRICE_CASES: PriceCase[] = [
  { id: 'coinbase', start: (fault) => startFakeCoinbase(fault ? { fault } : {}), make: coinbasePrices, path: '/products/BTC-USD/candles', badClose: '[3][4]: expected a number', apiErrorText: 'granularity too small' },
  { id: 'kraken', start: (fault) => startFakeKraken(fault ? { fault } : {}), make: krakenPrices, path: '/0/public/OHLC', badClose: 'result.XXBTZUSD[3][4]: expected a decimal string', apiErrorText: 'EGeneral:Invalid arguments' },
  { id: 'bitstamp', start: (fault) => startFakeBitstamp(fault ? { fault } : {}), make: bitstampPrices, path: '/api/v2/ohlc/btcusd/', badClose: 'data.ohlc[3].close: expected a decimal string', apiErrorText: 'Invalid step value.' },
];

function pricesFor(kind: PriceCase, server: FakeServer, clock = manualTiming(), overrides: { retry?: Partial<RetryPolicy> } = {}): PriceProvider {
  return kind.make({ baseUrl: server.url, timing: clock.timing, timeoutMs: 200, retry: overrides.retry ?? FAST_RETRY, breaker: CALM_BREAKER });
}

for (const kind of PRICE_CASES) {
  test(`${kind.id}: the recorded closes for complete days, the running day left out`, async () => {
    await withServer(await kind.start(), async (server) => {
      const { progress, events } = progressLog();
      const provider = pricesFor(kind, server);
      assert.equal(provider.id, kind.id);
      assert.equal(provider.endpoint, server.url);
      const fetched = await provider.fetchDailyCloses('2026-02-01', '2026-02-09', progress);
      assert.equal(fetched.source, kind.id);
      assert.deepEqual(fetched.closes, expectedCloses()[kind.id]);
      assert.ok(!fetched.closes.some((close) => close.date === '2026-02-09'));
      assert.deepEqual(fetched.notes, []);
      assert.equal(server.requests.length, 1);
      assert.ok(server.requests[0]?.url.startsWith(kind.path));
      assert.deepEqual(events.at(-1), { source: kind.id, done: 1, total: 1, unit: 'requests' });
      const middle = await provider.fetchDailyCloses('2026-02-03', '2026-02-06', () => {});
      assert.deepEqual(middle.closes, expectedCloses()[kind.id].slice(2, 6));
    });
  });

  test(`${kind.id}: a wrong close type is an invalid response naming the field path`, async () => {
    await withServer(await kind.start('bad-close'), async (server) => {
      await rejectsWith(pricesFor(kind, server).fetchDailyCloses('2026-02-01', '2026-02-08', () => {}), 'invalid-response', `${kind.id}: GET ${server.url}${kind.path} ${kind.badClose}`);
    });
  });

  test(`${kind.id}: a close outside 100 … 10,000,000 USD is an invalid response`, async () => {
    await withServer(await kind.start('out-of-range'), async (server) => {
      await rejectsWith(pricesFor(kind, server).fetchDailyCloses('2026-02-01', '2026-02-08', () => {}), 'invalid-response', 'within 100 … 10,000,000 USD', 'got 50');
    });
  });

  test(`${kind.id}: an error reported by the API fails naming its message`, async () => {
    await withServer(await kind.start('api-error'), async (server) => {
      await rejectsWith(pricesFor(kind, server).fetchDailyCloses('2026-02-01', '2026-02-08', () => {}), 'http', `${kind.id}: `, kind.path, kind.apiErrorText);
    });
  });

  test(`${kind.id}: a jump of more than 20% is noted with its value and kept`, async () => {
    await withServer(await kind.start('price-jump'), async (server) => {
      const fetched = await pricesFor(kind, server).fetchDailyCloses('2026-02-01', '2026-02-08', () => {});
      assert.equal(fetched.closes.length, 8);
      const jumped = fetched.closes.find((close) => close.date === JUMP_DAY)?.closeUsd as number;
      const recorded = expectedCloses()[kind.id].find((close) => close.date === JUMP_DAY)?.closeUsd as number;
      assert.ok(Math.abs(jumped / recorded - 1.3) < 0.001, `${jumped} vs ${recorded}`);
      const jumps = fetched.notes.filter((note) => note.code === 'price-jump');
      assert.deepEqual(jumps.map((note) => note.date), [JUMP_DAY, '2026-02-06'], 'the jump and the fall back');
      assert.ok(jumps[0]?.message.includes(jumped.toLocaleString('en-US', { maximumFractionDigits: 2 })), jumps[0]?.message);
    });
  });

  test(`${kind.id}: 500, 500, then 200 recovers; 429 waits for Retry-After`, async () => {
    await withServer(await kind.start('http-500-then-recover'), async (server) => {
      const fetched = await pricesFor(kind, server).fetchDailyCloses('2026-02-01', '2026-02-08', () => {});
      assert.deepEqual(fetched.closes, expectedCloses()[kind.id]);
      assert.equal(server.requests.length, 3);
      assert.deepEqual(fetched.notes.map((note) => note.code), ['retry', 'retry']);
    });
    await withServer(await kind.start('rate-limited'), async (server) => {
      const clock = manualTiming();
      const fetched = await pricesFor(kind, server, clock).fetchDailyCloses('2026-02-01', '2026-02-08', () => {});
      assert.equal(fetched.closes.length, 8);
      assert.ok((clock.sleepsMs[0] as number) >= RETRY_AFTER_S * 1000, `slept ${clock.sleepsMs[0]} ms`);
    });
  });

  test(`${kind.id}: timeouts and malformed JSON map to their failures, naming the request`, async () => {
    await withServer(await kind.start('timeout'), async (server) => {
      await rejectsWith(pricesFor(kind, server, manualTiming(), { retry: { ...FAST_RETRY, maxAttempts: 2 } }).fetchDailyCloses('2026-02-01', '2026-02-08', () => {}), 'timeout', `${kind.id}: GET ${server.url}${kind.path}`);
    });
    await withServer(await kind.start('malformed-json'), async (server) => {
      await rejectsWith(pricesFor(kind, server).fetchDailyCloses('2026-02-01', '2026-02-08', () => {}), 'invalid-response', `${kind.id}: GET ${server.url}${kind.path}`, 'malformed JSON');
    });
  });

  test(`${kind.id}: the circuit opens after repeated failures and later calls send nothing`, async () => {
    await withServer(await kind.start('http-500'), async (server) => {
      const provider = kind.make({ baseUrl: server.url, timing: manualTiming().timing, timeoutMs: 200, retry: FAST_RETRY, breaker: { failureThreshold: 3, coolDownMs: 60_000 } });
      await rejectsWith(provider.fetchDailyCloses('2026-02-01', '2026-02-08', () => {}), 'http');
      await rejectsWith(provider.fetchDailyCloses('2026-02-01', '2026-02-08', () => {}), 'circuit-open', `${kind.id}: `);
      assert.equal(server.requests.length, 3);
    });
  });
}

test('coinbase: candles not newest first, or a day twice, are an invalid response', async () => {
  await withServer(await startFakeCoinbase(), async (server) => {
    const rows = expectedCloses().coinbase.map((close) => [Date.parse(`${close.date}T00:00:00Z`) / 1000, 1, 1e6, 1, close.closeUsd, 1]);
    server.route('GET /products/BTC-USD/candles', { body: rows });
    await rejectsWith(pricesFor(PRICE_CASES[0] as PriceCase, server).fetchDailyCloses('2026-02-01', '2026-02-08', () => {}), 'invalid-response', 'dates strictly ascending');
    server.route('GET /products/BTC-USD/candles', { body: [rows[1], rows[1], rows[0]] });
    await rejectsWith(pricesFor(PRICE_CASES[0] as PriceCase, server).fetchDailyCloses('2026-02-01', '2026-02-08', () => {}), 'invalid-response', 'one close per day');
  });
});

test('kraken: the last entry is the running interval and is dropped even when the clock says the day is over', async () => {
  await withServer(await startFakeKraken(), async (server) => {
    const clock = manualTiming(Date.parse('2026-02-10T01:00:00Z'));
    const fetched = await pricesFor(PRICE_CASES[1] as PriceCase, server, clock).fetchDailyCloses('2026-02-01', '2026-02-09', () => {});
    assert.deepEqual(fetched.closes, expectedCloses().kraken);
    assert.deepEqual(fetched.notes.map((note) => note.code), ['missing-days']);
    assert.match(fetched.notes[0]?.message ?? '', /2026-02-09/);
  });
});

test('kraken: the disagreeing recording differs from the others by about 2% on one day, and is returned as is', async () => {
  await withServer(await startFakeKraken({ fault: 'disagreeing' }), async (server) => {
    const fetched = await pricesFor(PRICE_CASES[1] as PriceCase, server).fetchDailyCloses('2026-02-01', '2026-02-08', () => {});
    const expected = expectedCloses();
    assert.deepEqual(fetched.closes, expected.krakenDisagreeing);
    assert.deepEqual(fetched.notes, []);
    for (const [index, close] of fetched.closes.entries()) {
      for (const other of [expected.coinbase, expected.bitstamp]) {
        const gap = Math.abs(close.closeUsd / (other[index] as { closeUsd: number }).closeUsd - 1);
        if (close.date === '2026-02-06') assert.ok(gap > 0.015 && gap < 0.025, `${close.date}: ${gap}`);
        else assert.ok(gap < 0.003, `${close.date}: ${gap}`);
      }
    }
  });
});
