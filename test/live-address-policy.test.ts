// Issue 19, "the address policy lets a configured URL reach link-local and metadata addresses": every configured URL
// (the node, mempool, Coinbase, Kraken, Bitstamp) is checked on the address of every connection, literal or resolved,
// in any textual form, and refused before connecting with a message naming the source, the variable and the address
// class, never the credentials. A server on 127.0.0.1 counts the connections that reach it; host names resolve
// through an injected resolver, so no test asks real DNS.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { ChainRequest, LiveDataSources } from '../src/app/ports/live-data.ts';
import { COMMANDS } from '../src/app/registry.ts';
import { defaultPorts } from '../src/cli/default-ports.ts';
import { addressPolicy, publicProviderPolicy } from '../src/data/http/address-policy.ts';
import type { HostResolver } from '../src/data/http/guarded-agent.ts';
import { ProviderError } from '../src/data/http/provider-error.ts';
import { jsonClient } from '../src/data/http/resilient-client.ts';
import { inProcessMonteCarlo } from '../src/data/in-process-monte-carlo.ts';
import { liveSourcesFromEnv } from '../src/data/live-sources.ts';
import { createApiServer } from '../src/server/api-server.ts';
import { NEVER_ALLOWED_CLASSES, refusedAddressForm, type RefusedClass } from './support/address-forms.ts';
import { rerate } from './support/cli-runner.ts';

const PASSWORD = 'node-password-never-shown';
const REQUEST: ChainRequest = { firstDay: '2026-02-05', lastDay: '2026-02-08', firstHeight: 935_058, firstEpoch: 464 };
const timing = { now: () => Date.parse('2026-02-10T00:00:00Z'), sleep: async () => undefined, random: () => 0 };
/** What a refusal says of each class (written here, apart from the policy's own descriptions). */
const CLASS_PHRASES: Record<RefusedClass, string> = {
  'cloud-metadata': 'is a cloud metadata address',
  unspecified: 'is an unspecified address',
  broadcast: 'is the broadcast address',
  multicast: 'is a multicast address',
  'link-local': 'link-local address',
  reserved: 'reserved address',
};
const SETTINGS = {
  bitcoind: 'RERATE_BITCOIND_URL',
  mempool: 'RERATE_MEMPOOL_URL',
  coinbase: 'RERATE_COINBASE_URL',
  kraken: 'RERATE_KRAKEN_URL',
  bitstamp: 'RERATE_BITSTAMP_URL',
  tiingo: 'RERATE_TIINGO_URL',
  yahoo: 'RERATE_YAHOO_URL',
  nasdaq: 'RERATE_NASDAQ_URL',
} as const;

interface CountingServer {
  port: number;
  connections(): number;
}

/** An HTTP server on 127.0.0.1 answering `{}` to anything and counting the connections it accepts. */
async function countingServer(t: TestContext, options: { closeEach?: boolean } = {}): Promise<CountingServer> {
  let connections = 0;
  const server = createServer((_request, response) => {
    response.writeHead(200, {
      'content-type': 'application/json',
      ...(options.closeEach ? { connection: 'close' } : {}),
    });
    response.end('{}');
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { port: (server.address() as AddressInfo).port, connections: () => connections };
}

/** A resolver answering from a table (an unknown name fails as DNS would); records every name asked. */
function tableResolver(
  table: Record<string, { address: string; family: 4 | 6 }[]>,
): HostResolver & { asked: string[] } {
  const asked: string[] = [];
  const resolver = async (hostname: string) => {
    asked.push(hostname);
    const found = table[hostname];
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return found;
  };
  return Object.assign(resolver, { asked });
}

/** Every URL setting at `origin` (scheme, host and port), the node with a password. */
function everySourceAt(origin: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    RERATE_BITCOIND_URL: origin,
    RERATE_BITCOIND_USER: 'reader',
    RERATE_BITCOIND_PASSWORD: PASSWORD,
    RERATE_MEMPOOL_URL: origin,
    RERATE_COINBASE_URL: origin,
    RERATE_KRAKEN_URL: origin,
    RERATE_BITSTAMP_URL: origin,
    RERATE_TIINGO_URL: origin,
    RERATE_TIINGO_TOKEN: 'tiingo-key-for-the-address-test',
    RERATE_YAHOO_URL: origin,
    RERATE_NASDAQ_URL: origin,
    RERATE_LIVE_TIMEOUT_MS: '2000',
    ...extra,
  };
}

/** Asks every source once; each must fail, and the failures are returned. */
async function failuresOf(sources: LiveDataSources): Promise<ProviderError[]> {
  const attempts = [
    ...sources.chain.map((provider) => provider.fetchChain(REQUEST, () => undefined)),
    ...sources.prices.map((provider) => provider.fetchDailyCloses('2026-02-01', '2026-02-08', () => undefined)),
    ...(sources.shares ?? []).map((provider) =>
      provider.fetchShareCloses('MARA', '2026-02-01', '2026-02-08', () => undefined),
    ),
  ];
  return Promise.all(
    attempts.map((attempt) =>
      attempt.then(
        () => assert.fail('a source connected'),
        (error: unknown) => (error instanceof ProviderError ? error : assert.fail(String(error))),
      ),
    ),
  );
}

function assertRefused(failure: ProviderError, phrase: string): void {
  const setting = SETTINGS[failure.provider as keyof typeof SETTINGS];
  assert.equal(failure.failure, 'address-not-allowed', failure.message);
  assert.ok(failure.message.startsWith(`${failure.provider}: `), failure.message);
  assert.ok(failure.message.includes(`: ${setting}: `), failure.message);
  assert.ok(failure.message.includes(phrase), `${phrase} in ${failure.message}`);
  assert.ok(!failure.message.includes(PASSWORD) && !failure.message.includes('reader:'), failure.message);
}

test('property: a refused class, in any form, literal or resolved, is refused for every source', async (t) => {
  const server = await countingServer(t);
  // The control: 0.0.0.0 reaches this machine, so a plain socket to it reaches the server; zero below means refused.
  await new Promise<void>((resolve, reject) =>
    connect({ host: '0.0.0.0', port: server.port })
      .on('connect', function (this: { destroy(): void }) {
        this.destroy();
        resolve();
      })
      .on('error', reject),
  );
  const controlConnections = server.connections();
  assert.equal(controlConnections, 1);
  await fc.assert(
    fc.asyncProperty(
      refusedAddressForm,
      fc.constantFrom('literal', 'resolved', 'resolved second'),
      async (drawn, how) => {
        const { address, form } = drawn;
        const phrase = CLASS_PHRASES[address.addressClass];
        const loopback = { address: '127.0.0.1', family: 4 as const };
        const refused = { address: form.text, family: form.family };
        // Resolved: the name has the refused address and 127.0.0.1, either first; any refused address refuses the name.
        const resolver = tableResolver({
          'provider.example': how === 'resolved' ? [refused, loopback] : [loopback, refused],
        });
        const host = how === 'literal' ? form.urlHost : 'provider.example';
        const env = everySourceAt(`http://${host}:${server.port}`);
        const failures = await failuresOf(liveSourcesFromEnv(env, '/nonexistent', { timing, resolver }));
        assert.deepEqual(
          failures.map((failure) => failure.provider),
          ['bitcoind', 'mempool', 'coinbase', 'kraken', 'bitstamp', 'mempool', 'tiingo', 'yahoo', 'nasdaq'],
        );
        for (const failure of failures) assertRefused(failure, phrase);
        if (NEVER_ALLOWED_CLASSES.includes(address.addressClass)) {
          const allowAll = { ...env, RERATE_MEMPOOL_URL: 'off', RERATE_BITCOIND_ALLOW: '0.0.0.0/0, ::/0' };
          const [node] = await failuresOf(liveSourcesFromEnv(allowAll, '/nonexistent', { timing, resolver }));
          assertRefused(node as ProviderError, 'even when RERATE_BITCOIND_ALLOW covers it');
        }
        assert.equal(server.connections(), controlConnections, `${form.form} ${form.urlHost} (${how}) connected`);
      },
    ),
    { numRuns: 150 },
  );
});

test('a name resolving to the metadata address is refused, naming source, variable and class', async (t) => {
  const server = await countingServer(t);
  const resolver = tableResolver({ 'mempool.example': [{ address: '169.254.169.254', family: 4 }] });
  const env = {
    RERATE_MEMPOOL_URL: `http://mempool.example:${server.port}`,
    RERATE_COINBASE_URL: 'off',
    RERATE_YAHOO_URL: 'off',
    RERATE_NASDAQ_URL: 'off',
  };
  const sources = liveSourcesFromEnv({ ...env, RERATE_KRAKEN_URL: 'off', RERATE_BITSTAMP_URL: 'off' }, '/nonexistent', {
    timing,
    resolver,
  });
  const [chain, prices] = await failuresOf(sources);
  assert.equal(
    chain?.message,
    `mempool: GET http://mempool.example:${server.port}/api/v1/blocks/0: RERATE_MEMPOOL_URL: mempool.example ` +
      "(169.254.169.254) is a cloud metadata address (it hands out this machine's cloud credentials), " +
      'which rerate never connects to',
  );
  assertRefused(prices as ProviderError, 'mempool.example (169.254.169.254) is a cloud metadata address');
  assert.deepEqual(resolver.asked, ['mempool.example', 'mempool.example']);
  assert.equal(server.connections(), 0);
});

test('every connection is checked: a name that later resolves to the metadata address is refused then', async (t) => {
  // The server closes each connection, so the second request needs a new one, and a new lookup.
  const server = await countingServer(t, { closeEach: true });
  let answers: { address: string; family: 4 | 6 }[] = [{ address: '127.0.0.1', family: 4 }];
  const client = jsonClient({
    provider: 'mempool',
    baseUrl: `http://rebinding.example:${server.port}`,
    addressPolicy: publicProviderPolicy('RERATE_MEMPOOL_URL'),
    resolver: async () => answers,
    timing,
  });
  assert.deepEqual(await client.getJson('/first'), {});
  answers = [{ address: '::ffff:169.254.169.254', family: 6 }];
  await assert.rejects(client.getJson('/second'), (error: unknown) => {
    assertRefused(error as ProviderError, 'rebinding.example (::ffff:169.254.169.254, IPv4-mapped 169.254.169.254)');
    return true;
  });
  assert.equal(server.connections(), 1);
});

test("a client's pooled sockets are its own: another client's policy gets a connection of its own", async (t) => {
  const server = await countingServer(t);
  const resolver = tableResolver({ 'provider.example': [{ address: '127.0.0.1', family: 4 }] });
  const make = (policy: ReturnType<typeof publicProviderPolicy>) =>
    jsonClient({
      provider: 'bitcoind',
      baseUrl: `http://provider.example:${server.port}`,
      addressPolicy: policy,
      resolver,
      timing,
    });
  const open = make(publicProviderPolicy('RERATE_MEMPOOL_URL'));
  assert.deepEqual(await open.getJson('/a'), {});
  assert.deepEqual(await open.getJson('/b'), {});
  assert.equal(server.connections(), 1, 'the second request reused the pooled socket');
  const strict = make(addressPolicy(['10.0.0.0/8'], 'RERATE_BITCOIND_ALLOW', 'RERATE_BITCOIND_URL'));
  await assert.rejects(strict.getJson('/c'), (error: unknown) => {
    assertRefused(error as ProviderError, 'provider.example (127.0.0.1) is outside the allowed address ranges');
    return true;
  });
  assert.equal(server.connections(), 1);
});

test('data refresh with every URL at a metadata address exits non-zero; the API never connects', async (t) => {
  const server = await countingServer(t);
  const dir = mkdtempSync(join(tmpdir(), 'rerate-address-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const resolver = tableResolver({ 'mempool.example': [{ address: '169.254.169.254', family: 4 }] });
  const env = {
    ...everySourceAt(''),
    RERATE_DB: ':memory:',
    RERATE_DATA_DIR: join(dir, 'data'),
    RERATE_TODAY: '2026-02-09',
    RERATE_BITCOIND_URL: `http://[fd00:ec2::254]:${server.port}`,
    RERATE_BITCOIND_ALLOW: 'fd00::/8',
    RERATE_MEMPOOL_URL: `http://mempool.example:${server.port}`,
    RERATE_COINBASE_URL: `http://[::ffff:a9fe:a9fe]:${server.port}`,
    RERATE_KRAKEN_URL: `http://2852039166:${server.port}`,
    RERATE_BITSTAMP_URL: `http://[64:ff9b::169.254.169.254]:${server.port}`,
    RERATE_TIINGO_URL: `http://169.254.169.254:${server.port}`,
    RERATE_YAHOO_URL: `http://mempool.example:${server.port}`,
    RERATE_NASDAQ_URL: `http://[::ffff:169.254.169.254]:${server.port}`,
  };
  const ports = defaultPorts({ env, monteCarlo: inProcessMonteCarlo, resolver });
  t.after(() => ports.runs.close());
  const run = await rerate(ports, ['data', 'refresh']);
  const output = run.stdout + run.stderr;
  assert.notEqual(run.code, 0, output);
  for (const setting of Object.values(SETTINGS)) assert.ok(output.includes(`${setting}: `), `${setting} in ${output}`);
  assert.ok(output.includes('even when RERATE_BITCOIND_ALLOW covers it'), output);
  const sources = 'bitcoind|mempool|coinbase|kraken|bitstamp|tiingo|yahoo|nasdaq';
  const refusedRows = new RegExp(`^(${sources}) +(chain|prices|shares) +\\S+ +FAILED: .*cloud metadata addr`, 'gm');
  assert.equal(output.match(refusedRows)?.length, 9, output);
  assert.ok(!output.includes(PASSWORD), output);
  const status = await rerate(ports, ['data', 'status', '--json']);
  assert.equal(JSON.parse(status.stdout).results.store.snapshots, 0, 'nothing was written');

  // Over HTTP, `data refresh` is not served, and `data status` lists the configured sources without connecting.
  const app = await createApiServer({ ports, commands: COMMANDS, host: '127.0.0.1', rateLimit: 'off' });
  t.after(() => app.close());
  assert.equal((await app.inject({ method: 'GET', url: '/api/v1/data/refresh' })).statusCode, 404);
  assert.equal((await app.inject({ method: 'POST', url: '/api/v1/data/refresh', payload: {} })).statusCode, 404);
  const served = await app.inject({ method: 'GET', url: '/api/v1/data/status' });
  assert.equal(served.statusCode, 200, served.body);
  assert.equal(JSON.parse(served.body).results.providers.length, 9);
  assert.equal(server.connections(), 0);
});
