/**
 * The network projected from an as-of day under a scenario (DESIGN.md §4): one deterministic path, or seeded Monte
 * Carlo paths run in chunks on the executor given (their results do not depend on the split), summarized into rows by
 * interval and the retarget and halving events, with warnings for periods and events only some paths reach.
 */
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
import type { ProjectionInterval } from '../../network/projection-rows.ts';
import type { SimulatedPath } from '../../network/projection-stepper.ts';
import { InputError } from '../../schema/input-error.ts';
import type { ProjectedEvent, ProjectionRowResult } from '../../schema/projection.ts';
import type { ResultWarning } from '../../schema/result-envelope.ts';
import { isoFromDay, type DayNumber } from '../../units/calendar-day.ts';
import { finiteOrNull, isoTime } from '../../present/format.ts';
import type { LoadedScenario } from '../../inputs/loaded-files.ts';
import { buildProjectionInputs, type PathOverrides, type ProjectionInputs } from '../../inputs/projection-inputs.ts';
import type { MonteCarloExecutor, MonteCarloJob } from '../ports/monte-carlo.ts';
import type { NetworkState } from './network-state.ts';

/**
 * Chunks per worker thread: a thread that finishes early takes the next chunk, so a busy core does not hold up the
 * run.
 */
const CHUNKS_PER_THREAD = 4;
/** Monte Carlo values kept for percentiles (rows × metrics × paths), about 400 MB of float64. */
const MAX_MONTE_CARLO_CELLS = 50_000_000;

export interface ProjectionRequest {
  state: NetworkState;
  asOfDay: DayNumber;
  /** Days projected after the as-of day. */
  dayCount: number;
  scenario: LoadedScenario;
  overrides: PathOverrides;
  interval: ProjectionInterval;
  /** Monte Carlo paths; undefined: the deterministic (expected-value) path. */
  paths: number | undefined;
  seed: number;
  monteCarlo: MonteCarloExecutor;
}

export interface NetworkProjection {
  inputs: ProjectionInputs;
  layout: RowLayout;
  rows: ProjectionRowResult[];
  events: ProjectedEvent[];
  warnings: ResultWarning[];
}

export async function projectNetwork(request: ProjectionRequest): Promise<NetworkProjection> {
  const { state, asOfDay, dayCount } = request;
  const inputs = buildProjectionInputs(
    state.snapshot.history,
    state.metrics,
    asOfDay,
    dayCount,
    request.scenario,
    request.overrides,
  );
  const { setup } = inputs;
  const expected = projectDeterministic(setup);
  const layout = rowLayout(request.interval, asOfDay, dayCount, expected);
  const warnings: ResultWarning[] = [...inputs.warnings];

  let rows: ProjectionRowResult[];
  let events: ProjectedEvent[];
  if (request.paths === undefined) {
    rows = rowResults(
      layout,
      asOfDay,
      readRows(expected, layout, difficultyBefore(setup), new Float64Array(cellCount(layout))),
      null,
    );
    events = deterministicEvents(expected, difficultyBefore(setup));
  } else {
    const paths = request.paths;
    const epochLayout = rowLayout('retarget-events', asOfDay, dayCount, expected);
    const cells = cellCount(layout) + cellCount(epochLayout);
    if (cells * paths > MAX_MONTE_CARLO_CELLS) {
      throw InputError.at(
        ['paths'],
        `${paths} paths × ${cells} values is too much to keep for percentiles; ` +
          'use a coarser --interval or fewer --paths',
      );
    }
    const jobs = splitPaths(paths, request.monteCarlo.parallelism * CHUNKS_PER_THREAD).map(
      ([firstPath, pathCount]): MonteCarloJob => ({
        setup,
        layouts: [layout, epochLayout],
        seed: request.seed,
        firstPath,
        pathCount,
      }),
    );
    const chunks = await request.monteCarlo.run(jobs);
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
        message:
          `${partial.length} of the events are reached by only some paths within the horizon ` +
          `(the first: ${partial[0]?.event} at height ${partial[0]?.height}, ` +
          `${partial[0]?.paths} of ${paths} paths); ` +
          'their dates count the others as later, and a date past the horizon is null.',
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
  return { inputs, layout, rows, events, warnings };
}

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
