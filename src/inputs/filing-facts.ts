/**
 * The figures a company's latest periodic filing states, read from the SEC's company facts and submissions index
 * (src/schema/sec-answers.ts) — pure: the answers and the day are arguments (issue 20, "Filings").
 *
 * Which filing: the latest 10-K or 10-Q (amendments are passed over: a 10-K/A is mostly Part III, without the
 * statements) filed on or before the day. A foreign private issuer's 20-F or 40-F filed later than it means the
 * company's latest figures are not in a US-GAAP periodic report (IREN filed 20-F/6-K before it moved to 10-K/10-Q):
 * then no figure is read, and each is "no facts for this period" with the reason — never a number from another
 * period, unit or taxonomy. Which facts (each must carry the filing's accession number):
 * - shares.basic: dei:EntityCommonStockSharesOutstanding (the cover page, unit `shares`), at its latest date; several
 *   share classes on one date are not summed (a class could be counted twice) and give no figure;
 * - balanceSheet.cashUsd: the first of CASH_CONCEPTS (us-gaap, USD) at the period end;
 * - balanceSheet.debt (compared, not overlaid): the first rule of DEBT_RULES whose concepts are all tagged (current
 *   parts optional), summed: carrying amounts, which differ from the file's principals by discounts and issue costs;
 * - balanceSheet.btcHeld: a fact in unit BTC (any taxonomy: companies tag their count with their own concepts) at the
 *   period end; several values are narrowed to the concepts not naming pledged, loaned, receivable or mined coins,
 *   and still several give no figure. USD fair values (us-gaap:CryptoAssetFairValue) are all crypto assets, not a BTC
 *   count, and are not read.
 */
import {
  filingEntries,
  type CompanyFacts,
  type FilingEntry,
  type Submissions,
  type XbrlFact,
} from '../schema/sec-answers.ts';
import type { Filing, FilingFact, FilingFacts, FilingField } from '../schema/filings.ts';

const US_PERIODIC_FORMS = new Set(['10-K', '10-Q', '10-KT', '10-QT']);
const FOREIGN_ANNUAL_FORMS = new Set(['20-F', '40-F']);

/** Cash, in order of preference: the cash-and-equivalents line, then plain cash. */
export const CASH_CONCEPTS = ['CashAndCashEquivalentsAtCarryingValue', 'Cash'] as const;

/** Debt: each rule a set of us-gaap concepts summed; `optional` ones may be absent (no current portion). */
export const DEBT_RULES: readonly { required: string[]; optional: string[] }[] = [
  { required: ['LongTermDebt'], optional: [] },
  { required: ['LongTermDebtNoncurrent'], optional: ['LongTermDebtCurrent'] },
  { required: ['ConvertibleNotesPayable'], optional: [] },
  { required: ['ConvertibleLongTermNotesPayable'], optional: ['ConvertibleNotesPayableCurrent'] },
];

const BTC_UNIT = /^(btc|bitcoins?)$/i;
const NOT_HELD = /pledg|collateral|loan|lent|receivab|mined|produc|restricted/i;

export function filingFacts(
  ticker: string,
  cik: string,
  facts: CompanyFacts,
  submissions: Submissions,
  asOf: string,
): FilingFacts {
  const fields: FilingField[] = ['shares.basic', 'balanceSheet.cashUsd', 'balanceSheet.btcHeld', 'balanceSheet.debt'];
  const none = (reason: string): FilingFacts => ({
    ticker,
    cik,
    filing: null,
    facts: [],
    missing: fields.map((field) => ({ field, reason: `no facts for this period: ${reason}` })),
  });
  const entries = filingEntries(submissions).filter((entry) => entry.filingDate <= asOf);
  const latest = (forms: Set<string>) =>
    entries.filter((entry) => forms.has(entry.form)).sort((a, b) => b.filingDate.localeCompare(a.filingDate))[0];
  const periodic = latest(US_PERIODIC_FORMS);
  const foreign = latest(FOREIGN_ANNUAL_FORMS);
  if (foreign && (!periodic || foreign.filingDate > periodic.filingDate))
    return none(
      `the latest annual report by ${asOf} is a ${foreign.form} filed ${foreign.filingDate} ` +
        '(a foreign private issuer: IFRS statements, no quarterly 10-Q); its figures are not read',
    );
  if (!periodic) return none(`no 10-K or 10-Q filed by ${asOf}`);
  if (periodic.reportDate === '')
    return none(`the ${periodic.form} ${periodic.accessionNumber} names no period (reportDate)`);
  const filing = filingOf(cik, periodic);
  const inFiling = (fact: XbrlFact) => fact.accn === filing.accession;
  const found: FilingFact[] = [];
  const missing: FilingFacts['missing'] = [];
  const record = (field: FilingField, outcome: FilingFact | string) => {
    if (typeof outcome === 'string') missing.push({ field, reason: `no facts for this period: ${outcome}` });
    else found.push(outcome);
  };

  record('shares.basic', coverShares(facts, inFiling, filing));
  const cash = CASH_CONCEPTS.map((concept) => instantAt(facts, 'us-gaap', concept, 'USD', inFiling, filing));
  record(
    'balanceSheet.cashUsd',
    cash.find((fact) => fact !== undefined && typeof fact !== 'string') ??
      cash.find((fact) => typeof fact === 'string') ??
      `none of us-gaap:${CASH_CONCEPTS.join(', ')} in ${filing.form} ${filing.accession} at ${filing.periodEnd}`,
  );
  record('balanceSheet.debt', debtOf(facts, inFiling, filing));
  record('balanceSheet.btcHeld', btcHeld(facts, inFiling, filing));
  return { ticker, cik, filing, facts: found, missing };
}

function filingOf(cik: string, entry: FilingEntry): Filing {
  const folder = `https://www.sec.gov/Archives/edgar/data/${Number(cik)}/${entry.accessionNumber.replaceAll('-', '')}`;
  return {
    accession: entry.accessionNumber,
    form: entry.form,
    filed: entry.filingDate,
    periodEnd: entry.reportDate,
    url: entry.primaryDocument === '' ? `${folder}/` : `${folder}/${encodeURIComponent(entry.primaryDocument)}`,
  };
}

type Field = FilingFact['field'];

/**
 * An instant fact of one concept at the filing's period end, in `unit`; a string saying why there is none (absent,
 * in another unit only, at another date only). Undefined when the concept is not tagged at all.
 */
function instantAt(
  facts: CompanyFacts,
  taxonomy: string,
  concept: string,
  unit: string,
  inFiling: (fact: XbrlFact) => boolean,
  filing: Filing,
  field: Field = 'balanceSheet.cashUsd',
): FilingFact | string | undefined {
  const units = facts.facts[taxonomy]?.[concept]?.units;
  if (units === undefined) return undefined;
  const name = `${taxonomy}:${concept}`;
  const ofFiling = (unitFacts: XbrlFact[]) => unitFacts.filter((fact) => inFiling(fact) && fact.start === undefined);
  const own = ofFiling(units[unit] ?? []);
  const atEnd = own.filter((fact) => fact.end === filing.periodEnd);
  if (atEnd.length > 0) {
    const values = new Set(atEnd.map((fact) => fact.val));
    if (values.size > 1) return `${name} has ${values.size} values at ${filing.periodEnd} in ${filing.accession}`;
    return { field, value: atEnd[0]!.val, concepts: [name], asOf: filing.periodEnd };
  }
  if (own.length > 0) return `${name} is in ${filing.accession} only at other dates than its period end`;
  const otherUnits = Object.keys(units).filter((other) => other !== unit && ofFiling(units[other]!).length > 0);
  if (otherUnits.length > 0) return `${name} is reported in ${otherUnits.join(', ')}, not ${unit}`;
  return `${name} is not in ${filing.form} ${filing.accession}`;
}

function coverShares(facts: CompanyFacts, inFiling: (fact: XbrlFact) => boolean, filing: Filing): FilingFact | string {
  const name = 'dei:EntityCommonStockSharesOutstanding';
  const own = (facts.facts['dei']?.['EntityCommonStockSharesOutstanding']?.units['shares'] ?? []).filter(inFiling);
  if (own.length === 0) return `${name} is not on the cover page of ${filing.form} ${filing.accession}`;
  const coverDate = own
    .map((fact) => fact.end)
    .sort()
    .at(-1)!;
  // The cover page states the count at a date after the period end; one before it is not this filing's cover.
  if (coverDate < filing.periodEnd) return `${name} in ${filing.accession} is dated ${coverDate}, before its period`;
  const atDate = own.filter((fact) => fact.end === coverDate);
  if (new Set(atDate.map((fact) => fact.val)).size > 1 || atDate.length > 1)
    return `${atDate.length} share classes on the cover page of ${filing.accession}: not summed`;
  return { field: 'shares.basic', value: atDate[0]!.val, concepts: [name], asOf: coverDate };
}

function debtOf(facts: CompanyFacts, inFiling: (fact: XbrlFact) => boolean, filing: Filing): FilingFact | string {
  for (const rule of DEBT_RULES) {
    const parts = [...rule.required, ...rule.optional].map((concept) => ({
      concept,
      fact: instantAt(facts, 'us-gaap', concept, 'USD', inFiling, filing, 'balanceSheet.debt'),
    }));
    const required = parts.slice(0, rule.required.length);
    if (!required.every((part) => part.fact !== undefined && typeof part.fact !== 'string')) continue;
    const used = parts.flatMap((part) => (part.fact !== undefined && typeof part.fact !== 'string' ? [part.fact] : []));
    return {
      field: 'balanceSheet.debt',
      value: used.reduce((sum, fact) => sum + fact.value, 0),
      concepts: used.flatMap((fact) => fact.concepts),
      asOf: filing.periodEnd,
    };
  }
  const tried = DEBT_RULES.map((rule) => rule.required.join(' + ')).join('; ');
  return `none of us-gaap ${tried} in ${filing.accession} at ${filing.periodEnd}`;
}

function btcHeld(facts: CompanyFacts, inFiling: (fact: XbrlFact) => boolean, filing: Filing): FilingFact | string {
  const candidates: { concept: string; value: number }[] = [];
  for (const [taxonomy, concepts] of Object.entries(facts.facts))
    for (const [concept, { units }] of Object.entries(concepts))
      for (const [unit, unitFacts] of Object.entries(units)) {
        if (!BTC_UNIT.test(unit)) continue;
        for (const fact of unitFacts)
          if (inFiling(fact) && fact.start === undefined && fact.end === filing.periodEnd)
            candidates.push({ concept: `${taxonomy}:${concept}`, value: fact.val });
      }
  if (candidates.length === 0) return `no fact in unit BTC in ${filing.accession} at ${filing.periodEnd}`;
  const held = candidates.filter((candidate) => !NOT_HELD.test(candidate.concept));
  const values = new Set(held.map((candidate) => candidate.value));
  if (values.size !== 1) {
    const listed = candidates.map((candidate) => `${candidate.concept} ${candidate.value}`).join(', ');
    return `the BTC facts of ${filing.accession} do not name one holding (${listed})`;
  }
  const concepts = [...new Set(held.map((candidate) => candidate.concept))];
  return { field: 'balanceSheet.btcHeld', value: held[0]!.value, concepts, asOf: filing.periodEnd };
}
