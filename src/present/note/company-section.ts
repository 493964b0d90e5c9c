/**
 * A company's section of the note: the figures older than a later as-of date, thesis, the bridge to the target,
 * quarterly estimates, the sensitivity heatmap, ERCOT exposure and risks.
 */
import type { ChartSpec } from '../charts/chart-spec.ts';
import { formatChangePct, formatCompactNumber, formatUsd } from '../format.ts';
import type { NoteBlock } from './note-document.ts';
import { OLDER_FIGURES_COLUMNS, olderFiguresRows, olderFiguresTitle } from '../older-figures-text.ts';
import type { EstimatesResult } from '../../schema/estimates.ts';
import type { PolicyResult, UpdateResult, ValueResult } from '../../schema/valuation.ts';

export function companySection(
  company: UpdateResult['companies'][number],
  value: ValueResult,
  estimates: EstimatesResult,
  bridge: ChartSpec,
  heatmap: ChartSpec,
  policy: PolicyResult,
  thesis: { drivers: { text: string; source: string }[]; risks: { text: string; source: string }[] } | undefined,
): NoteBlock[] {
  const periods = estimates.companies[0]?.periods ?? [];
  const exposure = policy.companies.find((entry) => entry.ticker === company.ticker);
  const blocks: NoteBlock[] = [
    {
      kind: 'heading',
      level: 1,
      text: `${company.name} (${company.ticker}): ${company.rating}, target ${formatUsd(company.targetUsd)}`,
      id: company.ticker.toLowerCase(),
    },
    {
      kind: 'paragraph',
      text:
        `Price ${formatUsd(company.sharePriceUsd)} on ${company.sharePriceDate ?? 'the file date'}` +
        `${company.sharePriceSource === 'company file' ? '' : ` (close from ${company.sharePriceSource})`}, ` +
        `upside ${formatChangePct(company.upside)}. ` +
        `Equity value ${formatCompactNumber(company.parts.equityValueUsd)} USD ` +
        `over ${formatCompactNumber(company.parts.dilutedShares)} diluted shares.`,
    },
    ...olderFiguresBlocks(company.olderFigures, value.asOf),
    { kind: 'heading', level: 2, text: 'Thesis' },
    thesis
      ? { kind: 'list', items: thesis.drivers.map((point) => `${point.text} (${point.source})`) }
      : { kind: 'paragraph', text: 'The company file gives no thesis.' },
    { kind: 'heading', level: 2, text: 'Sum of the parts' },
    {
      kind: 'chart',
      chart: bridge,
      caption: `From the parts to the ${formatUsd(company.targetUsd)} target, per share.`,
    },
    {
      kind: 'table',
      caption: 'Bridge to the target',
      columns: [
        { label: 'Part', align: 'left' },
        { label: 'Value (USD)', align: 'right' },
        { label: 'Per share', align: 'right' },
      ],
      rows: value.bridge.map((step) => [step.part, formatCompactNumber(step.valueUsd), formatUsd(step.perShareUsd)]),
    },
    { kind: 'heading', level: 2, text: 'Quarterly estimates' },
    {
      kind: 'table',
      caption: `Estimates by calendar quarter (scenario ${estimates.scenario.name})`,
      columns: [
        { label: 'Quarter', align: 'left' },
        { label: 'BTC mined', align: 'right' },
        { label: 'Realized price', align: 'right' },
        { label: 'Mining revenue', align: 'right' },
        { label: 'HPC revenue', align: 'right' },
        { label: 'Adj. EBITDA', align: 'right' },
        { label: 'Basis', align: 'left' },
      ],
      rows: periods.map((period) => [
        period.period,
        period.btcMined === null ? '—' : Math.round(period.btcMined).toLocaleString('en-US'),
        period.realizedPriceUsd === null ? '—' : formatUsd(period.realizedPriceUsd),
        formatCompactNumber(period.miningRevenueUsd),
        formatCompactNumber(period.hpcRevenueUsd),
        formatCompactNumber(period.adjustedEbitdaUsd),
        period.actualMonths.length > 0
          ? `reported ${period.actualMonths.join(', ')}`
          : period.historyDays > 0
            ? `${period.historyDays} days of history`
            : 'projected',
      ]),
    },
    { kind: 'heading', level: 2, text: 'Sensitivity' },
    {
      kind: 'chart',
      chart: heatmap,
      caption: 'Target price over the BTC price and the network hashrate growth, centred on the base case (marked).',
    },
    { kind: 'heading', level: 2, text: 'Power policy: ERCOT "use it or lose it"' },
    exposure && exposure.ercotMw > 0
      ? {
          kind: 'paragraph',
          text:
            `${Math.round(exposure.ercotMw)} MW in ERCOT; ` +
            `${Math.round(exposure.atRiskMw)} MW not energized by the review date, ` +
            `of which ${Math.round(exposure.forfeitedMw)} MW would be forfeited under the rule ` +
            `(probability ${Math.round(policy.rule.probability * 100)}%): ` +
            `target ${formatUsd(exposure.targetUsd)} → ${formatUsd(exposure.targetUnderRuleUsd)} ` +
            `(${formatChangePct(exposure.impactPct)}).`,
        }
      : { kind: 'paragraph', text: 'No capacity in ERCOT: the rule does not apply.' },
    { kind: 'heading', level: 2, text: 'Key risks' },
    thesis
      ? { kind: 'list', items: thesis.risks.map((point) => `${point.text} (${point.source})`) }
      : { kind: 'paragraph', text: 'The company file lists no risks.' },
  ];
  return blocks;
}

/** As of a later date than the company file's, its figures dated before it, beside the company (issue 20). */
function olderFiguresBlocks(figures: UpdateResult['companies'][number]['olderFigures'], asOf: string): NoteBlock[] {
  if (figures.length === 0) return [];
  return [
    {
      kind: 'table',
      caption: olderFiguresTitle(asOf),
      columns: OLDER_FIGURES_COLUMNS.map((label) => ({ label, align: label.startsWith('Age') ? 'right' : 'left' })),
      rows: olderFiguresRows(figures),
    },
  ];
}
