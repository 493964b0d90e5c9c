/**
 * The figures of a company file: every number may be written bare or as `{ value, source, asOf, knownFrom }` — or
 * `{ value, assumption: "why" }` for a figure filled by judgment — and, when it replaced an earlier public value,
 * with that value in `previously` (docs/company-file.md).
 */
import { z } from 'zod';
import { boundedNumber, inputDateSchema, type Bound } from './bounds.ts';

/**
 * The day a figure or an item became public (a filing's or a release's date). A run as of an earlier day does not
 * see it (src/inputs/point-in-time.ts); without it, a figure is taken as public by the file's `asOf`.
 */
export const knownFrom = inputDateSchema.optional();

/** Where a figure comes from: a citation (URL or document), or an assumption with its one-line rationale. */
export const provenance = {
  source: z.string().min(3).optional(),
  asOf: inputDateSchema.optional(),
  assumption: z.string().min(3).optional(),
  knownFrom,
};
const sourcedOrAssumed = (f: { source?: string | undefined; assumption?: string | undefined }) =>
  !(f.source && f.assumption);

/** How an error names the two shapes of a figure (src/schema/figure-issues.ts recognizes it). */
export const FIGURE_SHAPES = 'bare or as { value, source | assumption }';

export function figure(number: z.ZodNumber, expected = 'a number') {
  return z.union(
    [
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
    ],
    { error: `expected ${expected}, ${FIGURE_SHAPES}` },
  );
}

/** A figure within its physical or economic bound (src/schema/bounds.ts). */
export const within = (bound: Bound) => figure(boundedNumber(bound), `a number of ${bound.unit}`);
export const fraction = (what: string) =>
  figure(
    z
      .number({ error: `expected ${what} as a fraction (0.95 = 95%)` })
      .min(0, `${what} must lie in [0, 1]`)
      .max(1, `${what} must lie in [0, 1]`),
    `${what} as a fraction`,
  );

export type Figure = z.output<ReturnType<typeof within>>;

/** Which values of a sourced object (a date, a term) are assumptions, and why. */
export const assumedNote = z.string().min(10, 'say which values are assumed and why').optional();

/** The number of a figure, bare or annotated. */
export function valueOf(figure: number | { value: number }): number {
  return typeof figure === 'number' ? figure : figure.value;
}

/** A name printed to terminals and pages: no control characters (no terminal escape can hide in it; issue 19). */
export const plainName = z
  .string()
  .min(1)
  .refine((text) => ![...text].some(isControlCharacter), 'no control characters in a name');

/** C0, DEL and C1: what terminal escape sequences are made of. */
function isControlCharacter(character: string): boolean {
  const code = character.charCodeAt(0);
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}
