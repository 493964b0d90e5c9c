/** The adapters the `rerate` command runs with: embedded data, scenario files, Monte Carlo on all cores. */
import type { AppPorts } from '../app/ports.ts';
import { coverageFiles } from '../data/coverage-files.ts';
import { reportedFigureFiles } from '../data/reported-figure-files.ts';
import { embeddedSnapshot } from '../data/embedded-snapshot.ts';
import { methodologyFiles } from '../data/methodology-files.ts';
import { scenarioFiles } from '../data/scenario-files.ts';
import { workerMonteCarlo } from '../data/worker-monte-carlo.ts';

export function defaultPorts(): AppPorts {
  return { network: embeddedSnapshot(), scenarios: scenarioFiles(), monteCarlo: workerMonteCarlo(), coverage: coverageFiles(), reported: reportedFigureFiles(), methodologies: methodologyFiles() };
}
