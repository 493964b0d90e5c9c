/**
 * The research note (DESIGN.md §10) as a document, assembled from the same commands the CLI runs, so every number
 * in it is one the model printed elsewhere with its source: the coverage (`update`, saved as a run), the changes
 * against the previous saved run with their attribution (`diff`), per company the bridge (`value`), quarterly
 * estimates (`estimates`), a BTC price × network growth grid (`sensitivity`) and the ERCOT exposure (`policy`),
 * the network's history and projection, the calendar, and the methodology, sources and warnings.
 */
import { networkHistoryFrom } from '../../present/network-window.ts';
import { CIRCUMSTANTIAL_WARNINGS } from '../live-data/data-freshness.ts';
import type { ChartSpec } from '../../present/charts/chart-spec.ts';
import type { CommandDefinition } from '../command.ts';
import { diffCommand } from '../revisions/diff.ts';
import { estimatesCommand } from '../commands/estimates.ts';
import { networkHistoryCommand } from '../commands/network-history.ts';
import { networkProjectCommand } from '../commands/network-project.ts';
import { networkStatusCommand } from '../commands/network-status.ts';
import { policyCommand } from '../commands/policy.ts';
import { sensitivityCommand } from '../commands/sensitivity.ts';
import { updateCommand } from '../commands/update.ts';
import { valueCommand } from '../commands/value.ts';
import { executeAndRecord, executeCommand } from '../execute-command.ts';
import { formatUsd } from '../../present/format.ts';
import {
  networkHistoryCharts,
  sensitivityAxesAround,
  sensitivityHeatmap,
  sotpBridgeChart,
} from '../../present/note-charts.ts';
import type { NoteBlock, NoteDocument } from '../../present/note/note-document.ts';
import type { AppPorts } from '../ports/app-ports.ts';
import type { RunSummary } from '../ports/run-store.ts';
import type { ResultEnvelope, ResultWarning } from '../../schema/result-envelope.ts';
import type { CalendarEvent } from '../../schema/calendar.ts';
import type { EstimatesResult } from '../../schema/estimates.ts';
import type { NetworkHistoryResult, NetworkStatusResult } from '../../schema/network.ts';
import type { NetworkProjectionResult } from '../../schema/projection.ts';
import type { PolicyResult, SensitivityResult, UpdateResult, ValueResult } from '../../schema/valuation.ts';
import type { diffSchema } from '../../schema/runs.ts';
import type { z } from 'zod';
import { dayFromIso, isoFromDay, type DayNumber } from '../../units/calendar-day.ts';
import { periodContaining } from '../../units/calendar-period.ts';
import { DRIVER_LABELS } from '../revisions/replay-plan.ts';

type DiffResult = z.output<typeof diffSchema>;

export interface NoteInput {
  asOf?: string | undefined;
  scenario: string;
  methodology: string;
}

export interface BuiltNote {
  note: NoteDocument;
  charts: ChartSpec[];
  asOf: string;
  dataAsOf: Record<string, string>;
  warnings: ResultWarning[];
  /** The `update` run the note saved, and the previous one it compares with (null: none saved before). */
  runId: string;
  priorRunId: string | null;
}

const METRIC_LABELS: Record<string, string> = {
  targetUsd: 'Target (USD)',
  btcMined: 'BTC mined',
  miningRevenueUsd: 'Mining revenue (USD)',
};

/** Quarters of estimates per company: the as-of date's quarter and the four after it. */
const ESTIMATE_QUARTERS = 5;

export async function buildNote(input: NoteInput, ports: AppPorts): Promise<BuiltNote> {
  const framing = {
    ...(input.asOf ? { asOf: input.asOf } : {}),
    scenario: input.scenario,
    methodology: input.methodology,
  };
  const collected: ResultEnvelope<unknown>[] = [];
  const run = async <Results>(definition: CommandDefinition, raw: Record<string, unknown>): Promise<Results> => {
    const envelope = await executeCommand(definition, raw, ports);
    collected.push(envelope);
    return envelope.results as Results;
  };

  // The coverage, saved as a run so the next note (and `rerate diff`) can compare with it.
  const updated = await executeAndRecord(updateCommand, framing, ports);
  collected.push(updated.envelope);
  const coverage = updated.envelope.results as UpdateResult;
  const asOf = coverage.asOf;
  const store = await ports.runs.open();
  // The previous saved coverage under the same scenario and methodology, as of this date or before.
  const prior =
    (await store.list({ limit: 10_000 })).find(
      (summary) =>
        summary.command === 'update' &&
        summary.id !== updated.run?.id &&
        summary.scenario === input.scenario &&
        summary.methodology === input.methodology &&
        summary.asOf <= asOf,
    ) ?? null;
  if (updated.run) await store.save(updated.run);
  const revisions = prior && updated.run ? await revisionsSince(prior, updated.run.id, framing, ports, run) : null;

  const tickers = coverage.companies.map((company) => company.ticker);
  const charts: ChartSpec[] = [];
  const blocks: NoteBlock[] = [];
  blocks.push(
    ...headline(
      coverage,
      prior,
      revisions,
      updated.envelope.warnings.filter((warning) => CIRCUMSTANTIAL_WARNINGS.has(warning.code)),
    ),
  );

  const status = await run<NetworkStatusResult>(networkStatusCommand, input.asOf ? { asOf: input.asOf } : {});
  const projection = await run<NetworkProjectionResult>(networkProjectCommand, {
    ...(input.asOf ? { asOf: input.asOf } : {}),
    to: coverage.targetDate,
    scenario: input.scenario,
    interval: 'day',
  });
  const policy = await run<PolicyResult>(policyCommand, { rule: 'ercot', ...framing });
  const axes = await sensitivityAxes(coverage.companies[0]?.ticker ?? '', framing, ports);
  let ratingBounds: { overweight: number; underweight: number } | undefined;
  for (const company of coverage.companies) {
    const value = await run<ValueResult>(valueCommand, { target: company.ticker, ...framing });
    const quarters = quarterRange(asOf, ESTIMATE_QUARTERS);
    const estimates = await run<EstimatesResult>(estimatesCommand, {
      target: company.ticker,
      ...(input.asOf ? { asOf: input.asOf } : {}),
      scenario: input.scenario,
      quarters,
    });
    const spot = value.rating.sharePrice.value;
    ratingBounds ??= {
      overweight: value.rating.overweightFromUpside.value,
      underweight: value.rating.underweightToUpside.value,
    };
    const sensitivity = await run<SensitivityResult>(sensitivityCommand, {
      target: company.ticker,
      x: axes.x,
      y: axes.y,
      ...framing,
    });
    const bridge = sotpBridgeChart(value);
    const heatmap = sensitivityHeatmap(sensitivity, spot);
    charts.push(bridge, heatmap);
    blocks.push(
      ...companySection(company, value, estimates, bridge, heatmap, policy, await thesisOf(ports, company.ticker)),
    );
  }

  const historyFrom = networkHistoryFrom(asOf);
  const history = await run<NetworkHistoryResult>(networkHistoryCommand, {
    from: historyFrom,
    to: asOf,
    interval: 'week',
  });
  const networkCharts = networkHistoryCharts(history, projection);
  charts.push(...networkCharts);
  blocks.push(...networkSection(status, projection, networkCharts));

  const events = await ports.calendar.events();
  blocks.push(...calendarSection(events, asOf, coverage.targetDate, tickers, status, projection));

  const warnings = dedupe(collected.flatMap((envelope) => envelope.warnings));
  const dataAsOf = updated.envelope.dataAsOf;
  blocks.push(
    ...disclosures(
      coverage,
      ratingBounds,
      dataAsOf,
      warnings,
      (await ports.network.loadNetwork()).sources,
      updated.envelope.inputsHash,
      prior?.id ?? null,
    ),
  );

  return {
    note: {
      title: `Bitcoin miners: ratings and price targets as of ${asOf}`,
      subtitle: `${tickers.join(', ')} — methodology ${coverage.methodology.name}, scenario ${coverage.scenario.name}, targets for ${coverage.targetDate}`,
      asOf,
      blocks,
    },
    charts,
    asOf,
    dataAsOf,
    // Stale data reaches the envelope of every command that reads data; the rest are listed here once.
    warnings: warnings.filter((warning) => !CIRCUMSTANTIAL_WARNINGS.has(warning.code)),
    runId: updated.envelope.inputsHash,
    priorRunId: prior?.id ?? null,
  };
}

function headline(
  coverage: UpdateResult,
  prior: RunSummary | null,
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
        `Ratings and ${coverage.targetDate} price targets for ${coverage.companies.length} listed bitcoin miners as of ${coverage.asOf}, ` +
        `from a sum of the parts (mining, power and land, AI/HPC leases and pipeline, BTC, net cash and debt, dilution). ` +
        `Overweight: ${overweight.length > 0 ? overweight.join(', ') : 'none'}.`,
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
      rows: coverage.companies.map((company) => {
        const before = priorOf.get(company.ticker);
        const priorText =
          before?.targetUsd === undefined || before.targetUsd === null
            ? '—'
            : `${formatUsd(before.targetUsd)}${before.rating && before.rating !== company.rating ? ` (${before.rating})` : ''}`;
        return [
          company.ticker,
          company.rating,
          formatUsd(company.targetUsd),
          priorText,
          `${formatUsd(company.sharePriceUsd)} (${company.sharePriceDate ?? 'file'})`,
          formatChange(company.upside),
        ];
      }),
      notes: prior
        ? [
            `Prior: the previous saved run under the same scenario and methodology, ${prior.id.slice(0, 12)} as of ${prior.asOf}.`,
          ]
        : ['No previous saved run under this scenario and methodology: this note starts the revision history.'],
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

/**
 * The diffs from the prior run: the coverage's targets, and the prior run's quarter re-estimated now (a saved update
 * run of that quarter), so BTC mined and mining revenue compare like with like across a quarter boundary.
 */
async function revisionsSince(
  prior: RunSummary,
  runId: string,
  framing: Record<string, unknown>,
  ports: AppPorts,
  run: <Results>(definition: CommandDefinition, raw: Record<string, unknown>) => Promise<Results>,
): Promise<DiffResult[]> {
  const diffs = [await run<DiffResult>(diffCommand, { runA: prior.id, runB: runId, metrics: 'key' })];
  const store = await ports.runs.open();
  const quarterOf = async (id: string) =>
    (await store.get(id))?.figures.find((figure) => figure.metric === 'btcMined')?.period;
  const priorQuarter = await quarterOf(prior.id);
  if (priorQuarter && priorQuarter !== (await quarterOf(runId))) {
    const sameQuarter = await executeAndRecord(updateCommand, { ...framing, quarter: priorQuarter }, ports);
    if (sameQuarter.run) {
      await store.save(sameQuarter.run);
      diffs.push(await run<DiffResult>(diffCommand, { runA: prior.id, runB: sameQuarter.run.id, metrics: 'key' }));
    }
  }
  return diffs;
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
              : compact(value);
        const shown = (value: number | null) => (value === null ? '—' : format(value));
        return [
          row.ticker,
          row.period,
          METRIC_LABELS[row.metric] ?? row.metric,
          shown(row.a),
          shown(row.b),
          row.changePct === null ? shown(row.change) : formatChange(row.changePct),
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
      caption: `Revisions from ${targets.runA.asOf} (run ${targets.runA.id.slice(0, 12)}) to ${targets.runB.asOf} (run ${targets.runB.id.slice(0, 12)}); changes within the diff's tolerance are left out`,
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

function companySection(
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
      text: `Price ${formatUsd(company.sharePriceUsd)} on ${company.sharePriceDate ?? 'the file date'}, upside ${formatChange(company.upside)}. Equity value ${compact(company.parts.equityValueUsd)} USD over ${compact(company.parts.dilutedShares)} diluted shares.`,
    },
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
      rows: value.bridge.map((step) => [step.part, compact(step.valueUsd), formatUsd(step.perShareUsd)]),
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
        compact(period.miningRevenueUsd),
        compact(period.hpcRevenueUsd),
        compact(period.adjustedEbitdaUsd),
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
          text: `${Math.round(exposure.ercotMw)} MW in ERCOT; ${Math.round(exposure.atRiskMw)} MW not energized by the review date, of which ${Math.round(exposure.forfeitedMw)} MW would be forfeited under the rule (probability ${Math.round(policy.rule.probability * 100)}%): target ${formatUsd(exposure.targetUsd)} → ${formatUsd(exposure.targetUnderRuleUsd)} (${formatChange(exposure.impactPct)}).`,
        }
      : { kind: 'paragraph', text: 'No capacity in ERCOT: the rule does not apply.' },
    { kind: 'heading', level: 2, text: 'Key risks' },
    thesis
      ? { kind: 'list', items: thesis.risks.map((point) => `${point.text} (${point.source})`) }
      : { kind: 'paragraph', text: 'The company file lists no risks.' },
  ];
  return blocks;
}

function networkSection(
  status: NetworkStatusResult,
  projection: NetworkProjectionResult,
  networkCharts: ChartSpec[],
): NoteBlock[] {
  return [
    { kind: 'heading', level: 1, text: 'The network', id: 'network' },
    {
      kind: 'paragraph',
      text:
        `At the end of ${status.asOf}: height ${status.tipHeight.toLocaleString('en-US')}, difficulty ${compact(status.epoch.difficulty)}, ` +
        `hashrate ${status.hashrate7dEhs.toFixed(0)} EH/s (7-day), hashprice ${status.hashpriceUsdPerPhDay === null ? 'unknown' : `$${status.hashpriceUsdPerPhDay.toFixed(2)}/PH/day`}. ` +
        `The projection (scenario ${projection.scenario.name}) starts from ${projection.start.hashrateEhs.toFixed(0)} EH/s and $${Math.round(projection.start.priceUsd).toLocaleString('en-US')}.`,
    },
    ...networkCharts.map((chart): NoteBlock => ({
      kind: 'chart',
      chart,
      caption: 'History (solid) and the scenario projection (dashed).',
    })),
  ];
}

function calendarSection(
  events: CalendarEvent[],
  asOf: string,
  targetDate: string,
  tickers: string[],
  status: NetworkStatusResult,
  projection: NetworkProjectionResult,
): NoteBlock[] {
  const from = isoFromDay((dayFromIso(asOf) - 30) as DayNumber);
  // Only what was public by the as-of date: a note never knows its own future.
  const listed = events.filter(
    (event) =>
      event.knownFrom <= asOf &&
      event.date >= from &&
      event.date <= targetDate &&
      (event.tickers.length === 0 || event.tickers.some((ticker) => tickers.includes(ticker))),
  );
  const rows: string[][] = listed.map((event) => [
    event.date,
    event.kind,
    event.tickers.join(', ') || 'all',
    `${event.title}${event.tentative ? ' (expected)' : ''}`,
    event.source,
  ]);
  const retargets = projection.events.filter((event) => event.event === 'retarget' && event.time !== null).slice(0, 3);
  rows.push(
    [
      status.retargetEstimate.estimatedTime.slice(0, 10),
      'network',
      'all',
      `next retarget at height ${status.retargetEstimate.height.toLocaleString('en-US')}: ${signed(status.retargetEstimate.changePct)}% (estimate from the epoch so far)`,
      'rerate network status',
    ],
    ...retargets
      .slice(1)
      .map((event) => [
        String(event.time).slice(0, 10),
        'network',
        'all',
        `retarget at height ${event.height.toLocaleString('en-US')}${event.changePct === null ? '' : `: ${signed(event.changePct)}%`} (projection)`,
        `rerate network project, scenario ${projection.scenario.name}`,
      ]),
    [
      status.halving.estimatedTime.slice(0, 10),
      'network',
      'all',
      `halving at height ${status.halving.nextHeight.toLocaleString('en-US')}: subsidy ${status.halving.subsidyNowBtc} → ${status.halving.subsidyAfterBtc} BTC`,
      'rerate network status (30-day mean block interval)',
    ],
  );
  rows.sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : (a[0] as string) > (b[0] as string) ? 1 : 0));
  return [
    { kind: 'heading', level: 1, text: 'Calendar', id: 'calendar' },
    {
      kind: 'table',
      caption: `Events from ${from}, as known on ${asOf}`,
      columns: [
        { label: 'Date', align: 'left' },
        { label: 'Kind', align: 'left' },
        { label: 'Companies', align: 'left' },
        { label: 'Event', align: 'left' },
        { label: 'Source', align: 'left' },
      ],
      rows,
      notes: [
        `Results and policy dates from data/calendar.yaml, up to the target date ${targetDate}; retargets and the halving from the model (dates are estimates).`,
      ],
    },
  ];
}

function disclosures(
  coverage: UpdateResult,
  bounds: { overweight: number; underweight: number } | undefined,
  dataAsOf: Record<string, string>,
  warnings: ResultWarning[],
  sources: { id: string; description: string; licence: string }[],
  runId: string,
  priorRunId: string | null,
): NoteBlock[] {
  const stale = warnings.filter((warning) => CIRCUMSTANTIAL_WARNINGS.has(warning.code));
  const other = warnings.filter((warning) => !CIRCUMSTANTIAL_WARNINGS.has(warning.code));
  return [
    { kind: 'heading', level: 1, text: 'Methodology and disclosures', id: 'disclosures' },
    { kind: 'heading', level: 2, text: 'Ratings and horizon' },
    ...(bounds
      ? [
          {
            kind: 'paragraph' as const,
            text: `Ratings (methodology ${coverage.methodology.name}): Overweight when the upside to the target is at least ${formatChange(bounds.overweight)}, Underweight when it is ${formatChange(bounds.underweight)} or less, Neutral between. The upside is measured against the share price in each company file, on its date.`,
          },
        ]
      : []),
    { kind: 'list', items: Object.entries(coverage.definitions).map(([term, definition]) => `${term}: ${definition}`) },
    {
      kind: 'paragraph',
      text: `Horizon: targets are for ${coverage.targetDate}, under methodology ${coverage.methodology.name} (${coverage.methodology.file}) and scenario ${coverage.scenario.name} (${coverage.scenario.file}). Every figure traces to a source or a labelled assumption in the company files (rerate coverage show TICKER).`,
    },
    { kind: 'heading', level: 2, text: 'Data' },
    {
      kind: 'table',
      caption: 'Data as of',
      columns: [
        { label: 'Series', align: 'left' },
        { label: 'Last day', align: 'left' },
      ],
      rows: Object.entries(dataAsOf).map(([series, day]) => [series, day]),
    },
    { kind: 'list', items: sources.map((source) => `${source.id}: ${source.description} — ${source.licence}`) },
    {
      kind: 'paragraph',
      text: `This note was generated by rerate from run ${runId.slice(0, 12)}${priorRunId ? `, compared with run ${priorRunId.slice(0, 12)}` : ''}; \`rerate runs replay ${runId.slice(0, 12)}\` recomputes its coverage.`,
    },
    { kind: 'warnings', title: 'Stale data', items: stale.map(({ code, message }) => ({ code, message })) },
    {
      kind: 'warnings',
      title: 'Assumptions and other warnings',
      items: other.map(({ code, message }) => ({ code, message })),
    },
    {
      kind: 'paragraph',
      text: 'Produced by an open-source model for research; not investment advice. Figures marked as assumptions were filled by judgment where no source was found.',
    },
  ];
}

async function thesisOf(ports: AppPorts, ticker: string) {
  return (await ports.coverage.load(ticker)).company.thesis;
}

/** The sensitivity grid around the base case (sensitivityAxesAround); a one-point probe reads the two bases from the valuation itself. */
async function sensitivityAxes(
  ticker: string,
  framing: Record<string, unknown>,
  ports: AppPorts,
): Promise<{ x: string; y: string }> {
  const probe = (
    await executeCommand(
      sensitivityCommand,
      { target: ticker, x: 'btc-price=100000:100000:1', y: 'network-growth=0:0:1', ...framing },
      ports,
    )
  ).results as SensitivityResult;
  return sensitivityAxesAround(probe.x.base ?? 100_000, probe.y.base ?? 0.3);
}

/** `2026Q1:2027Q1`: the quarter of the as-of date and the `count − 1` after it. */
function quarterRange(asOf: string, count: number): string {
  const first = periodContaining(dayFromIso(asOf), 'quarter');
  let last = first;
  for (let i = 1; i < count; i++) last = periodContaining(last.endDayExclusive, 'quarter');
  return `${first.label}:${last.label}`;
}

function dedupe(warnings: ResultWarning[]): ResultWarning[] {
  const seen = new Set<string>();
  return warnings.filter((warning) => {
    const key = `${warning.code}|${warning.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function compact(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const magnitude = Math.abs(value);
  const [divisor, suffix] =
    magnitude >= 1e12
      ? [1e12, 'T']
      : magnitude >= 1e9
        ? [1e9, 'B']
        : magnitude >= 1e6
          ? [1e6, 'M']
          : magnitude >= 1e3
            ? [1e3, 'k']
            : [1, ''];
  const scaled = value / divisor;
  return `${scaled.toFixed(Math.abs(scaled) >= 100 || suffix === '' ? 0 : 1)}${suffix}`;
}

/** A signed percentage: one decimal under 10%, whole percent above. */
function formatChange(fraction: number): string {
  const percent = fraction * 100;
  return `${percent >= 0 ? '+' : '−'}${Math.abs(percent).toFixed(Math.abs(percent) < 10 ? 1 : 0)}%`;
}

function signed(value: number): string {
  return `${value >= 0 ? '+' : ''}${Math.abs(value) >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(1)}`;
}
