/**
 * Turns a scenario (built-in or file) plus flag overrides into the projection's inputs: the chain state and default
 * values at the as-of date (read from history up to that day only), one value per projected day for hashrate, fees and
 * price, and the Monte Carlo volatilities. Every input is recorded with its value and source, so the output says
 * exactly what it assumed.
 */
import { marketStartAt, realizedSeriesAfter, type MarketStart, type RealizedSeries } from '../network/market-start.ts';
import { resolvePath, type PathShape } from '../network/market-paths.ts';
import type { DailyNetworkMetrics } from '../network/daily-metrics.ts';
import type { ProjectionSetup } from '../network/monte-carlo.ts';
import { lastDay, type NetworkHistory } from '../network/network-history.ts';
import {
  MAX_HASHRATE_EHS,
  type FeesBlock,
  type HashrateBlock,
  type NetworkModel,
  type PriceBlock,
} from '../schema/scenario.ts';
import { networkModelOf } from './network-model.ts';
import { InputError } from '../schema/input-error.ts';
import { dayFromIso, isoFromDay, type DayNumber } from '../units/calendar-day.ts';
import type { LoadedScenario } from './loaded-files.ts';
import type { ResultWarning } from '../schema/result-envelope.ts';

/** Flag values that replace the scenario's. */
export interface PathOverrides {
  hashrateGrowthPerYear?: number;
  hashrateVolatilityPerYear?: number;
  priceUsd?: number;
  priceVolatilityPerYear?: number;
  feesPerBlockBtc?: number;
  feeShareOfRewards?: number;
  /** `--network-model`: the exogenous path or the hashprice-responsive fleet. */
  networkModel?: NetworkModel;
}

/**
 * The scenario flags of a command's input (`--hashrate-growth`, `--price`, `--fees`, the volatilities) as
 * overrides.
 */
export function pathOverridesFrom(flags: {
  hashrateGrowth?: number | undefined;
  hashrateVolatility?: number | undefined;
  price?: number | undefined;
  priceVolatility?: number | undefined;
  fees?: { perBlockBtc?: number; shareOfRewards?: number } | undefined;
  networkModel?: NetworkModel | undefined;
}): PathOverrides {
  return {
    ...(flags.networkModel !== undefined && { networkModel: flags.networkModel }),
    ...(flags.hashrateGrowth !== undefined && { hashrateGrowthPerYear: flags.hashrateGrowth }),
    ...(flags.hashrateVolatility !== undefined && { hashrateVolatilityPerYear: flags.hashrateVolatility }),
    ...(flags.price !== undefined && { priceUsd: flags.price }),
    ...(flags.priceVolatility !== undefined && { priceVolatilityPerYear: flags.priceVolatility }),
    ...(flags.fees?.perBlockBtc !== undefined && { feesPerBlockBtc: flags.fees.perBlockBtc }),
    ...(flags.fees?.shareOfRewards !== undefined && { feeShareOfRewards: flags.fees.shareOfRewards }),
  };
}

export interface AssumptionRecord {
  input: string;
  value: number | string;
  unit: string;
  source: string;
}

export interface ProjectionInputs {
  setup: ProjectionSetup;
  start: MarketStart;
  /** Hashrate (EH/s) and price (USD) the paths start from. */
  startValues: { hashrateEhs: number; priceUsd: number };
  assumptions: AssumptionRecord[];
  warnings: ResultWarning[];
}

const FROM_DATA = 'rerate data at the as-of date';

export function buildProjectionInputs(
  history: NetworkHistory,
  metrics: DailyNetworkMetrics,
  asOfDay: DayNumber,
  dayCount: number,
  loaded: LoadedScenario,
  overrides: PathOverrides,
): ProjectionInputs {
  const start = marketStartAt(history, metrics, asOfDay);
  const { scenario } = loaded;
  const assumptions: AssumptionRecord[] = [];
  const warnings: ResultWarning[] = [];
  const hashrate: HashrateBlock = scenario.hashrate ?? {};
  const fees: FeesBlock = scenario.fees ?? {};
  const price: PriceBlock = scenario.price ?? {};
  const scenarioSource = (block: { source?: string | undefined }) =>
    `${loaded.file}: ${block.source ?? 'no source given'}`;

  const usesRealized = hashrate.realized === true || fees.realized === true || price.realized === true;
  let realized: RealizedSeries | undefined;
  if (usesRealized) {
    if (asOfDay + dayCount > lastDay(history.daily)) {
      throw InputError.at(
        ['to'],
        `a realized path needs history to the horizon; the data ends ${isoFromDay(lastDay(history.daily))}`,
      );
    }
    realized = realizedSeriesAfter(history, metrics, asOfDay, dayCount);
    warnings.push({
      code: 'realized-paths',
      message: 'This scenario replays history after the as-of date (a realized path): a backtest, not a forecast.',
    });
  }

  // Hashrate
  const hashrateStart = hashrate.start ?? start.hashrateEhs;
  assumptions.push({
    input: 'hashrate.start',
    value: hashrateStart,
    unit: 'EH/s',
    source:
      hashrate.start === undefined
        ? `${FROM_DATA}: mean of the two highest of the four trailing weekly estimates from difficulty and ` +
          `blocks (robust to a curtailment week; trailing 7-day: ${start.hashrate7dEhs.toFixed(1)} EH/s)`
        : scenarioSource(hashrate),
  });
  let hashrateShape = shapeOf(
    hashrate.growth,
    hashrate.points?.map((p) => ({ date: p.date, value: p.ehs })),
    hashrate.realized,
  );
  let hashrateShapeSource = scenarioSource(hashrate);
  if (overrides.hashrateGrowthPerYear !== undefined) {
    hashrateShape = { kind: 'growth', ratePerYear: overrides.hashrateGrowthPerYear };
    hashrateShapeSource = 'flag --hashrate-growth';
  }
  const network = networkModelOf(loaded, overrides.networkModel, overrides.hashrateGrowthPerYear, hashrateStart);
  if (network.fleet) assumptions.push(...network.assumptions);
  else {
    assumptions.push(...network.assumptions, {
      input: 'hashrate.path',
      value: describeShape(hashrateShape),
      unit: 'EH/s',
      source: hashrateShapeSource,
    });
  }

  // Price
  if (overrides.priceUsd !== undefined && price.realized) {
    throw InputError.at(['price'], `${loaded.file} replays the realized price; --price cannot set its start`);
  }
  const priceStart = overrides.priceUsd ?? price.start ?? start.priceUsd;
  if (!Number.isFinite(priceStart))
    throw InputError.at(['asOf'], 'the data has no price on or before the as-of date; give --price');
  const priceFromData = overrides.priceUsd === undefined && price.start === undefined;
  if (priceFromData && start.priceDay < asOfDay) {
    warnings.push({
      code: 'price-carried-forward',
      field: 'assumptions',
      message:
        `the data has no price after ${isoFromDay(start.priceDay)}: days since then, and the projection's start, ` +
        `use that day's ${start.priceUsd.toFixed(2)} USD (give --price, or refresh prices)`,
    });
  }
  assumptions.push({
    input: 'price.start',
    value: priceStart,
    unit: 'USD',
    source:
      overrides.priceUsd !== undefined
        ? 'flag --price'
        : price.start !== undefined
          ? scenarioSource(price)
          : `${FROM_DATA}: the price of ${isoFromDay(start.priceDay)}`,
  });
  const pricePoints = (loaded.priceCurve ?? price.points)?.map((p) => ({ date: p.date, value: p.usd }));
  if (price.curve && !loaded.priceCurve)
    throw new Error(`internal error: ${loaded.file}: its forward curve was not read`);
  const priceShape = shapeOf(price.growth, pricePoints, price.realized);
  assumptions.push({
    input: 'price.path',
    value: price.curve ? `forward curve ${price.curve}` : describeShape(priceShape),
    unit: 'USD',
    source: scenarioSource(price),
  });

  // Fees
  const feeUnit =
    overrides.feeShareOfRewards !== undefined || (overrides.feesPerBlockBtc === undefined && fees.share !== undefined)
      ? 'share-of-rewards'
      : 'btc-per-block';
  const feeStart =
    overrides.feeShareOfRewards ??
    overrides.feesPerBlockBtc ??
    (feeUnit === 'share-of-rewards' ? fees.share : fees.perBlock) ??
    start.feesPerBlockBtc;
  const feeFromData =
    overrides.feeShareOfRewards === undefined &&
    overrides.feesPerBlockBtc === undefined &&
    fees.share === undefined &&
    fees.perBlock === undefined;
  if (feeFromData && start.feesImputedDays > 0) {
    warnings.push({
      code: 'fees-imputed',
      message:
        `The starting fee level averages 28 days of which ${start.feesImputedDays} have imputed fees ` +
        '(the data has none for them).',
      field: 'assumptions',
    });
  }
  assumptions.push({
    input: 'fees.start',
    value: feeStart,
    unit: feeUnit === 'share-of-rewards' ? 'share of rewards' : 'BTC/block',
    source:
      overrides.feeShareOfRewards !== undefined || overrides.feesPerBlockBtc !== undefined
        ? 'flag --fees'
        : feeFromData
          ? `${FROM_DATA}: mean fee per block over the trailing 28 days`
          : scenarioSource(fees),
  });
  const feePointValues = fees.points?.map((p) => ({
    date: p.date,
    value: (feeUnit === 'share-of-rewards' ? p.share : p.perBlock) ?? NaN,
  }));
  const feeFlag = overrides.feeShareOfRewards !== undefined || overrides.feesPerBlockBtc !== undefined;
  if (!feeFlag && feePointValues?.some((p) => Number.isNaN(p.value))) {
    throw InputError.at(
      ['fees', 'points'],
      `every fee point must use the same unit as the fees (${feeUnit === 'share-of-rewards' ? 'share' : 'perBlock'})`,
    );
  }
  // A --fees flag replaces the scenario's fee path with a flat level.
  const feeShape: PathShape = feeFlag ? { kind: 'flat' } : shapeOf(undefined, feePointValues, fees.realized);

  // Resolve to daily arrays.
  const hashratePath = resolvePath(hashrateShape, hashrateStart, asOfDay, dayCount, realized?.hashrateEhs);
  const peakHashrate = hashratePath.reduce((peak, value) => Math.max(peak, value), 0);
  if (peakHashrate > MAX_HASHRATE_EHS) {
    throw InputError.at(
      [overrides.hashrateGrowthPerYear !== undefined ? 'hashrateGrowth' : 'scenario'],
      `the hashrate path reaches ${peakHashrate.toExponential(2)} EH/s by the horizon, ` +
        `beyond the ${MAX_HASHRATE_EHS.toExponential(0)} EH/s a projection accepts`,
    );
  }
  const pricePath = resolvePath(priceShape, priceStart, asOfDay, dayCount, realized?.priceUsd);
  const feePath = resolvePath(feeShape, feeStart, asOfDay, dayCount, realized?.feesPerBlockBtc);
  const nanPath = new Float64Array(dayCount).fill(NaN);
  const bySharePath = feeUnit === 'share-of-rewards' && feeShape.kind !== 'realized';

  // Monte Carlo volatilities and the hashprice response.
  const hashrateVolatility =
    overrides.hashrateVolatilityPerYear ?? hashrate.volatility ?? start.hashrateVolatilityPerYear;
  const priceVolatility = overrides.priceVolatilityPerYear ?? price.volatility ?? start.priceVolatilityPerYear;
  assumptions.push(
    {
      input: 'hashrate.volatility',
      value: hashrateVolatility,
      unit: 'per year (Monte Carlo)',
      source:
        overrides.hashrateVolatilityPerYear !== undefined
          ? 'flag --hashrate-volatility'
          : hashrate.volatility !== undefined
            ? scenarioSource(hashrate)
            : `${FROM_DATA}: realized volatility of 30-day hashrate changes over the trailing year`,
    },
    {
      input: 'price.volatility',
      value: priceVolatility,
      unit: 'per year (Monte Carlo)',
      source:
        overrides.priceVolatilityPerYear !== undefined
          ? 'flag --price-volatility'
          : price.volatility !== undefined
            ? scenarioSource(price)
            : `${FROM_DATA}: realized volatility of daily price changes over the trailing year`,
    },
  );
  const response = hashrate.hashpriceResponse ?? null;
  if (response) {
    assumptions.push({
      input: 'hashrate.hashpriceResponse',
      value: `elasticity ${response.elasticity}, lag ${response.lagDays} days`,
      unit: '',
      source: scenarioSource(hashrate),
    });
  }

  return {
    setup: {
      // The hashprice response is measured against the hashprice at the start, at the start price used.
      start: { ...start.chain, spotHashpriceUsdPerPhDay: start.spotHashvalueBtcPerPhDay * priceStart },
      paths: {
        dayCount,
        hashrateEhs: hashratePath,
        feesPerBlockBtc: bySharePath ? nanPath : feePath,
        feeShareOfRewards: bySharePath ? feePath : nanPath,
        priceUsd: pricePath,
      },
      volatility: { hashratePerYear: finiteOrZero(hashrateVolatility), pricePerYear: finiteOrZero(priceVolatility) },
      response,
      fleet: network.fleet,
    },
    start,
    startValues: { hashrateEhs: hashrateStart, priceUsd: priceStart },
    assumptions,
    warnings,
  };
}

function shapeOf(
  growth: number | undefined,
  points: { date: string; value: number }[] | undefined,
  realized: boolean | undefined,
): PathShape {
  if (realized) return { kind: 'realized' };
  if (points) return { kind: 'points', points: points.map((p) => ({ day: dayFromIso(p.date), value: p.value })) };
  if (growth !== undefined && growth !== 0) return { kind: 'growth', ratePerYear: growth };
  return { kind: 'flat' };
}

function describeShape(shape: PathShape): string {
  switch (shape.kind) {
    case 'flat':
      return 'flat';
    case 'growth':
      return `growth ${(100 * shape.ratePerYear).toFixed(2)}%/yr`;
    case 'points':
      return `through ${shape.points.length} dated points (linear, flat after the last)`;
    case 'realized':
      return 'as realized (history)';
  }
}

function finiteOrZero(value: number): number {
  return Number.isFinite(value) ? value : 0;
}
