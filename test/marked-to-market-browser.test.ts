// The dashboard's view of issue 20 ("Marked to market") in headless Chromium, over a local data store holding MARA's
// filing overlay (written by `rerate filings fetch --write-overlay` from the fake SEC, as test/filings.test.ts does)
// and share closes (`rerate data refresh --source shares` from the fake Yahoo, Nasdaq and Tiingo, as
// test/share-price-refresh.test.ts does). The company page's Filings section shows each figure exactly as
// GET /api/v1/filings/show answers it as of the page's as-of date and lists the stored overlays; a company without one
// (CIFR) gets the empty state naming the command that stores one. The network page's "Data on hand" lists each
// ticker's last close as GET /api/v1/data/status answers it, and says how to get closes when none is stored.
// Screenshots at laptop and phone widths land in test-artifacts/marked-to-market/ for a look. Without Chromium it
// skips with a notice, as test/dashboard-browser.test.ts does.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { defaultPorts } from '../src/cli/default-ports.ts';
import { inProcessMonteCarlo } from '../src/data/in-process-monte-carlo.ts';
import { CHROMIUM_ARGS, CHROMIUM_HOW_TO, findChromium } from '../src/report/pdf-chromium.ts';
import type { SharePriceProvider } from '../src/app/ports/share-prices.ts';
import { nasdaqSharePrices } from '../src/data/providers/nasdaq-share-prices.ts';
import { tiingoSharePrices } from '../src/data/providers/tiingo-share-prices.ts';
import { yahooSharePrices } from '../src/data/providers/yahoo-share-prices.ts';
import { formatUsd } from '../src/present/format.ts';
import type { DataStatusResult } from '../web/src/api-types.ts';
import type { FilingsResults } from '../src/schema/filings.ts';
import type { ResultEnvelope } from '../src/schema/result-envelope.ts';
import type { ValueResult } from '../src/schema/valuation.ts';
import { rerateJson } from './support/cli-runner.ts';
import { startDashboardServer, type DashboardServer } from './support/dashboard-server.ts';
import { startFakeServer } from './support/fake-http-server.ts';
import { manualTiming } from './support/fake-public-apis.ts';
import { SHARE_TIINGO_KEY, startFakeShareApis } from './support/fake-share-apis.ts';
import { assertAvailable, skipUnless, systemRequirement } from './support/requires.ts';

const ARTIFACTS = fileURLToPath(new URL('../test-artifacts/marked-to-market/', import.meta.url));
const MARA_CIK = '0001507605';
/** test/support/dashboard-server.ts pins the server's today to it; the share refresh runs on the same day. */
const TODAY = '2026-02-05';
const recorded = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./fixtures/live/sec/${name}`, import.meta.url), 'utf8'));

const chromiumPath = findChromium();
const needsChromium = systemRequirement({
  what: 'Chromium',
  missing: chromiumPath === undefined ? ['Chromium'] : [],
  requireVariable: 'RERATE_REQUIRE_CHROMIUM',
  howTo: CHROMIUM_HOW_TO,
});
const browserTest = { skip: skipUnless(needsChromium, 'the filings browser test'), timeout: 60_000 };

let dataDir: string | undefined;
let server: DashboardServer | undefined;
/** The same dashboard over an empty data folder: the embedded data, no overlay, no share close. */
let bareServer: DashboardServer | undefined;
let browser: Browser | undefined;
let page: Page;
const pageErrors: string[] = [];

before(async () => {
  if (needsChromium.kind !== 'available' || chromiumPath === undefined) return;
  mkdirSync(ARTIFACTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'rerate-filings-browser-'));
  const sec = await startFakeServer({
    routes: {
      [`GET /api/xbrl/companyfacts/CIK${MARA_CIK}.json`]: { body: recorded(`companyfacts-CIK${MARA_CIK}.json`) },
      [`GET /submissions/CIK${MARA_CIK}.json`]: { body: recorded(`submissions-CIK${MARA_CIK}.json`) },
    },
  });
  const shareApis = await startFakeShareApis();
  const ports = defaultPorts({
    env: {
      RERATE_DB: ':memory:',
      RERATE_TODAY: TODAY,
      RERATE_DATA_DIR: dataDir,
      RERATE_SEC_URL: sec.url,
      RERATE_SEC_USER_AGENT: 'rerate tests research@example.com',
    },
    monteCarlo: inProcessMonteCarlo,
  });
  // The share sources at the fakes, on a manual clock at noon of today (retries take no time).
  const { timing } = manualTiming(Date.parse(`${TODAY}T12:00:00Z`));
  const shares: SharePriceProvider[] = [
    tiingoSharePrices({ baseUrl: shareApis.tiingo.url, apiKey: SHARE_TIINGO_KEY, timing }),
    yahooSharePrices({ baseUrl: shareApis.yahoo.url, timing }),
    nasdaqSharePrices({ baseUrl: shareApis.nasdaq.url, timing }),
  ];
  try {
    const fetched = await rerateJson(ports, ['filings', 'fetch', 'MARA', '--as-of', '2025-12-01', '--write-overlay']);
    assert.equal(fetched.results.written?.created, true);
    const refreshed = await rerateJson({ ...ports, liveData: () => ({ chain: [], prices: [], shares }) }, [
      'data',
      'refresh',
      '--source',
      'shares',
    ]);
    assert.equal(refreshed.results.status, 'refreshed');
  } finally {
    await ports.runs.close();
    await sec.close();
    await shareApis.close();
  }
  server = await startDashboardServer({ dataDir });
  bareServer = await startDashboardServer({ dashboardRoot: join(server.folder, 'web') });
  browser = await chromium.launch({ executablePath: chromiumPath, args: [...CHROMIUM_ARGS] });
  page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (error) => pageErrors.push(error.message));
});

after(async () => {
  await browser?.close();
  await bareServer?.close();
  await server?.close();
  if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
});

async function apiResults<Results>(path: string): Promise<Results> {
  assert.ok(server);
  const response = await fetch(`${server.url}/api/v1/${path}`);
  assert.equal(response.status, 200, path);
  return ((await response.json()) as ResultEnvelope<Results>).results;
}

/** A figure as shown (`826,422,000`, `—`) back to the number the API sent. */
const shownNumber = (text: string): number | null => (text === '—' ? null : Number(text.replace(/,/g, '')));

/** Figures that are not whole are shown to two decimals (BTC held). */
const toCents = (value: number | null): number | null => (value === null ? null : Math.round(value * 100) / 100);

async function tableCells(selector: string): Promise<string[][]> {
  return page
    .locator(`${selector} tbody tr`)
    .evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').trim())),
    );
}

test('the Filings section shows the stored overlay as the API answers it, as of the page', browserTest, async () => {
  assertAvailable(needsChromium);
  assert.ok(server);
  // No as-of chosen: the page asks for the filings as of the day its valuation used (the last day of data).
  const valuedAsOf = (await apiResults<ValueResult>('value/MARA')).asOf;
  const filings = await apiResults<FilingsResults>(`filings/show/MARA?asOf=${valuedAsOf}`);
  assert.equal(filings.filing?.accession, '0001507605-25-000028');
  assert.ok(filings.rows.some((row) => row.status === 'differs'));

  await page.goto(`${server.url}/#/company/MARA`);
  await page
    .locator('#filings table[data-field="rows"] tbody tr')
    .nth(filings.rows.length - 1)
    .waitFor();
  const shown = await tableCells('#filings table[data-field="rows"]');
  assert.deepEqual(
    shown.map(([field, file, filing, status, used, note]) => ({
      field,
      file: shownNumber(file ?? ''),
      filing: shownNumber(filing ?? ''),
      status: status?.split(' ')[0] === 'differs' ? 'differs' : status,
      used: shownNumber(used ?? ''),
      note,
    })),
    filings.rows.map((row) => ({
      field: row.field,
      file: toCents(row.fileValue),
      filing: toCents(row.filingValue),
      status: row.status,
      used: toCents(row.usedValue),
      note: row.note,
    })),
  );
  const source = await page.locator('#filings [data-field="filing"]').textContent();
  assert.match(source ?? '', /10-Q 0001507605-25-000028, period 2025-09-30, filed 2025-11-04/);
  assert.deepEqual(
    await tableCells('#filings table[data-field="overlays"]'),
    filings.overlays.map((o) => [
      `${o.filing.form} ${o.filing.accession}`,
      o.filing.periodEnd,
      o.filing.filed,
      o.fields.join(', '),
      o.public ? 'yes' : 'no',
    ]),
  );
  await page.screenshot({ path: `${ARTIFACTS}company-laptop.png`, fullPage: true });
  await page.locator('#filings').screenshot({ path: `${ARTIFACTS}company-filings-laptop.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.locator('#filings').scrollIntoViewIfNeeded();
  await page.locator('#filings').screenshot({ path: `${ARTIFACTS}company-filings-phone.png` });
  await page.screenshot({ path: `${ARTIFACTS}company-phone.png`, fullPage: true });
  await page.locator('.headline-panel').screenshot({ path: `${ARTIFACTS}company-headline-phone.png` });
  await page.setViewportSize({ width: 1366, height: 768 });

  // As of a day before the filing, the overlay is listed as not public and no figure comes from it.
  await page.goto(`${server.url}/#/company/MARA?asOf=2025-11-03`);
  await page.locator('#filings table[data-field="overlays"] tbody tr').first().waitFor();
  assert.deepEqual(
    (await tableCells('#filings table[data-field="overlays"]')).map((cells) => cells.at(-1)),
    ['no'],
  );
  assert.match((await page.locator('#filings [data-field="filing"]').textContent()) ?? '', /no overlay public/);
  assert.deepEqual(pageErrors, []);
});

test('without a stored overlay the Filings section says how to get one', browserTest, async () => {
  assertAvailable(needsChromium);
  assert.ok(server);
  await page.goto(`${server.url}/#/company/CIFR`);
  const empty = page.locator('#filings [data-field="filings-empty"]');
  await empty.waitFor();
  assert.match((await empty.textContent()) ?? '', /rerate filings fetch CIFR --write-overlay/);
  assert.equal(await page.locator('#filings table').count(), 0);
  await page.locator('#filings').screenshot({ path: `${ARTIFACTS}company-filings-empty.png` });
  assert.deepEqual(pageErrors, []);
});

test('the network page lists the last share close of each ticker as data status answers it', browserTest, async () => {
  assertAvailable(needsChromium);
  assert.ok(server && bareServer);
  const status = await apiResults<DataStatusResult>('data/status');
  assert.ok(status.shares.length >= 5 && status.shares.every((entry) => entry.closeUsd !== null));

  await page.goto(`${server.url}/#/network`);
  const shares = '#data-freshness table[data-field="shares"]';
  await page
    .locator(`${shares} tbody tr`)
    .nth(status.shares.length - 1)
    .waitFor();
  assert.deepEqual(
    await tableCells(shares),
    status.shares.map((entry) => [
      entry.ticker,
      formatUsd(entry.closeUsd),
      entry.lastDay,
      entry.sources.join(', '),
      String(entry.ageDays),
      entry.stale ? 'stale' : 'fresh',
    ]),
  );
  assert.deepEqual(
    (await tableCells('#data-freshness table[data-field="series"]')).map((cells) => cells[0]),
    status.series.map((entry) => entry.series),
  );
  await page.locator('#data-freshness').screenshot({ path: `${ARTIFACTS}network-data-laptop.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.locator('#data-freshness').screenshot({ path: `${ARTIFACTS}network-data-phone.png` });
  await page.setViewportSize({ width: 1366, height: 768 });

  // The company page's price carries the stored close's day and sources.
  const value = await apiResults<ValueResult>('value/MARA');
  assert.notEqual(value.company.sharePriceSource, 'company file');
  await page.goto(`${server.url}/#/company/MARA`);
  await page.locator('[data-field="price"]').waitFor();
  const label = await page
    .locator('.headline-figures div', { has: page.locator('[data-field="price"]') })
    .textContent();
  assert.ok(label?.includes(`${value.company.sharePriceDate}, ${value.company.sharePriceSource}`), label ?? '');

  // Without stored closes: how to get them.
  await page.goto(`${bareServer.url}/#/network`);
  const empty = page.locator('#data-freshness [data-field="shares-empty"]');
  await empty.waitFor();
  assert.match((await empty.textContent()) ?? '', /rerate data refresh/);
  assert.deepEqual(pageErrors, []);
});
