/**
 * A methodology that states how many critical-IT MW of HPC it expects per company (J.P. Morgan's Nov-2025 framework:
 * "~480 MW critical IT by 2026" for CIFR, "~200 MW" for CLSK, "660 MW" for IREN, "600 MW" signed at Corsicana for
 * RIOT; methods-sell-side.md §2) counts that many MW in full: contracted leases first, then pipeline projects by
 * expected start, the last one in part; projects beyond the stated MW are left out. The stated MW replace the file's
 * delivery and deal probabilities, which is how the framework reads (its MW are its expectation).
 */
import type { ResultWarning } from '../schema/result-envelope.ts';
import type { DayNumber } from '../units/calendar-day.ts';
import type { Sourced } from '../valuation/explain.ts';
import type { SitedLease, SitedPipelineItem } from '../valuation/sum-of-parts.ts';

export interface ExpectedHpc {
  leases: SitedLease[];
  pipeline: SitedPipelineItem[];
  warnings: ResultWarning[];
}

export function countExpectedItMw(
  ticker: string,
  expectedItMw: Sourced,
  leases: readonly SitedLease[],
  pipeline: readonly SitedPipelineItem[],
  valuationDay: DayNumber,
): ExpectedHpc {
  const full = (why: string): Sourced => ({ value: 1, source: `${why}: ${expectedItMw.source}` });
  let left = expectedItMw.value;
  const counted = (mw: number) => {
    const taken = Math.max(0, Math.min(mw, left));
    left -= taken;
    return taken;
  };
  const warnings: ResultWarning[] = [];
  const keptLeases = leases.map((lease) => ({
    ...lease,
    deliveryProbability: full(`counted in full within the ${expectedItMw.value} MW the methodology expects`),
  }));
  // A lease whose term has ended holds no MW (as the site ledger counts it).
  for (const lease of keptLeases)
    if (lease.contract.endDayExclusive > valuationDay + 1) counted(lease.criticalItMw.value);
  const keptPipeline: SitedPipelineItem[] = [];
  for (const item of [...pipeline].sort((a, b) => a.expectedStartDay - b.expectedStartDay)) {
    const mw = counted(item.criticalItMw.value);
    if (mw <= 0) {
      warnings.push({
        code: 'pipeline-out-of-scope',
        message:
          `${ticker}: pipeline project "${item.name}" is not counted: ` +
          `beyond the ${expectedItMw.value} MW of HPC the methodology expects.`,
        field: 'hpc.pipeline',
      });
      continue;
    }
    keptPipeline.push({
      ...item,
      // Part of a project displaces its share of the mining MW.
      displacement: item.displacement && {
        day: item.displacement.day,
        mw: (item.displacement.mw * mw) / item.criticalItMw.value,
      },
      criticalItMw:
        mw === item.criticalItMw.value
          ? item.criticalItMw
          : {
              value: mw,
              source: `${mw} of its ${item.criticalItMw.value} MW, to the expected total: ${expectedItMw.source}`,
            },
      probability: full(`counted in full within the ${expectedItMw.value} MW the methodology expects`),
    });
  }
  if (left > 1e-9) {
    warnings.push({
      code: 'expected-hpc-not-found',
      message:
        `${ticker}: the methodology expects ${expectedItMw.value} MW of HPC; the file's leases and projects in scope ` +
        `hold ${expectedItMw.value - left} MW.`,
      field: 'hpc',
    });
  }
  return { leases: keptLeases, pipeline: keptPipeline, warnings };
}
