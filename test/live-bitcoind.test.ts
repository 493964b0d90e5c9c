// The Bitcoin Core provider against a fake node replaying the recorded (synthesized) fixtures: the days and epochs
// of the synthetic chain, auth by cookie, password and URL, every failure mode of the resilient client, wrong
// networks, gaps, pruned and syncing nodes, the address policy, and credentials kept out of every message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChainFetch, ChainRequest, FetchProgress } from '../src/app/ports/live-data.ts';
import { DEFAULT_NODE_RANGES } from '../src/data/http/address-policy.ts';
import { ProviderError, type ProviderFailure } from '../src/data/http/provider-error.ts';
import type { ClientTiming } from '../src/data/http/resilient-client.ts';
import {
  bitcoindAddressPolicy,
  bitcoindConfigFromEnv,
  type BitcoindConfig,
} from '../src/data/providers/bitcoind-config.ts';
import { bitcoindProvider, type BitcoindProviderOptions } from '../src/data/providers/bitcoind.ts';
import { bitcoindRpc } from '../src/data/providers/bitcoind-rpc.ts';
import { BLOCK_STATS_FIELDS } from '../src/data/providers/bitcoind-rpc-methods.ts';
import { chainworkAtEpochStarts } from '../src/protocol/work.ts';
import { btcFromSats } from '../src/units/quantities.ts';
import { startFakeBitcoind, type FakeBitcoind, type FakeBitcoindOptions } from './support/fake-bitcoind.ts';
import { startFakeServer } from './support/fake-http-server.ts';
import { expectedSyntheticDays, syntheticBlock, syntheticChain } from './support/synthetic-chain.ts';

const REQUEST: ChainRequest = { firstDay: '2026-02-05', lastDay: '2026-02-08', firstHeight: 935_058, firstEpoch: 464 };
const PASSWORD = 'correct-horse-battery-staple-42';
const USER = 'rerate-reader';
const HOME = mkdtempSync(join(tmpdir(), 'rerate-bitcoind-'));
process.on('exit', () => rmSync(HOME, { recursive: true, force: true }));

/** A clock that never waits: sleep advances it. random() = 0 makes every backoff zero (Retry-After still counts). */
function fakeTiming(): ClientTiming & { sleptMs: number; advance(ms: number): void } {
  let nowMs = 1_000_000;
  const timing = {
    sleptMs: 0,
    now: () => nowMs,
    random: () => 0,
    sleep: async (ms: number) => {
      timing.sleptMs += ms;
      nowMs += ms;
    },
    advance: (ms: number) => {
      nowMs += ms;
    },
  };
  return timing;
}

interface Harness {
  fake: FakeBitcoind;
  config: BitcoindConfig;
  timing: ReturnType<typeof fakeTiming>;
  /** Every progress event, as JSON lines. */
  progressLines: string[];
  provider(overrides?: Partial<BitcoindProviderOptions>): ReturnType<typeof bitcoindProvider>;
  fetch(request?: ChainRequest, overrides?: Partial<BitcoindProviderOptions>): Promise<ChainFetch>;
  /** The failure of a fetch that must fail. */
  failure(request?: ChainRequest, overrides?: Partial<BitcoindProviderOptions>): Promise<ProviderError>;
}

/** A fake node with a cookie in a fresh datadir, and a provider configured from the environment as rerate does. */
async function harness(
  t: { after(fn: () => Promise<void> | void): void },
  options: FakeBitcoindOptions = {},
  env: Record<string, string> = {},
): Promise<Harness> {
  const datadir = mkdtempSync(join(HOME, 'node-'));
  const cookiePath = join(datadir, '.cookie');
  const fake = await startFakeBitcoind({ cookiePath, user: USER, password: PASSWORD, ...options });
  t.after(() => fake.close());
  const config = bitcoindConfigFromEnv(
    { RERATE_BITCOIND_URL: fake.url, RERATE_BITCOIND_COOKIE: cookiePath, ...env },
    HOME,
  ) as BitcoindConfig;
  const timing = fakeTiming();
  const progressLines: string[] = [];
  const onProgress: FetchProgress = (event) => progressLines.push(JSON.stringify(event));
  let shared: ReturnType<typeof bitcoindProvider> | undefined;
  const provider = (overrides: Partial<BitcoindProviderOptions> = {}) =>
    bitcoindProvider({
      ...config,
      timing,
      timeoutMs: 200,
      retry: { maxAttempts: 3 },
      breaker: { failureThreshold: 50 },
      ...overrides,
    });
  const fetch = (request = REQUEST, overrides?: Partial<BitcoindProviderOptions>) => {
    const chosen = overrides ? provider(overrides) : (shared ??= provider());
    return chosen.fetchChain(request, onProgress);
  };
  const failure = (request = REQUEST, overrides?: Partial<BitcoindProviderOptions>) =>
    rejection(fetch(request, overrides));
  return { fake, config, timing, progressLines, provider, fetch, failure };
}

/** The ProviderError a promise rejects with. */
async function rejection(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  assert.ok(error instanceof ProviderError, `expected a ProviderError, got ${String(error)}`);
  return error;
}

function assertFailure(error: ProviderError, failure: ProviderFailure, ...fragments: string[]): void {
  assert.equal(error.failure, failure, error.message);
  assert.equal(error.provider, 'bitcoind');
  for (const fragment of fragments)
    assert.ok(error.message.includes(fragment), `"${error.message}" should mention ${fragment}`);
}

/** No password or cookie value in any text a user or a log could see. */
function assertNoSecrets(texts: readonly string[], secrets: readonly (string | undefined)[]): void {
  for (const secret of secrets) {
    if (secret === undefined) continue;
    const encoded = Buffer.from(secret).toString('base64');
    for (const text of texts) {
      assert.ok(!text.includes(secret), `a secret leaked into: ${text}`);
      assert.ok(!text.includes(encoded), `an encoded secret leaked into: ${text}`);
    }
  }
}

const expectedDays = () =>
  expectedSyntheticDays().map((day) => ({
    date: day.date,
    tipHeight: day.tipHeight,
    feesBtc: btcFromSats(BigInt(day.feesSats)),
  }));

function expectedEpoch(epoch: 463 | 464) {
  if (epoch === 463) {
    const chainwork = chainworkAtEpochStarts(syntheticChain().epochBits.slice(0, 464))[463] as bigint;
    return {
      epoch,
      startHeight: 933_408,
      bits: 0x1701fca1,
      startTimeUnixS: 1_769_110_047,
      chainworkHex: chainwork.toString(16),
    };
  }
  const block = syntheticBlock(935_424);
  assert.ok(block);
  return {
    epoch,
    startHeight: 935_424,
    bits: block.bits,
    startTimeUnixS: block.time,
    chainworkHex: BigInt(`0x${block.chainworkHex}`).toString(16),
  };
}

test('a full fetch returns the four complete synthetic days and epoch 464, in few batched requests', async (t) => {
  const h = await harness(t);
  const fetched = await h.fetch();
  assert.equal(fetched.source, 'bitcoind');
  assert.deepEqual(fetched.days, expectedDays());
  assert.deepEqual(fetched.epochs, [expectedEpoch(464)]);
  assert.equal(expectedEpoch(464).bits, 0x17023bbf);
  assert.deepEqual(fetched.notes, []);
  // getblockchaininfo, getblockhash 0, five getblockstats batches (935,636 closes 2026-02-08), epoch hash + header.
  assert.equal(h.fake.requests.length, 9);
  const calls = h.fake.calls();
  assert.ok(
    calls.every((call) =>
      ['getblockchaininfo', 'getblockhash', 'getblockheader', 'getblockstats'].includes(call.method),
    ),
  );
  assert.deepEqual(calls.find((call) => call.method === 'getblockstats')?.params, [935_058, [...BLOCK_STATS_FIELDS]]);
  // Progress: source and unit, never going back, ending at done = total.
  const events = h.progressLines.map(
    (line) => JSON.parse(line) as { source: string; done: number; total: number; unit: string },
  );
  assert.ok(events.length >= 2);
  assert.ok(
    events.every((event) => event.source === 'bitcoind' && event.unit === 'blocks' && event.done <= event.total),
  );
  assert.ok(events.every((event, index) => index === 0 || event.done >= (events[index - 1] as { done: number }).done));
  const last = events[events.length - 1] as { done: number; total: number };
  assert.equal(last.done, last.total);
  assert.equal(events.filter((event) => event.done === event.total).length, 1, 'one closing line');
  assert.equal(h.provider().endpoint, h.fake.url);
});

test('epochs from 463 with answers matched by id (batches answered in reverse) and small batches', async (t) => {
  const h = await harness(t, { reverseBatches: true });
  const fetched = await h.fetch({ ...REQUEST, firstEpoch: 463 }, { batchSize: 50 });
  assert.deepEqual(fetched.days, expectedDays());
  assert.deepEqual(fetched.epochs, [expectedEpoch(463), expectedEpoch(464)]);
  // From 437, as `rerate data refresh` asks (the embedded table estimates those start times): every epoch's bits and
  // chainwork pass the clamp and exact-work checks.
  const fromDerived = await h.fetch({ ...REQUEST, firstEpoch: 437 });
  assert.deepEqual(
    fromDerived.epochs.map((epoch) => epoch.epoch),
    Array.from({ length: 28 }, (_, index) => 437 + index),
  );
  assert.deepEqual(fromDerived.epochs.slice(-2), [expectedEpoch(463), expectedEpoch(464)]);
});

test('only complete days: a last day beyond the tip stops early without error; a one-day request', async (t) => {
  const h = await harness(t);
  const beyond = await h.fetch({ ...REQUEST, lastDay: '2026-02-12' });
  assert.deepEqual(beyond.days, expectedDays());
  const [first, second] = expectedDays();
  assert.ok(first && second);
  const one = await h.fetch({
    firstDay: '2026-02-06',
    lastDay: '2026-02-06',
    firstHeight: first.tipHeight + 1,
    firstEpoch: 464,
  });
  assert.deepEqual(one.days, [second]);
  const none = await h.fetch({ firstDay: '2026-02-09', lastDay: '2026-02-09', firstHeight: 935_636, firstEpoch: 465 });
  assert.deepEqual(none.days, []);
  assert.deepEqual(none.epochs, []);
  const behind = await h.fetch({
    firstDay: '2026-02-10',
    lastDay: '2026-02-10',
    firstHeight: 935_800,
    firstEpoch: 464,
  });
  assert.deepEqual(behind.days, []);
  assert.deepEqual(
    behind.notes.map((note) => note.code),
    ['node-behind'],
  );
});

test('user and password from the environment, and from the URL, log in; the endpoint shows neither', async (t) => {
  const h = await harness(t, {}, { RERATE_BITCOIND_USER: USER, RERATE_BITCOIND_PASSWORD: PASSWORD });
  assert.equal(h.config.auth.kind, 'password');
  assert.deepEqual((await h.fetch()).days, expectedDays());

  const withUrl = bitcoindConfigFromEnv(
    { RERATE_BITCOIND_URL: h.fake.url.replace('http://', `http://${USER}:${PASSWORD}@`) },
    HOME,
  ) as BitcoindConfig;
  assert.deepEqual(withUrl.auth, { kind: 'password', source: 'url', user: USER, password: PASSWORD });
  assert.equal(withUrl.url, h.fake.url);
  const provider = bitcoindProvider({ ...withUrl, timing: h.timing, timeoutMs: 200 });
  assert.equal(provider.endpoint, h.fake.url);
  assert.deepEqual((await provider.fetchChain(REQUEST, () => undefined)).days, expectedDays());
  const authorization = h.fake.requests[h.fake.requests.length - 1]?.headers.authorization;
  assert.equal(authorization, `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`);
});

const cookieReadEachFetchTestName =
  'the cookie is read at each fetch: a restarted node (new cookie) is logged into without a new provider; a stale ' +
  'one is refused';
test(cookieReadEachFetchTestName, async (t) => {
  const h = await harness(t);
  const provider = h.provider();
  await provider.fetchChain(REQUEST, () => undefined);
  h.fake.rotateCookie();
  const fetched = await provider.fetchChain(REQUEST, () => undefined);
  assert.deepEqual(fetched.days, expectedDays());
  // A stale cookie file (the node reads another one) is refused as auth.
  h.fake.refuseCookie();
  assertFailure(await rejection(provider.fetchChain(REQUEST, () => undefined)), 'auth', '401');
});

const wrongCredentialsTestName =
  'wrong credentials and an unreadable or malformed cookie fail as auth, with no secret in any message';
test(wrongCredentialsTestName, async (t) => {
  const h = await harness(t, {}, { RERATE_BITCOIND_USER: USER, RERATE_BITCOIND_PASSWORD: 'wrong-password-123' });
  const refused = await h.failure();
  assertFailure(refused, 'auth', '401');
  assert.equal(h.fake.requests.length, 1, 'a refused login is not retried');

  const missing = join(HOME, 'no-such-datadir', '.cookie');
  const noCookie = bitcoindProvider({
    url: h.fake.url,
    auth: { kind: 'cookie', cookiePath: missing },
    allowedRanges: DEFAULT_NODE_RANGES,
    timing: h.timing,
  });
  const unreadable = await rejection(noCookie.fetchChain(REQUEST, () => undefined));
  assert.ok(unreadable instanceof ProviderError);
  assertFailure(unreadable, 'auth', missing, 'ENOENT');
  assert.equal(h.fake.requests.length, 1, 'nothing is sent without credentials');

  const badCookie = join(HOME, 'bad.cookie');
  writeFileSync(badCookie, 'not-a-cookie-secret-value');
  const malformed = await rejection(
    bitcoindProvider({
      url: h.fake.url,
      auth: { kind: 'cookie', cookiePath: badCookie },
      allowedRanges: DEFAULT_NODE_RANGES,
      timing: h.timing,
    }).fetchChain(REQUEST, () => undefined),
  );
  assertFailure(malformed, 'auth', badCookie);

  const stale = join(HOME, 'stale.cookie');
  writeFileSync(stale, '__cookie__:0123456789abcdef0123456789abcdef');
  const staleError = await rejection(
    bitcoindProvider({
      url: h.fake.url,
      auth: { kind: 'cookie', cookiePath: stale },
      allowedRanges: DEFAULT_NODE_RANGES,
      timing: h.timing,
    }).fetchChain(REQUEST, () => undefined),
  );
  assertFailure(staleError, 'auth');

  const texts = [refused, unreadable, malformed, staleError].flatMap((error) => [
    error.message,
    String(error),
    error.stack ?? '',
  ]);
  assertNoSecrets(texts, [
    'wrong-password-123',
    PASSWORD,
    h.fake.cookieSecret,
    'not-a-cookie-secret-value',
    '0123456789abcdef0123456789abcdef',
  ]);
});

test('credentials appear in no progress line, note, endpoint or error, whatever the outcome', async (t) => {
  const h = await harness(t);
  const urlWithSecret = h.fake.url.replace('http://', `http://${USER}:${PASSWORD}@`);
  const config = bitcoindConfigFromEnv({ RERATE_BITCOIND_URL: urlWithSecret }, HOME) as BitcoindConfig;
  const texts: string[] = [];
  const provider = bitcoindProvider({ ...config, timing: h.timing, timeoutMs: 200, retry: { maxAttempts: 2 } });
  texts.push(provider.endpoint, JSON.stringify(config.url));
  const progress: FetchProgress = (event) => texts.push(JSON.stringify(event));
  h.fake.fail({ kind: 'http-500', times: 1 });
  const fetched = await provider.fetchChain(REQUEST, progress);
  assert.ok(fetched.notes.some((note) => note.code === 'retry'));
  texts.push(JSON.stringify(fetched));
  for (const fault of [
    { kind: 'http-500' } as const,
    { kind: 'malformed-json' } as const,
    { kind: 'redirect', location: `${urlWithSecret}/elsewhere` } as const,
  ]) {
    h.fake.fail(fault);
    const error = await rejection(provider.fetchChain(REQUEST, progress));
    texts.push(error.message, error.stack ?? '');
  }
  h.fake.reset();
  h.fake.useNetwork('testnet');
  const wrong = await rejection(provider.fetchChain(REQUEST, progress));
  texts.push(wrong.message);
  assert.throws(
    () => bitcoindConfigFromEnv({ RERATE_BITCOIND_URL: `ftp://${USER}:${PASSWORD}@127.0.0.1:8332` }, HOME),
    (error: Error) => {
      texts.push(error.message);
      return /RERATE_BITCOIND_URL/.test(error.message);
    },
  );
  assert.throws(
    () => bitcoindConfigFromEnv({ RERATE_BITCOIND_URL: `http://${USER}:${PASSWORD}@[bad` }, HOME),
    (error: Error) => {
      texts.push(error.message);
      return /RERATE_BITCOIND_URL/.test(error.message);
    },
  );
  assert.ok(texts.length > 10);
  assertNoSecrets(texts, [PASSWORD, h.fake.cookieSecret]);
});

test('HTTP 500, 500, then 200: the fetch recovers, the retries counted in the request log and noted', async (t) => {
  const h = await harness(t);
  h.fake.fail({ kind: 'http-500', times: 2 });
  const fetched = await h.fetch();
  assert.deepEqual(fetched.days, expectedDays());
  assert.equal(h.fake.requests.length, 9 + 2);
  assert.deepEqual(
    h.fake.requests.slice(0, 3).map((request) => request.body),
    Array(3).fill(h.fake.requests[0]?.body),
  );
  assert.deepEqual(
    fetched.notes.map((note) => note.code),
    ['retry', 'retry'],
  );
  assert.match(fetched.notes[0]?.message ?? '', /HTTP 500/);
});

test('persistent HTTP 500 fails as http after maxAttempts', async (t) => {
  const h = await harness(t);
  h.fake.fail({ kind: 'http-500' });
  const error = await h.failure();
  assertFailure(error, 'http', 'HTTP 500', 'after 3 attempts');
  assert.equal(h.fake.requests.length, 3);
});

test('an answer held back past the timeout fails as timeout after the retries', async (t) => {
  const h = await harness(t);
  h.fake.fail({ kind: 'delay', delayMs: 1_000 });
  const started = Date.now();
  const error = await h.failure(REQUEST, { retry: { maxAttempts: 2 } });
  assertFailure(error, 'timeout', '200 ms');
  assert.equal(h.fake.requests.length, 2);
  assert.ok(Date.now() - started < 900, "the client gives up at its own deadline, not the server's");
});

test('malformed JSON fails as invalid-response at once (not retried)', async (t) => {
  const h = await harness(t);
  h.fake.fail({ kind: 'malformed-json' });
  const error = await h.failure();
  assertFailure(error, 'invalid-response', 'malformed JSON');
  assert.equal(h.fake.requests.length, 1);
});

test('429 with Retry-After: 2 waits at least 2000 ms on the injected clock, then succeeds', async (t) => {
  const h = await harness(t);
  h.fake.fail({ kind: 'rate-limited', retryAfterS: 2, times: 1 });
  const fetched = await h.fetch();
  assert.deepEqual(fetched.days, expectedDays());
  assert.ok(h.timing.sleptMs >= 2_000, `slept ${h.timing.sleptMs} ms`);
  assert.equal(fetched.notes[0]?.code, 'retry');
});

const circuitOpensTestName =
  'the circuit opens after repeated failures: later fetches fail fast, no request reaching the node, until the ' +
  'cool-down';
test(circuitOpensTestName, async (t) => {
  const h = await harness(t);
  const provider = h.provider({ retry: { maxAttempts: 3 }, breaker: { failureThreshold: 3, coolDownMs: 60_000 } });
  h.fake.fail({ kind: 'http-500' });
  const first = await rejection(provider.fetchChain(REQUEST, () => undefined));
  assertFailure(first, 'http');
  assert.equal(h.fake.requests.length, 3);
  h.fake.reset();
  const second = await rejection(provider.fetchChain(REQUEST, () => undefined));
  assertFailure(second, 'circuit-open', 'circuit is open');
  assert.equal(h.fake.requests.length, 3, 'no request was sent while the circuit is open');
  h.timing.advance(60_000);
  assert.deepEqual((await provider.fetchChain(REQUEST, () => undefined)).days, expectedDays());
});

test('testnet and signet nodes are refused as wrong-chain, naming what they serve', async (t) => {
  const h = await harness(t);
  h.fake.useNetwork('testnet');
  assertFailure(await h.failure(), 'wrong-chain', "chain 'test' with genesis 000000000933ea01… (testnet3)");
  h.fake.useNetwork('signet');
  assertFailure(await h.failure(), 'wrong-chain', "chain 'signet' with genesis 00000008819873e9… (signet)");
  assert.ok(
    h.fake.calls().every((call) => call.method === 'getblockchaininfo' || call.method === 'getblockhash'),
    'no block data is read from another network',
  );
});

test('a gap in heights (an answer for the wrong height, or none) is invalid-response naming the height', async (t) => {
  const h = await harness(t);
  h.fake.gapAt(935_100, 'wrong-height');
  assertFailure(await h.failure(), 'invalid-response', 'getblockstats[935100]', '935101');
  h.fake.gapAt(935_100, 'missing');
  assertFailure(await h.failure(), 'invalid-response', 'getblockstats[935100]');
});

test('insane block figures are refused; outliers are noted and kept', async (t) => {
  const h = await harness(t);
  h.fake.patchStats(935_100, { subsidy: 625_000_000 });
  assertFailure(await h.failure(), 'invalid-response', 'getblockstats[935100].subsidy', '312500000');
  h.fake.reset();
  h.fake.patchStats(935_100, { totalfee: -5 });
  assertFailure(
    await h.failure(),
    'invalid-response',
    'getblockstats[935100].totalfee: expected a non-negative integer',
  );
  h.fake.reset();
  h.fake.patchStats(935_100, { totalfee: '1000' });
  assertFailure(await h.failure(), 'invalid-response', 'getblockstats[935100].totalfee');
  h.fake.reset();
  const previousTime = syntheticBlock(935_099)?.time as number;
  h.fake.patchStats(935_100, { time: previousTime - 7_300 });
  assertFailure(
    await h.failure(),
    'invalid-response',
    'getblockstats[935100].time',
    'more than 2 h before block 935099',
  );

  // A 60 BTC fee: the block and its day are flagged, and the day keeps it.
  h.fake.reset();
  h.fake.patchStats(935_300, { totalfee: 6_000_000_000 });
  const fetched = await h.fetch();
  const day = expectedSyntheticDays()[1];
  assert.ok(day);
  const original = syntheticBlock(935_300)?.totalFeeSats as number;
  assert.deepEqual(fetched.days[1], {
    date: day.date,
    tipHeight: day.tipHeight,
    feesBtc: btcFromSats(BigInt(day.feesSats - original + 6_000_000_000)),
  });
  assert.deepEqual(
    fetched.notes.map((note) => [note.code, note.date]),
    [
      ['block-fee-outlier', '2026-02-06'],
      ['fees-outlier', '2026-02-06'],
    ],
  );
});

test('a day with too few blocks is noted, not dropped', async (t) => {
  const h = await harness(t);
  // Start 2026-02-08 late in its day: 20 blocks remain before midnight.
  const fetched = await h.fetch({
    firstDay: '2026-02-08',
    lastDay: '2026-02-08',
    firstHeight: 935_616,
    firstEpoch: 464,
  });
  assert.deepEqual(
    fetched.days.map((day) => day.tipHeight),
    [935_635],
  );
  assert.deepEqual(
    fetched.notes.map((note) => note.code),
    ['block-count-outlier'],
  );
  assert.match(fetched.notes[0]?.message ?? '', /20 blocks/);
});

const prunedNodeTestName =
  'a pruned node: refused up front when it lacks the blocks, and its getblockstats error explains --since';
test(prunedNodeTestName, async (t) => {
  const h = await harness(t);
  h.fake.prune(935_300);
  assertFailure(await h.failure(), 'http', 'pruned', '935300', 'getblockstats', '--since');
  const rpc = bitcoindRpc({
    url: h.fake.url,
    auth: h.config.auth,
    addressPolicy: bitcoindAddressPolicy(h.config),
    timing: h.timing,
  });
  const error = await rejection(rpc.call('getblockstats', 935_100, BLOCK_STATS_FIELDS));
  assertFailure(error, 'http', 'getblockstats[935100]', 'Block not available (pruned data)', 'use --since');
  // Past the prune height the node serves the days.
  const [, , third] = expectedDays();
  const fromThird = await h.fetch({
    firstDay: '2026-02-07',
    lastDay: '2026-02-08',
    firstHeight: 935_348,
    firstEpoch: 464,
  });
  assert.equal(fromThird.days[0]?.tipHeight, third?.tipHeight);
});

test('a node in initial block download is refused with a clear message', async (t) => {
  const h = await harness(t);
  h.fake.setInitialBlockDownload(true);
  assertFailure(await h.failure(), 'http', 'initial block download', 'try again when it has synced');
});

test('only the four read-only methods are sent: anything else is refused before a request', async (t) => {
  const h = await harness(t);
  const rpc = bitcoindRpc({
    url: h.fake.url,
    auth: h.config.auth,
    addressPolicy: bitcoindAddressPolicy(h.config),
    timing: h.timing,
  });
  // A caller who slips past the types (a cast, plain JavaScript) is still refused.
  const untyped = rpc as unknown as {
    call(method: string, ...params: unknown[]): Promise<unknown>;
    batch(method: string, params: unknown[][]): Promise<unknown>;
  };
  for (const attempt of [() => untyped.call('stop'), () => untyped.batch('sendtoaddress', [['bc1q…', 1]])]) {
    const error = await rejection(attempt());
    assertFailure(
      error,
      'auth',
      'refused before sending',
      'getblockchaininfo, getblockhash, getblockheader, getblockstats',
    );
  }
  assert.equal(h.fake.requests.length, 0);
  // The allowed ones go through, single and batched.
  assert.equal((await rpc.call('getblockchaininfo')).chain, 'main');
  assert.deepEqual(
    (
      await rpc.batch('getblockstats', [
        [935_058, BLOCK_STATS_FIELDS],
        [935_059, BLOCK_STATS_FIELDS],
      ])
    ).map((stats) => stats.height),
    [935_058, 935_059],
  );
});

test('RPC answers of the wrong shape are invalid-response naming method, parameters and field', async (t) => {
  const server = await startFakeServer({
    routes: {},
    fallback: (request) => {
      const calls = JSON.parse(request.body) as
        { id: number; method: string; params: unknown[] }[] | { id: number; method: string };
      if (!Array.isArray(calls))
        return { body: { jsonrpc: '2.0', result: { chain: 'main', blocks: '935654' }, id: calls.id } };
      return {
        body: calls.map((call) => ({
          jsonrpc: '2.0',
          id: call.id,
          result: call.method === 'getblockheader' ? { hash: 'zz' } : 'not-a-hash',
        })),
      };
    },
  });
  t.after(() => server.close());
  const rpc = bitcoindRpc({
    url: server.url,
    auth: { kind: 'password', source: 'env', user: 'u', password: 'p' },
    addressPolicy: bitcoindAddressPolicy({ allowedRanges: DEFAULT_NODE_RANGES }),
    timing: fakeTiming(),
  });
  const info = await rejection(rpc.call('getblockchaininfo'));
  assertFailure(info, 'invalid-response', 'getblockchaininfo.blocks: expected a non-negative integer, got "935654"');
  const hash = await rejection(rpc.batch('getblockhash', [[933_408]]));
  assertFailure(hash, 'invalid-response', 'getblockhash[933408]: expected a block hash');
  const header = await rejection(rpc.batch('getblockheader', [['ab'.repeat(32), true]]));
  assertFailure(header, 'invalid-response', `getblockheader[${'ab'.repeat(32)}].hash: expected a block hash`);
});

test("an older node's RPC error (HTTP 500 with a JSON-RPC body) is mapped with a hint, not retried", async (t) => {
  const server = await startFakeServer({
    routes: {},
    fallback: (request) => ({
      status: 500,
      body: {
        result: null,
        error: { code: -28, message: 'Loading block index…' },
        id: (JSON.parse(request.body) as { id: number }).id,
      },
    }),
  });
  t.after(() => server.close());
  const rpc = bitcoindRpc({
    url: server.url,
    auth: { kind: 'password', source: 'env', user: 'u', password: 'p' },
    addressPolicy: bitcoindAddressPolicy({ allowedRanges: DEFAULT_NODE_RANGES }),
    timing: fakeTiming(),
  });
  const error = await rejection(rpc.call('getblockchaininfo'));
  assertFailure(error, 'http', 'getblockchaininfo', 'RPC error -28', 'still starting');
  assert.equal(server.requests.length, 1);
});

test('a node URL on a public address is refused before connecting; RERATE_BITCOIND_ALLOW admits it', async () => {
  const env = {
    RERATE_BITCOIND_URL: 'http://8.8.8.8:8332',
    RERATE_BITCOIND_USER: USER,
    RERATE_BITCOIND_PASSWORD: PASSWORD,
  };
  const config = bitcoindConfigFromEnv(env, HOME) as BitcoindConfig;
  const error = await rejection(
    bitcoindProvider({ ...config, timing: fakeTiming(), timeoutMs: 200 }).fetchChain(REQUEST, () => undefined),
  );
  assertFailure(error, 'address-not-allowed', '8.8.8.8', 'RERATE_BITCOIND_ALLOW');
  assert.equal(bitcoindAddressPolicy(config).allows('8.8.8.8'), false);
  const allowed = bitcoindConfigFromEnv(
    { ...env, RERATE_BITCOIND_ALLOW: '8.8.8.0/24, 2001:db8::/32' },
    HOME,
  ) as BitcoindConfig;
  assert.deepEqual(allowed.allowedRanges, [...DEFAULT_NODE_RANGES, '8.8.8.0/24', '2001:db8::/32']);
  assert.equal(bitcoindAddressPolicy(allowed).allows('8.8.8.8'), true);
  assert.equal(bitcoindAddressPolicy(allowed).allows('8.8.4.4'), false);
  assertNoSecrets([error.message], [PASSWORD]);
});

test('a redirect is not followed', async (t) => {
  const h = await harness(t);
  const elsewhere = await startFakeServer({ routes: {} });
  t.after(() => elsewhere.close());
  h.fake.fail({ kind: 'redirect', location: `${elsewhere.url}/` });
  assertFailure(await h.failure(), 'redirect', '302');
  assert.equal(h.fake.requests.length, 1);
  assert.equal(elsewhere.requests.length, 0);
});

test('configuration from the environment: unset, defaults, precedence and bad values naming the variable', () => {
  assert.equal(bitcoindConfigFromEnv({}, HOME), undefined);
  assert.equal(bitcoindConfigFromEnv({ RERATE_BITCOIND_URL: '' }, HOME), undefined);
  assert.deepEqual(bitcoindConfigFromEnv({ RERATE_BITCOIND_URL: 'http://127.0.0.1:8332/' }, '/home/alice'), {
    url: 'http://127.0.0.1:8332',
    auth: { kind: 'cookie', cookiePath: join('/home/alice', '.bitcoin', '.cookie') },
    allowedRanges: DEFAULT_NODE_RANGES,
  });
  // USER/PASSWORD beat an explicit cookie, which beats URL credentials; URL credentials beat the default cookie.
  const all = {
    RERATE_BITCOIND_URL: 'http://a:b@127.0.0.1:8332',
    RERATE_BITCOIND_COOKIE: '/tmp/c',
    RERATE_BITCOIND_USER: 'u',
    RERATE_BITCOIND_PASSWORD: 'p',
  };
  assert.equal(bitcoindConfigFromEnv(all, HOME)?.auth.kind, 'password');
  assert.deepEqual(
    bitcoindConfigFromEnv({ ...all, RERATE_BITCOIND_USER: '', RERATE_BITCOIND_PASSWORD: '' }, HOME)?.auth,
    { kind: 'cookie', cookiePath: '/tmp/c' },
  );
  assert.deepEqual(bitcoindConfigFromEnv({ RERATE_BITCOIND_URL: all.RERATE_BITCOIND_URL }, HOME)?.auth, {
    kind: 'password',
    source: 'url',
    user: 'a',
    password: 'b',
  });
  assert.equal(bitcoindConfigFromEnv(all, HOME)?.url, 'http://127.0.0.1:8332');
  const bad: [Record<string, string>, RegExp][] = [
    [{ RERATE_BITCOIND_URL: 'not a url' }, /^RERATE_BITCOIND_URL/],
    [{ RERATE_BITCOIND_URL: 'ftp://127.0.0.1' }, /^RERATE_BITCOIND_URL/],
    [{ RERATE_BITCOIND_URL: 'http://127.0.0.1:8332/?wallet=x' }, /^RERATE_BITCOIND_URL/],
    [{ RERATE_BITCOIND_URL: 'http://u@127.0.0.1:8332' }, /^RERATE_BITCOIND_URL/],
    [{ RERATE_BITCOIND_URL: 'http://127.0.0.1:8332', RERATE_BITCOIND_USER: 'u' }, /RERATE_BITCOIND_PASSWORD/],
    [{ RERATE_BITCOIND_URL: 'http://127.0.0.1:8332', RERATE_BITCOIND_PASSWORD: 'p' }, /RERATE_BITCOIND_USER/],
    [{ RERATE_BITCOIND_URL: 'http://127.0.0.1:8332', RERATE_BITCOIND_ALLOW: '10.1.2.3' }, /^RERATE_BITCOIND_ALLOW/],
    [
      { RERATE_BITCOIND_URL: 'http://127.0.0.1:8332', RERATE_BITCOIND_ALLOW: '10.0.0.0/8,10.0.0.0/40' },
      /^RERATE_BITCOIND_ALLOW/,
    ],
  ];
  for (const [env, pattern] of bad) {
    assert.throws(
      () => bitcoindConfigFromEnv(env, HOME),
      (error: Error) => pattern.test(error.message),
      JSON.stringify(env),
    );
  }
});
