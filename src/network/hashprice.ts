/**
 * Mining economics per unit of hashrate (DESIGN.md §4; published values in reference/formulas.md §4.1):
 *   expected blocks per day for H hashes/s at difficulty D = H × 86400 / (D × 2^32)
 *   hashvalue [BTC/PH/day]  = 1e15 × 86400 / (D × 2^32) × (subsidy + fees per block)
 *   hashprice [USD/PH/day]  = hashvalue × price
 *   revenue   [USD/MWh]     = hashprice / (0.024 × e[J/TH])   (1 PH/s at e J/TH draws e kW = 0.024·e MWh/day)
 *   hashcost  [USD/PH/day]  = e[J/TH] × power[USD/MWh] × 0.024
 */
import { SECONDS_PER_DAY } from '../units/calendar-day.ts';
import type { JoulesPerTh, UsdPerMwh } from '../units/quantities.ts';

/** 2^32: expected hashes per unit of difficulty. */
export const HASHES_PER_DIFFICULTY = 4_294_967_296;
/** MWh per day drawn by 1 PH/s at 1 J/TH (1 kW × 24 h). */
const MWH_PER_DAY_PER_PH_PER_J_PER_TH = 0.024;

export function expectedBlocksPerDay(hashesPerSecond: number, difficulty: number): number {
  return (hashesPerSecond * SECONDS_PER_DAY) / (difficulty * HASHES_PER_DIFFICULTY);
}

/** Hashrate implied by a block rate: H = blocks/day × D × 2^32 / 86400, in H/s. */
export function hashesPerSecondFromBlocks(blocksPerDay: number, difficulty: number): number {
  return (blocksPerDay * difficulty * HASHES_PER_DIFFICULTY) / SECONDS_PER_DAY;
}

export function hashvalueBtcPerPhDay(difficulty: number, subsidyPerBlockBtc: number, feesPerBlockBtc: number): number {
  return ((1e15 * SECONDS_PER_DAY) / (difficulty * HASHES_PER_DIFFICULTY)) * (subsidyPerBlockBtc + feesPerBlockBtc);
}

export function hashpriceUsdPerPhDay(hashvalueBtc: number, priceUsd: number): number {
  return hashvalueBtc * priceUsd;
}

/** Network BTC revenue per EH/s per day (TheMinerMag's production benchmark) = hashvalue × 1000. */
export function btcPerEhDayFromHashvalue(hashvalueBtcPerPh: number): number {
  return hashvalueBtcPerPh * 1000;
}

export function revenueUsdPerMwh(hashpriceUsd: number, efficiency: JoulesPerTh): number {
  return hashpriceUsd / (MWH_PER_DAY_PER_PH_PER_J_PER_TH * efficiency);
}

export function hashcostUsdPerPhDay(efficiency: JoulesPerTh, powerPrice: UsdPerMwh): number {
  return efficiency * powerPrice * MWH_PER_DAY_PER_PH_PER_J_PER_TH;
}
