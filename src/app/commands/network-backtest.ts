/** `rerate network backtest`: the projection engine against history (replay, retarget forecasts, quarterly revenue). */
import { inputField } from '../../schema/input-field.ts';
import { z } from 'zod';
import {
  forecastQuarterlyBtcPerEh,
  forecastRetargetsFromFirstBlocks,
  GROWTH_RULES,
  replayRealizedHashrate,
} from '../../network/backtest.ts';
import { epochOfHeight, lastDay } from '../../network/network-history.ts';
import { finiteNumber, isoDateSchema } from '../../schema/common.ts';
import { InputError } from '../../schema/input-error.ts';
import { periodContaining } from '../../units/calendar-period.ts';
import { dayFromIso, isoFromDay, type DayNumber } from '../../units/calendar-day.ts';
import { defineCommand } from '../command.ts';
import { formatDifficulty, formatNumber, formatPct } from '../../present/format.ts';
import { loadNetworkState } from '../sessions/network-state.ts';

const BLOCKS_OBSERVED = [504, 1008, 1512];

const inputSchema = z
  .object({
    from: isoDateSchema
      .default('2024-01-01')
      .meta(inputField({ value: '<date>', description: 'first quarter (any day in it; default 2024-01-01)' })),
    to: isoDateSchema
      .default('2025-12-31')
      .meta(inputField({ value: '<date>', description: 'last quarter (any day in it; default 2025-12-31)' })),
    retargetsSince: isoDateSchema
      .default('2016-01-01')
      .meta(inputField({ value: '<date>', description: 'first epoch start for (b) (default 2016-01-01)' })),
  })
  .strict();

const errorStats = z.object({
  count: z.number().int(),
  meanAbs: finiteNumber,
  rms: finiteNumber,
  maxAbs: finiteNumber,
  mean: finiteNumber,
});

const outputSchema = z.object({
  from: isoDateSchema,
  to: isoDateSchema,
  replay: z.object({
    rows: z.array(
      z.object({
        quarter: z.string(),
        epoch: z.number().int(),
        projectedDifficulty: finiteNumber,
        realizedDifficulty: finiteNumber,
        errorPct: finiteNumber,
        timeErrorHours: finiteNumber,
      }),
    ),
    errorPct: errorStats,
  }),
  retargetForecasts: z.object({
    since: isoDateSchema,
    byBlocksObserved: z.array(z.object({ blocksObserved: z.number().int(), errorPp: errorStats })),
  }),
  quarterly: z.object({
    rows: z.array(
      z.object({
        quarter: z.string(),
        rule: z.enum(GROWTH_RULES),
        fittedGrowthPct: finiteNumber,
        forecastBtcPerEhDay: finiteNumber,
        realizedBtcPerEhDay: finiteNumber,
        errorPct: finiteNumber,
      }),
    ),
    byRule: z.array(z.object({ rule: z.enum(GROWTH_RULES), errorPct: errorStats })),
  }),
});

type ErrorStats = z.infer<typeof errorStats>;

function stats(errors: readonly number[]): ErrorStats {
  const count = errors.length;
  if (count === 0) return { count, meanAbs: 0, rms: 0, maxAbs: 0, mean: 0 };
  return {
    count,
    meanAbs: errors.reduce((sum, e) => sum + Math.abs(e), 0) / count,
    rms: Math.sqrt(errors.reduce((sum, e) => sum + e * e, 0) / count),
    maxAbs: Math.max(...errors.map(Math.abs)),
    mean: errors.reduce((sum, e) => sum + e, 0) / count,
  };
}

export const networkBacktestCommand = defineCommand({
  name: 'network backtest',
  summary: 'Test the projection engine against history: replayed difficulty, retarget forecasts, quarterly BTC/EH/day',
  description:
    '(a) From each quarter start in the range, replays the realized daily hashrate through the engine and compares ' +
    'every projected retarget with the real difficulty. (b) For every epoch since --retargets-since, forecasts its ' +
    'retarget from its first 504, 1008 and 1512 blocks at the pace so far and compares with the realized change. ' +
    '(c) From each quarter start, forecasts the quarter’s network BTC per EH/s per day under simple growth rules ' +
    'fitted only on data before the start (flat; trailing 90 or 365 days).',
  examples: ['rerate network backtest', 'rerate network backtest --from 2022-01-01 --to 2025-12-31 --json'],
  http: { heavy: true },
  inputSchema,
  outputSchema,
  async run(input, ports) {
    const state = await loadNetworkState(ports);
    const { history } = state.snapshot;
    const first = periodContaining(dayFromIso(input.from), 'quarter').startDay;
    const last = periodContaining(dayFromIso(input.to), 'quarter').startDay;
    if (last < first) throw InputError.at(['to'], `${input.to} is before --from ${input.from}`);
    if (first - 1 < history.daily.firstDay + 400) throw InputError.at(['from'], 'the backtest starts from 2010 on');
    if (last > lastDay(history.daily))
      throw InputError.at(['to'], `the data ends ${isoFromDay(lastDay(history.daily))}`);
    const quarterStarts: DayNumber[] = [];
    for (let day = first; day <= last; day = periodContaining(day, 'quarter').endDayExclusive) quarterStarts.push(day);

    const replay = replayRealizedHashrate(history, state.metrics, quarterStarts);
    const sinceDay = dayFromIso(input.retargetsSince);
    const sinceIndex = Math.max(0, sinceDay - history.daily.firstDay);
    const firstEpoch =
      epochOfHeight(history.daily.tipHeight[Math.min(sinceIndex, history.daily.dayCount - 1)] as number) + 1;
    const forecasts = forecastRetargetsFromFirstBlocks(history, firstEpoch, history.epochs.count - 2, BLOCKS_OBSERVED);
    const quarterly = forecastQuarterlyBtcPerEh(history, state.metrics, quarterStarts);

    return {
      results: {
        from: isoFromDay(first),
        to: isoFromDay((periodContaining(last, 'quarter').endDayExclusive - 1) as DayNumber),
        replay: {
          rows: replay.map((row) => ({
            quarter: row.quarter,
            epoch: row.epoch,
            projectedDifficulty: row.projectedDifficulty,
            realizedDifficulty: row.realizedDifficulty,
            errorPct: 100 * row.difficultyError,
            timeErrorHours: row.timeErrorHours,
          })),
          errorPct: stats(replay.map((row) => 100 * row.difficultyError)),
        },
        retargetForecasts: {
          since: input.retargetsSince,
          byBlocksObserved: BLOCKS_OBSERVED.map((blocksObserved) => ({
            blocksObserved,
            errorPp: stats(forecasts.filter((f) => f.blocksObserved === blocksObserved).map((f) => f.errorPp)),
          })),
        },
        quarterly: {
          rows: quarterly.map((row) => ({
            quarter: row.quarter,
            rule: row.rule,
            fittedGrowthPct: 100 * row.fittedGrowthPerYear,
            forecastBtcPerEhDay: row.forecastBtcPerEhDay,
            realizedBtcPerEhDay: row.realizedBtcPerEhDay,
            errorPct: 100 * row.error,
          })),
          byRule: GROWTH_RULES.map((rule) => ({
            rule,
            errorPct: stats(quarterly.filter((q) => q.rule === rule).map((q) => 100 * q.error)),
          })),
        },
      },
      asOf: isoFromDay(lastDay(history.daily)),
      dataAsOf: state.dataAsOf,
      warnings: [
        {
          code: 'derived-epoch-times',
          message:
            'Epoch start times from 2025-01-27 on are derived (±1 hour): replay time errors there measure the data ' +
            'as much as the engine.',
          field: 'replay.rows',
        },
      ],
    };
  },
  textView(results) {
    const statsRow = (label: string, s: ErrorStats, unit: string, decimals = 2) => [
      label,
      formatNumber(s.count),
      `${formatNumber(s.meanAbs, decimals)}${unit}`,
      `${formatNumber(s.rms, decimals)}${unit}`,
      `${formatNumber(s.maxAbs, decimals)}${unit}`,
      `${formatNumber(s.mean, decimals)}${unit}`,
    ];
    return [
      {
        kind: 'table',
        title:
          `(a) Replaying realized hashrate from each quarter start, ${results.from} … ${results.to}: ` +
          'projected vs real difficulty',
        columns: ['Quarter', 'Epoch', 'Projected', 'Realized', 'Error', 'Time error (h)'],
        rows: results.replay.rows.map((row) => [
          row.quarter,
          String(row.epoch),
          formatDifficulty(row.projectedDifficulty),
          formatDifficulty(row.realizedDifficulty),
          formatPct(row.errorPct, 3, true),
          formatNumber(row.timeErrorHours, 1),
        ]),
        notes: [],
      },
      {
        kind: 'table',
        title: 'Error statistics',
        columns: ['Test', 'N', 'Mean |error|', 'RMS', 'Max |error|', 'Mean (bias)'],
        rows: [
          statsRow('(a) replayed difficulty', results.replay.errorPct, '%', 3),
          ...results.retargetForecasts.byBlocksObserved.map((row) =>
            statsRow(`(b) retarget from first ${row.blocksObserved} blocks`, row.errorPp, ' pp'),
          ),
          ...results.quarterly.byRule.map((row) =>
            statsRow(`(c) quarterly BTC/EH/day, ${row.rule}`, row.errorPct, '%'),
          ),
        ],
        notes: [
          `(b) covers every epoch since ${results.retargetForecasts.since} with header start times; ` +
            'the time of block N is interpolated within its day.',
        ],
      },
      {
        kind: 'table',
        title: '(c) Quarterly network BTC per EH/s per day, forecast from the quarter start',
        columns: ['Quarter', 'Rule', 'Fitted growth', 'Forecast', 'Realized', 'Error'],
        rows: results.quarterly.rows.map((row) => [
          row.quarter,
          row.rule,
          `${formatPct(row.fittedGrowthPct, 1, true)}/yr`,
          formatNumber(row.forecastBtcPerEhDay, 4),
          formatNumber(row.realizedBtcPerEhDay, 4),
          formatPct(row.errorPct, 2, true),
        ]),
      },
    ];
  },
});
