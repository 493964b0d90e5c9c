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
  /** Days on which the company's hashrate is known (its first hashrate point on). */
  capacityKnownDays: number;
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

export function periodEstimates(days: CompanyDays, periods: readonly CalendarPeriod[], actualMonths: readonly ReportedMonth[]): PeriodEstimate[] {
  return periods.map((period) => periodEstimate(days, period, actualMonths));
}

function periodEstimate(days: CompanyDays, period: CalendarPeriod, actualMonths: readonly ReportedMonth[]): PeriodEstimate {
  const from = period.startDay - days.firstDay;
  const to = period.endDayExclusive - days.firstDay;
  if (from < 0 || to > days.dayCount) throw new RangeError(`period ${period.label} lies outside the estimated days`);
  let btc = 0;
  let miningRevenue = 0;
  let hpcRevenue = 0;
  let energized = 0;
  let operating = 0;
  let displaced = 0;
  let network = 0;
  let mwh = 0;
  let powerCost = 0;
  let credits = 0;
  let otherCosts = 0;
  let hpcCost = 0;
  let sga = 0;
  let known = 0;
  for (let i = from; i < to; i++) {
    btc += days.btcMined[i] as number;
    miningRevenue += days.miningRevenueUsd[i] as number;
    hpcRevenue += days.hpcRevenueUsd[i] as number;
    hpcCost += days.hpcOperatingCostUsd[i] as number;
    sga += days.cashSgaUsd[i] as number;
    network += days.networkHashrateEhs[i] as number;
    if (Number.isNaN(days.operatingEhs[i] as number)) continue;
    known++;
    energized += days.energizedEhs[i] as number;
    operating += days.operatingEhs[i] as number;
    displaced += days.displacedEhs[i] as number;
    mwh += days.powerMwh[i] as number;
    powerCost += days.powerCostUsd[i] as number;
    credits += days.powerCreditsUsd[i] as number;
    otherCosts += days.otherMiningCashCostsUsd[i] as number;
  }
  const dayCount = to - from;
  const historyDays = Math.max(0, Math.min(to, days.firstProjectedIndex) - from);
  const capacityKnown = known === dayCount;
  const unknown = (value: number) => (capacityKnown ? value : NaN);
  const netPower = unknown(powerCost - credits);
  const cashCosts = netPower + unknown(otherCosts);
  const grossProfit = miningRevenue + hpcRevenue - cashCosts - hpcCost;
  const avgOperating = unknown(operating / dayCount);
  const phDays = avgOperating * 1000 * dayCount;
  return {
    period: period.label,
    startDay: period.startDay,
    endDayExclusive: period.endDayExclusive,
    days: dayCount,
    historyDays,
    projectedDays: dayCount - historyDays,
    capacityKnownDays: known,
    actualMonths: actualMonths.filter((m) => m.startDay >= period.startDay && m.endDayExclusive <= period.endDayExclusive).map((m) => m.month),
    btcMined: btc,
    realizedPriceUsd: btc > 0 ? miningRevenue / btc : NaN,
    miningRevenueUsd: miningRevenue,
    hpcRevenueUsd: hpcRevenue,
    totalRevenueUsd: miningRevenue + hpcRevenue,
    avgEnergizedEhs: unknown(energized / dayCount),
    avgOperatingEhs: avgOperating,
    avgDisplacedEhs: unknown(displaced / dayCount),
    avgNetworkEhs: network / dayCount,
    networkShare: avgOperating / (network / dayCount),
    powerMwh: unknown(mwh),
    avgPowerMw: unknown(mwh / (HOURS_PER_DAY * dayCount)),
    powerCostUsd: unknown(powerCost),
    powerCreditsUsd: unknown(credits),
    netPowerCostUsd: netPower,
    netPowerUsdPerMwh: mwh > 0 ? netPower / mwh : NaN,
    otherMiningCashCostsUsd: unknown(otherCosts),
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
