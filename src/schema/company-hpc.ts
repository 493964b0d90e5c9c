/** The `hpc` block of a company file: contracted leases and the pipeline, with the mining they displace. */
import { z } from 'zod';
import {
  ESCALATOR_PER_YEAR,
  inputDateSchema,
  LEASE_TERM_YEARS,
  LEASED_MW,
  SITE_MW,
  USD_AMOUNT,
  USD_PAYMENT,
  USD_PER_KW_MONTH,
  USD_PER_MW,
} from './bounds.ts';
import { increasingDates } from './common.ts';
import { assumedNote, fraction, knownFrom, plainName, provenance, valueOf, within } from './company-figures.ts';
import { TENANT_CREDIT_CLASSES } from './methodology-leases.ts';

/**
 * Capacity displacement: mining power (MW) that an HPC lease or pipeline project takes over, so that hashrate stops
 * mining from `displacementDate` (default: the lease start or expected start). Converted to EH/s at the fleet's
 * efficiency on that day (EH/s = MW / J/TH).
 */
const displacement = {
  displacesMiningMw: within(SITE_MW).optional(),
  displacementDate: inputDateSchema.optional(),
};

export const lease = z
  .object({
    tenant: plainName,
    site: z.string().min(1),
    /** Colocation (the tenant brings its hardware) or GPU cloud (the company owns the hardware). */
    kind: z.enum(['colocation', 'cloud']).default('colocation'),
    criticalItMw: within(LEASED_MW),
    /** Total contract value over the term, USD, or the rent per kW-month. */
    contractValueUsd: within(USD_PAYMENT).optional(),
    usdPerKwMonth: within(USD_PER_KW_MONTH).optional(),
    termYears: within(LEASE_TERM_YEARS),
    startDate: inputDateSchema,
    rampMonths: z.number().int().min(0).max(120).default(0),
    escalatorPerYear: within(ESCALATOR_PER_YEAR).default(0),
    /** Colocation: NOI ÷ rent (the tenant pays its power). GPU cloud gives its opex instead. */
    noiMargin: fraction('the NOI margin').optional(),
    /** Facility capex still to spend (cloud: excluding the GPUs, see gpuCapexUsd). */
    remainingCapexUsd: within(USD_AMOUNT).default(0),
    deliveryProbability: fraction('the delivery probability').default(1),
    /** The tenant's credit class, and a third party's backstop of its payments, for the lease's discount rate. */
    tenantCredit: z
      .object({
        class: z.enum(TENANT_CREDIT_CLASSES),
        backstop: z
          .object({ guarantor: z.string().min(1), amountUsd: within(USD_PAYMENT), ...provenance })
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
    grossMw: within(LEASED_MW).optional(),
    /** GPU cloud: opex other than power (staff, maintenance, network, insurance), USD per IT MW-year. */
    otherOpexUsdPerItMwYear: within(USD_PER_MW).optional(),
    /** GPU cloud: the GPUs and their equipment, bought again at each GPU life inside the term. */
    gpuCapexUsd: within(USD_AMOUNT).optional(),
    /** When the remaining capex (facility + GPUs) is paid; without it, a methodology default spreads it. */
    capexSchedule: increasingDates(
      z.object({ date: inputDateSchema, usd: within(USD_AMOUNT), source: z.string().min(3).optional() }).strict(),
    )
      .min(1, 'give at least one payment')
      .optional(),
    /** Rent paid ahead (e.g. IREN's 20% from Microsoft): received on its dates, credited back against later rent. */
    prepayment: z
      .object({
        receipts: increasingDates(z.object({ date: inputDateSchema, usd: within(USD_PAYMENT) }).strict()).min(1),
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

export const pipelineItem = z
  .object({
    name: plainName,
    site: z.string().min(1).optional(),
    criticalItMw: within(LEASED_MW),
    probability: fraction('the probability'),
    expectedStart: inputDateSchema,
    kind: z.enum(['colocation', 'cloud']),
    ...displacement,
    source: z.string().min(3).optional(),
    assumed: assumedNote,
    knownFrom,
  })
  .strict();
