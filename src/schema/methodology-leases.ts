/**
 * The `hpc.leases` block of a methodology preset (data/methodology/*.yaml; docs/methodology.md "HPC lease valuation"):
 * how contracted leases are valued, by kind — `cash-flow` (the lease's own cash flows over its term, discounted at a
 * base rate plus the tenant's credit spread) or `per-mw` (critical-IT MW × the preset's equity $/MW).
 *
 *   leases:
 *     baseRatePerYear: …                      # cash-flow: discount rate of a lease before the tenant's credit
 *     tenantCreditSpreadPerYear: { investment-grade: …, backstopped: …, unrated: … }
 *     capexMonthsBeforeStart: …               # capex spread evenly over these months when a lease has no schedule
 *     colocation: { method: cash-flow, renewalProbability: …, exitCapRate: … }
 *     cloud: { method: cash-flow, renewalProbability: …, exitCapRate: …, reletNoiUsdPerItMwYear: …,
 *              gpuResidualShareOfCapex: …, gpuLifeYears: … }
 */
import { z } from 'zod';
import { boundedNumber, USD_PER_MW } from './bounds.ts';

export const TENANT_CREDIT_CLASSES = ['investment-grade', 'backstopped', 'unrated'] as const;

const source = z.string().min(3, 'name the source, or write "assumption: …"');
const parameter = (number: z.ZodNumber) => z.object({ value: number, source }).strict();
const rate = parameter(z.number().min(0, 'a rate cannot be negative').max(1, 'a rate above 100%/yr is a typo'));
const fraction = parameter(z.number().min(0, 'a fraction lies in [0, 1]').max(1, 'a fraction lies in [0, 1]'));

const CLOUD_ONLY = ['reletNoiUsdPerItMwYear', 'gpuResidualShareOfCapex', 'gpuLifeYears'] as const;

const kindMethod = (kind: 'colocation' | 'cloud') =>
  z
    .object({
      method: z.enum(['cash-flow', 'per-mw']),
      /** Probability that the lease is renewed (cloud: the halls re-let) at the end of its term. */
      renewalProbability: fraction.optional(),
      /** Cap rate on the final-year NOI (cloud: the re-let NOI) that gives the value at the end of the term. */
      exitCapRate: parameter(z.number().min(0.01, 'a cap rate of at least 1%').max(1)).optional(),
      reletNoiUsdPerItMwYear: parameter(boundedNumber(USD_PER_MW)).optional(),
      gpuResidualShareOfCapex: fraction.optional(),
      gpuLifeYears: parameter(z.number().min(0.5, 'a GPU life of at least half a year').max(30)).optional(),
    })
    .strict()
    .superRefine((m, context) => {
      if (m.method !== 'cash-flow') return;
      const needed = ['renewalProbability', 'exitCapRate', ...(kind === 'cloud' ? CLOUD_ONLY : [])] as const;
      for (const key of needed)
        if (m[key] === undefined)
          context.addIssue({ code: 'custom', path: [key], message: `the cash-flow method of ${kind} needs ${key}` });
    });

export const hpcLeasesSchema = z
  .object({
    baseRatePerYear: rate.optional(),
    tenantCreditSpreadPerYear: z
      .object(
        Object.fromEntries(TENANT_CREDIT_CLASSES.map((c) => [c, rate])) as Record<
          (typeof TENANT_CREDIT_CLASSES)[number],
          typeof rate
        >,
      )
      .strict()
      .optional(),
    capexMonthsBeforeStart: parameter(z.number().min(1, 'at least one month').max(120)).optional(),
    colocation: kindMethod('colocation'),
    cloud: kindMethod('cloud'),
  })
  .strict()
  .superRefine((l, context) => {
    if (l.colocation.method !== 'cash-flow' && l.cloud.method !== 'cash-flow') return;
    for (const key of ['baseRatePerYear', 'tenantCreditSpreadPerYear', 'capexMonthsBeforeStart'] as const)
      if (l[key] === undefined)
        context.addIssue({ code: 'custom', path: [key], message: `the cash-flow method needs ${key}` });
  });

export type HpcLeasesMethodology = z.output<typeof hpcLeasesSchema>;
