/**
 * A scenario's company block (`companies.adjust` in data/scenarios/*.yaml) as the adjustments the engines apply
 * (src/scenarios/company-adjustments.ts).
 */
import type { CompanyAdjustments } from '../scenarios/company-adjustments.ts';
import type { CompanyAdjustmentBlock } from '../schema/scenario.ts';

/** A scenario's company block as adjustments. */
export function adjustmentsOf(block: CompanyAdjustmentBlock): CompanyAdjustments {
  return {
    ...(block['power-price'] !== undefined && { powerPriceUsdPerMwh: block['power-price'] }),
    ...(block['hpc-usd-per-mw'] !== undefined && { hpcEquityUsdPerItMw: block['hpc-usd-per-mw'] }),
    ...(block['deal-probability'] !== undefined && { dealProbability: block['deal-probability'] }),
    ...(block['cap-rate'] !== undefined && { capRate: block['cap-rate'] }),
    ...(block['hodl-premium'] !== undefined && { hodlPremium: block['hodl-premium'] }),
    ...(block['signed-mw'] !== undefined && { signedUndevelopedMw: block['signed-mw'] }),
  };
}
