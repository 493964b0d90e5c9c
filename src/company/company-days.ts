/**
 * A company's estimate day by day (DESIGN.md §5): production = operating EH/s × BTC per EH/s-day × (1 − pool fee);
 * mining revenue at the day's price; power MWh = operating EH/s × J/TH (= MW) × 24 h, of which the owned share
 * pays the power price and site opex per MWh and the hosted share the all-in hosting fee; credits, fixed other
 * mining cash costs and SG&A spread evenly over the days of each calendar quarter; HPC lease revenue and cost.
 * BTC from joint-venture capacity is a separate series: in reported production, not in revenue or costs.
 */
import { periodContaining } from '../units/calendar-period.ts';
import type { DayNumber } from '../units/calendar-day.ts';
import type { CompanyModel } from './company-model.ts';
import { fleetDays } from './fleet-schedule.ts';
import { hpcDays } from './hpc-revenue.ts';
import type { NetworkDays } from './network-days.ts';

export const HOURS_PER_DAY = 24;

export interface CompanyDays {
  firstDay: DayNumber;
  dayCount: number;
  firstProjectedIndex: number;
  btcMined: Float64Array;
  /** Attributable BTC of capacity held through joint ventures (equity method: not in revenue or costs). */
  jointVentureBtc: Float64Array;
  miningRevenueUsd: Float64Array;
  energizedEhs: Float64Array;
  operatingEhs: Float64Array;
  efficiencyJPerTh: Float64Array;
  displacedEhs: Float64Array;
  networkHashrateEhs: Float64Array;
  powerMwh: Float64Array;
  powerCostUsd: Float64Array;
  powerCreditsUsd: Float64Array;
  /** Hosting fees, site opex per MWh and fixed other mining cash costs. */
  otherMiningCashCostsUsd: Float64Array;
  /** Share of the power drawn at third-party hosting sites (constant). */
  hostedShare: number;
  /** Fleet refresh (sustaining) capex, USD, spread over each quarter while the company mines. */
  refreshCapexUsd: Float64Array;
  hpcRevenueUsd: Float64Array;
  hpcOperatingCostUsd: Float64Array;
  cashSgaUsd: Float64Array;
  priceUsd: Float64Array;
}

export function companyDays(company: CompanyModel, network: NetworkDays): CompanyDays {
  const { firstDay, dayCount } = network;
  const fleet = fleetDays(company, firstDay, dayCount);
  const hpc = hpcDays(company.hpcContracts, firstDay, dayCount);
  const btcMined = new Float64Array(dayCount);
  const jointVentureBtc = new Float64Array(dayCount);
  const miningRevenueUsd = new Float64Array(dayCount);
  const powerMwh = new Float64Array(dayCount);
  const powerCostUsd = new Float64Array(dayCount);
  const powerCreditsUsd = new Float64Array(dayCount);
  const otherMiningCashCostsUsd = new Float64Array(dayCount);
  const cashSgaUsd = new Float64Array(dayCount);
  const refreshCapexUsd = new Float64Array(dayCount);
  const keep = 1 - company.poolFee;
  const sgaPerQuarter = company.cashSgaUsdPerQuarter ?? 0;
  const owned = 1 - company.hostedShare;
  // Non-power cash cost per MWh drawn: site opex at owned sites, the all-in fee at hosting sites.
  const otherUsdPerMwh = owned * company.siteOpexUsdPerMwh + company.hostedShare * company.hostingFeeUsdPerMwh;

  let quarterEnd = -Infinity;
  let quarterDays = 0;
  for (let i = 0; i < dayCount; i++) {
    const day = (firstDay + i) as DayNumber;
    if (day >= quarterEnd) {
      const quarter = periodContaining(day, 'quarter');
      quarterEnd = quarter.endDayExclusive;
      quarterDays = quarter.endDayExclusive - quarter.startDay;
    }
    const operating = fleet.operatingEhs[i] as number;
    const btc = operating * (network.btcPerEhDay[i] as number) * keep;
    btcMined[i] = btc;
    jointVentureBtc[i] = (fleet.jointVentureEhs[i] as number) * (network.btcPerEhDay[i] as number) * keep;
    miningRevenueUsd[i] = btc * (network.priceUsd[i] as number);
    const mwh = operating * (fleet.efficiencyJPerTh[i] as number) * HOURS_PER_DAY;
    powerMwh[i] = mwh;
    powerCostUsd[i] = mwh * owned * company.powerPriceUsdPerMwh;
    // Site costs accrue only while the company is known to mine (its first hashrate point on).
    const mining = Number.isNaN(operating) ? NaN : 1;
    powerCreditsUsd[i] = (mining * company.powerCreditsUsdPerQuarter) / quarterDays;
    otherMiningCashCostsUsd[i] =
      (mining * company.otherMiningCashCostsUsdPerQuarter) / quarterDays + mwh * otherUsdPerMwh;
    cashSgaUsd[i] = sgaPerQuarter / quarterDays;
    refreshCapexUsd[i] = (mining * company.refreshCapexUsdPerQuarter) / quarterDays;
  }
  return {
    firstDay,
    dayCount,
    firstProjectedIndex: network.firstProjectedIndex,
    btcMined,
    jointVentureBtc,
    miningRevenueUsd,
    energizedEhs: fleet.energizedEhs,
    efficiencyJPerTh: fleet.efficiencyJPerTh,
    operatingEhs: fleet.operatingEhs,
    displacedEhs: fleet.displacedEhs,
    networkHashrateEhs: network.networkHashrateEhs,
    powerMwh,
    powerCostUsd,
    powerCreditsUsd,
    otherMiningCashCostsUsd,
    hostedShare: company.hostedShare,
    refreshCapexUsd,
    hpcRevenueUsd: hpc.revenueUsd,
    hpcOperatingCostUsd: hpc.operatingCostUsd,
    cashSgaUsd,
    priceUsd: network.priceUsd,
  };
}
