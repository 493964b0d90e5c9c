/** data/calendar.yaml: dated events a note lists — results dates and power-policy milestones, each with its source. */
import { z } from 'zod';
import { inputDateSchema } from './bounds.ts';

export const calendarEventSchema = z
  .object({
    date: inputDateSchema,
    /**
     * The first day the event was public (announced, scheduled or reported): a note as of an earlier date does not
     * list it, so a note never knows the future. Past events are known from their date.
     */
    knownFrom: inputDateSchema,
    kind: z.enum(['earnings', 'policy']),
    /** The companies the event concerns (none: the whole coverage). */
    tickers: z.array(z.string().regex(/^[A-Z][A-Z.]{0,9}$/, 'a ticker like RIOT')).default([]),
    title: z.string().min(1),
    source: z.string().min(1, 'every event needs its source'),
    /** The date is expected, not yet confirmed by the company or regulator. */
    tentative: z.boolean().default(false),
  })
  .strict();

export const calendarFileSchema = z.object({ events: z.array(calendarEventSchema) }).strict();

export type CalendarEvent = z.output<typeof calendarEventSchema>;
