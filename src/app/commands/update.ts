/**
 * `rerate update`: the main job — the coverage table of ratings and price targets against the market price, with the
 * sum-of-the-parts split and the current quarter's BTC mined and mining revenue (DESIGN.md §6, seed-event.md).
 */
import { updateFigures } from '../runs/run-figures.ts';
import { updateInputSchema } from '../../schema/valuation-inputs.ts';
import { updateSchema, type UpdateResult } from '../../schema/valuation.ts';
import { InputError } from '../../schema/input-error.ts';
import { reportingPeriodOfLabel } from '../../units/reporting-period.ts';
import { CALENDAR_YEAR } from '../../units/reporting-period.ts';
import { defineCommand } from '../command.ts';
import { estimateCompanies } from '../sessions/company-estimates.ts';
import { finiteOrNull, formatNumber, formatUsd } from '../../present/format.ts';
import { openValuationSession } from '../sessions/open-valuation-session.ts';
import { companyHeadline, millions, upsideText } from '../sessions/valuation-views.ts';
import { companiesValuedAsOf } from '../sessions/valued-companies.ts';

export const VALUATION_DEFINITIONS: Record<string, string> = {
  targetUsd:
    'equity value per diluted share at the target date: (Σ parts + cash − debt − other claims, convertibles solved ' +
    'with the target) ÷ diluted shares',
  upside: 'target ÷ share price − 1',
  rating:
    'Overweight when upside ≥ the methodology’s Overweight bound, Underweight when ≤ its Underweight bound, else ' +
    'Neutral',
  miningUsd:
    'mining gross profit over the methodology’s horizon from the projection (machines off on days they do not cover ' +
    'power, if the methodology says so), discounted at its rate',
  corporateCostsUsd:
    'present value of cash SG&A over the mining horizon at the methodology’s rate, subtracted (where it counts it)',
  powerAndLandUsd:
    'site MW not valued as HPC (nor as mining, unless the methodology includes them) × USD/MW × probability by stage ' +
    '× ownership',
  hpcLeasesUsd: 'contracted HPC leases: cap rate, NPV or per-MW by kind, × delivery probability × ownership',
  hpcPipelineUsd:
    'deal probability × build probability × critical-IT MW × equity USD/MW × ownership, discounted from the ' +
    'expected start',
  rollForwardUsd:
    'the operating parts (mining less corporate SG&A, power and land, HPC) × ((1 + r)^t − 1): rolled forward to the ' +
    'target date at the ' +
    'methodology’s rate',
  btcTreasuryUsd: 'BTC held × BTC price at the target date under the scenario × (1 + HODL premium)',
  convertibleDebtUsd:
    'the convertibles’ claims other than shares, by the methodology’s convention: principal while below conversion ' +
    '(switch at conversion), none (if-converted), or bond floor + conversion option net of the capped call',
  quarter:
    'the quarter’s BTC mined and mining revenue as in rerate estimates (reported months public by the as-of date ' +
    'replace modeled ones)',
};

export const updateCommand = defineCommand({
  name: 'update',
  summary: 'The coverage table: rating, price target, upside and the sum-of-the-parts split for every covered miner',
  description:
    'Values every covered company as a sum of its parts under a methodology preset (default rerate; jpm-2025-11 ' +
    'reproduces the published J.P. Morgan framework) and a scenario (default base; compose with commas, e.g. ' +
    'base,ercot-use-it-or-lose-it), sets the price target at the target date and rates it against the share price. ' +
    'The quarter columns are the current quarter (or --quarter) as rerate estimates gives it. As of a date before a ' +
    'company’s first figures (its first fleet hashrate), the company is listed as not valued, with that date.',
  examples: [
    'rerate update',
    'rerate update --methodology jpm-2025-11',
    'rerate update --scenario bear,ercot-use-it-or-lose-it --csv',
    'rerate update --price 90000 --quarter 2025Q4',
  ],
  http: { heavy: true },
  inputSchema: updateInputSchema,
  savedRun: { figures: updateFigures },
  outputSchema: updateSchema,
  async run(input, ports) {
    const quarter =
      input.quarter === undefined ? undefined : reportingPeriodOfLabel(input.quarter, 'quarter', CALENDAR_YEAR);
    if (input.quarter !== undefined && !quarter)
      throw InputError.at(['quarter'], `"${input.quarter}" is not a quarter like 2026Q1`);
    const opened = await openValuationSession(input, ports, quarter);
    const tickers = await ports.coverage.tickers();
    const covered = await Promise.all(tickers.map((ticker) => ports.coverage.load(ticker)));
    // As of a past date, the companies whose figures start later are listed, not valued.
    const { valued: loaded, notValued } = companiesValuedAsOf(covered, opened.framing.asOf);
    const valued = [];
    for (const company of loaded) valued.push(await opened.session.value(company));
    const estimates = await estimateCompanies({
      framing: opened.session.setup,
      companies: loaded,
      periodsOf: () => [opened.quarter],
      reported: (await ports.reported.embedded()).figures,
      periodField: 'quarter',
    });
    const results: UpdateResult = {
      ...opened.framing,
      companies: valued.map((v, i) => {
        const period = estimates.companies[i]?.periods[0];
        return {
          ...companyHeadline(v),
          quarter: {
            period: opened.quarter.label,
            btcMined: period ? finiteOrNull(period.btcMined) : null,
            miningRevenueUsd: period ? finiteOrNull(period.miningRevenueUsd) : null,
            actualMonths: period?.actualMonths ?? [],
            projectedDays: period?.projectedDays ?? 0,
          },
        };
      }),
      notValued,
      definitions: VALUATION_DEFINITIONS,
    };
    return {
      results,
      asOf: results.asOf,
      dataAsOf: opened.state.dataAsOf,
      warnings: [...valued.flatMap((v) => v.warnings), ...estimates.warnings.filter((w) => w.code !== 'no-sga')],
    };
  },
  textView(results) {
    const quarter = results.companies[0]?.quarter.period ?? '';
    const valuedRows = results.companies.map((c) => [
      c.ticker,
      c.rating,
      formatUsd(c.targetUsd),
      `${formatUsd(c.sharePriceUsd)} (${c.sharePriceDate ? `${c.sharePriceDate}, ` : ''}${c.sharePriceSource})`,
      upsideText(c.upside),
      millions(c.parts.miningUsd),
      millions(-c.parts.corporateCostsUsd),
      millions(c.parts.powerAndLandUsd),
      millions(c.parts.hpcLeasesUsd),
      millions(c.parts.hpcPipelineUsd),
      millions(c.parts.rollForwardUsd),
      millions(c.parts.btcTreasuryUsd),
      millions(c.parts.cashUsd - c.parts.straightDebtUsd - c.parts.otherClaimsUsd),
      millions(-c.parts.convertibleDebtUsd),
      `${formatNumber(c.parts.dilutedShares / 1e6, 0)}M`,
      `${formatNumber(c.quarter.btcMined)}` +
        `${c.quarter.actualMonths.length > 0 ? '†' : ''}${c.quarter.projectedDays > 0 ? '‡' : ''}`,
      millions(c.quarter.miningRevenueUsd),
      c.notes.join('; ') || '—',
    ]);
    const columns = [
      'Ticker',
      'Rating',
      'Target',
      'Price',
      'Upside',
      'Mining',
      'Corp. SG&A',
      'Power & land',
      'HPC leases',
      'HPC pipeline',
      'Roll-fwd',
      'BTC',
      'Net cash',
      'Converts (debt/floor)',
      'Diluted sh.',
      `${quarter} BTC`,
      `${quarter} mining rev.`,
      'Notes',
    ];
    // Companies without figures by the as-of date: a row each, no figures, the reason in the notes.
    const noFigures = Array<string>(columns.length - 3).fill('—');
    const notValuedRows = results.notValued.map((c) => [c.ticker, 'not valued', ...noFigures, c.reason]);
    return [
      {
        kind: 'table',
        title:
          `Coverage as of ${results.asOf} — targets for ${results.targetDate}, ` +
          `methodology ${results.methodology.name}, scenario ${results.scenario.name}`,
        columns,
        rows: [...valuedRows, ...notValuedRows],
        notes: [
          'Target = (mining − corp. SG&A + power & land + HPC leases + HPC pipeline + roll-forward + BTC + net cash ' +
            '− converts as debt) ÷ diluted shares; `rerate value TICKER` shows every input and its source.',
          '† includes reported months; ‡ partly projected. Notes: [A] an assumption, not a reported figure; dates ' +
            'mark inputs older than the as-of date. Warnings below give the details.',
        ],
      },
    ];
  },
  csvView(results) {
    const parts = Object.keys(results.companies[0]?.parts ?? {});
    return {
      columns: [
        'ticker',
        'rating',
        'targetUsd',
        'sharePriceUsd',
        'sharePriceDate',
        'sharePriceSource',
        'upside',
        ...parts,
        'quarter',
        'quarterBtcMined',
        'quarterMiningRevenueUsd',
        'notes',
      ],
      rows: [
        ...results.companies.map((c) => [
          c.ticker,
          c.rating,
          c.targetUsd,
          c.sharePriceUsd,
          c.sharePriceDate,
          c.sharePriceSource,
          c.upside,
          ...parts.map((p) => c.parts[p as keyof typeof c.parts]),
          c.quarter.period,
          c.quarter.btcMined,
          c.quarter.miningRevenueUsd,
          c.notes.join('; '),
        ]),
        // Not valued: no figures, the reason in the notes.
        ...results.notValued.map((c) => [
          c.ticker,
          'not valued',
          ...Array<null>(parts.length + 8).fill(null),
          c.reason,
        ]),
      ],
    };
  },
});
