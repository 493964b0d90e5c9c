/**
 * A company file with the dated overlays written from its filings (issue 20, "Filings"): each overlay figure replaces
 * the file's, public from the filing's date (`knownFrom`), with the file's own value as `previously` — so the
 * point-in-time resolution (src/inputs/point-in-time.ts) gives a run as of an earlier day the file's value and a later
 * run the filing's. Pure: the overlays are read by the caller. The file as written (`raw`) gets the same figures, so
 * provenance shows the filing as the source.
 *
 * An overlay figure is not applied (and the reason is returned) when it would be wrong rather than new:
 * - it describes an earlier date than the file's own figure (cash and BTC: `balanceSheet.asOf`; shares: the figure's
 *   `asOf` when it has one) — the analyst's file is newer;
 * - for cash and shares, the file rolls financing forward from `balanceSheet.asOf` (`balanceSheet.rollForward`) with
 *   events up to the filing's date of the figure: the filing's figure already holds them, and they would count twice;
 * - BTC held below the file's pledged BTC (pledged cannot exceed held).
 */
import type { FilingOverlay, OverlayField } from '../schema/filings.ts';
import { valueOf } from '../schema/company-figures.ts';
import type { LoadedCompany } from './loaded-files.ts';

export interface SkippedOverlayFigure {
  field: OverlayField;
  accession: string;
  reason: string;
}

export interface OverlaidCompany {
  loaded: LoadedCompany;
  /** The overlay figures applied, by filing date. */
  applied: { field: OverlayField; accession: string; knownFrom: string }[];
  skipped: SkippedOverlayFigure[];
}

type FigureValue = number | Record<string, unknown>;

export function withFilingOverlays(loaded: LoadedCompany, overlays: readonly FilingOverlay[]): OverlaidCompany {
  if (overlays.length === 0) return { loaded, applied: [], skipped: [] };
  const company = structuredClone(loaded.company);
  const raw = structuredClone(loaded.raw) as Record<string, Record<string, unknown>>;
  const applied: OverlaidCompany['applied'] = [];
  const skipped: SkippedOverlayFigure[] = [];
  const ordered = [...overlays].sort((a, b) => a.filing.filed.localeCompare(b.filing.filed));
  for (const overlay of ordered) {
    for (const [field, fact] of Object.entries(overlay.figures) as [
      OverlayField,
      (typeof overlay.figures)[OverlayField],
    ][]) {
      if (fact === undefined) continue;
      const [section, key] = field.split('.') as ['shares' | 'balanceSheet', string];
      const parsedSection = company[section] as unknown as Record<string, FigureValue>;
      const current = parsedSection[key] as FigureValue;
      const reason = whyNot(loaded, field, fact, current);
      if (reason !== undefined) {
        skipped.push({ field, accession: overlay.filing.accession, reason });
        continue;
      }
      const { filing } = overlay;
      const replaced = (previous: unknown): Record<string, unknown> => ({
        value: fact.value,
        source:
          `SEC ${filing.form} ${filing.accession} filed ${filing.filed} ` +
          `(${fact.concepts.join(' + ')}): ${filing.url}`,
        asOf: fact.asOf,
        knownFrom: filing.filed,
        previously: typeof previous === 'number' ? { value: previous } : previous,
      });
      parsedSection[key] = replaced(current);
      const rawSection = raw[section];
      if (rawSection) rawSection[key] = replaced(rawSection[key] ?? current);
      applied.push({ field, accession: filing.accession, knownFrom: filing.filed });
    }
  }
  const filingOverlays = { applied, skipped, file: { company: loaded.company, raw: loaded.raw } };
  if (applied.length === 0) return { loaded: { ...loaded, filingOverlays }, applied, skipped };
  return { loaded: { ...loaded, company, raw, filingOverlays }, applied, skipped };
}

function whyNot(
  loaded: LoadedCompany,
  field: OverlayField,
  fact: { value: number; asOf: string },
  current: FigureValue,
): string | undefined {
  const { balanceSheet } = loaded.company;
  const ownAsOf =
    field === 'shares.basic'
      ? typeof current === 'object' && typeof current['asOf'] === 'string'
        ? current['asOf']
        : undefined
      : balanceSheet.asOf;
  if (ownAsOf !== undefined && fact.asOf < ownAsOf)
    return `the filing's figure is as of ${fact.asOf}, the file's as of ${ownAsOf}: the file is newer`;
  if (field !== 'balanceSheet.btcHeld') {
    const moved = balanceSheet.rollForward.filter(
      (event) =>
        event.date > balanceSheet.asOf &&
        event.date <= fact.asOf &&
        (field === 'balanceSheet.cashUsd' || event.shares !== undefined),
    );
    if (moved.length > 0)
      return (
        `the file rolls ${moved.length} financing event(s) forward from ${balanceSheet.asOf} to ${fact.asOf} ` +
        '(balanceSheet.rollForward): the filing already holds them; update the file instead'
      );
  }
  if (field === 'balanceSheet.btcHeld' && fact.value < valueOf(balanceSheet.btcPledged))
    return `${fact.value} BTC held is below the file's ${valueOf(balanceSheet.btcPledged)} BTC pledged`;
  return undefined;
}
