/**
 * Ports: what the application needs from the outside world, as interfaces. Adapters in src/data (and later
 * src/store) implement them; only the composition roots (src/cli, src/server) pick the adapters.
 */
import type { MarketViews } from './market-views.ts';
import type { ReplaySource } from './replay-source.ts';
import type { RunStoreOpener } from './run-store.ts';
import type { FetchProgress, LiveDataSources } from './live-data.ts';
import type { NetworkDataSource } from './network-data.ts';
import type { LocalData } from './local-data.ts';
import type { CalendarSource } from './calendar.ts';
import type { ReportWriter } from './report-writer.ts';
import type { MonteCarloExecutor } from './monte-carlo.ts';
import type { FilingsPorts } from './filings.ts';
import type { CoverageSource, MethodologySource, ReportedFiguresSource, ScenarioSource } from './file-sources.ts';

/** Today's date and the time, read at the edge so the core stays free of the clock. */
export interface Clock {
  /** Today as a UTC calendar day, YYYY-MM-DD. */
  today(): string;
  /** Now as an ISO timestamp. */
  now(): string;
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
  /**
   * The SEC's filings and the overlays written from them (issue 20); absent: `rerate filings` is not offered (tests
   * of other commands, replays).
   */
  filings?: FilingsPorts | undefined;
  /** Notes and exports. */
  report: ReportWriter;
  calendar: CalendarSource;
  /**
   * Removes the configured secrets from text about to be printed, logged, stored or served (issue 19); absent:
   * nothing is configured.
   */
  redact?: ((text: string) => string) | undefined;
  /** Where long operations report progress (stderr in the CLI); absent: silent. */
  progress?: FetchProgress | undefined;
}
