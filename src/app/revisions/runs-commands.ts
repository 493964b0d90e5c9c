/** `rerate runs list|show|replay`: the saved runs, each with every input and output, and a check that it reproduces. */
import { CIRCUMSTANTIAL_WARNINGS } from '../../schema/result-envelope.ts';
import { canonicalJson } from '../canonical-json.ts';
import { defineCommand } from '../command.ts';
import { executeParsed } from '../execute-command.ts';
import { formatUsd } from '../../present/format.ts';
import type { AppPorts } from '../ports/app-ports.ts';
import { replayPlanOf, replayPorts } from './replay-plan.ts';
import { namedInputs } from '../runs/run-manifest.ts';
import type { RunSummary, StoredRun } from '../ports/run-store.ts';
import { savedCommand } from './saved-commands.ts';
import { stateOf } from './attribution.ts';
import { InputError } from '../../schema/input-error.ts';
import {
  replaySchema,
  runIdInputSchema,
  runShowSchema,
  runsListInputSchema,
  runsListSchema,
} from '../../schema/runs.ts';

export const runsListCommand = defineCommand({
  name: 'runs list',
  summary: 'The saved runs, newest first',
  description:
    'rerate update, value and estimates save a run (--no-save skips it) to the run store: SQLite at RERATE_DB or ' +
    '~/.local/share/rerate/runs.sqlite, or PostgreSQL when DATABASE_URL is a postgres URL. A run id is the SHA-256 ' +
    'of its inputs, so running the same inputs again stores nothing new.',
  examples: ['rerate runs list', 'rerate runs list --ticker IREN --limit 5', 'rerate runs list --json'],
  // Answers depend on the run store, not only on the input.
  http: { uncached: true },
  inputSchema: runsListInputSchema,
  outputSchema: runsListSchema,
  async run(input, ports) {
    const store = await ports.runs.open();
    const runs = await store.list({ ticker: input.ticker, limit: input.limit });
    return { results: { store: store.location, runs }, asOf: runs[0]?.asOf ?? '', dataAsOf: {}, warnings: [] };
  },
  textView(results) {
    return [
      {
        kind: 'table',
        title: `Saved runs in ${results.store}`,
        columns: ['#', 'Run', 'Saved (UTC)', 'Command', 'As of', 'Scenario', 'Methodology', 'Companies'],
        rows: results.runs.map((run) => [
          String(run.seq),
          run.id.slice(0, 12),
          run.savedAt.slice(0, 19).replace('T', ' '),
          run.command,
          run.asOf,
          run.scenario ?? '—',
          run.methodology ?? '—',
          companiesText(run),
        ]),
        notes:
          results.runs.length === 0
            ? ['No runs yet: rerate update saves one.']
            : ['rerate runs show RUN gives every input and output; rerate diff compares the last two runs.'],
      },
    ];
  },
});

export const runsShowCommand = defineCommand({
  name: 'runs show',
  summary: 'A saved run: every input (files with their hashes, data snapshot, code) and its outputs',
  description:
    'Give the run id or at least 6 of its first hex digits. --json prints the manifest and the stored results in full.',
  examples: ['rerate runs show 3f2a9c', 'rerate runs show 3f2a9c --json'],
  // Answers depend on the run store, not only on the input.
  http: { uncached: true },
  inputSchema: runIdInputSchema,
  outputSchema: runShowSchema,
  async run(input, ports) {
    const { store, run } = await storedRun(ports, input.run, 'run');
    return {
      results: {
        store: store.location,
        run: summaryOf(run),
        manifest: run.manifest,
        figureCount: run.figures.length,
        warnings: run.envelope.warnings,
        results: run.envelope.results,
      },
      asOf: run.manifest.asOf,
      dataAsOf: run.manifest.data.dataAsOf,
      warnings: [],
    };
  },
  textView(results) {
    const { manifest, run } = results;
    return [
      {
        kind: 'pairs',
        title: `Run ${run.id}`,
        rows: [
          ['Saved', `#${run.seq} at ${run.savedAt} in ${results.store}`],
          ['Command', `rerate ${manifest.command} ${inputText(manifest.input)}`.trim()],
          ['As of', manifest.asOf],
          ['Data snapshot', `${manifest.data.snapshotId ?? 'none'}`],
          [
            'Data as of',
            Object.entries(manifest.data.dataAsOf)
              .map(([k, v]) => `${k} ${v}`)
              .join(', '),
          ],
          ['Engine', `${manifest.engineVersion}, code ${manifest.codeCommit ?? 'not from a git checkout'}`],
          ['Seed', manifest.seed === null ? 'none (deterministic)' : String(manifest.seed)],
          ['Outputs', `${results.figureCount} figures, ${results.warnings.length} warnings`],
        ],
      },
      {
        kind: 'table',
        title: 'Files read',
        columns: ['Role', 'Asked for', 'File', 'SHA-256'],
        rows: manifest.files.map((f) => [f.role, f.request, f.file, f.sha256.slice(0, 16)]),
      },
      {
        kind: 'table',
        title: 'Companies',
        columns: ['Ticker', 'Rating', 'Target'],
        rows: run.companies.map((c) => [
          c.ticker,
          c.rating ?? '—',
          c.targetUsd === null ? '—' : formatUsd(c.targetUsd),
        ]),
      },
    ];
  },
});

export const runsReplayCommand = defineCommand({
  name: 'runs replay',
  summary: 'Recompute a saved run from its stored inputs and confirm the outputs are identical',
  description:
    'Reads every file from the store (not from disk), recomputes with today’s code and the same data snapshot, and ' +
    'compares the inputs hash, the results and the warnings (all but stale-data and local-data-unusable, which ' +
    'depend on when and where a run is made). A run made on a local data snapshot replays on that snapshot while the ' +
    'local store keeps it. Exits 1 when anything differs.',
  examples: ['rerate runs replay 3f2a9c'],
  // Answers depend on the run store, not only on the input.
  http: { uncached: true, heavy: true },
  inputSchema: runIdInputSchema,
  outputSchema: replaySchema,
  async run(input, ports) {
    const { run } = await storedRun(ports, input.run, 'run');
    const { input: replayInput, ports: replayed } = await replayPorts(replayPlanOf(run), ports);
    const { envelope, run: again } = await executeParsed(savedCommand(run.manifest.command), replayInput, replayed);
    if (!again) throw new Error('internal error: the replay recorded no run');
    const saved = stateOf(run.figures, run.companies).figures;
    const now = stateOf(again.figures, again.companies).figures;
    const differences = [...new Set([...saved.keys(), ...now.keys()])]
      .filter((key) => saved.get(key) !== now.get(key))
      .map((key) => {
        const [ticker, period, metric] = key.split('|') as [string, string, string];
        return { ticker, period, metric, saved: saved.get(key) ?? null, replayed: now.get(key) ?? null };
      });
    const resultsIdentical = canonicalJson(envelope.results) === canonicalJson(run.envelope.results);
    // Staleness and a fallback from the local store depend on when and where a run is made, not on its inputs.
    const inputWarnings = (warnings: readonly { code: string }[]) =>
      canonicalJson(warnings.filter((warning) => !CIRCUMSTANTIAL_WARNINGS.has(warning.code)));
    const warningsIdentical = inputWarnings(envelope.warnings) === inputWarnings(run.envelope.warnings);
    const inputsIdentical = again.id === run.id;
    const results = {
      run: run.id,
      identical: resultsIdentical && warningsIdentical && differences.length === 0,
      inputsIdentical,
      replayedId: again.id,
      codeCommit: { saved: run.manifest.codeCommit, now: again.manifest.codeCommit },
      resultsIdentical,
      warningsIdentical,
      figuresCompared: saved.size,
      differences,
    };
    return { results, asOf: run.manifest.asOf, dataAsOf: run.manifest.data.dataAsOf, warnings: [] };
  },
  textView(results) {
    const verdict = results.identical ? 'identical: every result, figure and warning reproduces' : 'DIFFERENT';
    return [
      {
        kind: 'pairs',
        title: `Replay of run ${results.run.slice(0, 12)}`,
        rows: [
          ['Outputs', verdict],
          ['Figures compared', `${results.figuresCompared}, ${results.differences.length} differ`],
          [
            'Results / warnings',
            `${results.resultsIdentical ? 'same' : 'differ'} / ${results.warningsIdentical ? 'same' : 'differ'}`,
          ],
          [
            'Inputs',
            results.inputsIdentical
              ? 'same run id'
              : `run id ${results.replayedId.slice(0, 12)}: ` +
                `code ${results.codeCommit.saved ?? 'unknown'} → ${results.codeCommit.now ?? 'unknown'}`,
          ],
        ],
      },
      ...(results.differences.length > 0
        ? [
            {
              kind: 'table' as const,
              title: 'Figures that differ',
              columns: ['Ticker', 'Period', 'Metric', 'Saved', 'Replayed'],
              rows: results.differences
                .slice(0, 50)
                .map((d) => [d.ticker, d.period, d.metric, String(d.saved), String(d.replayed)]),
            },
          ]
        : []),
    ];
  },
  failure(results) {
    if (results.identical) return undefined;
    const differ = results.differences.length;
    return (
      `the replay of run ${results.run.slice(0, 12)} does not reproduce it ` +
      `(${differ} ${differ === 1 ? 'figure differs' : 'figures differ'}; ` +
      `results ${results.resultsIdentical ? 'same' : 'differ'}, ` +
      `warnings ${results.warningsIdentical ? 'same' : 'differ'})`
    );
  },
});

/** A stored run by id or prefix, or an InputError naming `field`. */
export async function storedRun(ports: AppPorts, idOrPrefix: string, field: string) {
  const store = await ports.runs.open();
  const run = await store.get(idOrPrefix).catch((error: unknown) => {
    if (error instanceof InputError) throw InputError.at([field], error.issues[0]?.message ?? 'bad run id');
    throw error;
  });
  if (!run) throw InputError.at([field], `no run ${idOrPrefix} in ${store.location} (rerate runs list)`);
  return { store, run };
}

export function summaryOf(run: StoredRun): RunSummary {
  return {
    id: run.id,
    seq: run.seq,
    savedAt: run.savedAt,
    command: run.manifest.command,
    asOf: run.manifest.asOf,
    ...namedInputs(run.manifest),
    codeCommit: run.manifest.codeCommit,
    companies: run.companies,
  };
}

const RATING_SHORT: Record<string, string> = { Overweight: 'OW', Neutral: 'N', Underweight: 'UW' };

function companiesText(run: RunSummary): string {
  return run.companies
    .map((c) => (c.rating ? `${c.ticker} ${RATING_SHORT[c.rating] ?? c.rating} ${formatUsd(c.targetUsd)}` : c.ticker))
    .join(', ');
}

function inputText(input: Record<string, unknown>): string {
  return Object.entries(input)
    .filter(([, v]) => v !== undefined && v !== false)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
}
