/**
 * The run store port (DESIGN.md §8): append-only saved runs — the manifest of every input, the texts of the files
 * read, the result envelope and the outputs as figures (one number per company, period and metric) that diffs compare.
 * Adapters (src/store) keep them in SQLite or PostgreSQL; each run is written in one transaction.
 */

import type { ResultEnvelope } from '../../schema/result-envelope.ts';

export interface RunRecord {
  /** SHA-256 of the manifest's canonical JSON (= the envelope's inputsHash). */
  id: string;
  manifest: RunManifest;
  /** The texts of the files the manifest names, by SHA-256. */
  texts: Map<string, string>;
  envelope: ResultEnvelope<unknown>;
  figures: RunFigure[];
  /** Per company: rating and target when the command valued it. */
  companies: RunCompany[];
}

export interface RunCompany {
  ticker: string;
  rating: string | null;
  targetUsd: number | null;
}

export interface StoredRun extends RunRecord {
  /** Order of saving, 1, 2, …: "the last two runs" are the two highest. */
  seq: number;
  /** When it was saved (ISO 8601, UTC): the store's clock, not an input. */
  savedAt: string;
}

export interface RunSummary {
  id: string;
  seq: number;
  savedAt: string;
  command: string;
  asOf: string;
  /** The scenario and methodology as asked for (null where the command has none). */
  scenario: string | null;
  methodology: string | null;
  codeCommit: string | null;
  companies: RunCompany[];
}

export interface RunStore {
  /** Where the runs are kept, as shown to users (a file path, or a postgres URL without its password). */
  readonly location: string;
  /** Saves a run unless one with its id is there already (then nothing is written). */
  save(run: RunRecord): Promise<{ created: boolean; seq: number }>;
  /** Newest first; with a ticker, only runs that cover it. */
  list(filter: { ticker?: string | undefined; limit?: number | undefined }): Promise<RunSummary[]>;
  /** A run by its id or an unambiguous prefix of at least 6 hex digits; undefined when none matches. */
  get(idOrPrefix: string): Promise<StoredRun | undefined>;
  close(): Promise<void>;
}

export interface RunStoreOpener {
  open(): Promise<RunStore>;
}

export interface RunFigure {
  ticker: string;
  /** `2025Q4`, `FY26Q1`, `2026`, or `valuation`. */
  period: string;
  metric: string;
  value: number | null;
}

export type RecordedFileRole = 'company' | 'scenario' | 'curve' | 'methodology' | 'reported';

export interface RecordedFile {
  role: RecordedFileRole;
  /** What the command asked for: a ticker, a scenario or methodology name or path, `embedded`, a curve path. */
  request: string;
  /** The file as shown to users. */
  file: string;
  sha256: string;
  /** A forward curve's path is read relative to this scenario file ('' when none). */
  relativeTo?: string;
  /** A built-in scenario or methodology (data/), rather than a user's file. */
  builtIn?: boolean;
}

export interface RunManifest {
  command: string;
  /** The parsed command input, defaults applied. */
  input: Record<string, unknown>;
  /** The day the results describe, as resolved (the last day of the data when no --as-of was given). */
  asOf: string;
  files: RecordedFile[];
  /** The covered tickers, when the command listed them. */
  coverage: string[] | null;
  data: { snapshotId: string | null; dataAsOf: Record<string, string> };
  engineVersion: string;
  /** The git commit of the code that ran, when known (a build outside a checkout has none). */
  codeCommit: string | null;
  /** The Monte Carlo seed of commands that draw (it is also in `input`); null for deterministic commands. */
  seed: number | null;
}
