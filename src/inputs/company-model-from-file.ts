/** Reads the estimate engine's view of a company (src/company/company-model.ts) off a validated company file. */
import type { CompanyModel, HpcContract, MiningDisplacement } from '../company/company-model.ts';
import { DAYS_PER_YEAR, firstYearRentFromContractValue, firstYearRentFromKwMonth } from '../company/hpc-revenue.ts';
import { valueOf, type CompanyFile } from '../schema/company.ts';
import { dayFromIso, type DayNumber } from '../units/calendar-day.ts';

const DAYS_PER_MONTH = DAYS_PER_YEAR / 12;

/**
 * The company model of a file. Contracted leases displace their mining MW in full and pipeline projects not at all:
 * the estimates' basis. A valuation replaces the displacements by those of the HPC it counts, each weighted by its
 * probability (`expectedDisplacements`, src/valuation/sum-of-parts.ts).
 */
export function companyModelFromFile(company: CompanyFile): CompanyModel {
  const { fleet } = company;
  const leases = company.hpc.leases;
  const hpcContracts: HpcContract[] = leases.map((lease) => {
    const startDay = dayFromIso(lease.startDate);
    const termDays = Math.round(valueOf(lease.termYears) * DAYS_PER_YEAR);
    const rampDays = Math.round(lease.rampMonths * DAYS_PER_MONTH);
    const escalatorPerYear = valueOf(lease.escalatorPerYear);
    const firstYearRentUsdPerDay =
      lease.contractValueUsd !== undefined
        ? firstYearRentFromContractValue(valueOf(lease.contractValueUsd), termDays, rampDays, escalatorPerYear)
        : firstYearRentFromKwMonth(valueOf(lease.usdPerKwMonth ?? 0), valueOf(lease.criticalItMw));
    return {
      name: `${lease.tenant} (${lease.site})`,
      startDay,
      endDayExclusive: (startDay + termDays) as DayNumber,
      rampDays,
      firstYearRentUsdPerDay,
      escalatorPerYear,
      noiMargin:
        lease.noiMargin !== undefined
          ? valueOf(lease.noiMargin)
          : cloudNoiMargin(company, lease, firstYearRentUsdPerDay * DAYS_PER_YEAR),
    };
  });
  const displacements: MiningDisplacement[] = leases.flatMap((lease) =>
    lease.displacesMiningMw === undefined
      ? []
      : [
          {
            name: `${lease.tenant} (${lease.site})`,
            day: dayFromIso(lease.displacementDate ?? lease.startDate),
            mw: valueOf(lease.displacesMiningMw),
          },
        ],
  );
  return {
    ticker: company.ticker,
    energizedHashrateEhs: fleet.hashrateEhs.map((p) => ({
      day: dayFromIso(p.date),
      value: valueOf(p.value as number),
    })),
    efficiencyJPerTh: fleet.efficiencyJPerTh.map((p) => ({
      day: dayFromIso(p.date),
      value: valueOf(p.value as number),
    })),
    realization: valueOf(fleet.realization),
    realizationSteps: [],
    jointVentures: fleet.jointVentures.map((venture) => ({
      name: venture.name,
      hashrateEhs: venture.attributableHashrateEhs.map((p) => ({
        day: dayFromIso(p.date),
        value: valueOf(p.value as number),
      })),
      includedInFleet: venture.includedInFleetHashrate,
    })),
    curtailment: valueOf(fleet.curtailment),
    poolFee: valueOf(fleet.poolFee),
    powerPriceUsdPerMwh: valueOf(fleet.powerPriceUsdPerMwh),
    hostedShare: fleet.hosting === undefined ? 0 : valueOf(fleet.hosting.shareOfFleet),
    hostingFeeUsdPerMwh: fleet.hosting === undefined ? 0 : valueOf(fleet.hosting.feeUsdPerMwh),
    siteOpexUsdPerMwh: fleet.siteOpexUsdPerMwh === undefined ? 0 : valueOf(fleet.siteOpexUsdPerMwh),
    refreshCapexUsdPerQuarter:
      fleet.refreshCapexUsdPerQuarter === undefined ? 0 : valueOf(fleet.refreshCapexUsdPerQuarter),
    powerCreditsUsdPerQuarter:
      fleet.powerCreditsUsdPerQuarter === undefined ? 0 : valueOf(fleet.powerCreditsUsdPerQuarter),
    otherMiningCashCostsUsdPerQuarter:
      fleet.otherCashCostsUsdPerQuarter === undefined ? 0 : valueOf(fleet.otherCashCostsUsdPerQuarter),
    cashSgaUsdPerQuarter: company.corporate === undefined ? undefined : valueOf(company.corporate.cashSgaUsdPerQuarter),
    hpcContracts,
    displacements,
  };
}

/**
 * A GPU-cloud lease's NOI margin in its first full year, for the estimates: 1 − (power on its gross MW at the site's
 * power price (else the fleet's) + other opex per IT MW-year) ÷ first-year rent — the opex the valuation's cash flows
 * use (src/valuation/lease-cash-flows.ts).
 */
function cloudNoiMargin(company: CompanyFile, lease: CompanyFile['hpc']['leases'][number], rentUsdPerYear: number) {
  const site = company.sites.find((s) => s.name === lease.site);
  const powerPrice = valueOf(site?.powerPriceUsdPerMwh ?? company.fleet.powerPriceUsdPerMwh);
  const powerUsd = valueOf(lease.grossMw ?? 0) * 24 * DAYS_PER_YEAR * powerPrice;
  const otherUsd = valueOf(lease.criticalItMw) * valueOf(lease.otherOpexUsdPerItMwYear ?? 0);
  return rentUsdPerYear > 0 ? Math.max(0, Math.min(1, 1 - (powerUsd + otherUsd) / rentUsdPerYear)) : 0;
}
