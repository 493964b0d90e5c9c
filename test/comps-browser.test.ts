// The dashboard's comps page in headless Chromium (issue 21): the table's figures equal the API's, it sorts by the
// implied HPC share from the keyboard, the scatter draws one mark per company with a share, and the page fits a laptop
// screen. A screenshot is kept under test-artifacts/dashboard/. Without Chromium the test skips with a notice.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { formatCompact } from '../src/present/charts/render-chart.ts';
import type { CompsResult } from '../src/schema/comps.ts';
import type { ResultEnvelope } from '../src/schema/result-envelope.ts';
import { CHROMIUM_ARGS, CHROMIUM_HOW_TO, findChromium } from '../src/report/pdf-chromium.ts';
import { startDashboardServer, type DashboardServer } from './support/dashboard-server.ts';
import { assertAvailable, skipUnless, systemRequirement } from './support/requires.ts';

const ARTIFACTS = fileURLToPath(new URL('../test-artifacts/dashboard/', import.meta.url));
const chromiumPath = findChromium();
const needsChromium = systemRequirement({
  what: 'Chromium',
  missing: chromiumPath === undefined ? ['Chromium'] : [],
  requireVariable: 'RERATE_REQUIRE_CHROMIUM',
  howTo: CHROMIUM_HOW_TO,
});
const browserTest = { skip: skipUnless(needsChromium, 'the comps browser test'), timeout: 90_000 };

let server: DashboardServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

before(async () => {
  if (needsChromium.kind !== 'available' || chromiumPath === undefined) return;
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startDashboardServer();
  browser = await chromium.launch({ executablePath: chromiumPath, args: [...CHROMIUM_ARGS] });
  page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  page.setDefaultTimeout(30_000);
  page.on('pageerror', (error) => pageErrors.push(error.message));
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('comps page: the API’s figures, sortable by the implied HPC share, and the scatter', browserTest, async () => {
  assertAvailable(needsChromium);
  const response = await fetch(`${server.url}/api/v1/comps`);
  assert.equal(response.status, 200);
  const comps = ((await response.json()) as ResultEnvelope<CompsResult>).results;
  await page.goto(`${server.url}/#/comps`);
  const rows = page.locator('table.data-table:not([data-table]) tbody tr');
  await rows.nth(comps.companies.length - 1).waitFor();
  assert.equal(await rows.count(), comps.companies.length);
  for (const c of comps.companies) {
    const cell = page.locator(`tr[data-row="${c.ticker}"] [data-column="evPerEhInstalled"]`);
    assert.equal(((await cell.textContent()) ?? '').trim(), formatCompact(c.evPerInstalledEhsUsd as number, 'USD'));
  }
  await page.locator('button[data-column="impliedHpcShare"]').focus();
  await page.keyboard.press('Enter');
  const order = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row') ?? ''));
  const expected = [...comps.companies]
    .sort((a, b) => {
      const [x, y] = [a.impliedHpc.share, b.impliedHpc.share];
      if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
      return y - x;
    })
    .map((c) => c.ticker);
  assert.deepEqual(order, expected);
  const withShare = comps.companies.filter((c) => c.impliedHpc.share !== null && c.evPerMwUsd.operating !== null);
  assert.equal(await page.locator('figure[data-chart] svg .mark').count(), withShare.length);
  assert.equal(await page.locator('table[data-table="comps-quartiles"] tbody tr').count(), comps.quartiles.length);
  const widths = await page
    .locator('html')
    .evaluate((root) => ({ scroll: root.scrollWidth, client: root.clientWidth }));
  assert.ok(widths.scroll <= widths.client, `the page scrolls sideways: ${widths.scroll} in ${widths.client} px`);
  await page.screenshot({ path: `${ARTIFACTS}comps-laptop.png`, fullPage: true });
  assert.deepEqual(pageErrors, []);
});
