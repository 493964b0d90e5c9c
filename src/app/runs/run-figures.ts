/**
 * A run's outputs as figures: one number per company, period and metric, the unit diffs and attribution compare.
 * Estimates give one per quarter or year and metric; a valuation gives the target, upside, share price and each part
 * under the period `valuation`. Ratings travel beside them (RunCompany).
 */
import type { EstimatesResult } from '../../schema/estimates.ts';
import type { UpdateResult, ValueResult } from '../../schema/valuation.ts';
import type { RunCompany, RunFigure } from '../ports/run-store.ts';

export const VALUATION_PERIOD = 'valuation';

/** How many of a period's days are history or projection: labels, not estimates. */
const DAY_COUNTS = new Set(['historyDays', 'projectedDays']);

export type RunOutputs = { figures: RunFigure[]; companies: RunCompany[] };

/** `estimates`: one figure per company, period and metric; no ratings. */
export function estimatesFigures(estimates: EstimatesResult): RunOutputs {
  const figures = estimates.companies.flatMap((company) =>
    company.periods.flatMap((period) =>
      Object.entries(period)
        .filter(([metric, value]) => (typeof value === 'number' || value === null) && !DAY_COUNTS.has(metric))
        .map(([metric, value]) => ({
          ticker: company.ticker,
          period: period.period,
          metric,
          value: value as number | null,
        })),
    ),
  );
  return {
    figures,
    companies: estimates.companies.map((c) => ({ ticker: c.ticker, rating: null, targetUsd: null })),
  };
}

/** `update`: each company's valuation figures and its quarter's BTC mined and mining revenue. */
export function updateFigures(update: UpdateResult): RunOutputs {
  const figures = update.companies.flatMap((c) => [
    ...valuationFigures(c),
    { ticker: c.ticker, period: c.quarter.period, metric: 'btcMined', value: c.quarter.btcMined },
    { ticker: c.ticker, period: c.quarter.period, metric: 'miningRevenueUsd', value: c.quarter.miningRevenueUsd },
  ]);
  return {
    figures,
    companies: update.companies.map((c) => ({ ticker: c.ticker, rating: c.rating, targetUsd: c.targetUsd })),
  };
}

/** `value`: the one company's valuation figures. */
export function valueFigures({ company }: ValueResult): RunOutputs {
  return {
    figures: valuationFigures(company),
    companies: [{ ticker: company.ticker, rating: company.rating, targetUsd: company.targetUsd }],
  };
}

type ValuedRow = Pick<UpdateResult['companies'][number], 'ticker' | 'targetUsd' | 'upside' | 'sharePriceUsd' | 'parts'>;

function valuationFigures(row: ValuedRow): RunFigure[] {
  const figure = (metric: string, value: number) => ({ ticker: row.ticker, period: VALUATION_PERIOD, metric, value });
  return [
    figure('targetUsd', row.targetUsd),
    figure('upside', row.upside),
    figure('sharePriceUsd', row.sharePriceUsd),
    ...Object.entries(row.parts).map(([metric, value]) => figure(metric, value)),
  ];
}
