/**
 * The stated rule for days whose fees are unknown (before July 2010, when the source has no price to
 * convert fees with, and the latest days of the snapshot, whose source publishes supply but not fees):
 * such a day takes the mean fee per block of the nearest FEE_IMPUTATION_WINDOW_DAYS days with known fees —
 * the trailing ones when there are any, else the following ones. Imputed days are flagged, and every
 * result that uses one says so.
 */

export const FEE_IMPUTATION_WINDOW_DAYS = 28;

export interface FeesPerBlock {
  /** Fees per block, BTC, known or imputed; NaN on a day without blocks. */
  feesPerBlockBtc: Float64Array;
  /** 1 where the day's fees are imputed by the rule above. */
  imputed: Uint8Array;
}

export function feesPerBlockWithImputation(blocks: Float64Array, feesBtc: Float64Array): FeesPerBlock {
  const dayCount = blocks.length;
  const feesPerBlockBtc = new Float64Array(dayCount);
  const imputed = new Uint8Array(dayCount);
  const knownDays: number[] = [];
  for (let i = 0; i < dayCount; i++) {
    const dayBlocks = blocks[i] as number;
    const fees = feesBtc[i] as number;
    if (dayBlocks > 0 && !Number.isNaN(fees)) knownDays.push(i);
    feesPerBlockBtc[i] = dayBlocks > 0 ? fees / dayBlocks : NaN;
  }
  if (knownDays.length === 0) return { feesPerBlockBtc, imputed };

  let nextKnown = 0; // position in knownDays of the first known day after i
  for (let i = 0; i < dayCount; i++) {
    while (nextKnown < knownDays.length && (knownDays[nextKnown] as number) <= i) nextKnown++;
    if (!Number.isNaN(feesBtc[i] as number) || !((blocks[i] as number) > 0)) continue;
    const window =
      nextKnown > 0
        ? knownDays.slice(Math.max(0, nextKnown - FEE_IMPUTATION_WINDOW_DAYS), nextKnown)
        : knownDays.slice(nextKnown, nextKnown + FEE_IMPUTATION_WINDOW_DAYS);
    let fees = 0;
    let windowBlocks = 0;
    for (const day of window) {
      fees += feesBtc[day] as number;
      windowBlocks += blocks[day] as number;
    }
    feesPerBlockBtc[i] = fees / windowBlocks;
    imputed[i] = 1;
  }
  return { feesPerBlockBtc, imputed };
}
