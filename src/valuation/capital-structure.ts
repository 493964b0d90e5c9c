/**
 * Net debt and dilution solved with the target (DESIGN.md §6; docs/methodology.md "Capital structure conventions").
 * Each convertible takes a claim on the equity value under the methodology's convention (convertible-claim.ts):
 * its principal below the conversion price and shares above (switch at conversion), shares throughout
 * (if-converted), or its bond floor plus the conversion option net of the capped call (bond floor plus option).
 * Options, warrants and RSUs dilute by the treasury-stock method: each of n securities takes P − strike when in the
 * money, i.e. n × (P − strike) ÷ P net shares (RSUs and warrants without a strike: all n).
 *
 * The per-share value P solves  P × basic shares + Σ convertible claims(P) + Σ n × (P − strike)⁺ = E,  E the equity
 * value before the convertibles. Every claim is continuous and non-decreasing in P and the basic shares make the
 * left side strictly increasing, so the solution is unique; it is found by Brent's method (math/increasing-root.ts)
 * to a few ulps. When E does not exceed the left side at P = 0 (the notes' debt or bond floors) P is floored at 0.
 */
import { solveIncreasing } from '../math/increasing-root.ts';
import {
  convertibleTreatment,
  SWITCH_AT_CONVERSION,
  type Convertible,
  type ConvertibleConvention,
  type ConvertibleTreatment,
} from './convertible-claim.ts';

export type { Convertible, ConvertibleConvention, ConvertibleTreatment } from './convertible-claim.ts';

export interface DilutiveSecurity {
  name: string;
  shares: number;
  /** 0 for RSUs, for securities whose strike is not known (counted in full), and for ATM shares sold. */
  strikeUsd: number;
}

export interface CapitalStructure {
  basicShares: number;
  convertibles: readonly Convertible[];
  dilutive: readonly DilutiveSecurity[];
  /** How the convertibles are counted; switch at conversion when not given. */
  convention?: ConvertibleConvention | undefined;
}

export interface PerShareSolution {
  priceUsd: number;
  /** Basic shares + the convertibles' net shares + the treasury-method shares. */
  dilutedShares: number;
  /** Σ principal counted as debt or bond floor. */
  convertibleDebtUsd: number;
  /** Σ conversion options held by the note holders, net of capped calls (bond-floor convention). */
  convertibleOptionUsd: number;
  /** Equity value to common holders: price × diluted shares (0 when floored). */
  equityValueUsd: number;
  convertibles: ConvertibleTreatment[];
  dilutive: { name: string; shares: number }[];
  /** True when E does not cover the convertibles' claims at P = 0: the value per share is floored at 0. */
  floored: boolean;
}

export function solvePerShare(equityBeforeConvertiblesUsd: number, structure: CapitalStructure): PerShareSolution {
  if (!(structure.basicShares > 0)) throw new RangeError('basic shares must be positive');
  const convention = structure.convention ?? SWITCH_AT_CONVERSION;
  const claims = (price: number) =>
    price * structure.basicShares +
    sum(structure.convertibles, (c) => convertibleTreatment(c, price, convention).claimUsd) +
    sum(structure.dilutive, (d) => d.shares * Math.max(0, price - d.strikeUsd));
  const target = equityBeforeConvertiblesUsd;
  if (!(target > claims(0))) return describe(0, structure, convention, true);
  return describe(solveIncreasing(claims, target, 0), structure, convention, false);
}

function describe(
  price: number,
  structure: CapitalStructure,
  convention: ConvertibleConvention,
  floored: boolean,
): PerShareSolution {
  const convertibles = structure.convertibles.map((note) => convertibleTreatment(note, price, convention));
  const dilutive = structure.dilutive.map((d) => ({
    name: d.name,
    shares: price > d.strikeUsd ? (d.shares * (price - d.strikeUsd)) / price : 0,
  }));
  const dilutedShares = structure.basicShares + sum(convertibles, (c) => c.shares) + sum(dilutive, (d) => d.shares);
  return {
    priceUsd: price,
    dilutedShares,
    convertibleDebtUsd: sum(convertibles, (c) => c.debtUsd),
    convertibleOptionUsd: sum(convertibles, (c) => c.optionUsd),
    equityValueUsd: price * dilutedShares,
    convertibles,
    dilutive,
    floored,
  };
}

function sum<T>(items: readonly T[], of: (item: T) => number): number {
  let total = 0;
  for (const item of items) total += of(item);
  return total;
}
