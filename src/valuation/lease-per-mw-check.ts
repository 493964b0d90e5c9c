/**
 * A signed MW against an unsigned one (issue 18): a contracted lease valued on its cash flows, per critical-IT MW and
 * before delivery probability and ownership, beside the methodology's pipeline equity $/MW of the same kind (also
 * before probability). A signed MW may be worth less only for a stated reason: the check names the parts of the
 * lease's present value per MW — largest cost first — and the term, the terminal value and the discount rate, which
 * the pipeline's perpetual NOI ÷ cap rate − build cost does not have.
 */
import type { Sourced } from './explain.ts';
import { CASH_FLOW_PARTS, type CashFlowPart, type LeaseCashFlows } from './lease-cash-flows.ts';

export interface PerMwCheck {
  leaseUsdPerItMw: number;
  pipelineUsdPerItMw: Sourced;
  /** True when the signed MW is worth less than the unsigned one. */
  below: boolean;
  /** The parts' present values per IT MW and the conventions behind the gap (empty when not below). */
  reason: string;
}

export function perMwCheck(
  kind: 'colocation' | 'cloud',
  criticalItMw: number,
  flows: LeaseCashFlows,
  pipeline: Sourced,
  discountRatePerYear: number,
  termYears: number,
): PerMwCheck {
  const perMw = (usd: number) => usd / criticalItMw;
  const leaseUsdPerItMw = perMw(flows.valueUsd);
  const below = leaseUsdPerItMw < pipeline.value;
  const m = (usd: number) => `${usd < 0 ? '−' : ''}$${(Math.abs(usd) / 1e6).toFixed(1)}M`;
  const parts = CASH_FLOW_PARTS.filter((p) => flows.pvUsd[p] !== 0)
    .map((p): [CashFlowPart, number] => [p, perMw(flows.pvUsd[p])])
    .sort((a, b) => a[1] - b[1]);
  const reason = below
    ? `signed ${kind} MW worth ${m(leaseUsdPerItMw)} per IT MW < pipeline ${m(pipeline.value)} (${pipeline.source}): ` +
      `present value per IT MW of ${parts.map(([p, v]) => `${p} ${m(v)}`).join(', ')}; ` +
      `a ${termYears.toFixed(1)}-year term discounted at ${(discountRatePerYear * 100).toFixed(2)}%, then only ` +
      `the terminal value, where the pipeline figure capitalizes NOI in perpetuity less the build cost`
    : '';
  return { leaseUsdPerItMw, pipelineUsdPerItMw: pipeline, below, reason };
}
