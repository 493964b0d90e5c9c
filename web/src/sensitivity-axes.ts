/**
 * The company page's sensitivity grid, the same as the research note's (src/app/note-builder.ts, sensitivityAxes):
 * the BTC price from 50 % to 150 % of the price the valuation starts from (9 values, steps of 12.5 %) and the network
 * growth 30 points either side of the scenario's (7 values, steps of 10 points), centred on the base case. The two
 * bases come from `tornado`, which reports each input's base for the company.
 */
export interface SensitivityAxes {
  /** `btc-price=FROM:TO:STEP` (USD) */
  x: string;
  /** `network-growth=FROM:TO:STEP` (fraction per year) */
  y: string;
}

export function sensitivityAxes(btcPriceBaseUsd: number, networkGrowthBasePerYear: number): SensitivityAxes {
  const step = Math.round(btcPriceBaseUsd * 0.125);
  const from = Math.round(btcPriceBaseUsd) - 4 * step;
  const growthFrom = Number((networkGrowthBasePerYear - 0.3).toFixed(4));
  const growthTo = Number((networkGrowthBasePerYear + 0.3).toFixed(4));
  return { x: `btc-price=${from}:${from + 8 * step}:${step}`, y: `network-growth=${growthFrom}:${growthTo}:0.1` };
}
