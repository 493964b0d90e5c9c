/** `rerate network project`: network, issuance and hashprice paths from an as-of date under a scenario. */
import { projectNetwork } from '../sessions/network-projection.ts';
import { openAsOf } from '../sessions/framing.ts';
import { loadScenarioChain } from '../sessions/scenario-chain.ts';
import { difficultyBefore } from '../../network/monte-carlo.ts';
import { InputError } from '../../schema/input-error.ts';
import {
  networkProjectInputSchema,
  networkProjectionSchema,
  type NetworkProjectionResult,
  type ProjectionRowResult,
} from '../../schema/projection.ts';
import { dayFromIso, isoFromDay } from '../../units/calendar-day.ts';
import { defineCommand } from '../command.ts';
import { finiteOrNull, formatDifficulty, formatNumber, formatPct, formatUsd, isoTime } from '../../present/format.ts';
import { pathOverridesFrom } from '../../inputs/projection-inputs.ts';
import type { AppPorts } from '../ports/app-ports.ts';
import type { z } from 'zod';

/** Horizon limit: 30 years of days. */
const MAX_HORIZON_DAYS = 10_958;

/**
 * Monte Carlo path-days a projection may take over HTTP: every path steps every day, so paths × days is its cost (about
 * 6 million path-days a second on one core: at most about a second of a worker; issue 19). The CLI has no such cap.
 */
export const MAX_HTTP_MONTE_CARLO_PATH_DAYS = 5_000_000;

/** Refuses a Monte Carlo run that would hold a worker for long (10,000 paths over a year fits). */
async function checkMonteCarloBudget(
  input: Pick<z.output<typeof networkProjectInputSchema>, 'paths' | 'asOf' | 'to'>,
  ports: AppPorts,
): Promise<void> {
  if (input.paths === undefined) return;
  const { asOfDay } = await openAsOf(ports, input.asOf);
  const days = dayFromIso(input.to) - asOfDay;
  if (input.paths * days <= MAX_HTTP_MONTE_CARLO_PATH_DAYS) return;
  throw InputError.at(
    ['paths'],
    `${formatNumber(input.paths)} paths × ${formatNumber(days)} days is ${formatNumber(input.paths * days)} ` +
      `path-days; over HTTP at most ${formatNumber(MAX_HTTP_MONTE_CARLO_PATH_DAYS)} (e.g. 10,000 paths over a ` +
      'year): fewer paths, an earlier --to, or the CLI',
  );
}

const METRIC_UNITS: Record<string, string> = {
  blocks: 'blocks',
  issuanceBtc: 'BTC',
  feesBtc: 'BTC',
  difficulty: 'difficulty (block-weighted mean; for epochs, the difficulty set by the retarget ending the epoch)',
  hashrateEhs: 'EH/s (mean)',
  priceUsd: 'USD (mean)',
  btcPerEhDay: 'BTC per EH/s per day',
  hashpriceUsdPerPhDay: 'USD per PH/s per day (mean of days)',
  endHeight: 'height at the end of the period',
  retargetTimeS: 'unix seconds of the epoch’s last block (its retarget)',
  changePct: '% change of difficulty',
  meanBlockIntervalS: 'seconds per block over the epoch',
};

export const networkProjectCommand = defineCommand({
  name: 'network project',
  summary:
    'Project difficulty, issuance, hashrate and hashprice from a date under a scenario (deterministic or Monte Carlo)',
  description:
    'Steps the network forward from the chain state at the end of the as-of day (default: the last day of the data) ' +
    'to --to: blocks from hashrate and difficulty, the exact protocol retarget at every epoch boundary, halvings by ' +
    'height. Paths for hashrate, fees and price come from a scenario (built-in name or YAML file; default: base), ' +
    'with flags overriding it. With --paths N it runs N seeded Monte Carlo paths (Poisson block arrivals, lognormal ' +
    'hashrate, GBM price) on all cores and reports means, standard errors and 5/50/95th percentiles.',
  examples: [
    'rerate network project --as-of 2026-02-04 --to 2028-12-31 --interval quarter',
    'rerate network project --to 2027-12-31 --scenario slower-network-growth --price 90000 --fees 0.6%',
    'rerate network project --to 2028-12-31 --paths 10000 --seed 7 --json',
    'rerate network project --to 2026-12-31 --hashrate-growth 25%/yr --interval epoch --csv',
  ],
  http: { heavy: true, checkBudget: checkMonteCarloBudget },
  inputSchema: networkProjectInputSchema,
  outputSchema: networkProjectionSchema,
  async run(input, ports) {
    if (input.paths !== undefined) ports.monteCarlo.prepare(); // workers start while the inputs are built
    const { state, asOfDay } = await openAsOf(ports, input.asOf);
    const { history } = state.snapshot;
    if ((history.daily.tipHeight[asOfDay - history.daily.firstDay] as number) < 2016) {
      throw InputError.at(['asOf'], 'projections start from epoch 1 on (2009-01-27 or later)');
    }
    const toDay = dayFromIso(input.to);
    if (toDay <= asOfDay)
      throw InputError.at(['to'], `${input.to} must be after the as-of date ${isoFromDay(asOfDay)}`);
    const dayCount = toDay - asOfDay;
    if (dayCount > MAX_HORIZON_DAYS) throw InputError.at(['to'], 'the horizon is limited to 30 years');

    const loaded = await loadScenarioChain(ports.scenarios, input.scenario);
    const projected = await projectNetwork({
      state,
      asOfDay,
      dayCount,
      scenario: loaded,
      overrides: pathOverridesFrom(input),
      interval: input.interval,
      paths: input.paths,
      seed: input.seed,
      monteCarlo: ports.monteCarlo,
    });
    const { inputs, layout, rows, events, warnings } = projected;
    const { setup } = inputs;
    const results: NetworkProjectionResult = {
      asOf: isoFromDay(asOfDay),
      to: input.to,
      interval: input.interval,
      mode: input.paths === undefined ? 'deterministic' : 'monte-carlo',
      paths: input.paths ?? 1,
      seed: input.paths === undefined ? null : input.seed,
      scenario: { name: loaded.scenario.name, file: loaded.file, description: loaded.scenario.description },
      start: {
        height: setup.start.tipHeight,
        epoch: Math.floor(setup.start.tipHeight / 2016),
        difficulty: difficultyBefore(setup),
        hashrateEhs: inputs.startValues.hashrateEhs,
        priceUsd: inputs.startValues.priceUsd,
        spotHashpriceUsdPerPhDay: setup.start.spotHashpriceUsdPerPhDay,
      },
      assumptions: inputs.assumptions.map((a) => ({
        ...a,
        value: typeof a.value === 'number' ? (finiteOrNull(a.value) ?? 'n/a') : a.value,
      })),
      metricUnits: Object.fromEntries(layout.metrics.map((metric) => [metric, METRIC_UNITS[metric] ?? ''])),
      rows,
      events,
    };
    return {
      results,
      asOf: results.asOf,
      dataAsOf: state.dataAsOf,
      warnings,
    };
  },
  textView(projection) {
    const monteCarlo = projection.mode === 'monte-carlo';
    const show = (
      value: ProjectionRowResult['metrics'][string] | undefined,
      format: (n: number) => string,
      band = false,
    ): string => {
      if (value === null || value === undefined) return 'n/a';
      if (typeof value === 'number') return format(value);
      return band ? `${format(value.mean)} [${format(value.p5)}–${format(value.p95)}]` : format(value.mean);
    };
    const byEpoch = projection.interval === 'epoch';
    const columns = byEpoch
      ? [
          'Epoch',
          'Ends (retarget)',
          'Blocks',
          'Issued BTC',
          'EH/s',
          'BTC/EH/day',
          '$/PH/day',
          'Next difficulty',
          'Change',
          's/block',
        ]
      : ['Period', 'Blocks', 'Issued BTC', 'Fees BTC', 'Difficulty', 'EH/s', 'Price', 'BTC/EH/day', '$/PH/day'];
    const rows = projection.rows.map((row) => {
      const m = row.metrics;
      if (byEpoch) {
        return [
          `${row.period}${row.complete ? '' : '*'}`,
          show(m['retargetTimeS'], (t) => isoTime(t).slice(0, 16).replace('T', ' '), monteCarlo),
          show(m['blocks'], (b) => formatNumber(b, 0)),
          show(m['issuanceBtc'], (b) => formatNumber(b, 0)),
          show(m['hashrateEhs'], (h) => formatNumber(h, 0)),
          show(m['btcPerEhDay'], (b) => formatNumber(b, 4)),
          show(m['hashpriceUsdPerPhDay'], (h) => formatUsd(h), monteCarlo),
          show(m['difficulty'], (d) => formatDifficulty(d), monteCarlo),
          show(m['changePct'], (c) => formatPct(c, 2, true)),
          show(m['meanBlockIntervalS'], (s) => formatNumber(s, 1)),
        ];
      }
      const halvingInRow = projection.events.some(
        (e) =>
          e.event === 'halving' &&
          e.time !== null &&
          row.from !== null &&
          row.to !== null &&
          e.time.slice(0, 10) >= row.from &&
          e.time.slice(0, 10) <= row.to,
      );
      return [
        `${row.period}${row.complete ? '' : '*'}${halvingInRow ? ' ◆' : ''}`,
        show(m['blocks'], (b) => formatNumber(b, 0)),
        show(m['issuanceBtc'], (b) => formatNumber(b, 0)),
        show(m['feesBtc'], (b) => formatNumber(b, 1)),
        show(m['difficulty'], (d) => formatDifficulty(d), monteCarlo),
        show(m['hashrateEhs'], (h) => formatNumber(h, 0)),
        show(m['priceUsd'], (p) => formatUsd(p, 0)),
        show(m['btcPerEhDay'], (b) => formatNumber(b, 4)),
        show(m['hashpriceUsdPerPhDay'], (h) => formatUsd(h), monteCarlo),
      ];
    });
    const halving = projection.events.find((event) => event.event === 'halving');
    const retargets = projection.events.filter((event) => event.event === 'retarget').slice(0, 3);
    const eventRows = [...retargets, ...(halving ? [halving] : [])].map((event) => [
      event.event === 'halving' ? 'halving' : 'retarget',
      formatNumber(event.height),
      `${event.time?.slice(0, 10) ?? 'after the horizon'}` +
        (monteCarlo ? ` [${event.timeP5?.slice(0, 10) ?? 'later'} – ${event.timeP95?.slice(0, 10) ?? 'later'}]` : ''),
      event.difficulty === null ? '' : `${formatDifficulty(event.difficulty)} (${formatPct(event.changePct, 2, true)})`,
    ]);
    const projectionKind = monteCarlo
      ? `Monte Carlo: ${projection.paths} paths, seed ${projection.seed}`
      : 'deterministic (expected values)';
    return [
      {
        kind: 'table',
        title:
          `Network projection ${projection.asOf} → ${projection.to}, ` +
          `scenario ${projection.scenario.name}, ${projectionKind}`,
        columns,
        rows,
        notes: [
          ...(monteCarlo ? ['Monte Carlo: means; [5th–95th percentile] where shown.'] : []),
          byEpoch
            ? '* from the as-of date only: the epoch began before it'
            : '* period cut short by the as-of date or the horizon   ◆ the halving falls in this period',
        ],
      },
      {
        kind: 'table',
        title: 'Next events',
        columns: ['Event', 'Height', monteCarlo ? 'Date (median [5th – 95th])' : 'Date', 'Difficulty after'],
        rows: eventRows,
      },
      {
        kind: 'table',
        title: 'Assumptions',
        columns: ['Input', 'Value', 'Unit', 'Source'],
        rows: projection.assumptions.map((a) => [
          a.input,
          typeof a.value === 'number' ? formatNumber(a.value, a.value < 10 ? 4 : 2) : a.value,
          a.unit,
          a.source,
        ]),
      },
    ];
  },
  csvView(projection) {
    const metrics = Object.keys(projection.metricUnits);
    const monteCarlo = projection.mode === 'monte-carlo';
    const columns = ['period', 'from', 'to', 'days', 'complete'];
    for (const metric of metrics)
      columns.push(
        ...(monteCarlo
          ? [`${metric}_mean`, `${metric}_se`, `${metric}_p5`, `${metric}_p50`, `${metric}_p95`]
          : [metric]),
      );
    return {
      columns,
      rows: projection.rows.map((row) => [
        row.period,
        row.from,
        row.to,
        row.days,
        row.complete,
        ...metrics.flatMap((metric) => {
          const value = row.metrics[metric] ?? null;
          if (!monteCarlo) return [typeof value === 'number' ? value : null];
          return value !== null && typeof value === 'object'
            ? [value.mean, value.standardError, value.p5, value.p50, value.p95]
            : [null, null, null, null, null];
        }),
      ]),
    };
  },
});
