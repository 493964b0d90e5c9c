/** Debt instruments and the financing events after the balance-sheet date (the cash roll-forward). */
import { z } from 'zod';
import { COUPON_PCT, inputDateSchema, SHARE_COUNT, SHARE_PRICE_USD, USD_AMOUNT } from './bounds.ts';
import { assumedNote, plainName, within } from './company-figures.ts';

export const debt = z
  .object({
    name: plainName,
    kind: z.enum(['convertible', 'secured', 'unsecured', 'term-loan', 'credit-line', 'project']),
    principalUsd: within(USD_AMOUNT),
    couponPct: within(COUPON_PCT),
    issueDate: inputDateSchema.optional(),
    /** The day the instrument became public (announcement, pricing); default its issue date. */
    knownFrom: inputDateSchema.optional(),
    maturity: inputDateSchema,
    conversionPriceUsd: within(SHARE_PRICE_USD).optional(),
    cappedCallCapUsd: within(SHARE_PRICE_USD).optional(),
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
export const rollForwardEvent = z
  .object({
    date: inputDateSchema,
    knownFrom: inputDateSchema.optional(),
    kind: z.enum([
      'equity-raise',
      'share-repurchase',
      'convertible-repurchase',
      'debt-repayment',
      /** The capped calls bought with a convertible: cash paid. */
      'capped-call-purchase',
    ]),
    /** Cash received (raise) or paid (repurchase, repayment), USD. */
    cashUsd: within(USD_AMOUNT),
    /** Shares issued (raise; shares delivered in a convertible repurchase) or retired (share repurchase). */
    shares: within(SHARE_COUNT).optional(),
    /** The `balanceSheet.debt[].name` whose principal falls (convertible repurchase, repayment). */
    instrument: z.string().min(1).optional(),
    principalUsd: within(USD_AMOUNT).optional(),
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
