/**
 * The cash flows of one contracted HPC lease from the valuation day to the end of its term, and their present value
 * (docs/methodology.md "HPC lease valuation"). Rent and opex accrue day by day; capex, prepayment receipts, the
 * terminal value and the GPU residual are lump sums on their days. One discount convention: a day's rent and opex are
 * discounted from the end of the day, a lump sum from its day, both at (1 + r)^−(days after the valuation day ÷
 * 365.25), with r = the methodology's base rate + the tenant's credit spread.
 *
 * - rent: first-year rent, escalated at each anniversary, ramped in linearly (src/company/hpc-revenue.ts);
 * - opex: colocation rent × (1 − NOI margin) (the tenant pays its power); GPU cloud power (gross MW × 24 h × $/MWh)
 *   plus other opex per IT MW-year, both scaled by the capacity in service;
 * - capex: facility and GPU capex on the company file's schedule, or spread evenly month by month over the
 *   methodology's months before the start (a schedule date already past is spent on the valuation day); GPU cloud
 *   buys its GPUs again at each GPU life that ends inside the term (refresh);
 * - prepayment: receipts (+) on their days (those on or before the valuation day are already in cash), credited back
 *   against rent (−) pro rata to rent from the crediting lease year to the end of the term;
 * - terminal value at the end of the term: renewal probability × the final lease year's NOI ÷ exit cap rate for
 *   colocation; for GPU cloud, renewal (re-let) probability × IT MW × re-let NOI per IT MW-year ÷ exit cap rate;
 * - GPU residual (cloud): residual share × GPU capex, at the end of the term.
 */
import type { HpcContract } from '../company/company-model.ts';
import { contractRentOnDay, DAYS_PER_YEAR, inServiceShare } from '../company/hpc-revenue.ts';
import { civilFromDay, dayFromCivil, type DayNumber } from '../units/calendar-day.ts';

export interface DatedUsd {
  day: DayNumber;
  usd: number;
}

export interface LeaseCashFlowInputs {
  kind: 'colocation' | 'cloud';
  contract: HpcContract;
  criticalItMw: number;
  grossMw: number;
  facilityCapexUsd: number;
  gpuCapexUsd: number;
  /** Capex by date (facility and GPU together); undefined: spread over `capexMonthsBeforeStart`. */
  capexSchedule: readonly DatedUsd[] | undefined;
  prepayment: { receipts: readonly DatedUsd[]; creditFromLeaseYear: number } | undefined;
  /** GPU cloud only: site power price and other opex. */
  powerPriceUsdPerMwh: number;
  otherOpexUsdPerItMwYear: number;
  discountRatePerYear: number;
  renewalProbability: number;
  exitCapRate: number;
  capexMonthsBeforeStart: number;
  /** GPU cloud only. */
  reletNoiUsdPerItMwYear: number;
  gpuResidualShareOfCapex: number;
  gpuLifeYears: number;
}

export const CASH_FLOW_PARTS = ['rent', 'opex', 'capex', 'prepayment', 'terminal', 'residual'] as const;
export type CashFlowPart = (typeof CASH_FLOW_PARTS)[number];

/** One calendar year of cash flows (USD, nominal; costs negative) and its present value at the valuation day. */
export type CashFlowRow = Record<`${CashFlowPart}Usd`, number> & { period: string; netUsd: number; pvUsd: number };

export interface LeaseCashFlows {
  rows: CashFlowRow[];
  /** Present value of each part, summed over the rows. */
  pvUsd: Record<CashFlowPart, number>;
  /** Σ rows' present values = Σ parts' present values. */
  valueUsd: number;
  finalYearNoiUsd: number;
  terminalUsdAtEnd: number;
}

export function leaseCashFlows(inputs: LeaseCashFlowInputs, valuationDay: DayNumber): LeaseCashFlows {
  const { contract, discountRatePerYear: r } = inputs;
  const byYear = new Map<number, CashFlowRow>();
  const pvUsd = Object.fromEntries(CASH_FLOW_PARTS.map((p) => [p, 0])) as Record<CashFlowPart, number>;
  const discount = (daysAfter: number) => (1 + r) ** (-Math.max(0, daysAfter) / DAYS_PER_YEAR);
  /** Adds `usd` of `part` paid on `day` (never before the valuation day), discounted `daysAfter` days. */
  const add = (part: CashFlowPart, day: number, usd: number, daysAfter: number) => {
    const paid = Math.max(day, valuationDay) as DayNumber;
    const row = rowOf(byYear, civilFromDay(paid).year);
    const pv = usd * discount(daysAfter);
    row[`${part}Usd`] += usd;
    row.netUsd += usd;
    row.pvUsd += pv;
    pvUsd[part] += pv;
  };
  const lump = (part: CashFlowPart, day: number, usd: number) => add(part, day, usd, day - valuationDay);

  // Rent, opex and the prepayment's credit, day by day over the rest of the term.
  const cloud = inputs.kind === 'cloud';
  const creditYear = (inputs.prepayment?.creditFromLeaseYear ?? 1) - 1;
  // The first day of lease year `creditYear` (0-based), as src/company/hpc-revenue.ts counts lease years.
  const creditFrom = contract.startDay + Math.ceil(creditYear * DAYS_PER_YEAR);
  const prepaid = (inputs.prepayment?.receipts ?? []).reduce((sum, p) => sum + p.usd, 0);
  let creditedRent = 0;
  if (prepaid > 0)
    for (let d = Math.max(creditFrom, contract.startDay); d < contract.endDayExclusive; d++)
      creditedRent += contractRentOnDay(contract, d - contract.startDay);
  const powerUsdPerDay = inputs.grossMw * 24 * inputs.powerPriceUsdPerMwh;
  const otherUsdPerDay = (inputs.criticalItMw * inputs.otherOpexUsdPerItMwYear) / DAYS_PER_YEAR;
  // The daily loop keeps its discount factor and calendar year running (the same numbers as `add`, without a
  // power and a calendar conversion per day).
  const first = Math.max(valuationDay + 1, contract.startDay);
  const dailyFactor = (1 + r) ** (-1 / DAYS_PER_YEAR);
  let factor = discount(first + 1 - valuationDay);
  let row: CashFlowRow | undefined;
  let nextYearStart = first;
  for (let d = first; d < contract.endDayExclusive; d++, factor *= dailyFactor) {
    if (d >= nextYearStart || !row) {
      const year = civilFromDay(d as DayNumber).year;
      row = rowOf(byYear, year);
      nextYearStart = dayFromCivil(year + 1, 1, 1);
    }
    const daysIn = d - contract.startDay;
    const rent = contractRentOnDay(contract, daysIn);
    const opex = cloud
      ? (powerUsdPerDay + otherUsdPerDay) * inServiceShare(contract, daysIn)
      : rent * (1 - contract.noiMargin);
    const credit = prepaid > 0 && d >= creditFrom && creditedRent > 0 ? (-prepaid * rent) / creditedRent : 0;
    row.rentUsd += rent;
    row.opexUsd -= opex;
    row.prepaymentUsd += credit;
    row.netUsd += rent - opex + credit;
    row.pvUsd += (rent - opex + credit) * factor;
    pvUsd.rent += rent * factor;
    pvUsd.opex -= opex * factor;
    pvUsd.prepayment += credit * factor;
  }
  for (const receipt of inputs.prepayment?.receipts ?? [])
    if (receipt.day > valuationDay) lump('prepayment', receipt.day, receipt.usd);

  // Capex on its schedule, and GPU refreshes inside the term.
  for (const spend of capexSchedule(inputs, valuationDay)) lump('capex', spend.day, -spend.usd);
  if (cloud && inputs.gpuLifeYears > 0)
    for (let k = 1; ; k++) {
      const day = contract.startDay + Math.round(k * inputs.gpuLifeYears * DAYS_PER_YEAR);
      if (day >= contract.endDayExclusive) break;
      if (day > valuationDay) lump('capex', day, -inputs.gpuCapexUsd);
    }

  // Terminal value and GPU residual at the end of the term.
  const lastLeaseYear = Math.floor((contract.endDayExclusive - 1 - contract.startDay) / DAYS_PER_YEAR);
  const finalYearNoiUsd = cloud
    ? inputs.criticalItMw * inputs.reletNoiUsdPerItMwYear
    : contract.firstYearRentUsdPerDay *
      DAYS_PER_YEAR *
      (1 + contract.escalatorPerYear) ** lastLeaseYear *
      contract.noiMargin;
  const terminalUsdAtEnd = (inputs.renewalProbability * finalYearNoiUsd) / inputs.exitCapRate;
  if (contract.endDayExclusive > valuationDay) {
    lump('terminal', contract.endDayExclusive, terminalUsdAtEnd);
    if (cloud) lump('residual', contract.endDayExclusive, inputs.gpuResidualShareOfCapex * inputs.gpuCapexUsd);
  }

  const rows = [...byYear.entries()].sort(([a], [b]) => a - b).map(([, row]) => row);
  return {
    rows,
    pvUsd,
    valueUsd: rows.reduce((sum, row) => sum + row.pvUsd, 0),
    finalYearNoiUsd,
    terminalUsdAtEnd,
  };
}

/**
 * Capex by day: the file's schedule, or facility + GPU capex in equal monthly amounts over the months before the start
 * (from the valuation day if the build window has begun; all on the valuation day if the lease has started).
 */
export function capexSchedule(inputs: LeaseCashFlowInputs, valuationDay: DayNumber): DatedUsd[] {
  if (inputs.capexSchedule) return [...inputs.capexSchedule];
  const totalUsd = inputs.facilityCapexUsd + inputs.gpuCapexUsd;
  if (totalUsd === 0) return [];
  const monthDays = DAYS_PER_YEAR / 12;
  const months = Math.max(1, Math.round(inputs.capexMonthsBeforeStart));
  // Month i of the build pays on (start − (months − 1 − i) months); a month already past pays on the valuation day.
  return Array.from({ length: months }, (_, i) => ({
    day: Math.max(Math.round(inputs.contract.startDay - (months - 1 - i) * monthDays), valuationDay) as DayNumber,
    usd: totalUsd / months,
  }));
}

function rowOf(byYear: Map<number, CashFlowRow>, year: number): CashFlowRow {
  let row = byYear.get(year);
  if (!row) {
    row = { period: String(year), netUsd: 0, pvUsd: 0, ...zeroParts() };
    byYear.set(year, row);
  }
  return row;
}

function zeroParts(): Record<`${CashFlowPart}Usd`, number> {
  return { rentUsd: 0, opexUsd: 0, capexUsd: 0, prepaymentUsd: 0, terminalUsd: 0, residualUsd: 0 };
}
