// `rerate note` end to end: the Markdown note against its golden copy (numbers as the note rounds them), its charts as
// SVG files with data marks, a self-contained HTML page, and the PDF printed by the system Chromium whose pages,
// rendered to PNG, hold the coverage table and every chart. Regenerate the golden copy with UPDATE_GOLDEN=1.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inProcessMonteCarlo } from '../src/data/in-process-monte-carlo.ts';
import type { AppPorts } from '../src/app/ports/app-ports.ts';
import { defaultPorts } from '../src/cli/default-ports.ts';
import { findChromium } from '../src/report/pdf-chromium.ts';
import { pdfText, pdfToPngPages, systemTool } from './support/pdf-pages.ts';
import { countPixelsNear, decodePng } from './support/png.ts';
import { assertAvailable, skipUnless, systemRequirement } from './support/requires.ts';
import { rerate, rerateJson as json } from './support/cli-runner.ts';
import { formatUsd } from '../src/present/format.ts';

const GOLDEN = new URL('./golden/note.md', import.meta.url);
const ARTIFACTS = new URL('../test-artifacts/note/', import.meta.url);

function freshPorts(t: TestContext): AppPorts {
  const ports = defaultPorts({
    env: { RERATE_DB: ':memory:', RERATE_TODAY: '2026-02-05' },
    monteCarlo: inProcessMonteCarlo,
  });
  t.after(() => ports.runs.close());
  // The run ids the note prints include the code's commit: left out, so the golden copy does not change per commit.
  return { ...ports, build: { codeCommit: null } };
}

function tempDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'rerate-note-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A note after a prior saved run (2025-09-30), so the revisions section is there. */
async function noteWithHistory(t: TestContext, args: string[]) {
  const ports = freshPorts(t);
  await json(ports, ['update', '--as-of', '2025-09-30']);
  return { ports, note: await json(ports, ['note', ...args]) };
}

const markdownGoldenTestName =
  'the Markdown note matches its golden copy, with every section, and its charts are SVG files with data marks';
test(markdownGoldenTestName, async (t) => {
  const dir = tempDir(t);
  const out = join(dir, 'note.md');
  const { note, ports } = await noteWithHistory(t, ['--out', out]);
  assert.equal(note.results.format, 'md');
  assert.deepEqual(note.results.sections, [
    'Coverage',
    'Comps',
    'Cipher Mining Inc. (CIFR): Neutral, target $14.24',
    ...note.results.sections.slice(3, 7),
    'The network',
    'Calendar',
    'Methodology and disclosures',
  ]);
  const text = readFileSync(out, 'utf8');
  for (const needle of [
    '| Ticker | Rating | Target | Prior target (rating) | Price (date) | Upside |',
    'Enterprise value: market cap (basic shares) + debt',
    'What changed since the previous run',
    'Quarterly estimates',
    'Power policy: ERCOT',
    'Key risks',
    'Calendar',
    'Ratings and horizon',
    'Stale data',
  ]) {
    assert.ok(text.includes(needle), `the note has "${needle}"`);
  }
  // The comps page and `rerate comps` agree to the cent: market cap and EV as the note prints them.
  const comps = await json(ports, ['comps']);
  for (const c of comps.results.companies as { ticker: string; marketCapUsd: number; enterpriseValueUsd: number }[]) {
    const line = text.split('\n').find((l) => l.startsWith(`| ${c.ticker} | $`));
    assert.ok(line, `the comps page has a row for ${c.ticker}`);
    const cells = line.split('|').map((cell) => cell.trim());
    assert.equal(cells[3], formatUsd(c.marketCapUsd), `${c.ticker} market cap`);
    assert.equal(cells[7], formatUsd(c.enterpriseValueUsd), `${c.ticker} EV`);
  }
  // Every chart is a file beside the note, linked from it, with as many data marks as the chart has points.
  assert.equal(note.results.files.length, 1 + note.results.charts.length);
  for (const chart of note.results.charts) {
    const svg = readFileSync(join(dir, 'note-charts', `${chart.id}.svg`), 'utf8');
    assert.ok(text.includes(`](note-charts/${chart.id}.svg)`), `the note links ${chart.id}`);
    assert.match(svg, /^<svg[\s\S]*<\/svg>\s*$/);
    // Bars and cells are one mark each; a line is one mark per series carrying its point count.
    const marks = svg.match(/<[^>]*class="mark"[^>]*>/g) ?? [];
    const drawn =
      chart.kind === 'line'
        ? marks.reduce((sum, mark) => sum + Number(/data-points="(\d+)"/.exec(mark)?.[1] ?? 0), 0)
        : marks.length;
    assert.ok(chart.points > 0, `${chart.id} has data`);
    assert.equal(drawn, chart.points, `${chart.id}: every point drawn`);
  }
  const kinds = new Set(note.results.charts.map((chart: { kind: string }) => chart.kind));
  assert.deepEqual([...kinds].sort(), ['heatmap', 'line', 'waterfall']);

  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(new URL('note.md', ARTIFACTS), text);
  if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(GOLDEN, text);
  assert.equal(
    text,
    readFileSync(GOLDEN, 'utf8'),
    'the note differs from test/golden/note.md (UPDATE_GOLDEN=1 regenerates it; review the diff)',
  );
});

test('without a previous saved run the note says so; the coverage is saved as a run for the next note', async (t) => {
  const dir = tempDir(t);
  const ports = freshPorts(t);
  const first = await json(ports, ['note', '--out', join(dir, 'first.md')]);
  assert.equal(first.results.priorRunId, null);
  assert.match(
    readFileSync(join(dir, 'first.md'), 'utf8'),
    /No previous saved run under this scenario and methodology: this note starts the revision history\./,
  );
  const runs = await json(ports, ['runs', 'list']);
  assert.equal(runs.results.runs[0].id, first.results.runId);
});

const secondNoteTestName =
  'a second note under the same framing runs: its prior may be the first note’s re-estimate of an older quarter';
test(secondNoteTestName, async (t) => {
  const dir = tempDir(t);
  const { ports, note: first } = await noteWithHistory(t, ['--out', join(dir, 'first.md')]);
  const second = await json(ports, ['note', '--out', join(dir, 'second.md')]);
  assert.equal(second.results.runId, first.results.runId);
  // The first note saved the coverage and the prior's quarter re-estimated now; the second compares with the latter,
  // which is the same valuation: no target moved.
  assert.notEqual(second.results.priorRunId, null);
  assert.notEqual(second.results.priorRunId, first.results.priorRunId);
  assert.match(readFileSync(join(dir, 'second.md'), 'utf8'), /What changed since the previous run/);
});

test('the HTML note is one self-contained page: every chart inline, nothing fetched from elsewhere', async (t) => {
  const dir = tempDir(t);
  const out = join(dir, 'note.html');
  const { note } = await noteWithHistory(t, ['--out', out]);
  assert.equal(note.results.format, 'html');
  const html = readFileSync(out, 'utf8');
  assert.doesNotMatch(html, /<script|<link|src="http|href="http|url\(http/);
  for (const chart of note.results.charts) assert.match(html, new RegExp(`<figure id="figure-${chart.id}"><svg`));
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(new URL('note.html', ARTIFACTS), html);
});

test('bad note flags are usage errors naming the flag', async (t) => {
  const ports = freshPorts(t);
  const noOut = await rerate(ports, ['note']);
  assert.equal(noOut.code, 2);
  assert.match(noOut.stderr, /out/);
  const badFormat = await rerate(ports, ['note', '--out', 'x.doc', '--format', 'doc']);
  assert.equal(badFormat.code, 2);
});

const chromium = findChromium();
const pdfRequirement = systemRequirement({
  what: 'Chromium and poppler-utils',
  missing: [
    ...(chromium ? [] : ['chromium']),
    ...['pdftoppm', 'pdftotext']
      .filter((tool) => systemTool(tool) === undefined)
      .map((tool) => `${tool} (poppler-utils)`),
  ],
  requireVariable: 'RERATE_REQUIRE_CHROMIUM',
  howTo: 'Install them with apt-get install -y chromium poppler-utils.',
});

test(
  'the PDF note: its pages, rendered to PNG, hold the coverage table and every chart',
  { skip: skipUnless(pdfRequirement, 'PDF note tests') },
  async (t) => {
    assertAvailable(pdfRequirement);
    const dir = tempDir(t);
    const out = join(dir, 'note.pdf');
    const { note } = await noteWithHistory(t, ['--format', 'pdf', '--out', out]);
    assert.ok(note.results.pages >= 5, `${note.results.pages} pages`);
    assert.equal(readFileSync(out).subarray(0, 5).toString('latin1'), '%PDF-');
    const pages = pdfText(out).split('\f');
    const coveragePage = pages.findIndex((page) => page.includes('Coverage: ratings, targets and prices'));
    assert.ok(coveragePage >= 0, 'a page holds the coverage table');
    for (const ticker of ['CIFR', 'CLSK', 'IREN', 'MARA', 'RIOT'])
      assert.match(pages[coveragePage] as string, new RegExp(`${ticker}\\s+(Overweight|Neutral|Underweight)\\s+\\$`));

    const pngs = pdfToPngPages(out, join(dir, 'pages'));
    assert.equal(pngs.length, note.results.pages);
    mkdirSync(ARTIFACTS, { recursive: true });
    for (const old of readdirSync(ARTIFACTS)) if (/^note-page-\d+\.png$/.test(old)) rmSync(new URL(old, ARTIFACTS));
    for (const [index, png] of pngs.entries())
      writeFileSync(new URL(`note-page-${index + 1}.png`, ARTIFACTS), readFileSync(png));
    // Each chart's title is printed on a page, and that page carries the chart's marks in their colours (the renderer's
    // palette: bars green and red, the projection in orange, heatmap cells), which the coverage page has not.
    const images = pngs.map((png) => decodePng(readFileSync(png)));
    const marksOn = (image: ReturnType<typeof decodePng>, kind: string): number =>
      kind === 'heatmap'
        ? colouredPixels(image)
        : (MARK_COLOURS[kind] ?? []).reduce((sum, colour) => sum + countPixelsNear(image, colour, 40), 0);
    for (const chart of note.results.charts) {
      const page = pages.findIndex((text) => text.includes(chart.title));
      assert.ok(page >= 0, `the PDF shows the chart "${chart.title}"`);
      const onPage = marksOn(images[page] as ReturnType<typeof decodePng>, chart.kind);
      const onCoverage = marksOn(images[coveragePage] as ReturnType<typeof decodePng>, chart.kind);
      assert.ok(
        onPage > Math.max(10 * onCoverage, MIN_MARK_PIXELS[chart.kind] ?? 150),
        `page ${page + 1} with "${chart.title}" shows its marks ` +
          `(${onPage} mark pixels; the coverage page ${onCoverage})`,
      );
    }
    assert.ok(existsSync(out));
  },
);

/** The colours of the renderer's data marks by chart kind (src/present/charts/palette.ts). */
const MARK_COLOURS: Record<string, string[]> = { waterfall: ['#2e7d32', '#c62828'], line: ['#c2410c'] };

/** Fewest mark pixels a chart shows at 60 dpi: a dashed projection line is thin, bars and cells are areas. */
const MIN_MARK_PIXELS: Record<string, number> = { waterfall: 150, line: 50, heatmap: 2_000 };

/** Pixels clearly coloured (not white, grey or black text): chart marks. */
function colouredPixels(image: ReturnType<typeof decodePng>): number {
  let count = 0;
  const { data, channels } = image;
  for (let i = 0; i < data.length; i += channels) {
    const r = data[i] as number;
    const g = data[i + 1] as number;
    const b = data[i + 2] as number;
    if (Math.max(r, g, b) - Math.min(r, g, b) > 60) count++;
  }
  return count;
}
