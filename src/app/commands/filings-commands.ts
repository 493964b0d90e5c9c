/**
 * `rerate filings fetch|show TICKER`: what the company's SEC filings state beside its file, and the dated overlays
 * that carry filed figures into the valuation (issue 20, "Filings"; docs/data.md).
 */
import { defineCommand, type TextSection } from '../command.ts';
import {
  comparisonRows,
  DIFFERENCE_TOLERANCE,
  filingsSubject,
  overlayListing,
  overlayOf,
} from '../sessions/filing-comparison.ts';
import { filingFacts } from '../../inputs/filing-facts.ts';
import { formatNumber } from '../../present/format.ts';
import {
  filingsFetchInputSchema,
  filingsResultsSchema,
  filingsShowInputSchema,
  OVERLAY_FIELDS,
  type FilingsResults,
} from '../../schema/filings.ts';
import { InputError } from '../../schema/input-error.ts';
import type { ResultWarning } from '../../schema/result-envelope.ts';
import type { AppPorts } from '../ports/app-ports.ts';

function filingsPorts(ports: AppPorts) {
  if (!ports.filings) throw InputError.at(['ticker'], 'filings are not available here (no SEC source configured)');
  return ports.filings;
}

export const filingsFetchCommand = defineCommand({
  name: 'filings fetch',
  summary: "Read a company's latest 10-K/10-Q from the SEC and compare it with the company file",
  description:
    "Reads the company's submissions index and XBRL company facts from data.sec.gov (the file's cik; " +
    'RERATE_SEC_USER_AGENT must name you and a contact, the SEC asks it of every client; at most 10 requests a ' +
    'second). The latest 10-K or 10-Q filed by the as-of day gives shares outstanding (cover page), cash, debt and ' +
    "BTC held where tagged in BTC, each with the filing (form, accession, period, filed date), beside the file's " +
    `figures, flagged when over ${DIFFERENCE_TOLERANCE * 100}% apart. A figure missing, in another unit or taxonomy, ` +
    'or a foreign private issuer\'s 20-F is "no facts for this period", never a number from another period. ' +
    'With --write-overlay the figures are stored as a dated overlay in the local data store (never in the company ' +
    'file): valuations as of the filing date or later use them, earlier ones do not.',
  examples: [
    'rerate filings fetch MARA',
    'rerate filings fetch RIOT --write-overlay',
    'rerate filings fetch CLSK --json',
  ],
  http: { notServed: 'calls the SEC and writes the local data store: run it from the CLI; GET /api/v1/filings/show' },
  inputSchema: filingsFetchInputSchema,
  outputSchema: filingsResultsSchema,
  async run(input, ports) {
    const filings = filingsPorts(ports);
    const asOf = input.asOf ?? ports.clock.today();
    const subject = await filingsSubject(ports, input.ticker);
    if (input.writeOverlay && !filings.overlays)
      throw InputError.at(['writeOverlay'], 'no local data store to write to: set RERATE_DATA_DIR (or HOME)');
    const sec = filings.sec();
    const submissions = await sec.submissions(subject.cik);
    const companyFacts = await sec.companyFacts(subject.cik);
    const facts = filingFacts(subject.ticker, subject.cik, companyFacts, submissions, asOf);
    const warnings: ResultWarning[] = [];
    let written: FilingsResults['written'] = null;
    let loaded = subject.loaded;
    if (input.writeOverlay) {
      const built = facts.filing && overlayOf(subject, facts.filing, facts.facts, ports.clock.now());
      const overlay = built?.overlay;
      for (const refused of built?.refused ?? [])
        warnings.push({
          code: 'filing-figure-refused',
          message: `${subject.ticker}: not written: ${refused}`,
          field: 'writeOverlay',
        });
      if (!overlay || Object.keys(overlay.figures).length === 0)
        warnings.push({
          code: 'nothing-to-overlay',
          message: `${subject.ticker}: no overlay written: the filing states none of ${OVERLAY_FIELDS.join(', ')}`,
          field: 'writeOverlay',
        });
      else {
        written = await filings.overlays!.write(overlay);
        // Read again, so the table shows what the valuation now uses.
        loaded = await ports.coverage.load(subject.ticker);
      }
    }
    const stored = filings.overlays?.list(subject.ticker) ?? [];
    const results: FilingsResults = {
      ticker: subject.ticker,
      cik: subject.cik,
      asOf,
      origin: 'sec',
      filing: facts.filing,
      tolerance: DIFFERENCE_TOLERANCE,
      rows: comparisonRows({ ...subject, loaded }, asOf, facts, 'sec'),
      overlays: overlayListing(stored, asOf),
      written,
    };
    return {
      results,
      asOf,
      dataAsOf: facts.filing ? { filings: facts.filing.filed } : {},
      warnings: [...warnings, ...differences(results)],
    };
  },
  textView: filingsTextView,
});

export const filingsShowCommand = defineCommand({
  name: 'filings show',
  summary: 'The filing overlays stored for a company, beside its file and what the valuation uses',
  description:
    'Reads the overlays `rerate filings fetch --write-overlay` stored in the local data store (no SEC call): the ' +
    "latest one public by the as-of day beside the file's figures, flagged when over " +
    `${DIFFERENCE_TOLERANCE * 100}% apart, and the figure the valuation uses on that day. Every stored overlay is ` +
    'listed with whether a run as of the day sees it.',
  examples: ['rerate filings show MARA', 'rerate filings show RIOT --as-of 2025-10-01 --json'],
  // The overlays change with every fetch that writes one.
  http: { uncached: true },
  inputSchema: filingsShowInputSchema,
  outputSchema: filingsResultsSchema,
  async run(input, ports) {
    const filings = filingsPorts(ports);
    const asOf = input.asOf ?? ports.clock.today();
    const subject = await filingsSubject(ports, input.ticker);
    const stored = filings.overlays?.list(subject.ticker) ?? [];
    const latest = stored.filter((overlay) => overlay.filing.filed <= asOf).at(-1);
    const facts = latest
      ? {
          facts: OVERLAY_FIELDS.flatMap((field) => {
            const figure = latest.figures[field];
            return figure ? [{ field, ...figure }] : [];
          }),
          missing: [],
        }
      : { facts: [], missing: [] };
    const results: FilingsResults = {
      ticker: subject.ticker,
      cik: subject.cik,
      asOf,
      origin: 'stored overlay',
      filing: latest?.filing ?? null,
      tolerance: DIFFERENCE_TOLERANCE,
      rows: comparisonRows(subject, asOf, facts, 'stored overlay'),
      overlays: overlayListing(stored, asOf),
      written: null,
    };
    return { results, asOf, dataAsOf: latest ? { filings: latest.filing.filed } : {}, warnings: differences(results) };
  },
  textView: filingsTextView,
});

function differences(results: FilingsResults): ResultWarning[] {
  return results.rows
    .filter((row) => row.status === 'differs')
    .map((row) => ({
      code: 'filing-differs',
      message:
        `${results.ticker}: ${row.field} is ${formatNumber(row.filingValue ?? 0, 0)} in ` +
        `${results.filing?.form ?? 'the filing'} ${results.filing?.accession ?? ''}, ` +
        `${formatNumber(row.fileValue ?? 0, 0)} in the file`,
      field: 'rows',
    }));
}

function filingsTextView(results: FilingsResults): TextSection[] {
  const filing = results.filing;
  const shown = (value: number | null) => (value === null ? '—' : formatNumber(value, Number.isInteger(value) ? 0 : 2));
  return [
    {
      kind: 'table',
      title:
        `${results.ticker} (CIK ${results.cik ?? '—'}) as of ${results.asOf}: ` +
        (filing
          ? `${filing.form} ${filing.accession}, period ${filing.periodEnd}, filed ${filing.filed}`
          : results.origin === 'sec'
            ? 'no facts for this period'
            : 'no overlay public by this day'),
      columns: ['Figure', 'File', 'Filing', 'Concepts (date)', 'Status', 'Valuation uses', 'Note'],
      rows: results.rows.map((row) => [
        row.field,
        shown(row.fileValue),
        shown(row.filingValue),
        row.concepts.length > 0 ? `${row.concepts.join(' + ')} (${row.factAsOf})` : '',
        row.status === 'differs' ? `DIFFERS ${formatNumber((row.differenceFraction ?? 0) * 100, 1)}%` : row.status,
        shown(row.usedValue),
        row.note,
      ]),
      notes: [
        ...(filing ? [`filing: ${filing.url}`] : []),
        `differs: more than ${results.tolerance * 100}% apart`,
        ...(results.written
          ? [`overlay ${results.written.created ? 'written' : 'already stored'}: ${results.written.location}`]
          : []),
      ],
    },
    {
      kind: 'table',
      title: 'Overlays stored',
      columns: ['Filing', 'Period', 'Filed (knownFrom)', 'Figures', `Public by ${results.asOf}`],
      rows: results.overlays.map((overlay) => [
        `${overlay.filing.form} ${overlay.filing.accession}`,
        overlay.filing.periodEnd,
        overlay.filing.filed,
        overlay.fields.join(', '),
        overlay.public ? 'yes' : 'no',
      ]),
      ...(results.overlays.length === 0
        ? { notes: ['none: rerate filings fetch TICKER --write-overlay writes one'] }
        : {}),
    },
  ];
}
