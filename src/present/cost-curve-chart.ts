/**
 * The chart spec of one quarter of `rerate cost-curve` (issue 21): each company a bar as wide as its share of the
 * universe's operating hashrate and as tall as its cash cost per BTC, cheapest first, the quarter's BTC price across.
 * The dashboard renders it; the same spec renders in the note.
 */
import type { CostCurveResult } from '../schema/cost-curve.ts';
import type { CostCurveChart } from './charts/chart-spec.ts';

export function costCurveChart(curve: CostCurveResult, quarterIndex = 0): CostCurveChart | undefined {
  const quarter = curve.quarters[quarterIndex];
  if (!quarter) return undefined;
  return {
    kind: 'cost-curve',
    id: `cost-curve-${quarter.period}`,
    title:
      `Sector cost curve ${quarter.period} (${quarter.kind === 'last-reported' ? 'last reported' : 'model'}): ` +
      'cash cost per BTC by share of operating hashrate',
    unit: 'USD per BTC',
    widthLabel: 'share of operating hashrate',
    steps: quarter.companies.flatMap((c) =>
      c.cashCostPerBtc.usd === null
        ? []
        : [
            {
              label: `${c.ticker}${c.cashCostPerBtc.basis === 'reported' ? ' (reported)' : ''}`,
              value: c.cashCostPerBtc.usd,
              from: c.cumulativeShareBefore,
              to: c.cumulativeShare,
            },
          ],
    ),
    reference: { label: `BTC price, ${quarter.period} mean`, value: quarter.btcPriceUsd },
  };
}
