/** Schemas shared by every boundary (CLI flags, API bodies, files). */
import { z } from 'zod';
import { parseIsoDay } from '../units/calendar-day.ts';

/** A UTC calendar date `YYYY-MM-DD` that exists (2025-02-30 does not). */
export const isoDateSchema = z
  .string()
  .refine((text) => parseIsoDay(text) !== undefined, { message: 'expected a calendar date YYYY-MM-DD' });

/** A finite number: NaN and ±Infinity never cross a boundary. */
export const finiteNumber = z.number().finite();

/** A number that the model could not determine (for example a price before prices exist) is null, never NaN. */
export const finiteNumberOrNull = finiteNumber.nullable();

/** An array of dated items in strictly increasing date order; an out-of-order date is reported at its index. */
export function increasingDates<Item extends z.ZodType<{ date: string }>>(item: Item) {
  return z.array(item).superRefine((items, context) => {
    items.forEach((current, i) => {
      const previous = items[i - 1];
      if (previous && current.date <= previous.date) {
        context.addIssue({
          code: 'custom',
          path: [i, 'date'],
          message: `dates must increase: ${current.date} follows ${previous.date}`,
        });
      }
    });
  });
}
