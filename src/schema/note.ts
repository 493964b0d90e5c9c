/** Input and results of `rerate note` (DESIGN.md §10). */
import { z } from 'zod';
import { isoDateSchema } from './common.ts';

export const NOTE_FORMATS = ['md', 'html', 'pdf'] as const;

export const noteInputSchema = z
  .object({
    asOf: isoDateSchema.optional(),
    scenario: z.string().min(1).default('base'),
    methodology: z.string().min(1).default('rerate'),
    format: z.enum(NOTE_FORMATS, { error: `expected one of ${NOTE_FORMATS.join(', ')}` }).optional(),
    out: z.string({ error: 'name the file to write: --out note.md' }).min(1, 'name the file to write: --out note.md'),
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
