// Later as-of dates (issue 20): after `rerate data refresh` from the fake providers has extended the data past the
// embedded 2026-02-04 to 2026-02-08, every command taking --as-of accepts any day up to the last stored day — update,
// value, estimates, network project, note and export in the CLI, and over HTTP — the projections start the day
// after it, and a valuation lists each company's figures older than its as-of date, each by its own date. A day
// after the last stored one is an input error at --as-of (exit 2, HTTP 400) naming that day.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { COMMANDS } from '../src/app/registry.ts';
import type { DefaultPorts } from '../src/cli/default-ports.ts';
import type { OlderFigure } from '../src/schema/older-figures.ts';
import type { UpdateResult, ValueResult } from '../src/schema/valuation.ts';
import { createApiServer } from '../src/server/api-server.ts';
import { rerate, rerateJson } from './support/cli-runner.ts';
import { refreshableStore, type RefreshableStore } from './support/refreshed-store.ts';
import { SYNTHETIC_LAST_COMPLETE_DAY } from './support/synthetic-chain.ts';

const EMBEDDED_LAST = '2026-02-04';
const LATER = SYNTHETIC_LAST_COMPLETE_DAY; // 2026-02-08
const AFTER_STORE = '2026-02-09';

/** CIFR's figures older than 2026-02-08 (data/coverage/CIFR.yaml, dated 2026-02-04), oldest first. */
const CIFR_OLDER: [path: string, date: string, ageDays: number, datedBy: OlderFigure['datedBy']][] = [
  ['balanceSheet.btcPledged', '2025-04-30', 284, 'asOf'],
  ['fleet.curtailment', '2025-04-30', 284, 'asOf'],
  ['fleet.jointVentures[0].attributableHashrateEhs[0]', '2025-04-30', 284, 'series point'],
  ['balanceSheet.btcHeld', '2025-06-30', 223, 'asOf'],
  ['fleet.powerPriceUsdPerMwh', '2025-06-30', 223, 'asOf'],
  ['balanceSheet.cashUsd', '2025-09-30', 131, 'asOf'],
  ['fleet.efficiencyJPerTh[1]', '2025-09-30', 131, 'series point'],
  ['fleet.hashrateEhs[3]', '2025-09-30', 131, 'series point'],
  ['balanceSheet.debt[4]', '2026-02-04', 4, 'knownFrom'],
  ['shares.basic', '2026-02-04', 4, 'file asOf'],
  // The stored close of Friday 2026-02-06 (the share fakes' last trading day before the as-of), not the file's price.
  ['market.sharePriceUsd', '2026-02-06', 2, 'asOf'],
];

const summary = (figures: readonly OlderFigure[]) => figures.map((f) => [f.path, f.date, f.ageDays, f.datedBy]);

// Made at the top level so that its cleanup is registered with the file's, not with a hook's.
const store: RefreshableStore = await refreshableStore((cleanup) => after(cleanup));
let ports: DefaultPorts;
let beforeRefresh: { code: number; stderr: string };
const folder = mkdtempSync(join(tmpdir(), 'rerate-later-out-'));

before(async () => {
  beforeRefresh = await rerate(store.ports(), ['update', '--as-of', LATER]);
  const refreshed = await rerateJson(store.ports(), ['data', 'refresh']);
  assert.deepEqual(refreshed.results.span, { firstDay: '2026-02-05', lastDay: LATER });
  ports = store.ports();
});
after(() => rmSync(folder, { recursive: true, force: true }));

describe('the CLI as of a day after the embedded data, once refreshed', () => {
  test('before the refresh the day is outside the data; after it, one past the store names its last day', async () => {
    assert.equal(beforeRefresh.code, 2);
    assert.match(beforeRefresh.stderr, new RegExp(`--as-of: ${LATER} is outside the data, .* … ${EMBEDDED_LAST}`));
    const past = await rerate(ports, ['value', 'CIFR', '--as-of', AFTER_STORE]);
    assert.equal(past.code, 2, past.stdout);
    assert.equal(
      past.stderr.split('\n')[0],
      `rerate: error: --as-of: ${AFTER_STORE} is outside the data, which covers 2009-01-03 … ${LATER}`,
    );
  });

  test('update values every company as of the later day and lists the figures older than it', async () => {
    const run = await rerateJson(ports, ['update', '--as-of', LATER, '--no-save']);
    const results = run.results as UpdateResult;
    assert.equal(run.asOf, LATER);
    assert.equal(results.asOf, LATER);
    assert.deepEqual(
      results.companies.map((c) => c.ticker),
      ['CIFR', 'CLSK', 'IREN', 'MARA', 'RIOT'],
    );
    const cifr = results.companies.find((c) => c.ticker === 'CIFR');
    assert.ok(cifr);
    assert.deepEqual(summary(cifr.olderFigures), CIFR_OLDER);
    assert.match(
      cifr.olderFigures.find((f) => f.path === 'market.sharePriceUsd')?.source ?? '',
      /^data snapshot [0-9a-f]{12} share-closes\.csv CIFR 2026-02-06: close as traded from nasdaq\+yahoo$/,
    );
    assert.equal(cifr.sharePriceSource, 'nasdaq+yahoo');
    assert.ok(cifr.notes.includes('11 figures older than the as-of (oldest 2025-04-30)'), cifr.notes.join('; '));
    for (const company of results.companies) {
      // The current quarter: history to the as-of day (39 days of 2026Q1), projected from the day after (51).
      assert.deepEqual([company.quarter.period, company.quarter.projectedDays], ['2026Q1', 51]);
      assert.ok(company.olderFigures.length > 0, company.ticker);
      assert.ok(company.olderFigures.every((f) => f.date < LATER && f.ageDays > 0));
    }
    // The terminal shows the count and the oldest, not one warning per figure.
    const table = await rerate(ports, ['update', '--as-of', LATER, '--no-save']);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /^CIFR .*11 figures older than the as-of \(oldest 2025-04-30\)$/m);
    const warnings = table.stdout.indexOf('\nWarnings:');
    assert.ok(warnings > 0, table.stdout);
    assert.ok(!/older than the as-of/.test(table.stdout.slice(warnings)));
  });

  test('as of the company files’ own date nothing is listed: the files are current by their own word', async () => {
    const { results } = (await rerateJson(ports, ['update', '--as-of', EMBEDDED_LAST, '--no-save'])) as {
      results: UpdateResult;
    };
    assert.ok(results.companies.every((c) => c.olderFigures.length === 0));
    assert.ok(results.companies.every((c) => c.notes.every((note) => !note.includes('older than'))));
  });

  test('value lists each older figure with its date, age, what dates it and its source', async () => {
    const { results } = (await rerateJson(ports, ['value', 'CIFR', '--as-of', LATER, '--no-save'])) as {
      results: ValueResult;
    };
    assert.deepEqual(summary(results.company.olderFigures), CIFR_OLDER);
    const text = await rerate(ports, ['value', 'CIFR', '--as-of', LATER, '--no-save']);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^Figures older than the as-of date 2026-02-08 \(each by its own date\)$/m);
    assert.match(text.stdout, /^balanceSheet\.cashUsd +2025-09-30 +131 +asOf +https:\/\/fintool\.com/m);
    assert.match(text.stdout, /^shares\.basic +2026-02-04 +4 +file asOf +assumption: no current cover-page count/m);
  });

  test('the projections start the day after the as-of day, in the epoch the refreshed chain reached', async () => {
    const project = await rerateJson(ports, ['network', 'project', '--as-of', LATER, '--to', '2026-03-31']);
    assert.equal(project.results.rows[0].from, AFTER_STORE);
    assert.equal(project.results.start.epoch, 464);
    // The next retarget is epoch 464's end (it began at height 935,424), not one projected from the embedded tip.
    assert.equal(project.results.events[0].height, 935_424 + 2016);
    const estimates = await rerateJson(ports, ['estimates', 'RIOT', '--as-of', LATER]);
    const earlier = await rerateJson(ports, ['estimates', 'RIOT', '--as-of', EMBEDDED_LAST]);
    const periods = estimates.results.companies[0].periods;
    const q1 = periods.find((p: { period: string }) => p.period === '2026Q1');
    assert.deepEqual([q1.historyDays, q1.projectedDays], [39, 51]);
    // Reported months are the same as a few days earlier: nothing was reported in between.
    const months = (result: typeof estimates) =>
      result.results.companies[0].periods.map((p: { actualMonths: string[] }) => p.actualMonths);
    assert.deepEqual(months(estimates), months(earlier));
    assert.ok(months(estimates).flat().includes('2025-12'));
  });

  test('note and export as of the later day: the note lists the older figures beside each company', async () => {
    const note = await rerate(ports, ['note', '--as-of', LATER, '--out', join(folder, 'note.md')]);
    assert.equal(note.code, 0, note.stderr);
    const markdown = readFileSync(join(folder, 'note.md'), 'utf8');
    assert.match(markdown, /Figures older than the as-of date 2026-02-08 \(each by its own date\)/);
    const cifr = markdown.slice(markdown.indexOf('(CIFR): '), markdown.indexOf('(CLSK): '));
    assert.match(cifr, /\| balanceSheet\.cashUsd \| 2025-09-30 \| 131 \| asOf \|/);
    const exported = await rerate(ports, ['export', '--as-of', LATER, '--format', 'csv', '--out', join(folder, 'x')]);
    assert.equal(exported.code, 0, exported.stderr);
    assert.match(readFileSync(join(folder, 'x', 'valuation.csv'), 'utf8'), /^"CIFR",.*,2026-12-31,2026-02-08,/m);
  });

  test('every command taking --as-of runs as of the later day', async () => {
    const argsOf: Record<string, string[]> = {
      'network status': ['network', 'status'],
      'network project': ['network', 'project', '--to', '2026-06-30'],
      update: ['update', '--no-save'],
      value: ['value', 'IREN', '--no-save'],
      sensitivity: ['sensitivity', 'RIOT', '--x', 'btc-price=60000:80000:20000', '--y', 'network-growth=0:0.3:0.3'],
      tornado: ['tornado', 'MARA'],
      implied: ['implied', 'IREN', '--solve', 'signed-mw'],
      comps: ['comps'],
      'cost-curve': ['cost-curve', '--quarters', '2'],
      policy: ['policy', 'ercot'],
      note: ['note', '--out', join(folder, 'every.md')],
      estimates: ['estimates', 'all'],
      export: ['export', '--format', 'csv', '--out', join(folder, 'every')],
      'filings show': ['filings', 'show', 'CIFR'],
    };
    // `filings fetch` calls the SEC: test/filings.test.ts runs it, with --as-of, against the fake SEC.
    const elsewhere = ['filings fetch'];
    const takingAsOf = COMMANDS.filter((c) => c.options.some((o) => o.key === 'asOf')).map((c) => c.name);
    assert.deepEqual(
      takingAsOf.sort(),
      [...Object.keys(argsOf), ...elsewhere].sort(),
      'a command taking --as-of is missing here',
    );
    for (const [name, args] of Object.entries(argsOf)) {
      const run = await rerate(ports, [
        ...args,
        '--as-of',
        LATER,
        ...(name === 'note' || name === 'export' ? [] : ['--json']),
      ]);
      assert.equal(run.code, 0, `${name}: ${run.stderr}`);
      if (name !== 'note' && name !== 'export') assert.equal(JSON.parse(run.stdout).asOf, LATER, name);
    }
  });

  test('diff between the runs as of the embedded and the refreshed last day: the morning routine', async () => {
    const first = await rerateJson(ports, ['update', '--as-of', EMBEDDED_LAST]);
    const second = await rerateJson(ports, ['update']);
    assert.equal(second.asOf, LATER);
    const diff = await rerateJson(ports, ['diff', first.inputsHash.slice(0, 12), second.inputsHash.slice(0, 12)]);
    const tickers = new Set(diff.results.rows.map((row: { ticker: string }) => row.ticker));
    assert.deepEqual([...tickers].sort(), ['CIFR', 'CLSK', 'IREN', 'MARA', 'RIOT']);
  });
});

describe('over HTTP, on the refreshed store', () => {
  let app: FastifyInstance;
  before(async () => {
    app = await createApiServer({ commands: COMMANDS, host: '127.0.0.1', rateLimit: 'off', ports: store.ports() });
  });
  after(() => app.close());
  const get = (url: string) => app.inject({ method: 'GET', url: `/api/v1${url}` });

  test('coverage/list offers the dashboard’s date picker up to the last stored day', async () => {
    const response = await get('/coverage/list');
    assert.equal(response.statusCode, 200, response.body);
    assert.equal((response.json() as { results: { asOfRange: { last: string } } }).results.asOfRange.last, LATER);
  });

  test('update, value, note and export answer as of the later day; one past the store is a 400 naming it', async () => {
    const update = await get(`/update?asOf=${LATER}`);
    assert.equal(update.statusCode, 200, update.body.slice(0, 300));
    const cifr = (update.json() as { results: UpdateResult }).results.companies[0];
    assert.deepEqual(summary(cifr?.olderFigures ?? []), CIFR_OLDER);
    const value = await get(`/value/CIFR?asOf=${LATER}`);
    assert.equal(value.statusCode, 200, value.body.slice(0, 300));
    assert.deepEqual(summary((value.json() as { results: ValueResult }).results.company.olderFigures), CIFR_OLDER);
    const note = await get(`/note?format=html&asOf=${LATER}`);
    assert.equal(note.statusCode, 200, note.body.slice(0, 300));
    assert.equal(note.headers['x-rerate-as-of'], LATER);
    assert.match(note.body, /Figures older than the as-of date 2026-02-08/);
    const workbook = await get(`/export?asOf=${LATER}`);
    assert.equal(workbook.statusCode, 200, workbook.body.slice(0, 300));
    assert.equal(workbook.headers['content-disposition'], `attachment; filename="rerate-export-${LATER}.xlsx"`);
    const past = await get(`/value/CIFR?asOf=${AFTER_STORE}`);
    assert.equal(past.statusCode, 400, past.body);
    const body = past.json() as { code: string; path: string; message: string };
    assert.deepEqual([body.code, body.path], ['invalid-input', 'query.asOf']);
    assert.match(body.message, new RegExp(`outside the data, which covers 2009-01-03 … ${LATER}`));
  });
});
