/**
 * Scenarios compose (DESIGN.md §7): `--scenario bear,ercot-use-it-or-lose-it` applies the overlays left to right.
 * A later scenario's hashrate, fees, price or policy block replaces an earlier one; company adjustments merge per
 * company and input, the later value winning. Given the coverage, each scenario may adjust only covered companies.
 */
import { sha256Hex } from '../canonical-json.ts';
import { InputError } from '../../schema/input-error.ts';
import type { ScenarioFile } from '../../schema/scenario.ts';
import { throwRuleIssues } from '../../schema/yaml-locator.ts';
import type { LoadedScenario } from '../../inputs/loaded-files.ts';
import type { ScenarioSource } from '../ports/file-sources.ts';

export async function loadScenarioChain(
  source: ScenarioSource,
  text: string,
  covered?: readonly string[],
): Promise<LoadedScenario> {
  const names = text.split(',').map((name) => name.trim());
  if (names.some((name) => name === ''))
    throw InputError.at(['scenario'], 'expected scenario names or files separated by commas');
  const loaded: LoadedScenario[] = [];
  for (const name of names) loaded.push(await source.load(name));
  if (covered) for (const scenario of loaded) checkAdjustedTickers(scenario, covered);
  return withForwardCurve(source, loaded.length === 1 ? (loaded[0] as LoadedScenario) : composed(loaded));
}

/** The forward curve a scenario's price block names, read now so that nothing below reads a file. */
async function withForwardCurve(source: ScenarioSource, loaded: LoadedScenario): Promise<LoadedScenario> {
  const curve = loaded.scenario.price?.curve;
  if (curve === undefined) return loaded;
  const relativeTo = loaded.curveRelativeTo ?? (loaded.builtIn ? undefined : loaded.file);
  const { points } = await source.readForwardCurve(curve, relativeTo);
  return { ...loaded, priceCurve: points };
}

/**
 * A company adjustment for a ticker the coverage does not hold is refused at its key (issue 19): it is a typo, or a
 * scenario written for another coverage, and would silently adjust nothing.
 */
function checkAdjustedTickers({ scenario, file, text }: LoadedScenario, covered: readonly string[]): void {
  const unknown = Object.keys(scenario.companies?.adjust ?? {}).filter(
    (key) => key !== 'all' && !covered.includes(key),
  );
  throwRuleIssues(
    text ?? '',
    file,
    unknown.map((ticker) => ({
      path: ['companies', 'adjust', ticker],
      message: `no company file for "${ticker}" in the coverage (covered: ${covered.join(', ')})`,
    })),
  );
}

function composed(loaded: readonly LoadedScenario[]): LoadedScenario {
  let merged: ScenarioFile = {
    name: loaded.map((l) => l.scenario.name).join('+'),
    description: loaded.map((l) => `${l.scenario.name}: ${l.scenario.description}`).join(' Then '),
  };
  let curveRelativeTo: string | undefined;
  for (const { scenario, file, builtIn } of loaded) {
    const adjust = { ...(merged.companies?.adjust ?? {}) };
    for (const [key, values] of Object.entries(scenario.companies?.adjust ?? {}))
      adjust[key] = { ...(adjust[key] ?? {}), ...values };
    merged = {
      ...merged,
      ...(scenario.hashrate && { hashrate: scenario.hashrate }),
      ...(scenario.fees && { fees: scenario.fees }),
      ...(scenario.price && { price: scenario.price }),
      ...(scenario.policy && { policy: scenario.policy }),
      ...(scenario.companies && {
        companies: {
          adjust,
          source: [merged.companies?.source, `${file}: ${scenario.companies.source}`].filter(Boolean).join('; '),
        },
      }),
    };
    // '' : a built-in's curve path, resolved as for a single built-in scenario.
    if (scenario.price) curveRelativeTo = builtIn ? '' : file;
  }
  return {
    scenario: merged,
    file: loaded.map((l) => l.file).join(' + '),
    builtIn: loaded.every((l) => l.builtIn),
    sha256: sha256Hex(loaded.map((l) => l.sha256).join(',')),
    curveRelativeTo,
  };
}
