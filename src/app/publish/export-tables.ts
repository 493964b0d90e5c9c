/**
 * The tables of `rerate export` (DESIGN.md §10): what analysts keep in their spreadsheets, built from the same
 * commands the CLI prints, run in process, so every number is the one `--json` gives.
 *
 * - `estimates`: `rerate estimates all` over calendar quarters — the as-of date's quarter and the next seven
 *   (ESTIMATE_QUARTERS = 8, two years: the current quarter, the rest of this year and the next) — one row per
 *   company × quarter.
 * - `valuation`: `rerate update` — one row per company: rating, target, price, upside and the sum-of-the-parts
 *   lines in USD (claims negative, so the parts sum to the equity value), diluted shares.
 * - `comps`: `rerate comps` — one row per company: market cap, EV and its parts by kind, the multiples and the
 *   market-implied HPC share.
 * - `sensitivity`: the sensitivity engine (`rerate sensitivity`'s: the valuation session re-valued at each point),
 *   the target over BTC price × network growth, long format. The default grid is centred on each base value: the
 *   projection's start price and ±10 … ±40% of it (rounded to whole USD), × the scenario's network growth and
 *   ±10, ±20, ±30 points per year (9 × 7 points; 0% … 60%/yr when the scenario gives the hashrate as points).
 * - `cost-curve`: `rerate cost-curve` — the last reported quarter and the next four, one row per quarter × company.
 * - `network`: `rerate network project --interval day`, deterministic, from the day after the as-of date to the end
 *   of the last estimates quarter.
 * - `sources`: provenance — as-of dates, data per series, the snapshot and its files, methodology, scenario, the run
 *   id (inputsHash) of each command run, the tables, and every warning (deduplicated, with the commands that gave it).
 */
import type { z } from 'zod';
import { sensitivityGrid } from '../../scenarios/sensitivity.ts';
import { periodContaining, type CalendarPeriod } from '../../units/calendar-period.ts';
import { dayFromIso, isoFromDay, type DayNumber } from '../../units/calendar-day.ts';
import type { CommandDefinition } from '../command.ts';
import { costCurveCommand } from '../commands/cost-curve.ts';
import { estimatesCommand } from '../commands/estimates.ts';
import { networkProjectCommand } from '../commands/network-project.ts';
import { updateCommand } from '../commands/update.ts';
import { compsCommand } from '../commands/comps.ts';
import { executeAndRecord } from '../execute-command.ts';
import type { ExportTable } from '../../present/export-table.ts';
import { finiteOrNull } from '../../present/format.ts';
import type { AppPorts } from '../ports/app-ports.ts';
import type { ResultEnvelope, ResultWarning } from '../../schema/result-envelope.ts';
import { combineOptions, openValuationSession, VALUATION_INPUTS } from '../sessions/open-valuation-session.ts';
import {
  SENSITIVITY_COLUMNS,
  SOURCES_COLUMNS,
  costCurveTable,
  compsTable,
  estimatesTable,
  networkTable,
  valuationTable,
} from '../../present/export-tables.ts';

export interface ExportTablesInput {
  asOf?: string | undefined;
  scenario: string;
  methodology: string;
}

export interface ExportTables {
  tables: ExportTable[];
  asOf: string;
  dataAsOf: Record<string, string>;
  /** Every warning of the commands run, once each; `field` names the table it concerns (`tables[i]`). */
  warnings: ResultWarning[];
}

/** Calendar quarters in the estimates table: the as-of date's and the next seven. */
export const ESTIMATE_QUARTERS = 8;
/** Sensitivity grid: BTC price as multiples of the start price, network growth as points per year around the base. */
export const PRICE_GRID_STEPS = [-0.4, -0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3, 0.4] as const;
export const GROWTH_GRID_STEPS = [-0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3] as const;
/** Network growth per year when the scenario has no growth rate to centre on. */
export const FALLBACK_GROWTH_GRID = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6] as const;

export const TABLE_NAMES = [
  'estimates',
  'valuation',
  'comps',
  'sensitivity',
  'cost-curve',
  'network',
  'sources',
] as const;

export async function buildExportTables(input: ExportTablesInput, ports: AppPorts): Promise<ExportTables> {
  const warnings = new WarningLog();
  const runs: { command: string; line: string; envelope: ResultEnvelope<unknown> }[] = [];
  const run = async <InputSchema extends z.ZodType, Results>(
    definition: CommandDefinition<InputSchema, Results>,
    raw: z.input<InputSchema>,
    line: string,
    table: string,
  ): Promise<ResultEnvelope<Results>> => {
    const { envelope } = await executeAndRecord(definition, raw, ports);
    runs.push({ command: definition.name, line, envelope });
    warnings.add(envelope.warnings, definition.name, table);
    return envelope;
  };

  // The valuation first: it resolves the as-of date (default: the last day of the data) for the others.
  const updateRaw = {
    ...(input.asOf === undefined ? {} : { asOf: input.asOf }),
    scenario: input.scenario,
    methodology: input.methodology,
  };
  const updateLine = commandLine([
    'rerate',
    'update',
    ...flags({ 'as-of': input.asOf, scenario: input.scenario, methodology: input.methodology }),
  ]);
  const updateEnvelope = await run(updateCommand, updateRaw, updateLine, 'valuation');
  const valuation = updateEnvelope.results;
  const asOf = updateEnvelope.asOf;

  const quarters = quartersFrom(dayFromIso(asOf), ESTIMATE_QUARTERS);
  const first = quarters[0] as CalendarPeriod;
  const last = quarters[quarters.length - 1] as CalendarPeriod;
  const quarterRange = `${first.label}:${last.label}`;
  const estimatesEnvelope = await run(
    estimatesCommand,
    { target: 'all', asOf, quarters: quarterRange, scenario: input.scenario },
    commandLine([
      'rerate',
      'estimates',
      'all',
      ...flags({ 'as-of': asOf, quarters: quarterRange, scenario: input.scenario }),
    ]),
    'estimates',
  );
  const estimates = estimatesEnvelope.results;

  const curveEnvelope = await run(
    costCurveCommand,
    { asOf, scenario: input.scenario },
    commandLine(['rerate', 'cost-curve', ...flags({ 'as-of': asOf, scenario: input.scenario })]),
    'cost-curve',
  );
  const comps = (
    await run(
      compsCommand,
      { asOf, scenario: input.scenario, methodology: input.methodology },
      commandLine([
        'rerate',
        'comps',
        ...flags({ 'as-of': asOf, scenario: input.scenario, methodology: input.methodology }),
      ]),
      'comps',
    )
  ).results;

  const to = isoFromDay((last.endDayExclusive - 1) as DayNumber);
  const networkEnvelope = await run(
    networkProjectCommand,
    { asOf, to, scenario: input.scenario, interval: 'day' },
    commandLine([
      'rerate',
      'network',
      'project',
      ...flags({ 'as-of': asOf, to, interval: 'day', scenario: input.scenario }),
    ]),
    'network',
  );
  const network = networkEnvelope.results;

  const sensitivity = await sensitivityRows(
    input,
    asOf,
    valuation.companies.map((c) => c.ticker),
    ports,
    warnings,
  );
  const snapshot = await ports.network.loadNetwork();

  const tables: ExportTable[] = [
    estimatesTable(estimates),
    valuationTable(valuation),
    compsTable(comps),
    {
      name: 'sensitivity',
      title: `Price target over BTC price × network growth, as of ${asOf}`,
      columns: SENSITIVITY_COLUMNS,
      rows: sensitivity.rows,
    },
    costCurveTable(curveEnvelope.results),
    networkTable(network),
  ];
  const sources: string[][] = [
    ['export', 'as of', asOf, 'history up to this UTC day, the scenario after it'],
    ['export', 'target date', valuation.targetDate, 'the date the price targets refer to'],
    [
      'export',
      'engine version',
      updateEnvelope.engineVersion,
      ports.build.codeCommit === null ? 'code commit unknown' : `code commit ${ports.build.codeCommit}`,
    ],
    ...Object.entries(updateEnvelope.dataAsOf).map(([series, day]) => [
      'data',
      series,
      day,
      'last day of the series in the data',
    ]),
    ['snapshot', 'id', snapshot.snapshotId, `${snapshot.origin.kind} data, ${snapshot.origin.location}`],
    ...snapshot.files.map((file) => ['snapshot', file.name, file.sha256, `${file.rows} rows`]),
    ['methodology', valuation.methodology.name, valuation.methodology.file, 'valuation preset'],
    ['scenario', valuation.scenario.name, valuation.scenario.file, network.scenario.description],
    ...runs.map((r) => ['run', r.command, r.envelope.inputsHash, r.line]),
    ['run', 'sensitivity', 'in the export', sensitivity.description],
    ...tables.map((table) => ['table', table.name, table.title, `${table.rows.length} rows`]),
    ['table', 'sources', 'Where the numbers come from: data, files, runs and warnings', ''],
    ...warnings.list().map((w) => ['warning', w.code, w.message, w.commands.join(', ')]),
  ];
  tables.push({
    name: 'sources',
    title: 'Where the numbers come from: data, files, runs and warnings',
    columns: SOURCES_COLUMNS,
    rows: sources,
  });

  return {
    tables,
    asOf,
    dataAsOf: updateEnvelope.dataAsOf,
    warnings: warnings.list().map((w) => ({
      code: w.code,
      message: w.message,
      field: `tables[${TABLE_NAMES.indexOf(w.table as (typeof TABLE_NAMES)[number])}]`,
    })),
  };
}

async function sensitivityRows(
  input: ExportTablesInput,
  asOf: string,
  tickers: string[],
  ports: AppPorts,
  warnings: WarningLog,
) {
  const opened = await openValuationSession({ asOf, scenario: input.scenario, methodology: input.methodology }, ports);
  const rows: (string | number | null)[][] = [];
  let growthNote = '';
  for (const ticker of tickers) {
    const loaded = await ports.coverage.load(ticker);
    const base = await opened.session.value(loaded);
    const price = VALUATION_INPUTS['btc-price'].base(base, opened);
    const growth = VALUATION_INPUTS['network-growth'].base(base, opened);
    if (typeof price !== 'number') throw new Error(`internal error: no BTC price to centre ${ticker}'s sensitivity on`);
    const prices = PRICE_GRID_STEPS.map((step) => (step === 0 ? price : Math.round(price * (1 + step))));
    let growths: number[];
    if (typeof growth === 'number') {
      growths = GROWTH_GRID_STEPS.map((step) => (step === 0 ? growth : Math.round((growth + step) * 1e6) / 1e6)).filter(
        (g) => g > -0.9,
      );
      growthNote = `the scenario's ${formatShare(growth)}/yr and ±10, ±20, ±30 points`;
    } else {
      growths = [...FALLBACK_GROWTH_GRID];
      growthNote = `0% … 60%/yr (${growth})`;
      warnings.add(
        [{ code: 'sensitivity-grid', message: `${ticker}: network growth axis 0% … 60%/yr, since ${growth}` }],
        'sensitivity',
        'sensitivity',
      );
    }
    const grid = await sensitivityGrid(
      async ({ x, y }) =>
        (
          await opened.session.value(
            loaded,
            combineOptions(VALUATION_INPUTS['btc-price'].options(x), VALUATION_INPUTS['network-growth'].options(y)),
          )
        ).valuation.targetUsd,
      prices,
      growths,
    );
    grid.forEach((row, g) =>
      row.forEach((target, p) => rows.push([ticker, prices[p] as number, growths[g] as number, finiteOrNull(target)])),
    );
  }
  return {
    rows,
    description:
      `target (USD/share) at the projection's start BTC price and ±10% … ±40% of it (whole USD) × network growth ` +
      `${growthNote}; methodology ${input.methodology}, scenario ${input.scenario}; ` +
      'rerate sensitivity TICKER --x btc-price=… --y network-growth=… re-values the same way',
  };
}

/** `count` calendar quarters from the one containing `day`. */
function quartersFrom(day: DayNumber, count: number): CalendarPeriod[] {
  const quarters = [periodContaining(day, 'quarter')];
  while (quarters.length < count)
    quarters.push(periodContaining((quarters[quarters.length - 1] as CalendarPeriod).endDayExclusive, 'quarter'));
  return quarters;
}

/** Warnings once each (by code and message), with the commands that gave them and the first table they concern. */
class WarningLog {
  private readonly byKey = new Map<string, { code: string; message: string; table: string; commands: string[] }>();

  add(warnings: readonly ResultWarning[], command: string, table: string): void {
    for (const warning of warnings) {
      const key = `${warning.code}\u0000${warning.message}`;
      const seen = this.byKey.get(key);
      if (!seen) this.byKey.set(key, { code: warning.code, message: warning.message, table, commands: [command] });
      else if (!seen.commands.includes(command)) seen.commands.push(command);
    }
  }

  list() {
    return [...this.byKey.values()];
  }
}

/** `--flag value` pairs for the values given. */
function flags(values: Record<string, string | undefined>): string[] {
  return Object.entries(values).flatMap(([flag, value]) => (value === undefined ? [] : [`--${flag}`, value]));
}

/** A command line as a POSIX shell reads it (arguments with other characters single-quoted). */
function commandLine(args: string[]): string {
  return args.map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`)).join(' ');
}

function formatShare(fraction: number): string {
  return `${Math.round(fraction * 1e4) / 100}%`;
}
