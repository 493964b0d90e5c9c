/**
 * A run's outputs as figures: one number per company, period and metric, the unit diffs and attribution compare.
 * Estimates give one per quarter or year and metric; a valuation gives the target, upside, share price and each part
 * under the period `valuation`. Ratings travel beside them (RunCompany).
 */
import type { EstimatesResult } from '../../schema/estimates.ts';
import type { UpdateResult, ValueResult } from '../../schema/valuation.ts';
import type { RunCompany } from '../ports/run-store.ts';
import type { RunFigure } from '../ports/run-store.ts';

export const VALUATION_PERIOD = 'valuation';

/** How many of a period's days are history or projection: labels, not estimates. */
const DAY_COUNTS = new Set(['historyDays', 'projectedDays']);

/** The commands whose runs are saved, and so can be listed, replayed and diffed. */
export const SAVED_COMMANDS = ['update', 'value', 'estimates'] as const;
export type SavedCommandName = (typeof SAVED_COMMANDS)[number];

export function isSavedCommand(name: string): name is SavedCommandName {
  return (SAVED_COMMANDS as readonly string[]).includes(name);
}

export function figuresOfRun(command: string, results: unknown): { figures: RunFigure[]; companies: RunCompany[] } {
  if (command === 'estimates') {
    const estimates = results as EstimatesResult;
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
  if (command === 'update') {
    const update = results as UpdateResult;
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
  if (command === 'value') {
    const { company } = results as ValueResult;
    return {
      figures: valuationFigures(company),
      companies: [{ ticker: company.ticker, rating: company.rating, targetUsd: company.targetUsd }],
    };
  }
  throw new Error(`internal error: ${command} runs are not saved`);
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
