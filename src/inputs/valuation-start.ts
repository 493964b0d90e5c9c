/**
 * The first as-of date at which a company file lets a run value the company (issue 19, "as-of dates before a
 * company's first figures"). The mining model needs the fleet's energized hashrate on every projected day, and it is
 * unknown before the first dated point the run may see (src/company/fleet-schedule.ts: NaN before it); the efficiency
 * schedule is flat before its first point but needs one. A run as of day D sees a point public by D (its `knownFrom`,
 * src/inputs/point-in-time.ts), so it can value the company when a hashrate point is dated and public by D and an
 * efficiency point is public by D.
 */
import type { CompanyFile } from '../schema/company.ts';

export interface ValuationStart {
  /** The first as-of date (YYYY-MM-DD) the company can be valued at. */
  date: string;
  /** The figure that sets it, by company-file path (as written). */
  figure: string;
}

interface DatedPoint {
  date: string;
  knownFrom?: string | undefined;
}

export function valuationStart(company: CompanyFile): ValuationStart {
  const hashrate = earliest(company.fleet.hashrateEhs, 'fleet.hashrateEhs', (p) => later(p.date, p.knownFrom));
  // Efficiency before its first point is taken flat: only its publication matters ('' when public all along).
  const efficiency = earliest(company.fleet.efficiencyJPerTh, 'fleet.efficiencyJPerTh', (p) => p.knownFrom ?? '');
  return efficiency.date > hashrate.date ? efficiency : hashrate;
}

/** The point a run can first see, with the day it can. */
function earliest(
  points: readonly DatedPoint[],
  path: string,
  seenFrom: (point: DatedPoint) => string,
): ValuationStart {
  let best: ValuationStart | undefined;
  points.forEach((point, i) => {
    const date = seenFrom(point);
    if (best === undefined || date < best.date) best = { date, figure: `${path}[${i}]` };
  });
  // The company schema asks for at least one point in each list.
  if (best === undefined) throw new RangeError(`${path} has no dated point`);
  return best;
}

function later(a: string, b: string | undefined): string {
  return b !== undefined && b > a ? b : a;
}

/** Why a company is not valued as of a date: its figures start later. */
export function notValuedReason(ticker: string, asOf: string, start: ValuationStart): string {
  return `${ticker}: no figures known by ${asOf}; first known ${start.date} (${start.figure})`;
}
