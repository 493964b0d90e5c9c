/**
 * What every valuation engine returns besides its value: the inputs it used, each with its unit and source, and the
 * formula that combined them — so a target can be traced to the figures behind it (DESIGN.md §6).
 */

/** A parameter with where it comes from: a citation, a company-file path, or a labelled assumption. */
export interface Sourced {
  value: number;
  source: string;
}

export interface ExplainInput {
  name: string;
  value: number;
  unit: string;
  source: string;
}

export interface Explain {
  formula: string;
  inputs: ExplainInput[];
}

export function input(name: string, parameter: Sourced, unit: string): ExplainInput {
  return { name, value: parameter.value, unit, source: parameter.source };
}
