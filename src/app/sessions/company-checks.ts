/**
 * What a desk checks beside its estimates: production with the realization estimated walk-forward (each month from
 * the reported months before it, src/company/walk-forward-realization.ts); each reported quarter reconciled to the
 * model; and modeled unit costs beside the company's last reported ones.
 */
import { companyDays, type CompanyDays } from '../../company/company-days.ts';
import type { CompanyModel, DatedValue } from '../../company/company-model.ts';
import type { NetworkDays } from '../../company/network-days.ts';
import { periodEstimates } from '../../company/period-estimates.ts';
import type { ReportedMonth } from '../../company/reported-months.ts';
import { walkForwardRealization } from '../../company/walk-forward-realization.ts';
import type { CompanyFile } from '../../schema/company.ts';
import { dayFromIso, type DayNumber } from '../../units/calendar-day.ts';
import { periodContaining } from '../../units/calendar-period.ts';

export interface QuarterReconciliation {
  quarter: string;
  modeledBtc: number;
  reportedBtc: number;
  differencePct: number;
  /** Realization the model used (mean of the quarter's months) and the one the reported BTC implies. */
  modeledRealization: number;
  impliedRealization: number;
  why: string;
}

export interface CostCheck {
  metric: string;
  from: string;
  to: string;
  modeledUsd: number;
  reportedUsd: number;
  source: string;
}

/** The model with its realization estimated walk-forward at every month start of the network span. */
export function walkForwardModel(
  model: CompanyModel,
  network: NetworkDays,
  known: readonly ReportedMonth[],
): { model: CompanyModel; fullDays: CompanyDays } {
  const fullDays = companyDays({ ...model, realization: 1, realizationSteps: [] }, network);
  const steps: DatedValue[] = [];
  let day = network.firstDay;
  const end = network.firstDay + network.dayCount;
  while (day < end) {
    const month = periodContaining(day, 'month');
    steps.push({
      day: month.startDay,
      value: walkForwardRealization(fullDays, known, month.startDay, model.realization).realization,
    });
    day = month.endDayExclusive;
  }
  return { model: { ...model, realizationSteps: steps }, fullDays };
}

/** Each calendar quarter of the span whose three months were all reported (and public): modeled vs reported. */
export function reconcileQuarters(
  modeled: CompanyDays,
  fullDays: CompanyDays,
  known: readonly ReportedMonth[],
): QuarterReconciliation[] {
  const rows: QuarterReconciliation[] = [];
  const quarters = new Map<string, ReportedMonth[]>();
  for (const month of known) {
    const quarter = periodContaining(month.startDay, 'quarter');
    quarters.set(quarter.label, [...(quarters.get(quarter.label) ?? []), month]);
  }
  for (const [label, months] of quarters) {
    if (months.length !== 3) continue;
    const from = Math.min(...months.map((m) => m.startDay)) - modeled.firstDay;
    const to = Math.max(...months.map((m) => m.endDayExclusive)) - modeled.firstDay;
    if (from < 0 || to > modeled.dayCount) continue;
    let btc = 0;
    let full = 0;
    let venture = 0;
    for (let i = from; i < to; i++) {
      btc += (modeled.btcMined[i] as number) + (modeled.jointVentureBtc[i] as number);
      full += fullDays.btcMined[i] as number;
      venture += fullDays.jointVentureBtc[i] as number;
    }
    if (Number.isNaN(btc)) continue;
    const reported = months.reduce((sum, m) => sum + m.btcProduced, 0);
    const modeledRealization = (btc - venture) / full;
    const impliedRealization = (reported - venture) / full;
    rows.push({
      quarter: label,
      modeledBtc: btc,
      reportedBtc: reported,
      differencePct: ((btc - reported) / reported) * 100,
      modeledRealization,
      impliedRealization,
      why:
        `realization ${modeledRealization.toFixed(3)} estimated from earlier months against ` +
        `${impliedRealization.toFixed(3)} implied by the reported BTC (downtime, curtailment, pool luck, ` +
        'capacity timing between dated points)' +
        (venture > 0 ? `; includes ${venture.toFixed(0)} BTC of joint-venture capacity` : ''),
    });
  }
  return rows.sort((a, b) => a.quarter.localeCompare(b.quarter));
}

/** Modeled unit costs over each reported figure's period, beside the figure. */
export function costChecks(days: CompanyDays, company: CompanyFile): CostCheck[] {
  return company.fleet.reportedCosts.flatMap((cost) => {
    const startDay = dayFromIso(cost.from);
    const endDayExclusive = (dayFromIso(cost.to) + 1) as DayNumber;
    if (startDay < days.firstDay || endDayExclusive > days.firstDay + days.dayCount) return [];
    const [p] = periodEstimates(days, [{ label: `${cost.from}:${cost.to}`, startDay, endDayExclusive }], []);
    if (!p) return [];
    const modeledUsd = {
      'cash-cost-per-ph-day': p.hashcostUsdPerPhDay,
      'power-cost-per-btc': p.powerCostPerBtcUsd,
      'cash-cost-per-btc': p.cashCostPerBtcUsd,
      'fully-loaded-cost-per-btc':
        p.btcMined > 0 ? (p.netPowerCostUsd + p.otherMiningCashCostsUsd + p.cashSgaUsd) / p.btcMined : NaN,
    }[cost.metric];
    return [
      {
        metric: cost.metric,
        from: cost.from,
        to: cost.to,
        modeledUsd,
        reportedUsd: cost.valueUsd,
        source: cost.source,
      },
    ];
  });
}
