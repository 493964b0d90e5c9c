/** `rerate estimates TICKER|all`: quarterly or annual production, revenue and cost estimates (DESIGN.md §5). */
import { openMarketFraming } from '../sessions/framing.ts';
import { estimatesFigures } from '../runs/run-figures.ts';
import type { PeriodEstimate } from '../../company/period-estimates.ts';
import {
  estimatesInputSchema,
  estimatesSchema,
  type EstimatesInput,
  type EstimatesResult,
  type PeriodEstimateResult,
} from '../../schema/estimates.ts';
import { InputError } from '../../schema/input-error.ts';
import type { CalendarPeriod } from '../../units/calendar-period.ts';
import { isoFromDay, type DayNumber } from '../../units/calendar-day.ts';
import {
  reportingPeriodContaining,
  reportingPeriodOfLabel,
  reportingPeriodsBetween,
  type ReportingCalendar,
  type ReportingInterval,
} from '../../units/reporting-period.ts';
import { defineCommand, type TextSection } from '../command.ts';
import { estimateCompanies } from '../sessions/company-estimates.ts';
import { finiteOrNull, formatMillionsUsd, formatNumber, formatPct, formatUsd } from '../../present/format.ts';
import type { LoadedCompany } from '../../inputs/loaded-files.ts';

export const ADJUSTED_EBITDA_DEFINITION =
  'mining revenue + HPC revenue − power (net of credits) − other mining cash costs − HPC operating costs − cash ' +
  'SG&A; excludes depreciation, stock-based compensation, impairments, fair-value changes of BTC, derivatives and ' +
  'convertibles, and gains on BTC sold';

const DEFINITIONS: Record<string, string> = {
  btcMined:
    'BTC mined net of pool fees: operating EH/s × 1e18 × 86400 / (D × 2^32) × (subsidy + fees per block) × ' +
    '(1 − pool fee), summed over days; reported months replace modeled ones',
  realizedPriceUsd: 'production-weighted average BTC price, USD',
  avgOperatingEhs:
    'energized EH/s mining (after HPC displacement) × realization × (1 − curtailment), mean over the period',
  networkShare: 'average operating ÷ average network hashrate',
  netPowerCostUsd: 'operating EH/s × J/TH (= MW) × 24 h × $/MWh, less power and demand-response credits',
  cashCostPerBtcUsd: '(net power + other mining cash costs) ÷ BTC mined',
  hashcostUsdPerPhDay: '(net power + other mining cash costs) per PH/s of average operating hashrate per day',
  hashrevenueUsdPerPhDay: 'mining revenue per PH/s of average operating hashrate per day',
  hpcRevenueUsd:
    'contracted HPC lease revenue (rent ramped in over the ramp, escalated yearly; not probability-weighted)',
  adjustedEbitdaUsd: ADJUSTED_EBITDA_DEFINITION,
};

export const estimatesCommand = defineCommand({
  name: 'estimates',
  summary: 'Quarterly or annual production, revenue and cost estimates for a covered miner, or all of them',
  description:
    'Day by day from the company file and the network: history up to the as-of date (default: the last day of the ' +
    'data), the deterministic network projection under a scenario after it, never history after it. Reported monthly ' +
    'production that was public by the as-of date replaces the modeled month (marked as actual). Periods are ' +
    'calendar quarters (2025Q4) or, with --fiscal, the company’s fiscal quarters (FY26Q1); --years gives years ' +
    'instead.',
  examples: [
    'rerate estimates all --as-of 2026-02-04 --quarters 2025Q4',
    'rerate estimates CLSK --fiscal --quarters FY26Q1:FY26Q4',
    'rerate estimates IREN --years 2025:2028 --scenario bear',
    'rerate estimates RIOT --quarters 2025Q3:2026Q4 --hashrate-growth 40%/yr --csv',
  ],
  http: { heavy: true },
  inputSchema: estimatesInputSchema,
  savedRun: { figures: estimatesFigures },
  outputSchema: estimatesSchema,
  async run(input, ports) {
    const framing = await openMarketFraming(input, ports);
    const { state, asOfDay } = framing;
    const tickers = input.target === 'ALL' ? await ports.coverage.tickers() : [input.target];
    const companies = await Promise.all(tickers.map((ticker) => ports.coverage.load(ticker, 'target')));
    const loadedScenario = framing.scenario;

    const embedded = input.modelOnly ? { figures: [], files: [] } : await ports.reported.embedded();
    let reported = embedded.figures;
    if (input.reported !== undefined) {
      if (input.modelOnly) throw InputError.at(['reported'], '--reported and --model-only contradict each other');
      const extra = await ports.reported.load(input.reported, 'reported');
      const keys = new Set(extra.figures.map((f) => `${f.company} ${f.period} ${f.metric}`));
      reported = [...extra.figures, ...reported.filter((f) => !keys.has(`${f.company} ${f.period} ${f.metric}`))];
    }

    const interval: ReportingInterval = input.years ? 'year' : 'quarter';
    const run = await estimateCompanies({
      framing,
      companies,
      periodsOf: (company) => periodsOf(company, input, interval, asOfDay),
      reported,
      // Periods not given are the as-of date's own and its neighbours: an error in them is the as-of date's.
      periodField: input.years ? 'years' : input.quarters ? 'quarters' : 'asOf',
    });

    const results: EstimatesResult = {
      asOf: isoFromDay(asOfDay),
      interval,
      fiscal: input.fiscal,
      scenario: { name: loadedScenario.scenario.name, file: loadedScenario.file },
      companies: run.companies.map((estimate) => ({
        ticker: estimate.loaded.company.ticker,
        name: estimate.loaded.company.name,
        file: estimate.loaded.file,
        fileAsOf: estimate.loaded.company.asOf,
        fiscalYearEnd: estimate.loaded.company.fiscalYearEnd,
        periods: estimate.periods.map(periodResult),
        actuals: estimate.actuals.map(({ month, figure }) => ({
          month: month.month,
          btcProduced: month.btcProduced,
          source: figure.sourceUrl,
          file: `${figure.file}:${figure.line}`,
        })),
        inputs: estimate.inputs,
        realization: { value: estimate.realization.realization, fromMonths: estimate.realization.fromMonths },
        reconciliation: estimate.reconciliation,
        costChecks: estimate.costChecks.map((c) => ({ ...c, modeledUsd: finiteOrNull(c.modeledUsd) })),
      })),
      networkAssumptions: run.networkAssumptions.map((a) => ({
        ...a,
        value: typeof a.value === 'number' ? (finiteOrNull(a.value) ?? 'n/a') : a.value,
      })),
      definitions: DEFINITIONS,
    };
    return {
      results,
      asOf: results.asOf,
      dataAsOf: state.dataAsOf,
      warnings: run.warnings,
    };
  },
  textView(results) {
    const single = results.companies.length === 1;
    const header =
      `as of ${results.asOf}, scenario ${results.scenario.name}` + `${results.fiscal ? ', fiscal periods' : ''}`;
    const notes = [
      '† includes reported (actual) months, listed with their sources in --json; ‡ partly projected (after the ' +
        'as-of date)',
      `Adjusted EBITDA: ${ADJUSTED_EBITDA_DEFINITION}.`,
    ];
    if (single) {
      const company = results.companies[0] as EstimatesResult['companies'][number];
      return [
        {
          kind: 'table',
          title: `${company.name} (${company.ticker}) — estimates ${header}`,
          columns: ['', ...company.periods.map(periodLabel)],
          rows: DETAIL_ROWS.map(([label, read]) => [label, ...company.periods.map((period) => read(period))]),
          notes: [
            ...notes,
            `Realization ${formatNumber(company.realization.value, 3)}: ` +
              (company.realization.fromMonths.length > 0
                ? `walk-forward from the reported months ${company.realization.fromMonths.join(', ')}.`
                : 'the company file’s (no reported month within 183 days).'),
            ...company.actuals.map((a) => `actual ${a.month}: ${formatNumber(a.btcProduced)} BTC — ${a.source}`),
          ],
        },
        ...checkTables(company),
      ];
    }
    return [
      {
        kind: 'table',
        title: `Estimates ${header}`,
        columns: [
          'Ticker',
          'Period',
          'BTC mined',
          'Realized $/BTC',
          'Mining rev.',
          'HPC rev.',
          'Op. EH/s',
          'Network share',
          'Cash cost $/BTC',
          'Hashcost $/PH/day',
          'Adj. EBITDA',
        ],
        rows: results.companies.flatMap((company) =>
          company.periods.map((period) => [
            company.ticker,
            periodLabel(period),
            formatNumber(period.btcMined),
            formatUsd(period.realizedPriceUsd, 0),
            millions(period.miningRevenueUsd),
            millions(period.hpcRevenueUsd),
            formatNumber(period.avgOperatingEhs, 1),
            formatPct(period.networkShare === null ? null : period.networkShare * 100, 2),
            formatUsd(period.cashCostPerBtcUsd, 0),
            formatUsd(period.hashcostUsdPerPhDay),
            millions(period.adjustedEbitdaUsd),
          ]),
        ),
        notes,
      },
    ];
  },
  csvView(results) {
    const metrics = Object.keys(results.companies[0]?.periods[0] ?? {}).filter(
      (key) => !['period', 'start', 'end', 'actualMonths'].includes(key),
    );
    return {
      columns: ['ticker', 'period', 'start', 'end', 'actualMonths', ...metrics],
      rows: results.companies.flatMap((company) =>
        company.periods.map((period) => [
          company.ticker,
          period.period,
          period.start,
          period.end,
          period.actualMonths.join(' '),
          ...metrics.map((metric) => period[metric as keyof PeriodEstimateResult] as number | null),
        ]),
      ),
    };
  },
});

/** The reconciliation of reported quarters and the cost check of one company. */
function checkTables(company: EstimatesResult['companies'][number]): TextSection[] {
  return [
    {
      kind: 'table',
      title: `${company.ticker} — reported quarters reconciled (model with walk-forward realization, before actuals)`,
      columns: ['Quarter', 'Modeled BTC', 'Reported BTC', 'Difference', 'Why'],
      rows: company.reconciliation.map((r) => [
        r.quarter,
        formatNumber(r.modeledBtc),
        formatNumber(r.reportedBtc),
        formatPct(r.differencePct, 1, true),
        r.why,
      ]),
      notes: [
        company.reconciliation.length === 0
          ? 'No quarter with all three months reported by the as-of date.'
          : 'Reported = the sum of the three reported months (data/reported/).',
      ],
    },
    {
      kind: 'table',
      title: `${company.ticker} — modeled unit costs beside the last reported ones`,
      columns: ['Metric', 'Period', 'Modeled', 'Reported', 'Difference', 'Source'],
      rows: company.costChecks.map((c) => [
        c.metric,
        `${c.from} – ${c.to}`,
        formatUsd(c.modeledUsd, c.metric.endsWith('ph-day') ? 2 : 0),
        formatUsd(c.reportedUsd, c.metric.endsWith('ph-day') ? 2 : 0),
        formatPct(c.modeledUsd === null ? null : ((c.modeledUsd - c.reportedUsd) / c.reportedUsd) * 100, 1, true),
        c.source,
      ]),
      notes: [
        'Modeled with today’s cost inputs over the reported period; per-BTC figures over the BTC reported where ' +
          'months were reported. fully-loaded = power + other mining cash costs + cash SG&A.',
      ],
    },
  ];
}

/** The periods to report for one company: the range given (in its calendar), or a default around the as-of date. */
function periodsOf(
  company: LoadedCompany,
  input: EstimatesInput,
  interval: ReportingInterval,
  asOfDay: DayNumber,
): CalendarPeriod[] {
  const calendar: ReportingCalendar = {
    fiscal: input.fiscal,
    fiscalYearEndMonth: Number(company.company.fiscalYearEnd.slice(0, 2)),
  };
  const range = interval === 'year' ? input.years : input.quarters;
  const field = interval === 'year' ? 'years' : 'quarters';
  if (range === undefined) {
    const current = reportingPeriodContaining(asOfDay, interval, calendar);
    const previous = reportingPeriodContaining((current.startDay - 1) as DayNumber, interval, calendar);
    const ahead = interval === 'year' ? 2 * 366 : 366;
    return reportingPeriodsBetween(previous.startDay, (current.startDay + ahead) as DayNumber, interval, calendar);
  }
  const example = input.fiscal ? (interval === 'year' ? 'FY26' : 'FY26Q1') : interval === 'year' ? '2025' : '2025Q4';
  const parse = (label: string) => {
    const period = reportingPeriodOfLabel(label, interval, calendar);
    if (!period)
      throw InputError.at([field], `"${label}" is not a ${input.fiscal ? 'fiscal ' : ''}${interval} like ${example}`);
    return period;
  };
  const from = parse(range.from);
  const to = parse(range.to);
  if (to.startDay < from.startDay) throw InputError.at([field], `${range.to} comes before ${range.from}`);
  return reportingPeriodsBetween(from.startDay, to.startDay, interval, calendar);
}

function periodResult(period: PeriodEstimate): PeriodEstimateResult {
  const { startDay, endDayExclusive, ...values } = period;
  const nullable = Object.fromEntries(
    Object.entries(values)
      .filter(([key]) => key !== 'capacityKnown')
      .map(([key, value]) => [key, typeof value === 'number' ? finiteOrNull(value) : value]),
  );
  return {
    ...(nullable as Omit<PeriodEstimateResult, 'start' | 'end'>),
    start: isoFromDay(startDay),
    end: isoFromDay((endDayExclusive - 1) as DayNumber),
  } as PeriodEstimateResult;
}

function periodLabel(period: PeriodEstimateResult): string {
  return `${period.period}${period.actualMonths.length > 0 ? '†' : ''}${period.projectedDays > 0 ? '‡' : ''}`;
}

const millions = (usd: number | null) => formatMillionsUsd(usd, 1);

const DETAIL_ROWS: [string, (p: PeriodEstimateResult) => string][] = [
  ['Days (history / projected)', (p) => `${p.historyDays} / ${p.projectedDays}`],
  [
    'Actual months',
    (p) => (p.actualMonths.length > 3 ? `${p.actualMonths.length} months` : p.actualMonths.join(' ') || '—'),
  ],
  ['BTC mined', (p) => formatNumber(p.btcMined)],
  ['Realized price $/BTC', (p) => formatUsd(p.realizedPriceUsd, 0)],
  ['Avg energized EH/s', (p) => formatNumber(p.avgEnergizedEhs, 2)],
  ['  of which displaced by HPC', (p) => formatNumber(p.avgDisplacedEhs, 2)],
  ['Avg operating EH/s', (p) => formatNumber(p.avgOperatingEhs, 2)],
  ['Avg network EH/s', (p) => formatNumber(p.avgNetworkEhs, 0)],
  ['Share of network', (p) => formatPct(p.networkShare === null ? null : p.networkShare * 100, 3)],
  ['Mining revenue', (p) => millions(p.miningRevenueUsd)],
  ['HPC revenue', (p) => millions(p.hpcRevenueUsd)],
  ['Total revenue', (p) => millions(p.totalRevenueUsd)],
  ['Power MWh', (p) => formatNumber(p.powerMwh)],
  ['Avg power MW', (p) => formatNumber(p.avgPowerMw, 1)],
  ['Power cost', (p) => millions(p.powerCostUsd)],
  ['Power credits', (p) => millions(p.powerCreditsUsd)],
  ['Net power $/MWh', (p) => formatUsd(p.netPowerUsdPerMwh)],
  ['Other mining cash costs', (p) => millions(p.otherMiningCashCostsUsd)],
  ['HPC operating costs', (p) => millions(p.hpcOperatingCostUsd)],
  ['Gross profit', (p) => millions(p.grossProfitUsd)],
  ['Cash SG&A', (p) => millions(p.cashSgaUsd)],
  ['Adjusted EBITDA', (p) => millions(p.adjustedEbitdaUsd)],
  ['Power cost $/BTC', (p) => formatUsd(p.powerCostPerBtcUsd, 0)],
  ['Cash cost $/BTC', (p) => formatUsd(p.cashCostPerBtcUsd, 0)],
  ['Hashcost $/PH/day', (p) => formatUsd(p.hashcostUsdPerPhDay)],
  ['Hashrevenue $/PH/day', (p) => formatUsd(p.hashrevenueUsdPerPhDay)],
];
