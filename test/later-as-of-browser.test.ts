// The dashboard as of a later day than the embedded data (issue 20), in headless Chromium: on a local store refreshed
// from the fake providers, the date picker reaches the store's last day, and the company page as of it lists the
// figures older than the as-of date exactly as the API answers them. Without Chromium it skips with a notice, as
// test/dashboard-browser.test.ts does.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_HOW_TO, findChromium } from '../src/report/pdf-chromium.ts';
import type { ResultEnvelope } from '../src/schema/result-envelope.ts';
import type { ValueResult } from '../src/schema/valuation.ts';
import { rerate } from './support/cli-runner.ts';
import { startDashboardServer, type DashboardServer } from './support/dashboard-server.ts';
import { refreshableStore } from './support/refreshed-store.ts';
import { assertAvailable, skipUnless, systemRequirement } from './support/requires.ts';
import { SYNTHETIC_LAST_COMPLETE_DAY as LATER } from './support/synthetic-chain.ts';

const chromiumPath = findChromium();
const needsChromium = systemRequirement({
  what: 'Chromium',
  missing: chromiumPath === undefined ? ['Chromium'] : [],
  requireVariable: 'RERATE_REQUIRE_CHROMIUM',
  howTo: CHROMIUM_HOW_TO,
});
const browserTest = { skip: skipUnless(needsChromium, 'the later as-of browser test'), timeout: 60_000 };

// Made at the top level so that its cleanup is registered with the file's, not with a hook's (which runs at once).
const store = needsChromium.kind === 'available' ? await refreshableStore((cleanup) => after(cleanup)) : undefined;
let server: DashboardServer | undefined;
let browser: Browser | undefined;
let page: Page;
const pageErrors: string[] = [];

before(async () => {
  if (store === undefined || chromiumPath === undefined) return;
  const refreshed = await rerate(store.ports(), ['data', 'refresh']);
  assert.equal(refreshed.code, 0, refreshed.stderr);
  server = await startDashboardServer({ dataDir: store.env['RERATE_DATA_DIR'] as string });
  browser = await chromium.launch({ executablePath: chromiumPath, args: [...CHROMIUM_ARGS] });
  page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (error) => pageErrors.push(error.message));
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the company page as of the refreshed last day lists the figures older than it', browserTest, async () => {
  assertAvailable(needsChromium);
  assert.ok(server);
  const response = await fetch(`${server.url}/api/v1/value/CIFR?asOf=${LATER}`);
  assert.equal(response.status, 200);
  const { results } = (await response.json()) as ResultEnvelope<ValueResult>;
  assert.ok(results.company.olderFigures.length > 0);

  await page.goto(`${server.url}/#/company/CIFR?asOf=${LATER}`);
  const rows = page.locator('#older-figures tbody tr');
  await rows.nth(results.company.olderFigures.length - 1).waitFor();
  const shown = await rows.evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').trim())),
  );
  assert.deepEqual(
    shown.map((cells) => cells.slice(0, 4)),
    results.company.olderFigures.map((f) => [f.path, f.date, String(f.ageDays), f.datedBy]),
  );
  // The date picker reaches the store's last day, not the embedded data's.
  assert.equal(await page.locator('input[type="date"]').first().getAttribute('max'), LATER);

  // As of the company file's own date the section is absent.
  await page.goto(`${server.url}/#/company/CIFR?asOf=2026-02-04`);
  await page.locator('[data-field="target"]').first().waitFor();
  assert.equal(await page.locator('#older-figures').count(), 0);
  assert.deepEqual(pageErrors, []);
});
