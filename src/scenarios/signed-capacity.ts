/**
 * How many critical-IT MW a hypothetical signed HPC deal can physically take (audit D12): at each of the company's
 * undeveloped, in-queue or approved sites, the site's gross MW less what its leases and pipeline already claim in the
 * site ledger (probability-weighted, as the ledger values them), divided by the site's gross-per-IT ratio. Mining
 * takes no MW there (the ledger places the fleet on operating sites only), and a lease at such a site has not
 * started, so none has ended. A deal fills the sites with the most room first.
 */
import { siteLedger } from '../valuation/site-ledger.ts';
import type { CompanyInputsBeforeDays } from '../valuation/sum-of-parts.ts';

/** The stages whose sites count as undeveloped for a hypothetical signed deal. */
export const UNDEVELOPED_STAGES: ReadonlySet<string> = new Set(['undeveloped', 'in-queue', 'approved']);

export interface SiteRoom {
  site: string;
  ownership: number;
  grossMw: number;
  /** Expected gross MW already claimed by leases and pipeline at the site. */
  claimedGrossMw: number;
  grossPerItMw: number;
  /** Critical-IT MW still free: (gross − claimed) ÷ gross per IT MW, at least 0. */
  roomItMw: number;
}

export interface SignedDealCapacity {
  /** Eligible sites, most room first. */
  sites: SiteRoom[];
  totalItMw: number;
}

export function signedDealCapacity(inputs: CompanyInputsBeforeDays, excludeClaim?: string): SignedDealCapacity {
  const claims = [
    ...inputs.leases.map((lease) => ({
      name: lease.name,
      site: lease.site,
      criticalItMw: lease.criticalItMw.value * (1 - (lease.forfeitedShare ?? 0)),
      probability: lease.deliveryProbability.value,
    })),
    ...inputs.pipeline
      .filter((item) => item.name !== excludeClaim)
      .map((item) => ({
        name: item.name,
        site: item.site,
        criticalItMw: item.criticalItMw.value,
        probability: item.probability.value,
      })),
  ];
  const ledger = siteLedger(inputs.sites, claims, 0, inputs.parameters.defaultGrossPerItMw.value);
  const sites = ledger.rows
    .filter((row) => UNDEVELOPED_STAGES.has(row.site.stage))
    .map((row) => ({
      site: row.site.name,
      ownership: row.site.ownership,
      grossMw: row.site.grossMw,
      claimedGrossMw: row.hpcGrossMw,
      grossPerItMw: row.grossPerItMw,
      roomItMw: Math.max(0, row.site.grossMw - row.hpcGrossMw) / row.grossPerItMw,
    }))
    .sort((a, b) => b.roomItMw - a.roomItMw);
  return { sites, totalItMw: sites.reduce((sum, s) => sum + s.roomItMw, 0) };
}

/**
 * Where a signed deal of `itMw` goes: site by site, most room first, each up to its room; MW beyond all the room stay
 * on the first site (the solve reports them as infeasible, and the ledger warns). No eligible site: one unsited item.
 */
export function placeSignedDeal(
  capacity: SignedDealCapacity,
  itMw: number,
): { site: string | undefined; ownership: number; itMw: number }[] {
  const first = capacity.sites[0];
  if (!first) return [{ site: undefined, ownership: 1, itMw }];
  const placed: { site: string | undefined; ownership: number; itMw: number }[] = [];
  let left = itMw;
  for (const room of capacity.sites) {
    const take = Math.min(left, room.roomItMw);
    if (take > 0) placed.push({ site: room.site, ownership: room.ownership, itMw: take });
    left -= take;
  }
  if (left > 1e-9) {
    const onFirst = placed.find((p) => p.site === first.site);
    if (onFirst) onFirst.itMw += left;
    else placed.unshift({ site: first.site, ownership: first.ownership, itMw: left });
  }
  return placed;
}
