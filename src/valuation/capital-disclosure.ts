/**
 * What `value` prints about the capital structure besides the solution: the convertible convention with its
 * parameters, each note's terms, the ATM assumption and the cash rolled forward from the balance-sheet date.
 */
import type { ExplainInput } from './explain.ts';

export interface NoteTerms {
  name: string;
  principalUsd: number;
  conversionPriceUsd: number;
  cappedCallCapUsd: number | null;
  couponPct: number;
  maturity: string;
  source: string;
}

export interface CapitalDisclosure {
  convention: { name: string; source: string; parameters: ExplainInput[] };
  notes: NoteTerms[];
  /** The ATM programme when the company file gives one and it is public by the as-of date. */
  atm: { remainingCapacityUsd: number; source: string; counted: boolean; countSource: string; shares: number } | null;
  /** Each financing item after the balance-sheet date that was used, with the cash it moved (signed). */
  rollForward: { date: string; item: string; cashUsd: number; shares: number; source: string }[];
}
