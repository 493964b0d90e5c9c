/**
 * Enterprise value for the comps (issue 21): market capitalization at the share price on basic shares, plus the
 * claims ranking ahead of the common shares, less the liquid assets, each part stated with its source:
 *
 *   EV = price × basic shares + straight debt + convertibles at face + other claims − cash − BTC held × BTC price
 *
 * Convertibles count at their principal (face), whether or not they are in the money, because the market cap is on
 * basic shares: counting them as shares too would count them twice. BTC held is netted at market, as TheMinerMag's
 * price-to-hash nets digital assets from EV (reference/methods-sell-side.md, "EV/EH, P/H"), at the BTC price of the
 * as-of day, pledged coins included: the debt they secure is among the claims. Lease liabilities and other senior
 * claims are in `other claims` where the company file gives them (balanceSheet.otherClaimsUsd).
 */
import type { Sourced } from './explain.ts';

export type EnterpriseValuePartKind = 'straight-debt' | 'convertible' | 'other-claims' | 'cash' | 'btc';

export interface EnterpriseValuePart {
  kind: EnterpriseValuePartKind;
  name: string;
  /** Signed: what the part adds to the market cap (debt +, cash and BTC −), USD. */
  usd: number;
  source: string;
}

export interface EnterpriseValueInputs {
  sharePriceUsd: Sourced;
  basicShares: Sourced;
  straightDebt: readonly { name: string; principalUsd: number; source: string }[];
  convertibles: readonly { name: string; principalUsd: number }[];
  convertiblesSource: string;
  otherClaimsUsd: Sourced;
  cashUsd: Sourced;
  btcHeld: Sourced;
  /** BTC price on the as-of day, USD. */
  btcPriceUsd: Sourced;
}

export interface EnterpriseValue {
  /** Share price × basic shares, USD. */
  marketCapUsd: number;
  parts: EnterpriseValuePart[];
  /** Market cap + Σ parts, USD. */
  enterpriseValueUsd: number;
}

export function enterpriseValue(inputs: EnterpriseValueInputs): EnterpriseValue {
  const marketCapUsd = inputs.sharePriceUsd.value * inputs.basicShares.value;
  const parts: EnterpriseValuePart[] = [
    ...inputs.straightDebt.map((d) => ({
      kind: 'straight-debt' as const,
      name: d.name,
      usd: d.principalUsd,
      source: d.source,
    })),
    ...inputs.convertibles.map((c) => ({
      kind: 'convertible' as const,
      name: `${c.name} (at face)`,
      usd: c.principalUsd,
      source: inputs.convertiblesSource,
    })),
    {
      kind: 'other-claims',
      name: 'Other claims',
      usd: inputs.otherClaimsUsd.value,
      source: inputs.otherClaimsUsd.source,
    },
    { kind: 'cash', name: 'Cash', usd: -inputs.cashUsd.value, source: inputs.cashUsd.source },
    {
      kind: 'btc',
      name: `BTC held (${inputs.btcHeld.value} BTC × ${inputs.btcPriceUsd.value.toFixed(0)} USD)`,
      usd: -inputs.btcHeld.value * inputs.btcPriceUsd.value,
      source: `${inputs.btcHeld.source}; BTC price: ${inputs.btcPriceUsd.source}`,
    },
  ];
  const enterpriseValueUsd = parts.reduce((sum, part) => sum + part.usd, marketCapUsd);
  return { marketCapUsd, parts, enterpriseValueUsd };
}

/**
 * Market cap on diluted shares at the share price: basic shares, convertibles that are in the money at the price as
 * their conversion shares (principal ÷ conversion price), options and warrants by the treasury-stock method at the
 * price (RSUs in full). Shown beside the basic market cap; the EV uses the basic one (see above).
 */
export function dilutedSharesAtPrice(
  sharePriceUsd: number,
  basicShares: number,
  convertibles: readonly { principalUsd: number; conversionPriceUsd: number }[],
  dilutive: readonly { shares: number; strikeUsd: number }[],
): number {
  let shares = basicShares;
  for (const c of convertibles)
    if (sharePriceUsd >= c.conversionPriceUsd) shares += c.principalUsd / c.conversionPriceUsd;
  for (const d of dilutive)
    if (sharePriceUsd > d.strikeUsd) shares += (d.shares * (sharePriceUsd - d.strikeUsd)) / sharePriceUsd;
  return shares;
}
