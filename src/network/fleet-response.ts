/**
 * The hashprice-responsive network: the global fleet as efficiency tiers with a cost curve, instead of an exogenous
 * growth path. Each day, on the hashprice a miner sees at the start of the day (the difficulty in force, the day's
 * subsidy, fees and price):
 *
 * - Switch-off. A tier of e J/TH has its capacity spread uniformly over power prices [low, high] USD/MWh, so its
 *   cash cost runs from e × low × 0.024 to e × high × 0.024 USD/PH/day (hashcost, reference/formulas.md §4.1). The
 *   share of the tier online is (hashprice − cost at low) / (cost at high − cost at low), clamped to [0, 1]:
 *   capacity whose revenue does not cover its power cost is off, and comes back when hashprice recovers. The online
 *   fleet moves toward that level with a response time of `responseDays` (an exponential lag; 0 = the same day):
 *   miners switch machines off over days, not at one retarget, and an instant response would ring, as difficulty
 *   follows hashrate only an epoch later.
 * - Growth. A new machine of e_new J/TH at the mid power price earns a margin m = hashprice − e_new × mid × 0.024; it
 *   pays back its price in `paybackDays` when m reaches the required margin r = machine USD/TH × 1000 / paybackDays.
 *   New capacity is installed at growth/yr = growthAtDoubleMargin × (m − r) / r, clamped to [0, maxGrowth], on the
 *   hashprice `lagDays` earlier (machines are ordered before they are energized): growth slows as margins compress
 *   and stops at the payback threshold.
 *
 * Pure and allocation-free per day: the state is one small typed array of installed EH/s per tier.
 */
import { joulesPerTh, usdPerMwh } from '../units/quantities.ts';
import { hashcostUsdPerPhDay } from './hashprice.ts';

const DAYS_PER_YEAR = 365.25;

export interface FleetTier {
  efficiencyJPerTh: number;
  /** Installed capacity as a share of the start hashrate (the shares sum to 1). */
  shareOfStart: number;
}

export interface FleetCostCurve {
  tiers: readonly FleetTier[];
  /** Each tier's capacity is spread uniformly over power prices in [low, high], USD/MWh. */
  powerUsdPerMwhLow: number;
  powerUsdPerMwhHigh: number;
  /** Days over which the online fleet closes ~63% of the gap to what the hashprice covers (0: the same day). */
  responseDays: number;
  newCapacity: {
    efficiencyJPerTh: number;
    machineUsdPerTh: number;
    paybackDays: number;
    /** Growth per year when a new machine's margin is twice the required margin. */
    growthAtDoubleMargin: number;
    maxGrowthPerYear: number;
    lagDays: number;
  };
}

/** Cash cost of capacity at e J/TH and a power price, USD/PH/day (hashcost). */
function costOf(efficiencyJPerTh: number, powerUsdPerMwh: number): number {
  return hashcostUsdPerPhDay(joulesPerTh(efficiencyJPerTh), usdPerMwh(powerUsdPerMwh));
}

/** Share of a tier online at a hashprice: the part of its power-price band whose cost the hashprice covers. */
export function onlineShare(curve: FleetCostCurve, efficiencyJPerTh: number, hashpriceUsdPerPhDay: number): number {
  const low = costOf(efficiencyJPerTh, curve.powerUsdPerMwhLow);
  const high = costOf(efficiencyJPerTh, curve.powerUsdPerMwhHigh);
  if (!(high > low)) return hashpriceUsdPerPhDay >= low ? 1 : 0;
  return Math.min(1, Math.max(0, (hashpriceUsdPerPhDay - low) / (high - low)));
}

/** New-capacity growth per year at a hashprice (before the lag is applied by the caller). */
export function newCapacityGrowthPerYear(curve: FleetCostCurve, hashpriceUsdPerPhDay: number): number {
  const added = curve.newCapacity;
  const midPower = (curve.powerUsdPerMwhLow + curve.powerUsdPerMwhHigh) / 2;
  const margin = hashpriceUsdPerPhDay - costOf(added.efficiencyJPerTh, midPower);
  const required = (added.machineUsdPerTh * 1000) / added.paybackDays;
  const growth = (added.growthAtDoubleMargin * (margin - required)) / required;
  return Math.min(added.maxGrowthPerYear, Math.max(0, growth));
}

/** Share of the gap to the covered capacity closed in a day: 1 − e^(−1/responseDays) (1 when responseDays is 0). */
export function responseStep(responseDays: number): number {
  return responseDays > 0 ? 1 - Math.exp(-1 / responseDays) : 1;
}

/** Installed EH/s per tier (the last slot is new capacity at the new-capacity efficiency). */
export function initialInstalledEhs(curve: FleetCostCurve, startHashrateEhs: number): Float64Array {
  const installed = new Float64Array(curve.tiers.length + 1);
  curve.tiers.forEach((tier, i) => (installed[i] = tier.shareOfStart * startHashrateEhs));
  return installed;
}

/** Hashrate online at a hashprice, EH/s. */
export function onlineHashrateEhs(curve: FleetCostCurve, installed: Float64Array, hashprice: number): number {
  let online = 0;
  const tiers = curve.tiers;
  for (let i = 0; i < tiers.length; i++) {
    online += (installed[i] as number) * onlineShare(curve, (tiers[i] as FleetTier).efficiencyJPerTh, hashprice);
  }
  const last = tiers.length;
  return online + (installed[last] as number) * onlineShare(curve, curve.newCapacity.efficiencyJPerTh, hashprice);
}

/** Adds one day of new capacity at `growthPerYear` on the installed total (into the new-capacity slot). */
export function installOneDay(installed: Float64Array, growthPerYear: number): void {
  if (!(growthPerYear > 0)) return;
  let total = 0;
  for (let i = 0; i < installed.length; i++) total += installed[i] as number;
  const last = installed.length - 1;
  installed[last] = (installed[last] as number) + total * (Math.pow(1 + growthPerYear, 1 / DAYS_PER_YEAR) - 1);
}
