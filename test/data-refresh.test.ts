// `rerate data refresh` and `rerate data status` end to end through the CLI, against fake providers on 127.0.0.1
// that replay recorded answers (test/fixtures/live/): what a refresh adds, that a second adds nothing, that failing
// sources fall back and write nothing half-fetched, that commands then run on the refreshed data with freshness
// warnings, that old runs replay on the snapshot they used, and that credentials never reach the output.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inProcessMonteCarlo } from '../src/data/in-process-monte-carlo.ts';
import type { AppPorts } from '../src/app/ports/app-ports.ts';
import { defaultPorts } from '../src/cli/default-ports.ts';
import { bitcoindConfigFromEnv } from '../src/data/providers/bitcoind-config.ts';
import { bitcoindProvider } from '../src/data/providers/bitcoind.ts';
import { mempoolProvider } from '../src/data/providers/mempool.ts';
import { coinbasePrices } from '../src/data/providers/coinbase-prices.ts';
import { mempoolPrices } from '../src/data/providers/mempool-prices.ts';
import { krakenPrices } from '../src/data/providers/kraken-prices.ts';
import { bitstampPrices } from '../src/data/providers/bitstamp-prices.ts';
import type { ChainDataProvider } from '../src/app/ports/live-data.ts';
import { startFakeBitcoind, type FakeBitcoind } from './support/fake-bitcoind.ts';
import { manualTiming, startFakePublicApis, type FakePublicApis } from './support/fake-public-apis.ts';
import { rerate, rerateJson as json } from './support/cli-runner.ts';

interface Setup {
  dir: string;
  node: FakeBitcoind;
  apis: FakePublicApis;
  env: Record<string, string>;
}

async function setup(t: TestContext, faults: Parameters<typeof startFakePublicApis>[0] = {}): Promise<Setup> {
  const dir = mkdtempSync(join(tmpdir(), 'rerate-refresh-'));
  const node = await startFakeBitcoind({ cookiePath: join(dir, 'node', '.cookie') });
  const apis = await startFakePublicApis(faults);
  t.after(async () => {
    await node.close();
    await apis.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const env = {
    RERATE_DB: ':memory:',
    RERATE_DATA_DIR: join(dir, 'data'),
    RERATE_TODAY: '2026-02-09',
    RERATE_BITCOIND_URL: node.url,
    RERATE_BITCOIND_COOKIE: join(dir, 'node', '.cookie'),
    RERATE_MEMPOOL_URL: apis.mempool.url,
    RERATE_COINBASE_URL: apis.coinbase.url,
    RERATE_KRAKEN_URL: apis.kraken.url,
    RERATE_BITSTAMP_URL: apis.bitstamp.url,
  };
  return { dir, node, apis, env };
}

/** Ports for the environment; live providers use a fake clock so retries and backoff take no time. */
function portsOf(t: TestContext, env: Record<string, string>): AppPorts {
  const ports = defaultPorts({ env, monteCarlo: inProcessMonteCarlo });
  t.after(() => ports.runs.close());
  const { timing } = manualTiming();
  const node = bitcoindConfigFromEnv(env, '');
  const chain = [
    ...(node ? [bitcoindProvider({ ...node, timing })] : []),
    ...(env['RERATE_MEMPOOL_URL'] === 'off'
      ? []
      : [mempoolProvider({ baseUrl: env['RERATE_MEMPOOL_URL'] as string, timing })]),
  ];
  const prices = [
    coinbasePrices({ baseUrl: env['RERATE_COINBASE_URL'] as string, timing }),
    krakenPrices({ baseUrl: env['RERATE_KRAKEN_URL'] as string, timing }),
    bitstampPrices({ baseUrl: env['RERATE_BITSTAMP_URL'] as string, timing }),
    ...(env['RERATE_MEMPOOL_URL'] === 'off'
      ? []
      : [mempoolPrices({ baseUrl: env['RERATE_MEMPOOL_URL'] as string, timing })]),
  ];
  // Share prices have their own tests (test/share-price-refresh.test.ts): none configured here.
  return { ...ports, liveData: () => ({ chain, prices, shares: [] }) };
}

const codes = (warnings: { code: string }[]) => warnings.map((warning) => warning.code);

test('a refresh appends the new days, epoch and prices after the embedded data; a second adds nothing', async (t) => {
  const { env, dir } = await setup(t);
  const first = await json(portsOf(t, env), ['data', 'refresh']);
  assert.equal(first.results.base.origin, 'embedded');
  assert.equal(first.results.status, 'refreshed');
  assert.equal(first.results.snapshot.created, true);
  assert.deepEqual(first.results.span, { firstDay: '2026-02-05', lastDay: '2026-02-08' });
  assert.deepEqual(first.results.added, {
    daysAdded: 4,
    feesFilled: 0,
    pricesFilled: 4,
    epochsAdded: 1,
    epochTimesFromHeaders: 27,
    closesAdded: 16,
    shareClosesAdded: 0,
  });
  assert.deepEqual(
    first.results.sources.map((s: { source: string; ok: boolean }) => `${s.source}:${s.ok}`),
    ['bitcoind:true', 'coinbase:true', 'kraken:true', 'bitstamp:true', 'mempool:true'],
  );
  assert.deepEqual(first.results.dataAsOf, {
    blocks: '2026-02-08',
    difficulty: '2026-02-08',
    price: '2026-02-08',
    fees: '2026-02-08',
    epochs: '2026-02-07',
  });
  assert.deepEqual(first.warnings, []);
  const snapshotFolder = join(dir, 'data', 'snapshots', first.results.snapshot.snapshotId);
  assert.ok(existsSync(join(snapshotFolder, 'price-closes.csv')));

  const second = await json(portsOf(t, env), ['data', 'refresh']);
  assert.equal(second.results.base.origin, 'local');
  assert.equal(second.results.snapshot.created, false);
  assert.equal(second.results.snapshot.snapshotId, first.results.snapshot.snapshotId);
  assert.deepEqual(second.results.sources, []);
  assert.equal(second.results.status, 'up-to-date');
  assert.equal(readdirSync(join(dir, 'data', 'snapshots')).length, 1);

  // Fetching the same days again (--since) adds nothing either: stored days are only filled, never changed.
  const again = await json(portsOf(t, env), ['data', 'refresh', '--since', '2026-02-05']);
  assert.equal(again.results.snapshot.created, false);
  assert.equal(again.results.status, 'refreshed');
  assert.ok(Object.values(again.results.added).every((count) => count === 0));
});

test('commands run on the refreshed data; status and warnings say how fresh each series is', async (t) => {
  const { env } = await setup(t);
  const before = await json(portsOf(t, env), ['update', '--no-save']);
  assert.equal(before.dataAsOf.blocks, '2026-02-04');
  const stale = before.warnings
    .filter((w: { code: string }) => w.code === 'stale-data')
    .map((w: { field: string }) => w.field);
  assert.deepEqual(stale.sort(), [
    'dataAsOf.blocks',
    'dataAsOf.difficulty',
    'dataAsOf.epochs',
    'dataAsOf.fees',
    'dataAsOf.price',
  ]);
  assert.match(
    before.warnings.find((w: { field?: string }) => w.field === 'dataAsOf.price').message,
    /price data ends 2026-02-04, 5 days before today \(2026-02-09\)/,
  );

  await json(portsOf(t, env), ['data', 'refresh']);
  const after = await json(portsOf(t, env), ['update', '--no-save']);
  assert.equal(after.dataAsOf.blocks, '2026-02-08');
  assert.equal(after.asOf, '2026-02-08');
  assert.ok(!codes(after.warnings).includes('stale-data'), JSON.stringify(after.warnings));

  const status = await json(portsOf(t, env), ['data', 'status']);
  assert.equal(status.results.snapshot.origin, 'local');
  const byName = Object.fromEntries(status.results.series.map((s: { series: string }) => [s.series, s]));
  assert.deepEqual(byName.blocks, {
    series: 'blocks',
    lastDay: '2026-02-08',
    source: 'bitcoind',
    ageDays: 1,
    staleAfterDays: 2,
    stale: false,
  });
  assert.equal(byName.price.source, 'exchanges');
  assert.deepEqual(
    status.results.lastRefreshes.map((r: { source: string; ok: boolean }) => `${r.source}:${r.ok}`).sort(),
    ['bitcoind:true', 'bitstamp:true', 'coinbase:true', 'kraken:true', 'mempool:true'],
  );

  // Three days later, without a refresh, the same data is stale in status and in every command's warnings.
  const later = { ...env, RERATE_TODAY: '2026-02-12' };
  const staleStatus = await rerate(portsOf(t, later), ['data', 'status']);
  assert.equal(staleStatus.code, 0);
  assert.match(staleStatus.stdout, /blocks\s+2026-02-08\s+bitcoind\s+4\s+2\s+STALE/);
  const staleUpdate = await json(portsOf(t, later), ['update', '--no-save']);
  assert.ok(codes(staleUpdate.warnings).includes('stale-data'));
  // A historical run is judged at its own as-of date, not today.
  const historical = await json(portsOf(t, later), ['network', 'status', '--as-of', '2025-06-30']);
  assert.ok(!codes(historical.warnings).includes('stale-data'));
});

const failingNodeFallbackTestName =
  'a failing node falls back to mempool.space; when every chain source fails nothing is written and the exit is 1';
test(failingNodeFallbackTestName, async (t) => {
  const { env, node, dir } = await setup(t);
  node.fail({ kind: 'http-500' });
  const fallback = await json(portsOf(t, env), ['data', 'refresh']);
  assert.deepEqual(
    fallback.results.sources.map((s: { source: string; ok: boolean }) => `${s.source}:${s.ok}`),
    ['bitcoind:false', 'mempool:true', 'coinbase:true', 'kraken:true', 'bitstamp:true', 'mempool:true'],
  );
  assert.equal(fallback.results.added.daysAdded, 4);
  const warning = fallback.warnings.find((w: { code: string }) => w.code === 'source-failed');
  assert.match(
    warning.message,
    /bitcoind \(http:\/\/127\.0\.0\.1:\d+\) failed: .*HTTP 500.*the chain data came from the next source/,
  );

  // With --source bitcoind and the node down, nothing is written at all.
  const { env: env2, node: node2, dir: dir2 } = await setup(t, { mempool: 'http-500' });
  node2.fail({ kind: 'http-500' });
  const failed = await rerate(portsOf(t, env2), ['data', 'refresh', '--source', 'bitcoind']);
  assert.equal(failed.code, 1, failed.stdout + failed.stderr);
  // The report is printed all the same; stderr says what is missing.
  assert.match(failed.stdout, /bitcoind\s+chain\s+http:\/\/127\.0\.0\.1:\d+\s+FAILED/);
  assert.match(failed.stdout, /Status\s+FAILED: no source delivered any data asked for/);
  assert.equal(
    failed.stderr,
    'rerate: failed: no source delivered chain data (bitcoind); the local data is as it was\n',
  );
  assert.ok(!existsSync(join(dir2, 'data', 'current.json')), 'nothing was written');
  assert.ok(!existsSync(join(dir2, 'data', 'snapshots')));
  // The log keeps the attempt, and commands keep running on the data they had, with a stale warning.
  const status = await json(portsOf(t, env2), ['data', 'status']);
  assert.equal(status.results.snapshot.origin, 'embedded');
  assert.equal(status.results.lastRefreshes[0].ok, false);
  assert.ok(codes(status.warnings).includes('stale-data'));

  // With every chain source down but the exchanges up: exit 1, the blocks stay, the new closes are kept.
  const all = await rerate(portsOf(t, env2), ['data', 'refresh', '--json']);
  assert.equal(all.code, 1);
  const envelope = JSON.parse(all.stdout);
  assert.equal(envelope.results.status, 'partial');
  assert.match(
    all.stderr,
    /^rerate: failed: no source delivered chain data \(bitcoind, mempool\); the rest was merged/,
  );
  assert.equal(envelope.results.dataAsOf.blocks, '2026-02-04');
  assert.equal(envelope.results.added.daysAdded, 0);
  assert.equal(envelope.results.added.closesAdded, 16);
  assert.ok(
    envelope.warnings.some(
      (w: { code: string; message: string }) =>
        w.code === 'source-failed' && /the blocks stay as they were \(to 2026-02-04\)/.test(w.message),
    ),
  );
  void dir;
});

const emptyAnswersTestName =
  'well-formed but empty answers deliver nothing: every exchange empty is a failed refresh (exit 1), one is a failed ' +
  'source';
test(emptyAnswersTestName, async (t) => {
  const empty = { coinbase: 'empty', kraken: 'empty', bitstamp: 'empty', mempool: 'empty-prices' } as const;
  const { env, dir } = await setup(t, empty);
  const prices = await rerate(portsOf(t, env), ['data', 'refresh', '--source', 'prices', '--json']);
  assert.equal(prices.code, 1, prices.stderr);
  const report = JSON.parse(prices.stdout);
  assert.equal(report.results.status, 'failed');
  assert.deepEqual(
    report.results.sources.map((s: { source: string; ok: boolean; message: string }) => [s.source, s.ok, s.message]),
    ['coinbase', 'kraken', 'bitstamp', 'mempool'].map((source) => [
      source,
      false,
      'answered no daily close for 2026-02-05 … 2026-02-08',
    ]),
  );
  assert.equal(
    prices.stderr,
    'rerate: failed: no source delivered prices (coinbase, kraken, bitstamp, mempool); the local data is as it was\n',
  );
  assert.ok(!existsSync(join(dir, 'data', 'current.json')), 'nothing was written');

  // With the chain data delivered, the empty exchanges make the refresh partial: the blocks are merged, exit 1.
  const all = await rerate(portsOf(t, env), ['data', 'refresh', '--json']);
  assert.equal(all.code, 1);
  const partial = JSON.parse(all.stdout);
  assert.equal(partial.results.status, 'partial');
  assert.equal(partial.results.added.daysAdded, 4);
  assert.equal(partial.results.dataAsOf.price, '2026-02-04');
  assert.match(all.stderr, /no source delivered prices \(coinbase, kraken, bitstamp, mempool\); the rest was merged/);

  // One exchange empty among answering ones is a failed source, not a failed refresh.
  const { env: oneEmpty } = await setup(t, { kraken: 'empty' });
  const one = await json(portsOf(t, oneEmpty), ['data', 'refresh', '--source', 'prices']);
  assert.equal(one.results.status, 'refreshed');
  assert.equal(one.results.sources.find((s: { source: string }) => s.source === 'kraken').ok, false);
  assert.match(
    one.warnings.find((w: { code: string }) => w.code === 'source-failed').message,
    /^kraken \(http:\/\/127\.0\.0\.1:\d+\) failed: answered no daily close .*the prices came from the other exchanges/,
  );
});

test('a chain source that delivers no complete day is a failed source: the next one serves', async (t) => {
  const { env } = await setup(t);
  const ports = portsOf(t, env);
  const { chain, prices } = ports.liveData();
  // A node still behind the stored data: a well-formed answer without a day.
  const behind: ChainDataProvider = {
    id: 'bitcoind',
    endpoint: 'http://127.0.0.1:1',
    fetchChain: async () => ({ source: 'bitcoind', days: [], epochs: [], notes: [] }),
  };
  // Alone, it fails the refresh and nothing is written; with mempool.space after it, mempool.space serves.
  const alone = await rerate({ ...ports, liveData: () => ({ chain: [behind], prices: [] }) }, [
    'data',
    'refresh',
    '--source',
    'bitcoind',
  ]);
  assert.equal(alone.code, 1, alone.stdout);
  assert.match(alone.stderr, /no source delivered chain data \(bitcoind\)/);
  const fallback = await json({ ...ports, liveData: () => ({ chain: [behind, ...chain.slice(1)], prices }) }, [
    'data',
    'refresh',
  ]);
  assert.equal(fallback.results.status, 'refreshed');
  const chainOutcomes = fallback.results.sources.filter((s: { kind: string }) => s.kind === 'chain');
  assert.deepEqual(
    chainOutcomes.map((s: { source: string; ok: boolean; days: number }) => [s.source, s.ok, s.days]),
    [
      ['bitcoind', false, 0],
      ['mempool', true, 4],
    ],
  );
  assert.equal(chainOutcomes[0].message, 'delivered no complete day of 2026-02-05 … 2026-02-08');
  assert.equal(fallback.results.added.daysAdded, 4);
});

const refusedChainDataTestName =
  "chain data a source delivers but the store refuses (another chain's bits) falls back to the next source";
test(refusedChainDataTestName, async (t) => {
  const { env } = await setup(t);
  const ports = portsOf(t, env);
  const { chain, prices } = ports.liveData();
  const liar: ChainDataProvider = {
    id: 'bitcoind',
    endpoint: 'http://127.0.0.1:1',
    async fetchChain(request, progress) {
      const real = await (chain[0] as ChainDataProvider).fetchChain(request, progress);
      return {
        ...real,
        epochs: real.epochs.map((epoch) => (epoch.epoch === 463 ? { ...epoch, bits: 0x1701fca2 } : epoch)),
      };
    },
  };
  const run = await json({ ...ports, liveData: () => ({ chain: [liar, ...chain.slice(1)], prices }) }, [
    'data',
    'refresh',
  ]);
  const node = run.results.sources.find((s: { source: string }) => s.source === 'bitcoind');
  assert.equal(node.ok, false);
  assert.match(node.message, /^refused: bitcoind: epoch 463 has bits 0x1701fca2, but the local data has 0x1701fca1/);
  assert.equal(run.results.sources.find((s: { source: string }) => s.source === 'mempool').ok, true);
  assert.equal(run.results.added.daysAdded, 4);
});

const damagedStoreTestName =
  'a damaged local store does not block a refresh: it builds on the newest readable snapshot and says so';
test(damagedStoreTestName, async (t) => {
  const { env, dir } = await setup(t);
  const early = await json(portsOf(t, { ...env, RERATE_TODAY: '2026-02-07' }), ['data', 'refresh']);
  const later = await json(portsOf(t, env), ['data', 'refresh']);
  const daily = join(dir, 'data', 'snapshots', later.results.snapshot.snapshotId, 'network-daily.csv');
  writeFileSync(daily, readFileSync(daily, 'utf8').replace(/\n2026-02-07,\d+,/, '\n2026-02-07,9999,'));
  const status = await json(portsOf(t, env), ['data', 'status']);
  assert.equal(status.results.snapshot.snapshotId, early.results.snapshot.snapshotId);
  assert.ok(codes(status.warnings).includes('local-data-unusable'));
  const again = await json(portsOf(t, env), ['data', 'refresh']);
  assert.equal(again.results.base.snapshotId, early.results.snapshot.snapshotId);
  assert.match(
    again.warnings.find((w: { code: string }) => w.code === 'local-data-unusable').message,
    /do not hash to the snapshot id/,
  );
  assert.equal(again.results.added.daysAdded, 2);
});

test('a node on another chain is refused, naming its genesis, and mempool.space serves instead', async (t) => {
  const { env, node } = await setup(t);
  node.useNetwork('testnet');
  const run = await json(portsOf(t, env), ['data', 'refresh']);
  const refused = run.results.sources.find((s: { source: string }) => s.source === 'bitcoind');
  assert.equal(refused.ok, false);
  assert.match(refused.message, /test|000000000933ea01/);
  assert.equal(run.results.sources.find((s: { source: string }) => s.source === 'mempool').ok, true);
});

test('exchanges that disagree by more than 1% give a warning naming both closes; the median is kept', async (t) => {
  const { env } = await setup(t, { kraken: 'disagreeing' });
  const run = await json(portsOf(t, env), ['data', 'refresh']);
  const disagreements = run.warnings.filter((w: { code: string }) => w.code === 'price-sources-disagree');
  assert.ok(disagreements.length >= 2, JSON.stringify(run.warnings));
  assert.match(
    disagreements[0].message,
    /^2026-02-06: \w+ closed at \$[\d,]+\.\d\d and \w+ at \$[\d,]+\.\d\d, \d+\.\d\d% apart/,
  );
  assert.ok(disagreements.every((w: { message: string }) => w.message.includes('kraken')));
});

test('a damaged local snapshot is not used: commands fall back to the embedded data with a warning', async (t) => {
  const { env, dir } = await setup(t);
  const refreshed = await json(portsOf(t, env), ['data', 'refresh']);
  const daily = join(dir, 'data', 'snapshots', refreshed.results.snapshot.snapshotId, 'network-daily.csv');
  writeFileSync(daily, readFileSync(daily, 'utf8').replace(/\n2026-02-07,\d+,/, '\n2026-02-07,9999,'));
  const run = await json(portsOf(t, env), ['network', 'status']);
  assert.equal(run.dataAsOf.blocks, '2026-02-04');
  const warning = run.warnings.find((w: { code: string }) => w.code === 'local-data-unusable');
  assert.match(warning.message, /do not hash to the snapshot id.*these figures use the embedded data instead/);
});

test('a run made on an older local snapshot still replays after a newer refresh', async (t) => {
  const { env } = await setup(t);
  const early = { ...env, RERATE_TODAY: '2026-02-07' };
  const first = await json(portsOf(t, early), ['data', 'refresh']);
  assert.equal(first.results.added.daysAdded, 2);
  const ports = portsOf(t, early);
  const saved = await json(ports, ['update']);
  // A later refresh on the same store makes a new current snapshot; the run is replayed on its own.
  const later = await json(portsOf(t, env), ['data', 'refresh']);
  assert.equal(later.results.added.daysAdded, 2);
  assert.notEqual(later.results.snapshot.snapshotId, first.results.snapshot.snapshotId);
  const replay = await rerate({ ...portsOf(t, env), runs: ports.runs }, [
    'runs',
    'replay',
    saved.inputsHash.slice(0, 12),
  ]);
  assert.equal(replay.code, 0, replay.stdout + replay.stderr);
  assert.match(replay.stdout, /identical/);
});

test('credentials never reach the output, and a refused cookie fails as auth', async (t) => {
  const { env, node, dir } = await setup(t);
  // A cookie from before the node restarted is refused; neither it nor the node's current cookie is ever printed.
  const staleCookie = join(dir, 'stale.cookie');
  const staleSecret = 'ab'.repeat(32);
  writeFileSync(staleCookie, `__cookie__:${staleSecret}`);
  const run = await rerate(portsOf(t, { ...env, RERATE_MEMPOOL_URL: 'off', RERATE_BITCOIND_COOKIE: staleCookie }), [
    'data',
    'refresh',
    '--source',
    'bitcoind',
    '--json',
  ]);
  assert.equal(run.code, 1, run.stdout);
  assert.match(run.stdout, /credentials were refused|401/);
  for (const value of [staleSecret, node.cookieSecret as string]) assert.ok(!(run.stdout + run.stderr).includes(value));
  const withPassword = await rerate(
    portsOf(t, { ...env, RERATE_BITCOIND_USER: 'analyst', RERATE_BITCOIND_PASSWORD: 'hunter2-secret' }),
    ['data', 'refresh', '--source', 'bitcoind'],
  );
  assert.equal(withPassword.code, 1);
  assert.ok(!(withPassword.stdout + withPassword.stderr).includes('hunter2-secret'));
  // Nor does any file the store keeps: the refresh log, and (after a good refresh) the snapshot's files.
  const good = await json(
    portsOf(t, {
      ...env,
      RERATE_BITCOIND_URL: (env.RERATE_BITCOIND_URL as string).replace('http://', 'http://analyst:url-secret@'),
      RERATE_BITCOIND_COOKIE: env.RERATE_BITCOIND_COOKIE as string,
    }),
    ['data', 'refresh', '--source', 'bitcoind'],
  );
  const kept = [
    join(dir, 'data', 'refresh-log.jsonl'),
    ...['network-daily.csv', 'snapshot.json'].map((file) =>
      join(dir, 'data', 'snapshots', good.results.snapshot.snapshotId, file),
    ),
  ];
  for (const file of kept) {
    const text = readFileSync(file, 'utf8');
    for (const secret of ['hunter2-secret', 'url-secret', staleSecret, node.cookieSecret as string])
      assert.ok(!text.includes(secret), `${file} holds a secret`);
  }
});

test('bad refresh flags are usage errors naming the field', async (t) => {
  const { env } = await setup(t);
  const gap = await rerate(portsOf(t, env), ['data', 'refresh', '--since', '2026-02-07']);
  assert.equal(gap.code, 2);
  assert.match(gap.stderr, /since: 2026-02-07 would leave a gap: the data ends 2026-02-04/);
  const source = await rerate(portsOf(t, env), ['data', 'refresh', '--source', 'coingecko']);
  assert.equal(source.code, 2);
  const noNode = await rerate(portsOf(t, { ...env, RERATE_BITCOIND_URL: '' }), [
    'data',
    'refresh',
    '--source',
    'bitcoind',
  ]);
  assert.equal(noNode.code, 2);
  assert.match(noNode.stderr, /RERATE_BITCOIND_URL/);
});

test('one refresh at a time: a second waits for none and fails naming the lock', async (t) => {
  const { env, dir } = await setup(t);
  const ports = portsOf(t, env);
  const release = await (ports.localData.store as NonNullable<AppPorts['localData']['store']>).lock();
  const blocked = await rerate(portsOf(t, env), ['data', 'refresh']);
  assert.equal(blocked.code, 1);
  assert.match(blocked.stderr, /another refresh is writing/);
  await release();
  assert.ok(!existsSync(join(dir, 'data', 'refresh.lock')));
});

const failedPriceSourcesTestName =
  'after a refresh whose price sources all failed, commands still run: the last known price carries forward, with ' +
  'warnings';
test(failedPriceSourcesTestName, async (t) => {
  const { env: withMempool } = await setup(t, { coinbase: 'http-500', kraken: 'http-500', bitstamp: 'http-500' });
  const env: Record<string, string> = { ...withMempool, RERATE_MEMPOOL_URL: 'off' };
  const refresh = await json(portsOf(t, env), ['data', 'refresh'], 1);
  assert.equal(refresh.results.added.daysAdded, 4);
  assert.ok(
    refresh.warnings.some(
      (w: { code: string; field?: string }) => w.code === 'stale-data' && w.field === 'dataAsOf.price',
    ),
  );
  assert.equal(refresh.results.dataAsOf.price, '2026-02-04');
  assert.equal(codes(refresh.warnings).filter((code: string) => code === 'source-failed').length, 3);
  const update = await json(portsOf(t, env), ['update', '--no-save']);
  assert.equal(update.asOf, '2026-02-08');
  const carried = update.warnings.find((w: { code: string }) => w.code === 'price-carried-forward');
  assert.match(carried.message, /no price after 2026-02-04: .* 73095\.19 USD/);
  assert.ok(
    update.warnings.some(
      (w: { code: string; field?: string }) => w.code === 'stale-data' && w.field === 'dataAsOf.price',
    ),
  );
  // The next refresh, with the exchanges back, fills the missing prices of the stored days.
  const { env: healthy } = await setup(t);
  const filled = await json(portsOf(t, { ...healthy, RERATE_DATA_DIR: env.RERATE_DATA_DIR as string }), [
    'data',
    'refresh',
    '--source',
    'prices',
  ]);
  assert.equal(filled.results.added.pricesFilled, 4);
  assert.equal(filled.results.added.daysAdded, 0);
  assert.equal(filled.results.dataAsOf.price, '2026-02-08');
});

test('docs/data.md: the example against a node, configured only by the environment, as written', async (t) => {
  const { env } = await setup(t);
  const doc = readFileSync(new URL('../docs/data.md', import.meta.url), 'utf8');
  assert.match(
    doc,
    new RegExp(
      String.raw`RERATE_BITCOIND_URL=http:\/\/127\.0\.0\.1:18332 RERATE_BITCOIND_COOKIE=\/tmp\/rerate-node\/\.cookie ` +
        String.raw`\\\n\s+rerate data refresh --source bitcoind\nrerate data status`,
    ),
  );
  // The environment the example sets (with the fake node's port), and ports built from it alone.
  const exampleEnv = {
    RERATE_DB: ':memory:',
    RERATE_DATA_DIR: env.RERATE_DATA_DIR as string,
    RERATE_TODAY: '2026-02-09',
    RERATE_BITCOIND_URL: env.RERATE_BITCOIND_URL as string,
    RERATE_BITCOIND_COOKIE: env.RERATE_BITCOIND_COOKIE as string,
  };
  const ports = defaultPorts({ env: exampleEnv, monteCarlo: inProcessMonteCarlo });
  t.after(() => ports.runs.close());
  const refresh = await json(ports, ['data', 'refresh', '--source', 'bitcoind']);
  assert.deepEqual(
    [refresh.results.added.daysAdded, refresh.results.added.epochsAdded, refresh.results.added.epochTimesFromHeaders],
    [4, 1, 27],
  );
  const status = await json(defaultPorts({ env: exampleEnv, monteCarlo: inProcessMonteCarlo }), ['data', 'status']);
  const stale = Object.fromEntries(
    status.results.series.map((s: { series: string; stale: boolean }) => [s.series, s.stale]),
  );
  assert.deepEqual(stale, { blocks: false, difficulty: false, price: true, fees: false, epochs: false });
});

const badLiveDataSettingTestName =
  'a bad live-data setting is a usage error naming the variable, never its value, and only where it is used';
test(badLiveDataSettingTestName, async (t) => {
  const { env } = await setup(t);
  const bad = { ...env, RERATE_LIVE_TIMEOUT_MS: 'abc', RERATE_MEMPOOL_URL: 'https://u:s3cret pw@host' };
  const offline = await rerate(defaultPorts({ env: bad, monteCarlo: inProcessMonteCarlo }), [
    'network',
    'status',
    '--as-of',
    '2025-06-30',
  ]);
  assert.equal(offline.code, 0, offline.stderr);
  const status = await rerate(defaultPorts({ env: bad, monteCarlo: inProcessMonteCarlo }), ['data', 'status']);
  assert.equal(status.code, 2);
  assert.match(status.stderr, /RERATE_LIVE_TIMEOUT_MS: expected a positive whole number of milliseconds/);
  const url = await rerate(
    defaultPorts({ env: { ...bad, RERATE_LIVE_TIMEOUT_MS: '' }, monteCarlo: inProcessMonteCarlo }),
    ['data', 'refresh'],
  );
  assert.equal(url.code, 2);
  assert.match(url.stderr, /RERATE_MEMPOOL_URL: expected an http\(s\) URL or "off"/);
  assert.ok(!url.stderr.includes('s3cret'));
  const today = await rerate(
    defaultPorts({ env: { ...env, RERATE_TODAY: '2026-02-30' }, monteCarlo: inProcessMonteCarlo }),
    ['data', 'status'],
  );
  assert.equal(today.code, 2);
  assert.match(today.stderr, /RERATE_TODAY: expected a date YYYY-MM-DD/);
});
