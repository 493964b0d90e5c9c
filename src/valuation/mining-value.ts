/**
 * Mining value: the gross profit the fleet earns over a horizon from the projection — the published "four-year
 * gross profit opportunity" (reference/methods-sell-side.md §2) — less fleet refresh capex where the methodology
 * counts it, discounted at the methodology's rate; or, as the alternative, an EV/EH multiple on the operating
 * hashrate at the valuation day. Cash SG&A is a corporate cost, valued on its own (corporate-costs.ts).
 */
import type { CompanyDays } from '../company/company-days.ts';
import { DAYS_PER_YEAR } from '../company/hpc-revenue.ts';
import { input, type Explain, type Sourced } from './explain.ts';

export type MiningMethod = 'gross-profit' | 'ev-per-eh';

export interface MiningParameters {
  method: MiningMethod;
  horizonYears: Sourced;
  discountRatePerYear: Sourced;
  /** Switch machines off on days their revenue does not cover their mining cash cost (the shutdown option). */
  shutdownWhenUnprofitable: boolean;
  /** Subtract the fleet refresh capex that keeps the hashrate (a gross-profit "opportunity" does not). */
  subtractRefreshCapex: boolean;
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
 * Value per day = mining revenue − mining cash cost (power − power credits + hosting, site opex and other mining
 * cash costs) − fleet refresh capex (if counted). With the shutdown option a day whose revenue does not cover its
 * mining cash cost is switched off: no BTC, revenue, mining cash cost or refresh capex that day (the site is idled,
 * its fixed costs with it). Each day discounted by (1 + r)^−(t / 365.25), t the days since the valuation day at
 * the day's end.
 */
export function miningValue(days: CompanyDays, startIndex: number, parameters: MiningParameters): MiningValue {
  const horizonDays = Math.round(parameters.horizonYears.value * DAYS_PER_YEAR);
  const endIndex = startIndex + horizonDays;
  if (endIndex > days.dayCount)
    throw new RangeError(`the company days end ${endIndex - days.dayCount} days before the mining horizon`);
  const rate = parameters.discountRatePerYear.value;
  let valueUsd = 0;
  let btcMined = 0;
  let revenueUsd = 0;
  let cashCostUsd = 0;
  let refreshPresentValueUsd = 0;
  let daysOff = 0;
  // (1 + r)^−(t/365.25) carried day to day: one multiplication per day instead of a power.
  const dailyFactor = (1 + rate) ** (-1 / DAYS_PER_YEAR);
  let discount = dailyFactor;
  for (let i = startIndex; i < endIndex; i++, discount *= dailyFactor) {
    let revenue = days.miningRevenueUsd[i] as number;
    let btc = days.btcMined[i] as number;
    let cost =
      (days.powerCostUsd[i] as number) -
      (days.powerCreditsUsd[i] as number) +
      (days.otherMiningCashCostsUsd[i] as number);
    let refresh = parameters.subtractRefreshCapex ? (days.refreshCapexUsd[i] as number) : 0;
    if (parameters.shutdownWhenUnprofitable && revenue < cost) {
      revenue = btc = cost = refresh = 0;
      daysOff++;
    }
    valueUsd += (revenue - cost - refresh) * discount;
    refreshPresentValueUsd += refresh * discount;
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
    valueUsd,
    ...totals,
    explain: {
      formula:
        `Σ over ${horizonDays} days of ` +
        '(mining revenue − power + credits − hosting, site opex and other mining cash costs' +
        `${parameters.subtractRefreshCapex ? ' − fleet refresh capex' : ''}) × (1 + r)^−(t/365.25)` +
        (parameters.shutdownWhenUnprofitable
          ? '; a day whose revenue is below its mining cash cost is switched off (no revenue, cost or refresh)'
          : ''),
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
          source: 'company model (power net of credits, hosting, site opex, other mining cash costs)',
        },
        {
          name: 'fleet refresh capex, present value (subtracted)',
          value: refreshPresentValueUsd,
          unit: 'USD',
          source: 'company file fleet.refreshCapexUsdPerQuarter over the mining horizon',
        },
        { name: 'days switched off', value: daysOff, unit: 'days', source: 'the shutdown option' },
      ],
    },
  };
}
