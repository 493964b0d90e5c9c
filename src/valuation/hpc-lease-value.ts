/**
 * Contracted HPC leases (DESIGN.md §6), each by one of three methods, times delivery probability and ownership:
 * - cap-rate: stabilized net operating income ÷ cap rate − remaining capex, discounted from the lease start
 *   (KBW's 6% cap rate on WULF's leases; JLL colocation 6–7%, reference/methods-sell-side.md §3);
 * - npv: the lease's NOI day by day over its term (ramp and escalator included) discounted, less remaining capex
 *   spent at the start; no value after the term (suits GPU-cloud contracts whose hardware wears out with the term);
 * - per-mw: critical-IT MW × equity USD per MW (the published J.P. Morgan layer, capex inside the multiple).
 * Critical-IT MW are the leased MW; the site ledger converts them to gross MW.
 */
import type { HpcContract } from '../company/company-model.ts';
import { DAYS_PER_YEAR, hpcDays } from '../company/hpc-revenue.ts';
import type { DayNumber } from '../units/calendar-day.ts';
import { input, type Explain, type Sourced } from './explain.ts';

export type HpcKind = 'colocation' | 'cloud';
export type LeaseMethod = 'cap-rate' | 'npv' | 'per-mw';

export interface LeaseAsset {
  name: string;
  kind: HpcKind;
  criticalItMw: Sourced;
  contract: HpcContract;
  remainingCapexUsd: Sourced;
  deliveryProbability: Sourced;
  ownership: Sourced;
  /**
   * Share of the lease's capacity lost to a power-policy rule (0 by default). It scales a positive value down; a lease
   * worth less than its remaining capex keeps its (negative) value, as the capex is committed.
   */
  forfeitedShare?: number | undefined;
}

export interface LeaseParameters {
  method: LeaseMethod;
  capRate?: Sourced | undefined;
  discountRatePerYear: Sourced;
  equityUsdPerItMw?: Sourced | undefined;
}

export interface LeaseValue {
  name: string;
  kind: HpcKind;
  method: LeaseMethod;
  criticalItMw: number;
  /** Before delivery probability and ownership. */
  grossValueUsd: number;
  valueUsd: number;
  explain: Explain;
}

export function leaseValue(lease: LeaseAsset, parameters: LeaseParameters, valuationDay: DayNumber): LeaseValue {
  const { contract } = lease;
  const weight = lease.deliveryProbability.value * lease.ownership.value;
  const kept = 1 - (lease.forfeitedShare ?? 0);
  const common = [
    input('delivery probability', lease.deliveryProbability, 'fraction'),
    input('ownership', lease.ownership, 'fraction'),
  ];
  const done = (grossValueUsd: number, formula: string, inputs: Explain['inputs']): LeaseValue => ({
    name: lease.name,
    kind: lease.kind,
    method: parameters.method,
    criticalItMw: lease.criticalItMw.value,
    grossValueUsd,
    valueUsd: grossValueUsd * weight * (grossValueUsd > 0 ? kept : 1),
    explain: {
      formula: `(${formula}) × delivery probability × ownership${kept < 1 ? ' × share not forfeited' : ''}`,
      inputs: [
        ...inputs,
        ...common,
        ...(kept < 1
          ? [{ name: 'share not forfeited (power policy)', value: kept, unit: 'fraction', source: 'power-policy rule' }]
          : []),
      ],
    },
  });
  if (contract.endDayExclusive <= valuationDay + 1) return done(0, 'the term has ended', []);

  const rate = parameters.discountRatePerYear.value;
  const discountTo = (day: number) => (1 + rate) ** (-Math.max(0, day - valuationDay) / DAYS_PER_YEAR);
  const rent = {
    name: 'first-year rent at full capacity',
    value: contract.firstYearRentUsdPerDay * DAYS_PER_YEAR,
    unit: 'USD/yr',
    source: 'company file (contract value or USD per kW-month, ramp, escalator)',
  };
  const margin = { name: 'NOI margin', value: contract.noiMargin, unit: 'fraction', source: 'company file' };
  const capex = input('remaining capex', lease.remainingCapexUsd, 'USD');
  const discount = input('discount rate r', parameters.discountRatePerYear, 'per year');

  switch (parameters.method) {
    case 'per-mw': {
      const perMw = required(parameters.equityUsdPerItMw, 'equityUsdPerItMw', parameters.method);
      return done(lease.criticalItMw.value * perMw.value, 'critical-IT MW × equity USD per MW', [
        input('critical-IT MW', lease.criticalItMw, 'MW'),
        input('equity per critical-IT MW', perMw, 'USD/MW'),
      ]);
    }
    case 'cap-rate': {
      const capRate = required(parameters.capRate, 'capRate', parameters.method);
      const noiUsdPerYear = rent.value * contract.noiMargin;
      const value = (noiUsdPerYear / capRate.value - lease.remainingCapexUsd.value) * discountTo(contract.startDay);
      const formula = 'first-year rent × NOI margin ÷ cap rate − remaining capex, × (1 + r)^−(years to start)';
      return done(value, formula, [rent, margin, input('cap rate', capRate, 'per year'), capex, discount]);
    }
    case 'npv': {
      const firstDay = Math.max(valuationDay + 1, contract.startDay) as DayNumber;
      const dayCount = contract.endDayExclusive - firstDay;
      const { revenueUsd } = hpcDays([contract], firstDay, dayCount);
      let noi = 0;
      for (let i = 0; i < dayCount; i++)
        noi += (revenueUsd[i] as number) * contract.noiMargin * discountTo(firstDay + i + 1);
      const value = noi - lease.remainingCapexUsd.value * discountTo(contract.startDay);
      const formula = 'Σ term days of rent × NOI margin × (1 + r)^−t − remaining capex at the start, discounted';
      return done(value, formula, [rent, margin, capex, discount]);
    }
  }
}

function required(parameter: Sourced | undefined, name: string, method: LeaseMethod): Sourced {
  if (!parameter) throw new RangeError(`the ${method} method needs ${name}`);
  return parameter;
}
