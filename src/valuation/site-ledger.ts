/**
 * The site ledger: how each site's power (gross MW) is used, so that no MW is valued twice (DESIGN.md §6). HPC comes
 * first — leases and pipeline projects at the site, probability-weighted, converted from critical-IT to gross MW —
 * then the mining fleet fills operating mining sites, then mixed ones, in file order; what is left is power and land
 * not otherwise valued.
 */

export type SiteStage = 'operating' | 'under-construction' | 'approved' | 'in-queue' | 'undeveloped';
export type SiteUse = 'mining' | 'hpc' | 'mixed';

export interface LedgerSite {
  name: string;
  stage: SiteStage;
  use: SiteUse;
  grossMw: number;
  /** Critical-IT MW when the file gives it: the site's own gross ÷ IT ratio then applies. */
  criticalItMw?: number | undefined;
  ownership: number;
  /**
   * An operating site still being built out: the stage of its MW not yet energized on the valuation day, and the MW
   * energized by then (from its energization schedule). Power and land values those MW at this stage.
   */
  buildOut?: { unenergizedStage: SiteStage; energizedMw: number } | undefined;
}

/** An HPC lease or pipeline project's expected claim on a site: critical-IT MW × probability. */
export interface HpcClaim {
  name: string;
  site: string | undefined;
  criticalItMw: number;
  probability: number;
}

export interface LedgerRow {
  site: LedgerSite;
  /** Gross MW per critical-IT MW used at this site. */
  grossPerItMw: number;
  /** Expected gross MW taken by HPC (Σ probability × IT MW × gross/IT). */
  hpcGrossMw: number;
  /** Mining MW placed at this site. */
  miningMw: number;
  /** MW left for the power-and-land part. */
  unvaluedMw: number;
}

export interface LedgerWarning {
  code: 'hpc-exceeds-site' | 'mining-exceeds-sites';
  message: string;
}

export interface SiteLedger {
  rows: LedgerRow[];
  /** Mining MW the operating sites could not hold. */
  unplacedMiningMw: number;
  warnings: LedgerWarning[];
}

export function siteLedger(
  sites: readonly LedgerSite[],
  claims: readonly HpcClaim[],
  miningMw: number,
  defaultGrossPerItMw: number,
): SiteLedger {
  const warnings: LedgerWarning[] = [];
  const rows: LedgerRow[] = sites.map((site) => {
    const grossPerItMw =
      site.criticalItMw !== undefined && site.criticalItMw > 0 ? site.grossMw / site.criticalItMw : defaultGrossPerItMw;
    const hpcGrossMw = claims
      .filter((c) => c.site === site.name)
      .reduce((sum, c) => sum + c.probability * c.criticalItMw * grossPerItMw, 0);
    if (hpcGrossMw > site.grossMw * (1 + 1e-9)) {
      warnings.push({
        code: 'hpc-exceeds-site',
        message:
          `${site.name}: HPC expects ${hpcGrossMw.toFixed(0)} gross MW ` +
          `(probability-weighted, ${grossPerItMw.toFixed(2)} gross per IT MW) on a ${site.grossMw} MW site; ` +
          'the excess is ignored for power and land.',
      });
    }
    return { site, grossPerItMw, hpcGrossMw, miningMw: 0, unvaluedMw: 0 };
  });
  let toPlace = Math.max(0, miningMw);
  for (const use of ['mining', 'mixed'] as const) {
    for (const row of rows) {
      if (row.site.stage !== 'operating' || row.site.use !== use) continue;
      const room = Math.max(0, row.site.grossMw - row.hpcGrossMw);
      row.miningMw = Math.min(room, toPlace);
      toPlace -= row.miningMw;
    }
  }
  if (toPlace > 1e-6) {
    warnings.push({
      code: 'mining-exceeds-sites',
      message:
        `The fleet draws ${toPlace.toFixed(0)} MW more than the operating mining and mixed sites hold after HPC: ` +
        'the sites list is incomplete or the fleet is overstated.',
    });
  }
  for (const row of rows) row.unvaluedMw = Math.max(0, row.site.grossMw - row.hpcGrossMw - row.miningMw);
  return { rows, unplacedMiningMw: toPlace, warnings };
}
