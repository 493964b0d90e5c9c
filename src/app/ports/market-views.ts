/** Market paths taken from other runs' views instead of a run's own: what attribution injects (DESIGN.md §8). */
import type { NetworkDays } from '../../company/network-days.ts';
import type { DayNumber } from '../../units/calendar-day.ts';
import type { LoadedScenario } from '../../inputs/loaded-files.ts';
import type { PathOverrides } from '../../inputs/projection-inputs.ts';

export interface MarketView {
  /** The stored run the view comes from (for messages). */
  runId: string;
  asOfDay: DayNumber;
  scenario: LoadedScenario;
  overrides: PathOverrides;
  /** The view's network days by span (`firstDay lastDay`), computed once for every state that shares the view. */
  readonly daysBySpan: Map<string, Promise<NetworkDays>>;
}

/** Which view each path comes from; an absent one keeps the computation's own. */
export interface MarketViews {
  price?: MarketView;
  network?: MarketView;
  fees?: MarketView;
}
