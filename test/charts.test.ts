// The note's charts end to end: real command results → chart specs (src/app/note-charts.ts) → SVG
// (src/present/charts/render-chart.ts). The rendered files land in test-artifacts/charts/ for a human to look at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { executeCommand } from '../src/app/execute-command.ts';
import { inProcessMonteCarlo } from '../src/data/in-process-monte-carlo.ts';
import { valueCommand } from '../src/app/commands/value.ts';
import { costCurveCommand } from '../src/app/commands/cost-curve.ts';
import { sensitivityCommand } from '../src/app/commands/sensitivity.ts';
import { networkHistoryCommand } from '../src/app/commands/network-history.ts';
import { networkProjectCommand } from '../src/app/commands/network-project.ts';
import { defaultPorts } from '../src/cli/default-ports.ts';
import type { ChartSpec, HeatmapChart, LineChart, WaterfallChart } from '../src/present/charts/chart-spec.ts';
import { costCurveChart } from '../src/present/cost-curve-chart.ts';
import type { CostCurveResult } from '../src/schema/cost-curve.ts';
import {
  attributionWaterfall,
  networkHistoryCharts,
  sensitivityHeatmap,
  sotpBridgeChart,
} from '../src/present/note-charts.ts';
import { formatCompact, renderChartSvg } from '../src/present/charts/render-chart.ts';
import type { NetworkHistoryResult } from '../src/schema/network.ts';
import type { NetworkProjectionResult } from '../src/schema/projection.ts';
import type { SensitivityResult, ValueResult } from '../src/schema/valuation.ts';

const ports = defaultPorts({ env: { RERATE_DB: ':memory:' }, monteCarlo: inProcessMonteCarlo });
const run = async <T>(command: Parameters<typeof executeCommand>[0], input: unknown) =>
  (await executeCommand(command, input, ports)).results as T;
const ARTIFACTS = new URL('../test-artifacts/charts/', import.meta.url);

/**
 * A small well-formedness check (no dependency): one root, tags nested and closed in order, attributes quoted and
 * unique, only the five XML entities or character references, no stray `<` or `&` in text. Returns the problems.
 */
function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  let roots = 0;
  const body = xml.replace(/^<\?xml[^>]*\?>\s*/, '');
  const token =
    /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|([^<]+)|(<)/g;
  for (const match of body.matchAll(token)) {
    const [, closing, name, attributes, selfClosing, textContent, stray] = match;
    if (stray !== undefined) {
      problems.push(`stray < at ${match.index}: ${body.slice(match.index, match.index + 40)}`);
      continue;
    }
    if (textContent !== undefined) {
      if (stack.length === 0 && textContent.trim() !== '')
        problems.push(`text outside the root: ${textContent.slice(0, 40)}`);
      for (const amp of textContent.matchAll(/&([^;\s]*);?/g))
        if (!/^(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+)$/.test(amp[1] ?? '') || !amp[0].endsWith(';'))
          problems.push(`bad entity ${amp[0]}`);
      continue;
    }
    const tag = name as string;
    if (closing) {
      const open = stack.pop();
      if (open !== tag) problems.push(`</${tag}> closes <${open}>`);
      continue;
    }
    if (stack.length === 0) roots++;
    const seen = new Set<string>();
    for (const attribute of (attributes ?? '').matchAll(/([A-Za-z_][\w.:-]*)\s*=\s*("[^"]*"|'[^']*')/g)) {
      const key = attribute[1] as string;
      if (seen.has(key)) problems.push(`<${tag}> repeats ${key}`);
      seen.add(key);
      for (const amp of (attribute[2] as string).matchAll(/&([^;\s"]*);?/g))
        if (!/^(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+)$/.test(amp[1] ?? '') || !amp[0].endsWith(';'))
          problems.push(`bad entity in ${key}: ${amp[0]}`);
    }
    if (!selfClosing) stack.push(tag);
  }
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(' > ')}`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}

const unescape = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The opening tags of the data marks, with their data-value. */
function marks(svg: string): { tag: string; value: number }[] {
  return [...svg.matchAll(/<(\w+)\s[^>]*\bclass="mark"[^>]*>/g)].map((m) => {
    const value = /\bdata-value="([^"]*)"/.exec(m[0])?.[1];
    return { tag: m[1] as string, value: value === undefined ? NaN : Number(value) };
  });
}

/** What the renderer should mark for a spec: steps, non-null cells, non-empty series (by their last value). */
function expectedMarks(spec: ChartSpec): number[] {
  switch (spec.kind) {
    case 'waterfall':
      return spec.steps.map((s) => s.value);
    case 'heatmap':
      return spec.values.flatMap((row) => row.filter((v): v is number => v !== null));
    case 'line':
      return spec.series
        .filter((s) => s.points.length > 0)
        .map((s) => (s.points[s.points.length - 1] as { value: number }).value);
    case 'cost-curve':
      return spec.steps.map((s) => s.value);
    case 'scatter':
      return spec.points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y)).map((p) => p.y);
  }
}

function checkRendered(spec: ChartSpec, svg: string): void {
  assert.deepEqual(xmlProblems(svg), [], `${spec.id} is not well-formed XML`);
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.match(svg, /\bwidth="\d+(\.\d+)?" height="\d+(\.\d+)?" viewBox="0 0 [\d.]+ [\d.]+"/);
  assert.match(svg, /role="img"/);
  assert.match(svg, /font-family="sans-serif"/);
  assert.doesNotMatch(svg, /<script|<style|@import|@font-face|href="http|NaN|Infinity|undefined/);
  const title = /<title id="[^"]+">([^<]*)<\/title>/.exec(svg)?.[1];
  assert.equal(unescape(title ?? ''), spec.title);
  assert.equal(unescape(/aria-label="([^"]*)"/.exec(svg)?.[1] ?? ''), spec.title);
  const found = marks(svg);
  assert.deepEqual(
    found.map((m) => m.value),
    expectedMarks(spec),
    `${spec.id}: marks and their data-value follow the spec`,
  );
}

function save(spec: ChartSpec, svg: string): void {
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(new URL(`${spec.id}.svg`, ARTIFACTS), svg);
}

/** The y-axis ticks a renderer drew (grid lines carry data-tick) with their pixel positions. */
function yTicks(svg: string): { value: number; y: number }[] {
  return [...svg.matchAll(/<line class="grid" data-tick="([^"]+)" x1="[^"]+" x2="[^"]+" y1="([^"]+)"/g)].map((m) => ({
    value: Number(m[1]),
    y: Number(m[2]),
  }));
}

const companies = ['RIOT', 'IREN'];

test('sum-of-the-parts bridges from rerate value: steps add up to the target, share price as reference', async () => {
  for (const ticker of companies) {
    const value = await run<ValueResult>(valueCommand, { target: ticker });
    const chart: WaterfallChart = sotpBridgeChart(value);
    assert.equal(chart.id, `sotp-${ticker}`);
    assert.equal(chart.unit, 'USD per share');
    const last = chart.steps[chart.steps.length - 1];
    assert.equal(last?.total, true);
    assert.equal(last?.value, value.company.targetUsd);
    const parts = chart.steps.slice(0, -1);
    assert.ok(parts.every((s) => !s.total && s.value !== 0));
    assert.ok(
      Math.abs(parts.reduce((sum, s) => sum + s.value, 0) - value.company.targetUsd) <
        1e-9 * Math.max(1, value.company.targetUsd),
    );
    assert.deepEqual(
      parts.map((s) => s.label),
      value.bridge.filter((b) => b.part !== 'Equity value' && b.perShareUsd !== 0).map((b) => b.part),
    );
    assert.equal(chart.reference?.value, value.company.sharePriceUsd);
    const svg = renderChartSvg(chart);
    checkRendered(chart, svg);
    assert.match(svg, /class="reference"/);
    assert.match(svg, /class="zero-line"/);
    // value labels: the target in dollars and cents
    assert.ok(svg.includes(`>${formatCompact(value.company.targetUsd, 'USD per share')}<`), 'the target is labelled');
    save(chart, svg);
  }
});

const sensitivityHeatmapsTestName =
  'sensitivity heatmaps from rerate sensitivity: the grid, the base case and the share price as midpoint';
test(sensitivityHeatmapsTestName, async () => {
  for (const ticker of companies) {
    const sensitivity = await run<SensitivityResult>(sensitivityCommand, {
      target: ticker,
      x: 'btc-price=60000:120000:10000',
      y: 'network-growth=0:0.6:0.1',
    });
    const value = await run<ValueResult>(valueCommand, { target: ticker });
    const chart: HeatmapChart = sensitivityHeatmap(sensitivity, value.company.sharePriceUsd);
    assert.equal(chart.id, `sensitivity-${ticker}`);
    assert.equal(chart.midpoint, value.company.sharePriceUsd);
    assert.deepEqual(chart.values, sensitivity.grid);
    assert.equal(chart.x.values.length, 7);
    assert.equal(chart.y.values.length, 7);
    assert.equal(chart.marker?.x, sensitivity.x.base);
    assert.equal(chart.marker?.y, sensitivity.y.base);
    const svg = renderChartSvg(chart);
    checkRendered(chart, svg);
    // unit-aware tick labels: $60k … $120k across, 0% … 60% down
    assert.ok(svg.includes('>$60k<') && svg.includes('>$120k<'), 'BTC price ticks in $k');
    assert.ok(svg.includes('>0%<') && svg.includes('>60%<'), 'growth ticks in %');
    assert.match(svg, /class="marker"/);
    assert.equal((svg.match(/class="cell-label"/g) ?? []).length, 49, 'every cell is labelled');
    save(chart, svg);
  }
});

const networkChartsTestName =
  'network charts from rerate network history and network project: history solid, projection dashed, markers';
test(networkChartsTestName, async () => {
  const history = await run<NetworkHistoryResult>(networkHistoryCommand, {
    from: '2022-01-01',
    to: '2026-02-04',
    interval: 'week',
  });
  const projection = await run<NetworkProjectionResult>(networkProjectCommand, { to: '2028-12-31', interval: 'day' });
  const charts: LineChart[] = networkHistoryCharts(history, projection);
  assert.deepEqual(
    charts.map((c) => c.id),
    ['network-hashrate', 'network-difficulty', 'network-hashprice'],
  );
  assert.deepEqual(
    charts.map((c) => c.unit),
    ['EH/s', 'difficulty', 'USD/PH/day'],
  );
  for (const chart of charts) {
    const [past, future] = chart.series;
    assert.equal(past?.style, 'history');
    assert.equal(future?.style, 'projection');
    assert.ok((past?.points.length ?? 0) > 200);
    assert.ok((future?.points.length ?? 0) > 1000);
    assert.equal(future?.points[0]?.date, projection.asOf, 'the projection starts at the as-of date');
    assert.ok(future?.points.every((p, i, all) => i === 0 || p.date > (all[i - 1] as { date: string }).date));
    const markers = chart.markers ?? [];
    assert.ok(markers.some((m) => m.date === projection.asOf));
    assert.ok(markers.some((m) => /Halving/.test(m.label) && m.date === '2028-04-03'));
    const svg = renderChartSvg(chart);
    checkRendered(chart, svg);
    assert.match(svg, /<path class="mark"[^>]*data-style="projection"[^>]*stroke-dasharray="6 4"/);
    assert.doesNotMatch(svg, /<path class="mark"[^>]*data-style="history"[^>]*stroke-dasharray/);
    assert.equal((svg.match(/class="event-marker"/g) ?? []).length, 2);
    for (const year of ['2022', '2024', '2026', '2028'])
      assert.ok(svg.includes(`>${year}</text>`), `${chart.id}: year tick ${year}`);
    save(chart, svg);
  }
  const hashprice = renderChartSvg(charts[2] as LineChart);
  assert.ok(yTicks(hashprice).every((t) => /^\$\d+$/.test(formatCompact(t.value, 'USD'))));
  // daily history: hashrate smoothed to a trailing 7-day mean
  const daily = await run<NetworkHistoryResult>(networkHistoryCommand, {
    from: '2026-01-01',
    to: '2026-02-04',
    interval: 'day',
  });
  const [dailyHashrate] = networkHistoryCharts(daily, projection);
  assert.match(dailyHashrate?.series[0]?.name ?? '', /7-day/);
  const raw = daily.rows.slice(-7).reduce((sum, r) => sum + r.hashrateEhs, 0) / 7;
  assert.ok(Math.abs((dailyHashrate?.series[0]?.points.at(-1)?.value ?? 0) - raw) < 1e-9);
});

test('a log axis has 1-2-5 ticks spanning the data, evenly spaced per decade', () => {
  const chart: LineChart = {
    kind: 'line',
    id: 'log-check',
    title: 'Difficulty',
    unit: 'difficulty',
    logScale: true,
    series: [
      {
        name: 'History',
        style: 'history',
        points: [
          { date: '2020-01-01', value: 13.06e12 },
          { date: '2023-01-01', value: 35.36e12 },
          { date: '2026-02-04', value: 141.67e12 },
        ],
      },
      {
        name: 'Projection',
        style: 'projection',
        points: [
          { date: '2026-02-04', value: 141.67e12 },
          { date: '2028-12-31', value: 302.2e12 },
          { date: '2029-01-01', value: 0 },
        ],
      },
    ],
  };
  const svg = renderChartSvg(chart);
  assert.deepEqual(xmlProblems(svg), []);
  const ticks = yTicks(svg);
  assert.deepEqual(
    ticks.map((t) => t.value),
    [10e12, 20e12, 50e12, 100e12, 200e12, 500e12],
  );
  assert.deepEqual(
    ticks.map((t) => formatCompact(t.value, 'difficulty')),
    ['10T', '20T', '50T', '100T', '200T', '500T'],
  );
  const at = (v: number) => (ticks.find((t) => t.value === v) as { y: number }).y;
  assert.ok(Math.abs(at(10e12) - at(100e12) - (at(20e12) - at(200e12))) < 0.02, 'a decade is the same height anywhere');
  assert.ok(at(10e12) > at(500e12), 'larger values sit higher');
  // the non-positive point cannot go on a log axis and is left out; the series still ends at its last drawable point
  assert.equal(marks(svg)[1]?.value, 302.2e12);
  // over more than three decades only powers of ten
  const wide = renderChartSvg({
    ...chart,
    id: 'log-wide',
    series: [
      {
        name: 'h',
        style: 'history',
        points: [
          { date: '2010-07-18', value: 1 },
          { date: '2026-02-04', value: 1.4e14 },
        ],
      },
    ],
  });
  assert.ok(yTicks(wide).every((t) => Number.isInteger(Math.log10(t.value))));
  save(chart, svg);
});

const nullHeatmapCellsTestName =
  'null heatmap cells are hatched, not marked, and listed in the legend; a marker on the grid outlines its cell';
test(nullHeatmapCellsTestName, () => {
  const chart: HeatmapChart = {
    kind: 'heatmap',
    id: 'nulls',
    title: 'Target with gaps',
    unit: 'USD per share',
    x: { label: 'BTC price', unit: 'USD', values: [60_000, 90_000, 120_000] },
    y: { label: 'Network growth', unit: 'per year', values: [0, 0.35] },
    values: [
      [10, null, 30],
      [null, -5.5, 12],
    ],
    marker: { x: 90_000, y: 0.35, label: 'Base case' },
    midpoint: 12,
  };
  const svg = renderChartSvg(chart);
  checkRendered(chart, svg);
  assert.equal((svg.match(/<rect class="missing"/g) ?? []).length, 2);
  assert.match(svg, /<pattern id="chart-nulls-hatch"/);
  assert.match(svg, />no value</);
  assert.match(svg, /<rect class="marker"/);
  assert.ok(svg.includes('>\u2212$5.50<'), 'negatives take a minus sign');
  assert.ok(svg.includes('>35%<'));
  // every value on one side of the midpoint: one hue, light near the midpoint, deep far from it
  const above = renderChartSvg({
    ...chart,
    id: 'one-sided',
    values: [
      [13, 14, 20],
      [null, 16, 12],
    ],
  });
  assert.match(above, /every cell above \$12\.00/);
  const fill = (v: number) => new RegExp(`data-value="${v}"[^>]*fill="(#[0-9a-f]{6})"`).exec(above)?.[1];
  assert.notEqual(fill(12), fill(20));
  // all-null: no marks, still a valid chart
  const empty = renderChartSvg({
    ...chart,
    id: 'all-null',
    values: [
      [null, null, null],
      [null, null, null],
    ],
  });
  assert.deepEqual(xmlProblems(empty), []);
  assert.equal(marks(empty).length, 0);
  save(chart, svg);
});

test('text is escaped, and the same spec always gives the same SVG', () => {
  const title = 'Bridge <RIOT> & "friends" \'quoted\'';
  const chart: WaterfallChart = {
    kind: 'waterfall',
    id: 'escape <me>',
    title,
    unit: 'USD per share',
    steps: [
      { label: 'Mining & <hosting>', value: 4.2 },
      { label: 'Debt', value: -1.1 },
      { label: 'A very long category label that has to be wrapped over lines', value: 0.4 },
      { label: 'Target', value: 3.5, total: true },
    ],
    reference: { label: 'Price <close>', value: 5 },
  };
  const svg = renderChartSvg(chart);
  checkRendered(chart, svg);
  assert.ok(!svg.includes('<RIOT>') && !svg.includes('<hosting>') && !svg.includes('<close>'));
  assert.ok(svg.includes('Bridge &lt;RIOT&gt; &amp; &quot;friends&quot; &apos;quoted&apos;'));
  assert.match(svg, /id="chart-escape--me-"/);
  assert.equal(renderChartSvg(structuredClone(chart)), svg);
  assert.equal(renderChartSvg(chart, { width: 500, height: 300 }), renderChartSvg(chart, { width: 500, height: 300 }));
  assert.match(renderChartSvg(chart, { width: 500, height: 300 }), /width="500" height="300" viewBox="0 0 500 300"/);
  // empty charts are still valid SVG
  for (const empty of [
    { ...chart, steps: [] },
    { kind: 'line', id: 'e', title: 'e', unit: 'EH/s', series: [] },
    {
      kind: 'heatmap',
      id: 'h',
      title: 'h',
      unit: 'USD',
      x: { label: 'x', unit: 'USD', values: [] },
      y: { label: 'y', unit: 'USD', values: [] },
      values: [],
    },
    { kind: 'cost-curve', id: 'c', title: 'c', unit: 'USD per BTC', widthLabel: 'hashrate', steps: [] },
  ] as ChartSpec[]) {
    const rendered = renderChartSvg(empty);
    assert.deepEqual(xmlProblems(rendered), []);
    assert.match(rendered, /No data/);
  }
  save({ ...chart, id: 'escape' }, svg);
});

test('rerate cost-curve’s chart: a bar per company as wide as its hashrate share, the BTC price across', async () => {
  const curve = await run<CostCurveResult>(costCurveCommand, { asOf: '2026-02-04', quarters: 0 });
  const quarter = curve.quarters[0];
  assert.ok(quarter);
  const chart = costCurveChart(curve);
  assert.ok(chart);
  const svg = renderChartSvg(chart);
  checkRendered(chart, svg);
  assert.deepEqual(
    marks(svg).map((m) => m.value),
    quarter.companies.map((c) => c.cashCostPerBtc.usd),
  );
  // Widths in proportion to the shares: the plot spans 0 … 100% of the universe's hashrate.
  const widths = [...svg.matchAll(/class="mark"[^>]*\bwidth="([\d.]+)"/g)].map((m) => Number(m[1]));
  const plot = widths.reduce((sum, w) => sum + w, 0) + widths.length; // one px gap per bar
  quarter.companies.forEach((c, i) => assert.ok(Math.abs((widths[i] as number) + 1 - plot * c.share) < 0.1, c.ticker));
  assert.match(svg, /BTC price, 2025Q3 mean/);
  assert.match(svg, /Cumulative share of operating hashrate/);
  assert.equal(costCurveChart(curve, 99), undefined);
  save(chart, svg);
});

test('the well-formedness check itself catches broken XML', () => {
  assert.deepEqual(xmlProblems('<svg a="1"><g><title>x &amp; y</title></g></svg>'), []);
  for (const broken of [
    '<svg><g></svg>',
    '<svg>a & b</svg>',
    '<svg><g/></svg><svg/>',
    '<svg a="1" a="2"/>',
    '<svg>1 < 2</svg>',
    '<svg a="x &nbsp; y"/>',
  ]) {
    assert.notDeepEqual(xmlProblems(broken), [], broken);
  }
});

test('compact numbers carry their unit', () => {
  const cases: [number, string, string][] = [
    [16.75113, 'USD per share', '$16.75'],
    [-0.5379, 'USD per share', '\u2212$0.54'],
    [60_000, 'USD', '$60k'],
    [1_237_136_115, 'USD', '$1.24B'],
    [6228.19, 'USD million', '$6.23B'],
    [0.35, 'per year', '35%'],
    [0.6000000000000001, 'per year', '60%'],
    [0.125, 'fraction', '12.5%'],
    [141.668e12, 'difficulty', '142T'],
    [913.49, 'EH/s', '913 EH/s'],
    [2184.3, 'EH/s', '2.18k EH/s'],
    [32.63, 'USD/PH/day', '$32.6/PH/day'],
    [45, 'USD/MWh', '$45/MWh'],
    [10_000_000, 'USD per critical-IT MW', '$10M/MW'],
    [999_999, 'USD', '$1M'],
    [0, 'USD', '$0'],
    [-0.0001, 'USD', '$0.0001'.replace('$', '\u2212$')],
    [1e15, 'difficulty', '1,000T'],
  ];
  for (const [value, unit, expected] of cases) assert.equal(formatCompact(value, unit), expected, `${value} ${unit}`);
  assert.equal(formatCompact(NaN, 'USD'), 'n/a');
});

const attributionWaterfallsTestName =
  'attribution waterfalls from rerate diff: drivers in order, zero drivers left out, the residual shown, ending in ' +
  'the change';
test(attributionWaterfallsTestName, () => {
  const summary = (id: string, seq: number, asOf: string) => ({
    id,
    seq,
    savedAt: `${asOf}T00:00:00.000Z`,
    command: 'update',
    asOf,
    scenario: 'base',
    methodology: 'rerate',
    codeCommit: null,
    companies: [],
  });
  const order = [
    'timing',
    'btc-price',
    'network',
    'fees',
    'operations',
    'hpc-and-power',
    'balance-sheet',
    'methodology',
  ];
  const labels: Record<string, string> = {
    timing: 'As-of date and periods',
    'btc-price': 'BTC price path',
    network: 'Network hashrate/difficulty',
    fees: 'Fees',
    operations: 'Company operations',
    'hpc-and-power': 'HPC and power',
    'balance-sheet': 'Balance sheet and shares',
    methodology: 'Methodology',
  };
  const row = (
    ticker: string,
    a: number,
    b: number,
    contributions: Record<string, number | null>,
    notReproduced: number,
  ) => ({
    ticker,
    period: 'valuation',
    metric: 'targetUsd',
    a,
    b,
    change: b - a,
    changePct: (b - a) / a,
    contributions,
    notReproduced,
  });
  const diff = {
    runA: summary('a'.repeat(64), 1, '2025-12-31'),
    runB: summary('b'.repeat(64), 2, '2026-02-04'),
    attribution: { available: true, reason: null, order },
    drivers: order.map((driver) => ({ driver, label: labels[driver] as string, change: null })),
    ratings: [],
    rows: [
      row(
        'MARA',
        9.03,
        6.8,
        {
          timing: -0.12,
          'btc-price': -2.66,
          network: 0.54,
          fees: 0.01,
          operations: 0,
          'hpc-and-power': 0,
          'balance-sheet': 0,
          methodology: 0,
        },
        0,
      ),
      // code changed since saving: 0.25 of the change is not reproduced
      row(
        'RIOT',
        17.5,
        18,
        {
          timing: 0.05,
          'btc-price': 0.2,
          network: 0,
          fees: 0,
          operations: 0,
          'hpc-and-power': 0,
          'balance-sheet': 0,
          methodology: 0,
        },
        0.25,
      ),
    ],
    unmatched: 0,
    tolerance: 1e-12,
  };
  const chart = attributionWaterfall(diff, 'MARA');
  assert.ok(chart);
  assert.equal(chart.unit, 'USD per share');
  assert.deepEqual(
    chart.steps.map((s) => s.label),
    ['As-of date and periods', 'BTC price path', 'Network hashrate/difficulty', 'Fees', 'Total change'],
  );
  const last = chart.steps[chart.steps.length - 1];
  assert.equal(last?.total, true);
  assert.ok(Math.abs((last?.value ?? NaN) - (6.8 - 9.03)) < 1e-12);
  assert.ok(
    Math.abs(chart.steps.slice(0, -1).reduce((sum, s) => sum + s.value, 0) - (6.8 - 9.03)) < 1e-12,
    'the drivers sum to the change',
  );
  assert.match(
    chart.title,
    /MARA: change in the price target from run A \(as of 2025-12-31\) to run B \(as of 2026-02-04\)/,
  );

  const riot = attributionWaterfall(diff, 'RIOT');
  assert.deepEqual(
    riot?.steps.map((s) => s.label),
    ['As-of date and periods', 'BTC price path', 'Not reproduced', 'Total change'],
  );
  assert.ok(Math.abs((riot?.steps[2]?.value ?? NaN) - 0.25) < 1e-12);

  assert.equal(attributionWaterfall(diff, 'CIFR'), undefined, 'no row: the target did not change');
  assert.equal(
    attributionWaterfall(
      { ...diff, attribution: { available: false, reason: 'the runs used different data snapshots', order } },
      'MARA',
    ),
    undefined,
  );
  const svg = renderChartSvg(chart);
  checkRendered(chart, svg);
  save(chart, svg);
});

test('a scatter draws one labelled mark per point with both values, and says how many it left out', () => {
  const spec: ChartSpec = {
    kind: 'scatter',
    id: 'scatter-test',
    title: 'EV per MW against the implied HPC share',
    unit: 'USD',
    x: { label: 'Implied HPC share', unit: 'fraction' },
    y: { label: 'EV per MW' },
    points: [
      { label: 'AAA', x: 0.25, y: 3e6 },
      { label: 'BBB', x: 1, y: 12e6 },
      { label: 'CCC', x: Number.NaN, y: 5e6 },
    ],
  };
  const svg = renderChartSvg(spec);
  checkRendered(spec, svg);
  assert.deepEqual(
    marks(svg).map((m) => m.tag),
    ['circle', 'circle'],
  );
  assert.match(svg, /data-label="AAA"/);
  assert.match(svg, /Scatter of 2 points; 1 without both values left out\./);
  assert.match(svg, />100%</);
});
