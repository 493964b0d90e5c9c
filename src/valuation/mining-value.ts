/**
 * Mining value: the gross profit the fleet earns over a horizon from the projection — the published "four-year
 * gross profit opportunity" (reference/methods-sell-side.md §2) — optionally discounted; or, as the alternative, an
 * EV/EH multiple on the operating hashrate at the valuation day.
 */
import type { CompanyDays } from '../company/company-days.ts';
import { DAYS_PER_YEAR } from '../company/hpc-revenue.ts';
import { input, type Explain, type Sourced } from './explain.ts';

export type MiningMethod = 'gross-profit' | 'ev-per-eh';

export interface MiningParameters {
  method: MiningMethod;
  horizonYears: Sourced;
  discountRatePerYear: Sourced;
  /** Switch machines off on days their revenue does not cover their power (the shutdown option). */
  shutdownWhenUnprofitable: boolean;
  /** USD per EH/s of operating hashrate, for the ev-per-eh method. */
  evPerEhUsd?: Sourced | undefined;
}

export interface MiningValue {
  valueUsd: number;
  /** Totals over the horizon, undiscounted. */
  btcMined: number;
  revenueUsd: number;
  cashCostUsd: number;
  operatingEhsAtStart: number;
  explain: Explain;
}

/**
 * Values the days of `days` from index `startIndex` (the first day after the valuation day) over the horizon.
 * Gross profit per day = mining revenue − power cost + power credits − other mining cash costs, where with the
 * shutdown option the machines earn max(0, revenue − power) (a miner switches off what does not cover its power);
 * each day discounted by (1 + r)^−(t / 365.25), t the days since the valuation day at the day's end.
 */
export function miningValue(days: CompanyDays, startIndex: number, parameters: MiningParameters): MiningValue {
  const horizonDays = Math.round(parameters.horizonYears.value * DAYS_PER_YEAR);
  const endIndex = startIndex + horizonDays;
  if (endIndex > days.dayCount)
    throw new RangeError(`the company days end ${endIndex - days.dayCount} days before the mining horizon`);
  const rate = parameters.discountRatePerYear.value;
  let grossProfitUsd = 0;
  let btcMined = 0;
  let revenueUsd = 0;
  let cashCostUsd = 0;
  for (let i = startIndex; i < endIndex; i++) {
    let revenue = days.miningRevenueUsd[i] as number;
    let power = days.powerCostUsd[i] as number;
    let btc = days.btcMined[i] as number;
    if (parameters.shutdownWhenUnprofitable && revenue < power) revenue = power = btc = 0;
    const cost = power - (days.powerCreditsUsd[i] as number) + (days.otherMiningCashCostsUsd[i] as number);
    const discount = rate === 0 ? 1 : (1 + rate) ** (-(i - startIndex + 1) / DAYS_PER_YEAR);
    grossProfitUsd += (revenue - cost) * discount;
    btcMined += btc;
    revenueUsd += revenue;
    cashCostUsd += cost;
  }
  const operatingEhsAtStart = days.operatingEhs[startIndex] as number;
  const totals = { btcMined, revenueUsd, cashCostUsd, operatingEhsAtStart };
  if (parameters.method === 'ev-per-eh') {
    const multiple = parameters.evPerEhUsd;
    if (!multiple) throw new RangeError('the ev-per-eh method needs evPerEhUsd');
    return {
      valueUsd: operatingEhsAtStart * multiple.value,
      ...totals,
      explain: {
        formula: 'operating EH/s on the first valued day × EV per EH/s',
        inputs: [
          {
            name: 'operating hashrate',
            value: operatingEhsAtStart,
            unit: 'EH/s',
            source: 'company model (fleet × realization × (1 − curtailment))',
          },
          input('EV per EH/s', multiple, 'USD per EH/s'),
        ],
      },
    };
  }
  return {
    valueUsd: grossProfitUsd,
    ...totals,
    explain: {
      formula:
        `Σ over ${horizonDays} days of ` +
        `(${parameters.shutdownWhenUnprofitable ? 'max(0, mining revenue − power)' : 'mining revenue − power'} ` +
        '+ credits − other mining cash costs) × (1 + r)^−(t/365.25)',
      inputs: [
        input('horizon', parameters.horizonYears, 'years'),
        input('discount rate r', parameters.discountRatePerYear, 'per year'),
        { name: 'BTC mined over the horizon', value: btcMined, unit: 'BTC', source: 'company model on the projection' },
        {
          name: 'mining revenue over the horizon',
          value: revenueUsd,
          unit: 'USD',
          source: 'company model on the projection',
        },
        {
          name: 'mining cash costs over the horizon',
          value: cashCostUsd,
          unit: 'USD',
          source: 'company model (power net of credits, other mining cash costs)',
        },
      ],
    },
  };
}
