/**
 * A day's mining economics per unit of energy at given fleet efficiencies: revenue per MWh consumed, hashcost at a
 * power price, and the hash spread (revenue per MWh − power price, BitOoda's measure). Formulas: hashprice.ts.
 */
import { joulesPerTh, usdPerMwh } from '../units/quantities.ts';
import { hashcostUsdPerPhDay, revenueUsdPerMwh } from './hashprice.ts';

export interface UnitEconomics {
  efficiencyJPerTh: number;
  /** NaN without a hashprice (no price that day). */
  revenueUsdPerMwh: number;
  /** NaN without a power price. */
  hashcostUsdPerPhDay: number;
  /** NaN without both. */
  hashSpreadUsdPerMwh: number;
}

export function unitEconomicsAt(
  hashpriceUsdPerPhDay: number,
  efficienciesJPerTh: readonly number[],
  powerPriceUsdPerMwh: number = NaN,
): UnitEconomics[] {
  return efficienciesJPerTh.map((efficiency) => {
    const revenue = revenueUsdPerMwh(hashpriceUsdPerPhDay, joulesPerTh(efficiency));
    return {
      efficiencyJPerTh: efficiency,
      revenueUsdPerMwh: revenue,
      hashcostUsdPerPhDay: hashcostUsdPerPhDay(joulesPerTh(efficiency), usdPerMwh(powerPriceUsdPerMwh)),
      hashSpreadUsdPerMwh: revenue - powerPriceUsdPerMwh,
    };
  });
}
