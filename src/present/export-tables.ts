/**
 * The export's tables built from command results (DESIGN.md §10): estimates, valuation, the sector cost curve and the
 * daily network projection, numbers as numbers with their units in the headers.
 */
import type { CostCurveResult } from '../schema/cost-curve.ts';
import type { EstimatesResult, PeriodEstimateResult } from '../schema/estimates.ts';
import type { NetworkProjectionResult } from '../schema/projection.ts';
import type { UpdateResult } from '../schema/valuation.ts';
import type { CompsResult } from '../schema/comps.ts';
import type { ExportColumn, ExportTable } from './export-table.ts';
import { enterpriseValuePartUsd } from './enterprise-value-parts.ts';

const number = (header: string, unit?: string): ExportColumn =>
  unit === undefined ? { header, kind: 'number' } : { header, unit, kind: 'number' };
const text = (header: string): ExportColumn => ({ header, kind: 'text' });
const date = (header: string): ExportColumn => ({ header, kind: 'date' });

/** The estimates command's numeric metrics, in its detail view's order, with their units. */
const ESTIMATE_METRICS: [keyof PeriodEstimateResult & string, string, string][] = [
  ['btcMined', 'BTC mined', 'BTC'],
  ['realizedPriceUsd', 'Realized price', 'USD/BTC'],
  ['miningRevenueUsd', 'Mining revenue', 'USD'],
  ['hpcRevenueUsd', 'HPC revenue', 'USD'],
  ['totalRevenueUsd', 'Total revenue', 'USD'],
  ['avgEnergizedEhs', 'Avg energized hashrate', 'EH/s'],
  ['avgDisplacedEhs', 'Avg hashrate displaced by HPC', 'EH/s'],
  ['avgOperatingEhs', 'Avg operating hashrate', 'EH/s'],
  ['avgNetworkEhs', 'Avg network hashrate', 'EH/s'],
  ['networkShare', 'Share of network', '%'],
  ['powerMwh', 'Power', 'MWh'],
  ['avgPowerMw', 'Avg power', 'MW'],
  ['powerCostUsd', 'Power cost', 'USD'],
  ['powerCreditsUsd', 'Power credits', 'USD'],
  ['netPowerCostUsd', 'Net power cost', 'USD'],
  ['netPowerUsdPerMwh', 'Net power price', 'USD/MWh'],
  ['otherMiningCashCostsUsd', 'Other mining cash costs', 'USD'],
  ['hpcOperatingCostUsd', 'HPC operating costs', 'USD'],
  ['grossProfitUsd', 'Gross profit', 'USD'],
  ['cashSgaUsd', 'Cash SG&A', 'USD'],
  ['adjustedEbitdaUsd', 'Adjusted EBITDA', 'USD'],
  ['powerCostPerBtcUsd', 'Power cost per BTC', 'USD/BTC'],
  ['cashCostPerBtcUsd', 'Cash cost per BTC', 'USD/BTC'],
  ['hashcostUsdPerPhDay', 'Hashcost', 'USD/PH/day'],
  ['hashrevenueUsdPerPhDay', 'Hashrevenue', 'USD/PH/day'],
];

export function estimatesTable(estimates: EstimatesResult): ExportTable {
  return {
    name: 'estimates',
    title:
      `Quarterly estimates as of ${estimates.asOf}, scenario ${estimates.scenario.name} ` +
      '(reported months replace modeled ones)',
    columns: [
      text('Ticker'),
      text('Company'),
      text('Quarter'),
      date('Start'),
      date('End'),
      number('Days'),
      number('Projected days'),
      text('Reported months'),
      ...ESTIMATE_METRICS.map(([, header, unit]) => number(header, unit)),
    ],
    rows: estimates.companies.flatMap((company) =>
      company.periods.map((period) => [
        company.ticker,
        company.name,
        period.period,
        period.start,
        period.end,
        period.days,
        period.projectedDays,
        period.actualMonths.join(' '),
        ...ESTIMATE_METRICS.map(([key]) => period[key] as number | null),
      ]),
    ),
  };
}

export function valuationTable(valuation: UpdateResult): ExportTable {
  return {
    name: 'valuation',
    title:
      `Ratings and price targets for ${valuation.targetDate} as of ${valuation.asOf}, ` +
      `methodology ${valuation.methodology.name}, scenario ${valuation.scenario.name}`,
    columns: [
      text('Ticker'),
      text('Company'),
      text('Rating'),
      number('Target', 'USD/share'),
      number('Price', 'USD/share'),
      date('Price date'),
      text('Price source'),
      number('Upside', '%'),
      number('Mining', 'USD'),
      number('Corporate cash SG&A', 'USD'),
      number('Power and land', 'USD'),
      number('HPC leases', 'USD'),
      number('HPC pipeline', 'USD'),
      number('Roll-forward to target date', 'USD'),
      number('BTC treasury', 'USD'),
      number('Cash', 'USD'),
      number('Debt, not convertible', 'USD'),
      number('Other claims', 'USD'),
      number('Convertibles, debt or bond floor + option', 'USD'),
      number('Equity value', 'USD'),
      number('Diluted shares', 'shares'),
      date('Target date'),
      date('As of'),
      text('Methodology'),
      text('Scenario'),
      text('Notes'),
    ],
    rows: [
      ...valuation.companies.map((c) => [
        c.ticker,
        c.name,
        c.rating,
        c.targetUsd,
        c.sharePriceUsd,
        c.sharePriceDate,
        c.sharePriceSource,
        c.upside,
        c.parts.miningUsd,
        negated(c.parts.corporateCostsUsd),
        c.parts.powerAndLandUsd,
        c.parts.hpcLeasesUsd,
        c.parts.hpcPipelineUsd,
        c.parts.rollForwardUsd,
        c.parts.btcTreasuryUsd,
        c.parts.cashUsd,
        negated(c.parts.straightDebtUsd),
        negated(c.parts.otherClaimsUsd),
        negated(c.parts.convertibleDebtUsd),
        c.parts.equityValueUsd,
        c.parts.dilutedShares,
        valuation.targetDate,
        valuation.asOf,
        valuation.methodology.name,
        valuation.scenario.name,
        c.notes.join('; '),
      ]),
      // Companies without figures by the as-of date: no figures, the reason in the notes.
      ...valuation.notValued.map((c) => [
        c.ticker,
        c.name,
        'not valued',
        ...Array<null>(18).fill(null),
        valuation.targetDate,
        valuation.asOf,
        valuation.methodology.name,
        valuation.scenario.name,
        c.reason,
      ]),
    ],
  };
}

/** The comps of `rerate comps`, one row per company: EV's parts summed by kind (signed as EV adds them). */
export function compsTable(comps: CompsResult): ExportTable {
  const part = enterpriseValuePartUsd;
  return {
    name: 'comps',
    title:
      `Comps as of ${comps.asOf}, methodology ${comps.methodology.name}, scenario ${comps.scenario.name} ` +
      '(EV = market cap + debt + convertibles at face + other claims − cash − BTC)',
    columns: [
      text('Ticker'),
      number('Price', 'USD/share'),
      date('Price date'),
      number('Basic shares', 'shares'),
      number('Market cap', 'USD'),
      number('Diluted market cap', 'USD'),
      date('Balance sheet date'),
      number('Debt, not convertible', 'USD'),
      number('Convertibles at face', 'USD'),
      number('Other claims', 'USD'),
      number('Cash', 'USD'),
      number('BTC held at the as-of close', 'USD'),
      number('Enterprise value', 'USD'),
      number('Installed hashrate', 'EH/s'),
      number('Realized hashrate', 'EH/s'),
      text('Realized over'),
      number('Operating', 'MW'),
      number('Under construction', 'MW'),
      number('Approved', 'MW'),
      number('EV per installed EH/s', 'USD'),
      number('EV per realized EH/s', 'USD'),
      number('EV per operating MW', 'USD'),
      number('EV per MW under construction', 'USD'),
      number('EV per approved MW', 'USD'),
      number('HPC parts', 'USD'),
      number('Price-to-hash (mining EV per EH/s)', 'USD'),
      number('EV / EBITDA, next four quarters'),
      number('Mining EV / block-reward gross profit'),
      number('Implied HPC', 'MW'),
      number('Room for HPC', 'MW'),
      number('Implied HPC share', '%'),
      text('Implied HPC'),
    ],
    rows: comps.companies.map((c) => [
      c.ticker,
      c.sharePriceUsd,
      c.sharePriceDate,
      c.basicShares,
      c.marketCapUsd,
      c.dilutedMarketCapUsd,
      c.balanceSheetAsOf,
      part(c, 'straight-debt'),
      part(c, 'convertible'),
      part(c, 'other-claims'),
      negated(part(c, 'cash')),
      negated(part(c, 'btc')),
      c.enterpriseValueUsd,
      c.installedEhs,
      c.realizedEhs,
      c.realizedPeriod,
      c.mw.operating,
      c.mw.underConstruction,
      c.mw.approved,
      c.evPerInstalledEhsUsd,
      c.evPerRealizedEhsUsd,
      c.evPerMwUsd.operating,
      c.evPerMwUsd.underConstruction,
      c.evPerMwUsd.approved,
      c.hpcValueUsd,
      c.priceToHashUsdPerEhs,
      c.evToNextFourQuartersEbitda,
      c.miningEvToBlockRewardGrossProfit,
      c.impliedHpc.impliedMw,
      c.impliedHpc.roomMw,
      c.impliedHpc.share,
      c.impliedHpc.explanation,
    ]),
  };
}

/** A claim as a negative line of the bridge (0 stays 0, not −0). */
const negated = (usd: number) => (usd === 0 ? 0 : -usd);

export const SENSITIVITY_COLUMNS: ExportColumn[] = [
  text('Ticker'),
  number('BTC price', 'USD'),
  number('Network growth', '%/yr'),
  number('Target', 'USD/share'),
];

export function networkTable(network: NetworkProjectionResult): ExportTable {
  const metric = (row: NetworkProjectionResult['rows'][number], key: string): number | null => {
    const value = row.metrics[key];
    return typeof value === 'number' ? value : null;
  };
  return {
    name: 'network',
    title:
      `Network projection by day after ${network.asOf} through ${network.to}, scenario ${network.scenario.name}, ` +
      'deterministic (expected values)',
    columns: [
      date('Date'),
      number('Expected height at end of day'),
      number('Blocks'),
      number('Difficulty'),
      number('Hashrate', 'EH/s'),
      number('Issuance', 'BTC'),
      number('Fees', 'BTC'),
      number('Price', 'USD'),
      number('Hashvalue', 'BTC/EH/day'),
      number('Hashprice', 'USD/PH/day'),
    ],
    rows: network.rows.map((row) => [
      row.from,
      metric(row, 'endHeight'),
      metric(row, 'blocks'),
      metric(row, 'difficulty'),
      metric(row, 'hashrateEhs'),
      metric(row, 'issuanceBtc'),
      metric(row, 'feesBtc'),
      metric(row, 'priceUsd'),
      metric(row, 'btcPerEhDay'),
      metric(row, 'hashpriceUsdPerPhDay'),
    ]),
  };
}

export const SOURCES_COLUMNS: ExportColumn[] = [text('Section'), text('Item'), text('Value'), text('Detail')];

/** `rerate cost-curve`: one row per quarter and company on the curve, cheapest first (issue 21). */
export function costCurveTable(curve: CostCurveResult): ExportTable {
  const costs = [
    ['cashCostPerBtc', 'Cash cost per BTC', 'USD/BTC'],
    ['cashCostWithSgaPerBtc', 'Cash cost with SG&A per BTC', 'USD/BTC'],
    ['cashCostPerPhDay', 'Cash cost per PH/s-day', 'USD/PH/day'],
    ['cashCostWithSgaPerPhDay', 'Cash cost with SG&A per PH/s-day', 'USD/PH/day'],
  ] as const;
  return {
    name: 'cost-curve',
    title:
      `Sector cost curve as of ${curve.asOf}, scenario ${curve.scenario.name}: last reported quarter ` +
      `${curve.lastReportedQuarter} and the model's next quarters, hashrate-weighted`,
    columns: [
      text('Quarter'),
      text('Kind'),
      number('Rank'),
      text('Ticker'),
      number('Percentile', '0-100'),
      number('Share of hashrate', 'fraction'),
      number('Cumulative share', 'fraction'),
      number('Avg operating hashrate', 'EH/s'),
      number('BTC mined', 'BTC'),
      ...costs.flatMap(([, header, unit]) => [number(header, unit), text(`${header}: basis`)]),
      number('Margin per BTC', 'USD/BTC'),
      number('BTC price (quarter mean)', 'USD/BTC'),
      number('Hashprice (quarter mean)', 'USD/PH/day'),
    ],
    rows: curve.quarters.flatMap((quarter) =>
      quarter.companies.map((c) => [
        quarter.period,
        quarter.kind,
        c.rank,
        c.ticker,
        c.percentile,
        c.share,
        c.cumulativeShare,
        c.avgOperatingEhs,
        c.btcMined,
        ...costs.flatMap(([key]) => [c[key].usd, c[key].basis]),
        c.marginPerBtcUsd,
        quarter.btcPriceUsd,
        quarter.hashpriceUsdPerPhDay,
      ]),
    ),
  };
}
