/**
 * Attribution of a revision by sequential substitution (DESIGN.md §8): start from run A's inputs, swap in run B's one
 * group at a time in the order of replay-plan.ts, recompute after each swap, and credit each figure's change to the
 * group swapped. The steps telescope: they sum exactly to B − A as recomputed. Whatever a stored run's figures differ
 * from its recomputation (code changed since it was saved) is shown apart as "not reproduced", so the columns still
 * sum to the stored change.
 */
import type { CommandDefinition } from '../command.ts';
import { canonicalJson } from '../canonical-json.ts';
import { executeParsed } from '../execute-command.ts';
import type { AppPorts } from '../ports/app-ports.ts';
import { ATTRIBUTION_DRIVERS, type AttributionDriver } from '../../schema/attribution-drivers.ts';
import {
  BALANCE_SHEET_KEYS,
  HPC_AND_POWER_KEYS,
  INPUT_KEYS,
  replayPlanOf,
  replayPorts,
  type MarketViewCache,
  type ReplayPlan,
} from './replay-plan.ts';
import { type RunInputs } from '../ports/replay-source.ts';
import type { RunFigure } from '../ports/run-store.ts';
import type { RunCompany, StoredRun } from '../ports/run-store.ts';
import { loadScenarioChain } from '../sessions/scenario-chain.ts';

/** Figures by `ticker|period|metric`. */
export type FigureMap = Map<string, number | null>;

export interface AttributionState {
  figures: FigureMap;
  ratings: Map<string, string | null>;
}

export interface Attribution {
  /** What changed in each group between the runs (null: nothing). */
  changes: Record<AttributionDriver, string | null>;
  /** A's recomputation, then the state after each driver's swap (the last is B's recomputation). */
  start: AttributionState;
  steps: { driver: AttributionDriver; state: AttributionState }[];
}

export function figureKey(figure: Pick<RunFigure, 'ticker' | 'period' | 'metric'>): string {
  return `${figure.ticker}|${figure.period}|${figure.metric}`;
}

export function stateOf(figures: readonly RunFigure[], companies: readonly RunCompany[]): AttributionState {
  return {
    figures: new Map(figures.map((f) => [figureKey(f), f.value])),
    ratings: new Map(companies.map((c) => [c.ticker, c.rating])),
  };
}

export async function attributeRevision(
  definition: CommandDefinition,
  a: StoredRun,
  b: StoredRun,
  ports: AppPorts,
): Promise<Attribution> {
  const changes = await groupChanges(a, b, ports);
  const views: MarketViewCache = new Map();
  const recompute = async (plan: ReplayPlan): Promise<AttributionState> => {
    const { input, ports: planPorts } = await replayPorts(plan, ports, views);
    const { run } = await executeParsed(definition, input, planPorts);
    if (!run) throw new Error(`internal error: ${definition.name} runs are not recorded`);
    return stateOf(run.figures, run.companies);
  };
  const start = await recompute(replayPlanOf(a));
  const lastChanged = ATTRIBUTION_DRIVERS.filter((driver) => changes[driver] !== null).at(-1);
  const plan: ReplayPlan = replayPlanOf(a);
  const steps: Attribution['steps'] = [];
  let state = start;
  for (const driver of ATTRIBUTION_DRIVERS) {
    plan[driver] = b;
    // An unchanged group leaves every figure as it was; after the last changed one, the plan is B's own inputs.
    if (changes[driver] !== null)
      state = driver === lastChanged ? await recompute(replayPlanOf(b)) : await recompute({ ...plan });
    steps.push({ driver, state });
  }
  return { changes, start, steps };
}

/** What differs between two runs in each group of inputs, in words (null when nothing does). */
export async function groupChanges(
  a: RunInputs,
  b: RunInputs,
  ports: AppPorts,
): Promise<Record<AttributionDriver, string | null>> {
  const [ma, mb] = [a.manifest, b.manifest];
  const sa = ports.replay.sourcesOf(a);
  const sb = ports.replay.sourcesOf(b);
  const differ = (x: unknown, y: unknown) => canonicalJson(x) !== canonicalJson(y);
  const arrow = (x: unknown, y: unknown) => `${text(x)} → ${text(y)}`;
  const listed = (items: string[]) => (items.length > 0 ? items.join('; ') : null);

  const timingKeys = Object.keys({ ...ma.input, ...mb.input }).filter((key) => !NOT_TIMING_KEYS.has(key));
  const timing = listed([
    ...(ma.asOf !== mb.asOf ? [`as of ${arrow(ma.asOf, mb.asOf)}`] : []),
    ...timingKeys
      .filter((key) => differ(ma.input[key], mb.input[key]))
      .map((key) => `${key} ${arrow(ma.input[key], mb.input[key])}`),
  ]);

  const composed = async (m: typeof ma, source: typeof sa) =>
    typeof m.input['scenario'] === 'string'
      ? (await loadScenarioChain(source.scenarios, m.input['scenario'])).scenario
      : undefined;
  const [ca, cb] = [await composed(ma, sa), await composed(mb, sb)];
  const curves = (m: typeof ma) => m.files.filter((f) => f.role === 'curve').map((f) => f.sha256);
  // A path is the same when the as-of date, the scenario's block for it (and a forward curve's file) and the flag are.
  const view = (block: 'price' | 'hashrate' | 'fees', key: string, what: string) => {
    const same =
      ma.asOf === mb.asOf &&
      !differ(ca?.[block], cb?.[block]) &&
      !differ(ma.input[key], mb.input[key]) &&
      (block !== 'price' || !differ(curves(ma), curves(mb)));
    return same
      ? null
      : `${what} as seen by run A (as of ${ma.asOf}, scenario ${text(ma.input['scenario'])}${flag(ma.input[key])}) → ` +
          `run B (as of ${mb.asOf}, scenario ${text(mb.input['scenario'])}${flag(mb.input[key])})`;
  };

  const tickers = (await sa.coverage.tickers()).filter(
    (t) =>
      ma.files.some((f) => f.role === 'company' && f.request === t) &&
      mb.files.some((f) => f.role === 'company' && f.request === t),
  );
  const companyKeys = async (keys: (key: string) => boolean) => {
    const changed: string[] = [];
    for (const ticker of tickers) {
      const [ra, rb] = [(await sa.coverage.load(ticker)).raw, (await sb.coverage.load(ticker)).raw] as Record<
        string,
        unknown
      >[];
      const names = Object.keys({ ...ra, ...rb })
        .filter(keys)
        .filter((key) => differ(ra?.[key], rb?.[key]));
      if (names.length > 0) changed.push(`${ticker}: ${names.join(', ')}`);
    }
    return changed;
  };
  const reportedFiles = (m: typeof ma) => m.files.filter((f) => f.role === 'reported').map((f) => f.sha256);
  const operations = listed([
    ...(await companyKeys((key) => !HPC_KEYS.has(key) && !BALANCE_KEYS.has(key))),
    ...(differ(reportedFiles(ma), reportedFiles(mb)) || differ(ma.input['modelOnly'], mb.input['modelOnly'])
      ? ['reported monthly figures']
      : []),
  ]);
  const blocksDiffer = differ([ca?.companies, ca?.policy], [cb?.companies, cb?.policy]);
  const hpc = listed([
    ...(await companyKeys((key) => HPC_KEYS.has(key))),
    ...(blocksDiffer ? ['scenario company adjustments or power policy'] : []),
  ]);
  const balance = listed(await companyKeys((key) => BALANCE_KEYS.has(key)));
  const methodologyFile = (m: typeof ma) => m.files.find((f) => f.role === 'methodology');
  const [fa, fb] = [methodologyFile(ma), methodologyFile(mb)];
  const methodology =
    fa?.sha256 !== fb?.sha256
      ? `${fa?.file ?? 'none'} → ${fb?.file ?? 'none'}${fa?.file === fb?.file ? ' (edited)' : ''}`
      : null;

  return {
    timing,
    'btc-price': view('price', 'price', 'price path'),
    network: view('hashrate', 'hashrateGrowth', 'hashrate path'),
    fees: view('fees', 'fees', 'fee path'),
    operations,
    'hpc-and-power': hpc,
    'balance-sheet': balance,
    methodology,
  };
}

/** Input fields that are not timing's own (the as-of date is compared as resolved, in the manifest). */
const NOT_TIMING_KEYS = new Set(['asOf', 'scenario', ...Object.values(INPUT_KEYS).flat()]);
const HPC_KEYS = new Set(HPC_AND_POWER_KEYS);
const BALANCE_KEYS = new Set(BALANCE_SHEET_KEYS);

function text(value: unknown): string {
  return value === undefined ? 'default' : typeof value === 'string' ? value : JSON.stringify(value);
}

function flag(value: unknown): string {
  return value === undefined ? '' : `, flag ${text(value)}`;
}
