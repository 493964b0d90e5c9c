/**
 * Which covered companies a run can value as of its date (issue 19): a desk re-runs its model as of past dates, so a
 * company whose figures start later is not valued but listed with the reason (src/inputs/valuation-start.ts), and a
 * run in which no company can be valued is an input error at the as-of date naming the first date one can.
 */
import type { LoadedCompany } from '../../inputs/loaded-files.ts';
import { notValuedReason, valuationStart } from '../../inputs/valuation-start.ts';
import { lastDay, type NetworkHistory } from '../../network/network-history.ts';
import { InputError } from '../../schema/input-error.ts';
import { isoFromDay, type DayNumber } from '../../units/calendar-day.ts';
import type { NotValuedCompany } from '../../schema/valuation.ts';

/** Why the company cannot be valued as of `asOf` (YYYY-MM-DD), or undefined when it can. */
export function notValuedAsOf(loaded: LoadedCompany, asOf: string): NotValuedCompany | undefined {
  const start = valuationStart(loaded.company);
  if (start.date <= asOf) return undefined;
  const { ticker, name } = loaded.company;
  return { ticker, name, valuedFrom: start.date, reason: notValuedReason(ticker, asOf, start) };
}

/** The companies that can be valued as of `asOf` and the others with the reason; none valued is an input error. */
export function companiesValuedAsOf(
  companies: readonly LoadedCompany[],
  asOf: string,
): { valued: LoadedCompany[]; notValued: NotValuedCompany[] } {
  const valued: LoadedCompany[] = [];
  const notValued: NotValuedCompany[] = [];
  for (const loaded of companies) {
    const reason = notValuedAsOf(loaded, asOf);
    if (reason) notValued.push(reason);
    else valued.push(loaded);
  }
  const first = notValued.reduce((min, c) => (c.valuedFrom < min ? c.valuedFrom : min), '9999-12-31');
  if (valued.length === 0 && notValued.length > 0) {
    const tickers = notValued.filter((c) => c.valuedFrom === first).map((c) => c.ticker);
    throw InputError.at(
      ['asOf'],
      `no covered company has figures by ${asOf}: the first date one can be valued is ${first} ` +
        `(${tickers.join(', ')})`,
    );
  }
  return { valued, notValued };
}

/** An input error at the as-of date when the company's figures start after it, naming the first date they do. */
export function assertValuedAsOf(loaded: LoadedCompany, asOf: string): void {
  const start = valuationStart(loaded.company);
  if (start.date <= asOf) return;
  throw InputError.at(
    ['asOf'],
    `${loaded.company.ticker} cannot be valued as of ${asOf}: no figures known by then; the first date it can be ` +
      `valued is ${start.date} (${start.figure} in ${loaded.file})`,
  );
}

/**
 * The as-of dates a valuation of the coverage can take without flags (the dashboard's date picker): from the first
 * at which a company has figures and the data a BTC price, to the data's last day; null when there are none.
 */
export function valuationAsOfRange(
  history: NetworkHistory,
  companies: readonly LoadedCompany[],
): { first: string; last: string } | null {
  const { daily } = history;
  const priced = daily.priceUsd.findIndex((price) => !Number.isNaN(price));
  if (priced < 0 || companies.length === 0) return null;
  const firstFigures = companies.map((c) => valuationStart(c.company).date).reduce((a, b) => (b < a ? b : a));
  const firstPriced = isoFromDay((daily.firstDay + priced) as DayNumber);
  const first = firstFigures > firstPriced ? firstFigures : firstPriced;
  const last = isoFromDay(lastDay(daily));
  return first <= last ? { first, last } : null;
}
