/**
 * BTC treasury: holdings × BTC price × (1 + HODL premium). J.P. Morgan added the premium in Dec 2024 with MSTR's
 * ≈2.4× mNAV as the reference (reference/methods-sell-side.md §2). Pledged or loaned coins are still the company's,
 * but encumbered: a methodology may exclude them, and they are always reported.
 */
import { input, type Explain, type Sourced } from './explain.ts';

export interface TreasuryInputs {
  btcHeld: Sourced;
  btcPledged: Sourced;
  btcPriceUsd: Sourced;
  hodlPremium: Sourced;
  excludePledged: boolean;
}

export interface TreasuryValue {
  valueUsd: number;
  btcCounted: number;
  btcPledged: number;
  explain: Explain;
}

export function btcTreasuryValue(inputs: TreasuryInputs): TreasuryValue {
  const btcCounted = inputs.btcHeld.value - (inputs.excludePledged ? inputs.btcPledged.value : 0);
  return {
    valueUsd: btcCounted * inputs.btcPriceUsd.value * (1 + inputs.hodlPremium.value),
    btcCounted,
    btcPledged: inputs.btcPledged.value,
    explain: {
      formula: `(BTC held${inputs.excludePledged ? ' − pledged' : ''}) × BTC price × (1 + HODL premium)`,
      inputs: [
        input('BTC held', inputs.btcHeld, 'BTC'),
        input('BTC pledged or loaned', inputs.btcPledged, 'BTC'),
        input('BTC price', inputs.btcPriceUsd, 'USD'),
        input('HODL premium', inputs.hodlPremium, 'fraction of holdings'),
      ],
    },
  };
}
