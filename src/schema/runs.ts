/** Inputs and results of the run-store commands: runs list/show/replay and diff (DESIGN.md §8). */
import { z } from 'zod';
import { finiteNumber, finiteNumberOrNull } from './common.ts';
import { inputField } from './input-field.ts';

const runId = z
  .string({ error: 'name a run: its id or at least 6 of its first hex digits (rerate runs list)' })
  .regex(/^[0-9a-fA-F]{6,64}$/, 'a run id: at least 6 hex digits')
  .transform((id) => id.toLowerCase());
const ticker = z
  .string()
  .regex(/^[A-Za-z][A-Za-z.]{0,9}$/, 'a ticker like RIOT')
  .transform((t) => t.toUpperCase());

export const runsListInputSchema = z
  .object({
    ticker: ticker.optional().meta(inputField({ value: '<ticker>', description: 'only runs that cover this company' })),
    limit: z
      .number()
      .int('a whole number')
      .min(1)
      .max(10_000)
      .default(20)
      .meta(inputField({ value: '<n>', description: 'how many runs' })),
  })
  .strict();
export const runIdInputSchema = z
  .object({ run: runId.meta(inputField({ argument: '<run>', description: 'run id or prefix' })) })
  .strict();
export const diffInputSchema = z
  .object({
    runA: runId.optional().meta(inputField({ argument: '[runA]', description: 'the older run (id or prefix)' })),
    runB: runId.optional().meta(inputField({ argument: '[runB]', description: 'the newer run (id or prefix)' })),
    ticker: ticker.optional().meta(inputField({ value: '<ticker>', description: 'one company' })),
    metrics: z
      .string()
      .min(1)
      .default('key')
      .meta(inputField({ value: '<list>', description: 'key (default), all, or metric names separated by commas' })),
    attribution: z
      .boolean()
      .default(true)
      .meta(inputField({ flag: '--no-attribution', description: 'revisions only, without recomputing' })),
  })
  .strict()
  .refine((d) => d.runA !== undefined || d.runB === undefined, { message: 'give run A before run B', path: ['runB'] });

const company = z.object({ ticker: z.string(), rating: z.string().nullable(), targetUsd: finiteNumberOrNull });

export const runSummarySchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  savedAt: z.string(),
  command: z.string(),
  asOf: z.string(),
  scenario: z.string().nullable(),
  methodology: z.string().nullable(),
  codeCommit: z.string().nullable(),
  companies: z.array(company),
});

export const runsListSchema = z.object({ store: z.string(), runs: z.array(runSummarySchema) });

export const runShowSchema = z.object({
  store: z.string(),
  run: runSummarySchema,
  manifest: z.object({
    command: z.string(),
    input: z.record(z.string(), z.unknown()),
    asOf: z.string(),
    files: z.array(
      z.object({
        role: z.string(),
        request: z.string(),
        file: z.string(),
        sha256: z.string(),
        relativeTo: z.string().optional(),
        builtIn: z.boolean().optional(),
      }),
    ),
    coverage: z.array(z.string()).nullable(),
    data: z.object({ snapshotId: z.string().nullable(), dataAsOf: z.record(z.string(), z.string()) }),
    engineVersion: z.string(),
    codeCommit: z.string().nullable(),
    seed: z.number().nullable(),
  }),
  figureCount: z.number().int(),
  warnings: z.array(z.object({ code: z.string(), message: z.string(), field: z.string().optional() })),
  results: z.unknown(),
});

const figureDifference = z.object({
  ticker: z.string(),
  period: z.string(),
  metric: z.string(),
  saved: finiteNumberOrNull,
  replayed: finiteNumberOrNull,
});

export const replaySchema = z.object({
  run: z.string(),
  identical: z.boolean(),
  inputsIdentical: z.boolean(),
  replayedId: z.string(),
  codeCommit: z.object({ saved: z.string().nullable(), now: z.string().nullable() }),
  resultsIdentical: z.boolean(),
  warningsIdentical: z.boolean(),
  figuresCompared: z.number().int(),
  differences: z.array(figureDifference),
});

export const diffRowSchema = z.object({
  ticker: z.string(),
  period: z.string(),
  metric: z.string(),
  a: finiteNumberOrNull,
  b: finiteNumberOrNull,
  change: finiteNumberOrNull,
  changePct: finiteNumberOrNull,
  /** Change credited to each driver, in the order substituted (null when the figure is missing in a step). */
  contributions: z.record(z.string(), finiteNumberOrNull),
  /** Stored change not reproduced by recomputation (code changed since saving); 0 normally. */
  notReproduced: finiteNumberOrNull,
});

export const diffSchema = z.object({
  runA: runSummarySchema,
  runB: runSummarySchema,
  attribution: z.object({ available: z.boolean(), reason: z.string().nullable(), order: z.array(z.string()) }),
  drivers: z.array(z.object({ driver: z.string(), label: z.string(), change: z.string().nullable() })),
  ratings: z.array(
    z.object({
      ticker: z.string(),
      a: z.string().nullable(),
      b: z.string().nullable(),
      changedBy: z.array(z.string()),
    }),
  ),
  rows: z.array(diffRowSchema),
  /** Figures in one run only (a company or period the other does not have). */
  unmatched: z.number().int(),
  tolerance: finiteNumber,
});
