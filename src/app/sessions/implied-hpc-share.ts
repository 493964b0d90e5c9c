/**
 * The market-implied HPC share (issue 21; the published framework's measure: J.P. Morgan, Nov 2025, "coverage to add
 * ~1.7 GW critical IT by late 2026 = ~35% of approved power footprint", reference/methods-sell-side.md): the signed
 * HPC MW at which the price target equals the share price (`rerate implied TICKER --solve signed-mw`, within the room
 * the site ledger leaves), as a share of that room — the critical-IT MW the company's undeveloped, in-queue and
 * approved sites can still take (src/scenarios/signed-capacity.ts).
 */
import { solveImplied } from '../../scenarios/implied-value.ts';
import { formatNumber, formatUsd } from '../../present/format.ts';
import type { z } from 'zod';
import type { impliedHpcShareSchema } from '../../schema/comps.ts';
import type { ValuedCompany, ValuationSession } from './valuation-session.ts';
import { VALUATION_INPUTS } from './open-valuation-session.ts';

export type ImpliedHpcShare = z.output<typeof impliedHpcShareSchema>;

export async function impliedHpcShare(session: ValuationSession, base: ValuedCompany): Promise<ImpliedHpcShare> {
  const spec = VALUATION_INPUTS['signed-mw'];
  const price = base.inputs.sharePriceUsd.value;
  const room = spec.limit?.(base) ?? { max: 0, describe: 'no site can take HPC' };
  const roomMw = room.max;
  const mw = (value: number) => `${formatNumber(value, 0)} MW`;
  if (!(roomMw > 0)) {
    return {
      impliedMw: null,
      roomMw: 0,
      share: null,
      status: 'no-room',
      explanation: `no undeveloped, in-queue or approved MW left for new HPC (${room.describe}).`,
    };
  }
  const metric = async (value: number) => (await session.value(base.loaded, spec.options(value))).valuation.targetUsd;
  const outcome = await solveImplied(metric, price, { low: 0, high: roomMw }, spec.tolerance);
  if (outcome.kind === 'solved') {
    return {
      impliedMw: outcome.value,
      roomMw,
      share: outcome.value / roomMw,
      status: 'solved',
      explanation:
        `${formatUsd(price)} pays for ${mw(outcome.value)} of new signed HPC ` +
        `of the ${mw(roomMw)} the sites can take.`,
    };
  }
  if (outcome.metricAtLow >= price) {
    return {
      impliedMw: 0,
      roomMw,
      share: 0,
      status: 'price-at-or-below-no-new-hpc',
      explanation:
        `the price ${formatUsd(price)} is at or below the target without new HPC ` +
        `(${formatUsd(outcome.metricAtLow)}): it pays for none.`,
    };
  }
  return {
    impliedMw: null,
    roomMw,
    share: 1,
    status: 'needs-more-than-the-room',
    explanation:
      `even all ${mw(roomMw)} signed give a target of ${formatUsd(outcome.metricAtHigh)}, below the price ` +
      `${formatUsd(price)}: the price pays for all the room and rests on other inputs beyond it.`,
  };
}
