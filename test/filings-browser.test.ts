// The company page's Filings section (issue 20) in headless Chromium: over a local data store holding MARA's overlay
// (written by `rerate filings fetch --write-overlay` from the fake SEC, as test/filings.test.ts does), the table shows
// each figure exactly as GET /api/v1/filings/show answers it as of the page's as-of date, the stored overlays are
// listed, and a company without one (CIFR) gets the empty state naming the command that stores one. Screenshots at
// laptop and phone widths land in test-artifacts/filings/ for a look. Without Chromium it skips with a notice, as
// test/dashboard-browser.test.ts does.
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
import type { FilingsResults } from '../src/schema/filings.ts';
import type { ResultEnvelope } from '../src/schema/result-envelope.ts';
import type { ValueResult } from '../src/schema/valuation.ts';
import { rerateJson } from './support/cli-runner.ts';
import { startDashboardServer, type DashboardServer } from './support/dashboard-server.ts';
import { startFakeServer } from './support/fake-http-server.ts';
import { assertAvailable, skipUnless, systemRequirement } from './support/requires.ts';

const ARTIFACTS = fileURLToPath(new URL('../test-artifacts/filings/', import.meta.url));
const MARA_CIK = '0001507605';
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
  const ports = defaultPorts({
    env: {
      RERATE_DB: ':memory:',
      RERATE_TODAY: '2026-02-04',
      RERATE_DATA_DIR: dataDir,
      RERATE_SEC_URL: sec.url,
      RERATE_SEC_USER_AGENT: 'rerate tests research@example.com',
    },
    monteCarlo: inProcessMonteCarlo,
  });
  try {
    const fetched = await rerateJson(ports, ['filings', 'fetch', 'MARA', '--as-of', '2025-12-01', '--write-overlay']);
    assert.equal(fetched.results.written?.created, true);
  } finally {
    await ports.runs.close();
    await sec.close();
  }
  server = await startDashboardServer({ dataDir });
  browser = await chromium.launch({ executablePath: chromiumPath, args: [...CHROMIUM_ARGS] });
  page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (error) => pageErrors.push(error.message));
});

after(async () => {
  await browser?.close();
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
