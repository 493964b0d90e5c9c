/** Input and output schemas of `rerate export` (CLI flags and API bodies share them). */
import { asOfField, methodologyField, scenarioField } from './framing-fields.ts';
import { z } from 'zod';
import { inputField } from './input-field.ts';

export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;

export const exportInputSchema = z
  .object({
    format: z
      .enum(EXPORT_FORMATS, { error: 'expected xlsx or csv' })
      .meta(inputField({ value: '<format>', description: 'xlsx (one workbook) or csv (one file per table)' })),
    out: z
      .string({ error: 'name the workbook (xlsx) or the folder (csv) to write' })
      .min(1, 'name the workbook (xlsx) or the folder (csv) to write')
      .meta(
        inputField({
          value: '<path>',
          description: 'the workbook to write (….xlsx), or the folder for the CSV files (created if missing)',
        }),
      ),
    asOf: asOfField,
    scenario: scenarioField,
    methodology: methodologyField,
  })
  .strict()
  .superRefine((input, context) => {
    const lower = input.out.toLowerCase();
    if (input.format === 'xlsx' && !lower.endsWith('.xlsx')) {
      context.addIssue({
        code: 'custom',
        path: ['out'],
        message: `an XLSX workbook's name ends in .xlsx, found "${input.out}"`,
      });
    }
    if (input.format === 'csv' && lower.endsWith('.csv')) {
      context.addIssue({
        code: 'custom',
        path: ['out'],
        message: `CSV export writes one file per table into a folder: name the folder, not "${input.out}"`,
      });
    }
  });

export type ExportInput = z.output<typeof exportInputSchema>;

export const exportSchema = z.object({
  format: z.enum(EXPORT_FORMATS),
  /** The files written: the workbook, or one CSV file per table. */
  files: z.array(z.string()),
  tables: z.array(
    z.object({ name: z.string(), rows: z.number().int().nonnegative(), columns: z.number().int().positive() }),
  ),
});

export type ExportResult = z.output<typeof exportSchema>;
