/**
 * The lease terms the cash-flow valuation reads off a company file (tenant credit and backstop, GPU-cloud gross MW,
 * opex and GPU capex, capex schedule, prepayment), and the methodology's cash-flow parameters of one kind of lease,
 * each with its source: the file path and citation or assumption, or the preset's path and source.
 */
import { valueOf, type CompanyFile } from '../schema/company.ts';
import type { HpcLeasesMethodology } from '../schema/methodology-leases.ts';
import { dayFromIso } from '../units/calendar-day.ts';
import type { Sourced } from '../valuation/explain.ts';
import type { CashFlowParameters, HpcKind, LeaseAsset } from '../valuation/hpc-lease-value.ts';

type Lease = CompanyFile['hpc']['leases'][number];
type Fig = (path: string, figure: number | { value: number } | undefined, fallback: number) => Sourced;

/** Where an object of the file (not a number) comes from: its citation, or its assumption. */
function provenanceText(
  file: string,
  path: string,
  item: { source?: string | undefined; assumption?: string | undefined; assumed?: string | undefined },
) {
  const note =
    item.source ?? ((item.assumption ?? item.assumed) ? `assumption: ${item.assumption ?? item.assumed}` : '');
  return `${file} ${path}${note ? `: ${note}` : ': no source given'}`;
}

export function leaseTermsFromFile(
  lease: Lease,
  at: string,
  file: string,
  fig: Fig,
): Pick<
  LeaseAsset,
  'tenantCredit' | 'grossMw' | 'otherOpexUsdPerItMwYear' | 'gpuCapexUsd' | 'capexSchedule' | 'prepayment'
> {
  const credit = lease.tenantCredit;
  const backstop = credit?.backstop;
  return {
    tenantCredit: credit && {
      class: credit.class,
      source: provenanceText(file, `${at}.tenantCredit`, credit),
      backstop: backstop && {
        guarantor: backstop.guarantor,
        amountUsd: valueOf(backstop.amountUsd),
        source: provenanceText(file, `${at}.tenantCredit.backstop`, backstop),
      },
    },
    grossMw: lease.grossMw === undefined ? undefined : fig(`${at}.grossMw`, lease.grossMw, 0),
    otherOpexUsdPerItMwYear:
      lease.otherOpexUsdPerItMwYear === undefined
        ? undefined
        : fig(`${at}.otherOpexUsdPerItMwYear`, lease.otherOpexUsdPerItMwYear, 0),
    gpuCapexUsd: lease.gpuCapexUsd === undefined ? undefined : fig(`${at}.gpuCapexUsd`, lease.gpuCapexUsd, 0),
    capexSchedule: lease.capexSchedule && {
      payments: lease.capexSchedule.map((p) => ({ day: dayFromIso(p.date), usd: valueOf(p.usd) })),
      source: provenanceText(file, `${at}.capexSchedule`, {
        source: lease.capexSchedule.find((p) => p.source)?.source,
        assumed: lease.assumed,
      }),
    },
    prepayment: lease.prepayment && {
      receipts: lease.prepayment.receipts.map((r) => ({ day: dayFromIso(r.date), usd: valueOf(r.usd) })),
      creditFromLeaseYear: lease.prepayment.creditFromLeaseYear,
      source: provenanceText(file, `${at}.prepayment`, lease.prepayment),
    },
  };
}

/** The preset's cash-flow parameters of `kind`, cited by path; undefined for a per-MW kind. */
export function cashFlowParameters(
  leases: HpcLeasesMethodology,
  kind: HpcKind,
  cite: (p: Sourced, path: string) => Sourced,
): CashFlowParameters | undefined {
  const method = leases[kind];
  const { baseRatePerYear, tenantCreditSpreadPerYear: spreads, capexMonthsBeforeStart } = leases;
  if (method.method !== 'cash-flow' || !baseRatePerYear || !spreads || !capexMonthsBeforeStart) return undefined;
  const optional = (p: Sourced | undefined, name: string) => p && cite(p, `hpc.leases.${kind}.${name}`);
  const spread = (c: keyof typeof spreads) => cite(spreads[c], `hpc.leases.tenantCreditSpreadPerYear.${c}`);
  return {
    baseRatePerYear: cite(baseRatePerYear, 'hpc.leases.baseRatePerYear'),
    creditSpreadPerYear: {
      'investment-grade': spread('investment-grade'),
      backstopped: spread('backstopped'),
      unrated: spread('unrated'),
    },
    capexMonthsBeforeStart: cite(capexMonthsBeforeStart, 'hpc.leases.capexMonthsBeforeStart'),
    renewalProbability: required(optional(method.renewalProbability, 'renewalProbability')),
    exitCapRate: required(optional(method.exitCapRate, 'exitCapRate')),
    reletNoiUsdPerItMwYear: optional(method.reletNoiUsdPerItMwYear, 'reletNoiUsdPerItMwYear'),
    gpuResidualShareOfCapex: optional(method.gpuResidualShareOfCapex, 'gpuResidualShareOfCapex'),
    gpuLifeYears: optional(method.gpuLifeYears, 'gpuLifeYears'),
  };
}

/** The schema requires these of a cash-flow method; a missing one is a bug upstream. */
function required(p: Sourced | undefined): Sourced {
  if (!p) throw new Error('a cash-flow lease method without its renewal probability or exit cap rate');
  return p;
}
