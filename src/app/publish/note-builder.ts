/**
 * The research note (DESIGN.md §10) as a document, assembled from the same commands the CLI runs, so every number
 * in it is one the model printed elsewhere with its source: the coverage (`update`, saved as a run), the changes
 * against the previous saved run with their attribution (`diff`), the comps (`comps`), per company the bridge
 * (`value`), quarterly estimates (`estimates`), a BTC price × network growth grid (`sensitivity`) and the ERCOT
 * exposure (`policy`), the network's history and projection, the calendar, and the methodology, sources and warnings.
 */
import type { z } from 'zod';
import { networkHistoryFrom } from '../../present/network-window.ts';
import { CIRCUMSTANTIAL_WARNINGS } from '../../schema/result-envelope.ts';
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
import { compsCommand } from '../commands/comps.ts';
import { valueCommand } from '../commands/value.ts';
import { executeAndRecord, executeCommand } from '../execute-command.ts';
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
import { dayFromIso } from '../../units/calendar-day.ts';
import { periodContaining } from '../../units/calendar-period.ts';
import { type DiffResult, headline } from '../../present/note/coverage-section.ts';
import { companySection } from '../../present/note/company-section.ts';
import { compsSection } from '../../present/note/comps-section.ts';
import { calendarSection, networkSection } from '../../present/note/network-section.ts';
import { disclosures } from '../../present/note/disclosures.ts';

/** Runs a command of the note and collects its envelope: typed by the definition, inputs and results. */
type RunCommand = <InputSchema extends z.ZodType, Results>(
  definition: CommandDefinition<InputSchema, Results>,
  raw: z.input<InputSchema>,
) => Promise<Results>;

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

/** Quarters of estimates per company: the as-of date's quarter and the four after it. */
const ESTIMATE_QUARTERS = 5;

export async function buildNote(input: NoteInput, ports: AppPorts): Promise<BuiltNote> {
  const framing = {
    ...(input.asOf ? { asOf: input.asOf } : {}),
    scenario: input.scenario,
    methodology: input.methodology,
  };
  const collected: ResultEnvelope<unknown>[] = [];
  const run: RunCommand = async (definition, raw) => {
    const envelope = await executeCommand(definition, raw, ports);
    collected.push(envelope);
    return envelope.results;
  };

  // The coverage, saved as a run so the next note (and `rerate diff`) can compare with it.
  const updated = await executeAndRecord(updateCommand, framing, ports);
  collected.push(updated.envelope);
  const coverage = updated.envelope.results;
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

  blocks.push(...compsSection(await run(compsCommand, framing)));

  const status = await run(networkStatusCommand, input.asOf ? { asOf: input.asOf } : {});
  const projection = await run(networkProjectCommand, {
    ...(input.asOf ? { asOf: input.asOf } : {}),
    to: coverage.targetDate,
    scenario: input.scenario,
    interval: 'day',
  });
  const policy = await run(policyCommand, { rule: 'ercot', ...framing });
  const axes = await sensitivityAxes(coverage.companies[0]?.ticker ?? '', framing, ports);
  let ratingBounds: { overweight: number; underweight: number } | undefined;
  for (const company of coverage.companies) {
    const value = await run(valueCommand, { target: company.ticker, ...framing });
    const quarters = quarterRange(asOf, ESTIMATE_QUARTERS);
    const estimates = await run(estimatesCommand, {
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
    const sensitivity = await run(sensitivityCommand, {
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
  const history = await run(networkHistoryCommand, {
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
      subtitle:
        `${tickers.join(', ')} — methodology ${coverage.methodology.name}, ` +
        `scenario ${coverage.scenario.name}, targets for ${coverage.targetDate}`,
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

/**
 * The diffs from the prior run: the coverage's targets, and the prior run's quarter re-estimated now (a saved update
 * run of that quarter), so BTC mined and mining revenue compare like with like across a quarter boundary.
 */
async function revisionsSince(
  prior: RunSummary,
  runId: string,
  framing: Record<string, unknown>,
  ports: AppPorts,
  run: RunCommand,
): Promise<DiffResult[]> {
  const diffs = [await run(diffCommand, { runA: prior.id, runB: runId, metrics: 'key' })];
  const store = await ports.runs.open();
  const quarterOf = async (id: string) =>
    (await store.get(id))?.figures.find((figure) => figure.metric === 'btcMined')?.period;
  const priorQuarter = await quarterOf(prior.id);
  if (priorQuarter && priorQuarter !== (await quarterOf(runId))) {
    const sameQuarter = await executeAndRecord(updateCommand, { ...framing, quarter: priorQuarter }, ports);
    // The prior may be that very re-estimate (saved by an earlier note under this framing): nothing more to compare.
    if (sameQuarter.run && sameQuarter.run.id !== prior.id) {
      await store.save(sameQuarter.run);
      diffs.push(await run(diffCommand, { runA: prior.id, runB: sameQuarter.run.id, metrics: 'key' }));
    }
  }
  return diffs;
}

async function thesisOf(ports: AppPorts, ticker: string) {
  return (await ports.coverage.load(ticker)).company.thesis;
}

/**
 * The sensitivity grid around the base case (sensitivityAxesAround); a one-point probe reads the two bases from the
 * valuation itself.
 */
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
  ).results;
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
