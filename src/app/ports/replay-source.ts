/** Stored runs' recorded files served as the file ports, for replays and attribution. */
import type { CoverageSource, MethodologySource, ReportedFiguresSource, ScenarioSource } from './file-sources.ts';
import type { RunManifest } from './run-store.ts';

/** A stored run's inputs: what a replay needs. */
export interface RunInputs {
  id: string;
  manifest: RunManifest;
  texts: Map<string, string>;
}

/** Ports serving one stored run's recorded files. */
export interface RecordedSources {
  coverage: CoverageSource;
  scenarios: ScenarioSource;
  methodologies: MethodologySource;
  reported: ReportedFiguresSource;
}

export interface ReplaySource {
  sourcesOf(run: RunInputs): RecordedSources;
}
