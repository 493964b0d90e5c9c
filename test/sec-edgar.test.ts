// The SEC EDGAR adapter against a fake data.sec.gov on 127.0.0.1 replaying the SEC-shaped fixtures in
// test/fixtures/live/sec/ (no test reaches the internet): the User-Agent is required and sent, requests are spaced to
// at most 10 a second (retries included), and errors, 429s, timeouts, malformed, oversized, misshapen and redirected
// answers fail with a ProviderError naming what was wrong. Retries sleep on a manual clock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ProviderError, type ProviderFailure } from '../src/data/http/provider-error.ts';
import { requestRateLimiter } from '../src/data/http/request-rate-limiter.ts';
import { checkedUserAgent, secEdgarSource, secSourceFromEnv } from '../src/data/providers/sec-edgar.ts';
import { InputError } from '../src/schema/input-error.ts';
import { startFakeServer, type RecordedAnswer } from './support/fake-http-server.ts';
import { manualTiming } from './support/fake-public-apis.ts';

const CIK = '0001507605';
const FACTS_PATH = `/api/xbrl/companyfacts/CIK${CIK}.json`;
const SUBMISSIONS_PATH = `/submissions/CIK${CIK}.json`;
const USER_AGENT = 'rerate tests research@example.com';
const recorded = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./fixtures/live/sec/${name}`, import.meta.url), 'utf8'));

async function withSec(
  routes: Record<string, RecordedAnswer | RecordedAnswer[]>,
  body: (
    source: ReturnType<typeof secEdgarSource>,
    server: Awaited<ReturnType<typeof startFakeServer>>,
    clock: ReturnType<typeof manualTiming>,
  ) => Promise<void>,
  options: { timeoutMs?: number; maxBodyBytes?: number } = {},
): Promise<void> {
  const server = await startFakeServer({ routes });
  const clock = manualTiming(0);
  try {
    const source = secEdgarSource({
      baseUrl: server.url,
      userAgent: USER_AGENT,
      timing: clock.timing,
      retry: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 10_000 },
      ...options,
    });
    await body(source, server, clock);
  } finally {
    await server.close();
  }
}

async function failsWith(promise: Promise<unknown>, failure: ProviderFailure, message: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof ProviderError, String(error));
    assert.equal(error.failure, failure, error.message);
    assert.match(error.message, message);
    return true;
  });
}

test('both answers are read, validated, and every request says who sends it', async () => {
  await withSec(
    {
      [`GET ${FACTS_PATH}`]: { body: recorded('companyfacts-CIK0001507605.json') },
      [`GET ${SUBMISSIONS_PATH}`]: { body: recorded('submissions-CIK0001507605.json') },
    },
    async (source, server) => {
      const facts = await source.companyFacts(CIK);
      const submissions = await source.submissions(CIK);
      assert.equal(facts.entityName, 'MARA Holdings, Inc.');
      assert.equal(submissions.filings.recent.form[1], '10-Q');
      assert.equal(server.requests.length, 2);
      for (const request of server.requests) assert.equal(request.headers['user-agent'], USER_AGENT);
    },
  );
});

test('no User-Agent, or one without a contact: refused before any request, naming the variable', async () => {
  const server = await startFakeServer({ routes: {} });
  try {
    for (const env of [{}, { RERATE_SEC_USER_AGENT: '' }, { RERATE_SEC_USER_AGENT: 'rerate' }]) {
      assert.throws(
        () => secSourceFromEnv({ ...env, RERATE_SEC_URL: server.url }),
        (error: unknown) =>
          error instanceof InputError &&
          error.issues[0]?.path[0] === 'RERATE_SEC_USER_AGENT' &&
          /contact e-mail/.test(error.message),
      );
    }
    assert.throws(() => checkedUserAgent('Jane\u001b[2J jane@example.com'), InputError);
    assert.equal(server.requests.length, 0);
  } finally {
    await server.close();
  }
});

/** A clock whose sleepers wake in order of their wake times, time jumping to each: concurrent sleeps overlap. */
function virtualClock() {
  let now = 0;
  const sleepers: { at: number; wake: () => void }[] = [];
  return {
    timing: {
      now: () => now,
      sleep: (ms: number) => new Promise<void>((wake) => sleepers.push({ at: now + ms, wake })),
    },
    now: () => now,
    /** Wakes the sleepers one by one until none is left. */
    async run(): Promise<void> {
      for (;;) {
        await new Promise((resolve) => setImmediate(resolve));
        if (sleepers.length === 0) return;
        sleepers.sort((a, b) => a.at - b.at);
        const next = sleepers.shift()!;
        now = next.at;
        next.wake();
      }
    },
  };
}

test('the limiter spaces request starts 100 ms apart: never more than 10 in any second', async () => {
  const clock = virtualClock();
  const limiter = requestRateLimiter(10, clock.timing);
  const starts: number[] = [];
  // Callers arrive together, as a burst of concurrent requests would.
  const burst = Promise.all(Array.from({ length: 35 }, () => limiter.acquire().then(() => starts.push(clock.now()))));
  await clock.run();
  await burst;
  starts.sort((a, b) => a - b);
  assert.equal(starts.length, 35);
  for (let i = 10; i < starts.length; i++) assert.ok(starts[i]! - starts[i - 10]! >= 1000, `start ${i}: ${starts}`);
  assert.equal(starts.at(-1), 3400);
});

test('requests through the adapter are spaced too, retries included', async () => {
  await withSec(
    {
      [`GET ${SUBMISSIONS_PATH}`]: [
        { status: 503, body: 'busy' },
        { body: recorded('submissions-CIK0001507605.json') },
      ],
      [`GET ${FACTS_PATH}`]: { body: recorded('companyfacts-CIK0001507605.json') },
    },
    async (source, server, clock) => {
      await source.submissions(CIK);
      await source.companyFacts(CIK);
      await source.companyFacts(CIK);
      assert.equal(server.requests.length, 4);
      // The manual clock only moves by sleeps: four starts at least 100 ms apart took at least 300 ms of sleeping.
      assert.ok(clock.nowMs() >= 300, `slept ${clock.sleepsMs}`);
    },
  );
});

test('a 429 is retried after Retry-After; one asking too long fails as rate-limited', async () => {
  await withSec(
    {
      [`GET ${FACTS_PATH}`]: [
        { status: 429, headers: { 'retry-after': '2' }, body: 'slow down' },
        { body: recorded('companyfacts-CIK0001507605.json') },
      ],
      [`GET ${SUBMISSIONS_PATH}`]: { status: 429, headers: { 'retry-after': '600' }, body: 'slow down' },
    },
    async (source, _server, clock) => {
      await source.companyFacts(CIK);
      assert.ok(clock.sleepsMs.includes(2000), `slept ${clock.sleepsMs}`);
      await failsWith(source.submissions(CIK), 'rate-limited', /Retry-After asks for 600 s/);
    },
  );
});

test('server errors, malformed, misshapen and foreign answers fail with what was wrong', async () => {
  const facts = recorded('companyfacts-CIK0001507605.json') as Record<string, unknown>;
  await withSec(
    {
      [`GET ${FACTS_PATH}`]: { status: 500, body: 'internal' },
      [`GET ${SUBMISSIONS_PATH}`]: { body: '{"cik": "0001507605", "filings": {' },
      'GET /api/xbrl/companyfacts/CIK0001167419.json': { body: { ...facts, cik: 1507605 } },
      'GET /api/xbrl/companyfacts/CIK0000827876.json': { body: { ...facts, cik: 827876, facts: { dei: 'x' } } },
      'GET /api/xbrl/companyfacts/CIK0001819989.json': {
        body: { ...facts, cik: 1819989, facts: { 'us-gaap': { 'Cash\u001b[2J': { units: {} } } } },
      },
      'GET /submissions/CIK0000827876.json': {
        body: { cik: '0000827876', name: 'x', filings: { recent: { accessionNumber: ['1'], filingDate: [] } } },
      },
    },
    async (source) => {
      await failsWith(source.companyFacts(CIK), 'http', /HTTP 500.*after 3 attempts/);
      await failsWith(source.submissions(CIK), 'invalid-response', /malformed JSON/);
      await failsWith(
        source.companyFacts('0001167419'),
        'invalid-response',
        /answered for CIK 1507605, not 0001167419/,
      );
      await failsWith(source.companyFacts('0000827876'), 'invalid-response', /facts\.dei/);
      await failsWith(source.submissions('0000827876'), 'invalid-response', /filings\.recent/);
      // A concept name with a terminal escape in it never reaches a table.
      await failsWith(source.companyFacts('0001819989'), 'invalid-response', /facts\.us-gaap\.Cash: Invalid key/);
    },
  );
});

test('timeouts, oversized bodies and redirects are not followed through', async () => {
  await withSec(
    {
      [`GET ${FACTS_PATH}`]: { body: recorded('companyfacts-CIK0001507605.json') },
      [`GET ${SUBMISSIONS_PATH}`]: { status: 301, headers: { location: 'http://169.254.169.254/latest' } },
      'GET /submissions/CIK0001167419.json': { body: recorded('submissions-CIK0001507605.json'), delayMs: 400 },
    },
    async (source) => {
      await failsWith(source.companyFacts(CIK), 'invalid-response', /exceeds 2048 bytes/);
      await failsWith(source.submissions(CIK), 'redirect', /HTTP 301 redirect to .* not followed/);
      await failsWith(source.submissions('0001167419'), 'timeout', /no complete answer within 150 ms/);
    },
    { maxBodyBytes: 2048, timeoutMs: 150 },
  );
});

test('a URL outside the address policy is refused before connecting', async () => {
  const source = secEdgarSource({ baseUrl: 'http://169.254.169.254', userAgent: USER_AGENT });
  await failsWith(source.submissions(CIK), 'address-not-allowed', /RERATE_SEC_URL/);
});
