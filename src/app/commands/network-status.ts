/** `rerate network status`: the network at the end of a day of history. */
import { openAsOf } from '../sessions/framing.ts';
import { FEE_IMPUTATION_RULE } from '../../network/fee-imputation.ts';
import { networkStatusAt, type NetworkStatus } from '../../network/network-status.ts';
import { unitEconomicsAt, type UnitEconomics } from '../../network/unit-economics.ts';
import { InputError } from '../../schema/input-error.ts';
import { networkStatusInputSchema, networkStatusSchema, type NetworkStatusResult } from '../../schema/network.ts';
import { isoFromDay, type DayNumber } from '../../units/calendar-day.ts';
import { defineCommand } from '../command.ts';
import {
  finiteOrNull,
  formatBits,
  formatDifficulty,
  formatNumber,
  formatPct,
  formatUsd,
  isoTime,
} from '../../present/format.ts';
import type { DataSourceNotice } from '../ports/network-data.ts';
import type { ResultWarning } from '../../schema/result-envelope.ts';

const RETARGET_METHOD =
  'intervals observed since the epoch began, the rest at the trailing 7-day hashrate; exact retarget rule over 2015 ' +
  'intervals';
const HALVING_METHOD = 'remaining blocks at the mean block interval of the trailing 30 days';

export const networkStatusCommand = defineCommand({
  name: 'network status',
  summary: 'Height, difficulty epoch, next retarget and halving, hashrate, fees, price, hashprice at a date',
  description:
    'The state of the bitcoin network at the end of a UTC day of the data (default: its last day): chain height, ' +
    'progress through the difficulty epoch, the next retarget and halving as estimated then, 7- and 30-day hashrate ' +
    'estimated from difficulty and blocks, fees, price, hashvalue and hashprice (spot at the end of the day, and ' +
    'realized over the day), and revenue per MWh at chosen fleet efficiencies.',
  examples: [
    'rerate network status',
    'rerate network status --as-of 2025-10-29 --json',
    'rerate network status --as-of 2025-11-18 --efficiency 15,17.5,21 --power-price 45',
  ],
  inputSchema: networkStatusInputSchema,
  outputSchema: networkStatusSchema,
  async run(input, ports) {
    const { state, asOfDay: day } = await openAsOf(ports, input.asOf);
    const { history, sources } = state.snapshot;
    const { daily } = history;
    if (daily.blocks[day - daily.firstDay] === 0) {
      const firstWithBlocks = daily.firstDay + daily.blocks.findIndex((blocks) => blocks > 0);
      throw InputError.at(
        ['asOf'],
        `${input.asOf}: the data counts no block after genesis yet; ` +
          `the status needs a day from ${isoFromDay(firstWithBlocks as DayNumber)} on`,
      );
    }
    const status = networkStatusAt(history, state.metrics, day);
    const sourceId = daily.sources[daily.sourceIndex[day - daily.firstDay] as number];
    const source = sources.find((notice) => notice.id === sourceId);
    if (!source) throw new Error(`internal error: no notice for data source ${sourceId}`);
    const economics = unitEconomicsAt(
      status.spot.hashpriceUsdPerPhDay,
      input.efficiencyJPerTh,
      input.powerPriceUsdPerMwh,
    );
    const results = toResult(status, economics, input.powerPriceUsdPerMwh ?? null, source);
    return {
      results,
      asOf: results.asOf,
      dataAsOf: state.dataAsOf,
      warnings: statusWarnings(status),
    };
  },
  textView(status) {
    const retarget = status.retargetEstimate;
    const economics = status.unitEconomics;
    return [
      {
        kind: 'pairs',
        title: `Bitcoin network at the end of ${status.asOf}`,
        rows: [
          ['Height', formatNumber(status.tipHeight)],
          ['Blocks that day', formatNumber(status.blocksInDay)],
          [
            'Difficulty epoch',
            `${status.epoch.index} (from height ${formatNumber(status.epoch.startHeight)}, ` +
              `${status.epoch.startTime.slice(0, 16).replace('T', ' ')} UTC` +
              `${status.epoch.startTimeEstimated ? ', estimated' : ''})`,
          ],
          ['Difficulty', `${formatDifficulty(status.epoch.difficulty)} (bits ${status.epoch.bits})`],
          [
            'Epoch progress',
            `${formatNumber(status.epoch.blocksMined)} of 2,016 blocks (${formatPct(status.epoch.progressPct, 1)}), ` +
              `${formatNumber(status.epoch.blocksRemaining)} to go`,
          ],
          [
            'Next retarget (est.)',
            `${formatPct(retarget.changePct, 2, true)} to ${formatDifficulty(retarget.difficulty)} ` +
              `at height ${formatNumber(retarget.height)}, ~${retarget.estimatedTime.slice(0, 10)}` +
              `${retarget.clamp === 'none' ? '' : ` (clamped: ${retarget.clamp})`}`,
          ],
          [
            'Next halving',
            `height ${formatNumber(status.halving.nextHeight)} ` +
              `(${formatNumber(status.halving.blocksRemaining)} blocks), ` +
              `~${status.halving.estimatedTime.slice(0, 10)}; ` +
              `subsidy ${status.halving.subsidyNowBtc} → ${status.halving.subsidyAfterBtc} BTC`,
          ],
          [
            'Hashrate 7d / 30d',
            `${formatNumber(status.hashrate7dEhs, 1)} / ${formatNumber(status.hashrate30dEhs, 1)} EH/s`,
          ],
          [
            'Fees',
            `${formatNumber(status.fees.btc, 3)} BTC (${formatNumber(status.fees.perBlockBtc, 4)} BTC/block, ` +
              `${formatPct(status.fees.sharePct)} of rewards; 7d ${formatPct(status.fees.share7dPct)})` +
              `${status.fees.imputed ? ' [imputed]' : ''}`,
          ],
          ['Price', formatUsd(status.priceUsd)],
          [
            'Hashvalue (spot)',
            `${formatNumber(status.hashvalueBtcPerPhDay * 1e6, 2)} µBTC/PH/day ` +
              `(${formatNumber(status.networkBtcPerEhDay, 4)} BTC/EH/day)`,
          ],
          ['Hashprice (spot)', `${formatUsd(status.hashpriceUsdPerPhDay)}/PH/day`],
          [
            'Hashprice (day)',
            `${formatUsd(status.realizedDay.hashpriceUsdPerPhDay)}/PH/day realized over the day's blocks`,
          ],
          ['Data source', `${status.dataSource.description} (${status.dataSource.licence})`],
        ],
      },
      {
        kind: 'table',
        title:
          'Unit economics at spot hashprice' +
          `${economics.powerPriceUsdPerMwh === null ? '' : `, power ${formatUsd(economics.powerPriceUsdPerMwh)}/MWh`}`,
        columns: ['J/TH', 'Revenue $/MWh', 'Hashcost $/PH/day', 'Hash spread $/MWh'],
        rows: economics.rows.map((row) => [
          formatNumber(row.efficiencyJPerTh, 1),
          formatUsd(row.revenueUsdPerMwh),
          formatUsd(row.hashcostUsdPerPhDay),
          formatUsd(row.hashSpreadUsdPerMwh),
        ]),
        notes: economics.powerPriceUsdPerMwh === null ? ['Hashcost and hash spread need --power-price.'] : [],
      },
    ];
  },
});

function toResult(
  status: NetworkStatus,
  economics: UnitEconomics[],
  powerPriceUsdPerMwh: number | null,
  dataSource: DataSourceNotice,
): NetworkStatusResult {
  const { epoch, retarget, halving, spot } = status;
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
    retargetEstimate: {
      method: RETARGET_METHOD,
      basis: retarget.basis,
      height: retarget.retargetHeight,
      estimatedTime: isoTime(retarget.estimatedTimeUnixS),
      observedIntervals: retarget.observedIntervals,
      meanObservedIntervalS: finiteOrNull(retarget.meanObservedIntervalS),
      projectedIntervalS: retarget.projectedIntervalS,
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
    spotDifficulty: spot.difficulty,
    spotSubsidyBtc: spot.subsidyBtc,
    hashvalueBtcPerPhDay: spot.hashvalueBtcPerPhDay,
    hashpriceUsdPerPhDay: finiteOrNull(spot.hashpriceUsdPerPhDay),
    networkBtcPerEhDay: spot.networkBtcPerEhDay,
    realizedDay: {
      hashvalueBtcPerPhDay: status.realizedDay.hashvalueBtcPerPhDay,
      hashpriceUsdPerPhDay: finiteOrNull(status.realizedDay.hashpriceUsdPerPhDay),
    },
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
        `The data has no fees for this day; they are ${FEE_IMPUTATION_RULE}, ` +
        'and hashvalue and hashprice include them.',
      field: 'fees',
    });
  }
  if (status.epoch.startTimeDerived) {
    warnings.push({
      code: 'epoch-start-estimated',
      message:
        'The epoch’s start time is derived by chaining retarget ratios from the last header-read epoch (height ' +
        '878,976); its error grows along the chain, to about an hour by 2026.',
      field: 'epoch.startTime',
    });
  }
  if (status.retarget.basis === 'hashrate-only') {
    warnings.push({
      code: 'retarget-hashrate-only',
      message:
        'The day’s block count puts the chain into this epoch before its recorded start time (the data’s clocks ' +
        'differ by up to a day at epoch boundaries); the retarget estimate uses the 7-day hashrate for every ' +
        'interval.',
      field: 'retargetEstimate',
    });
  }
  if (!Number.isFinite(status.priceUsd)) {
    warnings.push({ code: 'price-unknown', message: 'The data has no price for this day.', field: 'priceUsd' });
  }
  return warnings;
}
