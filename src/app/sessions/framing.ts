/**
 * The framing of a command (DESIGN.md §12), resolved here once: the as-of day — history up to its end, projection
 * after it; by default the data's last day — the scenario (composed left to right), the flag overrides of the market
 * paths, and for valuations the methodology and the price target's date. Every session takes a framing, and every
 * command reports the as-of day it resolved to.
 */
import type { LoadedMethodology, LoadedScenario } from '../../inputs/loaded-files.ts';
import { pathOverridesFrom, type PathOverrides } from '../../inputs/projection-inputs.ts';
import { lastDay } from '../../network/network-history.ts';
import { InputError } from '../../schema/input-error.ts';
import { dayFromIso, isoFromDay, type DayNumber } from '../../units/calendar-day.ts';
import type { AppPorts } from '../ports/app-ports.ts';
import type { MarketViews } from '../ports/market-views.ts';
import { dayInData, loadNetworkState, type NetworkState } from './network-state.ts';
import { loadScenarioChain } from './scenario-chain.ts';

export interface AsOfFraming {
  state: NetworkState;
  /** The day asked for (`asOf`, inside the data), else the data's last day. */
  asOfDay: DayNumber;
}

/** The flags of a projection: the as-of date, the scenario and the overrides of its paths. */
export type MarketFlags = Parameters<typeof pathOverridesFrom>[0] & { asOf?: string | undefined; scenario: string };

export interface MarketFraming extends AsOfFraming {
  scenario: LoadedScenario;
  overrides: PathOverrides;
  /** Market paths taken from other runs' views (attribution only; DESIGN.md §8). */
  views: MarketViews | undefined;
}

export type ValuationFlags = MarketFlags & { methodology: string; targetDate?: string | undefined };

export interface ValuationFraming extends MarketFraming {
  methodology: LoadedMethodology;
  /** The price target's date: the flag's, else the methodology's; after the as-of day. */
  targetDay: DayNumber;
}

/** What a valuation reports of its framing (the head of its results). */
export interface FramingReport {
  asOf: string;
  targetDate: string;
  scenario: { name: string; file: string };
  methodology: { name: string; file: string };
}

/** The as-of day: the one rule for its default. */
export async function openAsOf(ports: AppPorts, asOf: string | undefined): Promise<AsOfFraming> {
  const state = await loadNetworkState(ports);
  const { history } = state.snapshot;
  return { state, asOfDay: asOf === undefined ? lastDay(history.daily) : dayInData(history, 'asOf', asOf) };
}

export async function openMarketFraming(flags: MarketFlags, ports: AppPorts): Promise<MarketFraming> {
  const asOf = await openAsOf(ports, flags.asOf);
  const scenario = await loadScenarioChain(ports.scenarios, flags.scenario, await ports.coverage.tickers());
  return { ...asOf, scenario, overrides: pathOverridesFrom(flags), views: ports.marketViews };
}

export async function openValuationFraming(flags: ValuationFlags, ports: AppPorts): Promise<ValuationFraming> {
  const market = await openMarketFraming(flags, ports);
  const methodology = await ports.methodologies.load(flags.methodology);
  const targetDate = flags.targetDate ?? methodology.methodology.targetDate;
  const targetDay = dayFromIso(targetDate);
  if (targetDay <= market.asOfDay) {
    throw InputError.at(
      ['targetDate'],
      `the target date ${targetDate} must follow the as-of date ${isoFromDay(market.asOfDay)}`,
    );
  }
  return { ...market, methodology, targetDay };
}

export function reportFraming(framing: ValuationFraming): FramingReport {
  return {
    asOf: isoFromDay(framing.asOfDay),
    targetDate: isoFromDay(framing.targetDay),
    scenario: { name: framing.scenario.scenario.name, file: framing.scenario.file },
    methodology: { name: framing.methodology.methodology.name, file: framing.methodology.file },
  };
}
