/** A snapshot's daily metrics, computed when first asked for and kept with it (NetworkDataSnapshot.metrics). */
import { computeDailyNetworkMetrics, type DailyNetworkMetrics } from '../network/daily-metrics.ts';
import type { NetworkHistory } from '../network/network-history.ts';

export function metricsOnce(history: NetworkHistory): () => DailyNetworkMetrics {
  let metrics: DailyNetworkMetrics | undefined;
  return () => (metrics ??= computeDailyNetworkMetrics(history.daily));
}
