/**
 * The adapters the `rerate` command runs with: the local data store's current snapshot or the embedded data, scenario
 * and methodology files, Monte Carlo on all cores, the run store the environment names (DATABASE_URL, RERATE_DB;
 * src/store/open-run-store.ts), the checkout's commit, the live providers the environment configures (only
 * `data refresh` calls them), the SEC's EDGAR APIs (only `filings fetch` calls them; RERATE_SEC_USER_AGENT) with the
 * filing overlays of the local data store, which the coverage files are read with, and the clock (RERATE_TODAY pins
 * today's date, for reproducible examples and tests).
 */
import { homedir } from 'node:os';
import { redactorOf } from '../present/redact-secrets.ts';
import { configuredSecrets } from '../data/configured-secrets.ts';
import { join } from 'node:path';
import { utcDayOf } from '../app/live-data/data-freshness.ts';
import type { AppPorts, Clock } from '../app/ports/app-ports.ts';
import type { MonteCarloExecutor } from '../app/ports/monte-carlo.ts';
import { coverageFiles } from '../data/coverage-files.ts';
import { embeddedSnapshot } from '../data/embedded-snapshot.ts';
import { gitCommit } from '../data/git-commit.ts';
import { liveSourcesFromEnv } from '../data/live-sources.ts';
import type { HostResolver } from '../data/http/guarded-agent.ts';
import { localDataStore } from '../data/local-data-store.ts';
import { filingOverlayStore } from '../data/filing-overlay-store.ts';
import { secSourceFromEnv } from '../data/providers/sec-edgar.ts';
import { methodologyFiles } from '../data/methodology-files.ts';
import { networkDataSource } from '../data/network-data-source.ts';
import { recordedInputs } from '../data/recorded-inputs.ts';
import { reportedFigureFiles } from '../data/reported-figure-files.ts';
import { scenarioFiles } from '../data/scenario-files.ts';
import { workerMonteCarlo } from '../data/worker-monte-carlo.ts';
import { calendarFile } from '../data/calendar-file.ts';
import { reportWriter } from '../report/report-writer.ts';
import { parseIsoDay } from '../units/calendar-day.ts';
import { InputError } from '../schema/input-error.ts';
import { lazyRunStore, runStoreLocation } from '../store/open-run-store.ts';

export interface PortOptions {
  /**
   * The environment (default: the process's). With an explicit environment, home is only what it names (HOME,
   * XDG_DATA_HOME, RERATE_DATA_DIR): without them there is no local data store, so tests run on the embedded data.
   */
  env?: Record<string, string | undefined>;
  monteCarlo?: MonteCarloExecutor;
  /** How the live providers' host names are resolved (default: the system's resolver; tests inject one). */
  resolver?: HostResolver;
}

export type DefaultPorts = AppPorts & { runs: ReturnType<typeof lazyRunStore> };

export function defaultPorts(options: PortOptions = {}): DefaultPorts {
  const env = options.env ?? process.env;
  const home = options.env ? env['HOME'] : homedir();
  const dataDir = localDataDir(env, home);
  const redact = redactorOf(configuredSecrets(env, home));
  const network = networkDataSource(
    embeddedSnapshot(),
    dataDir === undefined ? undefined : localDataStore(dataDir, redact),
  );
  const clock = clockOf(env);
  const overlays = dataDir === undefined ? undefined : filingOverlayStore(dataDir);
  return {
    redact,
    network,
    scenarios: scenarioFiles(),
    monteCarlo: options.monteCarlo ?? workerMonteCarlo(),
    coverage: coverageFiles(undefined, undefined, clock.today, overlays),
    reported: reportedFigureFiles(),
    methodologies: methodologyFiles(),
    build: { codeCommit: gitCommit() },
    runs: lazyRunStore(() => runStoreLocation(env)),
    replay: recordedInputs(),
    clock,
    localData: network,
    liveData: memoized(() => liveSourcesFromEnv(env, home, options.resolver ? { resolver: options.resolver } : {})),
    filings: {
      sec: memoized(() => secSourceFromEnv(env, options.resolver ? { resolver: options.resolver } : {})),
      overlays,
    },
    report: reportWriter({ chromiumPath: env['RERATE_CHROMIUM'] || undefined }),
    calendar: calendarFile(),
  };
}

/** RERATE_DATA_DIR, else $XDG_DATA_HOME/rerate/data, else ~/.local/share/rerate/data; undefined without a home. */
export function localDataDir(env: Record<string, string | undefined>, home: string | undefined): string | undefined {
  const explicit = env['RERATE_DATA_DIR'];
  if (explicit !== undefined && explicit !== '') return explicit;
  const dataHome = env['XDG_DATA_HOME'] || (home ? join(home, '.local', 'share') : undefined);
  return dataHome === undefined ? undefined : join(dataHome, 'rerate', 'data');
}

/** Today from RERATE_TODAY when set (a bad value is a usage error when first asked for), else the system clock. */
function clockOf(env: Record<string, string | undefined>): Clock {
  const pinned = env['RERATE_TODAY'];
  if (pinned === undefined || pinned === '')
    return { today: () => utcDayOf(Date.now()), now: () => new Date().toISOString() };
  const checked = () => {
    if (parseIsoDay(pinned) === undefined) throw InputError.at(['RERATE_TODAY'], 'expected a date YYYY-MM-DD');
    return pinned;
  };
  return { today: checked, now: () => `${checked()}T12:00:00.000Z` };
}

function memoized<Value>(make: () => Value): () => Value {
  let made: { value: Value } | undefined;
  return () => (made ??= { value: make() }).value;
}
