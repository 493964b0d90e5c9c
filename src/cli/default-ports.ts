/**
 * The adapters the `rerate` command runs with: embedded data, scenario and methodology files, Monte Carlo on all cores,
 * the run store the environment names (DATABASE_URL, RERATE_DB; src/store/open-run-store.ts), the checkout's commit.
 */
import type { AppPorts, MonteCarloExecutor } from '../app/ports.ts';
import { coverageFiles } from '../data/coverage-files.ts';
import { embeddedSnapshot } from '../data/embedded-snapshot.ts';
import { gitCommit } from '../data/git-commit.ts';
import { methodologyFiles } from '../data/methodology-files.ts';
import { recordedInputs } from '../data/recorded-inputs.ts';
import { reportedFigureFiles } from '../data/reported-figure-files.ts';
import { scenarioFiles } from '../data/scenario-files.ts';
import { workerMonteCarlo } from '../data/worker-monte-carlo.ts';
import { lazyRunStore, runStoreLocation } from '../store/open-run-store.ts';

export interface PortOptions {
  /** Where DATABASE_URL and RERATE_DB are read (default: the process's environment). */
  env?: Record<string, string | undefined>;
  monteCarlo?: MonteCarloExecutor;
}

export type DefaultPorts = AppPorts & { runs: ReturnType<typeof lazyRunStore> };

export function defaultPorts(options: PortOptions = {}): DefaultPorts {
  const env = options.env ?? process.env;
  return {
    network: embeddedSnapshot(),
    scenarios: scenarioFiles(),
    monteCarlo: options.monteCarlo ?? workerMonteCarlo(),
    coverage: coverageFiles(),
    reported: reportedFigureFiles(),
    methodologies: methodologyFiles(),
    build: { codeCommit: gitCommit() },
    runs: lazyRunStore(() => runStoreLocation(env)),
    replay: recordedInputs(),
  };
}
