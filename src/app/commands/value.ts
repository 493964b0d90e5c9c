/**
 * `rerate value TICKER`: the full bridge from each part of the sum to the price target, every parameter and its
 * source.
 */
import { valueFigures } from '../runs/run-figures.ts';
import { valueInputSchema } from '../../schema/valuation-inputs.ts';
import { valueSchema, type ValueResult } from '../../schema/valuation.ts';
import { input } from '../../valuation/explain.ts';
import type { CompanyValuation } from '../../valuation/sum-of-parts.ts';
import { valueTextView } from './value-text.ts';
import { defineCommand } from '../command.ts';
import { InputError } from '../../schema/input-error.ts';
import type { ValuationInputName } from '../../schema/valuation-inputs.ts';
import type { ValuationOptions } from '../sessions/valuation-session.ts';
import type { ResultWarning } from '../../schema/result-envelope.ts';
import { combineOptions, openValuationSession, VALUATION_INPUTS } from '../sessions/open-valuation-session.ts';
import { companyHeadline } from '../sessions/valuation-views.ts';
import { conventionsOf } from '../../inputs/methodology-conventions.ts';
import { capitalResult } from '../sessions/capital-view.ts';

export const valueCommand = defineCommand({
  name: 'value',
  summary: 'The sum-of-the-parts bridge to one company’s price target, with every input and its source',
  description:
    'Each part (mining, power and land, HPC leases, HPC pipeline, BTC treasury), cash, debt and the convertibles ' +
    'solved with the target, per share; the site ledger (which MW are valued as what), the leases and pipeline ' +
    'items one by one, and the formula and inputs of each part with their sources (company-file paths and ' +
    'citations, methodology parameters).',
  examples: [
    'rerate value IREN',
    'rerate value RIOT --methodology jpm-2025-11 --json',
    'rerate value CIFR --scenario base,ercot-use-it-or-lose-it',
    'rerate value CIFR --set btc-price=90000,deal-probability=0.6,hodl-premium=0.1',
  ],
  http: { heavy: true },
  inputSchema: valueInputSchema,
  savedRun: { figures: valueFigures },
  outputSchema: valueSchema,
  async run(flags, ports) {
    const opened = await openValuationSession(flags, ports);
    const settings = flags.set ?? [];
    const loaded = await ports.coverage.load(flags.target, 'target');
    if (settings.length > 0) {
      // An input the company does not have (cap-rate without a colocation lease) would change nothing: refused, as
      // tornado leaves it out.
      const base = await opened.session.value(loaded);
      for (const { input } of settings) {
        const reason = VALUATION_INPUTS[input].base(base, opened);
        if (typeof reason === 'string')
          throw InputError.at(['set'], `${input} does not apply to ${loaded.company.ticker}: ${reason}`);
      }
    }
    const valued = await opened.session.value(loaded, optionsOfSettings(settings));
    const { valuation: v, inputs } = valued;
    const capital = capitalResult(valued);
    const shares = v.perShare.dilutedShares;
    const line = (part: string, valueUsd: number, explain: ValueResult['bridge'][number]['explain']) => ({
      part,
      valueUsd,
      perShareUsd: valueUsd / shares,
      explain,
    });
    const sum = (formula: string, items: { name: string; valueUsd: number }[]) => ({
      formula,
      inputs: items.map((i) => ({ name: i.name, value: i.valueUsd, unit: 'USD', source: 'item below' })),
    });
    const results: ValueResult = {
      ...opened.framing,
      company: companyHeadline(valued),
      bridge: [
        line('Mining', v.mining.valueUsd, v.mining.explain),
        line('Corporate cash SG&A', -v.corporate.costUsd, v.corporate.explain),
        line('Power and land', v.powerLand.valueUsd, v.powerLand.explain),
        line(
          'HPC leases',
          v.leasesUsd,
          sum(
            'Σ leases',
            v.leases.map((l) => ({ name: l.name, valueUsd: l.valueUsd })),
          ),
        ),
        line(
          'HPC pipeline',
          v.pipelineUsd,
          sum(
            'Σ pipeline items',
            v.pipeline.map((p) => ({ name: p.name, valueUsd: p.valueUsd })),
          ),
        ),
        line(`Roll-forward to ${opened.framing.targetDate}`, v.rollForward.valueUsd, v.rollForward.explain),
        line('BTC treasury', v.treasury.valueUsd, v.treasury.explain),
        line('Cash', v.cashUsd, {
          formula: 'cash at the balance-sheet date, rolled forward through the financing public by the as-of date',
          inputs: [input('cash', inputs.cashUsd, 'USD')],
        }),
        line('Debt (not convertible)', -v.straightDebtUsd, {
          formula: 'Σ principal',
          inputs: inputs.straightDebt.map((d) => ({
            name: d.name,
            value: d.principalUsd,
            unit: 'USD',
            source: d.source,
          })),
        }),
        line('Other claims', -v.otherClaimsUsd, {
          formula: 'other claims on the equity',
          inputs: [input('other claims', inputs.otherClaimsUsd, 'USD')],
        }),
        line('Convertibles: debt or bond floor', -v.perShare.convertibleDebtUsd, {
          formula:
            v.perShare.convertibleOptionUsd > 0 || capital.convention.name === 'bond-floor-plus-option'
              ? 'Σ bond floors: coupons and principal discounted at risk-free + credit spread'
              : 'principal of each convertible counted as debt at the target (the others count as shares)',
          inputs: capital.convertibles
            .filter((c) => c.debtUsd > 0)
            .map((c) => ({ name: c.name, value: c.debtUsd, unit: 'USD', source: 'company file balanceSheet.debt' })),
        }),
        ...(capital.convention.name === 'bond-floor-plus-option'
          ? [
              line('Convertibles: conversion option', -v.perShare.convertibleOptionUsd, {
                formula: 'Σ N × Black–Scholes call on the target, struck at K, less the capped call (K → cap)',
                inputs: capital.convertibles.map((c) => ({
                  name: c.name,
                  value: c.optionUsd,
                  unit: 'USD',
                  source: capital.convention.source,
                })),
              }),
            ]
          : []),
        // When the parts do not cover the claims the target is 0: this line closes the bridge to it.
        ...(v.perShare.floored
          ? [
              line('Shortfall (target floored at 0)', v.perShare.equityValueUsd - bridgeTotal(v), {
                formula: 'the claims exceed the parts: the equity is worth 0, not less',
                inputs: [],
              }),
            ]
          : []),
        line('Equity value', v.perShare.equityValueUsd, {
          formula: 'the sum of the lines above = target × diluted shares',
          inputs: [],
        }),
      ],
      mining: {
        btcMined: v.mining.btcMined,
        revenueUsd: v.mining.revenueUsd,
        cashCostUsd: v.mining.cashCostUsd,
        operatingEhsAtStart: v.mining.operatingEhsAtStart,
        ledgerMiningMw: v.miningMw,
      },
      sites: v.ledger.rows.map((row, i) => ({
        site: row.site.name,
        stage: row.site.stage,
        grossMw: row.site.grossMw,
        hpcGrossMw: row.hpcGrossMw,
        miningMw: row.miningMw,
        powerAndLandMw: v.powerLand.sites[i]?.mw ?? 0,
        valueUsd: v.powerLand.sites[i]?.valueUsd ?? 0,
      })),
      leases: v.leases.map((l) => ({
        name: l.name,
        kind: l.kind,
        method: l.method,
        criticalItMw: l.criticalItMw,
        valueUsd: l.valueUsd,
        discountRatePerYear: l.discountRatePerYear ?? null,
        cashFlows: l.cashFlows?.rows ?? [],
        perMwCheck: l.perMwCheck
          ? { ...l.perMwCheck, pipelineUsdPerItMw: l.perMwCheck.pipelineUsdPerItMw.value }
          : null,
        explain: l.explain,
      })),
      pipeline: v.pipeline.map((p) => ({
        name: p.name,
        kind: p.kind,
        criticalItMw: p.criticalItMw,
        probability: p.probability,
        valueUsd: p.valueUsd,
        explain: p.explain,
      })),
      treasury: {
        btcCounted: v.treasury.btcCounted,
        btcPledged: v.treasury.btcPledged,
        valueUsd: v.treasury.valueUsd,
        explain: v.treasury.explain,
      },
      capital,
      rating: {
        upside: v.upside,
        overweightFromUpside: input(
          'Overweight from upside',
          inputs.parameters.rating.overweightFromUpside,
          'fraction',
        ),
        underweightToUpside: input('Underweight to upside', inputs.parameters.rating.underweightToUpside, 'fraction'),
        sharePrice: input('share price', inputs.sharePriceUsd, 'USD'),
      },
      policy:
        valued.policySites?.map((s) => ({ site: s.site, atRiskMw: s.atRiskMw, forfeitedMw: s.forfeitedMw })) ?? null,
      conventions: conventionsOf(opened.methodology),
      inputsSet: settings.map((s) => ({ input: s.input, value: s.value, unit: VALUATION_INPUTS[s.input].unit })),
    };
    const setWarning: ResultWarning[] =
      settings.length === 0
        ? []
        : [
            {
              code: 'inputs-set',
              message:
                'the target is valued with inputs set by hand: ' +
                `${settings.map((s) => `${s.input} = ${s.value} ${VALUATION_INPUTS[s.input].unit}`).join('; ')}`,
              field: 'company.targetUsd',
            },
          ];
    return {
      results,
      asOf: results.asOf,
      dataAsOf: opened.state.dataAsOf,
      warnings: [...setWarning, ...valued.warnings],
    };
  },
  textView: valueTextView,
});

/** Inputs set by hand, as valuation options (their domains are checked where the flag is parsed). */
function optionsOfSettings(settings: readonly { input: ValuationInputName; value: number }[]): ValuationOptions {
  return settings.reduce<ValuationOptions>(
    (options, { input, value }) => combineOptions(options, VALUATION_INPUTS[input].options(value)),
    {},
  );
}

/** The bridge's lines before the equity value: parts, cash, claims and the convertibles. */
function bridgeTotal(v: CompanyValuation): number {
  return v.equityBeforeConvertiblesUsd - v.perShare.convertibleDebtUsd - v.perShare.convertibleOptionUsd;
}
