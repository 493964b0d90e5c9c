/**
 * Boundary validation: zod's safeParse, with its issues turned into an InputError that names each field path.
 */
import type { z } from 'zod';
import { InputError } from './input-error.ts';

export function parseInput<Schema extends z.ZodType>(schema: Schema, value: unknown): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new InputError(
    result.error.issues.map((issue) => ({
      path: issue.path.filter((key): key is string | number => typeof key !== 'symbol'),
      message: issue.message,
    })),
  );
}
