/**
 * The company file (YAML, DESIGN.md §5; docs/company-file.md): identity, sites, fleet, HPC leases and pipeline,
 * balance sheet, shares and market price of one covered miner. Every number may be written bare or as
 * `{ value, source, asOf }` — or `{ value, assumption: "why" }` for a figure filled by judgment — so that each
 * estimate can show where its inputs come from. Units are in the field names.
 */
import { z } from 'zod';
import {
  BASIC_SHARES,
  BTC_AMOUNT,
  inputDateSchema,
  POWER_PRICE_USD_PER_MWH,
  SHARE_COUNT,
  SHARE_PRICE_USD,
  SITE_MW,
  STRIKE_USD,
  USD_AMOUNT,
} from './bounds.ts';
import { increasingDates } from './common.ts';
import { debt, rollForwardEvent } from './company-balance-sheet.ts';
import { assumedNote, fraction, knownFrom, plainName, valueOf, within } from './company-figures.ts';
import { fleet } from './company-fleet.ts';
import { lease, pipelineItem } from './company-hpc.ts';

export { valueOf, type Figure } from './company-figures.ts';

export const SITE_STAGES = ['operating', 'under-construction', 'approved', 'in-queue', 'undeveloped'] as const;
export const SITE_USES = ['mining', 'hpc', 'mixed'] as const;
export const GRIDS = [
  'ERCOT',
  'PJM',
  'MISO',
  'SPP',
  'TVA',
  'SERC',
  'WECC',
  'NYISO',
  'ISO-NE',
  'CAISO',
  'AESO',
  'IESO',
  'Hydro-Quebec',
  'NEM',
  'other',
] as const;

const site = z
  .object({
    name: plainName,
    state: z.string().min(2).optional(),
    country: z.string().length(2, 'a two-letter country code'),
    grid: z.enum(GRIDS),
    grossMw: within(SITE_MW),
    criticalItMw: within(SITE_MW).optional(),
    stage: z.enum(SITE_STAGES),
    /**
     * An operating site still being built out: the stage of the MW its energization schedule has not reached by the
     * as-of date (power and land values them at that stage, not as operating).
     */
    unenergizedStage: z.enum(SITE_STAGES).optional(),
    use: z.enum(SITE_USES),
    ownership: fraction('ownership').default(1),
    powerPriceUsdPerMwh: within(POWER_PRICE_USD_PER_MWH).optional(),
    energization: increasingDates(
      z.object({ date: inputDateSchema, mw: within(SITE_MW), knownFrom }).strict(),
    ).optional(),
    /** Interconnection allocation by year (MW), for power-policy rules. */
    interconnection: z
      .array(z.object({ year: z.number().int().min(2000).max(2100), mw: within(SITE_MW) }).strict())
      .optional(),
    source: z.string().min(3).optional(),
    assumed: assumedNote,
    knownFrom,
  })
  .strict()
  .refine((s) => s.criticalItMw === undefined || valueOf(s.criticalItMw) <= valueOf(s.grossMw), {
    message: 'critical-IT MW cannot exceed gross MW',
    path: ['criticalItMw'],
  })
  .refine((s) => s.unenergizedStage === undefined || (s.energization?.length ?? 0) > 0, {
    message: 'a site being built out needs its energization schedule',
    path: ['unenergizedStage'],
  });

const dilution = z
  .object({
    kind: z.enum(['options', 'rsus', 'warrants', 'other']),
    shares: within(SHARE_COUNT),
    strikeUsd: within(STRIKE_USD).optional(),
    source: z.string().min(3).optional(),
    knownFrom,
  })
  .strict();

const thesisPoint = z
  .object({ text: z.string().min(3), source: z.string().min(3, 'every thesis point needs its source'), knownFrom })
  .strict();

/**
 * One company file, each number within its bound (src/schema/bounds.ts). The rules across sites, leases, projects and
 * dates that name two places are checked after it, by parseCompanyYaml (src/schema/company-rules.ts).
 */
export const companyFileSchema = z
  .object({
    ticker: z.string().regex(/^[A-Z][A-Z.]{0,9}$/, 'an exchange ticker in capitals'),
    name: plainName,
    /** The SEC's Central Index Key, ten digits, quoted: where `rerate filings` reads the company's filings. */
    cik: z
      .string({ error: 'a CIK of ten digits, quoted ("0001507605")' })
      .regex(/^\d{10}$/, 'a CIK of ten digits, quoted ("0001507605")')
      .optional(),
    exchange: z.string().min(1),
    currency: z.literal('USD'),
    /** Last day of the fiscal year, MM-DD (CleanSpark 09-30, IREN 06-30). */
    fiscalYearEnd: z
      .string()
      .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a month and day, MM-DD')
      .refine(
        isMonthEnd,
        'the last day of a month (fiscal quarters are calendar months; 52/53-week years are not supported)',
      ),
    /** The day the file describes the company as of. */
    asOf: inputDateSchema,
    sites: z.array(site).default([]),
    fleet,
    hpc: z
      .object({ leases: z.array(lease).default([]), pipeline: z.array(pipelineItem).default([]) })
      .strict()
      .default({ leases: [], pipeline: [] }),
    balanceSheet: z
      .object({
        asOf: inputDateSchema,
        cashUsd: within(USD_AMOUNT),
        btcHeld: within(BTC_AMOUNT),
        btcPledged: within(BTC_AMOUNT).default(0),
        debt: z.array(debt).default([]),
        otherClaimsUsd: within(USD_AMOUNT).default(0),
        /** Financing after `asOf` (docs/company-file.md): cash, shares and principals rolled forward. */
        rollForward: z.array(rollForwardEvent).default([]),
      })
      .strict()
      .refine((b) => valueOf(b.btcPledged) <= valueOf(b.btcHeld), {
        message: 'pledged BTC cannot exceed BTC held',
        path: ['btcPledged'],
      }),
    shares: z
      .object({
        basic: within(BASIC_SHARES),
        dilution: z.array(dilution).default([]),
        /** Remaining at-the-market programme capacity, USD (counted only if the methodology says so). */
        atmRemainingUsd: within(USD_AMOUNT).optional(),
      })
      .strict(),
    /** Company-level cash costs outside the sites. */
    corporate: z
      .object({
        /** Cash selling, general and administrative expense (excluding stock-based compensation), USD per quarter. */
        cashSgaUsdPerQuarter: within(USD_AMOUNT),
      })
      .strict()
      .optional(),
    market: z.object({ sharePriceUsd: within(SHARE_PRICE_USD) }).strict(),
    /** The research view the note prints: what drives the value and what could break it, each point with its source. */
    thesis: z
      .object({
        drivers: z.array(thesisPoint).min(1, 'name at least one driver'),
        risks: z.array(thesisPoint).min(1, 'name at least one risk'),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((company, context) => {
    const debtNames = new Set(company.balanceSheet.debt.map((d) => d.name));
    company.balanceSheet.rollForward.forEach((event, i) => {
      if (event.instrument !== undefined && !debtNames.has(event.instrument))
        context.addIssue({
          code: 'custom',
          path: ['balanceSheet', 'rollForward', i, 'instrument'],
          message: `no instrument named "${event.instrument}" in balanceSheet.debt`,
        });
    });
  });

export type CompanyFile = z.output<typeof companyFileSchema>;

/** `09-30`, `06-30`, `12-31`, `02-28` or `02-29`: the last day of its month. */
function isMonthEnd(monthDay: string): boolean {
  const [month, day] = monthDay.split('-').map(Number) as [number, number];
  const lastDay = month === 2 ? 28 : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return day === lastDay || (month === 2 && day === 29);
}
