/**
 * What a company's filings state, as rerate keeps and shows it (issue 20, "Filings"): the facts read from one SEC
 * filing, the dated overlay written from them into the local data store, and the inputs and results of
 * `rerate filings`.
 */
import { z } from 'zod';
import { isoDateSchema } from './common.ts';
import { accessionNumberSchema, plainText } from './sec-answers.ts';
import { inputField } from './input-field.ts';
import { BASIC_SHARES, boundedNumber, BTC_AMOUNT, inputDateSchema, USD_AMOUNT } from './bounds.ts';

/** The company-file figures a filing can state, as the valuation reads them. */
export const OVERLAY_FIELDS = ['shares.basic', 'balanceSheet.cashUsd', 'balanceSheet.btcHeld'] as const;
export type OverlayField = (typeof OVERLAY_FIELDS)[number];
/** Shown beside them, never overlaid: the file values debt per instrument (coupon, maturity, conversion terms). */
export const COMPARED_ONLY_FIELDS = ['balanceSheet.debt'] as const;
export type FilingField = OverlayField | (typeof COMPARED_ONLY_FIELDS)[number];

/** The filing a fact comes from. */
export const filingSchema = z
  .object({
    accession: accessionNumberSchema,
    form: plainText(20).min(1),
    /** The day the filing was made public: an overlay's `knownFrom`. */
    filed: inputDateSchema,
    /** The period it reports (its balance-sheet date). */
    periodEnd: inputDateSchema,
    /** The filing's primary document on sec.gov (or its index when the document is not named). */
    url: plainText(500).url(),
  })
  .strict();
export type Filing = z.output<typeof filingSchema>;

export const filingFactSchema = z
  .object({
    field: z.enum([...OVERLAY_FIELDS, ...COMPARED_ONLY_FIELDS]),
    value: z.number().finite().nonnegative(),
    /** The XBRL concepts summed, `taxonomy:Concept` each. */
    concepts: z.array(z.string()).min(1),
    /** The fact's date: the period end, or the cover page's date for shares outstanding. */
    asOf: isoDateSchema,
  })
  .strict();
export type FilingFact = z.output<typeof filingFactSchema>;

/** What one company's latest periodic filing (as of a day) states, and what it does not, with why. */
export const filingFactsSchema = z.object({
  ticker: z.string(),
  cik: z.string(),
  /** Null when no periodic report fits (none filed by the day, or only a foreign private issuer's 20-F/6-K). */
  filing: filingSchema.nullable(),
  facts: z.array(filingFactSchema),
  /** One per field with no fact: "no facts for this period", and why. */
  missing: z.array(z.object({ field: z.string(), reason: z.string() })),
});
export type FilingFacts = z.output<typeof filingFactsSchema>;

const overlayFigure = (bound: typeof USD_AMOUNT) =>
  z.object({ value: boundedNumber(bound), concepts: z.array(plainText(300)).min(1), asOf: inputDateSchema }).strict();

/**
 * A dated overlay in the local data store (never in data/coverage): the figures one filing states, each public from
 * the filing's date. Stored append-only, one file per filing and ticker.
 */
export const filingOverlaySchema = z
  .object({
    ticker: z.string().regex(/^[A-Z][A-Z.]{0,9}$/),
    cik: z.string().regex(/^\d{10}$/),
    filing: filingSchema,
    /** When it was written (ISO timestamp). */
    writtenAt: plainText(40),
    figures: z
      .object({
        'shares.basic': overlayFigure(BASIC_SHARES).optional(),
        'balanceSheet.cashUsd': overlayFigure(USD_AMOUNT).optional(),
        'balanceSheet.btcHeld': overlayFigure(BTC_AMOUNT).optional(),
      })
      .strict(),
  })
  .strict();
export type FilingOverlay = z.output<typeof filingOverlaySchema>;

const tickerArgument = z
  .string({ error: 'name a ticker: rerate filings show TICKER' })
  .regex(/^[A-Za-z][A-Za-z.]{0,9}$/, 'a ticker like RIOT')
  .transform((t) => t.toUpperCase())
  .meta(inputField({ argument: '<ticker>', description: 'a covered ticker (rerate coverage list)' }));

export const filingsShowInputSchema = z
  .object({
    ticker: tickerArgument,
    asOf: isoDateSchema
      .optional()
      .meta(inputField({ value: '<date>', description: 'only overlays public by this UTC day (default: today)' })),
  })
  .strict();

export const filingsFetchInputSchema = z
  .object({
    ticker: tickerArgument,
    asOf: isoDateSchema.optional().meta(
      inputField({
        value: '<date>',
        description: 'the latest periodic filing made by this UTC day (default: today)',
      }),
    ),
    writeOverlay: z
      .boolean()
      .default(false)
      .meta(
        inputField({
          description: 'write the facts as a dated overlay into the local data store, for the valuation to use',
        }),
      ),
  })
  .strict();

/** One figure: the company file's value (as of the day) beside the filing's, and whether they differ. */
export const filingComparisonRowSchema = z.object({
  field: z.string(),
  fileValue: z.number().nullable(),
  /** The file's source or assumption for it, or the overlay in effect. */
  fileNote: z.string(),
  filingValue: z.number().nullable(),
  concepts: z.array(z.string()),
  factAsOf: z.string().nullable(),
  /** |filing − file| / file, when both exist. */
  differenceFraction: z.number().nullable(),
  status: z.enum(['agrees', 'differs', 'no facts', 'not in the file']),
  /** What the valuation uses on the day: the file's figure, or an overlay's once public. */
  usedValue: z.number().nullable(),
  usedNote: z.string(),
  note: z.string(),
});

export const filingsResultsSchema = z.object({
  ticker: z.string(),
  cik: z.string().nullable(),
  asOf: z.string(),
  /** Where the facts came from: the SEC just now (`filings fetch`), or the overlays stored (`filings show`). */
  origin: z.enum(['sec', 'stored overlay']),
  filing: filingSchema.nullable(),
  tolerance: z.number(),
  rows: z.array(filingComparisonRowSchema),
  /** The overlays stored for the ticker, with whether a run as of the day sees each. */
  overlays: z.array(z.object({ filing: filingSchema, fields: z.array(z.string()), public: z.boolean() })),
  /** The overlay file this command wrote (`--write-overlay`), or null. */
  written: z.object({ location: z.string(), created: z.boolean() }).nullable(),
});
export type FilingsResults = z.output<typeof filingsResultsSchema>;
