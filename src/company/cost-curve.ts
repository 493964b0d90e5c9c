/**
 * The sector cost curve (issue 21): companies sorted by a unit cost, cheapest first, each with its share of the
 * universe's weight (hashrate) and the cumulative share up to and including it — the supply curve of the industry,
 * the way the desks draw it (docs/methodology.md, "The sector cost curve"). Pure: the caller chooses the cost and the
 * weight; a company without a finite cost or a positive weight is set apart, never given a place.
 */

export interface CostCurveInput {
  key: string;
  /** The unit cost the curve sorts by (e.g. USD per BTC). */
  cost: number;
  /** The company's weight in the universe (e.g. average operating EH/s). */
  weight: number;
}

export interface CostCurvePlace {
  key: string;
  cost: number;
  weight: number;
  /** 1 = the cheapest; ties share the order of their keys. */
  rank: number;
  /** Weight ÷ the universe's weight on the curve. */
  share: number;
  /** Share of the universe's weight that costs less than this company (0 for the cheapest). */
  cumulativeShareBefore: number;
  /** Share up to and including this company (1 for the dearest). */
  cumulativeShare: number;
  /**
   * Weighted percentile rank, 0–100: 100 × (weight below + half its own) ÷ total, the mid-point convention of a
   * percentile rank (Hyndman & Fan 1996 use it for sample quantiles) so that one company alone sits at 50.
   */
  percentile: number;
}

export interface CostCurve {
  places: CostCurvePlace[];
  /** Companies with no finite cost or no positive weight, with the reason. */
  apart: { key: string; reason: string }[];
  /** The universe's weight on the curve. */
  totalWeight: number;
  /** Weighted mean cost: Σ cost × weight ÷ Σ weight (NaN with no company on the curve). */
  weightedMeanCost: number;
}

export function costCurve(inputs: readonly CostCurveInput[]): CostCurve {
  const apart: CostCurve['apart'] = [];
  const onCurve = inputs.filter((input) => {
    const reason = !Number.isFinite(input.cost)
      ? 'no cost (no BTC mined or no operating hashrate in the period)'
      : !(Number.isFinite(input.weight) && input.weight > 0)
        ? 'no operating hashrate in the period'
        : undefined;
    if (reason) apart.push({ key: input.key, reason });
    return reason === undefined;
  });
  const sorted = [...onCurve].sort((a, b) => a.cost - b.cost || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  // Summed in the curve's order, so that the last running sum equals the total exactly and ends at 1.
  const totalWeight = sorted.reduce((sum, input) => sum + input.weight, 0);
  let below = 0;
  let weightedCost = 0;
  const places = sorted.map((input, index) => {
    const before = below;
    below += input.weight;
    weightedCost += input.cost * input.weight;
    return {
      key: input.key,
      cost: input.cost,
      weight: input.weight,
      rank: index + 1,
      share: input.weight / totalWeight,
      cumulativeShareBefore: before / totalWeight,
      cumulativeShare: below / totalWeight,
      percentile: (100 * (before + input.weight / 2)) / totalWeight,
    };
  });
  return { places, apart, totalWeight, weightedMeanCost: places.length > 0 ? weightedCost / totalWeight : NaN };
}
