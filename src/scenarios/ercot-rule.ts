/**
 * ERCOT's proposed "use it or lose it" rule for large loads (seed-event.md: allocations subject to annual review,
 * presented to regulators Feb 20 2026). At the first review, one window after the as-of date, the part of a Texas
 * site's allocation not yet energized is forfeited — with a probability, for softer variants. The surviving
 * capacity serves the site's contracted leases first (by start), then its pipeline projects (by expected start);
 * what they lose is their forfeited share, and power and land keep only what survives. Energized MW are never at
 * risk, so the rule can only lower a value.
 */
import type { DayNumber } from '../units/calendar-day.ts';
import type { CompanyInputsBeforeDays } from '../valuation/sum-of-parts.ts';

export interface ErcotRule {
  windowDays: number;
  /** Probability that an allocation not energized by the review is forfeited. */
  probability: number;
}

export interface PolicySite {
  name: string;
  grid: string;
  stage: string;
  grossMw: number;
  /** Energized MW from a date on (cumulative, dates increasing); none for an operating site means fully energized. */
  energization: readonly { day: DayNumber; mw: number }[];
  /** Gross MW per critical-IT MW at this site (from the site ledger's rule). */
  grossPerItMw: number;
}

export interface SiteAtRisk {
  site: string;
  grossMw: number;
  energizedByReviewMw: number;
  atRiskMw: number;
  /** At-risk MW × probability. */
  forfeitedMw: number;
  /** Leases and pipeline projects that lose capacity, with the share each loses. */
  claims: { name: string; forfeitedShare: number }[];
}

export interface RuleOutcome<Inputs extends CompanyInputsBeforeDays> {
  inputs: Inputs;
  sites: SiteAtRisk[];
}

export function energizedBy(site: PolicySite, day: DayNumber): number {
  if (site.energization.length === 0) return site.stage === 'operating' ? site.grossMw : 0;
  let mw = 0;
  for (const point of site.energization) if (point.day <= day) mw = point.mw;
  return Math.min(mw, site.grossMw);
}

/** Applies the rule to the ERCOT sites named in `only` (all ERCOT sites when omitted). */
export function applyErcotRule<Inputs extends CompanyInputsBeforeDays>(
  inputs: Inputs,
  sites: readonly PolicySite[],
  rule: ErcotRule,
  only?: ReadonlySet<string>,
): RuleOutcome<Inputs> {
  const reviewDay = (inputs.valuationDay + rule.windowDays) as DayNumber;
  const leaseShares = new Map<object, number>();
  const pipelineShares = new Map<object, number>();
  const survivingMw = new Map<string, number>();
  const report: SiteAtRisk[] = [];
  for (const site of sites) {
    if (site.grid !== 'ERCOT' || (only && !only.has(site.name))) continue;
    const energizedByReviewMw = energizedBy(site, reviewDay);
    const atRiskMw = Math.max(0, site.grossMw - energizedByReviewMw);
    const forfeitedMw = rule.probability * atRiskMw;
    const capacity = site.grossMw - forfeitedMw;
    survivingMw.set(site.name, capacity);
    // Contracted leases first, then pipeline projects, each in order of start: what a claim loses is the capacity it
    // would have had without the rule and does not have with it (never more than the MW forfeited).
    const leases = inputs.leases
      .filter((l) => l.site === site.name)
      .sort((a, b) => a.contract.startDay - b.contract.startDay);
    const pipeline = inputs.pipeline.filter((p) => p.site === site.name);
    const needs = [
      ...leases.map((l) => l.criticalItMw.value * site.grossPerItMw),
      ...pipeline.map((p) => p.criticalItMw.value * site.grossPerItMw),
    ];
    const before = allocate(needs, site.grossMw);
    const after = allocate(needs, capacity);
    const claims: SiteAtRisk['claims'] = [];
    // The share of the claim's whole MW that is lost, so the claim shrinks by exactly the MW the rule takes from it.
    const shareOf = (i: number, name: string): number => {
      const need = needs[i] as number;
      const share = need > 0 ? ((before[i] as number) - (after[i] as number)) / need : 0;
      if (share > 0) claims.push({ name, forfeitedShare: share });
      return share;
    };
    leases.forEach((lease, i) => leaseShares.set(lease, shareOf(i, lease.name)));
    pipeline.forEach((item, i) => pipelineShares.set(item, shareOf(leases.length + i, item.name)));
    report.push({ site: site.name, grossMw: site.grossMw, energizedByReviewMw, atRiskMw, forfeitedMw, claims });
  }
  const why =
    `ERCOT use-it-or-lose-it: allocation not energized within ${rule.windowDays} days ` +
    `forfeited with probability ${rule.probability}`;
  return {
    sites: report,
    inputs: {
      ...inputs,
      // The site keeps its gross ÷ IT ratio: both shrink together.
      sites: inputs.sites.map((s) => {
        const surviving = survivingMw.get(s.name);
        if (surviving === undefined || s.grossMw === 0) return s;
        const kept = surviving / s.grossMw;
        return {
          ...s,
          grossMw: surviving,
          criticalItMw: s.criticalItMw === undefined ? undefined : s.criticalItMw * kept,
        };
      }),
      leases: inputs.leases.map((l) => {
        const share = leaseShares.get(l) ?? 0;
        return share > 0 ? { ...l, forfeitedShare: 1 - (1 - (l.forfeitedShare ?? 0)) * (1 - share) } : l;
      }),
      pipeline: inputs.pipeline.map((p) => {
        const share = pipelineShares.get(p) ?? 0;
        return share > 0
          ? {
              ...p,
              criticalItMw: { value: p.criticalItMw.value * (1 - share), source: `${p.criticalItMw.source}; ${why}` },
            }
          : p;
      }),
    },
  };
}

/** Capacity handed to claims in order, each taking what it needs while any is left. */
function allocate(needsMw: readonly number[], capacityMw: number): number[] {
  let room = capacityMw;
  return needsMw.map((need) => {
    const got = Math.max(0, Math.min(need, room));
    room -= got;
    return got;
  });
}
