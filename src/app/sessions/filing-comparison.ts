/**
 * A company's filed figures beside its file's (issue 20, "Filings"): for each figure a filing can state, the file's
 * own value on the day, the filing's, whether they differ by more than DIFFERENCE_TOLERANCE, and what the valuation
 * uses on that day (the file's, or an overlay's once public).
 */
import type { AppPorts } from '../ports/app-ports.ts';
import { companyAsOf } from '../../inputs/point-in-time.ts';
import type { LoadedCompany } from '../../inputs/loaded-files.ts';
import { valueOf } from '../../schema/company-figures.ts';
import type { CompanyFile } from '../../schema/company.ts';
import {
  filingOverlaySchema,
  type Filing,
  type FilingFact,
  type FilingFacts,
  type FilingOverlay,
  type FilingsResults,
} from '../../schema/filings.ts';
import { InputError } from '../../schema/input-error.ts';
import { dayFromIso } from '../../units/calendar-day.ts';

/** Figures within 1% agree: filings round (thousands of dollars, cover counts a few days apart from the file's). */
export const DIFFERENCE_TOLERANCE = 0.01;

const FIELDS = ['shares.basic', 'balanceSheet.cashUsd', 'balanceSheet.btcHeld', 'balanceSheet.debt'] as const;

export interface FilingsSubject {
  loaded: LoadedCompany;
  ticker: string;
  cik: string;
}

/** The company file of a covered ticker with its CIK; an InputError when the file names none. */
export async function filingsSubject(ports: AppPorts, ticker: string): Promise<FilingsSubject> {
  const loaded = await ports.coverage.load(ticker);
  const { cik } = loaded.company;
  if (cik === undefined)
    throw InputError.at(['ticker'], `${loaded.file} names no cik: add the company's SEC CIK (cik: "0000000000")`);
  return { loaded, ticker: loaded.company.ticker, cik };
}

export function comparisonRows(
  subject: FilingsSubject,
  asOf: string,
  facts: Pick<FilingFacts, 'facts' | 'missing'>,
  origin: FilingsResults['origin'],
): FilingsResults['rows'] {
  const day = dayFromIso(asOf);
  const { loaded } = subject;
  const own = loaded.filingOverlays ? { ...loaded, ...loaded.filingOverlays.file } : loaded;
  const fileCompany = companyAsOf(own, day).loaded.company;
  const usedCompany = companyAsOf(loaded, day).loaded.company;
  return FIELDS.map((field) => {
    const fact = facts.facts.find((f) => f.field === field);
    const file = figureOf(fileCompany, field, asOf);
    const used = figureOf(usedCompany, field, asOf);
    const filingValue = fact?.value ?? null;
    const difference =
      file.value !== null && filingValue !== null
        ? file.value === 0
          ? filingValue === 0
            ? 0
            : 1
          : Math.abs(filingValue - file.value) / Math.abs(file.value)
        : null;
    const status =
      filingValue === null
        ? ('no facts' as const)
        : file.value === null
          ? ('not in the file' as const)
          : difference !== null && difference > DIFFERENCE_TOLERANCE
            ? ('differs' as const)
            : ('agrees' as const);
    const missing = facts.missing.find((m) => m.field === field)?.reason;
    return {
      field,
      fileValue: file.value,
      fileNote: file.note,
      filingValue,
      concepts: fact?.concepts ?? [],
      factAsOf: fact?.asOf ?? null,
      differenceFraction: difference,
      status,
      usedValue: used.value,
      usedNote: used.note,
      note: missing ?? usageNote(loaded, field, fact, used.value, origin),
    };
  });
}

function usageNote(
  loaded: LoadedCompany,
  field: string,
  fact: FilingFact | undefined,
  usedValue: number | null,
  origin: FilingsResults['origin'],
): string {
  if (field === 'balanceSheet.debt')
    return (
      "compared only: the filing's carrying amounts against the file's principals; the valuation reads debt per " +
      'instrument from the file'
    );
  const overlays = loaded.filingOverlays;
  if (fact && usedValue === fact.value && overlays?.applied.some((a) => a.field === field))
    return 'in effect: a stored overlay, from its filing date';
  const skipped = overlays?.skipped.filter((s) => s.field === field).at(-1);
  if (skipped) return `overlay ${skipped.accession} not applied: ${skipped.reason}`;
  return fact && origin === 'sec' ? 'not stored: --write-overlay stores it for the valuation' : '';
}

/** A figure of the file as the valuation reads it, with its source or assumption. */
function figureOf(
  company: CompanyFile,
  field: (typeof FIELDS)[number],
  asOf: string,
): { value: number | null; note: string } {
  if (field === 'balanceSheet.debt') {
    const debts = company.balanceSheet.debt;
    const principal = debts.reduce((sum, d) => sum + valueOf(d.principalUsd), 0);
    return { value: principal, note: `${debts.length} instrument(s) public by ${asOf}, principal` };
  }
  const [section, key] = field.split('.') as ['shares' | 'balanceSheet', string];
  const figure = (company[section] as unknown as Record<string, number | Record<string, unknown>>)[key];
  if (figure === undefined) return { value: null, note: '' };
  if (typeof figure === 'number') return { value: figure, note: 'neither source nor assumption' };
  const note = String(figure['source'] ?? `assumption: ${String(figure['assumption'] ?? '')}`);
  const dated = typeof figure['asOf'] === 'string' ? ` (as of ${figure['asOf']})` : '';
  return { value: figure['value'] as number, note: `${note}${dated}` };
}

/** The overlays stored for a ticker, with whether a run as of the day sees them. */
export function overlayListing(overlays: readonly FilingOverlay[], asOf: string): FilingsResults['overlays'] {
  return overlays.map((overlay) => ({
    filing: overlay.filing,
    fields: Object.keys(overlay.figures),
    public: overlay.filing.filed <= asOf,
  }));
}

/**
 * The overlay of one filing's facts: the figures a filing states that the file holds too, each within the company
 * file's bounds (src/schema/bounds.ts); a figure outside them is left out and named in `refused`.
 */
export function overlayOf(
  subject: FilingsSubject,
  filing: Filing,
  facts: readonly FilingFact[],
  writtenAt: string,
): { overlay: FilingOverlay; refused: string[] } {
  const figures: FilingOverlay['figures'] = {};
  const refused: string[] = [];
  const shapes = filingOverlaySchema.shape.figures.shape;
  for (const fact of facts) {
    if (fact.field === 'balanceSheet.debt') continue;
    const figure = { value: fact.value, concepts: fact.concepts, asOf: fact.asOf };
    const checked = shapes[fact.field].safeParse(figure);
    if (checked.success) figures[fact.field] = figure;
    else refused.push(`${fact.field} ${fact.value}: ${checked.error.issues[0]?.message ?? 'out of bounds'}`);
  }
  return { overlay: { ticker: subject.ticker, cik: subject.cik, filing, writtenAt, figures }, refused };
}
