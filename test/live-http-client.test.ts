// The address policy and the JSON client's connection guard: a host name is resolved and every address it resolves
// to must be allowed (checked on the address actually connected to), IPv4-mapped IPv6 addresses are judged as the
// IPv4 address they carry, and a redirect is reported with its target, never followed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addressPolicy, DEFAULT_NODE_RANGES, publicProviderPolicy } from '../src/data/http/address-policy.ts';
import { ProviderError } from '../src/data/http/provider-error.ts';
import { jsonClient } from '../src/data/http/resilient-client.ts';
import { startFakeServer } from './support/fake-http-server.ts';

const instant = { now: () => 0, sleep: async () => undefined, random: () => 0.5 };

test('the default node ranges allow loopback and private addresses, and refuse public ones, mapped or not', () => {
  const policy = addressPolicy(DEFAULT_NODE_RANGES, 'test');
  for (const address of [
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.9',
    '192.168.1.20',
    '::1',
    'fd00::1',
    '::ffff:127.0.0.1',
    '::ffff:192.168.1.20',
  ])
    assert.ok(policy.allows(address), address);
  for (const address of [
    '8.8.8.8',
    '0.0.0.0',
    '::',
    '::ffff:8.8.8.8',
    '2001:db8::1',
    '64:ff9b::808:808',
    'localhost',
    '',
  ])
    assert.ok(!policy.allows(address), address);
  assert.throws(
    () => addressPolicy(['10.0.0.0/33'], 'RERATE_BITCOIND_ALLOW'),
    /RERATE_BITCOIND_ALLOW: "10\.0\.0\.0\/33" is not a CIDR range/,
  );
});

const hostNameResolvedTestName =
  'a host name is checked on the addresses it resolves to: localhost is loopback, refused when loopback is not allowed';
test(hostNameResolvedTestName, async (t) => {
  const server = await startFakeServer({ routes: { 'GET /ping': { body: { ok: true } } } });
  t.after(() => server.close());
  const port = new URL(server.url).port;
  const allowed = jsonClient({
    provider: 'node',
    baseUrl: `http://localhost:${port}`,
    addressPolicy: addressPolicy(DEFAULT_NODE_RANGES, 'test'),
    timing: instant,
  });
  assert.deepEqual(await allowed.getJson('/ping'), { ok: true });
  const privateOnly = jsonClient({
    provider: 'node',
    baseUrl: `http://localhost:${port}`,
    addressPolicy: addressPolicy(['10.0.0.0/8'], 'test'),
    timing: instant,
  });
  await assert.rejects(
    privateOnly.getJson('/ping'),
    (error: unknown) =>
      error instanceof ProviderError &&
      error.failure === 'address-not-allowed' &&
      /localhost \((127\.0\.0\.1|::1)\) is outside the allowed address ranges \(10\.0\.0\.0\/8\)/.test(error.message),
  );
  assert.equal(server.requests.length, 1, 'the refused client never reached the server');
});

const redirectNotFollowedTestName =
  'a redirect is not followed: the failure names its target, relative or absolute, without credentials';
test(redirectNotFollowedTestName, async (t) => {
  const server = await startFakeServer({
    routes: {
      'GET /a': { status: 302, headers: { location: '/elsewhere' } },
      'GET /b': { status: 301, headers: { location: 'http://user:secret@example.org/x' } },
    },
  });
  t.after(() => server.close());
  const client = jsonClient({
    provider: 'api',
    baseUrl: server.url,
    addressPolicy: publicProviderPolicy('RERATE_API_URL'),
    timing: instant,
  });
  await assert.rejects(
    client.getJson('/a'),
    (error: unknown) =>
      error instanceof ProviderError &&
      error.failure === 'redirect' &&
      error.message.includes(`redirect to ${server.url}/elsewhere not followed`),
  );
  await assert.rejects(
    client.getJson('/b'),
    (error: unknown) =>
      error instanceof ProviderError &&
      error.message.includes('redirect to http://example.org/x not followed') &&
      !error.message.includes('secret'),
  );
  assert.equal(server.requests.length, 2);
});

test('a 500 with an {"error": …} body from a public API is retried, not handed over as a value', async (t) => {
  const server = await startFakeServer({
    routes: { 'GET /ohlc': [{ status: 500, body: { error: ['EService:Unavailable'] } }, { body: { result: 1 } }] },
  });
  t.after(() => server.close());
  const client = jsonClient({
    provider: 'kraken',
    baseUrl: server.url,
    addressPolicy: publicProviderPolicy('RERATE_KRAKEN_URL'),
    timing: instant,
  });
  assert.deepEqual(await client.getJson('/ohlc'), { result: 1 });
  assert.equal(server.requests.length, 2);
});
