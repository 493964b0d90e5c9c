/** The files the engines read: scenarios and forward curves, coverage, reported figures, methodologies (src/data). */
import type {
  LoadedCompany,
  LoadedMethodology,
  LoadedReportedFigures,
  LoadedScenario,
} from '../../inputs/loaded-files.ts';

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

/**
 * The covered companies' files. Unknown tickers and bad files throw an InputError naming the field or
 * file:line:column.
 */
export interface CoverageSource {
  tickers(): Promise<string[]>;
  /** `field` names the input the ticker came from, for the error when it is not covered (default `ticker`). */
  load(ticker: string, field?: string): Promise<LoadedCompany>;
}

/** Miners' reported monthly figures: the embedded set (data/reported/) and users' files in the same CSV format. */
export interface ReportedFiguresSource {
  embedded(): Promise<LoadedReportedFigures>;
  /** A CSV file by path; a missing or bad file throws an InputError naming `field` or file:line:column. */
  load(path: string, field: string): Promise<LoadedReportedFigures>;
}

/** Valuation methodology presets: built-in ones by name (data/methodology/) and users' YAML files by path. */
export interface MethodologySource {
  list(): Promise<LoadedMethodology[]>;
  /** Unknown names and bad files throw an InputError naming the field or file:line:column. */
  load(nameOrPath: string): Promise<LoadedMethodology>;
}
