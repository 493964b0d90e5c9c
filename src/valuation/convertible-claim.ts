/**
 * What a convertible note takes from the equity value E at a per-share value P, under the convention a methodology
 * names (docs/methodology.md "Capital structure conventions"). N = principal ÷ K shares, K the conversion price.
 * - switch-at-conversion: the principal while P < K; N shares at and above K.
 * - if-converted: N shares at every P, no debt.
 * - bond-floor-plus-option: the bond floor — coupons and principal discounted at y = risk-free rate + credit spread
 *   (continuously compounded, coupons semi-annual back from maturity) — plus N European calls struck at K, valued
 *   by Black–Scholes on P over the note's remaining life (conversion before maturity and issuer calls are ignored).
 * A capped call the company bought with the note is a call spread K → cap on N shares that the company holds. In the
 * share conventions it hands back the shares' value between K and the cap (its intrinsic value, at conversion):
 * N × (min(P, cap) − K)⁺; in the bond-floor convention it is worth N × (C(K) − C(cap)) by Black–Scholes, so the
 * option the holders keep net of it is N × C(cap). Every claim is continuous and non-decreasing in P.
 */
import { blackScholesCallUsd } from './black-scholes.ts';

export type ConvertibleConvention =
  | { kind: 'switch-at-conversion' }
  | { kind: 'if-converted' }
  | {
      kind: 'bond-floor-plus-option';
      riskFreeRatePerYear: number;
      creditSpreadPerYear: number;
      volatilityPerYear: number;
    };

export const SWITCH_AT_CONVERSION: ConvertibleConvention = { kind: 'switch-at-conversion' };

export interface Convertible {
  name: string;
  principalUsd: number;
  conversionPriceUsd: number;
  cappedCallCapUsd?: number | undefined;
  /** Annual coupon as a fraction of principal (0.0175 = 1.75%), paid semi-annually; 0 when not given. */
  couponRatePerYear?: number | undefined;
  /** Years from the valuation day to maturity: the bond-floor convention needs it. */
  yearsToMaturity?: number | undefined;
}

export interface ConvertibleTreatment {
  name: string;
  treatedAs: 'debt' | 'shares' | 'bond-floor-plus-option';
  /** Principal counted as debt (switch below K), or the bond floor; USD. */
  debtUsd: number;
  /** The conversion option the holders keep, net of the capped call (bond-floor convention); USD. */
  optionUsd: number;
  /** The company's capped call, worth subtracted from the holders' claim; USD (0 without one). */
  cappedCallUsd: number;
  /** Net shares counted, after the capped call. */
  shares: number;
  /** What the note takes from E: debtUsd + optionUsd + shares × P. */
  claimUsd: number;
}

export function convertibleTreatment(
  note: Convertible,
  price: number,
  convention: ConvertibleConvention,
): ConvertibleTreatment {
  const n = note.principalUsd / note.conversionPriceUsd;
  const base = { name: note.name, debtUsd: 0, optionUsd: 0, cappedCallUsd: 0, shares: 0 };
  // The capped call's intrinsic value, handed back as shares' worth in the share conventions.
  const intrinsicCap =
    note.cappedCallCapUsd === undefined
      ? 0
      : n * Math.max(0, Math.min(price, note.cappedCallCapUsd) - note.conversionPriceUsd);
  const asShares = (): ConvertibleTreatment => {
    const claimUsd = n * price - intrinsicCap;
    return {
      ...base,
      treatedAs: 'shares',
      cappedCallUsd: intrinsicCap,
      shares: price > 0 ? claimUsd / price : n,
      claimUsd,
    };
  };
  switch (convention.kind) {
    case 'switch-at-conversion':
      return price < note.conversionPriceUsd
        ? { ...base, treatedAs: 'debt', debtUsd: note.principalUsd, claimUsd: note.principalUsd }
        : asShares();
    case 'if-converted':
      return asShares();
    case 'bond-floor-plus-option': {
      const years = note.yearsToMaturity;
      if (years === undefined) throw new RangeError(`${note.name}: the bond-floor convention needs the maturity`);
      const floor = bondFloorUsd(note.principalUsd, note.couponRatePerYear ?? 0, years, convention);
      const call = (strikeUsd: number) =>
        blackScholesCallUsd({
          spotUsd: price,
          strikeUsd,
          years,
          riskFreeRatePerYear: convention.riskFreeRatePerYear,
          volatilityPerYear: convention.volatilityPerYear,
        });
      const optionGross = n * call(note.conversionPriceUsd);
      const cappedCallUsd = note.cappedCallCapUsd === undefined ? 0 : optionGross - n * call(note.cappedCallCapUsd);
      const optionUsd = optionGross - cappedCallUsd;
      return {
        ...base,
        treatedAs: 'bond-floor-plus-option',
        debtUsd: floor,
        optionUsd,
        cappedCallUsd,
        claimUsd: floor + optionUsd,
      };
    }
  }
}

/**
 * Present value of the note's coupons and principal at y = risk-free + credit spread, continuously compounded:
 * Σ principal × coupon ÷ 2 × e^(−y tₖ) over tₖ = T, T − ½, … > 0, plus principal × e^(−y T). A note at or past
 * maturity is worth its principal.
 */
export function bondFloorUsd(
  principalUsd: number,
  couponRatePerYear: number,
  years: number,
  rates: { riskFreeRatePerYear: number; creditSpreadPerYear: number },
): number {
  if (!(years > 0)) return principalUsd;
  const y = rates.riskFreeRatePerYear + rates.creditSpreadPerYear;
  let value = principalUsd * Math.exp(-y * years);
  if (couponRatePerYear > 0)
    for (let t = years; t > 1e-9; t -= 0.5) value += ((principalUsd * couponRatePerYear) / 2) * Math.exp(-y * t);
  return value;
}
