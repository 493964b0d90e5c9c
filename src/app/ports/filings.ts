/**
 * What `rerate filings` needs (issue 20, "Filings"): the SEC's EDGAR APIs (src/data/providers/sec-edgar.ts) and the
 * dated overlays written from filings into the local data store (src/data/filing-overlay-store.ts).
 */
import type { FilingOverlay } from '../../schema/filings.ts';
import type { CompanyFacts, Submissions } from '../../schema/sec-answers.ts';

export interface SecFilingsSource {
  /** The base URL, for messages. */
  readonly endpoint: string;
  /** Validated answers; fails with a ProviderError (src/data/http/provider-error.ts). `cik`: ten digits. */
  companyFacts(cik: string): Promise<CompanyFacts>;
  submissions(cik: string): Promise<Submissions>;
}

export interface FilingOverlayStore {
  /** The folder, for messages. */
  readonly location: string;
  /** Every overlay stored for the ticker, by filing date; a damaged one is an InputError naming its file. */
  list(ticker: string): FilingOverlay[];
  /**
   * Stores an overlay, crash-safe and append-only: one file per ticker and accession, never changed once written
   * (`created: false` when the filing's overlay was already there; the stored one stands).
   */
  write(overlay: FilingOverlay): Promise<{ location: string; created: boolean }>;
}

export interface FilingsPorts {
  /** The SEC client, built on first use; throws an InputError when RERATE_SEC_USER_AGENT is not set. */
  sec(): SecFilingsSource;
  /** Undefined without a local data store (no HOME or RERATE_DATA_DIR). */
  overlays: FilingOverlayStore | undefined;
}
