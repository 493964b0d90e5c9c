/**
 * Which numbers a warning concerns, so it is shown next to them (DESIGN.md §1). The engine names the company at the
 * start of the message (`CIFR: …`) and the affected figures in `field`, a path into the results
 * (`companies[2].periods`, `cashUsd`, `dataAsOf.fees`).
 */
import type { ResultWarning } from './api-types.ts';

/** Warnings about one company: named in the message, or pointing into its entry of a results array. */
export function concernsCompany(warning: ResultWarning, ticker: string, resultsPath?: string): boolean {
  if (warning.message.startsWith(`${ticker}:`)) return true;
  return (
    resultsPath !== undefined &&
    warning.field !== undefined &&
    (warning.field === resultsPath || warning.field.startsWith(`${resultsPath}.`))
  );
}

/** Warnings that name no company: they concern every figure on the page (stale data, imputed fees). */
export function concernsNoCompany(warning: ResultWarning, tickers: readonly string[]): boolean {
  return (
    !tickers.some((ticker) => warning.message.startsWith(`${ticker}:`)) &&
    !/^companies\[\d+\]/.test(warning.field ?? '')
  );
}

/** Letters only, lower case: `Power and land` and `powerAndLand` both become `powerandland`. */
function squash(text: string): string {
  return text.toLowerCase().replace(/[^a-z]/g, '');
}

/** A warning about one line of the sum of the parts: its field names the part (`cashUsd` → Cash, `powerAndLand`). */
export function concernsPart(warning: ResultWarning, part: string): boolean {
  const leaf = warning.field?.split('.').pop()?.replace(/Usd$/, '');
  return leaf !== undefined && leaf !== '' && squash(leaf) === squash(part);
}
