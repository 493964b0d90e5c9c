/**
 * The framing's inputs (src/app/sessions/framing.ts), declared once for every command that takes them: the as-of date,
 * the scenario, the methodology and the price target's date.
 */
import { z } from 'zod';
import { isoDateSchema } from './common.ts';
import { inputField } from './input-field.ts';

export const asOfField = isoDateSchema.optional().meta(
  inputField({
    value: '<date>',
    description:
      'the UTC day the results describe, at its end: history up to it, projections after it ' +
      '(default: the last day of the data)',
  }),
);

export const scenarioField = z
  .string()
  .min(1)
  .default('base')
  .meta(inputField({ value: '<names|file>', description: 'scenario, or several composed left to right' }));

export const methodologyField = z
  .string()
  .min(1)
  .default('rerate')
  .meta(inputField({ value: '<name|file>', description: 'valuation preset (rerate, jpm-2025-11) or a YAML file' }));

export const targetDateField = isoDateSchema
  .optional()
  .meta(inputField({ value: '<date>', description: 'the date the price target refers to' }));
