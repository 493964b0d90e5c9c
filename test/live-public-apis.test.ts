// The mempool.space chain provider and the Coinbase, Kraken and Bitstamp price providers against fake servers that
// replay the synthesized recordings in test/fixtures/live/ (no test reaches the internet). Retries sleep on a manual
// clock; the timeout cases wait 2 × 200 ms for real.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { FetchProgress, PriceProvider } from '../src/app/ports/live-data.ts';
import { ProviderError, type ProviderFailure } from '../src/data/http/provider-error.ts';
import type { BreakerPolicy, RetryPolicy } from '../src/data/http/resilient-client.ts';
import { bitstampPrices } from '../src/data/providers/bitstamp-prices.ts';
import { coinbasePrices } from '../src/data/providers/coinbase-prices.ts';
import type { PriceApiConfig } from '../src/data/providers/daily-closes.ts';
import { krakenPrices } from '../src/data/providers/kraken-prices.ts';
import { mempoolProvider } from '../src/data/providers/mempool.ts';
import { adjustmentsWindow } from '../src/data/providers/mempool-difficulty-adjustments.ts';
import { mempoolPrices } from '../src/data/providers/mempool-prices.ts';
import { difficultyFromBits } from '../src/protocol/difficulty.ts';
import type { FakeServer } from './support/fake-http-server.ts';
import {
  ADJUSTMENT_FAULT_HEIGHT,
  BAD_PRICE_DAY,
  expectedCloses,
  FEES_OUTLIER_HEIGHT,
  GAP_HEIGHT,
  JUMP_DAY,
  manualTiming,
  MIDNIGHT_GAP_DAY,
  MISSING_PRICE_DAY,
  recordedDifficultyAdjustments,
  recordedMempoolPrices,
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
const FAST_RETRY: Partial<RetryPolicy> = {
  maxAttempts: 3,
  baseDelayMs: 100,
  maxDelayMs: 1_000,
  maxRetryAfterMs: 10_000,
};
const CALM_BREAKER: Partial<BreakerPolicy> = { failureThreshold: 50, coolDownMs: 60_000 };

function progressLog(): {
  progress: FetchProgress;
  events: { source: string; done: number; total: number; unit: string }[];
} {
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
async function rejectsWith(
  promise: Promise<unknown>,
  failure: ProviderFailure,
  ...patterns: (RegExp | string)[]
): Promise<ProviderError> {
  const error = await promise.then(
    () => assert.fail(`expected a ProviderError (${failure}), but the call succeeded`),
    (caught: unknown) => caught,
  );
  assert.ok(error instanceof ProviderError, `expected a ProviderError, got ${String(error)}`);
  assert.equal(error.failure, failure, error.message);
  for (const pattern of patterns) {
    if (typeof pattern === 'string')
      assert.ok(error.message.includes(pattern), `"${error.message}" should contain "${pattern}"`);
    else assert.match(error.message, pattern);
  }
  return error;
}

// ---------------------------------------------------------------------------------------------------------------
// mempool.space

function mempoolFor(
  server: FakeServer,
  clock = manualTiming(),
  overrides: { retry?: Partial<RetryPolicy>; breaker?: Partial<BreakerPolicy> } = {},
) {
  return mempoolProvider({
    baseUrl: server.url,
    timing: clock.timing,
    timeoutMs: 200,
    retry: overrides.retry ?? FAST_RETRY,
    breaker: overrides.breaker ?? CALM_BREAKER,
  });
}

const mempoolFullFetchTestName =
  'mempool: a full fetch gives the synthetic days (tip heights exactly, fees to 1e-8 BTC) and epoch 464';
test(mempoolFullFetchTestName, async () => {
  await withServer(await startFakeMempool(), async (server) => {
    const { progress, events } = progressLog();
    const fetched = await mempoolFor(server).fetchChain(REQUEST, progress);
    const expected = expectedSyntheticDays();
    assert.equal(fetched.source, 'mempool');
    assert.deepEqual(
      fetched.days.map((day) => [day.date, day.tipHeight]),
      expected.map((day) => [day.date, day.tipHeight]),
    );
    fetched.days.forEach((day, index) => {
      assert.ok(
        Math.abs((day.feesBtc as number) - (expected[index] as { feesSats: number }).feesSats / 1e8) < 1e-8,
        `${day.date} fees ${day.feesBtc}`,
      );
    });
    const epochBlock = syntheticBlock(935_424);
    assert.ok(epochBlock);
    assert.deepEqual(fetched.epochs, [
      { epoch: 464, startHeight: 935_424, bits: epochBlock.bits, startTimeUnixS: epochBlock.time, chainworkHex: null },
    ]);
    assert.equal(epochBlock.bits, syntheticChain().epochBits[464]);
    assert.deepEqual(fetched.notes, []);
    // Requests: genesis, tip, then one per 15 blocks up to the block that closes the last day; epoch 464's first
    // block was among them, so no more; last, the difficulty adjustments of the shortest window reaching epoch 464's
    // start (1.6 days before the clock, plus a day of slack: 3 days).
    const lastTip = (expected[expected.length - 1] as { tipHeight: number }).tipHeight;
    const pages = Math.ceil((lastTip + 1 - REQUEST.firstHeight + 1) / 15);
    assert.deepEqual(
      server.requests.slice(0, 2).map((request) => request.url),
      ['/api/v1/blocks/0', '/api/blocks/tip/height'],
    );
    assert.equal(server.requests.length, 2 + pages + 1);
    assert.equal(server.requests.at(-1)?.url, '/api/v1/mining/difficulty-adjustments/3d');
    assert.equal(server.requests[2]?.url, `/api/v1/blocks/${REQUEST.firstHeight + 14}`);
    assert.deepEqual(events.filter((event) => event.unit === 'days').at(-1), {
      source: 'mempool',
      done: 4,
      total: 4,
      unit: 'days',
    });
    assert.deepEqual(events.filter((event) => event.unit === 'epochs').at(-1), {
      source: 'mempool',
      done: 1,
      total: 1,
      unit: 'epochs',
    });
  });
});

const mempoolCompleteDaysTestName =
  'mempool: only complete days come back, stopping early without error; a later first day starts at its height';
test(mempoolCompleteDaysTestName, async () => {
  await withServer(await startFakeMempool(), async (server) => {
    const provider = mempoolFor(server);
    const expected = expectedSyntheticDays();
    const beyond = await provider.fetchChain({ ...REQUEST, lastDay: '2026-02-12' }, () => {});
    assert.deepEqual(
      beyond.days.map((day) => day.date),
      ['2026-02-05', '2026-02-06', '2026-02-07', '2026-02-08'],
    );
    const later = await provider.fetchChain(
      { ...REQUEST, firstDay: '2026-02-07', firstHeight: (expected[1] as { tipHeight: number }).tipHeight + 1 },
      () => {},
    );
    assert.deepEqual(
      later.days.map((day) => [day.date, day.tipHeight]),
      expected.slice(2).map((day) => [day.date, day.tipHeight]),
    );
  });
});

for (const [fault, name] of [
  ['wrong-chain-testnet3', 'testnet3'],
  ['wrong-chain-signet', 'signet'],
] as const) {
  test(`mempool: a ${name} instance is refused as the wrong chain, naming its genesis`, async () => {
    await withServer(await startFakeMempool({ fault }), async (server) => {
      const genesis =
        name === 'testnet3'
          ? '000000000933ea01ad0ee984209779baaec3ced90fa3f408719526f8d77f4943'
          : '00000008819873e925422c1ff0f99f7cc9bbb232af63a077a480a3633bee1ef6';
      await rejectsWith(
        mempoolFor(server).fetchChain(REQUEST, () => {}),
        'wrong-chain',
        /^mempool: /,
        `${server.url}/api/v1/blocks/0`,
        genesis,
        `Bitcoin ${name}`,
      );
      assert.equal(server.requests.length, 1, 'nothing is read after the genesis');
    });
  });
}

test('mempool: a gap in heights is an invalid response naming the height and the request', async () => {
  await withServer(await startFakeMempool({ fault: 'height-gap' }), async (server) => {
    const top = REQUEST.firstHeight + 15 * Math.floor((GAP_HEIGHT - REQUEST.firstHeight) / 15) + 14;
    await rejectsWith(
      mempoolFor(server).fetchChain(REQUEST, () => {}),
      'invalid-response',
      `GET ${server.url}/api/v1/blocks/${top}`,
      `expected ${GAP_HEIGHT}`,
      'without gaps or duplicates',
    );
  });
});

test('mempool: a reward above subsidy + fees is an invalid response naming the block', async () => {
  await withServer(await startFakeMempool({ fault: 'subsidy-excess' }), async (server) => {
    await rejectsWith(
      mempoolFor(server).fetchChain(REQUEST, () => {}),
      'invalid-response',
      `block ${SUBSIDY_HEIGHT}`,
      'exceeds the block subsidy of 312500000 sats',
    );
  });
});

test('mempool: a coinbase claiming less than its subsidy is noted, not refused', async () => {
  await withServer(await startFakeMempool({ fault: 'subsidy-underclaimed' }), async (server) => {
    const fetched = await mempoolFor(server).fetchChain(REQUEST, () => {});
    assert.equal(fetched.days.length, 4);
    assert.deepEqual(
      fetched.notes.map((note) => note.code),
      ['coinbase-underclaimed'],
    );
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
    assert.deepEqual(
      fetched.notes.map((note) => note.code),
      ['retry', 'retry'],
    );
    assert.match(fetched.notes[0]?.message ?? '', /HTTP 500/);
  });
});

test('mempool: 429 with Retry-After waits at least that long on the clock, then succeeds', async () => {
  await withServer(
    await startFakeMempool({ fault: 'rate-limited', faultPath: '/api/blocks/tip/height' }),
    async (server) => {
      const clock = manualTiming();
      const before = clock.nowMs();
      const fetched = await mempoolFor(server, clock).fetchChain(REQUEST, () => {});
      assert.equal(fetched.days.length, 4);
      assert.equal(clock.sleepsMs.length, 1);
      assert.ok((clock.sleepsMs[0] as number) >= RETRY_AFTER_S * 1000, `slept ${clock.sleepsMs[0]} ms`);
      assert.ok(clock.nowMs() - before >= RETRY_AFTER_S * 1000);
      assert.match(fetched.notes[0]?.message ?? '', /429/);
    },
  );
});

test('mempool: an answer slower than the timeout fails as a timeout naming the request', async () => {
  await withServer(await startFakeMempool({ fault: 'timeout' }), async (server) => {
    await rejectsWith(
      mempoolFor(server, manualTiming(), { retry: { ...FAST_RETRY, maxAttempts: 2 } }).fetchChain(REQUEST, () => {}),
      'timeout',
      `GET ${server.url}/api/v1/blocks/0`,
      'within 200 ms',
      'after 2 attempts',
    );
  });
});

test('mempool: malformed JSON is an invalid response naming the request', async () => {
  await withServer(await startFakeMempool({ fault: 'malformed-json' }), async (server) => {
    await rejectsWith(
      mempoolFor(server).fetchChain(REQUEST, () => {}),
      'invalid-response',
      /^mempool: /,
      `GET ${server.url}/api/v1/blocks/0`,
      'malformed JSON',
    );
  });
});

const mempoolCircuitTestName =
  'mempool: after repeated failures the circuit opens, calls fail fast without a request, and a trial follows the ' +
  'cool-down';
test(mempoolCircuitTestName, async () => {
  await withServer(await startFakeMempool({ fault: 'http-500' }), async (server) => {
    const clock = manualTiming();
    const provider = mempoolFor(server, clock, {
      retry: { ...FAST_RETRY, maxAttempts: 3 },
      breaker: { failureThreshold: 3, coolDownMs: 60_000 },
    });
    await rejectsWith(
      provider.fetchChain(REQUEST, () => {}),
      'http',
      'HTTP 500',
      'after 3 attempts',
    );
    assert.equal(server.requests.length, 3);
    await rejectsWith(
      provider.fetchChain(REQUEST, () => {}),
      'circuit-open',
      /^mempool: /,
      'the circuit is open',
    );
    await rejectsWith(
      provider.fetchChain(REQUEST, () => {}),
      'circuit-open',
    );
    assert.equal(server.requests.length, 3, 'no request reached the server while the circuit was open');
    server.route('GET /api/v1/blocks/0', {
      body: readFileSync(new URL('./fixtures/live/mempool/genesis-mainnet.json', import.meta.url), 'utf8'),
    });
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
  {
    id: 'coinbase',
    start: (fault) => startFakeCoinbase(fault ? { fault } : {}),
    make: coinbasePrices,
    path: '/products/BTC-USD/candles',
    badClose: '[3][4]: expected a number',
    apiErrorText: 'granularity too small',
  },
  {
    id: 'kraken',
    start: (fault) => startFakeKraken(fault ? { fault } : {}),
    make: krakenPrices,
    path: '/0/public/OHLC',
    badClose: 'result.XXBTZUSD[3][4]: expected a decimal string',
    apiErrorText: 'EGeneral:Invalid arguments',
  },
  {
    id: 'bitstamp',
    start: (fault) => startFakeBitstamp(fault ? { fault } : {}),
    make: bitstampPrices,
    path: '/api/v2/ohlc/btcusd/',
    badClose: 'data.ohlc[3].close: expected a decimal string',
    apiErrorText: 'Invalid step value.',
  },
];

function pricesFor(
  kind: PriceCase,
  server: FakeServer,
  clock = manualTiming(),
  overrides: { retry?: Partial<RetryPolicy> } = {},
): PriceProvider {
  return kind.make({
    baseUrl: server.url,
    timing: clock.timing,
    timeoutMs: 200,
    retry: overrides.retry ?? FAST_RETRY,
    breaker: CALM_BREAKER,
  });
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
      await rejectsWith(
        pricesFor(kind, server).fetchDailyCloses('2026-02-01', '2026-02-08', () => {}),
        'invalid-response',
        `${kind.id}: GET ${server.url}${kind.path} ${kind.badClose}`,
      );
    });
  });

  test(`${kind.id}: a close outside 100 … 10,000,000 USD is an invalid response`, async () => {
    await withServer(await kind.start('out-of-range'), async (server) => {
      await rejectsWith(
        pricesFor(kind, server).fetchDailyCloses('2026-02-01', '2026-02-08', () => {}),
        'invalid-response',
        'within 100 … 10,000,000 USD',
        'got 50',
      );
    });
  });

  test(`${kind.id}: an error reported by the API fails naming its message`, async () => {
    await withServer(await kind.start('api-error'), async (server) => {
      await rejectsWith(
        pricesFor(kind, server).fetchDailyCloses('2026-02-01', '2026-02-08', () => {}),
        'http',
        `${kind.id}: `,
        kind.path,
        kind.apiErrorText,
      );
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
      assert.deepEqual(
        jumps.map((note) => note.date),
        [JUMP_DAY, '2026-02-06'],
        'the jump and the fall back',
      );
      assert.ok(
        jumps[0]?.message.includes(jumped.toLocaleString('en-US', { maximumFractionDigits: 2 })),
        jumps[0]?.message,
      );
    });
  });

  test(`${kind.id}: 500, 500, then 200 recovers; 429 waits for Retry-After`, async () => {
    await withServer(await kind.start('http-500-then-recover'), async (server) => {
      const fetched = await pricesFor(kind, server).fetchDailyCloses('2026-02-01', '2026-02-08', () => {});
      assert.deepEqual(fetched.closes, expectedCloses()[kind.id]);
      assert.equal(server.requests.length, 3);
      assert.deepEqual(
        fetched.notes.map((note) => note.code),
        ['retry', 'retry'],
      );
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
      await rejectsWith(
        pricesFor(kind, server, manualTiming(), { retry: { ...FAST_RETRY, maxAttempts: 2 } }).fetchDailyCloses(
          '2026-02-01',
          '2026-02-08',
          () => {},
        ),
        'timeout',
        `${kind.id}: GET ${server.url}${kind.path}`,
      );
    });
    await withServer(await kind.start('malformed-json'), async (server) => {
      await rejectsWith(
        pricesFor(kind, server).fetchDailyCloses('2026-02-01', '2026-02-08', () => {}),
        'invalid-response',
        `${kind.id}: GET ${server.url}${kind.path}`,
        'malformed JSON',
      );
    });
  });

  test(`${kind.id}: the circuit opens after repeated failures and later calls send nothing`, async () => {
    await withServer(await kind.start('http-500'), async (server) => {
      const provider = kind.make({
        baseUrl: server.url,
        timing: manualTiming().timing,
        timeoutMs: 200,
        retry: FAST_RETRY,
        breaker: { failureThreshold: 3, coolDownMs: 60_000 },
      });
      await rejectsWith(
        provider.fetchDailyCloses('2026-02-01', '2026-02-08', () => {}),
        'http',
      );
      await rejectsWith(
        provider.fetchDailyCloses('2026-02-01', '2026-02-08', () => {}),
        'circuit-open',
        `${kind.id}: `,
      );
      assert.equal(server.requests.length, 3);
    });
  });
}

test('coinbase: candles not newest first, or a day twice, are an invalid response', async () => {
  await withServer(await startFakeCoinbase(), async (server) => {
    const rows = expectedCloses().coinbase.map((close) => [
      Date.parse(`${close.date}T00:00:00Z`) / 1000,
      1,
      1e6,
      1,
      close.closeUsd,
      1,
    ]);
    server.route('GET /products/BTC-USD/candles', { body: rows });
    await rejectsWith(
      pricesFor(PRICE_CASES[0] as PriceCase, server).fetchDailyCloses('2026-02-01', '2026-02-08', () => {}),
      'invalid-response',
      'dates strictly ascending',
    );
    server.route('GET /products/BTC-USD/candles', { body: [rows[1], rows[1], rows[0]] });
    await rejectsWith(
      pricesFor(PRICE_CASES[0] as PriceCase, server).fetchDailyCloses('2026-02-01', '2026-02-08', () => {}),
      'invalid-response',
      'one close per day',
    );
  });
});

const krakenRunningIntervalTestName =
  'kraken: the last entry is the running interval and is dropped even when the clock says the day is over';
test(krakenRunningIntervalTestName, async () => {
  await withServer(await startFakeKraken(), async (server) => {
    const clock = manualTiming(Date.parse('2026-02-10T01:00:00Z'));
    const fetched = await pricesFor(PRICE_CASES[1] as PriceCase, server, clock).fetchDailyCloses(
      '2026-02-01',
      '2026-02-09',
      () => {},
    );
    assert.deepEqual(fetched.closes, expectedCloses().kraken);
    assert.deepEqual(
      fetched.notes.map((note) => note.code),
      ['missing-days'],
    );
    assert.match(fetched.notes[0]?.message ?? '', /2026-02-09/);
  });
});

const krakenDisagreeingRecordingTestName =
  'kraken: the disagreeing recording differs from the others by about 2% on one day, and is returned as is';
test(krakenDisagreeingRecordingTestName, async () => {
  await withServer(await startFakeKraken({ fault: 'disagreeing' }), async (server) => {
    const fetched = await pricesFor(PRICE_CASES[1] as PriceCase, server).fetchDailyCloses(
      '2026-02-01',
      '2026-02-08',
      () => {},
    );
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

// ---------------------------------------------------------------------------------------------------------------
// mempool.space: the difficulty-adjustments cross-check

const ADJUSTMENTS_3D = '/api/v1/mining/difficulty-adjustments/3d';

test('mempool: the adjustments window is the shortest that reaches the oldest epoch start with a day of slack', () => {
  const start = 1_770_470_584;
  const day = 86_400;
  assert.equal(adjustmentsWindow(start, start), '24h');
  assert.equal(adjustmentsWindow(start, start + 1.6 * day), '3d');
  assert.equal(adjustmentsWindow(start, start + 6 * day), '1w');
  assert.equal(adjustmentsWindow(start, start + 6.5 * day), '1m');
  assert.equal(adjustmentsWindow(start, start + 100 * day), '6m');
  assert.equal(adjustmentsWindow(start, start + 1_459 * day), '4y');
  assert.equal(adjustmentsWindow(start, start + 1_460 * day), undefined, 'beyond 4 years: every row');
});

const mempoolEpochAgreesTestName =
  'mempool: epoch 464 agrees with its listed difficulty adjustment; a later clock asks a longer window';
test(mempoolEpochAgreesTestName, async () => {
  await withServer(await startFakeMempool(), async (server) => {
    const listed = recordedDifficultyAdjustments().find((row) => row[1] === 935_424);
    assert.ok(listed);
    const epochBlock = syntheticBlock(935_424) as { bits: number };
    assert.ok(Math.abs(listed[2] / difficultyFromBits(epochBlock.bits) - 1) < 1e-12);
    const fetched = await mempoolFor(server).fetchChain(REQUEST, () => {});
    assert.equal(fetched.epochs.length, 1);
    assert.deepEqual(fetched.notes, []);
    assert.deepEqual(
      server.requests.filter((request) => request.url.includes('difficulty-adjustments')).map((request) => request.url),
      [ADJUSTMENTS_3D],
    );
    // 20 days later (the recording's server still answers as of its own time), a month reaches back far enough.
    server.requests.length = 0;
    const later = await mempoolFor(server, manualTiming((1_770_606_000 + 20 * 86_400) * 1000)).fetchChain(
      REQUEST,
      () => {},
    );
    assert.deepEqual(later.notes, []);
    assert.deepEqual(
      server.requests.filter((request) => request.url.includes('difficulty-adjustments')).map((request) => request.url),
      ['/api/v1/mining/difficulty-adjustments/1m'],
    );
  });
});

const mempoolEpochDisagreesTestName =
  'mempool: a listed difficulty that disagrees with the epoch bits is an invalid response naming the epoch and both ' +
  'values';
test(mempoolEpochDisagreesTestName, async () => {
  await withServer(await startFakeMempool({ fault: 'difficulty-mismatch' }), async (server) => {
    const bits = (syntheticBlock(ADJUSTMENT_FAULT_HEIGHT) as { bits: number }).bits;
    const listed = (
      recordedDifficultyAdjustments().find((row) => row[1] === ADJUSTMENT_FAULT_HEIGHT) as number[]
    )[2] as number;
    await rejectsWith(
      mempoolFor(server).fetchChain(REQUEST, () => {}),
      'invalid-response',
      /^mempool: /,
      `GET ${server.url}${ADJUSTMENTS_3D} [0][2]`,
      `epoch 464 (block ${ADJUSTMENT_FAULT_HEIGHT})`,
      String(listed * 1.001),
      String(difficultyFromBits(bits)),
      `0x${bits.toString(16)}`,
    );
  });
});

test('mempool: an epoch not (yet) listed among the adjustments is noted, not refused', async () => {
  await withServer(await startFakeMempool({ fault: 'difficulty-unlisted' }), async (server) => {
    const fetched = await mempoolFor(server).fetchChain(REQUEST, () => {});
    assert.equal(fetched.epochs.length, 1);
    assert.deepEqual(
      fetched.notes.map((note) => note.code),
      ['difficulty-unlisted'],
    );
    assert.match(fetched.notes[0]?.message ?? '', /epoch 464 \(block 935424\) is not among the difficulty adjustments/);
  });
});

test('mempool: no epoch fetched, no adjustments request', async () => {
  await withServer(await startFakeMempool(), async (server) => {
    const fetched = await mempoolFor(server).fetchChain({ ...REQUEST, firstEpoch: 465 }, () => {});
    assert.deepEqual(fetched.epochs, []);
    assert.equal(fetched.days.length, 4);
    assert.ok(!server.requests.some((request) => request.url.includes('difficulty-adjustments')));
    const lastTip = (expectedSyntheticDays().at(-1) as { tipHeight: number }).tipHeight;
    assert.equal(server.requests.length, 2 + Math.ceil((lastTip + 1 - REQUEST.firstHeight + 1) / 15));
  });
});

test('mempool: a malformed adjustments answer is an invalid response naming the field', async () => {
  await withServer(await startFakeMempool(), async (server) => {
    server.route(`GET ${ADJUSTMENTS_3D}`, { body: { message: 'not a list' } });
    await rejectsWith(
      mempoolFor(server).fetchChain(REQUEST, () => {}),
      'invalid-response',
      `GET ${server.url}${ADJUSTMENTS_3D}: expected an array`,
    );
    server.route(`GET ${ADJUSTMENTS_3D}`, { body: [[1_770_470_584, 935_424, '126028835726173.53', 0.889606]] });
    await rejectsWith(
      mempoolFor(server).fetchChain(REQUEST, () => {}),
      'invalid-response',
      `${ADJUSTMENTS_3D} [0][2]: expected a positive difficulty`,
    );
    server.route(`GET ${ADJUSTMENTS_3D}`, { body: [[1_770_470_584, -1, 1, 1]] });
    await rejectsWith(
      mempoolFor(server).fetchChain(REQUEST, () => {}),
      'invalid-response',
      `${ADJUSTMENTS_3D} [0][1]: expected an integer ≥ 0`,
    );
    server.route(`GET ${ADJUSTMENTS_3D}`, { body: [[1_770_470_584, 935_424, 1]] });
    await rejectsWith(
      mempoolFor(server).fetchChain(REQUEST, () => {}),
      'invalid-response',
      `${ADJUSTMENTS_3D} [0]: expected [time, height, difficulty, adjustment]`,
    );
  });
});

test('mempool: common faults on the adjustments request map to their failures', async () => {
  await withServer(await startFakeMempool({ fault: 'http-500', faultPath: ADJUSTMENTS_3D }), async (server) => {
    await rejectsWith(
      mempoolFor(server).fetchChain(REQUEST, () => {}),
      'http',
      `GET ${server.url}${ADJUSTMENTS_3D}`,
      'HTTP 500',
      'after 3 attempts',
    );
  });
  await withServer(await startFakeMempool({ fault: 'malformed-json', faultPath: ADJUSTMENTS_3D }), async (server) => {
    await rejectsWith(
      mempoolFor(server).fetchChain(REQUEST, () => {}),
      'invalid-response',
      `GET ${server.url}${ADJUSTMENTS_3D}`,
      'malformed JSON',
    );
  });
  await withServer(await startFakeMempool({ fault: 'timeout', faultPath: ADJUSTMENTS_3D }), async (server) => {
    await rejectsWith(
      mempoolFor(server, manualTiming(), { retry: { ...FAST_RETRY, maxAttempts: 2 } }).fetchChain(REQUEST, () => {}),
      'timeout',
      `GET ${server.url}${ADJUSTMENTS_3D}`,
    );
  });
  await withServer(await startFakeMempool({ fault: 'rate-limited', faultPath: ADJUSTMENTS_3D }), async (server) => {
    const clock = manualTiming();
    const fetched = await mempoolFor(server, clock).fetchChain(REQUEST, () => {});
    assert.equal(fetched.epochs.length, 1);
    assert.ok((clock.sleepsMs[0] as number) >= RETRY_AFTER_S * 1000);
    assert.deepEqual(
      fetched.notes.map((note) => note.code),
      ['retry'],
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// mempool.space: daily closes from the price history

const HISTORY_PATH = '/api/v1/historical-price';

function mempoolPricesFor(
  server: FakeServer,
  clock = manualTiming(),
  overrides: { retry?: Partial<RetryPolicy>; breaker?: Partial<BreakerPolicy> } = {},
): PriceProvider {
  return mempoolPrices({
    baseUrl: server.url,
    timing: clock.timing,
    timeoutMs: 200,
    retry: overrides.retry ?? FAST_RETRY,
    breaker: overrides.breaker ?? CALM_BREAKER,
  });
}

/** mempool's price is the whole-USD median of the exchanges: the closes it must give for 2026-02-01 … 2026-02-08. */
function expectedMempoolCloses(): { date: string; closeUsd: number }[] {
  const recorded = expectedCloses();
  return recorded.coinbase.map((close, index) => {
    const closes = [
      close.closeUsd,
      recorded.kraken[index]?.closeUsd as number,
      recorded.bitstamp[index]?.closeUsd as number,
    ].sort((a, b) => a - b);
    return { date: close.date, closeUsd: Math.round(closes[1] as number) };
  });
}

/** Unix seconds of the midnight that ends `day`, and the index of the recorded point at `time`. */
const endOf = (day: string) => Date.parse(`${day}T00:00:00Z`) / 1000 + 86_400;
const recordedIndexAt = (time: number) => recordedMempoolPrices().prices.findIndex((point) => point.time === time);

const mempoolPricesMidnightTestName =
  'mempool prices: the midnight points give the closes of complete days, the running day left out, in one request';
test(mempoolPricesMidnightTestName, async () => {
  await withServer(await startFakeMempool(), async (server) => {
    const { progress, events } = progressLog();
    const provider = mempoolPricesFor(server);
    assert.equal(provider.id, 'mempool');
    assert.equal(provider.endpoint, server.url);
    const fetched = await provider.fetchDailyCloses('2026-02-01', '2026-02-09', progress);
    assert.equal(fetched.source, 'mempool');
    assert.deepEqual(fetched.closes, expectedMempoolCloses());
    assert.ok(!fetched.closes.some((close) => close.date === '2026-02-09'));
    assert.deepEqual(fetched.notes, []);
    assert.deepEqual(
      server.requests.map((request) => request.url),
      [`${HISTORY_PATH}?currency=USD`],
    );
    assert.deepEqual(events.at(-1), { source: 'mempool', done: 1, total: 1, unit: 'requests' });
    // The close is the midnight point, not the 23:00 one before it.
    const history = recordedMempoolPrices().prices;
    const at2300 = history.find((point) => point.time === endOf('2026-02-05') - 3_600)?.USD;
    assert.notEqual(at2300, fetched.closes.find((close) => close.date === '2026-02-05')?.closeUsd);
    const middle = await provider.fetchDailyCloses('2026-02-03', '2026-02-06', () => {});
    assert.deepEqual(middle.closes, expectedMempoolCloses().slice(2, 6));
    assert.equal(server.requests.length, 2);
  });
});

const mempoolPricesShapeTestName =
  'mempool prices: the recorded history has the documented shape: newest first, whole USD, {prices, exchangeRates}';
test(mempoolPricesShapeTestName, () => {
  const history = recordedMempoolPrices();
  assert.deepEqual(Object.keys(history), ['prices', 'exchangeRates']);
  assert.ok(
    history.prices.every(
      (point, index) => index === 0 || point.time < (history.prices[index - 1] as { time: number }).time,
    ),
    'newest first',
  );
  assert.ok(
    history.prices.every((point) => Number.isInteger(point.USD)),
    'whole USD',
  );
});

test('mempool prices: a day with no point in the hour before its next midnight is missing and noted', async () => {
  await withServer(await startFakeMempool({ fault: 'missing-day' }), async (server) => {
    const fetched = await mempoolPricesFor(server).fetchDailyCloses('2026-02-01', '2026-02-08', () => {});
    assert.deepEqual(
      fetched.closes,
      expectedMempoolCloses().filter((close) => close.date !== MISSING_PRICE_DAY),
    );
    assert.deepEqual(
      fetched.notes.map((note) => note.code),
      ['missing-days'],
    );
    assert.match(fetched.notes[0]?.message ?? '', new RegExp(`no close for 1 of 8 days .*\\(${MISSING_PRICE_DAY}\\)`));
  });
});

const mempoolPricesNoMidnightTestName =
  'mempool prices: without a midnight point the 23:00 point is the close; a "no price" marker (−1) counts as no point';
test(mempoolPricesNoMidnightTestName, async () => {
  await withServer(await startFakeMempool({ fault: 'midnight-gap' }), async (server) => {
    const fetched = await mempoolPricesFor(server).fetchDailyCloses('2026-02-01', '2026-02-08', () => {});
    const at2300 = recordedMempoolPrices().prices.find((point) => point.time === endOf(MIDNIGHT_GAP_DAY) - 3_600)?.USD;
    assert.equal(fetched.closes.find((close) => close.date === MIDNIGHT_GAP_DAY)?.closeUsd, at2300);
    assert.equal(fetched.closes.length, 8);
    assert.deepEqual(fetched.notes, []);
  });
  await withServer(await startFakeMempool(), async (server) => {
    const history = recordedMempoolPrices();
    const midnight = history.prices[recordedIndexAt(endOf('2026-02-07'))] as { USD: unknown };
    midnight.USD = -1;
    server.route(`GET ${HISTORY_PATH}`, { body: history });
    const fetched = await mempoolPricesFor(server).fetchDailyCloses('2026-02-07', '2026-02-07', () => {});
    assert.deepEqual(fetched.closes, [
      { date: '2026-02-07', closeUsd: history.prices[recordedIndexAt(endOf('2026-02-07') - 3_600)]?.USD },
    ]);
  });
});

const mempoolPricesWeeklyTestName =
  'mempool prices: days in the weekly part of the history have no close (a weekly point is not a day close)';
test(mempoolPricesWeeklyTestName, async () => {
  await withServer(await startFakeMempool(), async (server) => {
    // 2025-11-19 ends at Thursday 2025-11-20 00:00, where a weekly point is stamped.
    assert.ok(recordedIndexAt(endOf('2025-11-19')) >= 0);
    const fetched = await mempoolPricesFor(server).fetchDailyCloses('2025-11-01', '2025-11-30', () => {});
    assert.deepEqual(fetched.closes, []);
    assert.deepEqual(
      fetched.notes.map((note) => note.code),
      ['missing-days'],
    );
    assert.match(fetched.notes[0]?.message ?? '', /no close for 30 of 30 days/);
  });
});

const mempoolPricesInvalidTestName =
  'mempool prices: a price of the wrong type or out of range is an invalid response naming the field path';
test(mempoolPricesInvalidTestName, async () => {
  const index = recordedIndexAt(endOf(BAD_PRICE_DAY));
  await withServer(await startFakeMempool({ fault: 'bad-price' }), async (server) => {
    await rejectsWith(
      mempoolPricesFor(server).fetchDailyCloses('2026-02-01', '2026-02-08', () => {}),
      'invalid-response',
      `mempool: GET ${server.url}${HISTORY_PATH} prices[${index}].USD: expected a number`,
    );
  });
  await withServer(await startFakeMempool({ fault: 'price-out-of-range' }), async (server) => {
    await rejectsWith(
      mempoolPricesFor(server).fetchDailyCloses('2026-02-01', '2026-02-08', () => {}),
      'invalid-response',
      `prices[${index}].USD: expected a close within 100 … 10,000,000 USD for ${BAD_PRICE_DAY}`,
      'got 50',
    );
  });
});

test('mempool prices: bad shapes name the field', async () => {
  await withServer(await startFakeMempool(), async (server) => {
    const run = () => mempoolPricesFor(server).fetchDailyCloses('2026-02-01', '2026-02-08', () => {});
    const where = `mempool: GET ${server.url}${HISTORY_PATH}`;
    server.route(`GET ${HISTORY_PATH}`, { body: 'null' });
    await rejectsWith(run(), 'invalid-response', `${where} (body): expected an object, got null`);
    server.route(`GET ${HISTORY_PATH}`, { body: { prices: {}, exchangeRates: {} } });
    await rejectsWith(run(), 'invalid-response', `${where} prices: expected an array`);
    server.route(`GET ${HISTORY_PATH}`, { body: { prices: [{ time: '1770595200', USD: 76738 }], exchangeRates: {} } });
    await rejectsWith(run(), 'invalid-response', `${where} prices[0].time: expected unix seconds`);
    server.route(`GET ${HISTORY_PATH}`, { body: { prices: [42], exchangeRates: {} } });
    await rejectsWith(run(), 'invalid-response', `${where} prices[0]: expected an object`);
    const oldestFirst = [...recordedMempoolPrices().prices].reverse();
    server.route(`GET ${HISTORY_PATH}`, { body: { prices: oldestFirst, exchangeRates: {} } });
    await rejectsWith(run(), 'invalid-response', `${where} prices[1].time: expected a time before`, 'newest first');
  });
});

const mempoolPricesFaultsTestName =
  'mempool prices: common faults map to their failures; an instance without prices (testnet) is refused';
test(mempoolPricesFaultsTestName, async () => {
  await withServer(
    await startFakeMempool({ fault: 'http-500-then-recover', faultPath: HISTORY_PATH }),
    async (server) => {
      const fetched = await mempoolPricesFor(server).fetchDailyCloses('2026-02-01', '2026-02-08', () => {});
      assert.deepEqual(fetched.closes, expectedMempoolCloses());
      assert.equal(server.requests.length, 3);
      assert.deepEqual(
        fetched.notes.map((note) => note.code),
        ['retry', 'retry'],
      );
    },
  );
  await withServer(await startFakeMempool({ fault: 'rate-limited', faultPath: HISTORY_PATH }), async (server) => {
    const clock = manualTiming();
    const fetched = await mempoolPricesFor(server, clock).fetchDailyCloses('2026-02-01', '2026-02-08', () => {});
    assert.equal(fetched.closes.length, 8);
    assert.ok((clock.sleepsMs[0] as number) >= RETRY_AFTER_S * 1000, `slept ${clock.sleepsMs[0]} ms`);
  });
  await withServer(await startFakeMempool({ fault: 'timeout', faultPath: HISTORY_PATH }), async (server) => {
    await rejectsWith(
      mempoolPricesFor(server, manualTiming(), { retry: { ...FAST_RETRY, maxAttempts: 2 } }).fetchDailyCloses(
        '2026-02-01',
        '2026-02-08',
        () => {},
      ),
      'timeout',
      `mempool: GET ${server.url}${HISTORY_PATH}`,
    );
  });
  await withServer(await startFakeMempool({ fault: 'malformed-json', faultPath: HISTORY_PATH }), async (server) => {
    await rejectsWith(
      mempoolPricesFor(server).fetchDailyCloses('2026-02-01', '2026-02-08', () => {}),
      'invalid-response',
      `mempool: GET ${server.url}${HISTORY_PATH}`,
      'malformed JSON',
    );
  });
  await withServer(await startFakeMempool({ fault: 'http-500', faultPath: HISTORY_PATH }), async (server) => {
    const provider = mempoolPricesFor(server, manualTiming(), { breaker: { failureThreshold: 3, coolDownMs: 60_000 } });
    await rejectsWith(
      provider.fetchDailyCloses('2026-02-01', '2026-02-08', () => {}),
      'http',
      'HTTP 500',
      'after 3 attempts',
    );
    await rejectsWith(
      provider.fetchDailyCloses('2026-02-01', '2026-02-08', () => {}),
      'circuit-open',
      'mempool: ',
    );
    assert.equal(server.requests.length, 3);
  });
  await withServer(await startFakeMempool(), async (server) => {
    server.route(`GET ${HISTORY_PATH}`, {
      status: 400,
      headers: { 'content-type': 'text/plain' },
      body: 'Prices are not available on testnets.',
    });
    await rejectsWith(
      mempoolPricesFor(server).fetchDailyCloses('2026-02-01', '2026-02-08', () => {}),
      'http',
      'HTTP 400',
      'Prices are not available on testnets.',
    );
    assert.equal(server.requests.length, 1);
  });
});

test('mempool prices: a span with no complete day asks nothing', async () => {
  await withServer(await startFakeMempool(), async (server) => {
    const fetched = await mempoolPricesFor(server).fetchDailyCloses('2026-02-09', '2026-02-10', () => {});
    assert.deepEqual(fetched, { source: 'mempool', closes: [], notes: [] });
    assert.equal(server.requests.length, 0);
  });
});
