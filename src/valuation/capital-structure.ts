/**
 * Net debt and dilution solved with the target (DESIGN.md §6). A convertible is debt (its principal) while the
 * per-share value is below its conversion price K and shares above it: N = principal ÷ K shares. A capped call
 * bought with it delivers back the shares' value between K and the cap, so below the cap the note costs its
 * principal either way and above it N × (P − cap + K) ÷ P net shares are issued. Options, warrants and RSUs dilute
 * by the treasury-stock method: n × (P − strike) ÷ P shares when in the money (RSUs and warrants without a strike:
 * all).
 *
 * The per-share value P solves P × diluted shares(P) + convertible debt(P) = E, E the equity value before the
 * convertibles. Both conventions cost a note exactly its principal at P = K (N × K), so the left side is continuous,
 * piecewise linear and strictly increasing in P: one solution, found exactly on the segment between breakpoints.
 */

export interface Convertible {
  name: string;
  principalUsd: number;
  conversionPriceUsd: number;
  cappedCallCapUsd?: number | undefined;
}

export interface DilutiveSecurity {
  name: string;
  shares: number;
  /** 0 for RSUs and for securities whose strike is not known (counted in full). */
  strikeUsd: number;
}

export interface CapitalStructure {
  basicShares: number;
  convertibles: readonly Convertible[];
  dilutive: readonly DilutiveSecurity[];
}

export interface ConvertibleTreatment {
  name: string;
  treatedAs: 'debt' | 'shares';
  debtUsd: number;
  /** Net shares issued after the capped call. */
  shares: number;
}

export interface PerShareSolution {
  priceUsd: number;
  dilutedShares: number;
  convertibleDebtUsd: number;
  /** Equity value to common holders: price × diluted shares (0 when floored). */
  equityValueUsd: number;
  convertibles: ConvertibleTreatment[];
  dilutive: { name: string; shares: number }[];
  /** True when E does not cover the convertibles as debt: the value per share is floored at 0. */
  floored: boolean;
}

export function solvePerShare(equityBeforeConvertiblesUsd: number, structure: CapitalStructure): PerShareSolution {
  if (!(structure.basicShares > 0)) throw new RangeError('basic shares must be positive');
  const claims = (price: number) =>
    price * structure.basicShares +
    sum(structure.convertibles, (c) => convertibleClaim(c, price)) +
    sum(structure.dilutive, (d) => d.shares * Math.max(0, price - d.strikeUsd));
  const breakpoints = [
    0,
    ...new Set(
      [
        ...structure.convertibles.flatMap((c) => [c.conversionPriceUsd, c.cappedCallCapUsd ?? 0]),
        ...structure.dilutive.map((d) => d.strikeUsd),
      ].filter((p) => p > 0),
    ),
  ].sort((a, b) => a - b);

  const target = equityBeforeConvertiblesUsd;
  if (target <= claims(0)) return describe(0, structure, true);
  let price: number | undefined;
  for (let k = 1; k < breakpoints.length; k++) {
    const lo = breakpoints[k - 1] as number;
    const hi = breakpoints[k] as number;
    const gHi = claims(hi);
    if (gHi >= target) {
      const gLo = claims(lo);
      price = lo + ((target - gLo) * (hi - lo)) / (gHi - gLo);
      break;
    }
  }
  if (price === undefined) {
    const last = breakpoints[breakpoints.length - 1] as number;
    const slope = claims(last + 1) - claims(last);
    price = last + (target - claims(last)) / slope;
  }
  return describe(price, structure, false);
}

/** What a convertible costs common holders at a per-share value: principal as debt, or the value of its net shares. */
function convertibleClaim(note: Convertible, price: number): number {
  if (price < note.conversionPriceUsd) return note.principalUsd;
  return convertibleShares(note, price) * price;
}

function convertibleShares(note: Convertible, price: number): number {
  const shares = note.principalUsd / note.conversionPriceUsd;
  if (note.cappedCallCapUsd === undefined) return shares;
  return (shares * (price - Math.min(price, note.cappedCallCapUsd) + note.conversionPriceUsd)) / price;
}

function describe(price: number, structure: CapitalStructure, floored: boolean): PerShareSolution {
  const convertibles: ConvertibleTreatment[] = structure.convertibles.map((note) =>
    price < note.conversionPriceUsd
      ? { name: note.name, treatedAs: 'debt', debtUsd: note.principalUsd, shares: 0 }
      : { name: note.name, treatedAs: 'shares', debtUsd: 0, shares: convertibleShares(note, price) },
  );
  const dilutive = structure.dilutive.map((d) => ({
    name: d.name,
    shares: price > d.strikeUsd ? (d.shares * (price - d.strikeUsd)) / price : 0,
  }));
  const dilutedShares = structure.basicShares + sum(convertibles, (c) => c.shares) + sum(dilutive, (d) => d.shares);
  return {
    priceUsd: price,
    dilutedShares,
    convertibleDebtUsd: sum(convertibles, (c) => c.debtUsd),
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
