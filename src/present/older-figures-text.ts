/**
 * How the figures older than a run's as-of date read (issue 20): a short note beside the company (a count and the
 * oldest date) in the coverage table, and one row per figure where the company is shown whole (`rerate value`, the
 * note, the dashboard's company page). Pure; the web imports it.
 */
import type { OlderFigure } from '../schema/older-figures.ts';
import { formatNumber } from './format.ts';

/** `12 figures older than the as-of (oldest 2025-04-30)`, or undefined when there are none. */
export function olderFiguresNote(figures: readonly OlderFigure[]): string | undefined {
  const oldest = figures.reduce<OlderFigure | undefined>((o, f) => (o && o.date <= f.date ? o : f), undefined);
  if (!oldest) return undefined;
  return `${figures.length} figure${figures.length === 1 ? '' : 's'} older than the as-of (oldest ${oldest.date})`;
}

export const OLDER_FIGURES_COLUMNS = ['Figure', 'Dated', 'Age (days)', 'Dated by', 'Source'];

/** The title of the list: what it is and the as-of date it is measured from. */
export function olderFiguresTitle(asOf: string): string {
  return `Figures older than the as-of date ${asOf} (each by its own date)`;
}

export function olderFiguresRows(figures: readonly OlderFigure[]): string[][] {
  return figures.map((f) => [f.path, f.date, formatNumber(f.ageDays), f.datedBy, f.source]);
}
