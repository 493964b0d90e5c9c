/**
 * The network over a span of days as estimates and valuations read it: history up to the as-of day, the deterministic
 * projection under the scenario after it (DESIGN.md §5) — and, when attributing a revision, paths swapped in from
 * other runs' market views.
 */
import { joinNetworkDays, type NetworkDays } from '../../company/network-days.ts';
import { projectDeterministic } from '../../network/monte-carlo.ts';
import type { DayNumber } from '../../units/calendar-day.ts';
import { spliceMarketPaths } from './market-views.ts';
import { type MarketView, type MarketViews } from '../ports/market-views.ts';
import type { NetworkState } from './network-state.ts';
import type { LoadedScenario } from '../../inputs/loaded-files.ts';
import { buildProjectionInputs, type PathOverrides, type ProjectionInputs } from '../../inputs/projection-inputs.ts';

export interface NetworkSpanRequest {
  state: NetworkState;
  asOfDay: DayNumber;
  scenario: LoadedScenario;
  overrides: PathOverrides;
  firstDay: DayNumber;
  lastDay: DayNumber;
  views?: MarketViews | undefined;
}

export interface NetworkSpan {
  network: NetworkDays;
  /** The own projection's inputs; undefined when the span ends on or before the as-of day. */
  projection: ProjectionInputs | undefined;
}

export async function networkSpan(request: NetworkSpanRequest): Promise<NetworkSpan> {
  const { firstDay, lastDay } = request;
  const own = await viewDays(
    request.state,
    {
      asOfDay: request.asOfDay,
      scenario: request.scenario,
      overrides: request.overrides,
    },
    firstDay,
    lastDay,
  );
  const views = request.views;
  if (!views || (!views.price && !views.network && !views.fees)) return own;
  const daysOf = async (view: MarketView | undefined) =>
    view ? viewDaysOnce(request.state, view, firstDay, lastDay) : own.network;
  const [price, network, fees] = await Promise.all([
    daysOf(views.price),
    daysOf(views.network),
    views.fees === views.network ? undefined : daysOf(views.fees),
  ]);
  return {
    network: spliceMarketPaths(own.network, { price, network, fees: fees ?? network }),
    projection: own.projection,
  };
}

/** A view's days over a span, kept on the view: attribution recomputes several states that share a view. */
function viewDaysOnce(state: NetworkState, view: MarketView, firstDay: DayNumber, lastDay: DayNumber) {
  const key = `${firstDay} ${lastDay}`;
  let days = view.daysBySpan.get(key);
  if (!days) view.daysBySpan.set(key, (days = viewDays(state, view, firstDay, lastDay).then((span) => span.network)));
  return days;
}

async function viewDays(
  state: NetworkState,
  view: Omit<MarketView, 'runId' | 'daysBySpan'>,
  firstDay: DayNumber,
  lastDay: DayNumber,
): Promise<NetworkSpan> {
  const { history } = state.snapshot;
  const projection =
    lastDay > view.asOfDay
      ? buildProjectionInputs(
          history,
          state.metrics,
          view.asOfDay,
          lastDay - view.asOfDay,
          view.scenario,
          view.overrides,
        )
      : undefined;
  const network = joinNetworkDays(
    history,
    state.metrics,
    view.asOfDay,
    projection && projectDeterministic(projection.setup),
    firstDay,
    lastDay,
  );
  return { network, projection };
}
