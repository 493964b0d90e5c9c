/**
 * Every result travels in one envelope (DESIGN.md §1). Soft problems are warnings next to the numbers, never
 * dropped: `field` names the part of `results` a warning is about.
 */

export interface ResultWarning {
  /** Stable machine-readable code, e.g. `fees-imputed`. */
  code: string;
  message: string;
  /** Path into `results` of the numbers the warning affects, e.g. `fees` or `rows[3].feesBtc`. */
  field?: string;
}

export interface ResultEnvelope<Results> {
  results: Results;
  /** The day the results describe (YYYY-MM-DD). */
  asOf: string;
  /**
   * The run id: SHA-256 of the canonical JSON of the run manifest (command, input, files read, data snapshot,
   * engine version, code commit).
   */
  inputsHash: string;
  /** The last day of each data series used. */
  dataAsOf: Record<string, string>;
  warnings: ResultWarning[];
  engineVersion: string;
}

export const STALE_DATA_WARNING = 'stale-data';
/** A local snapshot could not be read and older or embedded data was used instead. */
export const LOCAL_DATA_UNUSABLE_WARNING = 'local-data-unusable';
/**
 * Warnings that depend on when and where a run is made (the day, the local store's health), not on its inputs:
 * `rerate runs replay` leaves them out of its comparison.
 */
export const CIRCUMSTANTIAL_WARNINGS: ReadonlySet<string> = new Set([STALE_DATA_WARNING, LOCAL_DATA_UNUSABLE_WARNING]);
