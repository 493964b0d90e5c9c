/**
 * The comps scatter (issue 21): each company's EV per operating MW against the share of its room for new HPC that the
 * share price pays for — the dashboard's comps page draws it. Companies without an implied share (no room) are left
 * out; the chart's description counts them.
 */
import type { ScatterChart } from './charts/chart-spec.ts';
import type { CompsResult } from '../schema/comps.ts';

export function compsScatterChart(comps: CompsResult): ScatterChart {
  return {
    kind: 'scatter',
    id: 'comps-ev-per-mw-vs-implied-hpc-share',
    title: `EV per operating MW against the market-implied HPC share, as of ${comps.asOf}`,
    unit: 'USD',
    x: { label: 'Implied HPC share of the room', unit: 'fraction' },
    y: { label: 'EV per operating MW' },
    points: comps.companies.map((c) => ({
      label: c.ticker,
      x: c.impliedHpc.share ?? Number.NaN,
      y: c.evPerMwUsd.operating ?? Number.NaN,
    })),
  };
}
