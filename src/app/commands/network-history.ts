/** `rerate network history`: the daily network series over a range, aggregated by an interval. */
import { aggregateHistory, type HistoryRow } from '../../network/history-aggregation.ts';
import { InputError } from '../../schema/input-error.ts';
import { networkHistoryInputSchema, networkHistorySchema, type HistoryRowResult } from '../../schema/network.ts';
import { isoFromDay } from '../../units/calendar-day.ts';
import { defineCommand } from '../command.ts';
import {
  finiteOrNull,
  formatBits,
  formatDifficulty,
  formatHashrate,
  formatNumber,
  formatPct,
  formatUsd,
} from '../../present/format.ts';
import { FEE_IMPUTATION_RULE } from '../../network/fee-imputation.ts';
import { dayInData, loadNetworkState } from '../sessions/network-state.ts';
import type { ResultWarning } from '../../schema/result-envelope.ts';

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
  'priceDays',
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
  http: { heavy: true },
  inputSchema: networkHistoryInputSchema,
  outputSchema: networkHistorySchema,
  async run(input, ports) {
    const state = await loadNetworkState(ports);
    const { history } = state.snapshot;
    const fromDay = dayInData(history, 'from', input.from);
    const toDay = dayInData(history, 'to', input.to);
    if (toDay < fromDay)
      throw InputError.at(['to'], `${input.to} is before --from ${input.from}: the range is reversed`);
    const rows = aggregateHistory(history, state.metrics, fromDay, toDay, input.interval);
    const { daily } = history;
    const usedSources = new Set<string>();
    for (let i = fromDay - daily.firstDay; i <= toDay - daily.firstDay; i++) {
      usedSources.add(daily.sources[daily.sourceIndex[i] as number] as string);
      usedSources.add(daily.sources[daily.priceSourceIndex[i] as number] as string);
    }
    const dataSources = state.snapshot.sources.filter((notice) => usedSources.has(notice.id));
    return {
      results: { dataSources, from: input.from, to: input.to, interval: input.interval, rows: rows.map(toRowResult) },
      asOf: input.to,
      dataAsOf: state.dataAsOf,
      warnings: historyWarnings(rows),
    };
  },
  textView(history) {
    const byEpoch = history.interval === 'epoch';
    return [
      {
        kind: 'table',
        title: `Bitcoin network ${history.from} … ${history.to} by ${history.interval}`,
        columns: [
          'Period',
          'Days',
          'Blocks',
          'Issued BTC',
          'Fees BTC',
          'Fee %',
          byEpoch ? 'Epoch diff.' : 'Difficulty',
          'Hashrate',
          'Price',
          'BTC/EH/day',
          '$/PH/day',
        ],
        rows: history.rows.map((row) => [
          `${row.period}${row.complete ? '' : '*'}`,
          formatNumber(row.days),
          formatNumber(row.blocks),
          formatNumber(row.issuanceBtc, 2),
          `${formatNumber(row.feesBtc, 2)}${row.feesImputedDays > 0 ? '†' : ''}`,
          formatPct(row.feeSharePct),
          formatDifficulty(byEpoch ? (row.epoch?.difficulty ?? null) : row.difficultyMean),
          formatHashrate(row.hashrateEhs),
          `${formatUsd(row.priceUsdMean, row.priceUsdMean !== null && row.priceUsdMean < 100 ? 2 : 0)}` +
            `${row.priceDays < row.days ? '‡' : ''}`,
          formatNumber(row.networkBtcPerEhDay, 4),
          formatUsd(row.hashpriceUsdPerPhDay),
        ]),
        notes: [
          '* period cut short by the range or the data   † includes days with imputed fees   ' +
            '‡ price known on part of the days',
          byEpoch
            ? 'Epoch rows hold the days whose last block falls in the epoch, so their blocks include boundary days ' +
              'of neighbouring epochs.'
            : 'Difficulty: block-weighted mean of the period.',
          'Hashrate, Price, $/PH/day: means of the daily values; BTC/EH/day: period revenue / (mean EH/s × days).',
          ...history.dataSources.map((source) => `Data: ${source.description} (${source.licence}).`),
        ],
      },
    ];
  },
  csvView(history) {
    return {
      columns: [...CSV_COLUMNS, 'epoch', 'epochBits', 'epochDifficulty'],
      rows: history.rows.map((row) => [
        ...CSV_COLUMNS.map((column) => row[column] as string | number | boolean | null),
        row.epoch?.index ?? null,
        row.epoch?.bits ?? null,
        row.epoch?.difficulty ?? null,
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
    firstHeight: finiteOrNull(row.firstHeight),
    lastHeight: row.lastHeight,
    blocks: row.blocks,
    issuanceBtc: row.issuanceBtc,
    feesBtc: finiteOrNull(row.feesBtc),
    feesImputedDays: row.feesImputedDays,
    feeSharePct: finiteOrNull(row.feeSharePct),
    difficultyMean: finiteOrNull(row.difficultyMean),
    hashrateEhs: row.hashrateEhs,
    priceUsdMean: finiteOrNull(row.priceUsdMean),
    priceDays: row.priceDays,
    hashvalueBtcPerPhDay: finiteOrNull(row.hashvalueBtcPerPhDay),
    hashpriceUsdPerPhDay: finiteOrNull(row.hashpriceUsdPerPhDay),
    networkBtcPerEhDay: finiteOrNull(row.networkBtcPerEhDay),
  };
  if (row.epoch)
    result.epoch = { index: row.epoch.index, bits: formatBits(row.epoch.bits), difficulty: row.epoch.difficulty };
  return result;
}

function historyWarnings(rows: HistoryRow[]): ResultWarning[] {
  const warnings: ResultWarning[] = [];
  rows.forEach((row, index) => {
    if (row.feesImputedDays > 0) {
      warnings.push({
        code: 'fees-imputed',
        message:
          `${row.period}: ${row.feesImputedDays} of ${row.days} days have no fees in the data; ` +
          `each takes ${FEE_IMPUTATION_RULE}.`,
        field: `rows[${index}].feesBtc`,
      });
    }
    if (row.priceDays < row.days) {
      warnings.push({
        code: 'price-partial',
        message:
          `${row.period}: the data has a price on ${row.priceDays} of ${row.days} days; ` +
          'price and hashprice average those.',
        field: `rows[${index}].priceUsdMean`,
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
