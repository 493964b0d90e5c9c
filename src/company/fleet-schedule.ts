/**
 * The mining fleet day by day: energized hashrate (linear between dated points, flat after the last), less the
 * capacity contracted HPC leases take over, then operating hashrate = energized × realization × (1 − curtailment),
 * the realization being the file's or, from each of its steps on, the walk-forward estimate. Displaced power
 * converts to hashrate at the fleet's efficiency on the displacement day (EH/s = MW ÷ J/TH, DESIGN.md §2).
 * Capacity held through joint ventures is a separate series (attributable operating EH/s, zero before its first
 * point).
 */
import { interpolateLinear } from '../math/interpolation.ts';
import type { DayNumber } from '../units/calendar-day.ts';
import type { CompanyModel, DatedValue } from './company-model.ts';

export interface FleetDays {
  /** Energized hashrate mining (after displacement), EH/s; NaN before the company's first hashrate point. */
  energizedEhs: Float64Array;
  operatingEhs: Float64Array;
  efficiencyJPerTh: Float64Array;
  /** Hashrate taken over by HPC leases, EH/s. */
  displacedEhs: Float64Array;
  /** Attributable operating hashrate held through joint ventures, EH/s. */
  jointVentureEhs: Float64Array;
}

export function fleetDays(company: CompanyModel, firstDay: DayNumber, dayCount: number): FleetDays {
  const energizedEhs = new Float64Array(dayCount);
  const operatingEhs = new Float64Array(dayCount);
  const efficiencyJPerTh = new Float64Array(dayCount);
  const displacedEhs = new Float64Array(dayCount);
  const jointVentureEhs = new Float64Array(dayCount);
  const hashrate = knots(company.energizedHashrateEhs);
  const efficiency = knots(company.efficiencyJPerTh);
  const ventures = company.jointVentures.map((venture) => knots(venture.hashrateEhs));
  const firstKnownDay = company.energizedHashrateEhs[0]?.day ?? Infinity;
  const displacements = company.displacements
    .map((d) => ({ day: d.day, ehs: d.mw / interpolateLinear(efficiency.days, efficiency.values, d.day) }))
    .sort((a, b) => a.day - b.day);
  const steps = company.realizationSteps;
  const curtailed = 1 - company.curtailment;

  let nextDisplacement = 0;
  let displaced = 0;
  let nextStep = 0;
  let realization = company.realization;
  for (let i = 0; i < dayCount; i++) {
    const day = firstDay + i;
    while (nextDisplacement < displacements.length && (displacements[nextDisplacement]?.day as number) <= day) {
      displaced += displacements[nextDisplacement]?.ehs as number;
      nextDisplacement++;
    }
    while (nextStep < steps.length && (steps[nextStep]?.day as number) <= day) {
      realization = steps[nextStep]?.value as number;
      nextStep++;
    }
    efficiencyJPerTh[i] = interpolateLinear(efficiency.days, efficiency.values, day);
    let venture = 0;
    let ventureInFleet = 0;
    ventures.forEach((knotsOf, v) => {
      if (day < (knotsOf.days[0] as number)) return;
      const ehs = interpolateLinear(knotsOf.days, knotsOf.values, day);
      venture += ehs;
      if (company.jointVentures[v]?.includedInFleet) ventureInFleet += ehs;
    });
    jointVentureEhs[i] = venture;
    if (day < firstKnownDay) {
      energizedEhs[i] = NaN;
      operatingEhs[i] = NaN;
      continue;
    }
    // The company's own fleet: the hashrate points less any joint-venture share they include.
    const installed = Math.max(0, interpolateLinear(hashrate.days, hashrate.values, day) - ventureInFleet);
    const mining = Math.max(0, installed - displaced);
    displacedEhs[i] = installed - mining;
    energizedEhs[i] = mining;
    operatingEhs[i] = mining * realization * curtailed;
  }
  return { energizedEhs, operatingEhs, efficiencyJPerTh, displacedEhs, jointVentureEhs };
}

function knots(points: readonly DatedValue[]): { days: Float64Array; values: Float64Array } {
  if (points.length === 0) throw new RangeError('a fleet schedule needs at least one dated point');
  return { days: Float64Array.from(points, (p) => p.day), values: Float64Array.from(points, (p) => p.value) };
}
