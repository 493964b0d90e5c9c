// As-of dates before a company's first figures (issue 19, "Bad input"): the coverage values the companies that have
// figures and lists the others as not valued with the reason — in the result, the terminal table, the CSV, the note,
// the export and the policy view — and a date at which nothing can be valued, or one outside the data, is an input
// error at the as-of date (CLI exit 2, HTTP 400), never an internal error. In the CLI and over HTTP, with a property
// over dates before, inside and after the data.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { COMMANDS } from '../src/app/registry.ts';
import { defaultPorts, type DefaultPorts } from '../src/cli/default-ports.ts';
import { inProcessMonteCarlo } from '../src/data/in-process-monte-carlo.ts';
import type { NotValuedCompany, PolicyResult, UpdateResult } from '../src/schema/valuation.ts';
import { createApiServer } from '../src/server/api-server.ts';
import { dayFromIso, isoFromDay, type DayNumber } from '../src/units/calendar-day.ts';
import { rerate, rerateJson } from './support/cli-runner.ts';

/** The first as-of date of each covered company (its first fleet hashrate point) and the data's last day. */
const VALUED_FROM: Record<string, string> = {
  CIFR: '2024-03-31',
  CLSK: '2024-07-31',
  IREN: '2024-09-30',
  MARA: '2024-08-31',
  RIOT: '2024-03-31',
};
const FIRST = '2024-03-31';
const LAST = '2026-02-04';
const EARLY = '2024-05-01';

const ports = defaultPorts({
  env: { RERATE_DB: ':memory:', RERATE_TODAY: '2026-02-05' },
  monteCarlo: inProcessMonteCarlo,
});
after(() => ports.runs.close());

function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'rerate-early-'));
  after(() => rmSync(folder, { recursive: true, force: true }));
  return folder;
}

/** The not-valued list as of EARLY: CLSK, IREN and MARA, each with the first date it can be valued. */
function assertNotValuedEarly(notValued: readonly NotValuedCompany[]) {
  assert.deepEqual(
    notValued.map((c) => [c.ticker, c.valuedFrom]),
    ['CLSK', 'IREN', 'MARA'].map((t) => [t, VALUED_FROM[t]]),
  );
  for (const c of notValued)
    assert.equal(
      c.reason,
      `${c.ticker}: no figures known by ${EARLY}; first known ${VALUED_FROM[c.ticker]} (fleet.hashrateEhs[0])`,
    );
}

/** Days between two dates, inclusive, around the boundaries that matter and across the whole range. */
const dates = fc
  .oneof(
    fc.integer({ min: dayFromIso('2008-06-01'), max: dayFromIso('2027-06-01') }),
    ...[FIRST, LAST, ...Object.values(VALUED_FROM), '2009-01-03'].map((edge) =>
      fc.integer({ min: dayFromIso(edge) - 2, max: dayFromIso(edge) + 2 }),
    ),
  )
  .map((day) => isoFromDay(day as DayNumber));

describe('the CLI as of a date before some companies have figures', () => {
  test('update values CIFR and RIOT and lists the others as not valued, in JSON, the table and CSV', async () => {
    const { results } = (await rerateJson(ports, ['update', '--as-of', EARLY])) as { results: UpdateResult };
    assert.deepEqual(
      results.companies.map((c) => c.ticker),
      ['CIFR', 'RIOT'],
    );
    assertNotValuedEarly(results.notValued);
    const table = await rerate(ports, ['update', '--as-of', EARLY]);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /^CLSK +not valued +— .*CLSK: no figures known by 2024-05-01; first known 2024-07-31/m);
    const csv = await rerate(ports, ['update', '--as-of', EARLY, '--csv']);
    assert.match(csv.stdout, /^MARA,not valued,(,)+"?MARA: no figures known by 2024-05-01; first known 2024-08-31/m);
  });

  test('value names the first date a company can be valued; one with figures is valued', async () => {
    const early = await rerate(ports, ['value', 'CLSK', '--as-of', EARLY]);
    assert.equal(early.code, 2, early.stderr);
    assert.match(
      early.stderr,
      /--as-of: CLSK cannot be valued as of 2024-05-01: .*first date it can be valued is 2024-07-31/,
    );
    assert.doesNotMatch(early.stderr, /internal error/);
    const valued = await rerate(ports, ['value', 'CLSK', '--as-of', VALUED_FROM['CLSK'] as string]);
    assert.equal(valued.code, 0, valued.stderr);
    // Every single-company valuation refuses the same way.
    for (const args of [
      ['tornado', 'IREN'],
      ['implied', 'MARA', '--solve', 'btc-price'],
      ['sensitivity', 'CLSK', '--x', 'btc-price=50000:60000:10000', '--y', 'fees=0:0.1:0.1'],
    ]) {
      const run = await rerate(ports, [...args, '--as-of', EARLY]);
      assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, /--as-of: [A-Z]+ cannot be valued as of 2024-05-01/);
    }
  });

  test('no company with figures, a date outside the data: input errors at --as-of naming what works', async () => {
    for (const [args, message] of [
      [
        ['update', '--as-of', '2020-01-01'],
        /no covered company has figures by 2020-01-01: .* is 2024-03-31 \(CIFR, RIOT\)/,
      ],
      [['policy', 'ercot', '--as-of', '2024-03-30'], /first date one can be valued is 2024-03-31/],
      [['update', '--as-of', '2009-01-03'], /its quarter 2009Q1 starts before the data \(2009-01-03\)/],
      [['value', 'CIFR', '--as-of', '2008-12-31'], /outside the data, which covers 2009-01-03 … 2026-02-04/],
      [['update', '--as-of', '2026-02-05'], /outside the data, which covers 2009-01-03 … 2026-02-04/],
    ] as const) {
      const run = await rerate(ports, [...args]);
      assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, /^rerate: error: --as-of: /);
      assert.match(run.stderr, message);
    }
  });

  test('policy values the companies with figures and lists the others', async () => {
    const { results } = (await rerateJson(ports, ['policy', 'ercot', '--as-of', EARLY])) as { results: PolicyResult };
    assert.deepEqual(
      results.companies.map((c) => c.ticker),
      ['CIFR', 'RIOT'],
    );
    assertNotValuedEarly(results.notValued);
  });

  test('the note and the export show the companies not valued, with the reason', async () => {
    const folder = tempFolder();
    const note = await rerate(ports, ['note', '--as-of', EARLY, '--out', join(folder, 'note.md')]);
    assert.equal(note.code, 0, note.stderr);
    const markdown = readFileSync(join(folder, 'note.md'), 'utf8');
    assert.match(markdown, /Not valued: CLSK, IREN, MARA, whose figures start after 2024-05-01\./);
    assert.match(markdown, /^\| IREN \| not valued \| — \|/m);
    assert.match(markdown, /Not valued: IREN: no figures known by 2024-05-01; first known 2024-09-30/);
    const exported = await rerate(ports, ['export', '--as-of', EARLY, '--format', 'csv', '--out', join(folder, 'x')]);
    assert.equal(exported.code, 0, exported.stderr);
    const valuation = readFileSync(join(folder, 'x', 'valuation.csv'), 'utf8');
    assert.match(
      valuation,
      /^"CLSK","CleanSpark, Inc.","not valued",{19}2026-12-31,2024-05-01,.*first known 2024-07-31/m,
    );
    const xlsx = await rerate(ports, ['export', '--as-of', EARLY, '--format', 'xlsx', '--out', join(folder, 'x.xlsx')]);
    assert.equal(xlsx.code, 0, xlsx.stderr);
  });

  test('diff and replay over an early run: the companies valued in both are compared and attributed', async () => {
    const early = await rerateJson(ports, ['update', '--as-of', EARLY]);
    const later = await rerateJson(ports, ['update', '--as-of', '2024-09-30']);
    const diff = await rerateJson(ports, ['diff', early.inputsHash.slice(0, 12), later.inputsHash.slice(0, 12)]);
    const tickers = new Set(diff.results.rows.map((row: { ticker: string }) => row.ticker));
    assert.deepEqual([...tickers].sort(), ['CIFR', 'RIOT']);
    const replay = await rerateJson(ports, ['runs', 'replay', early.inputsHash.slice(0, 12)]);
    assert.equal(replay.results.identical, true);
  });

  test('coverage list gives each company its first date and the range the dashboard offers', async () => {
    const { results } = await rerateJson(ports, ['coverage', 'list']);
    assert.deepEqual(
      Object.fromEntries(
        results.companies.map((c: { ticker: string; valuedFrom: string }) => [c.ticker, c.valuedFrom]),
      ),
      VALUED_FROM,
    );
    assert.deepEqual(results.asOfRange, { first: FIRST, last: LAST });
  });

  test('property: update and value as of any date exit 0 inside their range and 2 at --as-of outside it', async () => {
    await fc.assert(
      fc.asyncProperty(dates, fc.constantFrom(...Object.keys(VALUED_FROM)), async (asOf, ticker) => {
        for (const [args, first] of [
          [['update', '--as-of', asOf], FIRST],
          [['value', ticker, '--as-of', asOf], VALUED_FROM[ticker] as string],
        ] as const) {
          const run = await rerate(ports, [...args, '--json']);
          const inside = asOf >= first && asOf <= LAST;
          assert.equal(run.code, inside ? 0 : 2, `${args.join(' ')}: ${run.stderr}`);
          if (!inside) assert.match(run.stderr, /^rerate: error: --as-of: /);
        }
      }),
      { numRuns: 12 },
    );
  });
});

describe('over HTTP', () => {
  let app: FastifyInstance;
  let serverPorts: DefaultPorts;
  before(async () => {
    serverPorts = defaultPorts({
      env: { RERATE_DB: ':memory:', RERATE_TODAY: '2026-02-05' },
      monteCarlo: inProcessMonteCarlo,
    });
    app = await createApiServer({ commands: COMMANDS, host: '127.0.0.1', rateLimit: 'off', ports: serverPorts });
  });
  after(async () => {
    await app.close();
    await serverPorts.runs.close();
  });
  const get = (url: string) => app.inject({ method: 'GET', url: `/api/v1${url}` });

  test('update answers 200 listing the not valued; value and an empty coverage: 400 at query.asOf', async () => {
    const update = await get(`/update?asOf=${EARLY}`);
    assert.equal(update.statusCode, 200, update.body);
    const results = (update.json() as { results: UpdateResult }).results;
    assert.deepEqual(
      results.companies.map((c) => c.ticker),
      ['CIFR', 'RIOT'],
    );
    assertNotValuedEarly(results.notValued);
    for (const [url, message] of [
      [`/value/MARA?asOf=${EARLY}`, /MARA cannot be valued as of 2024-05-01: .*2024-08-31/],
      [`/policy/ercot?asOf=2015-06-01`, /first date one can be valued is 2024-03-31/],
      [`/update?asOf=2030-01-01`, /outside the data/],
    ] as const) {
      const response = await get(url);
      assert.equal(response.statusCode, 400, `${url}: ${response.body}`);
      const body = response.json() as { code: string; path: string; message: string };
      assert.equal(body.code, 'invalid-input');
      assert.equal(body.path, 'query.asOf');
      assert.match(body.message, message);
    }
  });

  test('coverage/list carries the as-of range the dashboard’s date picker offers', async () => {
    const response = await get('/coverage/list');
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual((response.json() as { results: { asOfRange: unknown } }).results.asOfRange, {
      first: FIRST,
      last: LAST,
    });
  });

  test('property: update and value as of any date answer 200 inside their range, 400 outside, never 500', async () => {
    await fc.assert(
      fc.asyncProperty(dates, fc.constantFrom(...Object.keys(VALUED_FROM)), async (asOf, ticker) => {
        for (const [url, first] of [
          [`/update?asOf=${asOf}`, FIRST],
          [`/value/${ticker}?asOf=${asOf}`, VALUED_FROM[ticker] as string],
        ] as const) {
          const response = await get(url);
          const inside = asOf >= first && asOf <= LAST;
          assert.equal(response.statusCode, inside ? 200 : 400, `${url}: ${response.body.slice(0, 300)}`);
          if (!inside) assert.equal((response.json() as { path: string }).path, 'query.asOf');
        }
      }),
      { numRuns: 12 },
    );
  });
});
