// `rerate filings` end to end, against a fake data.sec.gov on 127.0.0.1 replaying the SEC-shaped fixtures in
// test/fixtures/live/sec/ (no test reaches the internet): the facts beside the company file, a dated overlay written
// into the local data store (never into data/coverage), and valuations that use it from the filing's date on and
// not before — in the CLI and over the API; the foreign-private-issuer degrade; an overlay store left by a crash.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { COMMANDS } from '../src/app/registry.ts';
import { defaultPorts, type DefaultPorts } from '../src/cli/default-ports.ts';
import { coverageDir } from '../src/data/coverage-files.ts';
import { inProcessMonteCarlo } from '../src/data/in-process-monte-carlo.ts';
import { createApiServer } from '../src/server/api-server.ts';
import { rerate, rerateJson } from './support/cli-runner.ts';
import { startFakeServer, type FakeServer } from './support/fake-http-server.ts';

const MARA_OVERLAY = join('filings', 'MARA', '2025-11-04-0001507605-25-000028.json');
const recorded = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./fixtures/live/sec/${name}`, import.meta.url), 'utf8'));

function secRoutes() {
  const routes: Record<string, { body: unknown }> = {};
  for (const cik of ['0001507605', '0001878848']) {
    routes[`GET /api/xbrl/companyfacts/CIK${cik}.json`] = { body: recorded(`companyfacts-CIK${cik}.json`) };
    routes[`GET /submissions/CIK${cik}.json`] = { body: recorded(`submissions-CIK${cik}.json`) };
  }
  return routes;
}

function portsFor(sec: FakeServer, dataDir: string, extra: Record<string, string> = {}): DefaultPorts {
  return defaultPorts({
    env: {
      RERATE_DB: ':memory:',
      RERATE_TODAY: '2026-02-04',
      RERATE_DATA_DIR: dataDir,
      RERATE_SEC_URL: sec.url,
      RERATE_SEC_USER_AGENT: 'rerate tests research@example.com',
      ...extra,
    },
    monteCarlo: inProcessMonteCarlo,
  });
}

const coverageBefore = Object.fromEntries(
  readdirSync(coverageDir()).map((name) => [name, readFileSync(join(coverageDir(), name), 'utf8')]),
);

describe('filings of a 10-Q filer (MARA)', () => {
  let sec: FakeServer;
  let dataDir: string;
  let ports: DefaultPorts;
  before(async () => {
    sec = await startFakeServer({ routes: secRoutes() });
    dataDir = mkdtempSync(join(tmpdir(), 'rerate-filings-'));
    ports = portsFor(sec, dataDir);
  });
  after(async () => {
    await ports.runs.close();
    await sec.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('fetch: the latest 10-Q by the day beside the file, differences flagged, nothing written', async () => {
    const envelope = await rerateJson(ports, ['filings', 'fetch', 'MARA', '--as-of', '2025-12-01']);
    const { results } = envelope;
    assert.equal(results.filing.accession, '0001507605-25-000028');
    assert.equal(results.filing.filed, '2025-11-04');
    const row = (field: string) => results.rows.find((r: { field: string }) => r.field === field);
    assert.equal(row('balanceSheet.cashUsd').filingValue, 826422000);
    assert.equal(row('balanceSheet.cashUsd').fileValue, 800000000);
    assert.equal(row('balanceSheet.cashUsd').status, 'differs');
    assert.equal(row('shares.basic').status, 'differs');
    assert.equal(row('balanceSheet.btcHeld').status, 'agrees');
    assert.equal(row('balanceSheet.cashUsd').usedValue, 800000000);
    assert.ok(envelope.warnings.some((w: { code: string }) => w.code === 'filing-differs'));
    assert.equal(results.written, null);
    assert.equal(existsSync(join(dataDir, 'filings')), false);
    for (const request of sec.requests)
      assert.equal(request.headers['user-agent'], 'rerate tests research@example.com');
  });

  test('--write-overlay stores it once; the company file is left as it was', async () => {
    const first = await rerateJson(ports, ['filings', 'fetch', 'MARA', '--as-of', '2025-12-01', '--write-overlay']);
    assert.equal(first.results.written.created, true);
    const stored = readFileSync(join(dataDir, MARA_OVERLAY), 'utf8');
    const cash = first.results.rows.find((r: { field: string }) => r.field === 'balanceSheet.cashUsd');
    assert.equal(cash.usedValue, 826422000, 'the valuation now uses the filing on this day');
    assert.equal(cash.note, 'in effect: a stored overlay, from its filing date');
    const again = await rerateJson(ports, ['filings', 'fetch', 'MARA', '--as-of', '2025-12-01', '--write-overlay']);
    assert.equal(again.results.written.created, false);
    assert.equal(readFileSync(join(dataDir, MARA_OVERLAY), 'utf8'), stored, 'append-only: never rewritten');
    for (const [name, text] of Object.entries(coverageBefore))
      assert.equal(readFileSync(join(coverageDir(), name), 'utf8'), text, `${name} unchanged`);
  });

  test('a valuation as of the filing date or later uses the overlay; one before it does not', async () => {
    const before = await rerateJson(ports, ['value', 'MARA', '--as-of', '2025-11-03', '--no-save']);
    const later = await rerateJson(ports, ['value', 'MARA', '--as-of', '2025-12-01', '--no-save']);
    assert.equal(before.results.company.parts.cashUsd, 800000000);
    assert.equal(before.results.capital.basicShares, 372000000);
    const withheld = before.warnings.find((w: { code: string }) => w.code === 'not-yet-public');
    assert.match(withheld.message, /balanceSheet\.cashUsd \(public 2025-11-04: previous value\)/);
    assert.equal(later.results.company.parts.cashUsd, 826422000);
    assert.equal(later.results.capital.basicShares, 378184353);
    assert.notEqual(before.results.company.targetUsd, later.results.company.targetUsd);
  });

  test('a run that used the overlay replays to the same figures (the overlay travels with the file)', async () => {
    const saved = await rerateJson(ports, ['value', 'MARA', '--as-of', '2025-12-01']);
    const replay = await rerate(ports, ['runs', 'replay', saved.inputsHash.slice(0, 12)]);
    assert.equal(replay.code, 0, replay.stderr + replay.stdout);
  });

  test('show (no SEC call): the stored overlay, whether a run on the day sees it', async () => {
    const requests = sec.requests.length;
    const early = await rerateJson(ports, ['filings', 'show', 'MARA', '--as-of', '2025-11-03']);
    assert.equal(early.results.filing, null);
    assert.deepEqual(
      early.results.overlays.map((o: { public: boolean }) => o.public),
      [false],
    );
    const late = await rerateJson(ports, ['filings', 'show', 'MARA', '--as-of', '2025-12-01']);
    assert.equal(late.results.filing.accession, '0001507605-25-000028');
    assert.equal(late.results.rows.find((r: { field: string }) => r.field === 'shares.basic').usedValue, 378184353);
    assert.equal(sec.requests.length, requests);
  });

  describe('over the API', () => {
    let app: FastifyInstance;
    before(async () => {
      app = await createApiServer({ commands: COMMANDS, host: '127.0.0.1', rateLimit: 'off', ports });
    });
    after(async () => app.close());
    const get = async (url: string) => {
      const response = await app.inject({ method: 'GET', url });
      return { status: response.statusCode, body: response.json() };
    };

    test('valuations as of either side of the filing date, and the stored overlay', async () => {
      const before = await get('/api/v1/value/MARA?asOf=2025-11-03');
      const later = await get('/api/v1/value/MARA?asOf=2025-12-01');
      assert.equal(before.status, 200, JSON.stringify(before.body));
      assert.equal(before.body.results.company.parts.cashUsd, 800000000);
      assert.equal(later.body.results.company.parts.cashUsd, 826422000);
      const shown = await get('/api/v1/filings/show/MARA?asOf=2025-12-01');
      assert.equal(shown.status, 200, JSON.stringify(shown.body));
      assert.equal(shown.body.results.filing.accession, '0001507605-25-000028');
    });

    test('the SEC is never called over HTTP', async () => {
      const requests = sec.requests.length;
      const fetched = await get('/api/v1/filings/fetch/MARA');
      assert.equal(fetched.status, 404);
      assert.equal(sec.requests.length, requests);
    });
  });
});

describe('filings of a former foreign private issuer (IREN)', () => {
  let sec: FakeServer;
  let dataDir: string;
  let ports: DefaultPorts;
  before(async () => {
    sec = await startFakeServer({ routes: secRoutes() });
    dataDir = mkdtempSync(join(tmpdir(), 'rerate-filings-'));
    ports = portsFor(sec, dataDir);
  });
  after(async () => {
    await ports.runs.close();
    await sec.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('while it filed 20-F: no facts for this period, and no overlay to write', async () => {
    const envelope = await rerateJson(ports, ['filings', 'fetch', 'IREN', '--as-of', '2025-06-01', '--write-overlay']);
    assert.equal(envelope.results.filing, null);
    for (const row of envelope.results.rows) {
      assert.equal(row.status, 'no facts');
      assert.equal(row.filingValue, null);
      assert.match(row.note, /no facts for this period: .*20-F/);
    }
    assert.equal(envelope.results.written, null);
    assert.ok(envelope.warnings.some((w: { code: string }) => w.code === 'nothing-to-overlay'));
    assert.equal(existsSync(join(dataDir, 'filings', 'IREN')), false);
    const text = await rerate(ports, ['filings', 'fetch', 'IREN', '--as-of', '2025-06-01']);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /no facts for this period/);
  });

  test('after its move to 10-Q: an overlay older than the file is stored but not applied, and says why', async () => {
    const envelope = await rerateJson(ports, ['filings', 'fetch', 'IREN', '--as-of', '2025-12-01', '--write-overlay']);
    assert.equal(envelope.results.written.created, true);
    const cash = envelope.results.rows.find((r: { field: string }) => r.field === 'balanceSheet.cashUsd');
    assert.equal(cash.filingValue, 1032461000);
    assert.equal(cash.usedValue, cash.fileValue);
    assert.match(cash.note, /not applied: the filing's figure is as of 2025-09-30, the file's as of 2025-10-31/);
  });
});

describe('the overlay store after a crash, and a damaged overlay', () => {
  let sec: FakeServer;
  let dataDir: string;
  let ports: DefaultPorts;
  before(async () => {
    sec = await startFakeServer({ routes: secRoutes() });
    dataDir = mkdtempSync(join(tmpdir(), 'rerate-filings-'));
    ports = portsFor(sec, dataDir);
  });
  after(async () => {
    await ports.runs.close();
    await sec.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('a temporary file a killed write left is never read, and the next write clears it', async () => {
    const folder = join(dataDir, 'filings', 'MARA');
    mkdirSync(folder, { recursive: true });
    // A write killed before its link: a temporary, cut short, of a process that is gone.
    const debris = join(folder, '.incoming-2147483646-1');
    writeFileSync(debris, '{"ticker": "MARA", "fil');
    const shown = await rerateJson(ports, ['filings', 'show', 'MARA']);
    assert.deepEqual(shown.results.overlays, []);
    const valued = await rerateJson(ports, ['value', 'MARA', '--no-save']);
    assert.equal(valued.results.company.parts.cashUsd, 800000000);
    await rerateJson(ports, ['filings', 'fetch', 'MARA', '--as-of', '2025-12-01', '--write-overlay']);
    assert.equal(existsSync(debris), false);
    assert.deepEqual(readdirSync(folder), ['2025-11-04-0001507605-25-000028.json']);
  });

  test('an overlay edited into nonsense is refused at its file, with exit 2, not used', async () => {
    const file = join(dataDir, MARA_OVERLAY);
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('"value": 826422000', '"value": -5'));
    const run = await rerate(ports, ['value', 'MARA', '--no-save']);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /2025-11-04-0001507605-25-000028\.json:1:1: figures\.balanceSheet\.cashUsd\.value/);
    writeFileSync(file, text);
  });

  test('without RERATE_SEC_USER_AGENT: exit 2 naming it, and no request reaches the SEC', async () => {
    const bare = portsFor(sec, dataDir, { RERATE_SEC_USER_AGENT: '' });
    const requests = sec.requests.length;
    const run = await rerate(bare, ['filings', 'fetch', 'MARA']);
    await bare.runs.close();
    assert.equal(run.code, 2);
    assert.match(run.stderr, /RERATE_SEC_USER_AGENT: the SEC asks every client to say who it is/);
    assert.equal(sec.requests.length, requests);
  });
});

describe('two filings of MARA stored, and a figure outside the bounds', () => {
  let sec: FakeServer;
  let dataDir: string;
  let ports: DefaultPorts;
  before(async () => {
    sec = await startFakeServer({ routes: secRoutes() });
    dataDir = mkdtempSync(join(tmpdir(), 'rerate-filings-'));
    ports = portsFor(sec, dataDir);
  });
  after(async () => {
    await ports.runs.close();
    await sec.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('each run uses the latest filing public on its day: the file, then Q2, then Q3', async () => {
    const q2 = await rerateJson(ports, ['filings', 'fetch', 'MARA', '--as-of', '2025-09-01', '--write-overlay']);
    // Q2's cash (2025-06-30) is older than the file's balance sheet (2025-09-30): stored, not applied.
    const q2Cash = q2.results.rows.find((r: { field: string }) => r.field === 'balanceSheet.cashUsd');
    assert.match(q2Cash.note, /not applied: .*the file is newer/);
    await rerateJson(ports, ['filings', 'fetch', 'MARA', '--as-of', '2025-12-01', '--write-overlay']);
    const sharesOn = async (asOf: string) =>
      (await rerateJson(ports, ['value', 'MARA', '--as-of', asOf, '--no-save'])).results.capital.basicShares;
    assert.equal(await sharesOn('2025-07-28'), 372000000);
    assert.equal(await sharesOn('2025-08-01'), 370457880);
    assert.equal(await sharesOn('2025-12-01'), 378184353);
    const shown = await rerateJson(ports, ['filings', 'show', 'MARA', '--as-of', '2025-08-01']);
    assert.deepEqual(
      shown.results.overlays.map((o: { filing: { accession: string }; public: boolean }) => [
        o.filing.accession,
        o.public,
      ]),
      [
        ['0001507605-25-000018', true],
        ['0001507605-25-000028', false],
      ],
    );
  });

  test('a filed figure outside the company-file bounds is not written, and a warning says so', async () => {
    const facts = recorded('companyfacts-CIK0001507605.json') as {
      facts: { dei: { EntityCommonStockSharesOutstanding: { units: { shares: { val: number }[] } } } };
    };
    for (const fact of facts.facts.dei.EntityCommonStockSharesOutstanding.units.shares) fact.val = 1000;
    sec.route('GET /api/xbrl/companyfacts/CIK0001507605.json', { body: facts });
    const other = mkdtempSync(join(tmpdir(), 'rerate-filings-'));
    const fresh = portsFor(sec, other);
    try {
      const envelope = await rerateJson(fresh, [
        'filings',
        'fetch',
        'MARA',
        '--as-of',
        '2025-12-01',
        '--write-overlay',
      ]);
      const refused = envelope.warnings.find((w: { code: string }) => w.code === 'filing-figure-refused');
      assert.match(refused.message, /shares\.basic 1000/);
      const stored = JSON.parse(readFileSync(join(other, MARA_OVERLAY), 'utf8'));
      assert.deepEqual(Object.keys(stored.figures).sort(), ['balanceSheet.btcHeld', 'balanceSheet.cashUsd']);
    } finally {
      await fresh.runs.close();
      rmSync(other, { recursive: true, force: true });
    }
  });
});
