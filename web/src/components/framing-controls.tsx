/**
 * The framing of a page's figures — as-of date, scenario, methodology — as labelled fields fed by `scenario list` and
 * `methodology list`. A change rewrites the route's query, so the page reloads its figures under the new framing.
 * Each field shows the value the API used (from the results) when the route leaves it unset.
 */
import { hrefOf, navigate, type Route } from '../router.ts';
import { type Framing, framingParams } from '../framing.ts';
import type { MethodologyListResult, ScenarioListResult } from '../api-types.ts';
import { useApi } from '../use-api.ts';

/** The framing the API used (from its results), shown where the route leaves a field unset. */
export interface FramingInUse {
  asOf: string;
  scenario?: string;
  methodology?: string;
}

export function FramingControls({ route, framing, inUse, fields }: { route: Route; framing: Framing; inUse: FramingInUse | undefined; fields: readonly ('asOf' | 'scenario' | 'methodology')[] }) {
  const scenarios = useApi<ScenarioListResult>(fields.includes('scenario') ? 'scenario/list' : undefined);
  const methodologies = useApi<MethodologyListResult>(fields.includes('methodology') ? 'methodology/list' : undefined);
  const change = (key: keyof Framing, value: string) => navigate(hrefOf(route, { ...framingParams(framing), [key]: value === '' ? undefined : value }));
  const scenarioNames = scenarios.status === 'ok' ? scenarios.envelope.results.scenarios.map((s) => s.name) : [];
  const methodologyNames = methodologies.status === 'ok' ? methodologies.envelope.results.methodologies.map((m) => m.name) : [];
  const withCurrent = (names: string[], current: string | undefined) => (current !== undefined && !names.includes(current) ? [current, ...names] : names);

  return (
    <form class="framing" aria-label="Framing of the figures" onSubmit={(event) => event.preventDefault()}>
      {fields.includes('asOf') ? (
        <div class="field">
          <label for="framing-as-of">As of</label>
          <input type="date" id="framing-as-of" value={framing.asOf ?? inUse?.asOf ?? ''} onChange={(event) => change('asOf', event.currentTarget.value)} />
        </div>
      ) : null}
      {fields.includes('scenario') ? (
        <div class="field">
          <label for="framing-scenario">Scenario</label>
          <select id="framing-scenario" value={framing.scenario ?? inUse?.scenario ?? ''} onChange={(event) => change('scenario', event.currentTarget.value)} disabled={scenarioNames.length === 0}>
            {withCurrent(scenarioNames, framing.scenario ?? inUse?.scenario).map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {fields.includes('methodology') ? (
        <div class="field">
          <label for="framing-methodology">Methodology</label>
          <select id="framing-methodology" value={framing.methodology ?? inUse?.methodology ?? ''} onChange={(event) => change('methodology', event.currentTarget.value)} disabled={methodologyNames.length === 0}>
            {withCurrent(methodologyNames, framing.methodology ?? inUse?.methodology).map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {framing.asOf !== undefined || framing.scenario !== undefined || framing.methodology !== undefined ? (
        <a class="framing-reset" href={hrefOf(route)}>
          Back to the defaults
        </a>
      ) : null}
    </form>
  );
}
