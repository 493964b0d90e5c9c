/**
 * The shapes the API answers with: the result envelope and each command's results, typed from the engine's own
 * schemas (type-only imports, nothing of the engine runs in the browser), plus the few shapes only the HTTP layer has.
 */
import type { z } from 'zod';
import type { ResultEnvelope } from '../../src/schema/result-envelope.ts';
import type { diffSchema, runsListSchema } from '../../src/schema/runs.ts';
import type { dataStatusSchema } from '../../src/schema/data.ts';

export type { ResultEnvelope, ResultWarning } from '../../src/schema/result-envelope.ts';
export type {
  PolicyResult,
  SensitivityResult,
  TornadoResult,
  UpdateResult,
  ValueResult,
} from '../../src/schema/valuation.ts';
export type { ValuationInputName } from '../../src/schema/valuation-inputs.ts';
export type { EstimatesResult, PeriodEstimateResult } from '../../src/schema/estimates.ts';
export type { CostCurveResult } from '../../src/schema/cost-curve.ts';
export type { NetworkHistoryResult, NetworkStatusResult } from '../../src/schema/network.ts';
export type { NetworkProjectionResult } from '../../src/schema/projection.ts';
export type { FilingsResults } from '../../src/schema/filings.ts';
export type { CompsResult } from '../../src/schema/comps.ts';

export type RunsListResult = z.output<typeof runsListSchema>;
export type RunSummary = RunsListResult['runs'][number];
export type DiffResult = z.output<typeof diffSchema>;
/** `data status`: each data series and each ticker's last stored share close, with source, age and a stale flag. */
export type DataStatusResult = z.output<typeof dataStatusSchema>;

/** `scenario list` (its schema lives with the command, which does file I/O, so it is restated here). */
export interface ScenarioListResult {
  scenarios: { name: string; file: string; description: string }[];
}

/** `methodology list`, restated for the same reason. */
export interface MethodologyListResult {
  methodologies: { name: string; file: string; targetDate: string; description: string }[];
}

/**
 * `coverage list`, restated for the same reason: the covered companies, the first as-of date each can be valued at,
 * and the as-of dates a valuation can take (the first at which a company can be valued … the data's last day).
 */
export interface CoverageListResult {
  companies: {
    ticker: string;
    name: string;
    asOf: string;
    file: string;
    valuedFrom: string;
    /** Completeness (issue 21): figures of the file, how many sourced, assumed or neither, sourced ÷ figures in %. */
    figures: number;
    sourced: number;
    assumed: number;
    unlabelled: number;
    sourcedPct: number;
  }[];
  asOfRange: { first: string; last: string } | null;
  definitions: { completeness: string };
}

/** The body of every 4xx/5xx answer: `path` names the request part at fault, e.g. `query.asOf`. */
export interface ApiProblem {
  code: string;
  message: string;
  path?: string;
}

/**
 * `POST /api/v1/runs`: the run's envelope and where it was saved (`created` false: the same inputs were saved before).
 */
export interface SavedRun {
  envelope: ResultEnvelope<unknown>;
  saved: { id: string; seq: number; created: boolean };
}
