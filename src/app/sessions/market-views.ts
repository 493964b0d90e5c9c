/**
 * Market views for attribution (DESIGN.md §8): a view is how one run saw the market — history up to its as-of day,
 * its scenario's deterministic projection after it. Attributing a revision swaps one path at a time (BTC price,
 * network hashrate and subsidy, fees) from one run's view into another run's computation.
 */
import type { NetworkDays } from '../../company/network-days.ts';

/**
 * The network days with each path taken from its view, over the same span:
 * - price: the view's BTC price;
 * - network: the view's hashrate, subsidy and BTC per EH/s per day;
 * - fees: the view's network fees (BTC per day), which scale BTC per EH/s per day in proportion to the day's reward.
 * The split between history and projection stays the computation's own (it is the as-of date's).
 */
export function spliceMarketPaths(
  own: NetworkDays,
  views: { price: NetworkDays; network: NetworkDays; fees: NetworkDays },
): NetworkDays {
  const { price, network, fees } = views;
  const dayCount = own.dayCount;
  for (const view of [price, network, fees]) {
    if (view.firstDay !== own.firstDay || view.dayCount !== dayCount)
      throw new RangeError('a market view covers another span of days');
  }
  const btcPerEhDay = new Float64Array(dayCount);
  const networkRewardBtc = new Float64Array(dayCount);
  for (let i = 0; i < dayCount; i++) {
    const reward = network.networkRewardBtc[i] as number;
    const subsidy = reward - (network.networkFeesBtc[i] as number);
    const hybridReward = subsidy + (fees.networkFeesBtc[i] as number);
    networkRewardBtc[i] = hybridReward;
    btcPerEhDay[i] =
      fees === network || reward === 0
        ? (network.btcPerEhDay[i] as number)
        : ((network.btcPerEhDay[i] as number) * hybridReward) / reward;
  }
  return {
    firstDay: own.firstDay,
    dayCount,
    firstProjectedIndex: own.firstProjectedIndex,
    btcPerEhDay,
    priceUsd: price.priceUsd,
    networkHashrateEhs: network.networkHashrateEhs,
    networkRewardBtc,
    networkFeesBtc: fees.networkFeesBtc,
    feesImputed: fees.feesImputed,
  };
}
