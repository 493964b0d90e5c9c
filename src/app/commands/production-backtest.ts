/**
 * `rerate backtest production`: modeled against reported monthly BTC per company-month. By default each month is
 * modeled from the company file's capacity history (energized hashrate, realization, curtailment, pool fee) on the
 * realized network of that month; with --use-reported-hashrate, from the month's reported average operating
 * hashrate (and the file's pool fee). Months that cannot be modeled are listed with the reason.
 */
import { inputField } from '../../schema/input-field.ts';
import { z } from 'zod';
import { companyDays, type CompanyDays } from '../../company/company-days.ts';
import type { ReportedMonth } from '../../company/reported-months.ts';
import { modeledOver, walkForwardRealization } from '../../company/walk-forward-realization.ts';
import { valueOf } from '../../schema/company.ts';
import { joinNetworkDays } from '../../company/network-days.ts';
import { errorPct, summarizeBacktest, type BacktestRow } from '../../company/production-backtest.ts';
import { lastDay } from '../../network/network-history.ts';
import { finiteNumber, finiteNumberOrNull } from '../../schema/common.ts';
import {
  AVERAGE_OPERATING_HASHRATE_METRICS,
  monthOfFigure,
  type ReportedFigure,
} from '../../schema/reported-figures.ts';
import { isoFromDay, type DayNumber } from '../../units/calendar-day.ts';
import { defineCommand } from '../command.ts';
import { companyModelFromFile } from '../../inputs/company-model-from-file.ts';
import { finiteOrNull, formatNumber, formatPct } from '../../present/format.ts';
import { loadNetworkState } from '../sessions/network-state.ts';
import type { LoadedCompany } from '../../inputs/loaded-files.ts';

const rowSchema = z.object({
  company: z.string(),
  month: z.string(),
  reportedBtc: finiteNumber,
  modeledBtc: finiteNumberOrNull,
  errorPct: finiteNumberOrNull,
  operatingEhs: finiteNumberOrNull,
  /** Realization the month was modeled with (capacity-history mode). */
  realization: finiteNumberOrNull,
  /** Reported months the realization was estimated from, walk-forward; empty: the company file's realization. */
  realizationFrom: z.array(z.string()),
  /** Why the month was not modeled; null when it was. */
  reason: z.string().nullable(),
  source: z.string(),
  line: z.string(),
});

const outputSchema = z.object({
  mode: z.enum(['capacity-history', 'reported-hashrate']),
  files: z.array(z.string()),
  rows: z.array(rowSchema),
  summary: z.array(
    z.object({
      company: z.string(),
      months: z.number().int(),
      unmodeled: z.number().int(),
      mapePct: finiteNumberOrNull,
      biasPct: finiteNumberOrNull,
    }),
  ),
  /** Rows of other metrics: what the backtest did with them. */
  otherFigures: z.array(z.object({ metric: z.string(), rows: z.number().int(), use: z.string() })),
});

type Output = z.infer<typeof outputSchema>;

function reportedMonthOf(figure: ReportedFigure): ReportedMonth {
  const period = monthOfFigure(figure);
  return {
    month: figure.period,
    startDay: period.startDay,
    endDayExclusive: period.endDayExclusive,
    btcProduced: figure.value,
  };
}

export const productionBacktestCommand = defineCommand({
  name: 'backtest production',
  summary: 'Modeled vs reported monthly BTC production per company, with MAPE and bias',
  description:
    'Reads reported monthly figures (long CSV: company,period,metric,value,unit,source_url,source_kind,note; ' +
    'default: the embedded data/reported/) and compares each company-month of btc_produced with the model on the ' +
    'realized network of that month: from the company file’s capacity history by default, or from the month’s ' +
    'reported average operating hashrate with --use-reported-hashrate. Unmodelable months are listed with the reason.',
  examples: [
    'rerate backtest production',
    'rerate backtest production --reported ../shared/data/miners_monthly_reported_2023_2024.csv ' +
      '--use-reported-hashrate',
    'rerate backtest production --csv',
  ],
  http: { heavy: true },
  inputSchema: z
    .object({
      reported: z
        .string()
        .min(1)
        .optional()
        .meta(
          inputField({
            value: '<file.csv>',
            description: 'reported monthly figures (default: the embedded data/reported/*.csv)',
          }),
        ),
      useReportedHashrate: z
        .boolean()
        .default(false)
        .meta(inputField({ description: 'model each month from its reported average operating hashrate' })),
    })
    .strict(),
  outputSchema,
  async run(input, ports) {
    const state = await loadNetworkState(ports);
    const { history } = state.snapshot;
    const reported =
      input.reported === undefined
        ? await ports.reported.embedded()
        : await ports.reported.load(input.reported, 'reported');
    const covered = new Set(await ports.coverage.tickers());
    const production = reported.figures
      .filter((figure) => figure.metric === 'btc_produced')
      .sort((a, b) => a.company.localeCompare(b.company) || a.period.localeCompare(b.period));
    const dataLastDay = lastDay(history.daily);
    const dataFirstDay = history.daily.firstDay;
    const inData = production.filter(
      (figure) =>
        monthOfFigure(figure).startDay >= dataFirstDay && monthOfFigure(figure).endDayExclusive - 1 <= dataLastDay,
    );

    const companies = new Map<string, LoadedCompany>();
    for (const ticker of new Set(production.map((f) => f.company)))
      if (covered.has(ticker)) companies.set(ticker, await ports.coverage.load(ticker));

    let rows: BacktestRow[] = [];
    const sources = new Map<BacktestRow, ReportedFigure>();
    const unmodeled = (figure: ReportedFigure, reason: string): BacktestRow => ({
      company: figure.company,
      month: figure.period,
      reportedBtc: figure.value,
      modeledBtc: NaN,
      operatingEhs: NaN,
      realization: NaN,
      realizationFrom: [],
      reason,
    });
    if (inData.length > 0) {
      const firstDay = Math.min(...inData.map((f) => monthOfFigure(f).startDay)) as DayNumber;
      const lastModeledDay = (Math.max(...inData.map((f) => monthOfFigure(f).endDayExclusive)) - 1) as DayNumber;
      // History only: every modeled month lies before the end of the data.
      const network = joinNetworkDays(history, state.metrics, lastModeledDay, undefined, firstDay, lastModeledDay);
      // Each company at full realization: the walk-forward estimate scales its own fleet's BTC.
      const fullDaysByCompany = new Map(
        [...companies].map(([ticker, loaded]) => [
          ticker,
          companyDays({ ...companyModelFromFile(loaded.company), realization: 1 }, network),
        ]),
      );
      const monthsByCompany = new Map(
        [...companies.keys()].map((ticker) => [
          ticker,
          production.filter((f) => f.company === ticker).map((f) => reportedMonthOf(f)),
        ]),
      );
      for (const figure of production) {
        const month = monthOfFigure(figure);
        const loaded = companies.get(figure.company);
        const from = month.startDay - firstDay;
        const to = month.endDayExclusive - firstDay;
        let row: BacktestRow;
        if (!loaded) row = unmodeled(figure, `${figure.company} is not in the coverage universe (data/coverage/)`);
        else if (month.endDayExclusive - 1 > dataLastDay)
          row = unmodeled(figure, `the month ends after the data (${isoFromDay(dataLastDay)})`);
        else if (month.startDay < dataFirstDay)
          row = unmodeled(figure, `the month starts before the data (${isoFromDay(dataFirstDay)})`);
        else if (figure.value === 0) row = unmodeled(figure, 'reported 0 BTC: no percentage error');
        else if (input.useReportedHashrate) {
          const hashrate = reported.figures.find(
            (f) =>
              f.company === figure.company &&
              f.period === figure.period &&
              (AVERAGE_OPERATING_HASHRATE_METRICS as readonly string[]).includes(f.metric),
          );
          if (!hashrate) row = unmodeled(figure, 'no average operating hashrate reported for the month');
          else {
            let btcPerEh = 0;
            for (let i = from; i < to; i++) btcPerEh += network.btcPerEhDay[i] as number;
            const poolFee = companyModelFromFile(loaded.company).poolFee;
            row = {
              company: figure.company,
              month: figure.period,
              reportedBtc: figure.value,
              modeledBtc: hashrate.value * btcPerEh * (1 - poolFee),
              operatingEhs: hashrate.value,
              realization: NaN,
              realizationFrom: [],
              reason: undefined,
            };
          }
        } else {
          const fullDays = fullDaysByCompany.get(figure.company) as CompanyDays;
          const modeled = modeledOver(fullDays, month);
          const fileRealization = valueOf(loaded.company.fleet.realization);
          const estimate = walkForwardRealization(
            fullDays,
            monthsByCompany.get(figure.company) ?? [],
            month.startDay,
            fileRealization,
          );
          let energized = 0;
          for (let i = from; i < to; i++) energized += fullDays.operatingEhs[i] as number;
          row =
            modeled === undefined
              ? unmodeled(
                  figure,
                  `the capacity history in ${loaded.file} starts ${loaded.company.fleet.hashrateEhs[0]?.date}`,
                )
              : {
                  company: figure.company,
                  month: figure.period,
                  reportedBtc: figure.value,
                  modeledBtc: modeled.ownBtc * estimate.realization + modeled.jointVentureBtc,
                  operatingEhs: (energized / (to - from)) * estimate.realization,
                  realization: estimate.realization,
                  realizationFrom: estimate.fromMonths,
                  reason: undefined,
                };
        }
        rows.push(row);
        sources.set(row, figure);
      }
    } else {
      rows = production.map((figure) => unmodeled(figure, 'the month lies outside the data'));
      rows.forEach((row, index) => sources.set(row, production[index] as ReportedFigure));
    }

    const otherMetrics = new Map<string, number>();
    for (const figure of reported.figures)
      if (figure.metric !== 'btc_produced') otherMetrics.set(figure.metric, (otherMetrics.get(figure.metric) ?? 0) + 1);
    const results: Output = {
      mode: input.useReportedHashrate ? 'reported-hashrate' : 'capacity-history',
      files: reported.files.map((f) => f.file),
      rows: rows.map((row) => {
        const figure = sources.get(row) as ReportedFigure;
        return {
          company: row.company,
          month: row.month,
          reportedBtc: row.reportedBtc,
          modeledBtc: finiteOrNull(row.modeledBtc),
          errorPct: row.reason === undefined ? finiteOrNull(errorPct(row)) : null,
          operatingEhs: finiteOrNull(row.operatingEhs),
          realization: finiteOrNull(row.realization),
          realizationFrom: row.realizationFrom,
          reason: row.reason ?? null,
          source: figure.sourceUrl,
          line: `${figure.file}:${figure.line}`,
        };
      }),
      summary: summarizeBacktest(rows).map((s) => ({
        ...s,
        mapePct: finiteOrNull(s.mapePct),
        biasPct: finiteOrNull(s.biasPct),
      })),
      otherFigures: [...otherMetrics].sort().map(([metric, count]) => ({
        metric,
        rows: count,
        use:
          input.useReportedHashrate && (AVERAGE_OPERATING_HASHRATE_METRICS as readonly string[]).includes(metric)
            ? 'input: the month’s operating hashrate'
            : 'not compared: not monthly production (capacity history lives in the company files)',
      })),
    };
    return {
      results,
      asOf: isoFromDay(dataLastDay),
      dataAsOf: state.dataAsOf,
      warnings: [],
    };
  },
  textView(results) {
    const modeNote =
      results.mode === 'reported-hashrate'
        ? 'Modeled from each month’s reported average operating hashrate × the realized BTC per EH/s-day ' +
          '× (1 − the file’s pool fee).'
        : 'Modeled from the company file’s capacity history: energized hashrate × realization × (1 − curtailment) on ' +
          'the realized network, less the pool fee, plus joint-venture BTC. Realization walk-forward: reported ÷ ' +
          'modeled-at-full-realization BTC over the last two reported months before the month (within 183 days; ' +
          'months listed), else the file’s stated realization (“file”).';
    return [
      {
        kind: 'table',
        title: `Production backtest (${results.mode}) — ${results.files.join(', ')}`,
        columns: [
          'Company',
          'Month',
          'Reported BTC',
          'Modeled BTC',
          'Error',
          'Op. EH/s',
          ...(results.mode === 'capacity-history' ? ['Realization', 'From'] : []),
          'Not modeled because',
        ],
        rows: results.rows.map((row) => [
          row.company,
          row.month,
          formatNumber(row.reportedBtc),
          formatNumber(row.modeledBtc),
          formatPct(row.errorPct, 1, true),
          formatNumber(row.operatingEhs, 1),
          ...(results.mode === 'capacity-history'
            ? [
                formatNumber(row.realization, 3),
                row.realization === null ? '' : row.realizationFrom.join(' ') || 'file',
              ]
            : []),
          row.reason ?? '',
        ]),
        notes: [modeNote, 'Error = (modeled − reported) ÷ reported. Sources per row in --json or --csv.'],
      },
      {
        kind: 'table',
        title: 'By company',
        columns: ['Company', 'Months modeled', 'Not modeled', 'MAPE', 'Bias'],
        rows: results.summary.map((s) => [
          s.company,
          String(s.months),
          String(s.unmodeled),
          formatPct(s.mapePct, 1),
          formatPct(s.biasPct, 1, true),
        ]),
      },
      {
        kind: 'table',
        title: 'Other reported figures',
        columns: ['Metric', 'Rows', 'Use'],
        rows: results.otherFigures.map((f) => [f.metric, String(f.rows), f.use]),
      },
    ];
  },
  csvView(results) {
    return {
      columns: [
        'company',
        'month',
        'reported_btc',
        'modeled_btc',
        'error_pct',
        'operating_ehs',
        'not_modeled_because',
        'source_url',
        'line',
      ],
      rows: results.rows.map((r) => [
        r.company,
        r.month,
        r.reportedBtc,
        r.modeledBtc,
        r.errorPct,
        r.operatingEhs,
        r.reason,
        r.source,
        r.line,
      ]),
    };
  },
});
