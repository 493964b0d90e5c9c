/** Input and results of `rerate note` (DESIGN.md §10). */
import { asOfField, methodologyField, scenarioField } from './framing-fields.ts';
import { z } from 'zod';
import { inputField } from './input-field.ts';

export const NOTE_FORMATS = ['md', 'html', 'pdf'] as const;

export const noteInputSchema = z
  .object({
    asOf: asOfField,
    scenario: scenarioField,
    methodology: methodologyField,
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
