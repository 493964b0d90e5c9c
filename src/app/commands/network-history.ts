/** `rerate network history`: the daily network series over a range, aggregated by an interval. */
import { aggregateHistory, type HistoryRow } from '../../network/history-aggregation.ts';
import { InputError } from '../../schema/input-error.ts';
import { networkHistoryInputSchema, networkHistorySchema, type HistoryRowResult } from '../../schema/network.ts';
import { HISTORY_INTERVALS } from '../../network/history-aggregation.ts';
import { isoFromDay } from '../../units/calendar-day.ts';
import { defineCommand } from '../command.ts';
import { finiteOrNull, formatBits, formatDifficulty, formatNumber, formatPct, formatUsd } from '../format.ts';
import { dayInData, loadNetworkState } from '../network-state.ts';
import type { ResultWarning } from '../result-envelope.ts';

const CSV_COLUMNS: (keyof HistoryRowResult)[] = [
  'period',
  'from',
  'to',
  'days',
  'complete',
  'firstHeight',
  'lastHeight',
  'blocks',
  'issuanceBtc',
  'feesBtc',
  'feesImputedDays',
  'feeSharePct',
  'difficultyMean',
  'hashrateEhs',
  'priceUsdMean',
  'hashvalueBtcPerPhDay',
  'hashpriceUsdPerPhDay',
  'networkBtcPerEhDay',
];

export const networkHistoryCommand = defineCommand({
  name: 'network history',
  summary: 'Blocks, issuance, fees, difficulty, hashrate, price, hashvalue and hashprice over a date range',
  description:
    'The daily network history between two UTC days (inclusive), aggregated by day, ISO week, month, calendar ' +
    'quarter or difficulty epoch: sums of blocks, issuance and fees; block-weighted mean difficulty; means of the ' +
    'daily hashrate estimate, price, hashvalue and hashprice; network BTC per EH/s per day. Periods cut short by ' +
    'the range or the data are marked incomplete.',
  examples: [
    'rerate network history --from 2025-10-01 --to 2025-12-31 --interval quarter',
    'rerate network history --from 2025-01-01 --to 2025-12-31 --interval month --csv',
    'rerate network history --from 2025-12-01 --to 2026-02-04 --interval epoch --json',
  ],
  options: [
    { key: 'from', flag: '--from <date>', description: 'first UTC day (YYYY-MM-DD)', required: true },
    { key: 'to', flag: '--to <date>', description: 'last UTC day, inclusive (YYYY-MM-DD)', required: true },
    { key: 'interval', flag: '--interval <interval>', description: 'aggregation period', choices: HISTORY_INTERVALS, defaultValue: 'day' },
  ],
  inputSchema: networkHistoryInputSchema,
  outputSchema: networkHistorySchema,
  async run(input, ports) {
    const state = await loadNetworkState(ports);
    const { history } = state.snapshot;
    const fromDay = dayInData(history, 'from', input.from);
    const toDay = dayInData(history, 'to', input.to);
    if (toDay < fromDay) throw InputError.at(['to'], `${input.to} is before --from ${input.from}: the range is reversed`);
    const rows = aggregateHistory(history, state.metrics, fromDay, toDay, input.interval);
    return {
      results: { from: input.from, to: input.to, interval: input.interval, rows: rows.map(toRowResult) },
      asOf: input.to,
      dataAsOf: state.dataAsOf,
      warnings: historyWarnings(rows),
      resolvedInputs: { dataSnapshot: state.snapshot.snapshotId },
    };
  },
  textView(history) {
    return [
      {
        kind: 'table',
        title: `Bitcoin network ${history.from} … ${history.to} by ${history.interval}`,
        columns: ['Period', 'Days', 'Blocks', 'Issued BTC', 'Fees BTC', 'Fee %', 'Difficulty', 'EH/s', 'Price', 'BTC/EH/day', '$/PH/day'],
        rows: history.rows.map((row) => [
          `${row.period}${row.complete ? '' : '*'}`,
          formatNumber(row.days),
          formatNumber(row.blocks),
          formatNumber(row.issuanceBtc, 2),
          `${formatNumber(row.feesBtc, 2)}${row.feesImputedDays > 0 ? '†' : ''}`,
          formatPct(row.feeSharePct),
          formatDifficulty(row.difficultyMean),
          formatNumber(row.hashrateEhs, 1),
          formatUsd(row.priceUsdMean, 0),
          formatNumber(row.networkBtcPerEhDay, 4),
          formatUsd(row.hashpriceUsdPerPhDay),
        ]),
        notes: [
          '* period cut short by the range or the data   † includes days with imputed fees',
          'Difficulty: block-weighted mean; EH/s, Price, $/PH/day: means of the daily values.',
        ],
      },
    ];
  },
  csvView(history) {
    return {
      columns: [...CSV_COLUMNS, 'epoch', 'epochBits'],
      rows: history.rows.map((row) => [
        ...CSV_COLUMNS.map((column) => row[column] as string | number | boolean | null),
        row.epoch?.index ?? null,
        row.epoch?.bits ?? null,
      ]),
    };
  },
});

function toRowResult(row: HistoryRow): HistoryRowResult {
  const result: HistoryRowResult = {
    period: row.period,
    from: isoFromDay(row.fromDay),
    to: isoFromDay(row.toDay),
    days: row.days,
    complete: row.complete,
    firstHeight: row.firstHeight,
    lastHeight: row.lastHeight,
    blocks: row.blocks,
    issuanceBtc: row.issuanceBtc,
    feesBtc: finiteOrNull(row.feesBtc),
    feesImputedDays: row.feesImputedDays,
    feeSharePct: finiteOrNull(row.feeSharePct),
    difficultyMean: finiteOrNull(row.difficultyMean),
    hashrateEhs: row.hashrateEhs,
    priceUsdMean: finiteOrNull(row.priceUsdMean),
    hashvalueBtcPerPhDay: finiteOrNull(row.hashvalueBtcPerPhDay),
    hashpriceUsdPerPhDay: finiteOrNull(row.hashpriceUsdPerPhDay),
    networkBtcPerEhDay: finiteOrNull(row.networkBtcPerEhDay),
  };
  if (row.epoch) result.epoch = { index: row.epoch.index, bits: formatBits(row.epoch.bits), difficulty: row.epoch.difficulty };
  return result;
}

function historyWarnings(rows: HistoryRow[]): ResultWarning[] {
  const warnings: ResultWarning[] = [];
  rows.forEach((row, index) => {
    if (row.feesImputedDays > 0) {
      warnings.push({
        code: 'fees-imputed',
        message: `${row.period}: ${row.feesImputedDays} of ${row.days} days have no fees in the data; each takes the mean fee per block of the nearest 28 days with known fees.`,
        field: `rows[${index}].feesBtc`,
      });
    }
    if (!row.complete) {
      warnings.push({
        code: 'incomplete-period',
        message: `${row.period}: only ${row.days} days of the period fall in the range and the data.`,
        field: `rows[${index}]`,
      });
    }
  });
  return warnings;
}
