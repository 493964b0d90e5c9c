/**
 * The company page's controls: five valuation inputs (names as in VALUATION_INPUT_NAMES, src/schema/valuation.ts),
 * each shown in the unit an analyst reads (percent, USD million) and sent to `GET /api/v1/value/<T>?set=…` in the
 * API's unit (fraction, USD). Each starts at the company's base value as `tornado` reports it. The slider spans a
 * range around the base (the number box beside it takes any value the API accepts); its steps are anchored on the
 * base, so the base is a slider position and the arrow keys move from it by one step.
 */
import type { ValuationInputName } from './api-types.ts';

export interface ValuationControl {
  input: ValuationInputName;
  label: string;
  /** The unit shown, e.g. `%/yr`. */
  displayUnit: string;
  /** Shown units per API unit: 100 for a fraction shown in percent, 1e-6 for USD shown in USD million. */
  displayPerApiUnit: number;
  /** Decimals kept in the shown unit: the precision of the control. */
  decimals: number;
  /** The slider's span in the shown unit, from the base (shown unit). */
  span(baseShown: number): { low: number; high: number; step: number };
}

/** A step of 1, 2 or 5 × 10^k near a hundredth of `value`'s size: a hundred or so slider positions across ±50 %. */
function stepNear(value: number): number {
  const target = Math.abs(value) / 100;
  if (!(target > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(target));
  const mantissa = target / power;
  return (mantissa >= 5 ? 5 : mantissa >= 2 ? 2 : 1) * power;
}

export const VALUATION_CONTROLS: readonly ValuationControl[] = [
  // ±50 % of the starting price, like the sensitivity grid's columns.
  {
    input: 'btc-price',
    label: 'BTC price',
    displayUnit: 'USD',
    displayPerApiUnit: 1,
    decimals: 0,
    span: (base) => ({ low: base * 0.5, high: base * 1.5, step: stepNear(base) }),
  },
  // ±30 points around the scenario's growth, like the sensitivity grid's rows.
  {
    input: 'network-growth',
    label: 'Network hashrate growth',
    displayUnit: '%/yr',
    displayPerApiUnit: 100,
    decimals: 1,
    span: (base) => ({ low: base - 30, high: base + 30, step: 1 }),
  },
  // A probability: all of it, in steps of the control's precision so that 0 and 100 % stay on the slider.
  {
    input: 'deal-probability',
    label: 'HPC deal probability',
    displayUnit: '%',
    displayPerApiUnit: 100,
    decimals: 1,
    span: () => ({ low: 0, high: 100, step: 0.1 }),
  },
  // ±50 % of the methodology's equity value per critical-IT MW.
  {
    input: 'hpc-usd-per-mw',
    label: 'HPC value per MW',
    displayUnit: 'USD m per critical-IT MW',
    displayPerApiUnit: 1e-6,
    decimals: 2,
    span: (base) => ({ low: base * 0.5, high: base * 1.5, step: stepNear(base) }),
  },
  // From a 50 % discount to a 100 % premium on the BTC held.
  {
    input: 'hodl-premium',
    label: 'HODL premium',
    displayUnit: '% of BTC held',
    displayPerApiUnit: 100,
    decimals: 1,
    span: (base) => ({ low: Math.min(-50, base), high: Math.max(100, base), step: 5 }),
  },
];

/** A value in the shown unit, rounded to the control's precision. */
export function shownValue(control: ValuationControl, apiValue: number): number {
  return roundTo(apiValue * control.displayPerApiUnit, control.decimals);
}

/** A shown value in the API's unit, without float noise (35.5 %/yr → 0.355). */
export function apiValue(control: ValuationControl, shown: number): number {
  return Number((shown / control.displayPerApiUnit).toPrecision(12));
}

export function roundTo(value: number, decimals: number): number {
  return Number(value.toFixed(decimals));
}

/** The slider's min, max and step, with the (rounded) base on a step. */
export function sliderRange(control: ValuationControl, baseShown: number): { min: number; max: number; step: number } {
  const { low, high, step } = control.span(baseShown);
  const below = Math.floor((baseShown - low) / step + 1e-9);
  const above = Math.floor((high - baseShown) / step + 1e-9);
  return {
    min: roundTo(baseShown - below * step, control.decimals),
    max: roundTo(baseShown + above * step, control.decimals),
    step,
  };
}

/**
 * The `set` option for the controls moved away from their base (shown values compared at the control's precision),
 * e.g. `btc-price=90000,deal-probability=0.6`; undefined when every control is at its base.
 */
export function setOption(
  shown: ReadonlyMap<ValuationInputName, number>,
  bases: ReadonlyMap<ValuationInputName, number>,
): string | undefined {
  const parts: string[] = [];
  for (const control of VALUATION_CONTROLS) {
    const value = shown.get(control.input);
    const base = bases.get(control.input);
    if (value === undefined || base === undefined || value === shownValue(control, base)) continue;
    parts.push(`${control.input}=${apiValue(control, value)}`);
  }
  return parts.length === 0 ? undefined : parts.join(',');
}
