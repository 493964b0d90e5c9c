/**
 * Which network model a projection steps (the scenario's `hashrate.model`, or the `--network-model` flag), and the
 * responsive model's fleet cost curve from the scenario's `hashrate.fleet` block, each parameter recorded with its
 * source.
 */
import type { FleetCostCurve } from '../network/fleet-response.ts';
import type { FleetModel } from '../network/projection-inputs.ts';
import { InputError } from '../schema/input-error.ts';
import type { FleetBlock, HashrateBlock, NetworkModel } from '../schema/scenario.ts';
import type { LoadedScenario } from './loaded-files.ts';

export interface NetworkModelChoice {
  model: NetworkModel;
  /** The responsive model's fleet (null for the exogenous path). */
  fleet: FleetModel | null;
  assumptions: { input: string; value: number | string; unit: string; source: string }[];
}

export function networkModelOf(
  loaded: LoadedScenario,
  flag: NetworkModel | undefined,
  hashrateGrowthFlag: number | undefined,
  startHashrateEhs: number,
): NetworkModelChoice {
  const hashrate: HashrateBlock = loaded.scenario.hashrate ?? {};
  const model = flag ?? hashrate.model ?? 'exogenous';
  const modelSource = flag !== undefined ? 'flag --network-model' : `${loaded.file}: hashrate.model`;
  if (model === 'exogenous') {
    return flag === undefined && hashrate.model === undefined
      ? { model, fleet: null, assumptions: [] }
      : { model, fleet: null, assumptions: [{ input: 'hashrate.model', value: model, unit: '', source: modelSource }] };
  }
  if (!hashrate.fleet) {
    throw InputError.at(
      flag !== undefined ? ['networkModel'] : ['scenario'],
      `the responsive network model needs a hashrate.fleet block in ${loaded.file} ` +
        '(tiers, powerPrice, newCapacity; see data/scenarios/base.yaml)',
    );
  }
  if (hashrateGrowthFlag !== undefined) {
    throw InputError.at(
      ['hashrateGrowth'],
      '--hashrate-growth sets the exogenous path; the responsive model grows the network from margins ' +
        '(give --network-model exogenous, or leave out --hashrate-growth)',
    );
  }
  const block = hashrate.fleet;
  const at = (path: string, source: string) => `${loaded.file}: hashrate.fleet.${path}: ${source}`;
  const added = block.newCapacity;
  return {
    model,
    fleet: { curve: fleetCurveOf(block), startHashrateEhs },
    assumptions: [
      { input: 'hashrate.model', value: 'responsive (fleet cost curve)', unit: '', source: modelSource },
      ...block.tiers.map((tier, i) => ({
        input: `hashrate.fleet.tiers[${i}]`,
        value: `${tier.efficiency} J/TH, ${(100 * tier.share).toFixed(1)}% of the start hashrate`,
        unit: '',
        source: at(`tiers[${i}]`, tier.source),
      })),
      {
        input: 'hashrate.fleet.powerPrice',
        value: `${block.powerPrice.low}–${block.powerPrice.high}`,
        unit: 'USD/MWh (uniform)',
        source: at('powerPrice', block.powerPrice.source),
      },
      {
        input: 'hashrate.fleet.responseDays',
        value: block.responseDays.value,
        unit: 'days',
        source: at('responseDays', block.responseDays.source),
      },
      ...(
        [
          ['efficiency', 'J/TH'],
          ['machineUsdPerTh', 'USD/TH'],
          ['paybackDays', 'days'],
          ['growthAtDoubleMargin', 'per year'],
          ['maxGrowth', 'per year'],
          ['lagDays', 'days'],
        ] as const
      ).map(([key, unit]) => ({
        input: `hashrate.fleet.newCapacity.${key}`,
        value: added[key].value,
        unit,
        source: at(`newCapacity.${key}`, added[key].source),
      })),
    ],
  };
}

function fleetCurveOf(block: FleetBlock): FleetCostCurve {
  const added = block.newCapacity;
  return {
    tiers: block.tiers.map((tier) => ({ efficiencyJPerTh: tier.efficiency, shareOfStart: tier.share })),
    powerUsdPerMwhLow: block.powerPrice.low,
    powerUsdPerMwhHigh: block.powerPrice.high,
    responseDays: block.responseDays.value,
    newCapacity: {
      efficiencyJPerTh: added.efficiency.value,
      machineUsdPerTh: added.machineUsdPerTh.value,
      paybackDays: added.paybackDays.value,
      growthAtDoubleMargin: added.growthAtDoubleMargin.value,
      maxGrowthPerYear: added.maxGrowth.value,
      lagDays: added.lagDays.value,
    },
  };
}
