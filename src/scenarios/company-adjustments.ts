/**
 * Company-level adjustments a scenario, a sensitivity or an implied-value solve applies on top of the company files
 * and the methodology (DESIGN.md §7). Each is a value of a named input; where the input stands for several numbers
 * (the cloud and colocation $/MW, each pipeline item's probability) they move in proportion, so that the input's
 * base value leaves the state unchanged.
 */
import type { CompanyModel } from '../company/company-model.ts';
import type { Sourced } from '../valuation/explain.ts';
import type { CompanyInputsBeforeDays, SitedPipelineItem } from '../valuation/sum-of-parts.ts';
import { placeSignedDeal, signedDealCapacity } from './signed-capacity.ts';

export interface CompanyAdjustments {
  /** All-in mining power price, USD/MWh. */
  powerPriceUsdPerMwh?: number;
  /** Equity USD per critical-IT MW of colocation for this company; cloud moves in proportion. */
  hpcEquityUsdPerItMw?: number;
  /** Mean pipeline deal probability (weighted by critical-IT MW); each item moves in proportion, at most 1. */
  dealProbability?: number;
  /** Exit cap rate of colocation leases valued by their cash flows (the terminal value at the end of the term). */
  capRate?: number;
  hodlPremium?: number;
  /**
   * HPC MW (critical IT) signed at the company's undeveloped sites, as colocation deals certain to happen, placed
   * where the site ledger has room (signed-capacity.ts).
   */
  signedUndevelopedMw?: number;
}

export const SIGNED_DEAL_NAME = 'Hypothetical colocation deal signed at undeveloped sites';

export function adjustCompanyModel(model: CompanyModel, adjustments: CompanyAdjustments): CompanyModel {
  return adjustments.powerPriceUsdPerMwh === undefined
    ? model
    : { ...model, powerPriceUsdPerMwh: adjustments.powerPriceUsdPerMwh };
}

export function adjustValuationInputs<Inputs extends CompanyInputsBeforeDays>(
  inputs: Inputs,
  adjustments: CompanyAdjustments,
  why: string,
): Inputs {
  let next = inputs;
  const { parameters } = next;
  if (adjustments.hpcEquityUsdPerItMw !== undefined) {
    const scale = adjustments.hpcEquityUsdPerItMw / parameters.pipelineEquityUsdPerItMw.colocation.value;
    const scaled = (p: Sourced) => ({
      value: p.value * scale,
      source: `${why} (× ${scale.toFixed(4)} of ${p.source})`,
    });
    const leases = { ...parameters.leases };
    for (const kind of ['colocation', 'cloud'] as const) {
      const method = leases[kind];
      if (method.equityUsdPerItMw) leases[kind] = { ...method, equityUsdPerItMw: scaled(method.equityUsdPerItMw) };
    }
    next = {
      ...next,
      parameters: {
        ...parameters,
        leases,
        pipelineEquityUsdPerItMw: {
          colocation: scaled(parameters.pipelineEquityUsdPerItMw.colocation),
          cloud: scaled(parameters.pipelineEquityUsdPerItMw.cloud),
        },
      },
    };
  }
  if (adjustments.dealProbability !== undefined) {
    const base = meanDealProbability(next.pipeline);
    const scale = base > 0 ? adjustments.dealProbability / base : 0;
    next = {
      ...next,
      pipeline: next.pipeline.map((item) => ({
        ...item,
        probability: {
          value:
            base > 0 ? Math.min(1, item.probability.value * scale) : Math.min(1, adjustments.dealProbability as number),
          source: why,
        },
      })),
    };
  }
  const colocationCashFlow = next.parameters.leases.colocation.cashFlow;
  if (adjustments.capRate !== undefined && colocationCashFlow) {
    const colocation = next.parameters.leases.colocation;
    next = {
      ...next,
      parameters: {
        ...next.parameters,
        leases: {
          ...next.parameters.leases,
          colocation: {
            ...colocation,
            cashFlow: { ...colocationCashFlow, exitCapRate: { value: adjustments.capRate, source: why } },
          },
        },
      },
    };
  }
  if (adjustments.hodlPremium !== undefined) {
    next = { ...next, treasury: { ...next.treasury, hodlPremium: { value: adjustments.hodlPremium, source: why } } };
  }
  if (adjustments.signedUndevelopedMw !== undefined && adjustments.signedUndevelopedMw > 0) {
    // Placed where the site ledger has room (signed-capacity.ts): most room first, never stacked past a site's MW
    // while another eligible site has room.
    const placed = placeSignedDeal(signedDealCapacity(next), adjustments.signedUndevelopedMw);
    const deals: SitedPipelineItem[] = placed.map((part) => ({
      name: SIGNED_DEAL_NAME,
      kind: 'colocation',
      site: part.site,
      criticalItMw: { value: part.itMw, source: why },
      probability: { value: 1, source: `${why}: signed` },
      ownership: {
        value: part.ownership,
        source: part.site ? `site ${part.site}` : 'no undeveloped site: wholly owned',
      },
      // Valued as starting now: the implied MW are read as a deal in place, built at the site's stage risk.
      expectedStartDay: next.valuationDay,
      buildProbability:
        next.parameters.pipelineBuildProbability[next.sites.find((s) => s.name === part.site)?.stage ?? 'undeveloped'],
    }));
    next = { ...next, pipeline: [...next.pipeline, ...deals] };
  }
  return next;
}

/** Pipeline deal probability weighted by critical-IT MW (0 without pipeline). */
export function meanDealProbability(pipeline: readonly SitedPipelineItem[]): number {
  let mw = 0;
  let weighted = 0;
  for (const item of pipeline) {
    mw += item.criticalItMw.value;
    weighted += item.criticalItMw.value * item.probability.value;
  }
  return mw > 0 ? weighted / mw : 0;
}
