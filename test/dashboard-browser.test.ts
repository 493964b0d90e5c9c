// The dashboard end to end in headless Chromium (system Chromium driven by playwright-core): the web/ bundle built by
// scripts/build-web.mjs, served by the real API server in this process (test/support/dashboard-server.ts). Every number
// checked on screen is compared with what the API answers for the same question. Screenshots at laptop (1366×768) and
// tablet (820×1180) widths, and the downloaded note, are kept under test-artifacts/dashboard/ for a look.
// Without Chromium these tests skip with a notice; RERATE_REQUIRE_CHROMIUM=1 (set by .ci/run) makes that a failure.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { formatUsd } from '../src/present/format.ts';
import type { ResultEnvelope } from '../src/schema/result-envelope.ts';
import {
  CHROMIUM_ARGS,
  CHROMIUM_HOW_TO,
  DEFAULT_CHROMIUM_CANDIDATES,
  findChromium,
} from '../src/report/pdf-chromium.ts';
import type { TornadoResult, UpdateResult, ValueResult } from '../src/schema/valuation.ts';
import type { CostCurveResult } from '../src/schema/cost-curve.ts';
import type { CoverageListResult } from '../web/src/api-types.ts';
import { startDashboardServer, type DashboardServer } from './support/dashboard-server.ts';
import { assertAvailable, skipUnless, systemRequirement } from './support/requires.ts';

const ARTIFACTS = fileURLToPath(new URL('../test-artifacts/dashboard/', import.meta.url));
const LAPTOP = { width: 1366, height: 768 };
const TABLET = { width: 820, height: 1180 };
const TOKEN = 'dashboard-test-token-0123456789';

const envChromium = process.env['RERATE_CHROMIUM'];
const chromiumPath = envChromium !== undefined && envChromium !== '' ? findChromium([envChromium]) : findChromium();
const needsChromium = systemRequirement({
  what: 'Chromium',
  missing:
    chromiumPath === undefined
      ? [
          envChromium !== undefined && envChromium !== ''
            ? `Chromium (RERATE_CHROMIUM=${envChromium} is not executable)`
            : `Chromium (looked for ${DEFAULT_CHROMIUM_CANDIDATES.join(', ')})`,
        ]
      : [],
  requireVariable: 'RERATE_REQUIRE_CHROMIUM',
  howTo: CHROMIUM_HOW_TO,
});
const browserTest = { skip: skipUnless(needsChromium, 'the dashboard browser tests'), timeout: 60_000 };

let server: DashboardServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** The two update runs the revisions test saved (as of 2025-12-31 and 2026-02-04), for the tablet screenshot. */
let savedPair: { a: string; b: string } | undefined;
/** Uncaught errors in the page: none is expected. */
const pageErrors: string[] = [];

before(async () => {
  if (needsChromium.kind !== 'available' || chromiumPath === undefined) return;
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startDashboardServer();
  browser = await chromium.launch({ executablePath: chromiumPath, args: [...CHROMIUM_ARGS] });
  context = await browser.newContext({ viewport: LAPTOP, acceptDownloads: true });
  page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (error) => pageErrors.push(error.message));
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A command's envelope straight from the API, to compare with what the page shows. */
async function api<Results>(path: string): Promise<ResultEnvelope<Results>> {
  const response = await fetch(`${server.url}/api/v1/${path}`);
  assert.equal(response.status, 200, `GET ${path}: HTTP ${response.status}`);
  return (await response.json()) as ResultEnvelope<Results>;
}

async function open(hash: string): Promise<void> {
  await page.goto(`${server.url}/${hash}`);
}

async function text(selector: string): Promise<string> {
  return ((await page.locator(selector).first().textContent()) ?? '').trim();
}

/** The tickers of the coverage table, top to bottom. */
async function tickerOrder(): Promise<string[]> {
  return page
    .locator('table.data-table tbody tr')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-row') ?? ''));
}

/** The company page's price target. */
function targetShown() {
  return page.locator('[data-field="target"]');
}

/** The price target once it shows exactly `usd` (e.g. `$6.80`). */
function targetShowing(usd: string) {
  return targetShown().filter({ hasText: new RegExp(`^\\s*${usd.replace(/[$.]/g, '\\$&')}\\s*$`) });
}

async function noHorizontalScroll(): Promise<void> {
  const widths = await page
    .locator('html')
    .evaluate((root) => ({ scroll: root.scrollWidth, client: root.clientWidth }));
  assert.ok(
    widths.scroll <= widths.client,
    `the page scrolls sideways: ${widths.scroll} px of content in ${widths.client} px`,
  );
}

test(
  'coverage: five companies from the API, sortable by upside from the keyboard, warnings listed and marked',
  browserTest,
  async () => {
    assertAvailable(needsChromium);
    const coverage = await api<UpdateResult>('update');
    await open('#/');
    await page.locator('table.data-table tbody tr').nth(4).waitFor();
    assert.equal(await page.locator('table.data-table tbody tr').count(), 5);
    for (const company of coverage.results.companies) {
      const row = page.locator(`tr[data-row="${company.ticker}"]`);
      assert.equal(
        ((await row.locator('[data-column="target"]').textContent()) ?? '').trim(),
        formatUsd(company.targetUsd),
      );
      assert.match((await row.locator('[data-column="rating"]').textContent()) ?? '', new RegExp(company.rating));
    }
    // Skip link first, then sort by upside with the keyboard alone: Enter on the header's button.
    await page.keyboard.press('Tab');
    assert.equal(await page.locator('.skip-link:focus').count(), 1, 'the skip link is the first stop');
    await page.locator('button[data-column="upside"]').focus();
    await page.keyboard.press('Enter');
    const byUpside = [...coverage.results.companies].sort((a, b) => b.upside - a.upside).map((c) => c.ticker);
    assert.deepEqual(await tickerOrder(), byUpside);
    assert.equal(await page.locator('th:has(button[data-column="upside"])').getAttribute('aria-sort'), 'descending');
    await page.keyboard.press('Space');
    assert.deepEqual(await tickerOrder(), [...byUpside].reverse());
    assert.equal(await page.locator('th:has(button[data-column="upside"])').getAttribute('aria-sort'), 'ascending');
    // Every warning listed; the companies they name marked; the run id in the footer.
    assert.equal(await page.locator('.warnings li').count(), coverage.warnings.length);
    const marked = coverage.results.companies
      .filter((c) => coverage.warnings.some((w) => w.message.startsWith(`${c.ticker}:`)))
      .map((c) => c.ticker);
    for (const ticker of marked)
      assert.equal(
        await page.locator(`tr[data-row="${ticker}"] .warning-marker`).count(),
        1,
        `${ticker} has its warnings marked`,
      );
    assert.equal(await text('[data-command="update"] [data-field="runId"]'), coverage.inputsHash.slice(0, 12));
    assert.equal(await page.locator('nav a[aria-current="page"]').textContent(), 'Coverage');
    await page.screenshot({ path: `${ARTIFACTS}coverage-laptop.png`, fullPage: true });
    assert.deepEqual(pageErrors, []);
  },
);

test(
  'coverage: each file’s sourced share, and the sector cost curve’s chart and table as the API gives them (issue 21)',
  browserTest,
  async () => {
    assertAvailable(needsChromium);
    const curve = await api<CostCurveResult>('cost-curve');
    const listed = await api<CoverageListResult>('coverage/list');
    await open('#/');
    const bars = page.locator('[data-chart^="cost-curve-"] rect.mark');
    await bars.first().waitFor({ timeout: 30_000 });
    const first = curve.results.quarters[0];
    assert.ok(first);
    assert.deepEqual(
      (await bars.evaluateAll((marks) => marks.map((m) => m.getAttribute('data-value')))).map(Number),
      first.companies.map((c) => c.cashCostPerBtc.usd),
    );
    const rows = page.locator('table[data-table="cost-curve"] tbody tr');
    assert.equal(
      await rows.count(),
      curve.results.quarters.reduce((n, q) => n + q.companies.length, 0),
    );
    const top = first.companies[0];
    assert.ok(top);
    assert.match(
      (await page.locator(`tr[data-row="${first.period} ${top.ticker}"]`).textContent()) ?? '',
      new RegExp(formatUsd(top.cashCostPerBtc.usd, 0).replace(/[$.]/g, '\\$&')),
    );
    // The coverage table's Sourced column: each company's share and counts from coverage list.
    for (const company of listed.results.companies) {
      const cell = page.locator(`tr[data-row="${company.ticker}"] [data-column="sourced"]`);
      assert.match(
        (await cell.textContent()) ?? '',
        new RegExp(`^${company.sourcedPct.toFixed(0)}%${company.sourced} of ${company.figures}$`),
      );
    }
    await page.locator('.cost-curve').screenshot({ path: `${ARTIFACTS}cost-curve-laptop.png` });
    assert.deepEqual(pageErrors, []);
  },
);

test(
  'coverage as of a past date: companies without figures listed as not valued; the date picker keeps to the range',
  browserTest,
  async () => {
    assertAvailable(needsChromium);
    const listed = await api<{ asOfRange: { first: string; last: string } }>('coverage/list');
    const range = listed.results.asOfRange;
    const early = await api<UpdateResult>('update?asOf=2024-05-01');
    assert.ok(early.results.notValued.length > 0, 'some companies have no figures by 2024-05-01');
    await open('#/?asOf=2024-05-01');
    await page.locator('[data-field="notValued"] li').first().waitFor();
    assert.deepEqual(
      await tickerOrder(),
      early.results.companies.map((c) => c.ticker),
    );
    const items = page.locator('[data-field="notValued"] li');
    assert.equal(await items.count(), early.results.notValued.length);
    for (const company of early.results.notValued)
      assert.ok(
        (
          (await page.locator(`[data-field="notValued"] li[data-row="${company.ticker}"]`).textContent()) ?? ''
        ).includes(company.reason),
        `${company.ticker}: its reason is shown`,
      );
    // The picker's range is the API's; a date outside it is refused where it was typed, and nothing is asked.
    const picker = page.locator('#framing-as-of');
    assert.deepEqual([await picker.getAttribute('min'), await picker.getAttribute('max')], [range.first, range.last]);
    await picker.fill('2020-01-01');
    await page.locator('[data-field="asOfRefused"]').waitFor();
    assert.match(
      await text('[data-field="asOfRefused"]'),
      new RegExp(`2020-01-01 is outside the data: choose a date from ${range.first} .* to ${range.last}`),
    );
    assert.equal(await picker.getAttribute('aria-invalid'), 'true');
    assert.match(page.url(), /asOf=2024-05-01/, 'the page still shows 2024-05-01');
    await page.screenshot({ path: `${ARTIFACTS}coverage-early-laptop.png`, fullPage: true });
    // A date inside the range is taken: every company has figures by the last day.
    await picker.fill(range.last);
    await page.locator('table.data-table tbody tr').nth(4).waitFor();
    assert.match(page.url(), new RegExp(`asOf=${range.last}`));
    assert.equal(await page.locator('[data-field="notValued"]').count(), 0);
    assert.equal(await page.locator('[data-field="asOfRefused"]').count(), 0);
    assert.deepEqual(pageErrors, []);
  },
);

// MARA: the company whose target moves most with the BTC price (its treasury), so one slider step shows in cents.
test(
  'company: moving the BTC-price control revalues the target through the API and repaints the bridge',
  browserTest,
  async () => {
    assertAvailable(needsChromium);
    await open('#/');
    await page.locator('a[data-ticker="MARA"]').click();
    const base = await api<ValueResult>('value/MARA');
    const tornado = await api<TornadoResult>('tornado/MARA');
    const btcBase = tornado.results.bars.find((bar) => bar.input === 'btc-price')?.base;
    assert.ok(btcBase !== undefined);
    const range = page.locator('#control-btc-price-range');
    await page.locator('#control-btc-price-range:enabled').waitFor();
    await page.locator('figure[data-chart="sotp-MARA"] svg').waitFor();
    assert.equal(await text('[data-field="target"]'), formatUsd(base.results.company.targetUsd));
    assert.equal(Number(await range.inputValue()), Math.round(btcBase), 'the control starts at the base from tornado');
    assert.match(
      await text('#control-btc-price-base'),
      new RegExp(`Base ${Math.round(btcBase).toLocaleString('en-US')} USD`),
    );

    // One step to the right from the keyboard.
    const before = await text('[data-field="target"]');
    await range.focus();
    await page.keyboard.press('ArrowRight');
    await targetShown().filter({ hasNotText: before }).waitFor();
    const stepped = await page.locator('#control-btc-price-number').inputValue();
    assert.ok(Number(stepped) > Math.round(btcBase), `ArrowRight moved the price up (${stepped})`);
    const steppedValue = await api<ValueResult>(`value/MARA?set=btc-price=${stepped}`);
    await page.locator('.headline[aria-busy="false"]').waitFor();
    assert.equal(await text('[data-field="target"]'), formatUsd(steppedValue.results.company.targetUsd));
    assert.match(
      await text('[data-field="inputsSet"]'),
      new RegExp(`btc-price = ${Number(stepped).toLocaleString('en-US')} USD`),
    );

    // A value typed in the number box.
    await page.locator('#control-btc-price-number').fill('90000');
    const at90k = await api<ValueResult>('value/MARA?set=btc-price=90000');
    const expected = formatUsd(at90k.results.company.targetUsd);
    await targetShowing(expected).waitFor();
    const step = Number(await range.getAttribute('step'));
    assert.ok(
      Math.abs(Number(await range.inputValue()) - 90000) <= step / 2,
      'the slider follows the number box (to its nearest step)',
    );
    // The bridge chart was redrawn from the new valuation: its last bar is the new target.
    const lastBar = await page.locator('figure[data-chart="sotp-MARA"] .mark').last().getAttribute('data-value');
    assert.equal(Number(lastBar), at90k.results.company.targetUsd);
    assert.equal(
      await text('[data-field="upside"]'),
      `${at90k.results.company.upside >= 0 ? '+' : '\u2212'}` +
        Math.abs(at90k.results.company.upside * 100).toFixed(
          Math.abs(at90k.results.company.upside * 100) < 10 ? 1 : 0,
        ) +
        '%',
    );
    await page.screenshot({ path: `${ARTIFACTS}company-laptop.png`, fullPage: true });

    // A value the API refuses: its message in an alert, by name.
    await page.locator('#control-btc-price-number').fill('0');
    await page.locator('#control-btc-price-number').press('Enter');
    await page.locator('.controls-panel [role="alert"], .headline-panel [role="alert"]').first().waitFor();
    assert.match(await text('.headline-panel [role="alert"]'), /btc-price must be between/);

    // Back to the base.
    await page.locator('button.reset').click();
    await targetShowing(formatUsd(base.results.company.targetUsd)).waitFor();
    // The other sections: estimates, the heatmap, the ERCOT exposure.
    await page.locator('#estimates table tbody tr').first().waitFor();
    await page.locator('figure[data-chart="sensitivity-MARA"] svg').waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('figure[data-chart="sensitivity-MARA"] .mark').count(), 63, 'a 9 × 7 grid');
    await page.locator('[data-field="policy"]').waitFor();
    assert.deepEqual(pageErrors, []);
  },
);

test(
  'network: the status and the three charts of the note (hashrate, difficulty, hashprice), history and projection',
  browserTest,
  async () => {
    assertAvailable(needsChromium);
    await open('#/');
    await page.getByRole('link', { name: 'Network' }).click();
    const status = await api<{ tipHeight: number }>('network/status');
    await page.locator('figure.chart svg').nth(2).waitFor({ timeout: 30_000 });
    assert.deepEqual(
      await page.locator('figure.chart').evaluateAll((figures) => figures.map((f) => f.getAttribute('data-chart'))),
      ['network-hashrate', 'network-difficulty', 'network-hashprice'],
    );
    for (const id of ['network-hashrate', 'network-difficulty', 'network-hashprice']) {
      assert.equal(
        await page.locator(`figure[data-chart="${id}"] .mark`).count(),
        2,
        `${id}: a history and a projection line`,
      );
    }
    assert.equal(await text('[data-field="height"] .figure-value'), status.results.tipHeight.toLocaleString('en-US'));
    assert.equal(await page.locator('nav a[aria-current="page"]').textContent(), 'Network');
    await page.screenshot({ path: `${ARTIFACTS}network-laptop.png`, fullPage: true });
    assert.deepEqual(pageErrors, []);
  },
);

test(
  'revisions: two runs saved from the coverage page, compared, with the attribution waterfall',
  browserTest,
  async () => {
    assertAvailable(needsChromium);
    for (const hash of ['#/?asOf=2025-12-31', '#/']) {
      await open(hash);
      await page.locator('table.data-table tbody tr').first().waitFor();
      await page.getByRole('button', { name: 'Save this run' }).click();
      await page.locator('[data-field="savedRunId"]').waitFor();
    }
    await page.getByRole('link', { name: 'Revisions' }).first().click();
    await page.locator('figure[data-chart^="attribution-"] svg').waitFor({ timeout: 30_000 });
    const runs = await api<{ runs: { id: string; asOf: string }[] }>('runs/list');
    assert.equal(runs.results.runs.length, 2);
    const [newer, older] = runs.results.runs as [{ id: string; asOf: string }, { id: string; asOf: string }];
    savedPair = { a: older.id, b: newer.id };
    assert.deepEqual([newer.asOf, older.asOf], ['2026-02-04', '2025-12-31']);
    assert.equal(await page.locator('#run-a').inputValue(), older.id);
    assert.equal(await page.locator('#run-b').inputValue(), newer.id);
    // The waterfall ends in the change of the chosen company's target, as the API's diff gives it.
    const diff = await api<{ rows: { ticker: string; metric: string; change: number | null }[] }>(
      `diff?runA=${older.id}&runB=${newer.id}`,
    );
    const ticker = await page.locator('#attribution-ticker').inputValue();
    const change = diff.results.rows.find((row) => row.ticker === ticker && row.metric === 'targetUsd')?.change;
    assert.equal(
      Number(
        await page
          .locator(`figure[data-chart="attribution-${ticker}-targetUsd"] .mark`)
          .last()
          .getAttribute('data-value'),
      ),
      change,
    );
    assert.ok((await page.locator('#diff-title ~ .table-scroll tbody tr').count()) > 0, 'the diff table has rows');
    await page.screenshot({ path: `${ARTIFACTS}revisions-laptop.png`, fullPage: true });

    // Runs of different commands: no attribution, and the page says why.
    const saved = await fetch(`${server.url}/api/v1/runs`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ command: 'value', input: { target: 'CIFR' } }),
    });
    assert.equal(saved.status, 201);
    const valueRun = ((await saved.json()) as { saved: { id: string } }).saved.id;
    await open(`#/revisions?a=${newer.id}&b=${valueRun}`);
    await page.locator('[data-field="attribution"]').waitFor({ timeout: 30_000 });
    assert.match(
      await text('[data-field="attribution"]'),
      /No attribution for these two runs: the runs are of different commands \(update, value\)/,
    );
    assert.deepEqual(pageErrors, []);
  },
);

test('the research note downloads from the company page as a complete HTML note', browserTest, async () => {
  assertAvailable(needsChromium);
  await open('#/company/CIFR');
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 45_000 }),
    page.locator('a[data-format="html"]').click(),
  ]);
  assert.match(download.suggestedFilename(), /^rerate-note-\d{4}-\d{2}-\d{2}\.html$/);
  const saved = `${ARTIFACTS}note.html`;
  await download.saveAs(saved);
  const html = readFileSync(saved, 'utf8');
  assert.match(html, /^<!doctype html>/i);
  assert.match(html, /<\/html>\s*$/);
  for (const name of ['Cipher Mining', 'CleanSpark', 'IREN', 'MARA', 'Riot'])
    assert.ok(html.includes(name), `the note covers ${name}`);
  assert.ok(
    (html.match(/<svg/g) ?? []).length >= 13,
    'bridges and heatmaps of five companies and three network charts',
  );
  assert.doesNotMatch(html, /<script|src="http/, 'self-contained, no script');
});

test(
  'a server that requires a token: the dashboard asks for it, refuses a wrong one, then works with it',
  browserTest,
  async () => {
    assertAvailable(needsChromium);
    const guarded = await startDashboardServer({ dashboardRoot: `${server.folder}/web`, token: TOKEN });
    const tokenContext = await browser.newContext({ viewport: LAPTOP, acceptDownloads: true });
    try {
      const tokenPage = await tokenContext.newPage();
      tokenPage.setDefaultTimeout(20_000);
      await tokenPage.goto(`${guarded.url}/#/`);
      const field = tokenPage.getByLabel('API token', { exact: true });
      await field.waitFor();
      await field.fill('not-the-token-at-all');
      await tokenPage.getByRole('button', { name: 'Use this token' }).click();
      await tokenPage.getByText('The server refused the token').waitFor();
      await tokenPage.getByLabel('API token', { exact: true }).fill(TOKEN);
      await tokenPage.getByRole('button', { name: 'Use this token' }).click();
      await tokenPage.locator('table.data-table tbody tr').nth(4).waitFor({ timeout: 30_000 });
      assert.equal(await tokenPage.evaluate('sessionStorage.getItem("rerate.apiToken")'), TOKEN, 'kept for the tab');
      await tokenPage.screenshot({ path: `${ARTIFACTS}token-laptop.png` });
      // A plain link cannot carry the token: the note is fetched with it and saved from a Blob URL.
      await tokenPage.locator('a[data-ticker="RIOT"]').click();
      const [download] = await Promise.all([
        tokenPage.waitForEvent('download', { timeout: 45_000 }),
        tokenPage.locator('a[data-format="html"]').click(),
      ]);
      assert.match(download.url(), /^blob:/);
      assert.match(download.suggestedFilename(), /^rerate-note-\d{4}-\d{2}-\d{2}\.html$/);
      const path = await download.path();
      assert.match(readFileSync(path, 'utf8'), /^<!doctype html>/i);
    } finally {
      await tokenContext.close();
      await guarded.close();
    }
  },
);

test(
  'tablet width (820 px): no sideways page scroll; wide tables scroll in their own region',
  browserTest,
  async () => {
    assertAvailable(needsChromium);
    await page.setViewportSize(TABLET);
    try {
      for (const [hash, name, ready] of [
        ['#/', 'coverage', 'table.data-table tbody tr'],
        ['#/company/MARA', 'company', 'figure[data-chart="sotp-MARA"] svg'],
        ['#/network', 'network', 'figure[data-chart="network-hashprice"] svg'],
        [
          savedPair ? `#/revisions?a=${savedPair.a}&b=${savedPair.b}` : '#/revisions',
          'revisions',
          'figure[data-chart^="attribution-"] svg, [data-field="attribution"]',
        ],
      ] as const) {
        await open(hash);
        await page.locator(ready).first().waitFor({ timeout: 30_000 });
        await noHorizontalScroll();
        await page.screenshot({ path: `${ARTIFACTS}${name}-tablet.png`, fullPage: name !== 'company' });
      }
    } finally {
      await page.setViewportSize(LAPTOP);
    }
    assert.deepEqual(pageErrors, []);
  },
);
