/** `rerate cost-curve`: the sector cost curve of the covered miners (issue 21; docs/methodology.md). */
import { defineCommand, type TextSection } from '../command.ts';
import { sectorCostCurve } from '../sessions/sector-cost-curve.ts';
import { costCurveInputSchema, costCurveSchema, type CostCurveResult } from '../../schema/cost-curve.ts';
import { formatNumber, formatPct, formatUsd } from '../../present/format.ts';

type Quarter = CostCurveResult['quarters'][number];
type Company = Quarter['companies'][number];

export const costCurveCommand = defineCommand({
  name: 'cost-curve',
  summary: 'The sector cost curve: each miner’s cash cost per BTC and per PH/s-day, weighted by hashrate',
  description:
    'For the last calendar quarter reported by the as-of date and the model’s next quarters: each covered ' +
    'company’s cash cost per BTC and per PH/s-day (power, hosting and site opex; and with cash SG&A), its reported ' +
    'figure where its file has one for that quarter, else the model’s estimate (labelled); the companies sorted by ' +
    'cash cost per BTC with their cumulative share of the universe’s operating hashrate, rank and percentile; and ' +
    'the quarter’s BTC price and hashprice for reference.',
  examples: [
    'rerate cost-curve',
    'rerate cost-curve --as-of 2026-02-04 --quarters 2',
    'rerate cost-curve --scenario bear --json',
    'rerate cost-curve --csv',
  ],
  http: { heavy: true },
  inputSchema: costCurveInputSchema,
  outputSchema: costCurveSchema,
  async run(input, ports) {
    const { results, warnings, dataAsOf } = await sectorCostCurve(input, ports);
    return { results, asOf: results.asOf, dataAsOf, warnings };
  },
  textView(results) {
    return results.quarters.map((quarter) => quarterTable(results, quarter));
  },
  csvView(results) {
    return {
      columns: [
        'period',
        'kind',
        'rank',
        'ticker',
        'percentile',
        'share',
        'cumulative_share',
        'avg_operating_ehs',
        'btc_mined',
        'cash_cost_per_btc_usd',
        'cash_cost_per_btc_basis',
        'cash_cost_with_sga_per_btc_usd',
        'cash_cost_with_sga_per_btc_basis',
        'cash_cost_per_ph_day_usd',
        'cash_cost_per_ph_day_basis',
        'cash_cost_with_sga_per_ph_day_usd',
        'cash_cost_with_sga_per_ph_day_basis',
        'btc_price_usd',
        'hashprice_usd_per_ph_day',
      ],
      rows: results.quarters.flatMap((q) =>
        q.companies.map((c) => [
          q.period,
          q.kind,
          c.rank,
          c.ticker,
          c.percentile,
          c.share,
          c.cumulativeShare,
          c.avgOperatingEhs,
          c.btcMined,
          c.cashCostPerBtc.usd,
          c.cashCostPerBtc.basis,
          c.cashCostWithSgaPerBtc.usd,
          c.cashCostWithSgaPerBtc.basis,
          c.cashCostPerPhDay.usd,
          c.cashCostPerPhDay.basis,
          c.cashCostWithSgaPerPhDay.usd,
          c.cashCostWithSgaPerPhDay.basis,
          q.btcPriceUsd,
          q.hashpriceUsdPerPhDay,
        ]),
      ),
    };
  },
});

/** A reported figure is marked R; a modeled one is not. */
const cost = (c: Company['cashCostPerBtc'], decimals: number) =>
  `${formatUsd(c.usd, decimals)}${c.basis === 'reported' ? ' R' : ''}`;

function quarterTable(results: CostCurveResult, quarter: Quarter): TextSection {
  const kind =
    quarter.kind === 'last-reported'
      ? 'last reported quarter'
      : `model${quarter.projectedDays > 0 ? `, ${quarter.projectedDays} projected days` : ''}`;
  return {
    kind: 'table',
    title:
      `Cost curve ${quarter.period} (${kind}) as of ${results.asOf}, scenario ${results.scenario.name} — ` +
      `BTC ${formatUsd(quarter.btcPriceUsd, 0)}, hashprice ${formatUsd(quarter.hashpriceUsdPerPhDay)}/PH/day`,
    columns: [
      'Rank',
      'Ticker',
      'Cash $/BTC',
      'w/ SG&A $/BTC',
      'Cash $/PH/day',
      'w/ SG&A $/PH/day',
      'Op. EH/s',
      'Share',
      'Cumulative',
      'Percentile',
      'Margin $/BTC',
    ],
    rows: [
      ...quarter.companies.map((c) => [
        String(c.rank),
        c.ticker,
        cost(c.cashCostPerBtc, 0),
        cost(c.cashCostWithSgaPerBtc, 0),
        cost(c.cashCostPerPhDay, 2),
        cost(c.cashCostWithSgaPerPhDay, 2),
        formatNumber(c.avgOperatingEhs, 1),
        formatPct(c.share * 100, 1),
        formatPct(c.cumulativeShare * 100, 1),
        formatNumber(c.percentile, 0),
        formatUsd(c.marginPerBtcUsd, 0),
      ]),
      [
        '',
        'Weighted',
        formatUsd(quarter.weightedCashCostPerBtcUsd, 0),
        '',
        formatUsd(quarter.weightedCashCostPerPhDayUsd, 2),
        '',
        formatNumber(quarter.totalOperatingEhs, 1),
        '',
        '',
        '',
        '',
      ],
    ],
    notes: [
      'R = the company’s reported figure for the quarter (sources in --json); otherwise the model’s estimate.',
      ...quarter.apart.map((a) => `${a.ticker} not on the curve: ${a.reason}.`),
      ...(quarter.kind === 'last-reported'
        ? Object.entries(results.definitions).map(([term, text]) => `${term}: ${text}.`)
        : []),
    ],
  };
}
