// Share prices end to end (issue 20): `rerate data refresh` fetches every covered ticker's closes from fake Yahoo,
// Nasdaq and Tiingo servers on 127.0.0.1, cross-checks and appends them to the local store; `data status` shows each
// ticker's last close; `update` and `value` (CLI and API) use the stored close on or before the as-of date with its
// day and source, else the company file's price with a warning. A failed refresh keeps every stored day; the Tiingo
// key never reaches the output, the refresh log or the store.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppPorts } from '../src/app/ports/app-ports.ts';
import type { SharePriceProvider } from '../src/app/ports/share-prices.ts';
import { defaultPorts } from '../src/cli/default-ports.ts';
import { inProcessMonteCarlo } from '../src/data/in-process-monte-carlo.ts';
import { nasdaqSharePrices } from '../src/data/providers/nasdaq-share-prices.ts';
import { tiingoSharePrices } from '../src/data/providers/tiingo-share-prices.ts';
import { yahooSharePrices } from '../src/data/providers/yahoo-share-prices.ts';
import { createApiServer } from '../src/server/api-server.ts';
import { API_PREFIX } from '../src/server/command-routes.ts';
import { COMMANDS } from '../src/app/registry.ts';
import { rerate, rerateJson as json } from './support/cli-runner.ts';
import { manualTiming } from './support/fake-public-apis.ts';
import {
  SHARE_TIINGO_KEY,
  startFakeShareApis,
  tradedClose,
  type FakeShareApis,
  type FakeShareOptions,
} from './support/fake-share-apis.ts';

const TICKERS = ['CIFR', 'CLSK', 'IREN', 'MARA', 'RIOT'];

async function setup(t: TestContext, options: FakeShareOptions = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'rerate-shares-'));
  const apis = await startFakeShareApis(options);
  t.after(async () => {
    await apis.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const env = { RERATE_DB: ':memory:', RERATE_DATA_DIR: join(dir, 'data'), RERATE_TODAY: '2026-02-09' };
  return { dir, apis, env };
}

/** Ports whose share sources are the fakes (on a manual clock), with no chain or BTC price source. */
function portsOf(t: TestContext, env: Record<string, string>, apis: FakeShareApis, withTiingo = true): AppPorts {
  const ports = defaultPorts({ env, monteCarlo: inProcessMonteCarlo });
  t.after(() => ports.runs.close());
  // The sources' clock is noon of RERATE_TODAY, as the command's.
  const { timing } = manualTiming(Date.parse(`${env['RERATE_TODAY']}T12:00:00Z`));
  const quick = { timing, retry: { maxAttempts: 2, baseDelayMs: 1 }, breaker: { failureThreshold: 100 } };
  const shares: SharePriceProvider[] = [
    ...(withTiingo ? [tiingoSharePrices({ baseUrl: apis.tiingo.url, apiKey: SHARE_TIINGO_KEY, ...quick })] : []),
    yahooSharePrices({ baseUrl: apis.yahoo.url, ...quick }),
    nasdaqSharePrices({ baseUrl: apis.nasdaq.url, ...quick }),
  ];
  return { ...ports, liveData: () => ({ chain: [], prices: [], shares }) };
}

function storedRows(dir: string): string[] {
  const current = JSON.parse(readFileSync(join(dir, 'data', 'current.json'), 'utf8')) as { snapshotId: string };
  return readFileSync(join(dir, 'data', 'snapshots', current.snapshotId, 'share-closes.csv'), 'utf8')
    .trim()
    .split('\n');
}

test('refresh stores every ticker; status shows the last close; update and value use it, dated, sourced', async (t) => {
  const { dir, apis, env } = await setup(t);
  const refreshed = await json(portsOf(t, env, apis), ['data', 'refresh', '--source', 'shares']);
  assert.equal(refreshed.results.status, 'refreshed');
  assert.deepEqual(
    refreshed.results.sources.map(
      (s: { source: string; kind: string; ok: boolean }) => `${s.source}:${s.kind}:${s.ok}`,
    ),
    ['tiingo:shares:true', 'yahoo:shares:true', 'nasdaq:shares:true'],
  );
  const rows = storedRows(dir);
  assert.equal(rows[0], 'ticker,date,close_usd,split_factor,sources');
  assert.equal(refreshed.results.added.shareClosesAdded, rows.length - 1);
  // Yahoo gives the last trade (Tiingo, asked first, does not): shown, not stored.
  assert.deepEqual(
    refreshed.results.shareLastTrades.find((trade: { ticker: string }) => trade.ticker === 'MARA'),
    { ticker: 'MARA', source: 'yahoo', at: '2026-02-06T21:00:00.000Z', priceUsd: tradedClose('MARA', '2026-02-06') },
  );
  assert.ok(rows.includes(`MARA,2026-02-06,${tradedClose('MARA', '2026-02-06')},1,nasdaq+tiingo+yahoo`));
  // Only the chain data's staleness is warned of (no chain source here).
  assert.deepEqual(
    refreshed.warnings.filter((w: { code: string }) => w.code !== 'stale-data'),
    [],
  );

  const status = await json(portsOf(t, env, apis), ['data', 'status']);
  const mara = status.results.shares.find((entry: { ticker: string }) => entry.ticker === 'MARA');
  assert.deepEqual(mara, {
    ticker: 'MARA',
    lastDay: '2026-02-06',
    closeUsd: tradedClose('MARA', '2026-02-06'),
    sources: ['nasdaq', 'tiingo', 'yahoo'],
    ageDays: 3,
    staleAfterDays: 4,
    stale: false,
  });
  const statusText = await rerate(portsOf(t, env, apis), ['data', 'status']);
  assert.match(statusText.stdout, /Share prices \(last stored close per ticker\)/);
  assert.match(statusText.stdout, /MARA +\$[\d.]+ +2026-02-06 +nasdaq, tiingo, yahoo +3 +fresh/);

  // The data's last day (the as-of by default) is 2026-02-04: its close is used, not the file's.
  const update = await json(portsOf(t, env, apis), ['update']);
  for (const ticker of TICKERS) {
    const row = update.results.companies.find((c: { ticker: string }) => c.ticker === ticker);
    assert.equal(row.sharePriceUsd, tradedClose(ticker, '2026-02-04'), ticker);
    assert.equal(row.sharePriceDate, '2026-02-04');
    assert.equal(row.sharePriceSource, 'nasdaq+tiingo+yahoo');
  }
  assert.ok(!update.warnings.some((w: { code: string }) => w.code === 'stale-share-price'));
  const text = await rerate(portsOf(t, env, apis), ['update']);
  const price = tradedClose('MARA', '2026-02-04').toFixed(2);
  assert.match(text.stdout, new RegExp(`MARA .*\\$${price} \\(2026-02-04, nasdaq\\+tiingo\\+yahoo\\)`));
  const value = await json(portsOf(t, env, apis), ['value', 'MARA']);
  assert.match(value.results.bridge ? JSON.stringify(value.results) : '', /share-closes\.csv MARA 2026-02-04/);

  // An earlier as-of uses the close of its own day.
  const earlier = await json(portsOf(t, env, apis), ['update', '--as-of', '2026-02-02']);
  const maraEarlier = earlier.results.companies.find((c: { ticker: string }) => c.ticker === 'MARA');
  assert.equal(maraEarlier.sharePriceUsd, tradedClose('MARA', '2026-02-02'));

  // The API serves the same price, date and source.
  const ports = portsOf(t, env, apis);
  const app = await createApiServer({ ports, commands: COMMANDS, host: '127.0.0.1', rateLimit: 'off' });
  t.after(() => app.close());
  const served = (await app.inject({ method: 'GET', url: `${API_PREFIX}/value/MARA` })).json();
  assert.equal(served.results.company.sharePriceUsd, tradedClose('MARA', '2026-02-04'));
  assert.equal(served.results.company.sharePriceSource, 'nasdaq+tiingo+yahoo');

  // A second refresh finds nothing new and writes nothing.
  const second = await json(portsOf(t, env, apis), ['data', 'refresh', '--source', 'shares']);
  assert.equal(second.results.added.shareClosesAdded, 0);
  assert.equal(second.results.snapshot.created, false);
});

test('without a stored close, the company file price is used with a warning saying so', async (t) => {
  const { apis, env } = await setup(t);
  const update = await json(portsOf(t, env, apis), ['update', '--as-of', '2026-02-03']);
  const mara = update.results.companies.find((c: { ticker: string }) => c.ticker === 'MARA');
  assert.equal(mara.sharePriceSource, 'company file');
  assert.equal(mara.sharePriceDate, '2026-02-04');
  const warning = update.warnings.find(
    (w: { code: string; message: string }) => w.code === 'stale-share-price' && w.message.startsWith('MARA'),
  );
  assert.match(warning.message, /no stored close on or before 2026-02-03 .*rerate data refresh.*company file's price/);
  const text = await rerate(portsOf(t, env, apis), ['update', '--as-of', '2026-02-03']);
  assert.match(text.stdout, /MARA .*\(2026-02-04, company file\)/);
});

test('a reverse split is stored as traded with its factor; a source on the wrong basis is not mixed in', async (t) => {
  const splits = [{ ticker: 'MARA', date: '2026-02-04', factor: 0.1 }];
  const { dir, apis, env } = await setup(t, { splits, nasdaq: 'nasdaq-raw' });
  const refreshed = await json(portsOf(t, env, apis, false), ['data', 'refresh', '--source', 'shares']);
  const rows = storedRows(dir).filter((row) => row.startsWith('MARA,2026-02-0'));
  // Before the split, Nasdaq (treated as adjusting silently, but sending prices as traded) is off by the factor:
  // those days are not stored. From the split on, both agree.
  assert.ok(!rows.some((row) => row.startsWith('MARA,2026-02-03')), rows.join('\n'));
  assert.ok(rows.includes(`MARA,2026-02-04,${tradedClose('MARA', '2026-02-04', splits)},0.1,nasdaq+yahoo`));
  const messages = refreshed.warnings.map((w: { message: string }) => w.message).join('\n');
  assert.match(messages, /MARA: yahoo reports a split of factor 0\.1 effective 2026-02-04/);
  assert.match(messages, /2026-02-03: yahoo closed MARA at [\d.]+ USD and nasdaq at [\d.]+ USD, a factor of 10\.00/);
});

test('sources that disagree: a warning names both; a delisted ticker fails its sources, history kept', async (t) => {
  const { dir, apis, env } = await setup(t, { yahoo: 'disagreeing' });
  const refreshed = await json(portsOf(t, env, apis, false), ['data', 'refresh', '--source', 'shares']);
  const disagreements = refreshed.warnings.filter((w: { code: string }) => w.code === 'share-sources-disagree');
  assert.equal(disagreements.length, TICKERS.length);
  assert.match(disagreements[0].message, /2026-02-04: yahoo closed \w+ at [\d.]+ USD and nasdaq at [\d.]+ USD/);
  assert.match(disagreements[0].message, /yahoo's [\d.]+ USD is stored \(the first configured source\)/);

  const riot = storedRows(dir).filter((row) => row.startsWith('RIOT,'));
  const renamed = await startFakeShareApis({ delisted: ['RIOT'] });
  t.after(() => renamed.close());
  const later = { ...env, RERATE_TODAY: '2026-02-12' };
  const after = await json(portsOf(t, later, renamed, false), ['data', 'refresh', '--source', 'shares']);
  assert.equal(after.results.status, 'refreshed');
  const gone = after.warnings.find((w: { code: string }) => w.code === 'share-prices-not-refreshed');
  assert.match(gone.message, /^RIOT: no share-price source answered \(yahoo \(yahoo: .*RIOT.*delisted/);
  assert.match(gone.message, /its closes stay as stored \(to 2026-02-06\)/);
  assert.deepEqual(
    storedRows(dir).filter((row) => row.startsWith('RIOT,')),
    riot,
  );
  assert.ok(storedRows(dir).some((row) => row.startsWith('MARA,2026-02-11,')));
});

test('a refresh whose share sources all fail exits 1, keeps every stored day; the key is never written', async (t) => {
  const { dir, apis, env } = await setup(t);
  await json(portsOf(t, env, apis), ['data', 'refresh', '--source', 'shares']);
  const before = storedRows(dir);
  const snapshots = readdirSync(join(dir, 'data', 'snapshots')).sort();
  const failing = await startFakeShareApis({ yahoo: 'http-500', nasdaq: 'malformed-json', tiingo: 'redirect' });
  t.after(() => failing.close());
  const later = { ...env, RERATE_TODAY: '2026-02-12' };
  const run = await rerate(portsOf(t, later, failing), ['data', 'refresh', '--source', 'shares']);
  assert.equal(run.code, 1, run.stdout + run.stderr);
  assert.match(run.stderr, /no source delivered share prices \(tiingo, yahoo, nasdaq\)/);
  assert.deepEqual(storedRows(dir), before);
  assert.deepEqual(readdirSync(join(dir, 'data', 'snapshots')).sort(), snapshots);
  // Six days after the last close, every ticker is stale, in the refresh and in `data status`, as chain data is.
  assert.match(run.stdout, /MARA: the last stored close is of 2026-02-06, 6 days before today \(stale after 4\)/);
  const status = await json(portsOf(t, later, failing), ['data', 'status']);
  const stale = status.warnings.filter((w: { code: string }) => w.code === 'stale-share-price');
  assert.deepEqual(
    stale.map((w: { field: string }) => w.field),
    TICKERS.map((ticker) => `shares.${ticker}`),
  );
  assert.equal(status.results.shares.find((s: { ticker: string }) => s.ticker === 'MARA').stale, true);
  const everything = [
    run.stdout,
    run.stderr,
    readFileSync(join(dir, 'data', 'refresh-log.jsonl'), 'utf8'),
    ...snapshots.flatMap((id) =>
      readdirSync(join(dir, 'data', 'snapshots', id)).map((file) =>
        readFileSync(join(dir, 'data', 'snapshots', id, file), 'utf8'),
      ),
    ),
  ];
  for (const text of everything) assert.ok(!text.includes(SHARE_TIINGO_KEY), text.slice(0, 200));
});

test('from the environment: the Tiingo key is never shown, a keyless source can be turned off', async (t) => {
  const { dir, apis, env } = await setup(t, { tiingo: 'http-500' });
  const configured = {
    ...env,
    RERATE_TIINGO_TOKEN: SHARE_TIINGO_KEY,
    RERATE_TIINGO_URL: apis.tiingo.url,
    RERATE_YAHOO_URL: apis.yahoo.url,
    RERATE_NASDAQ_URL: 'off',
    RERATE_LIVE_TIMEOUT_MS: '2000',
  };
  const ports = defaultPorts({ env: configured, monteCarlo: inProcessMonteCarlo });
  t.after(() => ports.runs.close());
  // Tiingo is asked first, with the key in the header; it fails (HTTP 500, retried with real sleeps: kept short by
  // RERATE_LIVE_TIMEOUT_MS only for the timeout, so the retries' backoff runs for real here).
  const run = await rerate(ports, ['data', 'refresh', '--source', 'shares', '--json']);
  assert.equal(run.code, 0, run.stderr);
  const envelope = JSON.parse(run.stdout);
  assert.deepEqual(
    envelope.results.sources.map((s: { source: string; ok: boolean }) => `${s.source}:${s.ok}`),
    ['tiingo:false', 'yahoo:true'],
  );
  for (const text of [run.stdout, run.stderr, readFileSync(join(dir, 'data', 'refresh-log.jsonl'), 'utf8')])
    assert.ok(!text.includes(SHARE_TIINGO_KEY));
  assert.ok(apis.nasdaq.requests.length === 0, 'nasdaq is off');
  assert.ok(apis.tiingo.requests.every((r) => r.headers['authorization'] === `Token ${SHARE_TIINGO_KEY}`));
});

test('the close used is a run input: runs replay on the price they used; diff shows the move', async (t) => {
  const { apis, env } = await setup(t);
  const ports = portsOf(t, env, apis);
  const before = await json(ports, ['update']);
  await json(portsOf(t, env, apis), ['data', 'refresh', '--source', 'shares']);
  const after = await json({ ...portsOf(t, env, apis), runs: ports.runs }, ['update']);
  assert.notEqual(after.inputsHash, before.inputsHash);
  const price = (envelope: { results: { companies: { ticker: string; sharePriceUsd: number }[] } }) =>
    envelope.results.companies.find((c) => c.ticker === 'MARA')?.sharePriceUsd;
  assert.equal(price(before), 7.99);
  assert.equal(price(after), tradedClose('MARA', '2026-02-04'));
  for (const saved of [before, after]) {
    const replay = await rerate({ ...portsOf(t, env, apis), runs: ports.runs }, [
      'runs',
      'replay',
      saved.inputsHash.slice(0, 12),
    ]);
    assert.equal(replay.code, 0, replay.stdout + replay.stderr);
    assert.match(replay.stdout, /identical/);
  }
  const diff = await json({ ...portsOf(t, env, apis), runs: ports.runs }, [
    'diff',
    before.inputsHash.slice(0, 12),
    after.inputsHash.slice(0, 12),
    '--ticker',
    'MARA',
    '--metrics',
    'all',
  ]);
  const row = diff.results.rows.find((r: { metric: string }) => r.metric === 'sharePriceUsd');
  assert.deepEqual([row.a, row.b], [7.99, tradedClose('MARA', '2026-02-04')]);
});

test('update --csv: the price source column, and rows of companies not valued as wide as the header', async (t) => {
  const { apis, env } = await setup(t);
  const run = await rerate(portsOf(t, env, apis), ['update', '--as-of', '2024-05-01', '--csv']);
  assert.equal(run.code, 0, run.stderr);
  const fields = (line: string) => line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)?.length ?? 0;
  const lines = run.stdout.trim().split(/\r?\n/);
  assert.match(lines[0] as string, /sharePriceDate,sharePriceSource,upside/);
  for (const line of lines) assert.equal(fields(line), fields(lines[0] as string), line);
  assert.ok(lines.some((line) => line.includes('not valued')));
});
