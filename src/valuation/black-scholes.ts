/**
 * The Black–Scholes–Merton value of a European call on one share without dividends (Hull, Options, Futures and
 * Other Derivatives, §15.8): C = S N(d1) − K e^(−rT) N(d2), d1 = (ln(S/K) + (r + σ²/2) T) ÷ (σ √T), d2 = d1 − σ √T,
 * with r continuously compounded per year, σ the volatility per √year and T in years. At T = 0, σ = 0 or S = 0 the
 * value is its limit, max(0, S − K e^(−rT)).
 */
import { standardNormalCdf } from '../math/normal-cdf.ts';

export interface CallTerms {
  spotUsd: number;
  strikeUsd: number;
  years: number;
  riskFreeRatePerYear: number;
  volatilityPerYear: number;
}

export function blackScholesCallUsd(terms: CallTerms): number {
  const { spotUsd: s, strikeUsd: k, years: t, riskFreeRatePerYear: r, volatilityPerYear: sigma } = terms;
  const discountedStrike = k * Math.exp(-r * Math.max(0, t));
  if (!(t > 0) || !(sigma > 0) || !(s > 0) || !(k > 0)) return Math.max(0, s - discountedStrike);
  const spread = sigma * Math.sqrt(t);
  const d1 = (Math.log(s / k) + (r + (sigma * sigma) / 2) * t) / spread;
  return s * standardNormalCdf(d1) - discountedStrike * standardNormalCdf(d1 - spread);
}
