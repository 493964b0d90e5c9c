/** `rerate network project`: network, issuance and hashprice paths from an as-of date under a scenario. */
import { openAsOf } from '../sessions/framing.ts';
import { loadScenarioChain } from '../sessions/scenario-chain.ts';
import { quantileInPlace } from '../../math/statistics.ts';
import { nextHalvingHeightAbove } from '../../network/fractional-issuance.ts';
import {
  cellCount,
  difficultyBefore,
  projectDeterministic,
  summarizeChunks,
  type CellSummary,
} from '../../network/monte-carlo.ts';
import { readRows, rowLayout, type RowLayout } from '../../network/projection-rows.ts';
import type { SimulatedPath } from '../../network/projection-stepper.ts';
import { InputError } from '../../schema/input-error.ts';
import {
  networkProjectInputSchema,
  networkProjectionSchema,
  type NetworkProjectionResult,
  type ProjectedEvent,
  type ProjectionRowResult,
} from '../../schema/projection.ts';
import { dayFromIso, isoFromDay, type DayNumber } from '../../units/calendar-day.ts';
import { defineCommand } from '../command.ts';
import { finiteOrNull, formatDifficulty, formatNumber, formatPct, formatUsd, isoTime } from '../../present/format.ts';
import type { MonteCarloJob } from '../ports/monte-carlo.ts';
import { buildProjectionInputs, pathOverridesFrom } from '../../inputs/projection-inputs.ts';
import type { ResultWarning } from '../../schema/result-envelope.ts';

/** Chunks per worker thread: a thread that finishes early takes the next chunk, so a busy core does not hold up the run. */
const CHUNKS_PER_THREAD = 4;
/** Horizon limit: 30 years of days. */
const MAX_HORIZON_DAYS = 10_958;
/** Monte Carlo values kept for percentiles (rows × metrics × paths), about 400 MB of float64. */
const MAX_MONTE_CARLO_CELLS = 50_000_000;

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
    const inputs = buildProjectionInputs(history, state.metrics, asOfDay, dayCount, loaded, pathOverridesFrom(input));
    const { setup } = inputs;
    const expected = projectDeterministic(setup);
    const layout = rowLayout(input.interval, asOfDay, dayCount, expected);
    const warnings: ResultWarning[] = [...inputs.warnings];

    let rows: ProjectionRowResult[];
    let events: ProjectedEvent[];
    if (input.paths === undefined) {
      rows = rowResults(
        layout,
        asOfDay,
        readRows(expected, layout, difficultyBefore(setup), new Float64Array(cellCount(layout))),
        null,
      );
      events = deterministicEvents(expected, difficultyBefore(setup));
    } else {
      const paths = input.paths;
      const epochLayout = rowLayout('retarget-events', asOfDay, dayCount, expected);
      const cells = cellCount(layout) + cellCount(epochLayout);
      if (cells * paths > MAX_MONTE_CARLO_CELLS) {
        throw InputError.at(
          ['paths'],
          `${paths} paths × ${cells} values is too much to keep for percentiles; use a coarser --interval or fewer --paths`,
        );
      }
      const jobs = splitPaths(paths, ports.monteCarlo.parallelism * CHUNKS_PER_THREAD).map(
        ([firstPath, pathCount]): MonteCarloJob => ({
          setup,
          layouts: [layout, epochLayout],
          seed: input.seed,
          firstPath,
          pathCount,
        }),
      );
      const chunks = await ports.monteCarlo.run(jobs);
      rows = rowResults(layout, asOfDay, null, summarizeChunks(chunks, 0, cellCount(layout)));
      // Dates get percentiles, with paths that do not reach an event by the horizon counted as later than it; the
      // difficulty and change after each retarget get means (metrics 1 and 2) over the paths that reach it.
      const retargetSummaries = summarizeChunks(chunks, 1, cellCount(epochLayout), {
        meansOnly: { metricCount: epochLayout.metrics.length, metrics: [1, 2] },
        missingAsInfinity: true,
      });
      const halvingTimes = chunks.flatMap((chunk) => Array.from(chunk.halvingTimeS)).filter((t) => !Number.isNaN(t));
      events = monteCarloEvents(
        epochLayout,
        retargetSummaries,
        Float64Array.from(halvingTimes),
        paths,
        nextHalvingHeightAbove(setup.start.tipHeight),
      );
      const partial = events.filter((event) => event.paths < paths);
      if (partial.length > 0) {
        warnings.push({
          code: 'events-beyond-horizon',
          message: `${partial.length} of the events are reached by only some paths within the horizon (the first: ${partial[0]?.event} at height ${partial[0]?.height}, ${partial[0]?.paths} of ${paths} paths); their dates count the others as later, and a date past the horizon is null.`,
          field: 'events',
        });
      }
      rows.forEach((row, index) => {
        const counts = Object.values(row.metrics).map((value) =>
          value !== null && typeof value === 'object' ? value.paths : paths,
        );
        const fewest = Math.min(...counts);
        if (fewest < paths) {
          warnings.push({
            code: 'row-partial-paths',
            message: `${row.period}: reached by ${fewest} of ${paths} paths; its statistics are over those.`,
            field: `rows[${index}]`,
          });
        }
      });
    }
    rows.forEach((row, index) => {
      if (!row.complete)
        warnings.push({
          code: 'incomplete-period',
          message: `${row.period}: cut short by the as-of date or the horizon.`,
          field: `rows[${index}]`,
        });
    });

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
      return [
        `${row.period}${row.complete ? '' : '*'}${projection.events.some((e) => e.event === 'halving' && e.time !== null && row.from !== null && row.to !== null && e.time.slice(0, 10) >= row.from && e.time.slice(0, 10) <= row.to) ? ' ◆' : ''}`,
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
      `${event.time?.slice(0, 10) ?? 'after the horizon'}${monteCarlo ? ` [${event.timeP5?.slice(0, 10) ?? 'later'} – ${event.timeP95?.slice(0, 10) ?? 'later'}]` : ''}`,
      event.difficulty === null ? '' : `${formatDifficulty(event.difficulty)} (${formatPct(event.changePct, 2, true)})`,
    ]);
    return [
      {
        kind: 'table',
        title: `Network projection ${projection.asOf} → ${projection.to}, scenario ${projection.scenario.name}, ${monteCarlo ? `Monte Carlo: ${projection.paths} paths, seed ${projection.seed}` : 'deterministic (expected values)'}`,
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

/** Contiguous path ranges, `chunkCount` of them (fewer when there are fewer paths). */
function splitPaths(paths: number, chunkCount: number): [number, number][] {
  const chunks = Math.max(1, Math.min(chunkCount, paths));
  const ranges: [number, number][] = [];
  for (let c = 0; c < chunks; c++) {
    const first = Math.floor((c * paths) / chunks);
    ranges.push([first, Math.floor(((c + 1) * paths) / chunks) - first]);
  }
  return ranges;
}

function rowResults(
  layout: RowLayout,
  asOfDay: DayNumber,
  values: Float64Array | null,
  summaries: CellSummary[] | null,
): ProjectionRowResult[] {
  const metricCount = layout.metrics.length;
  return layout.rows.map((row, index) => {
    const metrics: ProjectionRowResult['metrics'] = {};
    layout.metrics.forEach((metric, m) => {
      const cell = index * metricCount + m;
      if (values) metrics[metric] = finiteOrNull(values[cell] as number);
      else {
        const summary = summaries?.[cell];
        metrics[metric] =
          summary && summary.paths > 0 && Number.isFinite(summary.mean)
            ? {
                mean: summary.mean,
                standardError: summary.standardError,
                p5: summary.p5,
                p50: summary.p50,
                p95: summary.p95,
                paths: summary.paths,
              }
            : null;
      }
    });
    if (layout.interval === 'epoch') {
      return {
        period: row.label,
        from: null,
        to: null,
        days: null,
        complete: (row as { complete: boolean }).complete,
        metrics,
      };
    }
    const calendar = layout.rows[index] as { firstDay: number; lastDay: number; complete: boolean };
    return {
      period: row.label,
      from: isoFromDay((asOfDay + 1 + calendar.firstDay) as DayNumber),
      to: isoFromDay((asOfDay + 1 + calendar.lastDay) as DayNumber),
      days: calendar.lastDay - calendar.firstDay + 1,
      complete: calendar.complete,
      metrics,
    };
  });
}

function deterministicEvents(path: SimulatedPath, startDifficulty: number): ProjectedEvent[] {
  const events: ProjectedEvent[] = [];
  for (let r = 0; r < path.retargetCount; r++) {
    const before = r === 0 ? startDifficulty : (path.retargetDifficulty[r - 1] as number);
    const difficulty = path.retargetDifficulty[r] as number;
    events.push({
      event: 'retarget',
      height: path.retargetHeight[r] as number,
      paths: 1,
      time: isoTime(path.retargetTimeS[r] as number),
      timeP5: null,
      timeP95: null,
      difficulty,
      changePct: 100 * (difficulty / before - 1),
      clamped: path.retargetClamped[r] === 1,
    });
  }
  for (let h = 0; h < path.halvingCount; h++) {
    events.push(halvingEvent(path.halvingHeight[h] as number, path.halvingTimeS[h] as number, null, 1));
  }
  return events;
}

function monteCarloEvents(
  epochLayout: RowLayout,
  summaries: CellSummary[],
  halvingTimes: Float64Array,
  paths: number,
  halvingHeight: number,
): ProjectedEvent[] {
  const metricCount = epochLayout.metrics.length;
  const events: ProjectedEvent[] = epochLayout.rows.map((row, index) => {
    const time = summaries[index * metricCount] as CellSummary;
    const difficulty = summaries[index * metricCount + 1] as CellSummary;
    const change = summaries[index * metricCount + 2] as CellSummary;
    return {
      event: 'retarget',
      height: (row as { height: number }).height,
      paths: time.paths,
      time: timeOrNull(time.p50),
      timeP5: timeOrNull(time.p5),
      timeP95: timeOrNull(time.p95),
      difficulty: finiteOrNull(difficulty.mean),
      changePct: finiteOrNull(change.mean),
      clamped: null,
    };
  });
  if (halvingTimes.length > 0) {
    const band = {
      p5: quantileInPlace(halvingTimes, 0.05, paths),
      p50: quantileInPlace(halvingTimes, 0.5, paths),
      p95: quantileInPlace(halvingTimes, 0.95, paths),
    };
    events.push(halvingEvent(halvingHeight, band.p50, band, halvingTimes.length));
  }
  return events;
}

/** An ISO time, or null for a time past the horizon (+∞) or unknown. */
function timeOrNull(unixS: number): string | null {
  return Number.isFinite(unixS) ? isoTime(unixS) : null;
}

/** The next halving: its date, and in Monte Carlo mode the 5–95% band around the median. */
function halvingEvent(
  height: number,
  timeS: number,
  band: { p5: number; p95: number } | null,
  paths: number,
): ProjectedEvent {
  return {
    event: 'halving',
    height,
    paths,
    time: timeOrNull(timeS),
    timeP5: band && timeOrNull(band.p5),
    timeP95: band && timeOrNull(band.p95),
    difficulty: null,
    changePct: null,
    clamped: null,
  };
}
