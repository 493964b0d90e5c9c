/**
 * Ports: what the application needs from the outside world, as interfaces. Adapters in src/data (and later
 * src/store) implement them; only the composition roots (src/cli, src/server) pick the adapters.
 */
import type { MonteCarloChunk, ProjectionSetup } from '../../network/monte-carlo.ts';
import type { NetworkHistory } from '../../network/network-history.ts';
import type { RowLayout } from '../../network/projection-rows.ts';
import type { ScenarioFile } from '../../schema/scenario.ts';
import type { CompanyFile } from '../../schema/company.ts';
import type { ReportedFigure } from '../../schema/reported-figures.ts';
import type { MethodologyFile } from '../../schema/methodology.ts';
import type { MarketViews } from '../sessions/market-views.ts';
import type { ReplaySource } from '../revisions/replay-plan.ts';
import type { RunStoreOpener } from './run-store.ts';
import type { FetchProgress, LiveDataSources } from './live-data.ts';
import type { NetworkTables } from '../live-data/merge.ts';
import type { ResultWarning } from '../../schema/result-envelope.ts';
import type { NoteDocument } from '../../present/note/note-document.ts';
import type { ExportTable } from '../../present/export-table.ts';
import type { CalendarEvent } from '../../schema/calendar.ts';

export interface DataFileProvenance {
  /** Path of the file as shown to users, e.g. `data/network-daily.csv`. */
  name: string;
  sha256: string;
  rows: number;
}

export interface DataSourceNotice {
  id: string;
  description: string;
  licence: string;
}

export interface NetworkDataSnapshot {
  history: NetworkHistory;
  /** SHA-256 over the snapshot's files: the data part of every inputs hash. */
  snapshotId: string;
  files: DataFileProvenance[];
  /** Source of each code in the daily series' `sources`, with its licence. */
  sources: DataSourceNotice[];
  /** The embedded data, or a snapshot of the local store (with its folder and when a refresh wrote it). */
  origin: { kind: 'embedded' | 'local'; location: string; createdAt?: string };
  /** Why this snapshot is served instead of the one asked for (a local snapshot that could not be read). */
  warnings: ResultWarning[];
}

export interface NetworkDataSource {
  /**
   * Loads (once) and validates the chain and market history: the local store's current snapshot when there is one,
   * else the embedded data. Bad embedded data throws an InputError naming file:line; an unreadable local snapshot
   * falls back to the embedded data with a warning.
   */
  loadNetwork(): Promise<NetworkDataSnapshot>;
  /** A snapshot by id (the embedded one, or one kept in the local store), for replaying a run; undefined when gone. */
  loadSnapshot(snapshotId: string): Promise<NetworkDataSnapshot | undefined>;
}

/** A local snapshot's description, kept beside its files. */
export interface StoredSnapshotInfo {
  snapshotId: string;
  /** The snapshot it was merged into. */
  parentId: string;
  /** When the refresh wrote it (ISO timestamp). */
  createdAt: string;
  /** The sources whose data it added. */
  sources: string[];
}

/** One source's outcome in one refresh. */
export interface RefreshLogEntry {
  source: string;
  /** What the source was asked for (mempool.space serves both). */
  kind: 'chain' | 'prices';
  endpoint: string;
  /** ISO timestamp. */
  at: string;
  ok: boolean;
  message: string;
}

/** The local data store beside the embedded snapshot (src/data/local-data-store.ts). */
export interface LocalDataStorePort {
  /** The folder, for messages. */
  readonly location: string;
  /**
   * The snapshot a refresh builds on: the current one, or, when it cannot be read, the newest one that can
   * (`problems` says what was passed over and why); undefined before the first refresh.
   */
  usable(): Promise<{
    snapshot: { id: string; tables: NetworkTables; info: StoredSnapshotInfo } | undefined;
    problems: string[];
  }>;
  /** Validates tables as the embedded data is validated: an InputError names the file:line:column. */
  check(tables: NetworkTables): void;
  /** Validates the tables, writes them as a snapshot and makes it current, atomically. Same tables, same id: nothing new. */
  commit(
    tables: NetworkTables,
    info: Omit<StoredSnapshotInfo, 'snapshotId'>,
  ): Promise<{ snapshotId: string; created: boolean; becameCurrent: boolean }>;
  logRefresh(entries: RefreshLogEntry[]): Promise<void>;
  /** The latest log entry of each source. */
  lastRefreshes(): Promise<RefreshLogEntry[]>;
  /** Takes the store's write lock (one refresh at a time); resolves to the release function. */
  lock(): Promise<() => Promise<void>>;
  snapshotCount(): number;
}

/** The local data store with what a refresh starts from when it is empty: the embedded data's tables. */
export interface LocalData {
  store: LocalDataStorePort | undefined;
  embedded(): Promise<{ snapshotId: string; tables: NetworkTables }>;
}

/** Dated events (data/calendar.yaml): results dates and policy milestones, each sourced. */
export interface CalendarSource {
  /** A bad file throws an InputError naming file:line:column. */
  events(): Promise<CalendarEvent[]>;
}

export type NoteFormat = 'md' | 'html' | 'pdf';
export type ExportFormat = 'xlsx' | 'csv';

/** Writes notes and exports (src/report). Paths are the user's; a missing tool (Chromium for PDF) is an error naming it. */
export interface ReportWriter {
  /**
   * Checks, before any work, that a note can be written: the folder of `out` exists and, for PDF, a Chromium is
   * there. Throws an error naming what is missing (an InputError for a bad --out).
   */
  checkNote(format: NoteFormat, out: string): Promise<void>;
  /**
   * Writes the note to `out` in the format: Markdown (its charts as SVG files in a folder beside it), one
   * self-contained HTML file, or a PDF printed by headless Chromium. Returns the files written (the note first).
   */
  writeNote(note: NoteDocument, format: NoteFormat, out: string): Promise<{ files: string[]; pages?: number }>;
  /** Writes the tables as one XLSX workbook (a sheet each) at `out`, or as CSV files (one each) in the folder `out`. */
  writeExport(tables: ExportTable[], format: ExportFormat, out: string): Promise<{ files: string[] }>;
}

/** Today's date and the time, read at the edge so the core stays free of the clock. */
export interface Clock {
  /** Today as a UTC calendar day, YYYY-MM-DD. */
  today(): string;
  /** Now as an ISO timestamp. */
  now(): string;
}

export interface LoadedScenario {
  scenario: ScenarioFile;
  /** Where it was read from, as shown to users (`data/scenarios/base.yaml` or the user's path). */
  file: string;
  builtIn: boolean;
  sha256: string;
  /** In a composed scenario, the file its price.curve path is relative to ('' for a built-in's). */
  curveRelativeTo?: string | undefined;
  /** The file's text as read (none for a composed scenario). */
  text?: string;
}

export interface ScenarioSource {
  /** The built-in scenarios, by name. */
  list(): Promise<LoadedScenario[]>;
  /** A built-in scenario by name, or a YAML file by path. Unknown names and bad files throw an InputError. */
  load(nameOrPath: string): Promise<LoadedScenario>;
  /** A forward-curve CSV (`date,usd`), a path relative to `relativeToFile` when given. */
  readForwardCurve(
    path: string,
    relativeToFile?: string,
  ): Promise<{ file: string; sha256: string; text: string; points: { date: string; usd: number }[] }>;
}

export interface MonteCarloJob {
  setup: ProjectionSetup;
  layouts: RowLayout[];
  seed: number;
  firstPath: number;
  pathCount: number;
}

/** Runs Monte Carlo chunks, in this thread or on worker threads; results do not depend on how they are split. */
export interface MonteCarloExecutor {
  /** How many chunks run at once (worker threads), 1 in process. */
  readonly parallelism: number;
  /** Starts what `run` will need (worker threads) so that it overlaps with the caller's own preparation. */
  prepare(): void;
  run(jobs: readonly MonteCarloJob[]): Promise<MonteCarloChunk[]>;
}

export interface LoadedCompany {
  company: CompanyFile;
  /** The file as written, before schema defaults: what provenance is read from. */
  raw: unknown;
  file: string;
  sha256: string;
  text: string;
}

/** The covered companies' files. Unknown tickers and bad files throw an InputError naming the field or file:line:column. */
export interface CoverageSource {
  tickers(): Promise<string[]>;
  /** `field` names the input the ticker came from, for the error when it is not covered (default `ticker`). */
  load(ticker: string, field?: string): Promise<LoadedCompany>;
}

export interface LoadedReportedFigures {
  figures: ReportedFigure[];
  files: { file: string; sha256: string; text: string }[];
}

/** Miners' reported monthly figures: the embedded set (data/reported/) and users' files in the same CSV format. */
export interface ReportedFiguresSource {
  embedded(): Promise<LoadedReportedFigures>;
  /** A CSV file by path; a missing or bad file throws an InputError naming `field` or file:line:column. */
  load(path: string, field: string): Promise<LoadedReportedFigures>;
}

export interface LoadedMethodology {
  methodology: MethodologyFile;
  /** `data/methodology/rerate.yaml` or the user's path. */
  file: string;
  builtIn: boolean;
  sha256: string;
  text: string;
}

/** Valuation methodology presets: built-in ones by name (data/methodology/) and users' YAML files by path. */
export interface MethodologySource {
  list(): Promise<LoadedMethodology[]>;
  /** Unknown names and bad files throw an InputError naming the field or file:line:column. */
  load(nameOrPath: string): Promise<LoadedMethodology>;
}

/** What is known about the code that runs: recorded in every run manifest. */
export interface BuildInfo {
  /** The git commit of the checkout, or null (an installed package, no git). */
  codeCommit: string | null;
}

export interface AppPorts {
  network: NetworkDataSource;
  scenarios: ScenarioSource;
  monteCarlo: MonteCarloExecutor;
  coverage: CoverageSource;
  reported: ReportedFiguresSource;
  methodologies: MethodologySource;
  build: BuildInfo;
  /** The run store, opened on first use (commands that do not save or read runs never open it). */
  runs: RunStoreOpener;
  /** Turns a replay plan (one stored run, or a mix of two for attribution) into ports that serve its inputs. */
  replay: ReplaySource;
  /** Market paths taken from other runs' views instead of this run's own (attribution only; DESIGN.md §8). */
  marketViews?: MarketViews | undefined;
  clock: Clock;
  /** The local data store, and the embedded tables a first refresh starts from. */
  localData: LocalData;
  /** The live providers the environment configures, built on first use (only `data refresh` and `data status` ask). */
  liveData(): LiveDataSources;
  /** Notes and exports. */
  report: ReportWriter;
  calendar: CalendarSource;
  /** Where long operations report progress (stderr in the CLI); absent: silent. */
  progress?: FetchProgress | undefined;
}
