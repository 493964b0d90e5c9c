/** Reads the estimate engine's view of a company (src/company/company-model.ts) off a validated company file. */
import type { CompanyModel, HpcContract, MiningDisplacement } from '../company/company-model.ts';
import { DAYS_PER_YEAR, firstYearRentFromContractValue, firstYearRentFromKwMonth } from '../company/hpc-revenue.ts';
import { valueOf, type CompanyFile } from '../schema/company.ts';
import { dayFromIso, type DayNumber } from '../units/calendar-day.ts';

const DAYS_PER_MONTH = DAYS_PER_YEAR / 12;

export function companyModelFromFile(company: CompanyFile): CompanyModel {
  const { fleet } = company;
  const leases = company.hpc.leases;
  const hpcContracts: HpcContract[] = leases.map((lease) => {
    const startDay = dayFromIso(lease.startDate);
    const termYears = valueOf(lease.termYears);
    const escalatorPerYear = valueOf(lease.escalatorPerYear);
    return {
      name: `${lease.tenant} (${lease.site})`,
      startDay,
      endDayExclusive: (startDay + Math.round(termYears * DAYS_PER_YEAR)) as DayNumber,
      rampDays: Math.round(lease.rampMonths * DAYS_PER_MONTH),
      firstYearRentUsdPerDay:
        lease.contractValueUsd !== undefined
          ? firstYearRentFromContractValue(valueOf(lease.contractValueUsd), termYears, escalatorPerYear)
          : firstYearRentFromKwMonth(valueOf(lease.usdPerKwMonth ?? 0), valueOf(lease.criticalItMw)),
      escalatorPerYear,
      noiMargin: valueOf(lease.noiMargin),
    };
  });
  const displacements: MiningDisplacement[] = [
    ...leases.flatMap((lease) =>
      lease.displacesMiningMw === undefined
        ? []
        : [{ name: `${lease.tenant} (${lease.site})`, day: dayFromIso(lease.displacementDate ?? lease.startDate), mw: valueOf(lease.displacesMiningMw), weight: 1 }],
    ),
    ...company.hpc.pipeline.flatMap((item) =>
      item.displacesMiningMw === undefined
        ? []
        : [{ name: item.name, day: dayFromIso(item.displacementDate ?? item.expectedStart), mw: valueOf(item.displacesMiningMw), weight: valueOf(item.probability) }],
    ),
  ];
  return {
    ticker: company.ticker,
    fiscalYearEndMonth: Number(company.fiscalYearEnd.slice(0, 2)),
    energizedHashrateEhs: fleet.hashrateEhs.map((p) => ({ day: dayFromIso(p.date), value: valueOf(p.value as number) })),
    efficiencyJPerTh: fleet.efficiencyJPerTh.map((p) => ({ day: dayFromIso(p.date), value: valueOf(p.value as number) })),
    realization: valueOf(fleet.realization),
    curtailment: valueOf(fleet.curtailment),
    poolFee: valueOf(fleet.poolFee),
    powerPriceUsdPerMwh: valueOf(fleet.powerPriceUsdPerMwh),
    powerCreditsUsdPerQuarter: fleet.powerCreditsUsdPerQuarter === undefined ? 0 : valueOf(fleet.powerCreditsUsdPerQuarter),
    otherMiningCashCostsUsdPerQuarter: fleet.otherCashCostsUsdPerQuarter === undefined ? 0 : valueOf(fleet.otherCashCostsUsdPerQuarter),
    cashSgaUsdPerQuarter: company.corporate === undefined ? undefined : valueOf(company.corporate.cashSgaUsdPerQuarter),
    hpcContracts,
    displacements,
  };
}
