/**
 * Contracted HPC leases (DESIGN.md §6; docs/methodology.md "HPC lease valuation"), each by one of two methods, times
 * delivery probability and ownership:
 * - cash-flow: the present value of the lease's own cash flows over its term (src/valuation/lease-cash-flows.ts:
 *   rent with escalator and ramp, opex, capex on its schedule, prepayment, terminal value at the exit cap rate ×
 *   renewal probability, GPU residual and refresh for cloud), discounted at the methodology's base rate plus the
 *   credit spread of the tenant's class (investment-grade, backstopped, unrated);
 * - per-mw: critical-IT MW × equity USD per MW (the published J.P. Morgan layer, capex inside the multiple).
 * A signed lease worth less per IT MW than the methodology's pipeline equity $/MW of its kind says why (perMwCheck).
 * Critical-IT MW are the leased MW; the site ledger converts them to gross MW.
 */
import type { HpcContract } from '../company/company-model.ts';
import { DAYS_PER_YEAR } from '../company/hpc-revenue.ts';
import type { DayNumber } from '../units/calendar-day.ts';
import { input, type Explain, type ExplainInput, type Sourced } from './explain.ts';
import { leaseCashFlows, type DatedUsd, type LeaseCashFlows } from './lease-cash-flows.ts';
import { perMwCheck, type PerMwCheck } from './lease-per-mw-check.ts';

export type HpcKind = 'colocation' | 'cloud';
export type LeaseMethod = 'cash-flow' | 'per-mw';
export type TenantCredit = 'investment-grade' | 'backstopped' | 'unrated';

export interface TenantCreditInput {
  class: TenantCredit;
  source: string;
  /** A third party's guarantee of the tenant's lease payments (e.g. Google's of Fluidstack), up to an amount. */
  backstop?: { guarantor: string; amountUsd: number; source: string } | undefined;
}

export interface LeaseAsset {
  name: string;
  kind: HpcKind;
  criticalItMw: Sourced;
  contract: HpcContract;
  /** Facility capex still to spend (cloud: excluding the GPUs). */
  remainingCapexUsd: Sourced;
  deliveryProbability: Sourced;
  ownership: Sourced;
  /** Unrated when not given. */
  tenantCredit?: TenantCreditInput | undefined;
  /** Gross MW the lease draws (IT MW × the site's gross/IT ratio); cloud power is paid on it. */
  grossMw?: Sourced | undefined;
  /** Cloud: the site's power price, other opex per IT MW-year and GPU capex. */
  powerPriceUsdPerMwh?: Sourced | undefined;
  otherOpexUsdPerItMwYear?: Sourced | undefined;
  gpuCapexUsd?: Sourced | undefined;
  capexSchedule?: { payments: readonly DatedUsd[]; source: string } | undefined;
  prepayment?: { receipts: readonly DatedUsd[]; creditFromLeaseYear: number; source: string } | undefined;
  /**
   * Share of the lease's capacity lost to a power-policy rule (0 by default). It scales a positive value down; a lease
   * worth less than its remaining capex keeps its (negative) value, as the capex is committed.
   */
  forfeitedShare?: number | undefined;
}

/** The methodology's cash-flow parameters of one kind of lease (rates per year, shares as fractions). */
export interface CashFlowParameters {
  baseRatePerYear: Sourced;
  creditSpreadPerYear: Record<TenantCredit, Sourced>;
  renewalProbability: Sourced;
  exitCapRate: Sourced;
  capexMonthsBeforeStart: Sourced;
  /** GPU cloud: NOI per IT MW-year of the halls re-let at the end of the term, GPU residual share and life. */
  reletNoiUsdPerItMwYear?: Sourced | undefined;
  gpuResidualShareOfCapex?: Sourced | undefined;
  gpuLifeYears?: Sourced | undefined;
}

export interface LeaseParameters {
  method: LeaseMethod;
  cashFlow?: CashFlowParameters | undefined;
  equityUsdPerItMw?: Sourced | undefined;
}

export interface LeaseValue {
  name: string;
  kind: HpcKind;
  method: LeaseMethod;
  criticalItMw: number;
  /** Before delivery probability and ownership. */
  grossValueUsd: number;
  valueUsd: number;
  /** The cash-flow method's discount rate (base + the tenant's credit spread) and schedule. */
  discountRatePerYear?: number | undefined;
  cashFlows?: LeaseCashFlows | undefined;
  perMwCheck?: PerMwCheck | undefined;
  explain: Explain;
}

export function leaseValue(
  lease: LeaseAsset,
  parameters: LeaseParameters,
  valuationDay: DayNumber,
  pipelineEquityUsdPerItMw?: Sourced,
): LeaseValue {
  const { contract } = lease;
  const weight = lease.deliveryProbability.value * lease.ownership.value;
  const kept = 1 - (lease.forfeitedShare ?? 0);
  const common = [
    input('delivery probability', lease.deliveryProbability, 'fraction'),
    input('ownership', lease.ownership, 'fraction'),
  ];
  const done = (
    grossValueUsd: number,
    formula: string,
    inputs: Explain['inputs'],
    extra: Partial<LeaseValue> = {},
  ): LeaseValue => ({
    name: lease.name,
    kind: lease.kind,
    method: parameters.method,
    criticalItMw: lease.criticalItMw.value,
    grossValueUsd,
    valueUsd: grossValueUsd * weight * (grossValueUsd > 0 ? kept : 1),
    ...extra,
    explain: {
      formula: `(${formula}) × delivery probability × ownership${kept < 1 ? ' × share not forfeited' : ''}`,
      inputs: [
        ...inputs,
        ...common,
        ...(kept < 1
          ? [{ name: 'share not forfeited (power policy)', value: kept, unit: 'fraction', source: 'power-policy rule' }]
          : []),
      ],
    },
  });
  if (contract.endDayExclusive <= valuationDay + 1) return done(0, 'the term has ended', []);

  if (parameters.method === 'per-mw') {
    const perMw = required(parameters.equityUsdPerItMw, 'equityUsdPerItMw', parameters.method);
    return done(lease.criticalItMw.value * perMw.value, 'critical-IT MW × equity USD per MW', [
      input('critical-IT MW', lease.criticalItMw, 'MW'),
      input('equity per critical-IT MW', perMw, 'USD/MW'),
    ]);
  }

  const p = required(parameters.cashFlow, 'cashFlow', parameters.method);
  const cloud = lease.kind === 'cloud';
  const credit = lease.tenantCredit ?? { class: 'unrated', source: 'not in the company file: unrated' };
  const spread = p.creditSpreadPerYear[credit.class];
  const rate = p.baseRatePerYear.value + spread.value;
  const cloudParameter = (parameter: Sourced | undefined, name: string): Sourced =>
    cloud ? required(parameter, name, 'cash-flow (cloud)') : { value: 0, source: 'colocation: not used' };
  const grossMw = lease.grossMw ?? lease.criticalItMw;
  const power = cloudParameter(lease.powerPriceUsdPerMwh, 'powerPriceUsdPerMwh');
  const otherOpex = cloudParameter(lease.otherOpexUsdPerItMwYear, 'otherOpexUsdPerItMwYear');
  const gpuCapex = lease.gpuCapexUsd ?? { value: 0, source: 'no GPU capex in the company file' };
  const relet = cloudParameter(p.reletNoiUsdPerItMwYear, 'reletNoiUsdPerItMwYear');
  const residual = cloudParameter(p.gpuResidualShareOfCapex, 'gpuResidualShareOfCapex');
  const gpuLife = cloudParameter(p.gpuLifeYears, 'gpuLifeYears');
  const flows = leaseCashFlows(
    {
      kind: lease.kind,
      contract,
      criticalItMw: lease.criticalItMw.value,
      grossMw: grossMw.value,
      facilityCapexUsd: lease.remainingCapexUsd.value,
      gpuCapexUsd: gpuCapex.value,
      capexSchedule: lease.capexSchedule?.payments,
      prepayment: lease.prepayment,
      powerPriceUsdPerMwh: power.value,
      otherOpexUsdPerItMwYear: otherOpex.value,
      discountRatePerYear: rate,
      renewalProbability: p.renewalProbability.value,
      exitCapRate: p.exitCapRate.value,
      capexMonthsBeforeStart: p.capexMonthsBeforeStart.value,
      reletNoiUsdPerItMwYear: relet.value,
      gpuResidualShareOfCapex: residual.value,
      gpuLifeYears: gpuLife.value,
    },
    valuationDay,
  );
  const termYears = (contract.endDayExclusive - contract.startDay) / DAYS_PER_YEAR;
  const backstop = credit.backstop;
  const inputs: ExplainInput[] = [
    {
      name: 'first-year rent at full capacity',
      value: contract.firstYearRentUsdPerDay * DAYS_PER_YEAR,
      unit: 'USD/yr',
      source: 'company file (contract value or USD per kW-month, term, ramp, escalator)',
    },
    { name: 'term', value: termYears, unit: 'years', source: 'company file termYears' },
    { name: 'escalator', value: contract.escalatorPerYear, unit: 'per year', source: 'company file escalatorPerYear' },
    ...(cloud
      ? [
          input('gross MW (power is paid on it)', grossMw, 'MW'),
          input('power price', power, 'USD/MWh'),
          input('other opex', otherOpex, 'USD per IT MW-yr'),
          input('GPU capex (bought again at each GPU life inside the term)', gpuCapex, 'USD'),
          input('GPU life', gpuLife, 'years'),
          input('GPU residual at the end of the term', residual, 'share of GPU capex'),
          input('re-let NOI of the halls after the term', relet, 'USD per IT MW-yr'),
        ]
      : [{ name: 'NOI margin', value: contract.noiMargin, unit: 'fraction', source: 'company file noiMargin' }]),
    input(cloud ? 'remaining facility capex' : 'remaining capex', lease.remainingCapexUsd, 'USD'),
    lease.capexSchedule
      ? {
          name: 'capex schedule (payments)',
          value: lease.capexSchedule.payments.length,
          unit: 'count',
          source: lease.capexSchedule.source,
        }
      : input('capex spread evenly over the months before the start', p.capexMonthsBeforeStart, 'months'),
    ...(lease.prepayment
      ? [
          {
            name: `prepayment, credited against rent from lease year ${lease.prepayment.creditFromLeaseYear}`,
            value: lease.prepayment.receipts.reduce((sum, r) => sum + r.usd, 0),
            unit: 'USD',
            source: lease.prepayment.source,
          },
        ]
      : []),
    input('renewal probability at the end of the term', p.renewalProbability, 'fraction'),
    input('exit cap rate', p.exitCapRate, 'per year'),
    input('base rate', p.baseRatePerYear, 'per year'),
    input(`credit spread, tenant ${credit.class} (${credit.source})`, spread, 'per year'),
    ...(backstop
      ? [{ name: `backstop by ${backstop.guarantor}`, value: backstop.amountUsd, unit: 'USD', source: backstop.source }]
      : []),
    { name: 'discount rate r = base rate + credit spread', value: rate, unit: 'per year', source: 'computed' },
  ];
  const formula =
    'Σ over the term of (rent − opex − capex ± prepayment) × (1 + r)^−t + terminal × (1 + r)^−T' +
    (cloud ? ' + GPU residual × (1 + r)^−T' : '') +
    `; terminal = renewal probability × ${cloud ? 'IT MW × re-let NOI' : 'final-year NOI'} ÷ exit cap rate`;
  const check = pipelineEquityUsdPerItMw
    ? perMwCheck(lease.kind, lease.criticalItMw.value, flows, pipelineEquityUsdPerItMw, rate, termYears)
    : undefined;
  return done(flows.valueUsd, formula, inputs, { discountRatePerYear: rate, cashFlows: flows, perMwCheck: check });
}

function required(parameter: Sourced | undefined, name: string, method: string): Sourced;
function required<T>(parameter: T | undefined, name: string, method: string): T;
function required<T>(parameter: T | undefined, name: string, method: string): T {
  if (parameter === undefined) throw new RangeError(`the ${method} method needs ${name}`);
  return parameter;
}
