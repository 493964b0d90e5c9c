/**
 * The sector cost curve over quarters (issue 21): every covered company's quarterly estimates (one network span,
 * reported months in place of modeled ones, src/app/sessions/company-estimates.ts), its cash cost per BTC and per
 * PH/s-day — the company's reported figure for the quarter where its file has one, else the model's — and the curve
 * of each quarter, weighted by average operating hashrate, with the network's price and hashprice for reference.
 */
import type { PeriodEstimate } from '../../company/period-estimates.ts';
import { costCurve } from '../../company/cost-curve.ts';
import { lastReportedQuarter, quartersAfter } from '../../company/last-reported-quarter.ts';
import type { NetworkDays } from '../../company/network-days.ts';
import type { CostBasis, CostCurveInput, CostCurveResult, CurveQuarter } from '../../schema/cost-curve.ts';
import type { CompanyFile } from '../../schema/company.ts';
import type { ResultWarning } from '../../schema/result-envelope.ts';
import { isoFromDay, type DayNumber } from '../../units/calendar-day.ts';
import type { CalendarPeriod } from '../../units/calendar-period.ts';
import type { AppPorts } from '../ports/app-ports.ts';
import { estimateCompanies, type CompanyEstimate } from './company-estimates.ts';
import { openMarketFraming } from './framing.ts';

/** The four unit costs of a company's quarter, each with where it comes from. */
interface UnitCosts {
  cashCostPerBtc: { usd: number; basis: CostBasis };
  cashCostWithSgaPerBtc: { usd: number; basis: CostBasis };
  cashCostPerPhDay: { usd: number; basis: CostBasis };
  cashCostWithSgaPerPhDay: { usd: number; basis: CostBasis };
  sources: string[];
}

/** Reported metrics of the company file (fleet.reportedCosts) and the unit cost each stands for. */
const REPORTED_METRIC_OF: Record<string, keyof Omit<UnitCosts, 'sources'>> = {
  'cash-cost-per-btc': 'cashCostPerBtc',
  'fully-loaded-cost-per-btc': 'cashCostWithSgaPerBtc',
  'cash-cost-per-ph-day': 'cashCostPerPhDay',
};

export async function sectorCostCurve(
  input: CostCurveInput,
  ports: AppPorts,
): Promise<{ results: CostCurveResult; warnings: ResultWarning[]; dataAsOf: Record<string, string> }> {
  const framing = await openMarketFraming(input, ports);
  const { asOfDay, state } = framing;
  const reportedQuarter = lastReportedQuarter(asOfDay);
  const quarters = [reportedQuarter, ...quartersAfter(reportedQuarter, input.quarters)];
  const companies = await Promise.all(
    (await ports.coverage.tickers()).map((ticker) => ports.coverage.load(ticker, 'target')),
  );
  const { figures: reported } = await ports.reported.embedded();
  const run = await estimateCompanies({
    framing,
    companies,
    periodsOf: () => quarters,
    reported,
    periodField: 'quarters',
  });
  return {
    results: {
      asOf: isoFromDay(asOfDay),
      scenario: { name: framing.scenario.scenario.name, file: framing.scenario.file },
      lastReportedQuarter: reportedQuarter.label,
      quarters: quarters.map((quarter, q) => curveQuarter(quarter, q, run.companies, run.network)),
      definitions: COST_CURVE_DEFINITIONS,
    },
    warnings: run.warnings,
    dataAsOf: state.dataAsOf,
  };
}

export const COST_CURVE_DEFINITIONS: Record<string, string> = {
  cashCostPerBtc:
    'cash cost per BTC mined = (power net of credits + hosting fees + site opex + other mining cash costs) ÷ BTC ' +
    'mined; excludes SG&A, depreciation, stock-based compensation and HPC costs',
  cashCostWithSgaPerBtc: 'the same plus the company’s cash SG&A (all-in cash cost), ÷ BTC mined',
  cashCostPerPhDay: 'cash cost per PH/s of average operating hashrate per day (with SG&A: the same plus cash SG&A)',
  weighting:
    'hashrate-weighted: each company weighs its average operating EH/s in the quarter; companies sorted by cash cost ' +
    'per BTC, cumulative share of the universe’s operating hashrate; percentile = 100 × (hashrate cheaper + half its ' +
    'own) ÷ total',
  lastReportedQuarter:
    'the last calendar quarter whose results are due by the as-of date: 40 days after a quarter’s end (10-Q), 60 ' +
    'after the fourth (10-K), the deadlines of large accelerated filers',
  basis:
    'reported = the company’s own figure for exactly that quarter (fleet.reportedCosts of its file, cited); modeled ' +
    '= the estimate (reported monthly production in place of modeled months; the projection after the as-of date)',
  reference: 'the quarter’s mean daily BTC price and hashprice (USD per PH/s per day before pool fees)',
};

function curveQuarter(
  quarter: CalendarPeriod,
  index: number,
  estimates: readonly CompanyEstimate[],
  network: NetworkDays,
): CurveQuarter {
  const rows = estimates.map((estimate) => {
    const period = estimate.periods[index] as PeriodEstimate;
    const costs = unitCosts(period, index === 0 ? estimate.loaded.company : undefined, quarter);
    return { ticker: estimate.loaded.company.ticker, period, costs };
  });
  // A company whose hashrate history starts inside the quarter has no cost for it: set apart with that reason.
  const known = rows.filter((row) => row.period.capacityKnown);
  const unknown = rows
    .filter((row) => !row.period.capacityKnown)
    .map((row) => ({
      ticker: row.ticker,
      reason: 'its file’s hashrate history starts after the quarter begins (valuedFrom in rerate coverage list)',
    }));
  const curve = costCurve(
    known.map((row) => ({ key: row.ticker, cost: row.costs.cashCostPerBtc.usd, weight: row.period.avgOperatingEhs })),
  );
  const byTicker = new Map(rows.map((row) => [row.ticker, row]));
  const perPhDay = costCurve(
    known.map((row) => ({ key: row.ticker, cost: row.costs.cashCostPerPhDay.usd, weight: row.period.avgOperatingEhs })),
  );
  const first = rows[0]?.period;
  const reference = networkReference(network, quarter);
  return {
    period: quarter.label,
    start: isoFromDay(quarter.startDay),
    end: isoFromDay((quarter.endDayExclusive - 1) as DayNumber),
    kind: index === 0 ? 'last-reported' : 'model',
    historyDays: first?.historyDays ?? 0,
    projectedDays: first?.projectedDays ?? 0,
    ...reference,
    weightedCashCostPerBtcUsd: finite(curve.weightedMeanCost),
    weightedCashCostPerPhDayUsd: finite(perPhDay.weightedMeanCost),
    totalOperatingEhs: curve.totalWeight,
    companies: curve.places.map((place) => {
      const { period, costs } = byTicker.get(place.key) as (typeof rows)[number];
      const nullable = (cost: { usd: number; basis: CostBasis }) => ({ usd: finite(cost.usd), basis: cost.basis });
      return {
        ticker: place.key,
        rank: place.rank,
        percentile: place.percentile,
        share: place.share,
        cumulativeShareBefore: place.cumulativeShareBefore,
        cumulativeShare: place.cumulativeShare,
        avgOperatingEhs: period.avgOperatingEhs,
        btcMined: period.btcMined,
        cashCostPerBtc: nullable(costs.cashCostPerBtc),
        cashCostWithSgaPerBtc: nullable(costs.cashCostWithSgaPerBtc),
        cashCostPerPhDay: nullable(costs.cashCostPerPhDay),
        cashCostWithSgaPerPhDay: nullable(costs.cashCostWithSgaPerPhDay),
        marginPerBtcUsd: finite(period.realizedPriceUsd - costs.cashCostPerBtc.usd),
        actualMonths: period.actualMonths,
        sources: costs.sources,
      };
    }),
    apart: [...unknown, ...curve.apart.map((a) => ({ ticker: a.key, reason: a.reason }))],
  };
}

/**
 * A company's unit costs for a quarter from its estimate; for the last reported quarter, a figure the company file
 * reports for exactly that quarter takes the place of the model's.
 */
export function unitCosts(
  period: PeriodEstimate,
  company: CompanyFile | undefined,
  quarter: CalendarPeriod,
): UnitCosts {
  const cash = period.netPowerCostUsd + period.otherMiningCashCostsUsd;
  const withSga = cash + period.cashSgaUsd;
  const phDays = period.avgOperatingEhs * 1000 * period.days;
  const modeled = (usd: number) => ({ usd, basis: 'modeled' as CostBasis });
  const costs: UnitCosts = {
    cashCostPerBtc: modeled(period.btcMined > 0 ? cash / period.btcMined : NaN),
    cashCostWithSgaPerBtc: modeled(period.btcMined > 0 ? withSga / period.btcMined : NaN),
    cashCostPerPhDay: modeled(phDays > 0 ? cash / phDays : NaN),
    cashCostWithSgaPerPhDay: modeled(phDays > 0 ? withSga / phDays : NaN),
    sources: [],
  };
  const from = isoFromDay(quarter.startDay);
  const to = isoFromDay((quarter.endDayExclusive - 1) as DayNumber);
  for (const cost of company?.fleet.reportedCosts ?? []) {
    const column = REPORTED_METRIC_OF[cost.metric];
    if (!column || cost.from !== from || cost.to !== to) continue;
    costs[column] = { usd: cost.valueUsd, basis: 'reported' };
    costs.sources.push(`${cost.metric}: ${cost.source}`);
  }
  return costs;
}

/** The quarter's mean daily BTC price and network hashprice (USD per PH/s per day, before pool fees). */
function networkReference(network: NetworkDays, quarter: CalendarPeriod) {
  const from = quarter.startDay - network.firstDay;
  const to = quarter.endDayExclusive - network.firstDay;
  let price = 0;
  let hashprice = 0;
  for (let i = from; i < to; i++) {
    price += network.priceUsd[i] as number;
    // btcPerEhDay is per EH/s; a PH/s earns a thousandth of it.
    hashprice += ((network.btcPerEhDay[i] as number) / 1000) * (network.priceUsd[i] as number);
  }
  return { btcPriceUsd: price / (to - from), hashpriceUsdPerPhDay: hashprice / (to - from) };
}

const finite = (value: number): number | null => (Number.isFinite(value) ? value : null);
