// Options derived from an input schema: flags named after the fields, help and value names from their metadata,
// choices, defaults, number kinds and whether a flag is required read from the schema itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { inputField } from '../schema/input-field.ts';
import { optionsOf } from './input-options.ts';

test('each field becomes an option in the schema order, named after the field unless its metadata names it', () => {
  const schema = z
    .object({
      ticker: z.string().meta(inputField({ argument: '<ticker>', description: 'a covered ticker' })),
      runB: z
        .string()
        .optional()
        .meta(inputField({ argument: '[runB]', description: 'the newer run' })),
      asOf: z
        .string()
        .optional()
        .meta(inputField({ value: '<date>', description: 'the day' })),
      to: z.string().meta(inputField({ value: '<date>', description: 'the last day' })),
      interval: z
        .enum(['day', 'week'])
        .default('day')
        .meta(inputField({ value: '<interval>', description: 'rows by' })),
      rule: z.literal('ercot').meta(inputField({ argument: '<rule>', description: 'the rule' })),
      paths: z
        .number()
        .int()
        .optional()
        .meta(inputField({ value: '<n>', description: 'paths' })),
      efficiencyJPerTh: z
        .array(z.number())
        .default([17, 22])
        .meta(inputField({ flag: '--efficiency', value: '<J/TH,...>', description: 'fleet efficiencies' })),
      fiscal: z
        .boolean()
        .default(false)
        .meta(inputField({ description: 'fiscal periods' })),
      attribution: z
        .boolean()
        .default(true)
        .meta(inputField({ flag: '--no-attribution', description: 'no drivers' })),
    })
    .strict()
    .refine(() => true);
  assert.deepEqual(optionsOf(schema), [
    { key: 'ticker', flag: '<ticker>', description: 'a covered ticker', positional: true },
    { key: 'runB', flag: '[runB]', description: 'the newer run', positional: true },
    { key: 'asOf', flag: '--as-of <date>', description: 'the day' },
    { key: 'to', flag: '--to <date>', description: 'the last day', required: true },
    {
      key: 'interval',
      flag: '--interval <interval>',
      description: 'rows by',
      choices: ['day', 'week'],
      defaultValue: 'day',
    },
    { key: 'rule', flag: '<rule>', description: 'the rule', positional: true, choices: ['ercot'] },
    { key: 'paths', flag: '--paths <n>', description: 'paths', valueKind: 'number' },
    {
      key: 'efficiencyJPerTh',
      flag: '--efficiency <J/TH,...>',
      description: 'fleet efficiencies',
      valueKind: 'number-list',
    },
    { key: 'fiscal', flag: '--fiscal', description: 'fiscal periods', defaultValue: 'false' },
    { key: 'attribution', flag: '--no-attribution', description: 'no drivers', defaultValue: 'true' },
  ]);
});

test('a field without a description, or a schema that is not an object, is refused', () => {
  assert.throws(() => optionsOf(z.object({ asOf: z.string() })), /input field asOf has no description/);
  assert.throws(() => optionsOf(z.string()), /must be an object/);
});
