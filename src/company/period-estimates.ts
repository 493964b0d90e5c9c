/**
 * Daily company estimates summed into reporting periods (calendar or fiscal quarters and years), with the ratios an
 * analyst reads: realized price (production-weighted), share of network, cash cost per BTC, hashcost.
 *
 * Adjusted EBITDA here = mining revenue + HPC revenue − power (net of credits) − other mining cash costs − HPC
 * operating costs − cash SG&A. It leaves out depreciation, stock-based compensation, impairments, changes in the fair
 * value of BTC held and of derivatives and convertibles, and gains on BTC sold: the cash earnings of operations.
 */
import type { CalendarPeriod } from '../units/calendar-period.ts';
import type { DayNumber } from '../units/calendar-day.ts';
import { HOURS_PER_DAY, type CompanyDays } from './company-days.ts';
import type { ReportedMonth } from './reported-months.ts';

export interface PeriodEstimate {
  period: string;
  startDay: DayNumber;
  endDayExclusive: DayNumber;
  days: number;
  historyDays: number;
  projectedDays: number;
  /** Whether the company's hashrate is known on every day (none precedes its first hashrate point). */
  capacityKnown: boolean;
  /** Reported months that replaced modeled ones. */
  actualMonths: string[];
  btcMined: number;
  /** Production-weighted average price, USD per BTC (NaN without production). */
  realizedPriceUsd: number;
  miningRevenueUsd: number;
  hpcRevenueUsd: number;
  totalRevenueUsd: number;
  avgEnergizedEhs: number;
  avgOperatingEhs: number;
  avgDisplacedEhs: number;
  avgNetworkEhs: number;
  /** Average operating ÷ average network hashrate. */
  networkShare: number;
  powerMwh: number;
  avgPowerMw: number;
  powerCostUsd: number;
  powerCreditsUsd: number;
  netPowerCostUsd: number;
  netPowerUsdPerMwh: number;
  otherMiningCashCostsUsd: number;
  hpcOperatingCostUsd: number;
  cashSgaUsd: number;
  grossProfitUsd: number;
  adjustedEbitdaUsd: number;
  /** Net power ÷ BTC mined. */
  powerCostPerBtcUsd: number;
  /** (Net power + other mining cash costs) ÷ BTC mined. */
  cashCostPerBtcUsd: number;
  /** (Net power + other mining cash costs) per PH/s of average operating hashrate per day. */
  hashcostUsdPerPhDay: number;
  /** Mining revenue per PH/s of average operating hashrate per day. */
  hashrevenueUsdPerPhDay: number;
}

export function periodEstimates(
  days: CompanyDays,
  periods: readonly CalendarPeriod[],
  actualMonths: readonly ReportedMonth[],
): PeriodEstimate[] {
  return periods.map((period) => periodEstimate(days, period, actualMonths));
}

function periodEstimate(
  days: CompanyDays,
  period: CalendarPeriod,
  actualMonths: readonly ReportedMonth[],
): PeriodEstimate {
  const from = period.startDay - days.firstDay;
  const to = period.endDayExclusive - days.firstDay;
  if (from < 0 || to > days.dayCount) throw new RangeError(`period ${period.label} lies outside the estimated days`);
  const sum = (values: Float64Array) => sumOver(values, from, to);
  const btc = sum(days.btcMined);
  const miningRevenue = sum(days.miningRevenueUsd);
  const hpcRevenue = sum(days.hpcRevenueUsd);
  const hpcCost = sum(days.hpcOperatingCostUsd);
  const sga = sum(days.cashSgaUsd);
  const network = sum(days.networkHashrateEhs);
  // Fleet sums are NaN when any day precedes the company's first hashrate point (capacity unknown).
  const energized = sum(days.energizedEhs);
  const operating = sum(days.operatingEhs);
  const displaced = sum(days.displacedEhs);
  const mwh = sum(days.powerMwh);
  const powerCost = sum(days.powerCostUsd);
  const credits = sum(days.powerCreditsUsd);
  const otherCosts = sum(days.otherMiningCashCostsUsd);
  const dayCount = to - from;
  const historyDays = Math.max(0, Math.min(to, days.firstProjectedIndex) - from);
  const netPower = powerCost - credits;
  const cashCosts = netPower + otherCosts;
  const grossProfit = miningRevenue + hpcRevenue - cashCosts - hpcCost;
  const avgOperating = operating / dayCount;
  const phDays = avgOperating * 1000 * dayCount;
  return {
    period: period.label,
    startDay: period.startDay,
    endDayExclusive: period.endDayExclusive,
    days: dayCount,
    historyDays,
    projectedDays: dayCount - historyDays,
    capacityKnown: !Number.isNaN(operating),
    actualMonths: actualMonths
      .filter((m) => m.startDay >= period.startDay && m.endDayExclusive <= period.endDayExclusive)
      .map((m) => m.month),
    btcMined: btc,
    realizedPriceUsd: btc > 0 ? miningRevenue / btc : NaN,
    miningRevenueUsd: miningRevenue,
    hpcRevenueUsd: hpcRevenue,
    totalRevenueUsd: miningRevenue + hpcRevenue,
    avgEnergizedEhs: energized / dayCount,
    avgOperatingEhs: avgOperating,
    avgDisplacedEhs: displaced / dayCount,
    avgNetworkEhs: network / dayCount,
    networkShare: avgOperating / (network / dayCount),
    powerMwh: mwh,
    avgPowerMw: mwh / (HOURS_PER_DAY * dayCount),
    powerCostUsd: powerCost,
    powerCreditsUsd: credits,
    netPowerCostUsd: netPower,
    netPowerUsdPerMwh: mwh > 0 ? netPower / mwh : NaN,
    otherMiningCashCostsUsd: otherCosts,
    hpcOperatingCostUsd: hpcCost,
    cashSgaUsd: sga,
    grossProfitUsd: grossProfit,
    adjustedEbitdaUsd: grossProfit - sga,
    powerCostPerBtcUsd: btc > 0 ? netPower / btc : NaN,
    cashCostPerBtcUsd: btc > 0 ? cashCosts / btc : NaN,
    hashcostUsdPerPhDay: phDays > 0 ? cashCosts / phDays : NaN,
    hashrevenueUsdPerPhDay: phDays > 0 ? miningRevenue / phDays : NaN,
  };
}

function sumOver(values: Float64Array, from: number, to: number): number {
  let total = 0;
  for (let i = from; i < to; i++) total += values[i] as number;
  return total;
}
