/**
 * How a company's filed figures read beside its file's (issue 20, "Filings"), on the dashboard's company page: the
 * filing the figures come from, one row per figure (file, filing, status, what the valuation uses) and one per stored
 * overlay. Pure; the web imports it. The CLI's `filings show` prints the same results as its own table.
 */
import type { FilingsResults } from '../schema/filings.ts';
import { formatNumber } from './format.ts';

type FilingRow = FilingsResults['rows'][number];

export const FILINGS_COLUMNS = ['Figure', 'Company file', 'Filing', 'Status', 'Valuation uses', 'Note'];
export const OVERLAYS_COLUMNS = ['Filing', 'Period', 'Filed (known from)', 'Figures', 'Public by the as-of'];

/** The command that stores a filing's facts; the API never runs it (it calls the SEC and writes the local store). */
export function fetchOverlayCommand(ticker: string): string {
  return `rerate filings fetch ${ticker} --write-overlay`;
}

/** A figure as filings state it: counts and dollars whole, BTC to two decimals; `—` when absent. */
export function filingFigureText(value: number | null): string {
  return value === null ? '—' : formatNumber(value, Number.isInteger(value) ? 0 : 2);
}

/** `differs 3.3%` beyond the tolerance, else the status as the API names it. */
export function filingStatusText(row: Pick<FilingRow, 'status' | 'differenceFraction'>): string {
  return row.status === 'differs' ? `differs ${formatNumber((row.differenceFraction ?? 0) * 100, 1)}%` : row.status;
}

/** `10-Q 0001507605-25-000028, period 2025-09-30, filed 2025-11-04`, or why there is none. */
export function filingLine(results: Pick<FilingsResults, 'filing' | 'origin'>): string {
  const { filing } = results;
  if (filing) return `${filing.form} ${filing.accession}, period ${filing.periodEnd}, filed ${filing.filed}`;
  return results.origin === 'sec' ? 'no facts for this period' : 'no overlay public by this day';
}

/** One row per figure: the cells of FILINGS_COLUMNS. */
export function filingsRows(results: Pick<FilingsResults, 'rows'>): string[][] {
  return results.rows.map((row) => [
    row.field,
    filingFigureText(row.fileValue),
    filingFigureText(row.filingValue),
    filingStatusText(row),
    filingFigureText(row.usedValue),
    row.note,
  ]);
}

/** One row per stored overlay: the cells of OVERLAYS_COLUMNS. */
export function overlaysRows(results: Pick<FilingsResults, 'overlays'>): string[][] {
  return results.overlays.map((overlay) => [
    `${overlay.filing.form} ${overlay.filing.accession}`,
    overlay.filing.periodEnd,
    overlay.filing.filed,
    overlay.fields.join(', '),
    overlay.public ? 'yes' : 'no',
  ]);
}

/** A link to the filing on sec.gov only when it is one (the stored URL is checked as a URL, not as a scheme). */
export function filingHref(url: string): string | undefined {
  return /^https:\/\/(www\.)?sec\.gov\//.test(url) ? url : undefined;
}
