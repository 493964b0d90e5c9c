/**
 * The two answers of the SEC's public EDGAR APIs rerate reads, as documented on
 * https://www.sec.gov/edgar/sec-api-documentation ("data.sec.gov" RESTful APIs), only the fields used; anything
 * else in the answer is ignored.
 *
 * - Company facts, `https://data.sec.gov/api/xbrl/companyfacts/CIK##########.json`: every XBRL fact a company filed,
 *   `facts.<taxonomy>.<concept>.units.<unit>[]`, each `{ end, start?, val, accn, fy, fp, form, filed, frame? }`
 *   (instant facts have no `start`).
 * - Submissions, `https://data.sec.gov/submissions/CIK##########.json`: the company's filings, the latest (at least a
 *   year or 1,000 filings) as parallel arrays in `filings.recent` (`accessionNumber`, `filingDate`, `reportDate`,
 *   `form`, `primaryDocument`, …).
 */
import { z } from 'zod';
import { isoDateSchema } from './common.ts';

/**
 * Text of an answer that rerate prints or stores (forms, taxonomy, concept and unit names, documents): bounded, and
 * without control characters, so that no terminal escape sequence reaches a table (issue 19).
 */
export const plainText = (maxLength: number) =>
  z
    .string()
    .max(maxLength)
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    .refine((text) => !/[\u0000-\u001f\u007f-\u009f]/.test(text), 'control characters in the text');

/** An EDGAR accession number: filer id, year, sequence (`0001507605-25-000026`). */
export const accessionNumberSchema = z
  .string()
  .regex(/^\d{10}-\d{2}-\d{6}$/, 'an accession number 0000000000-00-000000');

const xbrlFact = z.object({
  end: isoDateSchema,
  start: isoDateSchema.optional(),
  val: z.number().finite(),
  accn: accessionNumberSchema,
  form: plainText(20),
  filed: isoDateSchema,
});
export type XbrlFact = z.output<typeof xbrlFact>;

const concept = z.object({ units: z.record(plainText(60), z.array(xbrlFact)) });

export const companyFactsSchema = z.object({
  cik: z.number().int().positive(),
  entityName: plainText(300),
  /** Taxonomy (`us-gaap`, `dei`, `ifrs-full`, a company's own) → concept → unit → facts; none without XBRL. */
  facts: z.record(plainText(60), z.record(plainText(300), concept)).default({}),
});
export type CompanyFacts = z.output<typeof companyFactsSchema>;

export const submissionsSchema = z
  .object({
    cik: z.union([z.string(), z.number()]),
    name: plainText(300),
    filings: z.object({
      recent: z.object({
        accessionNumber: z.array(accessionNumberSchema),
        filingDate: z.array(isoDateSchema),
        /** Empty for filings without a period (an 8-K without one, a Form 4 …). */
        reportDate: z.array(z.union([isoDateSchema, z.literal('')])),
        form: z.array(plainText(20)),
        primaryDocument: z.array(plainText(300)),
      }),
    }),
  })
  .refine(
    ({ filings: { recent } }) =>
      [recent.filingDate, recent.reportDate, recent.form, recent.primaryDocument].every(
        (column) => column.length === recent.accessionNumber.length,
      ),
    { message: 'filings.recent columns of different lengths', path: ['filings', 'recent'] },
  );
export type Submissions = z.output<typeof submissionsSchema>;

/** One filing of the submissions index. */
export interface FilingEntry {
  accessionNumber: string;
  form: string;
  filingDate: string;
  /** The period the filing reports (its balance-sheet date); '' when none. */
  reportDate: string;
  primaryDocument: string;
}

export function filingEntries(submissions: Submissions): FilingEntry[] {
  const recent = submissions.filings.recent;
  return recent.accessionNumber.map((accessionNumber, i) => ({
    accessionNumber,
    form: recent.form[i] ?? '',
    filingDate: recent.filingDate[i] ?? '',
    reportDate: recent.reportDate[i] ?? '',
    primaryDocument: recent.primaryDocument[i] ?? '',
  }));
}
