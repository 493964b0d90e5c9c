/** `rerate network status`: the network at the end of a day of history. */
import { networkStatusAt, type NetworkStatus } from '../../network/network-status.ts';
import { unitEconomicsAt, type UnitEconomics } from '../../network/unit-economics.ts';
import { lastDay } from '../../network/network-history.ts';
import { networkStatusInputSchema, networkStatusSchema, type NetworkStatusResult } from '../../schema/network.ts';
import { InputError } from '../../schema/input-error.ts';
import { isoFromDay } from '../../units/calendar-day.ts';
import { defineCommand } from '../command.ts';
import {
  finiteOrNull,
  formatBits,
  formatDifficulty,
  formatNumber,
  formatPct,
  formatUsd,
  isoTime,
} from '../format.ts';
import { dayInData, loadNetworkState } from '../network-state.ts';
import type { ResultWarning } from '../result-envelope.ts';

const RETARGET_METHOD = 'pace of the epoch so far: mean block interval since its first block, over 2015 intervals, exact retarget rule';
const HALVING_METHOD = 'remaining blocks at the mean block interval of the trailing 30 days';

export const networkStatusCommand = defineCommand({
  name: 'network status',
  summary: 'Height, difficulty epoch, next retarget and halving, hashrate, fees, price, hashprice at a date',
  description:
    'The state of the bitcoin network at the end of a UTC day of the data (default: its last day): chain height, ' +
    'progress through the difficulty epoch, the next retarget estimated from the epoch’s pace so far, the next ' +
    'halving, 7- and 30-day hashrate estimated from difficulty and blocks, fees, price, hashvalue and hashprice.',
  examples: [
    'rerate network status',
    'rerate network status --as-of 2025-10-29 --json',
    'rerate network status --as-of 2025-11-18 --efficiency 15,17.5,21 --power-price 45',
  ],
  options: [
    { key: 'asOf', flag: '--as-of <date>', description: 'UTC day (YYYY-MM-DD); default: the last day of the data' },
    {
      key: 'efficiencyJPerTh',
      flag: '--efficiency <J/TH,...>',
      description: 'fleet efficiencies for revenue per MWh and hashcost (default: 17,22,32, the Hashrate Index tiers)',
      valueKind: 'number-list',
    },
    {
      key: 'powerPriceUsdPerMwh',
      flag: '--power-price <USD/MWh>',
      description: 'all-in power price, for hashcost and hash spread',
      valueKind: 'number',
    },
  ],
  inputSchema: networkStatusInputSchema,
  outputSchema: networkStatusSchema,
  async run(input, ports) {
    const state = await loadNetworkState(ports);
    const { history } = state.snapshot;
    const day = input.asOf === undefined ? lastDay(history.daily) : dayInData(history, 'asOf', input.asOf);
    if (history.daily.blocks[day - history.daily.firstDay] === 0) {
      throw InputError.at(['asOf'], `${input.asOf} has no mined block yet: the status needs a day from 2009-01-09 on`);
    }
    const status = networkStatusAt(history, state.metrics, day);
    const source = state.snapshot.history.daily.sources[history.daily.sourceIndex[day - history.daily.firstDay] as number] ?? '';
    const economics = unitEconomicsAt(status.hashpriceUsdPerPhDay, input.efficiencyJPerTh, input.powerPriceUsdPerMwh);
    const results = toResult(status, economics, input.powerPriceUsdPerMwh ?? null, source);
    return {
      results,
      asOf: results.asOf,
      dataAsOf: state.dataAsOf,
      warnings: statusWarnings(status),
      resolvedInputs: { asOf: results.asOf, efficiencyJPerTh: input.efficiencyJPerTh, dataSnapshot: state.snapshot.snapshotId },
    };
  },
  textView(status) {
    const retarget = status.retargetEstimate;
    return [
      {
        kind: 'pairs',
        title: `Bitcoin network at the end of ${status.asOf}`,
        rows: [
          ['Height', formatNumber(status.tipHeight)],
          ['Blocks that day', formatNumber(status.blocksInDay)],
          [
            'Difficulty epoch',
            `${status.epoch.index} (from height ${formatNumber(status.epoch.startHeight)}, ${status.epoch.startTime.slice(0, 16).replace('T', ' ')} UTC${status.epoch.startTimeEstimated ? ', estimated' : ''})`,
          ],
          ['Difficulty', `${formatDifficulty(status.epoch.difficulty)} (bits ${status.epoch.bits})`],
          [
            'Epoch progress',
            `${formatNumber(status.epoch.blocksMined)} of 2,016 blocks (${formatPct(status.epoch.progressPct, 1)}), ${formatNumber(status.epoch.blocksRemaining)} to go`,
          ],
          [
            'Next retarget (est.)',
            retarget
              ? `${formatPct(retarget.changePct, 2, true)} to ${formatDifficulty(retarget.difficulty)} at height ${formatNumber(retarget.height)}, ~${retarget.estimatedTime.slice(0, 10)}${retarget.clamp === 'none' ? '' : ` (clamped: ${retarget.clamp})`}`
              : 'n/a (no block interval observed yet in this epoch)',
          ],
          [
            'Next halving',
            `height ${formatNumber(status.halving.nextHeight)} (${formatNumber(status.halving.blocksRemaining)} blocks), ~${status.halving.estimatedTime.slice(0, 10)}; subsidy ${status.halving.subsidyNowBtc} → ${status.halving.subsidyAfterBtc} BTC`,
          ],
          ['Hashrate 7d / 30d', `${formatNumber(status.hashrate7dEhs, 1)} / ${formatNumber(status.hashrate30dEhs, 1)} EH/s`],
          [
            'Fees',
            `${formatNumber(status.fees.btc, 3)} BTC (${formatNumber(status.fees.perBlockBtc, 4)} BTC/block, ${formatPct(status.fees.sharePct)} of rewards; 7d ${formatPct(status.fees.share7dPct)})${status.fees.imputed ? ' [imputed]' : ''}`,
          ],
          ['Price', formatUsd(status.priceUsd)],
          ['Hashvalue', `${formatNumber(status.hashvalueBtcPerPhDay * 1e6, 2)} µBTC/PH/day (${formatNumber(status.networkBtcPerEhDay, 4)} BTC/EH/day)`],
          ['Hashprice', status.hashpriceUsdPerPhDay === null ? 'n/a' : `${formatUsd(status.hashpriceUsdPerPhDay)}/PH/day`],
          ['Data source', status.dataSource],
        ],
      },
      {
        kind: 'table',
        title: `Unit economics${status.unitEconomics.powerPriceUsdPerMwh === null ? '' : ` at ${formatUsd(status.unitEconomics.powerPriceUsdPerMwh)}/MWh`}`,
        columns: ['J/TH', 'Revenue $/MWh', 'Hashcost $/PH/day', 'Hash spread $/MWh'],
        rows: status.unitEconomics.rows.map((row) => [
          formatNumber(row.efficiencyJPerTh, 1),
          formatUsd(row.revenueUsdPerMwh),
          formatUsd(row.hashcostUsdPerPhDay),
          formatUsd(row.hashSpreadUsdPerMwh),
        ]),
        notes:
          status.unitEconomics.powerPriceUsdPerMwh === null
            ? ['Hashcost and hash spread need --power-price.']
            : [],
      },
    ];
  },
});

function toResult(
  status: NetworkStatus,
  economics: UnitEconomics[],
  powerPriceUsdPerMwh: number | null,
  dataSource: string,
): NetworkStatusResult {
  const { epoch, retarget, halving } = status;
  return {
    asOf: isoFromDay(status.asOfDay),
    tipHeight: status.tipHeight,
    blocksInDay: status.blocksInDay,
    epoch: {
      index: epoch.index,
      startHeight: epoch.startHeight,
      startTime: isoTime(epoch.startTimeUnixS),
      startTimeEstimated: epoch.startTimeDerived,
      bits: formatBits(epoch.bits),
      difficulty: epoch.difficulty,
      blocksMined: epoch.blocksMined,
      blocksRemaining: epoch.blocksRemaining,
      progressPct: epoch.progressPct,
    },
    retargetEstimate: retarget && {
      method: RETARGET_METHOD,
      height: retarget.retargetHeight,
      estimatedTime: isoTime(retarget.estimatedTimeUnixS),
      meanBlockIntervalS: retarget.meanBlockIntervalS,
      bits: formatBits(retarget.estimatedBits),
      difficulty: retarget.estimatedDifficulty,
      changePct: retarget.estimatedChangePct,
      clamp: retarget.clamp,
    },
    halving: {
      nextHeight: halving.nextHeight,
      blocksRemaining: halving.blocksRemaining,
      subsidyNowBtc: halving.subsidyNowBtc,
      subsidyAfterBtc: halving.subsidyAfterBtc,
      method: HALVING_METHOD,
      meanBlockInterval30dS: halving.meanBlockInterval30dS,
      estimatedTime: isoTime(halving.estimatedTimeUnixS),
    },
    hashrate7dEhs: status.hashrate7dEhs,
    hashrate30dEhs: status.hashrate30dEhs,
    difficultyOfDay: status.difficultyOfDay,
    fees: {
      btc: status.feesBtc,
      perBlockBtc: status.feesPerBlockBtc,
      sharePct: status.feeSharePct,
      share7dPct: status.feeShare7dPct,
      imputed: status.feesImputed,
    },
    priceUsd: finiteOrNull(status.priceUsd),
    hashvalueBtcPerPhDay: status.hashvalueBtcPerPhDay,
    hashpriceUsdPerPhDay: finiteOrNull(status.hashpriceUsdPerPhDay),
    networkBtcPerEhDay: status.networkBtcPerEhDay,
    unitEconomics: {
      powerPriceUsdPerMwh,
      rows: economics.map((row) => ({
        efficiencyJPerTh: row.efficiencyJPerTh,
        revenueUsdPerMwh: finiteOrNull(row.revenueUsdPerMwh),
        hashcostUsdPerPhDay: finiteOrNull(row.hashcostUsdPerPhDay),
        hashSpreadUsdPerMwh: finiteOrNull(row.hashSpreadUsdPerMwh),
      })),
    },
    dataSource,
  };
}

function statusWarnings(status: NetworkStatus): ResultWarning[] {
  const warnings: ResultWarning[] = [];
  if (status.feesImputed) {
    warnings.push({
      code: 'fees-imputed',
      message:
        'The data has no fees for this day; they are the mean fee per block of the nearest 28 days with known fees, ' +
        'and hashvalue and hashprice include them.',
      field: 'fees',
    });
  }
  if (status.epoch.startTimeDerived) {
    warnings.push({
      code: 'epoch-start-estimated',
      message: 'The epoch’s start time is derived from retarget ratios, not read from a block header (typical error ±11 minutes).',
      field: 'epoch.startTime',
    });
  }
  if (status.retarget === null) {
    warnings.push({ code: 'retarget-unknown', message: 'No block interval observed yet in this epoch.', field: 'retargetEstimate' });
  } else if (status.epoch.blocksMined < 144) {
    warnings.push({
      code: 'retarget-early',
      message: `Only ${status.epoch.blocksMined} blocks into the epoch: the pace-based retarget estimate is noisy.`,
      field: 'retargetEstimate',
    });
  }
  if (!Number.isFinite(status.priceUsd)) {
    warnings.push({ code: 'price-unknown', message: 'The data has no price for this day.', field: 'priceUsd' });
  }
  return warnings;
}

