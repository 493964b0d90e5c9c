/**
 * HPC lease revenue day by day: each contract earns its first-year rent per day, escalated at each lease
 * anniversary, ramped in linearly over its ramp, from its start to the end of its term. The lease's operating cost
 * is the revenue not kept as net operating income: revenue × (1 − NOI margin).
 */
import type { DayNumber } from '../units/calendar-day.ts';
import type { HpcContract } from './company-model.ts';

export const DAYS_PER_YEAR = 365.25;

export interface HpcDays {
  revenueUsd: Float64Array;
  operatingCostUsd: Float64Array;
}

export function hpcDays(contracts: readonly HpcContract[], firstDay: DayNumber, dayCount: number): HpcDays {
  const revenueUsd = new Float64Array(dayCount);
  const operatingCostUsd = new Float64Array(dayCount);
  for (const contract of contracts) {
    const from = Math.max(0, contract.startDay - firstDay);
    const to = Math.min(dayCount, contract.endDayExclusive - firstDay);
    for (let i = from; i < to; i++) {
      const revenue = contractRentOnDay(contract, firstDay + i - contract.startDay);
      revenueUsd[i] = (revenueUsd[i] as number) + revenue;
      operatingCostUsd[i] = (operatingCostUsd[i] as number) + revenue * (1 - contract.noiMargin);
    }
  }
  return { revenueUsd, operatingCostUsd };
}

/** Share of the contracted capacity in service `daysIn` days after the start, at mid-day: linear over the ramp. */
export function inServiceShare(contract: HpcContract, daysIn: number): number {
  return contract.rampDays > 0 ? Math.min(1, (daysIn + 0.5) / contract.rampDays) : 1;
}

/** Rent earned on the day `daysIn` days after the start: first-year rent, escalated each anniversary, ramped. */
export function contractRentOnDay(contract: HpcContract, daysIn: number): number {
  const leaseYear = Math.floor(daysIn / DAYS_PER_YEAR);
  return (
    contract.firstYearRentUsdPerDay * (1 + contract.escalatorPerYear) ** leaseYear * inServiceShare(contract, daysIn)
  );
}

/**
 * First-year rent per day of a contract given by its total value over the term: the rent at which the stream this
 * module earns — ramped in over `rampDays`, escalated at each anniversary, over `termDays` — sums to the contract
 * value.
 */
export function firstYearRentFromContractValue(
  contractValueUsd: number,
  termDays: number,
  rampDays: number,
  escalatorPerYear: number,
): number {
  const unit: HpcContract = {
    name: '',
    startDay: 0 as DayNumber,
    endDayExclusive: termDays as DayNumber,
    rampDays,
    firstYearRentUsdPerDay: 1,
    escalatorPerYear,
    noiMargin: 1,
  };
  const { revenueUsd } = hpcDays([unit], 0 as DayNumber, termDays);
  let total = 0;
  for (let i = 0; i < termDays; i++) total += revenueUsd[i] as number;
  return contractValueUsd / total;
}

/** First-year rent per day of a contract priced per kW of critical IT per month. */
export function firstYearRentFromKwMonth(usdPerKwMonth: number, criticalItMw: number): number {
  return (usdPerKwMonth * criticalItMw * 1000 * 12) / DAYS_PER_YEAR;
}
