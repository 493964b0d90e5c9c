/**
 * The stated rule for days whose fees are unknown (before July 2010, when the source has no price to
 * convert fees with, and the latest days of the snapshot, whose source publishes supply but not fees):
 * such a day takes the mean fee per block of the trailing FEE_IMPUTATION_WINDOW_DAYS days with known fees; a day
 * with no known fees before it (2009 to mid-2010, when fees were a negligible share of rewards) counts zero.
 * Only earlier days are read, so nothing after a day shapes its value. Imputed days are flagged, and every
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
  let knownBefore = 0; // how many of knownDays lie before day i
  for (let i = 0; i < dayCount; i++) {
    while (knownBefore < knownDays.length && (knownDays[knownBefore] as number) < i) knownBefore++;
    if (!Number.isNaN(feesBtc[i] as number) || !((blocks[i] as number) > 0)) continue;
    let fees = 0;
    let windowBlocks = 0;
    for (let k = Math.max(0, knownBefore - FEE_IMPUTATION_WINDOW_DAYS); k < knownBefore; k++) {
      const day = knownDays[k] as number;
      fees += feesBtc[day] as number;
      windowBlocks += blocks[day] as number;
    }
    feesPerBlockBtc[i] = windowBlocks > 0 ? fees / windowBlocks : 0;
    imputed[i] = 1;
  }
  return { feesPerBlockBtc, imputed };
}

/** The rule in words, for the warnings that accompany imputed days. */
export const FEE_IMPUTATION_RULE =
  `the mean fee per block of the trailing ${FEE_IMPUTATION_WINDOW_DAYS} days with known fees ` +
  '(zero before any fee is known)';
