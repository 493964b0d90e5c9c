import type { TextSection } from '../command.ts';
import type { ValueResult } from '../../schema/valuation.ts';
import { formatNumber, formatPct, formatUsd } from '../../present/format.ts';
import { millions, upsideText } from '../sessions/valuation-views.ts';
import { capitalRows } from '../sessions/capital-view.ts';
import { OLDER_FIGURES_COLUMNS, olderFiguresRows, olderFiguresTitle } from '../../present/older-figures-text.ts';

/**
 * `rerate value`'s text: the bridge, the figures older than a later as-of date, the capital structure, the site
 * ledger, the HPC items and their cash flows, the conventions, and every formula with its inputs and sources.
 */
export function valueTextView(r: ValueResult): TextSection[] {
  const c = r.company;
  const inputsSetText = r.inputsSet
    .map((i) => `${i.input} = ${formatNumber(i.value, Math.abs(i.value) < 10 ? 4 : 0)} ${i.unit}`)
    .join('; ');
  const none = { formula: '', inputs: [] };
  const explainRows = (title: string, explain: ValueResult['bridge'][number]['explain']) => [
    [title, explain.formula, '', ''],
    ...explain.inputs.map((i) => [
      `  ${i.name}`,
      formatNumber(i.value, Math.abs(i.value) < 10 ? 4 : 0),
      i.unit,
      i.source,
    ]),
  ];
  return [
    {
      kind: 'table',
      title:
        `${c.name} (${c.ticker}) — ${c.rating}, target ${formatUsd(c.targetUsd)} for ${r.targetDate} ` +
        `vs ${formatUsd(c.sharePriceUsd)}${c.sharePriceDate ? ` on ${c.sharePriceDate}` : ''} ` +
        `(${c.sharePriceSource}) ` +
        `(${upsideText(c.upside)}); as of ${r.asOf}, methodology ${r.methodology.name}, scenario ${r.scenario.name}`,
      columns: ['Part', 'Value', 'Per share'],
      rows: r.bridge.map((b) => [b.part, millions(b.valueUsd), formatUsd(b.perShareUsd)]),
      notes: [
        ...(r.inputsSet.length > 0 ? [`Inputs set by hand: ${inputsSetText}.`] : []),
        `Diluted shares ${formatNumber(c.parts.dilutedShares)} (basic ${formatNumber(r.capital.basicShares)}); ` +
          `convertibles by the ${r.capital.convention.name} convention.`,
      ],
    },
    ...(c.olderFigures.length > 0
      ? [
          {
            kind: 'table' as const,
            title: olderFiguresTitle(r.asOf),
            columns: OLDER_FIGURES_COLUMNS,
            rows: olderFiguresRows(c.olderFigures),
          },
        ]
      : []),
    {
      kind: 'table',
      title: `Capital structure at the target of ${formatUsd(c.targetUsd)}: each convertible, dilution, cash`,
      columns: ['Item', 'Treatment / value', 'Unit', 'Terms / source'],
      rows: capitalRows(r.capital, c.targetUsd),
    },
    {
      kind: 'table',
      title: 'Site ledger (MW): HPC first (probability-weighted, gross), then mining, the rest power and land',
      columns: ['Site', 'Stage', 'Gross', 'HPC', 'Mining', 'Power & land MW', 'Value'],
      rows: r.sites.map((s) => [
        s.site,
        s.stage,
        formatNumber(s.grossMw),
        formatNumber(s.hpcGrossMw),
        formatNumber(s.miningMw),
        formatNumber(s.powerAndLandMw),
        millions(s.valueUsd),
      ]),
    },
    {
      kind: 'table',
      title: 'HPC leases and pipeline',
      columns: ['Item', 'Kind', 'Method', 'IT MW', 'Probability', 'Value'],
      rows: [
        ...r.leases.map((l) => [
          l.name,
          l.kind,
          l.method,
          formatNumber(l.criticalItMw),
          '(delivery, in formula)',
          millions(l.valueUsd),
        ]),
        ...r.pipeline.map((p) => [
          p.name,
          p.kind,
          'per-mw',
          formatNumber(p.criticalItMw),
          formatPct(p.probability * 100, 0),
          millions(p.valueUsd),
        ]),
      ],
    },
    ...r.leases.filter((l) => l.cashFlows.length > 0).map((l) => leaseCashFlowTable(l)),
    {
      kind: 'table',
      title: `Conventions of the ${r.methodology.name} methodology`,
      columns: ['Convention', 'Rule', 'Source'],
      rows: r.conventions.map((c) => [c.name, c.rule, c.source]),
    },
    {
      kind: 'table',
      title: 'Formulas and inputs, with sources',
      columns: ['Part / input', 'Formula / value', 'Unit', 'Source'],
      rows: [
        ...explainRows('Mining', r.bridge[0]?.explain ?? none),
        ...explainRows('Corporate cash SG&A', r.bridge[1]?.explain ?? none),
        ...explainRows('Power and land', r.bridge[2]?.explain ?? none),
        ...r.leases.flatMap((l) => explainRows(`Lease: ${l.name}`, l.explain)),
        ...r.pipeline.flatMap((p) => explainRows(`Pipeline: ${p.name}`, p.explain)),
        ...explainRows('Roll-forward', r.bridge.find((b) => b.part.startsWith('Roll-forward'))?.explain ?? none),
        ...explainRows('BTC treasury', r.treasury.explain),
        ['Rating', `upside ${upsideText(r.rating.upside)}`, '', ''],
        ...[r.rating.sharePrice, r.rating.overweightFromUpside, r.rating.underweightToUpside].map((i) => [
          `  ${i.name}`,
          formatNumber(i.value, 2),
          i.unit,
          i.source,
        ]),
      ],
    },
  ];
}

/** One lease's cash flows by calendar year, with its discount rate and its value per IT MW against the pipeline's. */
function leaseCashFlowTable(l: ValueResult['leases'][number]) {
  const columns = ['rentUsd', 'opexUsd', 'capexUsd', 'prepaymentUsd', 'terminalUsd', 'residualUsd', 'netUsd', 'pvUsd'];
  const total = (key: string) => l.cashFlows.reduce((sum, row) => sum + (row[key as keyof typeof row] as number), 0);
  const check = l.perMwCheck;
  return {
    kind: 'table' as const,
    title:
      `Lease cash flows: ${l.name} (${l.kind}, discounted at ` +
      `${formatPct((l.discountRatePerYear ?? 0) * 100, 2)}/yr; before delivery probability and ownership)`,
    columns: ['Year', 'Rent', 'Opex', 'Capex', 'Prepayment', 'Terminal', 'GPU residual', 'Net', 'Present value'],
    rows: [
      ...l.cashFlows.map((row) => [row.period, ...columns.map((c) => millions(row[c as keyof typeof row] as number))]),
      ['Total', ...columns.map((c) => millions(Math.abs(total(c)) < 0.5e6 ? 0 : total(c)))],
    ],
    notes: check
      ? [
          `Value per IT MW ${millionsOne(check.leaseUsdPerItMw)} against the pipeline's ` +
            `${millionsOne(check.pipelineUsdPerItMw)} for ${l.kind}` +
            `${check.below ? `. Below it: ${check.reason}.` : ': not below.'}`,
        ]
      : [],
  };
}

/** USD in millions with one decimal: $11.5M. */
function millionsOne(usd: number): string {
  return `${usd < 0 ? '-' : ''}$${(Math.abs(usd) / 1e6).toFixed(1)}M`;
}
