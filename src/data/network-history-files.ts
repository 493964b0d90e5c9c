/**
 * Turns the two network data files (daily series and difficulty epochs) into a NetworkHistory, checking every
 * row and the two files against each other. The first bad or inconsistent value throws an InputError naming
 * file:line:column. Pure over the file texts, so bad files are easy to test.
 */
import { DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS, POW_LIMIT } from '../protocol/consensus-params.ts';
import { chainworkAtEpochStarts } from '../protocol/work.ts';
import { setCompact } from '../protocol/compact.ts';
import { difficultyFromBits } from '../protocol/difficulty.ts';
import { issuanceSatsBetween } from '../protocol/subsidy.ts';
import { BTC_AMOUNT, BTC_PRICE_USD, formatLimit, GENESIS_DAY, type Bound } from '../schema/bounds.ts';
import { readCsvTable, type CsvColumnSpec, type CsvTable } from '../schema/csv-table.ts';
import { InputError } from '../schema/input-error.ts';
import { parseIsoDay, type DayNumber } from '../units/calendar-day.ts';
import { btcFromSats } from '../units/quantities.ts';
import {
  epochOfHeight,
  type DailyNetworkSeries,
  type DifficultyEpochs,
  type NetworkHistory,
} from '../network/network-history.ts';

/**
 * Codes of the daily rows' sources: the embedded Coin Metrics copies, then live chain sources (the user's node,
 * mempool.space) and `exchanges`, the median of the exchanges' daily closes (a price source only).
 */
export const DAILY_SOURCES = ['cm-api', 'cm-repo', 'cm-supply', 'bitcoind', 'mempool', 'exchanges'] as const;
export type DailySourceCode = (typeof DAILY_SOURCES)[number];
const CHAIN_SOURCES = DAILY_SOURCES.filter((code) => code !== 'exchanges');

const DAILY_COLUMNS: readonly CsvColumnSpec[] = [
  { name: 'date', kind: 'date' },
  { name: 'blocks', kind: 'integer', min: 0 },
  { name: 'price_usd', kind: 'number', optional: true, min: 0 },
  { name: 'difficulty', kind: 'number', optional: true, min: 1 },
  { name: 'fees_btc', kind: 'number', optional: true, min: 0 },
  { name: 'issuance_btc', kind: 'number', min: 0 },
  { name: 'source', kind: 'text', oneOf: CHAIN_SOURCES },
];
/**
 * The local store's daily files add the price's own source, since live prices come from exchanges while the chain
 * columns come from a node or mempool.space. Without the column (the embedded file) the price shares the row's source.
 */
const PRICE_SOURCE_COLUMN: CsvColumnSpec = { name: 'price_source', kind: 'text', optional: true, oneOf: DAILY_SOURCES };
export const DAILY_HEADER = DAILY_COLUMNS.map((column) => column.name).join(',');
export const DAILY_HEADER_WITH_PRICE_SOURCE = `${DAILY_HEADER},${PRICE_SOURCE_COLUMN.name}`;

const EPOCH_COLUMNS: readonly CsvColumnSpec[] = [
  { name: 'epoch', kind: 'integer', min: 0 },
  { name: 'start_height', kind: 'integer', min: 0 },
  { name: 'bits', kind: 'text', pattern: /^0x[0-9a-f]{8}$/ },
  { name: 'start_time_unix', kind: 'integer', min: 1_231_006_505 },
  { name: 'start_time_source', kind: 'text', oneOf: ['header', 'derived'] },
  { name: 'chainwork_at_start_hex', kind: 'text', optional: true, pattern: /^[0-9a-f]{1,64}$/ },
];

/**
 * Bounds of the daily columns (issue 19): the supply cap for a day's fees, and at most a retarget period of blocks in
 * a day (the most on record is ~700, in January 2010, at difficulty 1 with the first GPU miners).
 */
const DAILY_BOUNDS: Record<string, Bound> = {
  blocks: { unit: 'blocks', min: 0, max: 2016, reason: 'a day holds at most a retarget period of blocks' },
  price_usd: BTC_PRICE_USD,
  fees_btc: BTC_AMOUNT,
};
/** A header's nTime is an unsigned 32-bit number of seconds (2106-02-07). */
const MAX_HEADER_TIME_UNIX_S = 2 ** 32 - 1;

/** Tolerance between a day's mean difficulty and its epochs' difficulty (the sources round to ~7 digits). */
const DIFFICULTY_RELATIVE_TOLERANCE = 1e-6;
/**
 * A day's issued coins must match the protocol schedule for its heights to this relative tolerance. The source
 * derives BTC issuance from USD values; it matches exactly on every day but four in September 2022 (off by up to
 * 2.2e-5). One block more or less changes a day's issuance by at least 1/250 = 4e-3.
 */
const ISSUANCE_RELATIVE_TOLERANCE = 5e-5;

export interface NetworkHistoryFiles {
  daily: { name: string; text: string };
  epochs: { name: string; text: string };
}

export function readNetworkHistoryFiles(files: NetworkHistoryFiles): NetworkHistory {
  const epochs = readEpochs(files.epochs.name, files.epochs.text);
  const daily = readDaily(files.daily.name, files.daily.text, epochs);
  return { daily, epochs };
}

function readEpochs(file: string, text: string): DifficultyEpochs {
  const table = readCsvTable(text, file, EPOCH_COLUMNS);
  const count = table.rowCount;
  const column = (name: string) => table.numbers[name] as Float64Array;
  const texts = (name: string) => table.texts[name] as string[];
  const epochNumber = column('epoch');
  const startHeight = column('start_height');
  const startTimeUnixS = column('start_time_unix');
  const bitsText = texts('bits');
  const bits = new Uint32Array(count);
  const difficulty = new Float64Array(count);
  const startTimeDerived = new Uint8Array(count);
  for (let k = 0; k < count; k++) {
    const at = (columnName: string) => locate(table, k, columnName);
    if (epochNumber[k] !== k) throw InputError.inFile(at('epoch'), `expected epoch ${k}, found ${epochNumber[k]}`);
    const expectedStart = DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS * k;
    if (startHeight[k] !== expectedStart) {
      throw InputError.inFile(
        at('start_height'),
        `epoch ${k} must start at height ${expectedStart}, found ${startHeight[k]}`,
      );
    }
    const value = Number.parseInt(bitsText[k] as string, 16);
    const decoded = setCompact(value);
    if (decoded.negative || decoded.overflow || decoded.target === 0n || decoded.target > POW_LIMIT) {
      throw InputError.inFile(
        at('bits'),
        `bits ${bitsText[k]} do not encode a valid target (positive, at most powLimit)`,
      );
    }
    bits[k] = value;
    difficulty[k] = difficultyFromBits(value);
    if (k > 0) checkRetargetClamp(setCompact(bits[k - 1] as number).target, decoded.target, k, at('bits'));
    if ((startTimeUnixS[k] as number) > MAX_HEADER_TIME_UNIX_S)
      throw InputError.inFile(at('start_time_unix'), `a header's time is a 32-bit number (at most 4294967295)`);
    if (k > 0 && (startTimeUnixS[k] as number) <= (startTimeUnixS[k - 1] as number)) {
      throw InputError.inFile(at('start_time_unix'), `epoch ${k} starts no later than epoch ${k - 1}`);
    }
    startTimeDerived[k] = texts('start_time_source')[k] === 'derived' ? 1 : 0;
  }
  const chainwork = chainworkAtEpochStarts(Array.from(bits));
  const listedChainwork = texts('chainwork_at_start_hex');
  for (let k = 0; k < count; k++) {
    const listed = listedChainwork[k] as string;
    if (listed !== '' && BigInt(`0x${listed}`) !== chainwork[k]) {
      throw InputError.inFile(
        locate(table, k, 'chainwork_at_start_hex'),
        `chainwork ${listed} disagrees with the work of the listed targets (${(chainwork[k] as bigint).toString(16)})`,
      );
    }
  }
  return { count, startHeight, bits, startTimeUnixS, startTimeDerived, difficulty };
}

function readDaily(file: string, text: string, epochs: DifficultyEpochs): DailyNetworkSeries {
  const withPriceSource =
    text.startsWith(`${DAILY_HEADER_WITH_PRICE_SOURCE}\n`) || text.startsWith(`${DAILY_HEADER_WITH_PRICE_SOURCE}\r\n`);
  const table = readCsvTable(text, file, withPriceSource ? [...DAILY_COLUMNS, PRICE_SOURCE_COLUMN] : DAILY_COLUMNS);
  const dayCount = table.rowCount;
  if (dayCount === 0) throw InputError.inFile({ file, line: 2 }, 'no rows');
  const dates = table.texts['date'] as string[];
  const blocks = table.numbers['blocks'] as Float64Array;
  const difficulty = table.numbers['difficulty'] as Float64Array;
  const issuanceBtc = table.numbers['issuance_btc'] as Float64Array;
  const sourceText = table.texts['source'] as string[];
  const firstDay = parseDay(table, 0, dates[0] as string);
  if ((dates[0] as string) < GENESIS_DAY)
    throw InputError.inFile(
      locate(table, 0, 'date'),
      `${dates[0]} is before the genesis block (${GENESIS_DAY}): there is no hashrate, difficulty or price before it`,
    );
  checkDailyBounds(table);
  const tipHeight = new Float64Array(dayCount);
  const sourceIndex = new Uint8Array(dayCount);
  const priceSourceIndex = new Uint8Array(dayCount);
  const priceSourceText = table.texts['price_source'];
  let tip = 0;
  for (let i = 0; i < dayCount; i++) {
    const at = (columnName: string) => locate(table, i, columnName);
    const day = parseDay(table, i, dates[i] as string);
    if (day !== firstDay + i)
      throw InputError.inFile(at('date'), `dates must be consecutive days: expected the day after the previous row`);
    const dayBlocks = blocks[i] as number;
    const firstHeight = tip + 1;
    tip += dayBlocks;
    tipHeight[i] = tip;
    sourceIndex[i] = DAILY_SOURCES.indexOf(sourceText[i] as DailySourceCode);
    const priceSource = priceSourceText?.[i] || (sourceText[i] as string);
    priceSourceIndex[i] = DAILY_SOURCES.indexOf(priceSource as DailySourceCode);
    if (epochOfHeight(tip) >= epochs.count) {
      throw InputError.inFile(
        at('blocks'),
        `height ${tip} at the end of the day is beyond the last epoch listed (${epochs.count - 1})`,
      );
    }
    if (dayBlocks === 0) continue;
    const dayDifficulty = difficulty[i] as number;
    if (Number.isNaN(dayDifficulty)) throw InputError.inFile(at('difficulty'), 'a day with blocks needs a difficulty');
    checkDifficultyAgainstEpochs(dayDifficulty, firstHeight, tip, epochs, at('difficulty'));
    const expectedIssuance = btcFromSats(issuanceSatsBetween(firstHeight, tip));
    if (Math.abs((issuanceBtc[i] as number) - expectedIssuance) > ISSUANCE_RELATIVE_TOLERANCE * expectedIssuance) {
      throw InputError.inFile(
        at('issuance_btc'),
        `issuance ${issuanceBtc[i]} BTC differs from the protocol schedule ` +
          `for heights ${firstHeight}–${tip} (${expectedIssuance} BTC)`,
      );
    }
  }
  return {
    firstDay,
    dayCount,
    blocks,
    tipHeight,
    difficulty,
    priceUsd: table.numbers['price_usd'] as Float64Array,
    feesBtc: table.numbers['fees_btc'] as Float64Array,
    issuanceBtc,
    sourceIndex,
    priceSourceIndex,
    sources: DAILY_SOURCES,
  };
}

/** Every bounded column of every row within its bound, or an InputError at the first value outside. */
function checkDailyBounds(table: CsvTable): void {
  for (const [column, bound] of Object.entries(DAILY_BOUNDS)) {
    const values = table.numbers[column] as Float64Array;
    for (let row = 0; row < table.rowCount; row++) {
      const value = values[row] as number;
      if (value > bound.max)
        throw InputError.inFile(
          locate(table, row, column),
          `column "${column}": ${value} is above ${formatLimit(bound.max)} ${bound.unit} (${bound.reason})`,
        );
    }
  }
}

/**
 * The retarget rule (`CalculateNextWorkRequired`) moves a target by at most ×4 either way, capped at powLimit; the
 * compact encoding then truncates the mantissa (at least 16 significant bits, so by under 2^-15 relative). A step
 * outside that is not Bitcoin's chain, or bad data.
 */
function checkRetargetClamp(
  previous: bigint,
  target: bigint,
  epoch: number,
  location: { file: string; line: number; column?: number },
): void {
  const tooHard = target * 4n * 32_768n < previous * 32_767n;
  const tooEasy = target > previous * 4n;
  if (tooHard || tooEasy) {
    throw InputError.inFile(
      location,
      `epoch ${epoch}'s target is ${tooHard ? 'under a quarter' : 'over four times'} epoch ${epoch - 1}'s: ` +
        'the retarget rule moves it by at most ×4',
    );
  }
}

/**
 * A day's mean difficulty must lie within the difficulties of the epochs its blocks fall in. The source assigns
 * blocks to days by its own timestamps, which can differ from header days by one day at an epoch boundary, so
 * the heights are widened by a day's worth of blocks (144) on each side.
 */
function checkDifficultyAgainstEpochs(
  dayDifficulty: number,
  firstHeight: number,
  lastHeight: number,
  epochs: DifficultyEpochs,
  location: ReturnType<typeof locate>,
): void {
  const firstEpoch = epochOfHeight(Math.max(0, firstHeight - 144));
  const lastEpoch = Math.min(epochs.count - 1, epochOfHeight(lastHeight + 144));
  let low = Infinity;
  let high = -Infinity;
  for (let k = firstEpoch; k <= lastEpoch; k++) {
    low = Math.min(low, epochs.difficulty[k] as number);
    high = Math.max(high, epochs.difficulty[k] as number);
  }
  if (
    dayDifficulty < low * (1 - DIFFICULTY_RELATIVE_TOLERANCE) ||
    dayDifficulty > high * (1 + DIFFICULTY_RELATIVE_TOLERANCE)
  ) {
    throw InputError.inFile(
      location,
      `difficulty ${dayDifficulty} is outside the difficulty of epochs ${firstEpoch}–${lastEpoch} ` +
        `(${low}–${high}) for heights ${firstHeight}–${lastHeight}`,
    );
  }
}

function parseDay(table: CsvTable, row: number, text: string): DayNumber {
  const day = parseIsoDay(text);
  if (day === undefined) throw InputError.inFile(locate(table, row, 'date'), `"${text}" is not a calendar date`);
  return day;
}

/** file:line:column of a row's field; the column is found from the line text. */
function locate(table: CsvTable, row: number, columnName: string) {
  return { file: table.file, line: table.lineOfRow(row), column: table.columnOf(row, columnName) };
}
