/**
 * Company estimates over reporting periods: one network span (history to the as-of day, then the deterministic
 * projection under a scenario) shared by every company, each company's days from its file, reported months in place
 * of modeled ones where they were public by the as-of date, then sums per period.
 */
import type { MarketFraming } from './framing.ts';
import { companyDays, type CompanyDays } from '../../company/company-days.ts';
import type { CompanyModel } from '../../company/company-model.ts';
import type { NetworkDays } from '../../company/network-days.ts';
import { periodEstimates, type PeriodEstimate } from '../../company/period-estimates.ts';
import { replaceWithReportedMonths, type ReportedMonth } from '../../company/reported-months.ts';
import { figureProvenance, type FigureProvenance } from '../../schema/company-provenance.ts';
import { valueOf } from '../../schema/company.ts';
import { InputError } from '../../schema/input-error.ts';
import { monthOfFigure, type ReportedFigure } from '../../schema/reported-figures.ts';
import type { CalendarPeriod } from '../../units/calendar-period.ts';
import { dayFromIso, isoFromDay, type DayNumber } from '../../units/calendar-day.ts';
import { companyModelFromFile } from '../../inputs/company-model-from-file.ts';
import type { LoadedCompany } from '../../inputs/loaded-files.ts';
import { companyAsOf, withheldWarning } from '../../inputs/point-in-time.ts';
import { networkSpan } from './network-span.ts';
import {
  costChecks,
  reconcileQuarters,
  walkForwardModel,
  type CostCheck,
  type QuarterReconciliation,
} from './company-checks.ts';
import { walkForwardRealization, type RealizationEstimate } from '../../company/walk-forward-realization.ts';
import type { AssumptionRecord, ProjectionInputs } from '../../inputs/projection-inputs.ts';
import type { ResultWarning } from '../../schema/result-envelope.ts';

/**
 * A reported month counts as known from this many days after it ends: monthly updates come out in the first week of
 * the next month, and the files carry no publication date (an assumption, stated in docs/methodology.md).
 */
export const REPORTED_MONTH_PUBLICATION_LAG_DAYS = 7;
/** Thirty years of days beyond the as-of date, as for network projections. */
const MAX_PROJECTED_DAYS = 10_958;
/** Days before the as-of date modeled for the walk-forward realization and the reconciliation. */
const CHECK_LOOKBACK_DAYS = 400;

export interface CompanyEstimate {
  loaded: LoadedCompany;
  model: CompanyModel;
  days: CompanyDays;
  periods: PeriodEstimate[];
  actuals: { month: ReportedMonth; figure: ReportedFigure }[];
  inputs: FigureProvenance[];
  /** The realization used after the as-of date and the months it came from (empty: the file's). */
  realization: RealizationEstimate;
  reconciliation: QuarterReconciliation[];
  costChecks: CostCheck[];
}

export interface EstimateRequest {
  framing: MarketFraming;
  companies: readonly LoadedCompany[];
  /** The periods to report for each company (they may differ, e.g. fiscal quarters). */
  periodsOf: (company: LoadedCompany) => CalendarPeriod[];
  /** Reported figures whose months replace modeled ones; none for the model alone. */
  reported: readonly ReportedFigure[];
  /** The input field that chose the periods, for errors. */
  periodField: string;
}

export interface EstimateRun {
  network: NetworkDays;
  projection: ProjectionInputs | undefined;
  companies: CompanyEstimate[];
  warnings: ResultWarning[];
  networkAssumptions: AssumptionRecord[];
}

export async function estimateCompanies(request: EstimateRequest): Promise<EstimateRun> {
  const { state, asOfDay } = request.framing;
  const { history } = state.snapshot;
  const periodsByCompany = request.companies.map((company) => request.periodsOf(company));
  const allPeriods = periodsByCompany.flat();
  // A year before the as-of date (for the walk-forward realization and the reconciliation) and the periods of the
  // reported costs are modeled too, within the data.
  const costDays = request.companies.flatMap((c) => c.company.fleet.reportedCosts.map((cost) => dayFromIso(cost.from)));
  const firstDay = Math.max(
    history.daily.firstDay,
    Math.min(...allPeriods.map((p) => p.startDay), asOfDay - CHECK_LOOKBACK_DAYS, ...costDays),
  ) as DayNumber;
  const firstPeriodDay = Math.min(...allPeriods.map((p) => p.startDay)) as DayNumber;
  const lastDay = (Math.max(...allPeriods.map((p) => p.endDayExclusive)) - 1) as DayNumber;
  if (firstPeriodDay < history.daily.firstDay) {
    throw InputError.at(
      [request.periodField],
      `the periods start before the data (${isoFromDay(history.daily.firstDay)})`,
    );
  }
  if (lastDay - asOfDay > MAX_PROJECTED_DAYS)
    throw InputError.at([request.periodField], 'the periods reach more than 30 years past the as-of date');

  const { network, projection } = await networkSpan({ ...request.framing, firstDay, lastDay });
  const warnings: ResultWarning[] = [...(projection?.warnings ?? [])];

  const companies = request.companies.map((written, index) => {
    const { loaded, withheld } = companyAsOf(written, asOfDay);
    const notPublic = withheldWarning(loaded.company.ticker, withheld);
    if (notPublic) warnings.push(notPublic);
    const candidates = reportedMonthsOf(loaded.company.ticker, request.reported, asOfDay);
    const known = candidates.map((c) => c.month);
    const { model, fullDays } = walkForwardModel(companyModelFromFile(loaded.company), network, known);
    const days = companyDays(model, network);
    const reconciliation = reconcileQuarters(days, fullDays, known);
    const applied = new Set(
      replaceWithReportedMonths(
        days,
        candidates.map((c) => c.month),
      ),
    );
    const periods = periodEstimates(days, periodsByCompany[index] as CalendarPeriod[], [...applied]);
    warnings.push(...companyWarnings(loaded, model, periods, asOfDay, index));
    return {
      loaded,
      model,
      days,
      periods,
      actuals: candidates.filter((c) => applied.has(c.month)),
      inputs: figureProvenance(loaded.raw).filter((figure) => USED_INPUT.test(figure.path)),
      realization: walkForwardRealization(fullDays, known, (asOfDay + 1) as DayNumber, model.realization),
      reconciliation,
      costChecks: costChecks(days, loaded.company),
    };
  });
  warnings.push(
    ...imputedFeeWarnings(
      network,
      companies.flatMap((c) => c.periods),
    ),
  );
  return { network, projection, companies, warnings, networkAssumptions: projection?.assumptions ?? [] };
}

/** The lease fields of the company file the estimate reads. */
const USED_LEASE_FIELDS =
  'criticalItMw|contractValueUsd|usdPerKwMonth|termYears|escalatorPerYear|noiMargin|grossMw|otherOpexUsdPerItMwYear|' +
  'displacesMiningMw';
/** The company-file figures the estimate reads. */
const USED_INPUT = new RegExp(String.raw`^(fleet\.|hpc\.leases\[\d+\]\.(${USED_LEASE_FIELDS})$|corporate\.)`);

/** The company's reported monthly production that was public by the as-of date. */
function reportedMonthsOf(
  ticker: string,
  figures: readonly ReportedFigure[],
  asOfDay: DayNumber,
): { month: ReportedMonth; figure: ReportedFigure }[] {
  return figures
    .filter((figure) => figure.company === ticker && figure.metric === 'btc_produced')
    .map((figure) => {
      const period = monthOfFigure(figure);
      return {
        month: {
          month: figure.period,
          startDay: period.startDay,
          endDayExclusive: period.endDayExclusive,
          btcProduced: figure.value,
        },
        figure,
      };
    })
    .filter(({ month }) => month.endDayExclusive - 1 + REPORTED_MONTH_PUBLICATION_LAG_DAYS <= asOfDay)
    .sort((a, b) => a.month.startDay - b.month.startDay);
}

function companyWarnings(
  loaded: LoadedCompany,
  model: CompanyModel,
  periods: PeriodEstimate[],
  asOfDay: DayNumber,
  index: number,
): ResultWarning[] {
  const { company } = loaded;
  const warnings: ResultWarning[] = [];
  const field = `companies[${index}]`;
  if (dayFromIso(company.asOf) > asOfDay) {
    warnings.push({
      code: 'company-file-after-as-of',
      message:
        `${loaded.file} describes ${company.ticker} as of ${company.asOf}, ` +
        `after the as-of date ${isoFromDay(asOfDay)}: its figures may hold later knowledge.`,
      field,
    });
  }
  const firstPoint = model.energizedHashrateEhs[0];
  periods.forEach((period, p) => {
    if (!period.capacityKnown) {
      warnings.push({
        code: 'capacity-unknown',
        message:
          `${company.ticker} ${period.period}: ` +
          `the file's hashrate history starts ${isoFromDay(firstPoint?.day as DayNumber)}; ` +
          'figures that need the days before it are n/a.',
        field: `${field}.periods[${p}]`,
      });
    }
  });
  company.hpc.pipeline.forEach((item) => {
    if (item.displacesMiningMw === undefined) return;
    warnings.push({
      code: 'pipeline-displacement-not-applied',
      message:
        `${company.ticker}: pipeline project "${item.name}" would take over ${valueOf(item.displacesMiningMw)} MW ` +
        `of mining from ${item.displacementDate ?? item.expectedStart}; ` +
        'estimates count contracted leases only, so its hashrate keeps mining here.',
      field: `${field}.periods`,
    });
  });
  if (model.cashSgaUsdPerQuarter === undefined) {
    warnings.push({
      code: 'no-sga',
      message:
        `${company.ticker}: the file gives no cash SG&A (corporate.cashSgaUsdPerQuarter), ` +
        'so adjusted EBITDA equals gross profit.',
      field: `${field}.periods`,
    });
  }
  return warnings;
}

/** One warning per period whose history days include days with imputed fees. */
function imputedFeeWarnings(network: NetworkDays, periods: readonly PeriodEstimate[]): ResultWarning[] {
  const seen = new Set<string>();
  const warnings: ResultWarning[] = [];
  for (const period of periods) {
    const from = period.startDay - network.firstDay;
    const to = Math.min(period.endDayExclusive - network.firstDay, network.firstProjectedIndex);
    let imputed = 0;
    for (let i = from; i < to; i++) imputed += network.feesImputed[i] as number;
    const key = `${period.period} ${period.startDay}`;
    if (imputed === 0 || seen.has(key)) continue;
    seen.add(key);
    warnings.push({
      code: 'fees-imputed',
      message:
        `${period.period}: ${imputed} of its history days have imputed fees ` +
        '(the data has none for them; the trailing 28-day mean is used).',
      field: 'companies',
    });
  }
  return warnings;
}
