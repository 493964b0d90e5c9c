/**
 * Files as the ports deliver them: validated contents, where they were read from and their SHA-256 — what every
 * engine input is mapped from (src/inputs).
 */
import type { ScenarioFile } from '../schema/scenario.ts';
import type { CompanyFile } from '../schema/company.ts';
import type { ReportedFigure } from '../schema/reported-figures.ts';
import type { MethodologyFile } from '../schema/methodology.ts';

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
  /** The points of the forward curve its price.curve names, read when the scenario was loaded. */
  priceCurve?: { date: string; usd: number }[];
}

export interface LoadedCompany {
  company: CompanyFile;
  /** The file as written, before schema defaults: what provenance is read from. */
  raw: unknown;
  file: string;
  sha256: string;
  text: string;
  /** The filing overlays read with the file (src/inputs/filing-overlay.ts); absent when none are stored. */
  filingOverlays?: FilingOverlaysApplied;
}

/** What the filing overlays changed, and the file's own figures beside them. */
export interface FilingOverlaysApplied {
  applied: { field: string; accession: string; knownFrom: string }[];
  skipped: { field: string; accession: string; reason: string }[];
  /** The file as parsed and as written, without the overlays. */
  file: { company: CompanyFile; raw: unknown };
}

export interface LoadedReportedFigures {
  figures: ReportedFigure[];
  files: { file: string; sha256: string; text: string }[];
}

export interface LoadedMethodology {
  methodology: MethodologyFile;
  /** `data/methodology/rerate.yaml` or the user's path. */
  file: string;
  builtIn: boolean;
  sha256: string;
  text: string;
}
