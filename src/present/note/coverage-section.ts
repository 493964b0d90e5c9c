/**
 * The note's first section: the coverage table with prior targets, stale inputs, and what changed since the previous
 * run with its drivers.
 */
import { formatChangePct, formatCompactNumber, formatUsd } from '../format.ts';
import type { NoteBlock } from './note-document.ts';
import type { ResultWarning } from '../../schema/result-envelope.ts';
import type { UpdateResult } from '../../schema/valuation.ts';
import type { diffSchema } from '../../schema/runs.ts';
import type { z } from 'zod';
import { DRIVER_LABELS } from '../../schema/attribution-drivers.ts';

/** The saved run the note compares with: its id, as-of date and each company's rating and target. */
export interface PriorRun {
  id: string;
  asOf: string;
  companies: readonly { ticker: string; rating: string | null; targetUsd: number | null }[];
}

export type DiffResult = z.output<typeof diffSchema>;

export const METRIC_LABELS: Record<string, string> = {
  targetUsd: 'Target (USD)',
  btcMined: 'BTC mined',
  miningRevenueUsd: 'Mining revenue (USD)',
};

export function headline(
  coverage: UpdateResult,
  prior: PriorRun | null,
  revisions: DiffResult[] | null,
  stale: ResultWarning[],
): NoteBlock[] {
  const priorOf = new Map((prior?.companies ?? []).map((company) => [company.ticker, company]));
  const overweight = coverage.companies
    .filter((company) => company.rating === 'Overweight')
    .map((company) => company.ticker);
  const blocks: NoteBlock[] = [
    { kind: 'heading', level: 1, text: 'Coverage', id: 'coverage' },
    {
      kind: 'paragraph',
      text:
        `Ratings and ${coverage.targetDate} price targets for ${coverage.companies.length} listed bitcoin miners ` +
        `as of ${coverage.asOf}, ` +
        `from a sum of the parts (mining, power and land, AI/HPC leases and pipeline, BTC, net cash and debt, ` +
        `dilution). ` +
        `Overweight: ${overweight.length > 0 ? overweight.join(', ') : 'none'}.` +
        (coverage.notValued.length > 0
          ? ` Not valued: ${coverage.notValued.map((c) => c.ticker).join(', ')}, whose figures start after ` +
            `${coverage.asOf}.`
          : ''),
    },
    {
      kind: 'table',
      caption: 'Coverage: ratings, targets and prices',
      columns: [
        { label: 'Ticker', align: 'left' },
        { label: 'Rating', align: 'left' },
        { label: 'Target', align: 'right' },
        { label: 'Prior target (rating)', align: 'right' },
        { label: 'Price (date)', align: 'right' },
        { label: 'Upside', align: 'right' },
      ],
      rows: [
        ...coverage.companies.map((company) => {
          const before = priorOf.get(company.ticker);
          const priorText =
            before?.targetUsd === undefined || before.targetUsd === null
              ? '—'
              : `${formatUsd(before.targetUsd)}` +
                `${before.rating && before.rating !== company.rating ? ` (${before.rating})` : ''}`;
          return [
            company.ticker,
            company.rating,
            formatUsd(company.targetUsd),
            priorText,
            // A stored close names its sources (issue 20); the file's price keeps its short form.
            `${formatUsd(company.sharePriceUsd)} (${company.sharePriceDate ?? 'file'}` +
              `${company.sharePriceSource === 'company file' ? '' : `, ${company.sharePriceSource}`})`,
            formatChangePct(company.upside),
          ];
        }),
        // Companies without figures by the as-of date: listed, with the reason below the table.
        ...coverage.notValued.map((company) => [company.ticker, 'not valued', '—', '—', '—', '—']),
      ],
      notes: [
        ...coverage.notValued.map((company) => `Not valued: ${company.reason}.`),
        prior
          ? 'Prior: the previous saved run under the same scenario and methodology, ' +
            `${prior.id.slice(0, 12)} as of ${prior.asOf}.`
          : 'No previous saved run under this scenario and methodology: this note starts the revision history.',
      ],
    },
  ];
  // Stale inputs are shown next to the numbers they affect, not only in the disclosures.
  if (stale.length > 0)
    blocks.push({
      kind: 'warnings',
      title: 'Stale data behind these figures',
      items: stale.map(({ code, message }) => ({ code, message })),
    });
  if (revisions) blocks.push(...revisionBlocks(revisions));
  return blocks;
}

function revisionBlocks(diffs: DiffResult[]): NoteBlock[] {
  const [targets, quarter] = diffs as [DiffResult, DiffResult | undefined];
  const label = (driver: string) => DRIVER_LABELS[driver as keyof typeof DRIVER_LABELS] ?? driver;
  const driversOf = (contributions: Record<string, number | null>, format: (value: number) => string): string => {
    const ranked = Object.entries(contributions)
      .filter((entry): entry is [string, number] => entry[1] !== null && entry[1] !== 0)
      .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]));
    return ranked.length === 0
      ? '—'
      : ranked
          .slice(0, 2)
          .map(([driver, amount]) => `${label(driver)} ${amount > 0 ? '+' : ''}${format(amount)}`)
          .join('; ');
  };
  const rowsOf = (diff: DiffResult, metrics: string[]) =>
    diff.rows
      .filter((row) => metrics.includes(row.metric))
      .map((row) => {
        const format = (value: number) =>
          row.metric === 'targetUsd'
            ? formatUsd(value)
            : row.metric === 'btcMined'
              ? Math.round(value).toLocaleString('en-US')
              : formatCompactNumber(value);
        const shown = (value: number | null) => (value === null ? '—' : format(value));
        return [
          row.ticker,
          row.period,
          METRIC_LABELS[row.metric] ?? row.metric,
          shown(row.a),
          shown(row.b),
          row.changePct === null ? shown(row.change) : formatChangePct(row.changePct),
          diff.attribution.available ? driversOf(row.contributions, format) : '—',
        ];
      });
  // Estimates of one quarter: the prior run's quarter, re-estimated now when the runs' quarters differ.
  const estimateRows = rowsOf(quarter ?? targets, ['btcMined', 'miningRevenueUsd']);
  const rows = [...rowsOf(targets, ['targetUsd']), ...estimateRows];
  const notes = [
    targets.attribution.available
      ? 'Drivers: sequential substitution (docs/runs.md); the contributions sum to the change.'
      : `No attribution: ${targets.attribution.reason ?? 'unavailable'}.`,
    ...(estimateRows.length === 0 ? ['No quarterly estimate both runs cover changed.'] : []),
  ];
  return [
    { kind: 'heading', level: 2, text: 'What changed since the previous run' },
    {
      kind: 'table',
      caption:
        `Revisions from ${targets.runA.asOf} (run ${targets.runA.id.slice(0, 12)}) ` +
        `to ${targets.runB.asOf} (run ${targets.runB.id.slice(0, 12)}); ` +
        "changes within the diff's tolerance are left out",
      columns: [
        { label: 'Ticker', align: 'left' },
        { label: 'Period', align: 'left' },
        { label: 'Metric', align: 'left' },
        { label: 'Before', align: 'right' },
        { label: 'Now', align: 'right' },
        { label: 'Change', align: 'right' },
        { label: 'Main drivers', align: 'left' },
      ],
      rows: rows.length > 0 ? rows : [['—', '—', 'no changes', '—', '—', '—', '—']],
      notes,
    },
  ];
}
