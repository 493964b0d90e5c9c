/**
 * The company file (YAML, DESIGN.md §5; docs/company-file.md): identity, sites, fleet, HPC leases and pipeline,
 * balance sheet, shares and market price of one covered miner. Every number may be written bare or as
 * `{ value, source, asOf }` — or `{ value, assumption: "why" }` for a figure filled by judgment — so that each
 * estimate can show where its inputs come from. Units are in the field names.
 */
import { z } from 'zod';
import { increasingDates, isoDateSchema } from './common.ts';
import { TENANT_CREDIT_CLASSES } from './methodology-leases.ts';

/**
 * The day a figure or an item became public (a filing's or a release's date). A run as of an earlier day does not
 * see it (src/inputs/point-in-time.ts); without it, a figure is taken as public by the file's `asOf`.
 */
const knownFrom = isoDateSchema.optional();

/** Where a figure comes from: a citation (URL or document), or an assumption with its one-line rationale. */
const provenance = {
  source: z.string().min(3).optional(),
  asOf: isoDateSchema.optional(),
  assumption: z.string().min(3).optional(),
  knownFrom,
};
const sourcedOrAssumed = (f: { source?: string | undefined; assumption?: string | undefined }) =>
  !(f.source && f.assumption);

function figure(number: z.ZodNumber) {
  return z.union([
    number,
    z
      .object({
        value: number,
        ...provenance,
        /** The value public before `knownFrom`, for runs as of an earlier day. */
        previously: z
          .object({ value: number, ...provenance })
          .strict()
          .refine(sourcedOrAssumed, 'a figure is either sourced or an assumption, not both')
          .optional(),
      })
      .strict()
      .refine(sourcedOrAssumed, 'a figure is either sourced or an assumption, not both')
      .refine((f) => !f.previously || !!f.knownFrom, {
        message: 'a figure with a previous value needs the knownFrom date that replaced it',
        path: ['knownFrom'],
      }),
  ]);
}

const nonNegative = (unit: string) =>
  figure(z.number({ error: `expected a number of ${unit}` }).nonnegative(`${unit} cannot be negative`));
const positive = (unit: string) =>
  figure(z.number({ error: `expected a number of ${unit}` }).positive(`${unit} must be positive`));
const fraction = (what: string) =>
  figure(
    z
      .number({ error: `expected ${what} as a fraction (0.95 = 95%)` })
      .min(0, `${what} must lie in [0, 1]`)
      .max(1, `${what} must lie in [0, 1]`),
  );

export type Figure = z.output<ReturnType<typeof nonNegative>>;

/** Which values of a sourced object (a date, a term) are assumptions, and why. */
const assumedNote = z.string().min(10, 'say which values are assumed and why').optional();

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
    name: z.string().min(1),
    state: z.string().min(2).optional(),
    country: z.string().length(2, 'a two-letter country code'),
    grid: z.enum(GRIDS),
    grossMw: nonNegative('MW'),
    criticalItMw: nonNegative('MW').optional(),
    stage: z.enum(SITE_STAGES),
    /**
     * An operating site still being built out: the stage of the MW its energization schedule has not reached by the
     * as-of date (power and land values them at that stage, not as operating).
     */
    unenergizedStage: z.enum(SITE_STAGES).optional(),
    use: z.enum(SITE_USES),
    ownership: fraction('ownership').default(1),
    powerPriceUsdPerMwh: nonNegative('USD/MWh').optional(),
    energization: increasingDates(
      z.object({ date: isoDateSchema, mw: nonNegative('MW'), knownFrom }).strict(),
    ).optional(),
    /** Interconnection allocation by year (MW), for power-policy rules. */
    interconnection: z
      .array(z.object({ year: z.number().int().min(2000).max(2100), mw: nonNegative('MW') }).strict())
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

const datedFigure = (make: () => z.ZodType) =>
  increasingDates(
    z
      .object({
        date: isoDateSchema,
        value: make(),
        source: z.string().min(3).optional(),
        assumption: z.string().min(3).optional(),
        knownFrom,
      })
      .strict(),
  );

const jointVenture = z
  .object({
    name: z.string().min(1),
    /** Whether the fleet's `hashrateEhs` points include this share (the company reports one total). */
    includedInFleetHashrate: z.boolean().default(false),
    /** The company's attributable share of the venture's hashrate, EH/s, at dated points (flat after the last). */
    attributableHashrateEhs: datedFigure(() => z.number().nonnegative('EH/s cannot be negative')).min(
      1,
      'give at least one dated point',
    ),
    source: z.string().min(3).optional(),
    assumed: assumedNote,
  })
  .strict();

export const REPORTED_COST_METRICS = [
  'cash-cost-per-ph-day',
  'power-cost-per-btc',
  'cash-cost-per-btc',
  'fully-loaded-cost-per-btc',
] as const;

const reportedCost = z
  .object({
    metric: z.enum(REPORTED_COST_METRICS),
    valueUsd: z.number().positive('a cost must be positive'),
    /** First and last day of the period the figure covers. */
    from: isoDateSchema,
    to: isoDateSchema,
    source: z.string().min(3),
  })
  .strict()
  .refine((c) => c.from < c.to, { message: 'the period must end after it starts', path: ['to'] });

const fleet = z
  .object({
    /** Energized (installed, powered) self-mining hashrate, EH/s, at dated points. */
    hashrateEhs: datedFigure(() => z.number().nonnegative('EH/s cannot be negative')).min(
      1,
      'give at least one dated point',
    ),
    /**
     * Hashrate goals the company has announced (guidance), EH/s at the dates they aim for. Printed as guidance,
     * never read as capacity: only `hashrateEhs` (actuals) drives the model.
     */
    hashrateGoalsEhs: datedFigure(() => z.number().nonnegative('EH/s cannot be negative')).optional(),
    /**
     * Capacity held through joint ventures or equity-method investees: the company's attributable hashrate, EH/s.
     * Its BTC counts in the production the company reports, not in its revenue or power cost (equity method).
     */
    jointVentures: z.array(jointVenture).default([]),
    /** Fleet efficiency, J/TH, at dated points. */
    efficiencyJPerTh: datedFigure(() =>
      z.number().positive('J/TH must be positive').max(200, 'J/TH above 200 is not a bitcoin miner'),
    ).min(1, 'give at least one dated point'),
    /** Share of energized hashrate that mines, after downtime, and pool luck (operating ÷ energized). */
    realization: fraction('realization'),
    /** Share of time curtailed (power sales, demand response), on top of realization. */
    curtailment: fraction('curtailment').default(0),
    poolFee: fraction('the pool fee').default(0),
    /** All-in power price for mining, USD/MWh. */
    powerPriceUsdPerMwh: nonNegative('USD/MWh'),
    /** Power and demand-response credits, USD per quarter. */
    powerCreditsUsdPerQuarter: nonNegative('USD').optional(),
    /** Fixed other cash costs of mining (site leases, staff not scaling with power), USD per quarter. */
    otherCashCostsUsdPerQuarter: nonNegative('USD').optional(),
    /** Site operating costs other than power at owned sites, USD per MWh drawn there. */
    siteOpexUsdPerMwh: nonNegative('USD/MWh').optional(),
    /** Machines at third-party hosting sites: their share of the fleet's power and the all-in fee they pay. */
    hosting: z
      .object({ shareOfFleet: fraction('the hosted share'), feeUsdPerMwh: nonNegative('USD/MWh') })
      .strict()
      .optional(),
    /** The company's (or an analyst's) reported unit costs, for the check `estimates` and `value` print. */
    reportedCosts: z.array(reportedCost).default([]),
    /** Fleet refresh (sustaining) capex, USD per quarter, spent over the mining horizon. */
    refreshCapexUsdPerQuarter: nonNegative('USD').optional(),
  })
  .strict();

/**
 * Capacity displacement: mining power (MW) that an HPC lease or pipeline project takes over, so that hashrate stops
 * mining from `displacementDate` (default: the lease start or expected start). Converted to EH/s at the fleet's
 * efficiency on that day (EH/s = MW / J/TH).
 */
const displacement = {
  displacesMiningMw: nonNegative('MW').optional(),
  displacementDate: isoDateSchema.optional(),
};

const lease = z
  .object({
    tenant: z.string().min(1),
    site: z.string().min(1),
    /** Colocation (the tenant brings its hardware) or GPU cloud (the company owns the hardware). */
    kind: z.enum(['colocation', 'cloud']).default('colocation'),
    criticalItMw: positive('MW'),
    /** Total contract value over the term, USD, or the rent per kW-month. */
    contractValueUsd: positive('USD').optional(),
    usdPerKwMonth: positive('USD per kW-month').optional(),
    termYears: positive('years'),
    startDate: isoDateSchema,
    rampMonths: z.number().int().min(0).max(120).default(0),
    escalatorPerYear: fraction('the escalator').default(0),
    /** Colocation: NOI ÷ rent (the tenant pays its power). GPU cloud gives its opex instead. */
    noiMargin: fraction('the NOI margin').optional(),
    /** Facility capex still to spend (cloud: excluding the GPUs, see gpuCapexUsd). */
    remainingCapexUsd: nonNegative('USD').default(0),
    deliveryProbability: fraction('the delivery probability').default(1),
    /** The tenant's credit class, and a third party's backstop of its payments, for the lease's discount rate. */
    tenantCredit: z
      .object({
        class: z.enum(TENANT_CREDIT_CLASSES),
        backstop: z
          .object({ guarantor: z.string().min(1), amountUsd: positive('USD'), ...provenance })
          .strict()
          .optional(),
        ...provenance,
      })
      .strict()
      .refine((c) => (c.class === 'backstopped') === (c.backstop !== undefined), {
        message: 'a backstopped tenant names its backstop, and only a backstopped one',
        path: ['backstop'],
      })
      .optional(),
    /** GPU cloud: the gross MW the lease draws (IT MW × the site's PUE-like gross/IT ratio); power is paid on it. */
    grossMw: positive('MW').optional(),
    /** GPU cloud: opex other than power (staff, maintenance, network, insurance), USD per IT MW-year. */
    otherOpexUsdPerItMwYear: nonNegative('USD per IT MW-year').optional(),
    /** GPU cloud: the GPUs and their equipment, bought again at each GPU life inside the term. */
    gpuCapexUsd: nonNegative('USD').optional(),
    /** When the remaining capex (facility + GPUs) is paid; without it, a methodology default spreads it. */
    capexSchedule: increasingDates(
      z.object({ date: isoDateSchema, usd: nonNegative('USD'), source: z.string().min(3).optional() }).strict(),
    )
      .min(1, 'give at least one payment')
      .optional(),
    /** Rent paid ahead (e.g. IREN's 20% from Microsoft): received on its dates, credited back against later rent. */
    prepayment: z
      .object({
        receipts: increasingDates(z.object({ date: isoDateSchema, usd: positive('USD') }).strict()).min(1),
        creditFromLeaseYear: z.number().int().min(1).max(50).default(1),
        source: z.string().min(3).optional(),
        assumed: assumedNote,
      })
      .strict()
      .optional(),
    ...displacement,
    source: z.string().min(3).optional(),
    assumed: assumedNote,
    knownFrom,
  })
  .strict()
  .refine(
    (l) => (l.contractValueUsd === undefined) !== (l.usdPerKwMonth === undefined),
    'give exactly one of contractValueUsd or usdPerKwMonth',
  )
  .superRefine((l, context) => {
    const issue = (path: string, message: string) => context.addIssue({ code: 'custom', path: [path], message });
    if (l.kind === 'colocation') {
      if (l.noiMargin === undefined) issue('noiMargin', 'a colocation lease needs its NOI margin');
      if (l.otherOpexUsdPerItMwYear !== undefined) issue('otherOpexUsdPerItMwYear', 'GPU cloud only');
      if (l.gpuCapexUsd !== undefined) issue('gpuCapexUsd', 'GPU cloud only');
    } else {
      if (l.otherOpexUsdPerItMwYear === undefined)
        issue('otherOpexUsdPerItMwYear', 'a GPU-cloud lease gives its opex other than power (USD per IT MW-year)');
      if (l.grossMw === undefined) issue('grossMw', 'a GPU-cloud lease gives the gross MW it draws (its power)');
      if (l.noiMargin !== undefined) issue('noiMargin', 'a GPU-cloud lease gives its opex, not an NOI margin');
    }
    if (l.capexSchedule) {
      const scheduled = l.capexSchedule.reduce((sum, p) => sum + valueOf(p.usd), 0);
      const capex = valueOf(l.remainingCapexUsd) + valueOf(l.gpuCapexUsd ?? 0);
      if (Math.abs(scheduled - capex) > 0.005 * Math.max(1, capex))
        issue('capexSchedule', `the payments sum to ${scheduled}, not the remaining + GPU capex of ${capex}`);
    }
  });

const pipelineItem = z
  .object({
    name: z.string().min(1),
    site: z.string().min(1).optional(),
    criticalItMw: positive('MW'),
    probability: fraction('the probability'),
    expectedStart: isoDateSchema,
    kind: z.enum(['colocation', 'cloud']),
    ...displacement,
    source: z.string().min(3).optional(),
    assumed: assumedNote,
    knownFrom,
  })
  .strict();

const debt = z
  .object({
    name: z.string().min(1),
    kind: z.enum(['convertible', 'secured', 'unsecured', 'term-loan', 'credit-line', 'project']),
    principalUsd: nonNegative('USD'),
    couponPct: figure(z.number().min(0).max(50, 'a coupon above 50% is a typo')),
    issueDate: isoDateSchema.optional(),
    /** The day the instrument became public (announcement, pricing); default its issue date. */
    knownFrom: isoDateSchema.optional(),
    maturity: isoDateSchema,
    conversionPriceUsd: positive('USD').optional(),
    cappedCallCapUsd: positive('USD').optional(),
    source: z.string().min(3).optional(),
    assumed: assumedNote,
  })
  .strict()
  .refine((d) => d.kind === 'convertible' || (d.conversionPriceUsd === undefined && d.cappedCallCapUsd === undefined), {
    message: 'only convertibles have a conversion price or capped call',
    path: ['conversionPriceUsd'],
  })
  .refine((d) => d.kind !== 'convertible' || d.conversionPriceUsd !== undefined, {
    message: 'a convertible needs its conversion price',
    path: ['conversionPriceUsd'],
  })
  .refine((d) => d.issueDate === undefined || d.issueDate < d.maturity, {
    message: 'maturity must follow issue',
    path: ['maturity'],
  });

/**
 * A financing event after the balance-sheet date that moves cash, shares or a debt principal: a raise, a buyback, a
 * convertible repurchase or a repayment. `date` is when it settled, `knownFrom` when it became public (default
 * `date`); a run as of an earlier day ignores it. Amounts are positive; the kind gives the sign.
 */
const rollForwardEvent = z
  .object({
    date: isoDateSchema,
    knownFrom: isoDateSchema.optional(),
    kind: z.enum(['equity-raise', 'share-repurchase', 'convertible-repurchase', 'debt-repayment']),
    /** Cash received (raise) or paid (repurchase, repayment), USD. */
    cashUsd: nonNegative('USD'),
    /** Shares issued (raise; shares delivered in a convertible repurchase) or retired (share repurchase). */
    shares: nonNegative('shares').optional(),
    /** The `balanceSheet.debt[].name` whose principal falls (convertible repurchase, repayment). */
    instrument: z.string().min(1).optional(),
    principalUsd: nonNegative('USD').optional(),
    source: z.string().min(3).optional(),
    assumption: z.string().min(3).optional(),
  })
  .strict()
  .refine((e) => (e.source === undefined) !== (e.assumption === undefined), 'give a source or an assumption')
  .refine((e) => e.knownFrom === undefined || e.knownFrom <= e.date, {
    message: 'an event cannot settle before it is public',
    path: ['knownFrom'],
  })
  .refine(
    (e) => (e.kind === 'convertible-repurchase' || e.kind === 'debt-repayment') === (e.instrument !== undefined),
    { message: 'name the instrument of a repurchase or repayment (and only then)', path: ['instrument'] },
  );

const dilution = z
  .object({
    kind: z.enum(['options', 'rsus', 'warrants', 'other']),
    shares: nonNegative('shares'),
    strikeUsd: nonNegative('USD').optional(),
    source: z.string().min(3).optional(),
    knownFrom,
  })
  .strict();

const thesisPoint = z
  .object({ text: z.string().min(3), source: z.string().min(3, 'every thesis point needs its source'), knownFrom })
  .strict();

export const companyFileSchema = z
  .object({
    ticker: z.string().regex(/^[A-Z][A-Z.]{0,9}$/, 'an exchange ticker in capitals'),
    name: z.string().min(1),
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
    asOf: isoDateSchema,
    sites: z.array(site).default([]),
    fleet,
    hpc: z
      .object({ leases: z.array(lease).default([]), pipeline: z.array(pipelineItem).default([]) })
      .strict()
      .default({ leases: [], pipeline: [] }),
    balanceSheet: z
      .object({
        asOf: isoDateSchema,
        cashUsd: nonNegative('USD'),
        btcHeld: nonNegative('BTC'),
        btcPledged: nonNegative('BTC').default(0),
        debt: z.array(debt).default([]),
        otherClaimsUsd: nonNegative('USD').default(0),
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
        basic: positive('shares'),
        dilution: z.array(dilution).default([]),
        /** Remaining at-the-market programme capacity, USD (counted only if the methodology says so). */
        atmRemainingUsd: nonNegative('USD').optional(),
      })
      .strict(),
    /** Company-level cash costs outside the sites. */
    corporate: z
      .object({
        /** Cash selling, general and administrative expense (excluding stock-based compensation), USD per quarter. */
        cashSgaUsdPerQuarter: nonNegative('USD'),
      })
      .strict()
      .optional(),
    market: z.object({ sharePriceUsd: positive('USD') }).strict(),
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
    const siteNames = new Set(company.sites.map((s) => s.name));
    company.hpc.leases.forEach((lease, i) => {
      if (!siteNames.has(lease.site))
        context.addIssue({
          code: 'custom',
          path: ['hpc', 'leases', i, 'site'],
          message: `no site named "${lease.site}" in sites`,
        });
    });
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

/** The number of a figure, bare or annotated. */
export function valueOf(figure: number | { value: number }): number {
  return typeof figure === 'number' ? figure : figure.value;
}
