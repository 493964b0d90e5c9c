/**
 * The conventions a methodology values by, one line each with its source: what `rerate value` prints beside the
 * bridge so that a reader sees how every part was discounted, scoped and counted (issue 18; docs/methodology.md).
 */
import type { MethodologyFile } from '../schema/methodology.ts';
import type { LoadedMethodology } from './loaded-files.ts';

export interface Convention {
  name: string;
  rule: string;
  source: string;
}

/** A fraction as a percentage with at most two decimals: 0.0425 → 4.25%. */
const pct = (value: number) => `${Number((value * 100).toFixed(2))}%`;

export function conventionsOf(loaded: LoadedMethodology): Convention[] {
  const m: MethodologyFile = loaded.methodology;
  const at = (path: string, source: string) => `${loaded.file} ${path}: ${source}`;
  const rate = m.time.discountRatePerYear.value;
  const { scope } = m.hpc.pipeline;
  const stages = Object.entries(m.hpc.pipeline.buildProbability)
    .map(([stage, p]) => `${stage} ${pct(p.value)}`)
    .join(', ');
  const { leases } = m.hpc;
  const leaseRule = (kind: 'colocation' | 'cloud') => {
    const lease = leases[kind];
    if (lease.method === 'per-mw') return `${kind} per MW at the pipeline's equity $/MW`;
    return (
      `${kind} on its cash flows over the term, renewal ${pct(lease.renewalProbability?.value ?? 0)} ` +
      `at a ${pct(lease.exitCapRate?.value ?? 0)} exit cap rate`
    );
  };
  const spreads = leases.tenantCreditSpreadPerYear;
  const leaseRates =
    leases.baseRatePerYear && spreads
      ? `; discounted at ${pct(leases.baseRatePerYear.value)} + the tenant's credit spread (` +
        Object.entries(spreads)
          .map(([credit, spread]) => `${credit} ${pct(leases.baseRatePerYear!.value + spread.value)}`)
          .join(', ') +
        ')'
      : '';
  return [
    {
      name: 'Discounting',
      rule:
        rate === 0
          ? 'none: flows are summed undiscounted'
          : `${pct(rate)}/yr to the as-of date for mining and cash SG&A, each pipeline project from its start, and ` +
            'power and land after the mining horizon',
      source: at('time.discountRatePerYear', m.time.discountRatePerYear.source),
    },
    {
      name: 'Roll-forward',
      rule: m.time.rollForwardToTargetDate.value
        ? `operating parts × (1 + ${pct(rate)})^t to the target date ${m.targetDate}`
        : `none: the parts are the target for ${m.targetDate}`,
      source: at('time.rollForwardToTargetDate', m.time.rollForwardToTargetDate.source),
    },
    {
      name: 'Mining',
      rule:
        `${m.mining.method}, ${m.mining.horizonYears.value} years` +
        (m.mining.shutdownWhenUnprofitable.value ? ', machines off on days below their mining cash cost' : ''),
      source: at('mining.horizonYears', m.mining.horizonYears.source),
    },
    {
      name: 'Costs',
      rule:
        'mining net of power, credits, hosting and site opex' +
        (m.mining.subtractRefreshCapex.value ? ', less fleet refresh capex' : ', no refresh capex') +
        (m.corporate.subtractCashSga.value
          ? '; cash SG&A over the mining horizon subtracted as its own part'
          : '; no corporate overhead'),
      source: at('corporate.subtractCashSga', m.corporate.subtractCashSga.source),
    },
    {
      name: 'Power and land',
      rule: m.powerAndLand.includeMiningMw.value
        ? 'every MW not valued as HPC, mining MW included today'
        : m.powerAndLand.miningMwAfterHorizon.value
          ? 'MW neither HPC nor mining today; mining MW from the end of the mining horizon'
          : 'MW neither HPC nor mining',
      source: at(
        'powerAndLand',
        m.powerAndLand.includeMiningMw.value
          ? m.powerAndLand.includeMiningMw.source
          : m.powerAndLand.miningMwAfterHorizon.source,
      ),
    },
    {
      name: 'HPC leases',
      rule: `${leaseRule('colocation')}; ${leaseRule('cloud')}${leaseRates}`,
      source: at(
        'hpc.leases',
        leases.baseRatePerYear && spreads
          ? `${leases.baseRatePerYear.source}; investment-grade: ${spreads['investment-grade'].source}`
          : 'J.P. Morgan values contracted HPC per MW (methods-sell-side.md §2)',
      ),
    },
    {
      name: 'HPC pipeline',
      rule:
        `deal × build probability by site stage (${stages}) × MW × equity $/MW` +
        (scope.latestStartYearsAfterTarget
          ? `; only projects starting within ${scope.latestStartYearsAfterTarget.value} year(s) of the target date`
          : '') +
        (scope.siteStages ? `; only on ${scope.siteStages.value.join(', ')} sites` : '') +
        '; only projects public by the as-of date',
      source: at(
        'hpc.pipeline',
        [
          m.hpc.pipeline.buildProbability.operating.source,
          scope.latestStartYearsAfterTarget?.source,
          scope.siteStages?.source,
        ]
          .filter(Boolean)
          .join('; '),
      ),
    },
    ...expectedMwConvention(m, at),
    {
      name: 'Convertibles',
      rule: convertibleRule(m),
      source: at('capitalStructure.convertibles', m.capitalStructure.convertibles.source),
    },
    {
      name: 'BTC treasury',
      rule:
        `BTC held at the target date's price × (1 + ${pct(m.treasury.hodlPremium.value)})` +
        (m.treasury.excludePledged.value ? ', pledged coins excluded' : ', pledged coins included'),
      source: at('treasury.hodlPremium', m.treasury.hodlPremium.source),
    },
    {
      name: 'Rating',
      rule:
        `Overweight at ≥ ${pct(m.rating.overweightFromUpside.value)} upside, ` +
        `Underweight at ≤ ${pct(m.rating.underweightToUpside.value)}`,
      source: at('rating', m.rating.overweightFromUpside.source),
    },
  ];
}

function convertibleRule(m: MethodologyFile): string {
  const c = m.capitalStructure.convertibles;
  const atm = m.capitalStructure.atm.count.value ? '; ATM capacity counted' : '; ATM capacity not counted';
  switch (c.convention) {
    case 'if-converted':
      return (
        "every note as its conversion shares, net of the capped call's value between the conversion price and its " +
        `cap${atm}`
      );
    case 'switch-at-conversion':
      return `a note is debt below its conversion price and shares above it${atm}`;
    case 'bond-floor-plus-option':
      return (
        `bond floor at ${pct(c.riskFreeRatePerYear.value)} + ${pct(c.creditSpreadPerYear.value)} spread, plus the ` +
        `conversion option less the capped call (Black–Scholes, ${pct(c.volatilityPerYear.value)} volatility), ` +
        `solved with the target${atm}`
      );
  }
}

/** The HPC MW a methodology expects per company, when it states them: counted in full, leases first. */
function expectedMwConvention(m: MethodologyFile, at: (path: string, source: string) => string): Convention[] {
  const expected = Object.entries(m.hpc.pipeline.scope.expectedItMwByTicker);
  if (expected.length === 0) return [];
  return [
    {
      name: 'HPC MW expected',
      rule:
        `counted in full up to ${expected.map(([ticker, mw]) => `${ticker} ${mw.value} MW`).join(', ')}: ` +
        "leases first, then projects by start; the files' probabilities give way",
      source: at('hpc.pipeline.scope.expectedItMwByTicker', expected.map(([, mw]) => mw.source).join('; ')),
    },
  ];
}
