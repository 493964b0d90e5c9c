/**
 * `rerate diff [RUN_A] [RUN_B]`: what changed between two saved runs — estimate revisions per company, period and
 * metric, target and rating changes — and why: each change attributed to its drivers by sequential substitution
 * (src/app/attribution.ts), the contributions summing to the change.
 */
import { attributeRevision, stateOf, type AttributionState } from './attribution.ts';
import { defineCommand } from '../command.ts';
import { formatNumber, formatPct } from '../../present/format.ts';
import { printable } from '../../present/printable-text.ts';
import { ATTRIBUTION_DRIVERS, DRIVER_LABELS, type AttributionDriver } from '../../schema/attribution-drivers.ts';
import type { RunStore, StoredRun } from '../ports/run-store.ts';
import { savedCommand } from './saved-commands.ts';
import { storedRun, summaryOf } from './runs-commands.ts';
import { InputError } from '../../schema/input-error.ts';
import { diffInputSchema, diffSchema } from '../../schema/runs.ts';
import type { z } from 'zod';

type DiffResult = z.output<typeof diffSchema>;

/** The figures the table shows unless --metrics says otherwise (JSON and CSV carry the same rows). */
const KEY_METRICS = [
  'btcMined',
  'realizedPriceUsd',
  'miningRevenueUsd',
  'hpcRevenueUsd',
  'adjustedEbitdaUsd',
  'targetUsd',
  'upside',
  'miningUsd',
  'corporateCostsUsd',
  'powerAndLandUsd',
  'hpcLeasesUsd',
  'hpcPipelineUsd',
  'rollForwardUsd',
  'btcTreasuryUsd',
];
/** Changes smaller than this share of the larger value (or 1e-9 absolute) are float noise, not revisions. */
const RELATIVE_TOLERANCE = 1e-12;

export const diffCommand = defineCommand({
  name: 'diff',
  summary: 'Revisions between two saved runs, each change attributed to its drivers',
  description:
    'Compares run A (older) with run B (newer): by default the latest run and the one before it of the same command ' +
    '(with --ticker, runs covering that company). For every company, period and metric that changed it gives the ' +
    'change and its attribution to the as-of date, BTC price path, network hashrate/difficulty, fees, company ' +
    'operations, HPC and power, balance sheet and shares, and methodology: B’s inputs are swapped into A’s in that ' +
    'order and the model recomputed after each swap, so the contributions sum exactly to the change. Both runs must ' +
    'be of the same command and data snapshot for attribution.',
  examples: [
    'rerate diff',
    'rerate diff 3f2a9c 81be04 --ticker RIOT',
    'rerate diff --metrics btcMined,miningRevenueUsd --csv',
    'rerate diff --metrics all --json',
  ],
  // Answers depend on the run store, not only on the input.
  http: { uncached: true, heavy: true },
  inputSchema: diffInputSchema,
  outputSchema: diffSchema,
  async run(input, ports) {
    const store = await ports.runs.open();
    let a: StoredRun;
    let b: StoredRun;
    if (input.runA !== undefined && input.runB !== undefined) {
      a = (await storedRun(ports, input.runA, 'runA')).run;
      b = (await storedRun(ports, input.runB, 'runB')).run;
    } else {
      // One run given: it is B, compared with the run of the same command saved before it. None: B is the latest.
      const recent = await store.list({ ticker: input.ticker, limit: 1000 });
      b =
        input.runA !== undefined
          ? (await storedRun(ports, input.runA, 'runA')).run
          : await loadRun(store, recent[0]?.id, `no runs in ${store.location}: rerate update saves one`);
      const before = recent.find((run) => run.seq < b.seq && run.command === b.manifest.command);
      a = await loadRun(
        store,
        before?.id,
        `no ${b.manifest.command} run saved before ${b.id.slice(0, 12)}` +
          `${input.ticker ? ` covering ${input.ticker}` : ''} in ${store.location}: save another or name two runs`,
      );
    }
    if (a.id === b.id) throw InputError.at(['runB'], 'run A and run B are the same run');
    const stored = { a: stateOf(a.figures, a.companies), b: stateOf(b.figures, b.companies) };

    let reason: string | null = null;
    if (!input.attribution) reason = 'not asked for (--no-attribution)';
    else if (a.manifest.command !== b.manifest.command)
      reason = `the runs are of different commands (${a.manifest.command}, ${b.manifest.command})`;
    else if (a.manifest.data.snapshotId !== b.manifest.data.snapshotId)
      reason = 'the runs used different data snapshots';
    const attribution =
      reason === null ? await attributeRevision(savedCommand(b.manifest.command), a, b, ports) : undefined;

    const keys = [...stored.b.figures.keys()].filter((key) => stored.a.figures.has(key));
    const wanted = metricFilter(input.metrics, new Set(keys.map((key) => key.split('|')[2] as string)));
    const unmatched = new Set([...stored.a.figures.keys(), ...stored.b.figures.keys()]).size - keys.length;
    const rows = keys
      .map((key) => rowOf(key, stored, attribution))
      .filter((row) => (input.ticker === undefined || row.ticker === input.ticker) && wanted(row.metric))
      .filter(
        (row) =>
          row.change === null ||
          Math.abs(row.change) > tolerance(row.a, row.b) ||
          Object.values(row.contributions).some((c) => c !== null && c !== 0),
      );

    const tickers = [
      ...new Set(
        [...stored.a.ratings.keys()].filter(
          (t) => stored.b.ratings.has(t) && (input.ticker === undefined || t === input.ticker),
        ),
      ),
    ];
    const ratings = tickers.map((ticker) => {
      const changedBy: string[] = [];
      if (attribution) {
        let previous = attribution.start.ratings.get(ticker) ?? null;
        for (const step of attribution.steps) {
          const rating = step.state.ratings.get(ticker) ?? null;
          if (rating !== previous) changedBy.push(step.driver);
          previous = rating;
        }
      }
      return { ticker, a: stored.a.ratings.get(ticker) ?? null, b: stored.b.ratings.get(ticker) ?? null, changedBy };
    });

    const results: DiffResult = {
      runA: summaryOf(a),
      runB: summaryOf(b),
      attribution: { available: attribution !== undefined, reason, order: [...ATTRIBUTION_DRIVERS] },
      drivers: ATTRIBUTION_DRIVERS.map((driver) => ({
        driver,
        label: DRIVER_LABELS[driver],
        change: attribution ? attribution.changes[driver] : null,
      })),
      ratings,
      rows,
      unmatched,
      tolerance: RELATIVE_TOLERANCE,
    };
    return { results, asOf: b.manifest.asOf, dataAsOf: b.manifest.data.dataAsOf, warnings: [] };
  },
  textView(results) {
    const active = activeDrivers(results);
    const short = (id: string) => id.slice(0, 12);
    const header =
      `${short(results.runA.id)} (${results.runA.command}, as of ${results.runA.asOf}, ` +
      `${results.runA.scenario ?? '—'}) → ${short(results.runB.id)} ` +
      `(as of ${results.runB.asOf}, ${results.runB.scenario ?? '—'})`;
    const showResidual = results.rows.some((r) => r.notReproduced !== null && r.notReproduced !== 0);
    return [
      {
        kind: 'table',
        title: `Revisions ${header}`,
        columns: [
          'Ticker',
          'Period',
          'Metric',
          'A',
          'B',
          'Change',
          '%',
          ...active.map((d) => DRIVER_LABELS[d]),
          ...(showResidual ? ['Not reproduced'] : []),
        ],
        rows: results.rows.map((row) => [
          row.ticker,
          row.period,
          row.metric,
          figureText(row.metric, row.a),
          figureText(row.metric, row.b),
          figureText(row.metric, row.change, true),
          formatPct(row.changePct === null ? null : row.changePct * 100, 1, true),
          ...active.map((d) => figureText(row.metric, row.contributions[d] ?? null, true)),
          ...(showResidual ? [figureText(row.metric, row.notReproduced, true)] : []),
        ]),
        notes: [
          results.attribution.available
            ? `Attribution by sequential substitution in the order ${results.attribution.order.join(' → ')}; ` +
              "each column is the change when that group of B's inputs replaced A's. Columns sum to the change."
            : `No attribution: ${results.attribution.reason}.`,
          ...results.drivers.filter((d) => d.change !== null).map((d) => `${d.label}: ${d.change}`),
          ...(results.rows.length === 0 ? ['No figure changed.'] : []),
        ],
      },
      {
        kind: 'table',
        title: 'Ratings',
        columns: ['Ticker', 'A', 'B', 'Changed by'],
        rows: results.ratings
          .filter((r) => r.a !== null || r.b !== null)
          .map((r) => [
            r.ticker,
            r.a ?? '—',
            r.b ?? '—',
            r.changedBy.map((d) => DRIVER_LABELS[d as AttributionDriver]).join(', ') ||
              (r.a === r.b ? 'unchanged' : '—'),
          ]),
      },
    ];
  },
  csvView(results) {
    return {
      columns: ['ticker', 'period', 'metric', 'a', 'b', 'change', 'changePct', ...ATTRIBUTION_DRIVERS, 'notReproduced'],
      rows: results.rows.map((row) => [
        row.ticker,
        row.period,
        row.metric,
        row.a,
        row.b,
        row.change,
        row.changePct,
        ...ATTRIBUTION_DRIVERS.map((d) => row.contributions[d] ?? null),
        row.notReproduced,
      ]),
    };
  },
});

async function loadRun(store: RunStore, id: string | undefined, missing: string): Promise<StoredRun> {
  const run = id === undefined ? undefined : await store.get(id);
  if (!run) throw InputError.at(['runA'], missing);
  return run;
}

function rowOf(
  key: string,
  stored: { a: AttributionState; b: AttributionState },
  attribution: Awaited<ReturnType<typeof attributeRevision>> | undefined,
) {
  const [ticker, period, metric] = key.split('|') as [string, string, string];
  const a = stored.a.figures.get(key) ?? null;
  const b = stored.b.figures.get(key) ?? null;
  const change = a === null || b === null ? null : b - a;
  const contributions: Record<string, number | null> = {};
  let notReproduced: number | null = null;
  if (attribution) {
    let previous = attribution.start.figures.get(key) ?? null;
    const start = previous;
    for (const step of attribution.steps) {
      const value = step.state.figures.get(key) ?? null;
      contributions[step.driver] = value === null || previous === null ? null : value - previous;
      previous = value;
    }
    notReproduced = change === null || start === null || previous === null ? null : change - (previous - start);
  }
  return {
    ticker,
    period,
    metric,
    a,
    b,
    change,
    changePct: change === null || a === null || a === 0 ? null : change / Math.abs(a),
    contributions,
    notReproduced,
  };
}

function tolerance(a: number | null, b: number | null): number {
  return Math.max(1e-9, RELATIVE_TOLERANCE * Math.max(Math.abs(a ?? 0), Math.abs(b ?? 0)));
}

/** Which metrics to show; a name neither run carries is an input error listing the ones they do (issue 19). */
function metricFilter(text: string, known: ReadonlySet<string>): (metric: string) => boolean {
  if (text === 'all') return () => true;
  if (text === 'key') return (metric) => KEY_METRICS.includes(metric);
  const list = text.split(',').map((m) => m.trim());
  const unknown = list.filter((metric) => !known.has(metric));
  if (unknown.length > 0)
    throw InputError.at(
      ['metrics'],
      `no metric ${unknown.map((m) => `"${printable(m, 40)}"`).join(', ')} in both runs; ` +
        `they carry: ${[...known].sort().join(', ')} (or key, all)`,
    );
  return (metric) => list.includes(metric);
}

function activeDrivers(results: DiffResult): AttributionDriver[] {
  if (!results.attribution.available) return [];
  return ATTRIBUTION_DRIVERS.filter((d) => results.drivers.find((x) => x.driver === d)?.change !== null);
}

function figureText(metric: string, value: number | null, signed = false): string {
  if (value === null) return 'n/a';
  const sign = signed && value > 0 ? '+' : '';
  if (metric === 'upside' || metric === 'networkShare') return `${sign}${formatPct(value * 100, 1)}`;
  if (/Usd$/.test(metric) && Math.abs(value) >= 1e6) return `${sign}${formatNumber(value / 1e6, 1)}M`;
  if (/Usd$/.test(metric)) return `${sign}${formatNumber(value, 2)}`;
  return `${sign}${formatNumber(value, Math.abs(value) >= 100 ? 0 : 2)}`;
}
