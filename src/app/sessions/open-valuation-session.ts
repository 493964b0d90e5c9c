/**
 * What every valuation command does first: resolve the as-of date, the (composed) scenario and the methodology,
 * open a valuation session, and describe the inputs for the result envelope. Also the registry of inputs that
 * sensitivities, tornadoes and implied-value solves move: each reads its base value off a valuation and says how a
 * new value reaches the model.
 */
import { meanDealProbability, SIGNED_DEAL_NAME } from '../../scenarios/company-adjustments.ts';
import { signedDealCapacity } from '../../scenarios/signed-capacity.ts';
import { InputError } from '../../schema/input-error.ts';
import {
  VALUATION_INPUT_DOMAINS,
  VALUATION_INPUT_NAMES,
  type ValuationInputName,
} from '../../schema/valuation-inputs.ts';
import { periodContaining, type CalendarPeriod } from '../../units/calendar-period.ts';
import { isoFromDay, type DayNumber } from '../../units/calendar-day.ts';
import { ValuationSession, type ValuationOptions, type ValuedCompany } from './valuation-session.ts';
import type { NetworkState } from './network-state.ts';
import { openValuationFraming, reportFraming, type FramingReport, type ValuationFlags } from './framing.ts';
import type { AppPorts } from '../ports/app-ports.ts';
import type { LoadedMethodology, LoadedScenario } from '../../inputs/loaded-files.ts';

export interface OpenedSession {
  session: ValuationSession;
  state: NetworkState;
  asOfDay: DayNumber;
  scenario: LoadedScenario;
  methodology: LoadedMethodology;
  /** The calendar quarter containing the as-of date (or the one asked for). */
  quarter: CalendarPeriod;
  framing: FramingReport;
}

export async function openValuationSession(
  flags: ValuationFlags,
  ports: AppPorts,
  quarter?: CalendarPeriod,
): Promise<OpenedSession> {
  const framing = await openValuationFraming(flags, ports);
  const { state, asOfDay, scenario, methodology } = framing;
  const period = quarter ?? periodContaining(asOfDay, 'quarter');
  const firstDataDay = state.snapshot.history.daily.firstDay;
  if (period.startDay < firstDataDay) {
    // A quarter not given is the as-of date's: the error is the as-of date's.
    throw quarter
      ? InputError.at(['quarter'], `${period.label} starts before the data (${isoFromDay(firstDataDay)})`)
      : InputError.at(['asOf'], `its quarter ${period.label} starts before the data (${isoFromDay(firstDataDay)})`);
  }
  const session = new ValuationSession({ ...framing, firstDay: period.startDay });
  return { session, state, asOfDay, scenario, methodology, quarter: period, framing: reportFraming(framing) };
}

export interface ValuationInputSpec {
  /** The input's unit (VALUATION_INPUT_DOMAINS, with the values it can take). */
  unit: string;
  describe: string;
  /** The input's value in the valuation given, or a reason it has none. */
  base(valued: ValuedCompany, opened: OpenedSession): number | string;
  /** How a value reaches the model. */
  options(value: number): ValuationOptions;
  /** Where an implied-value solve looks: inside the input's domain. */
  bracket(base: number): { low: number; high: number };
  /** The largest value the company can physically take, and why (none: no physical limit). */
  limit?(valued: ValuedCompany): { max: number; describe: string };
  /** Tornado bump when the base is 0 (otherwise a share of the base). */
  absoluteBump: number;
  /** Solve tolerance, in the input's unit. */
  tolerance: number;
}

const DOMAINS = VALUATION_INPUT_DOMAINS;

const SPECS: Record<ValuationInputName, Omit<ValuationInputSpec, 'unit'>> = {
  'btc-price': {
    describe: 'BTC price at the start of the projection (the path keeps the scenario’s shape)',
    base: (v) => v.run.projection.startValues.priceUsd,
    options: (value) => ({ overrides: { priceUsd: value } }),
    bracket: (base) => ({
      low: Math.max(DOMAINS['btc-price'].low, base / 50),
      high: Math.min(DOMAINS['btc-price'].high, base * 50),
    }),
    absoluteBump: 1000,
    tolerance: 0.01,
  },
  'network-growth': {
    describe: 'network hashrate growth after the as-of date',
    base: (v, opened) => {
      const flag = opened.session.setup.overrides.hashrateGrowthPerYear;
      if (flag !== undefined) return flag;
      const block = opened.scenario.scenario.hashrate;
      if ((opened.session.setup.overrides.networkModel ?? block?.model) === 'responsive')
        return 'the network is the responsive model, which has no growth rate (a value moves the exogenous path)';
      if (block?.points || block?.realized) return 'the scenario gives the hashrate path as points, not a growth rate';
      return block?.growth ?? 0;
    },
    // A growth rate is the exogenous model's: moving it steps the scenario's path, whatever the model was.
    options: (value) => ({ overrides: { hashrateGrowthPerYear: value, networkModel: 'exogenous' } }),
    bracket: () => DOMAINS['network-growth'],
    absoluteBump: 0.05,
    tolerance: 1e-6,
  },
  fees: {
    describe: 'fees per block after the as-of date (flat)',
    base: (v) => {
      const start = v.run.projection.assumptions.find((a) => a.input === 'fees.start');
      return start && start.unit === 'BTC/block' && typeof start.value === 'number'
        ? start.value
        : 'the scenario gives fees as a share of rewards';
    },
    options: (value) => ({ overrides: { feesPerBlockBtc: value } }),
    bracket: () => DOMAINS['fees'],
    absoluteBump: 0.005,
    tolerance: 1e-7,
  },
  'power-price': {
    describe: 'all-in mining power price of the company',
    base: (v) => v.model.powerPriceUsdPerMwh,
    options: (value) => ({ adjustments: { powerPriceUsdPerMwh: value } }),
    bracket: () => DOMAINS['power-price'],
    absoluteBump: 5,
    tolerance: 1e-4,
  },
  'hpc-usd-per-mw': {
    describe: 'HPC equity value per critical-IT MW (colocation; cloud moves in proportion), pipeline and per-MW leases',
    base: (v) => v.inputs.parameters.pipelineEquityUsdPerItMw.colocation.value,
    options: (value) => ({ adjustments: { hpcEquityUsdPerItMw: value } }),
    bracket: () => DOMAINS['hpc-usd-per-mw'],
    absoluteBump: 1e6,
    tolerance: 100,
  },
  'deal-probability': {
    describe: 'mean HPC pipeline deal probability (weighted by critical-IT MW; items move in proportion, at most 1)',
    base: (v) =>
      v.inputs.pipeline.length === 0 ? 'the company has no HPC pipeline' : meanDealProbability(v.inputs.pipeline),
    options: (value) => ({ adjustments: { dealProbability: value } }),
    bracket: () => DOMAINS['deal-probability'],
    absoluteBump: 0.05,
    tolerance: 1e-6,
  },
  'cap-rate': {
    describe: 'exit cap rate of colocation leases (cash-flow method: the terminal value at the end of the term)',
    base: (v) =>
      !v.inputs.leases.some((l) => l.kind === 'colocation')
        ? 'the company has no colocation lease'
        : (v.inputs.parameters.leases.colocation.cashFlow?.exitCapRate.value ??
          'the methodology does not value colocation leases by their cash flows'),
    options: (value) => ({ adjustments: { capRate: value } }),
    bracket: () => DOMAINS['cap-rate'],
    absoluteBump: 0.005,
    tolerance: 1e-7,
  },
  'hodl-premium': {
    describe: 'premium on the BTC treasury',
    base: (v) => v.inputs.treasury.hodlPremium.value,
    options: (value) => ({ adjustments: { hodlPremium: value } }),
    bracket: () => DOMAINS['hodl-premium'],
    absoluteBump: 0.1,
    tolerance: 1e-6,
  },
  'signed-mw': {
    describe:
      'HPC MW signed (certain) at the company’s undeveloped, in-queue or approved sites where the site ledger has ' +
      'room (most room first), valued per MW as colocation',
    base: () => 0,
    options: (value) => ({ adjustments: { signedUndevelopedMw: value } }),
    bracket: () => DOMAINS['signed-mw'],
    limit: (valued) => {
      const capacity = signedDealCapacity(valued.inputs, SIGNED_DEAL_NAME);
      const sites = capacity.sites.map(
        (s) =>
          `${s.site} ${s.roomItMw.toFixed(0)} MW ((${s.grossMw} gross − ${s.claimedGrossMw.toFixed(0)} claimed) ` +
          `÷ ${s.grossPerItMw.toFixed(2)} gross per IT MW)`,
      );
      return {
        max: capacity.totalItMw,
        describe:
          sites.length > 0
            ? `room left by the site ledger at the undeveloped, in-queue and approved sites: ${sites.join('; ')}`
            : 'the company has no undeveloped, in-queue or approved site',
      };
    },
    absoluteBump: 100,
    tolerance: 0.01,
  },
};

export const VALUATION_INPUTS = Object.fromEntries(
  VALUATION_INPUT_NAMES.map((name) => [name, { ...SPECS[name], unit: DOMAINS[name].unit }]),
) as Record<ValuationInputName, ValuationInputSpec>;

/** The base value, or an InputError naming the field when the input has none for this company. */
export function baseValueOf(
  name: ValuationInputName,
  valued: ValuedCompany,
  opened: OpenedSession,
  field: string,
): number {
  const base = VALUATION_INPUTS[name].base(valued, opened);
  if (typeof base === 'string')
    throw InputError.at([field], `${name} has no base value for ${valued.loaded.company.ticker}: ${base}`);
  return base;
}

/** Two option sets in one: overrides and adjustments merge. */
export function combineOptions(a: ValuationOptions, b: ValuationOptions): ValuationOptions {
  return { overrides: { ...a.overrides, ...b.overrides }, adjustments: { ...a.adjustments, ...b.adjustments } };
}
