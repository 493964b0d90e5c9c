/**
 * The framing of a page's figures — as-of date, scenario, methodology — as labelled fields fed by `scenario list`,
 * `methodology list` and `coverage list` (the as-of dates a valuation can take). A change rewrites the route's query,
 * so the page reloads its figures under the new framing. Each field shows the value the API used (from the results)
 * when the route leaves it unset; a date outside the range is refused where it was typed.
 */
import { useState } from 'preact/hooks';
import { hrefOf, navigate, type Route } from '../router.ts';
import { type Framing, framingParams } from '../framing.ts';
import type { CoverageListResult, MethodologyListResult, ScenarioListResult } from '../api-types.ts';
import { useApi } from '../use-api.ts';

/** The framing the API used (from its results), shown where the route leaves a field unset. */
export interface FramingInUse {
  asOf: string;
  scenario?: string;
  methodology?: string;
}

export function FramingControls({
  route,
  framing,
  inUse,
  fields,
}: {
  route: Route;
  framing: Framing;
  inUse: FramingInUse | undefined;
  fields: readonly ('asOf' | 'scenario' | 'methodology')[];
}) {
  const scenarios = useApi<ScenarioListResult>(fields.includes('scenario') ? 'scenario/list' : undefined);
  const methodologies = useApi<MethodologyListResult>(fields.includes('methodology') ? 'methodology/list' : undefined);
  const coverage = useApi<CoverageListResult>(fields.includes('asOf') ? 'coverage/list' : undefined);
  const range = coverage.status === 'ok' ? coverage.envelope.results.asOfRange : null;
  const [refusedDate, setRefusedDate] = useState<string | undefined>(undefined);
  const change = (key: keyof Framing, value: string) =>
    navigate(hrefOf(route, { ...framingParams(framing), [key]: value === '' ? undefined : value }));
  const scenarioNames = scenarios.status === 'ok' ? scenarios.envelope.results.scenarios.map((s) => s.name) : [];
  const methodologyNames =
    methodologies.status === 'ok' ? methodologies.envelope.results.methodologies.map((m) => m.name) : [];

  return (
    <form class="framing" aria-label="Framing of the figures" onSubmit={(event) => event.preventDefault()}>
      {fields.includes('asOf') ? (
        <div class="field">
          <label for="framing-as-of">As of</label>
          <input
            type="date"
            id="framing-as-of"
            value={framing.asOf ?? inUse?.asOf ?? ''}
            min={range?.first}
            max={range?.last}
            aria-invalid={refusedDate !== undefined}
            aria-describedby={range ? 'framing-as-of-range' : undefined}
            onChange={(event) => {
              const value = event.currentTarget.value;
              // Dates the data cannot value are refused here, not sent (the API would answer 400).
              if (value !== '' && range && (value < range.first || value > range.last)) {
                setRefusedDate(value);
                event.currentTarget.value = framing.asOf ?? inUse?.asOf ?? '';
                return;
              }
              setRefusedDate(undefined);
              change('asOf', value);
            }}
          />
          {range ? (
            <span class="sub" id="framing-as-of-range">
              {range.first} … {range.last}
            </span>
          ) : null}
          {refusedDate !== undefined && range ? (
            <p class="field-error" role="alert" data-field="asOfRefused">
              {refusedDate} is outside the data: choose a date from {range.first} (the first a covered company can be
              valued at) to {range.last} (the last day of the data).
            </p>
          ) : null}
        </div>
      ) : null}
      {fields.includes('scenario') ? (
        <NameSelect
          id="framing-scenario"
          label="Scenario"
          names={scenarioNames}
          current={framing.scenario ?? inUse?.scenario}
          onChange={(value) => change('scenario', value)}
        />
      ) : null}
      {fields.includes('methodology') ? (
        <NameSelect
          id="framing-methodology"
          label="Methodology"
          names={methodologyNames}
          current={framing.methodology ?? inUse?.methodology}
          onChange={(value) => change('methodology', value)}
        />
      ) : null}
      {framing.asOf !== undefined || framing.scenario !== undefined || framing.methodology !== undefined ? (
        <a class="framing-reset" href={hrefOf(route)}>
          Back to the defaults
        </a>
      ) : null}
    </form>
  );
}

/** A labelled choice among built-in names; the one in use is listed even before the list has loaded. */
function NameSelect({
  id,
  label,
  names,
  current,
  onChange,
}: {
  id: string;
  label: string;
  names: string[];
  current: string | undefined;
  onChange: (value: string) => void;
}) {
  const options = current !== undefined && !names.includes(current) ? [current, ...names] : names;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select
        id={id}
        value={current ?? ''}
        onChange={(event) => onChange(event.currentTarget.value)}
        disabled={names.length === 0}
      >
        {options.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </div>
  );
}
