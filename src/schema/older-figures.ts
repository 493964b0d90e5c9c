/**
 * The figures of a company a run uses that are dated before its as-of date (issue 20, "Later as-of dates"): a run
 * later than a company file's date lists them, each with its own date, rather than warning once per figure.
 */
import { z } from 'zod';

/** Where a figure's date comes from: the figure's own `asOf` or `knownFrom`, its series point, or what encloses it. */
export const FIGURE_DATED_BY = ['asOf', 'knownFrom', 'series point', 'section asOf', 'file asOf'] as const;

export const olderFigureSchema = z.object({
  /** Field path in the company file as written, e.g. `balanceSheet.cashUsd` or `fleet.hashrateEhs[3]`. */
  path: z.string(),
  /** The day the figure describes or became public, YYYY-MM-DD. */
  date: z.string(),
  /** Whole days from `date` to the as-of date (> 0). */
  ageDays: z.number().int().positive(),
  datedBy: z.enum(FIGURE_DATED_BY),
  /** The figure's citation, or `assumption: …` with its rationale. */
  source: z.string(),
});
export type OlderFigure = z.output<typeof olderFigureSchema>;
