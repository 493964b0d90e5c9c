/**
 * Recomputing from stored inputs (DESIGN.md §8). A replay plan says which stored run each group of inputs comes from:
 * one run throughout is a replay; a mix of two is a step of an attribution by sequential substitution. The groups, in
 * the order attribution substitutes them:
 *
 * 1. timing — the as-of date, the target date and the periods shown (and the scenario's own paths, which the market
 *    groups below then override);
 * 2. btc-price — the BTC price path (history to the run's as-of date, its scenario after);
 * 3. network — network hashrate, difficulty and subsidy, the same way;
 * 4. fees — network fees, the same way;
 * 5. operations — the company files' fleet and corporate costs, and the reported monthly production;
 * 6. hpc-and-power — the company files' sites and HPC leases and pipeline, and the scenario's company adjustments and
 *    power-policy rule;
 * 7. balance-sheet — the company files' balance sheet, shares and share price;
 * 8. methodology — the valuation methodology file.
 */
import { companyFileSchema } from '../../schema/company.ts';
import { InputError } from '../../schema/input-error.ts';
import { dayFromIso } from '../../units/calendar-day.ts';
import { canonicalJson, sha256Hex } from '../canonical-json.ts';
import type { MarketView, MarketViews } from '../ports/market-views.ts';
import type { AppPorts } from '../ports/app-ports.ts';
import type { CoverageSource, ScenarioSource } from '../ports/file-sources.ts';
import type { LoadedCompany, LoadedScenario } from '../../inputs/loaded-files.ts';
import { pathOverridesFrom } from '../../inputs/projection-inputs.ts';
import { loadScenarioChain } from '../sessions/scenario-chain.ts';
import type { RecordedSources, RunInputs } from '../ports/replay-source.ts';
import { ATTRIBUTION_DRIVERS, type AttributionDriver } from '../../schema/attribution-drivers.ts';

export type ReplayPlan = Record<AttributionDriver, RunInputs>;

/** Company-file keys by group; every other key goes with operations. */
export const HPC_AND_POWER_KEYS: readonly string[] = ['sites', 'hpc'];
export const BALANCE_SHEET_KEYS: readonly string[] = ['balanceSheet', 'shares', 'market'];
/** Command-input fields by group; every other field (the as-of date, target date, periods, ticker) goes with timing. */
export const INPUT_KEYS: Partial<Record<AttributionDriver, readonly string[]>> = {
  'btc-price': ['price'],
  network: ['hashrateGrowth', 'networkModel'],
  fees: ['fees'],
  operations: ['reported', 'modelOnly'],
  methodology: ['methodology'],
};
/**
 * The scenario's paths go with timing (the market groups then take theirs from market views); its company and policy
 * blocks with hpc-and-power, through this synthetic last scenario that carries that run's.
 */
const COMPANY_BLOCKS_SCENARIO = '@companies-and-policy';

export function replayPlanOf(run: RunInputs): ReplayPlan {
  return Object.fromEntries(ATTRIBUTION_DRIVERS.map((driver) => [driver, run])) as ReplayPlan;
}

/** Market views by the run they come from: the states of one attribution share them (and so their projected days). */
export type MarketViewCache = Map<RunInputs, Promise<MarketView>>;

/**
 * The command input and the ports that recompute a plan: stored files only, the data from `base`. Market views are
 * taken from `views` when there, else made and kept there.
 */
export async function replayPorts(
  plan: ReplayPlan,
  base: AppPorts,
  views: MarketViewCache = new Map(),
): Promise<{ input: Record<string, unknown>; ports: AppPorts }> {
  const runs = new Set(Object.values(plan));
  // Every run of the plan must have used one data snapshot: today's, or an older one the local store still keeps.
  const snapshotIds = new Set([...runs].map((run) => run.manifest.data.snapshotId));
  const [snapshotId] = snapshotIds;
  if (snapshotIds.size > 1 || typeof snapshotId !== 'string') {
    throw InputError.at(
      ['run'],
      `the runs used different data snapshots (${[...snapshotIds].map((id) => String(id).slice(0, 12)).join(', ')}): ` +
        'their inputs cannot be mixed',
    );
  }
  const current = await base.network.loadNetwork();
  if (current.snapshotId !== snapshotId) {
    const kept = await base.network.loadSnapshot(snapshotId);
    if (!kept) {
      const run = [...runs][0] as RunInputs;
      throw InputError.at(
        ['run'],
        `run ${run.id.slice(0, 12)} used data snapshot ${snapshotId.slice(0, 12)}, ` +
          'which is neither the embedded data nor kept in the local data store ' +
          `(the data available is ${current.snapshotId.slice(0, 12)})`,
      );
    }
    const network = { loadNetwork: async () => kept, loadSnapshot: base.network.loadSnapshot };
    base = { ...base, network };
  }
  const sources = new Map([...runs].map((run) => [run, base.replay.sourcesOf(run)]));
  const of = (driver: AttributionDriver) => sources.get(plan[driver]) as RecordedSources;
  const timing = plan.timing;
  if (runs.size === 1) {
    const only = of('timing');
    return { input: timing.manifest.input, ports: { ...base, ...only, marketViews: undefined } };
  }

  const ops = plan.operations.manifest.input;
  const input: Record<string, unknown> = { ...timing.manifest.input, asOf: timing.manifest.asOf };
  for (const key of INPUT_KEYS.operations ?? []) setOrDelete(input, key, ops[key]);
  setOrDelete(input, 'methodology', plan.methodology.manifest.input['methodology']);

  let scenarios = of('timing').scenarios;
  if (plan['hpc-and-power'] !== timing && typeof input['scenario'] === 'string') {
    const companyRun = plan['hpc-and-power'];
    const companyBlocks = (
      await loadScenarioChain(of('hpc-and-power').scenarios, String(companyRun.manifest.input['scenario']))
    ).scenario;
    scenarios = withCompanyBlocksOf(scenarios, companyBlocks, companyRun.id);
    input['scenario'] = `${String(input['scenario'])},${COMPANY_BLOCKS_SCENARIO}`;
  }

  const marketViews: MarketViews = {};
  for (const [driver, key] of [
    ['btc-price', 'price'],
    ['network', 'network'],
    ['fees', 'fees'],
  ] as const) {
    const run = plan[driver];
    if (run !== timing) marketViews[key] = await marketViewOf(views, run, of(driver).scenarios);
  }

  return {
    input,
    ports: {
      ...base,
      coverage: hybridCoverage(plan, of),
      scenarios,
      methodologies: of('methodology').methodologies,
      reported: of('operations').reported,
      marketViews,
    },
  };
}

function marketViewOf(views: MarketViewCache, run: RunInputs, scenarios: ScenarioSource): Promise<MarketView> {
  let view = views.get(run);
  if (!view) views.set(run, (view = newMarketView(run, scenarios)));
  return view;
}

async function newMarketView(run: RunInputs, scenarios: ScenarioSource): Promise<MarketView> {
  const input = run.manifest.input as Parameters<typeof pathOverridesFrom>[0] & { scenario?: string };
  return {
    runId: run.id,
    asOfDay: dayFromIso(run.manifest.asOf),
    scenario: await loadScenarioChain(scenarios, input.scenario ?? 'base'),
    overrides: pathOverridesFrom(input),
    daysBySpan: new Map(),
  };
}

/** Scenario files without their company and policy blocks, plus a synthetic last one that carries another run's. */
function withCompanyBlocksOf(
  scenarios: ScenarioSource,
  blocks: LoadedScenario['scenario'],
  runId: string,
): ScenarioSource {
  return {
    ...scenarios,
    async load(nameOrPath) {
      if (nameOrPath === COMPANY_BLOCKS_SCENARIO) {
        const scenario = {
          name: 'companies',
          description: `company adjustments and policy of run ${runId.slice(0, 12)}`,
          ...(blocks.companies && { companies: blocks.companies }),
          ...(blocks.policy && { policy: blocks.policy }),
        };
        return {
          scenario,
          file: `run ${runId.slice(0, 12)} (companies and policy)`,
          builtIn: true,
          sha256: sha256Hex(canonicalJson(scenario)),
        };
      }
      const loaded = await scenarios.load(nameOrPath);
      const paths = { ...loaded.scenario };
      delete paths.companies;
      delete paths.policy;
      return { ...loaded, scenario: paths };
    },
  };
}

/** Company files whose keys come from the operations, hpc-and-power and balance-sheet runs. */
function hybridCoverage(plan: ReplayPlan, of: (driver: AttributionDriver) => RecordedSources): CoverageSource {
  return {
    async tickers() {
      const lists = await Promise.all(
        [of('operations'), of('hpc-and-power'), of('balance-sheet')].map((s) => s.coverage.tickers()),
      );
      return (lists[0] as string[]).filter((ticker) => lists.every((list) => list.includes(ticker)));
    },
    async load(ticker) {
      const [ops, hpc, sheet] = await Promise.all(
        [of('operations'), of('hpc-and-power'), of('balance-sheet')].map((s) => s.coverage.load(ticker)),
      );
      const operations = ops as LoadedCompany;
      if (plan.operations === plan['hpc-and-power'] && plan.operations === plan['balance-sheet']) return operations;
      const raw: Record<string, unknown> = { ...(operations.raw as Record<string, unknown>) };
      for (const [keys, loaded] of [
        [HPC_AND_POWER_KEYS, hpc],
        [BALANCE_SHEET_KEYS, sheet],
      ] as const) {
        const from = (loaded as LoadedCompany).raw as Record<string, unknown>;
        for (const key of keys) setOrDelete(raw, key, from[key]);
      }
      const checked = companyFileSchema.safeParse(raw);
      if (!checked.success) {
        const issue = checked.error.issues[0];
        throw InputError.at(
          ['run'],
          `${ticker}: the company file mixed from two runs is invalid at ${issue?.path.join('.')}: ${issue?.message}`,
        );
      }
      const text = canonicalJson(raw);
      return { company: checked.data, raw, file: `${operations.file} (mixed runs)`, sha256: sha256Hex(text), text };
    },
  };
}

function setOrDelete(target: Record<string, unknown>, key: string, value: unknown): void {
  if (value === undefined) delete target[key];
  else target[key] = value;
}
