/** Input and result schemas of `rerate comps` (issue 21): the comps table over the coverage. */
import { z } from 'zod';
import { finiteNumber, finiteNumberOrNull } from './common.ts';
import { notValuedSchema } from './valuation.ts';
import { valuationFlags } from './valuation-inputs.ts';

export const compsInputSchema = z.object({ ...valuationFlags }).strict();

const stageMw = z.object({
  operating: finiteNumberOrNull,
  underConstruction: finiteNumberOrNull,
  approved: finiteNumberOrNull,
});

export const impliedHpcShareSchema = z.object({
  /** Critical-IT MW of new signed HPC at which the target equals the share price (null: none in [0, room]). */
  impliedMw: finiteNumberOrNull,
  /** Critical-IT MW the site ledger leaves at the undeveloped, in-queue and approved sites. */
  roomMw: finiteNumber,
  /** impliedMw ÷ roomMw; 0 when the price is at or below the value without new HPC; 1 when it needs all the room. */
  share: finiteNumberOrNull,
  status: z.enum(['solved', 'price-at-or-below-no-new-hpc', 'needs-more-than-the-room', 'no-room']),
  explanation: z.string(),
});

export const compsRowSchema = z.object({
  ticker: z.string(),
  name: z.string(),
  sharePriceUsd: finiteNumber,
  sharePriceDate: z.string().nullable(),
  sharePriceSource: z.string(),
  basicShares: finiteNumber,
  basicSharesSource: z.string(),
  /** Share price × basic shares. */
  marketCapUsd: finiteNumber,
  /** Share price × diluted shares at the share price (in-the-money converts, treasury-method options). */
  dilutedMarketCapUsd: finiteNumber,
  balanceSheetAsOf: z.string(),
  btcPriceUsd: finiteNumber,
  btcPriceDate: z.string(),
  /** What EV adds to the market cap, each signed (debt +, cash and BTC −) with its source. */
  enterpriseValueParts: z.array(
    z.object({
      kind: z.enum(['straight-debt', 'convertible', 'other-claims', 'cash', 'btc']),
      name: z.string(),
      usd: finiteNumber,
      source: z.string(),
    }),
  ),
  enterpriseValueUsd: finiteNumber,
  installedEhs: finiteNumber,
  realizedEhs: finiteNumberOrNull,
  /** The trailing quarter the realized hashrate is from, and its reported months. */
  realizedPeriod: z.string(),
  realizedActualMonths: z.array(z.string()),
  mw: stageMw,
  evPerInstalledEhsUsd: finiteNumberOrNull,
  evPerRealizedEhsUsd: finiteNumberOrNull,
  evPerMwUsd: stageMw,
  hpcValueUsd: finiteNumber,
  miningEnterpriseValueUsd: finiteNumber,
  priceToHashUsdPerEhs: finiteNumberOrNull,
  nextFourQuarters: z.array(z.string()),
  nextFourQuartersEbitdaUsd: finiteNumberOrNull,
  evToNextFourQuartersEbitda: finiteNumberOrNull,
  blockRewardHorizonYears: finiteNumber,
  blockRewardGrossProfitUsd: finiteNumber,
  miningEvToBlockRewardGrossProfit: finiteNumberOrNull,
  impliedHpc: impliedHpcShareSchema,
  notes: z.array(z.string()),
});
export type CompsRow = z.output<typeof compsRowSchema>;

export const columnQuartilesSchema = z.object({
  column: z.string(),
  n: z.number().int(),
  q1: finiteNumberOrNull,
  median: finiteNumberOrNull,
  q3: finiteNumberOrNull,
});

export const compsSchema = z.object({
  asOf: z.string(),
  targetDate: z.string(),
  scenario: z.object({ name: z.string(), file: z.string() }),
  methodology: z.object({ name: z.string(), file: z.string() }),
  companies: z.array(compsRowSchema),
  notValued: z.array(notValuedSchema),
  /** Median and quartiles of each multiple column, by its JSON path (type-7 quantiles). */
  quartiles: z.array(columnQuartilesSchema),
  definitions: z.record(z.string(), z.string()),
});
export type CompsResult = z.output<typeof compsSchema>;
