/** Input and results of `rerate note` (DESIGN.md §10). */
import { z } from 'zod';
import { isoDateSchema } from './common.ts';
import { inputField } from './input-field.ts';

export const NOTE_FORMATS = ['md', 'html', 'pdf'] as const;

export const noteInputSchema = z
  .object({
    asOf: isoDateSchema
      .optional()
      .meta(
        inputField({ value: '<date>', description: 'the day the note describes (default: the last day of the data)' }),
      ),
    scenario: z
      .string()
      .min(1)
      .default('base')
      .meta(inputField({ value: '<name|file>', description: 'scenario, or several joined by commas' })),
    methodology: z
      .string()
      .min(1)
      .default('rerate')
      .meta(inputField({ value: '<name|file>', description: 'valuation methodology preset or file' })),
    format: z
      .enum(NOTE_FORMATS, { error: `expected one of ${NOTE_FORMATS.join(', ')}` })
      .optional()
      .meta(
        inputField({ value: '<format>', description: 'md, html or pdf (default: from the --out extension, else md)' }),
      ),
    out: z
      .string({ error: 'name the file to write: --out note.md' })
      .min(1, 'name the file to write: --out note.md')
      .meta(inputField({ value: '<file>', description: 'the file to write' })),
  })
  .strict();

export const noteSchema = z.object({
  format: z.enum(NOTE_FORMATS),
  files: z.array(z.string()),
  /** Pages of a PDF; null for Markdown and HTML. */
  pages: z.number().int().nullable(),
  title: z.string(),
  sections: z.array(z.string()),
  charts: z.array(z.object({ id: z.string(), kind: z.string(), title: z.string(), points: z.number().int() })),
  /** The `update` run the note saved, and the previous saved run it compares with. */
  runId: z.string(),
  priorRunId: z.string().nullable(),
});
