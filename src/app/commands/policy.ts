/**
 * `rerate policy ercot [--window 1y] [--probability 1]`: MW and price-target impact at risk under ERCOT's proposed
 * "use it or lose it" rule, per site and per company (DESIGN.md §7; seed-event.md). The same rule is a scenario
 * (data/scenarios/ercot-use-it-or-lose-it.yaml) usable with every valuation command.
 */
import { policyInputSchema } from '../../schema/valuation-inputs.ts';
import { policySchema, type PolicyResult } from '../../schema/valuation.ts';
import { isoFromDay, type DayNumber } from '../../units/calendar-day.ts';
import { defineCommand } from '../command.ts';
import { formatNumber, formatPct, formatUsd } from '../../present/format.ts';
import { openValuationSession } from '../sessions/open-valuation-session.ts';
import { companiesValuedAsOf } from '../sessions/valued-companies.ts';

export const policyCommand = defineCommand({
  name: 'policy',
  summary: 'MW and price-target impact at risk under ERCOT’s "use it or lose it" proposal, per site and company',
  description:
    'At the first review, one window after the as-of date, the part of each Texas (ERCOT) site’s allocation not ' +
    'energized by then is forfeited with the given probability; surviving MW serve contracted leases first, then the ' +
    'pipeline, then power and land. Shows per site the MW at risk and the target impact of the rule on that site ' +
    'alone, and per company the impact on all its ERCOT sites together. The scenario’s own policy block is replaced ' +
    'by the flags.',
  examples: [
    'rerate policy ercot',
    'rerate policy ercot --window 18mo --probability 0.5',
    'rerate policy ercot --methodology jpm-2025-11 --json',
  ],
  http: { heavy: true },
  inputSchema: policyInputSchema,
  outputSchema: policySchema,
  async run(input, ports) {
    const opened = await openValuationSession(input, ports);
    const rule = { windowDays: input.window, probability: input.probability };
    const sites: PolicyResult['sites'] = [];
    const companies: PolicyResult['companies'] = [];
    const valuedAll = [];
    const covered = await Promise.all((await ports.coverage.tickers()).map((ticker) => ports.coverage.load(ticker)));
    // As of a past date, the companies whose figures start later are listed, not valued.
    const { valued, notValued } = companiesValuedAsOf(covered, opened.framing.asOf);
    for (const loaded of valued) {
      const { ticker } = loaded.company;
      const without = await opened.session.value(loaded, { policy: null });
      const withRule = await opened.session.value(loaded, { policy: { rule } });
      valuedAll.push(without);
      const atRisk = withRule.policySites ?? [];
      for (const site of atRisk) {
        const alone = await opened.session.value(loaded, { policy: { rule, sites: new Set([site.site]) } });
        sites.push({
          ticker,
          site: site.site,
          stage: loaded.company.sites.find((s) => s.name === site.site)?.stage ?? '',
          grossMw: site.grossMw,
          energizedByReviewMw: site.energizedByReviewMw,
          atRiskMw: site.atRiskMw,
          forfeitedMw: site.forfeitedMw,
          claimsLosing: site.claims.map((c) => `${c.name} (${formatPct(c.forfeitedShare * 100, 0)})`),
          targetImpactUsd: alone.valuation.targetUsd - without.valuation.targetUsd,
        });
      }
      const impact = withRule.valuation.targetUsd - without.valuation.targetUsd;
      companies.push({
        ticker,
        ercotMw: atRisk.reduce((sum, s) => sum + s.grossMw, 0),
        atRiskMw: atRisk.reduce((sum, s) => sum + s.atRiskMw, 0),
        forfeitedMw: atRisk.reduce((sum, s) => sum + s.forfeitedMw, 0),
        targetUsd: without.valuation.targetUsd,
        targetUnderRuleUsd: withRule.valuation.targetUsd,
        impactUsd: impact,
        impactPct: without.valuation.targetUsd > 0 ? impact / without.valuation.targetUsd : 0,
      });
    }
    const results: PolicyResult = {
      ...opened.framing,
      rule: { ...rule, reviewDate: isoFromDay((opened.asOfDay + input.window) as DayNumber) },
      sites,
      companies,
      notValued,
    };
    return { results, asOf: results.asOf, dataAsOf: opened.state.dataAsOf, warnings: [] };
  },
  textView(r) {
    const header =
      `review ${r.rule.reviewDate} (${r.rule.windowDays} days after ${r.asOf}), ` +
      `forfeiture probability ${r.rule.probability}; methodology ${r.methodology.name}, scenario ${r.scenario.name}`;
    return [
      {
        kind: 'table',
        title: `ERCOT "use it or lose it" — sites, ${header}`,
        columns: [
          'Ticker',
          'Site',
          'Stage',
          'Gross MW',
          'Energized by review',
          'At risk MW',
          'Forfeited MW',
          'Claims losing capacity',
          'Target impact',
        ],
        rows: r.sites.map((s) => [
          s.ticker,
          s.site,
          s.stage,
          formatNumber(s.grossMw),
          formatNumber(s.energizedByReviewMw),
          formatNumber(s.atRiskMw),
          formatNumber(s.forfeitedMw),
          s.claimsLosing.join('; ') || '—',
          formatUsd(s.targetImpactUsd),
        ]),
      },
      {
        kind: 'table',
        title: 'Companies (all their ERCOT sites together)',
        columns: ['Ticker', 'ERCOT MW', 'At risk MW', 'Forfeited MW', 'Target', 'Under the rule', 'Impact'],
        rows: r.companies.map((c) => [
          c.ticker,
          formatNumber(c.ercotMw),
          formatNumber(c.atRiskMw),
          formatNumber(c.forfeitedMw),
          formatUsd(c.targetUsd),
          formatUsd(c.targetUnderRuleUsd),
          `${formatUsd(c.impactUsd)} (${formatPct(c.impactPct * 100, 1)})`,
        ]),
        ...(r.notValued.length > 0 ? { notes: r.notValued.map((c) => `Not valued: ${c.reason}.`) } : {}),
      },
    ];
  },
  csvView(r) {
    return {
      columns: [
        'ticker',
        'site',
        'stage',
        'grossMw',
        'energizedByReviewMw',
        'atRiskMw',
        'forfeitedMw',
        'claimsLosing',
        'targetImpactUsd',
      ],
      rows: r.sites.map((s) => [
        s.ticker,
        s.site,
        s.stage,
        s.grossMw,
        s.energizedByReviewMw,
        s.atRiskMw,
        s.forfeitedMw,
        s.claimsLosing.join('; '),
        s.targetImpactUsd,
      ]),
    };
  },
});
