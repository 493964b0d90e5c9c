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
