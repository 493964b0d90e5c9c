/**
 * `rerate sensitivity TICKER --x INPUT=FROM:TO:STEP --y INPUT=FROM:TO:STEP` (a grid of the target or another metric)
 * and `rerate tornado TICKER` (inputs ranked by the target's swing for a bump either side), DESIGN.md §7.
 */
import { axisValues, sensitivityGrid, tornado } from '../../scenarios/sensitivity.ts';
import {
  sensitivityInputSchema,
  tornadoInputSchema,
  VALUATION_INPUT_NAMES,
  type ValuationInputName,
} from '../../schema/valuation-inputs.ts';
import {
  sensitivitySchema,
  tornadoSchema,
  type SensitivityResult,
  type TornadoResult,
} from '../../schema/valuation.ts';
import type { z } from 'zod';
import { InputError } from '../../schema/input-error.ts';
import { defineCommand } from '../command.ts';
import type { ValuedCompany } from '../sessions/valuation-session.ts';
import { finiteOrNull, formatNumber, formatUsd } from '../../present/format.ts';
import {
  combineOptions,
  openValuationSession,
  VALUATION_INPUTS,
  type OpenedSession,
} from '../sessions/open-valuation-session.ts';
import { millions } from '../sessions/valuation-views.ts';

const INPUT_LIST = VALUATION_INPUT_NAMES.map((name) => `${name} (${VALUATION_INPUTS[name].unit})`).join(', ');

const METRICS = {
  target: { unit: 'USD per share', read: (v: ValuedCompany) => v.valuation.targetUsd },
  'mining-value': { unit: 'USD', read: (v: ValuedCompany) => v.valuation.mining.valueUsd },
  'q-btc': { unit: 'BTC', read: (v: ValuedCompany, o: OpenedSession) => quarterSum(v, o, v.inputs.days.btcMined) },
  'q-revenue': {
    unit: 'USD',
    read: (v: ValuedCompany, o: OpenedSession) => quarterSum(v, o, v.inputs.days.miningRevenueUsd),
  },
} as const;

/** The model's sum over the quarter containing the as-of date (valuation basis, no reported months). */
function quarterSum(valued: ValuedCompany, opened: OpenedSession, series: Float64Array): number {
  const first = opened.quarter.startDay - valued.inputs.days.firstDay;
  let total = 0;
  for (let i = first; i < opened.quarter.endDayExclusive - valued.inputs.days.firstDay; i++)
    total += series[i] as number;
  return total;
}

/**
 * Grid cells a sensitivity may have over HTTP: each is a valuation, and 625 take about half a second of a worker (the
 * CLI has no cap; issue 19).
 */
export const MAX_HTTP_GRID_CELLS = 625;

/** Refuses grids that would hold the server for everyone (a 201 × 201 grid takes minutes). */
function checkGridBudget(input: Pick<z.output<typeof sensitivityInputSchema>, 'x' | 'y'>): void {
  const cells =
    axisValues(input.x.from, input.x.to, input.x.step).length *
    axisValues(input.y.from, input.y.to, input.y.step).length;
  if (cells > MAX_HTTP_GRID_CELLS) {
    throw InputError.at(
      ['x'],
      `the grid has ${cells} cells; over HTTP at most ${MAX_HTTP_GRID_CELLS} (e.g. 25 × 25): ` +
        'use the CLI for larger grids',
    );
  }
}

export const sensitivityCommand = defineCommand({
  name: 'sensitivity',
  summary: 'A grid of the price target (or mining value, quarter BTC or revenue) over two inputs',
  description:
    `Re-values the company at every point of a grid over two inputs, each INPUT=FROM:TO:STEP. Inputs: ${INPUT_LIST}. ` +
    'Metrics: target (USD per share), mining-value (USD), q-btc and q-revenue (the current quarter from the ' +
    'valuation model: no reported months, displacement probability-weighted).',
  examples: [
    'rerate sensitivity RIOT --x btc-price=60000:120000:3000 --y network-growth=0:0.6:0.03',
    'rerate sensitivity IREN --x deal-probability=0:1:0.1 --y hpc-usd-per-mw=5000000:20000000:1000000 --csv',
  ],
  http: { heavy: true, checkBudget: checkGridBudget },
  inputSchema: sensitivityInputSchema,
  outputSchema: sensitivitySchema,
  async run(input, ports) {
    const opened = await openValuationSession(input, ports);
    const loaded = await ports.coverage.load(input.target, 'target');
    const base = await opened.session.value(loaded);
    const metric = METRICS[input.metric];
    const xs = axisValues(input.x.from, input.x.to, input.x.step);
    const ys = axisValues(input.y.from, input.y.to, input.y.step);
    const optionsAt = (name: ValuationInputName, value: number) => VALUATION_INPUTS[name].options(value);
    const grid = await sensitivityGrid(
      async ({ x, y }) =>
        metric.read(
          await opened.session.value(loaded, combineOptions(optionsAt(input.x.input, x), optionsAt(input.y.input, y))),
          opened,
        ),
      xs,
      ys,
    );
    const axis = (name: ValuationInputName, values: number[]) => {
      const b = VALUATION_INPUTS[name].base(base, opened);
      return { input: name, unit: VALUATION_INPUTS[name].unit, base: typeof b === 'number' ? b : null, values };
    };
    const results: SensitivityResult = {
      ...opened.framing,
      ticker: loaded.company.ticker,
      metric: input.metric,
      unit: metric.unit,
      x: axis(input.x.input, xs),
      y: axis(input.y.input, ys),
      grid: grid.map((row) => row.map(finiteOrNull)),
      baseMetric: finiteOrNull(metric.read(base, opened)),
    };
    return { results, asOf: results.asOf, dataAsOf: opened.state.dataAsOf, warnings: base.warnings };
  },
  textView(r) {
    const cell = (value: number | null) =>
      value === null
        ? 'n/a'
        : r.metric === 'target'
          ? formatUsd(value)
          : r.unit === 'USD'
            ? millions(value)
            : formatNumber(value);
    return [
      {
        kind: 'table',
        title:
          `${r.ticker} ${r.metric} (${r.unit}) — rows ${r.y.input} (${r.y.unit}), ` +
          `columns ${r.x.input} (${r.x.unit}); as of ${r.asOf}, methodology ${r.methodology.name}, ` +
          `scenario ${r.scenario.name}`,
        columns: [`${r.y.input} \\ ${r.x.input}`, ...r.x.values.map((x) => formatNumber(x, decimalsFor(r.x.values)))],
        rows: r.grid.map((row, i) => [
          formatNumber(r.y.values[i] as number, decimalsFor(r.y.values)),
          ...row.map(cell),
        ]),
        notes: [`Base: ${r.x.input} ${r.x.base ?? 'n/a'}, ${r.y.input} ${r.y.base ?? 'n/a'} → ${cell(r.baseMetric)}.`],
      },
    ];
  },
  csvView(r) {
    return {
      columns: [r.y.input, ...r.x.values.map((x) => `${r.x.input}=${x}`)],
      rows: r.grid.map((row, i) => [r.y.values[i] as number, ...row]),
    };
  },
});

export const tornadoCommand = defineCommand({
  name: 'tornado',
  summary: 'Inputs ranked by how far the price target swings for a bump either side of their base value',
  description:
    'Bumps each input by ± a share of its base value (default 10%; an absolute bump when the base is 0, recorded ' +
    `per bar) and ranks them by the target's swing. Inputs: ${INPUT_LIST}. ` +
    'Inputs without a base for the company (no pipeline, no cap-rate leases) are left out and named in a warning.',
  examples: ['rerate tornado IREN', 'rerate tornado RIOT --bump 0.2 --methodology jpm-2025-11'],
  http: { heavy: true },
  inputSchema: tornadoInputSchema,
  outputSchema: tornadoSchema,
  async run(input, ports) {
    const opened = await openValuationSession(input, ports);
    const loaded = await ports.coverage.load(input.target, 'target');
    const base = await opened.session.value(loaded);
    const skipped: string[] = [];
    const specs = VALUATION_INPUT_NAMES.flatMap((name) => {
      const value = VALUATION_INPUTS[name].base(base, opened);
      if (typeof value === 'string') {
        skipped.push(`${name}: ${value}`);
        return [];
      }
      const bump = value === 0 ? VALUATION_INPUTS[name].absoluteBump : Math.abs(value) * input.bump;
      const range = VALUATION_INPUTS[name].bracket(value);
      const low = Math.max(range.low, value - bump);
      const high = Math.min(range.high, value + bump);
      const bumpText =
        value === 0 ? `absolute ±${VALUATION_INPUTS[name].absoluteBump} (base is 0)` : `±${input.bump * 100}% of base`;
      const keptWithin = low > value - bump || high < value + bump ? `, kept within [${range.low}, ${range.high}]` : '';
      const rule = `${bumpText}${keptWithin}`;
      return [{ name, base: value, low, high, rule }];
    });
    const bars = await tornado(
      async ({ name, value }) =>
        (await opened.session.value(loaded, VALUATION_INPUTS[name as ValuationInputName].options(value))).valuation
          .targetUsd,
      specs,
    );
    const results: TornadoResult = {
      ...opened.framing,
      ticker: loaded.company.ticker,
      baseTargetUsd: base.valuation.targetUsd,
      bumpFraction: input.bump,
      bars: bars.map((bar) => ({
        input: bar.name,
        unit: VALUATION_INPUTS[bar.name as ValuationInputName].unit,
        base: bar.base,
        bump: Math.max(bar.base - bar.low, bar.high - bar.base),
        bumpRule: specs.find((s) => s.name === bar.name)?.rule ?? '',
        low: bar.low,
        high: bar.high,
        targetAtLow: bar.metricAtLow,
        targetAtHigh: bar.metricAtHigh,
        swingUsd: bar.swing,
      })),
    };
    const warnings = [
      ...base.warnings,
      ...skipped.map((message) => ({
        code: 'input-without-base',
        message: `${loaded.company.ticker}: ${message}`,
        field: 'bars',
      })),
    ];
    return { results, asOf: results.asOf, dataAsOf: opened.state.dataAsOf, warnings };
  },
  textView(r) {
    const width = 30;
    const maxSwing = Math.max(...r.bars.map((b) => b.swingUsd), 1e-12);
    return [
      {
        kind: 'table',
        title:
          `${r.ticker} target ${formatUsd(r.baseTargetUsd)} — swing for a bump of each input; ` +
          `as of ${r.asOf}, methodology ${r.methodology.name}, scenario ${r.scenario.name}`,
        columns: ['Input', 'Base', 'Bump', 'Low → target', 'High → target', 'Swing', ''],
        rows: r.bars.map((b) => [
          b.input,
          `${formatNumber(b.base, Math.abs(b.base) < 10 ? 4 : 0)} ${b.unit}`,
          b.bumpRule,
          `${formatNumber(b.low, Math.abs(b.low) < 10 ? 4 : 0)} → ${formatUsd(b.targetAtLow)}`,
          `${formatNumber(b.high, Math.abs(b.high) < 10 ? 4 : 0)} → ${formatUsd(b.targetAtHigh)}`,
          formatUsd(b.swingUsd),
          '█'.repeat(Math.round((b.swingUsd / maxSwing) * width)),
        ]),
      },
    ];
  },
  csvView(r) {
    return {
      columns: ['input', 'unit', 'base', 'bump', 'bumpRule', 'low', 'high', 'targetAtLow', 'targetAtHigh', 'swingUsd'],
      rows: r.bars.map((b) => [
        b.input,
        b.unit,
        b.base,
        b.bump,
        b.bumpRule,
        b.low,
        b.high,
        b.targetAtLow,
        b.targetAtHigh,
        b.swingUsd,
      ]),
    };
  },
});

function decimalsFor(values: readonly number[]): number {
  const step = values.length > 1 ? Math.abs((values[1] as number) - (values[0] as number)) : Math.abs(values[0] ?? 1);
  return step >= 1 || step === 0 ? 0 : Math.min(6, Math.ceil(-Math.log10(step)));
}
