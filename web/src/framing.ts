/**
 * The framing every valuation shares — as-of date, scenario, methodology — kept in the route's query so a page can
 * be bookmarked and shared. Unset fields are left to the API's defaults (the last day of data, base, rerate); the
 * pages show the values the API used, read from its results.
 */
import type { Query } from './api-client.ts';

export interface Framing {
  asOf: string | undefined;
  scenario: string | undefined;
  methodology: string | undefined;
}

export function framingOf(params: URLSearchParams): Framing {
  const read = (key: string) => params.get(key) || undefined;
  return { asOf: read('asOf'), scenario: read('scenario'), methodology: read('methodology') };
}

/** The route query of a framing (for links between pages). */
export function framingParams(framing: Framing): Record<string, string | undefined> {
  return { asOf: framing.asOf, scenario: framing.scenario, methodology: framing.methodology };
}

/** The options of update, value, sensitivity, tornado and policy. */
export function valuationQuery(framing: Framing): Query {
  return { asOf: framing.asOf, scenario: framing.scenario, methodology: framing.methodology };
}

/** The options of estimates and network project (they take no methodology). */
export function marketQuery(framing: Framing): Query {
  return { asOf: framing.asOf, scenario: framing.scenario };
}
