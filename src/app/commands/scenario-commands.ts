/** `rerate scenario list` and `rerate scenario show`: the built-in scenarios, as data. */
import { inputField } from '../../schema/input-field.ts';
import { z } from 'zod';
import { scenarioFileSchema } from '../../schema/scenario.ts';
import { defineCommand } from '../command.ts';
import { formatPct, formatNumber } from '../../present/format.ts';
import type { LoadedScenario } from '../../inputs/loaded-files.ts';

const scenarioSummarySchema = z.object({
  name: z.string(),
  file: z.string(),
  description: z.string(),
  sha256: z.string(),
});

const scenarioShownSchema = z.object({
  file: z.string(),
  builtIn: z.boolean(),
  sha256: z.string(),
  scenario: z.custom<z.output<typeof scenarioFileSchema>>((value) => typeof value === 'object' && value !== null),
});

export const scenarioListCommand = defineCommand({
  name: 'scenario list',
  summary: 'The built-in scenarios for network projections',
  description:
    'Lists the built-in scenarios (data/scenarios/*.yaml) with their descriptions. Any YAML file of the same form ' +
    'works as --scenario.',
  examples: ['rerate scenario list', 'rerate scenario list --json'],
  inputSchema: z.object({}).strict(),
  outputSchema: z.object({ scenarios: z.array(scenarioSummarySchema) }),
  async run(_input, ports) {
    const scenarios = await ports.scenarios.list();
    return {
      results: {
        scenarios: scenarios.map((loaded) => ({
          name: loaded.scenario.name,
          file: loaded.file,
          description: loaded.scenario.description,
          sha256: loaded.sha256,
        })),
      },
      asOf: 'n/a',
      dataAsOf: {},
      warnings: [],
    };
  },
  textView(results) {
    return [
      {
        kind: 'table',
        title: 'Built-in scenarios',
        columns: ['Name', 'File', 'Description'],
        rows: results.scenarios.map((scenario) => [scenario.name, scenario.file, scenario.description]),
        notes: ['Show one with: rerate scenario show NAME'],
      },
    ];
  },
});

export const scenarioShowCommand = defineCommand({
  name: 'scenario show',
  summary: 'One scenario: its paths for hashrate, fees and price, with their sources',
  description:
    'Prints a built-in scenario (by name) or a scenario file (by path), validated, with the source of every value.',
  examples: ['rerate scenario show base', 'rerate scenario show my-case.yaml --json'],
  inputSchema: z
    .object({
      scenario: z
        .string({ error: 'name a scenario: rerate scenario show NAME' })
        .min(1)
        .meta(inputField({ argument: '<scenario>', description: 'a built-in scenario name or a YAML file' })),
    })
    .strict(),
  outputSchema: scenarioShownSchema,
  async run(input, ports) {
    const loaded: LoadedScenario = await ports.scenarios.load(input.scenario);
    return {
      results: { file: loaded.file, builtIn: loaded.builtIn, sha256: loaded.sha256, scenario: loaded.scenario },
      asOf: 'n/a',
      dataAsOf: {},
      warnings: [],
    };
  },
  textView(results) {
    const { scenario } = results;
    const rate = (value: number | undefined) =>
      value === undefined ? undefined : `${formatPct(100 * value, 2, true)}/yr`;
    const rows: [string, string][] = [
      ['Name', scenario.name],
      ['File', results.file],
      ['Description', scenario.description],
    ];
    const add = (label: string, value: string | undefined) => {
      if (value !== undefined) rows.push([label, value]);
    };
    const { hashrate, fees, price } = scenario;
    add(
      'Hashrate start',
      hashrate?.start === undefined
        ? 'two highest of four trailing weekly estimates at the as-of date'
        : `${formatNumber(hashrate.start, 1)} EH/s`,
    );
    add(
      'Hashrate path',
      hashrate?.realized
        ? 'as realized'
        : hashrate?.points
          ? `${hashrate.points.length} dated points`
          : (rate(hashrate?.growth) ?? 'flat'),
    );
    add('Hashrate volatility', rate(hashrate?.volatility) ?? 'realized over the trailing year (Monte Carlo)');
    add(
      'Hashprice response',
      hashrate?.hashpriceResponse &&
        `elasticity ${hashrate.hashpriceResponse.elasticity}, lag ${hashrate.hashpriceResponse.lagDays} days`,
    );
    add('Hashrate source', hashrate?.source);
    add(
      'Fees',
      fees?.realized
        ? 'as realized'
        : fees?.perBlock !== undefined
          ? `${fees.perBlock} BTC/block`
          : fees?.share !== undefined
            ? `${formatPct(100 * fees.share, 2)} of rewards`
            : 'trailing 28-day mean fee per block at the as-of date',
    );
    add('Fees source', fees?.source);
    add('Price start', price?.start === undefined ? 'the as-of day’s price' : `$${formatNumber(price.start, 0)}`);
    add(
      'Price path',
      price?.realized
        ? 'as realized'
        : price?.curve
          ? `forward curve ${price.curve}`
          : price?.points
            ? `${price.points.length} dated points`
            : (rate(price?.growth) ?? 'flat'),
    );
    add('Price volatility', rate(price?.volatility) ?? 'realized over the trailing year (Monte Carlo)');
    add('Price source', price?.source);
    for (const [who, values] of Object.entries(scenario.companies?.adjust ?? {})) {
      add(
        `Company inputs, ${who}`,
        Object.entries(values)
          .map(([name, value]) => `${name} ${value}`)
          .join(', '),
      );
    }
    add('Company inputs source', scenario.companies?.source);
    const rule = scenario.policy?.ercotUseItOrLoseIt;
    add(
      'ERCOT use it or lose it',
      rule && `allocations not energized within ${rule.window} days forfeited with probability ${rule.probability}`,
    );
    add('Policy source', rule?.source);
    return [{ kind: 'pairs', title: `Scenario ${scenario.name}`, rows }];
  },
});
