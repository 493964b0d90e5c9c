/**
 * Reported monthly figures of listed miners (production, hashrate, holdings), in the long CSV format of
 * `../shared/data/miners_monthly_reported_2023_2024.csv`: one figure per row with its unit and source URL. Each
 * known metric must come in its unit; a figure given twice with different values is an error, so that no month has
 * two truths.
 */
import { dayFromIso } from '../units/calendar-day.ts';
import { periodContaining, type CalendarPeriod } from '../units/calendar-period.ts';
import { BTC_AMOUNT, COMPANY_HASHRATE_EHS, formatLimit, GENESIS_DAY, type Bound } from './bounds.ts';
import { readCsvTable, type CsvColumnSpec } from './csv-table.ts';
import { InputError } from './input-error.ts';

export const REPORTED_COLUMNS: readonly CsvColumnSpec[] = [
  { name: 'company', kind: 'text', pattern: /^[A-Z][A-Z.]{0,9}$/ },
  { name: 'period', kind: 'text', pattern: /^\d{4}-(0[1-9]|1[0-2])$/ },
  { name: 'metric', kind: 'text', pattern: /^[a-z][a-z0-9_]*$/ },
  { name: 'value', kind: 'number', min: 0 },
  { name: 'unit', kind: 'text', pattern: /^\S.*$/ },
  { name: 'source_url', kind: 'text', pattern: /^https?:\/\/\S+$/ },
  { name: 'source_kind', kind: 'text', optional: true },
  { name: 'note', kind: 'text', optional: true },
];

/** Units of the metrics rerate reads; other metrics are kept but not used. */
export const REPORTED_METRIC_UNITS: Record<string, string> = {
  btc_produced: 'BTC',
  btc_held_month_end: 'BTC',
  avg_operating_hashrate: 'EH/s',
  avg_operational_hashrate: 'EH/s',
  avg_hashrate: 'EH/s',
  energized_hashrate_month_end: 'EH/s',
  deployed_hashrate_month_end: 'EH/s',
  operating_hashrate_month_end: 'EH/s',
  installed_hashrate: 'EH/s',
  self_mining_hashrate: 'EH/s',
  operating_hashrate_capability: 'EH/s',
  blocks_won: 'blocks',
};

/**
 * Bounds of a figure by its unit (issue 19); a figure in another unit is not read, and is bounded only by 1e13, the
 * largest USD amount a company file may give.
 */
const BOUNDS_BY_UNIT: Record<string, Bound> = {
  BTC: BTC_AMOUNT,
  'EH/s': COMPANY_HASHRATE_EHS,
  // A 31-day month holds ~4,460 blocks at one per ten minutes.
  blocks: { unit: 'blocks', min: 0, max: 10_000, reason: 'a month holds ~4,500 blocks' },
};
const OTHER_UNIT_BOUND: Bound = { unit: '', min: 0, max: 1e13, reason: 'no reported figure reaches 1e13' };
/** The first month with a block (the genesis block, 2009-01-03). */
const FIRST_MONTH = GENESIS_DAY.slice(0, 7);

/** Metrics that are a month's average operating hashrate (companies name it differently). */
export const AVERAGE_OPERATING_HASHRATE_METRICS = [
  'avg_operating_hashrate',
  'avg_operational_hashrate',
  'avg_hashrate',
] as const;

export interface ReportedFigure {
  company: string;
  /** `2024-06` */
  period: string;
  metric: string;
  value: number;
  unit: string;
  sourceUrl: string;
  sourceKind: string;
  note: string;
  file: string;
  line: number;
}

/** The calendar month a figure reports on. */
export function monthOfFigure(figure: ReportedFigure): CalendarPeriod {
  return periodContaining(dayFromIso(`${figure.period}-01`), 'month');
}

export function parseReportedFigures(text: string, file: string): ReportedFigure[] {
  const table = readCsvTable(text, file, REPORTED_COLUMNS);
  const {
    company,
    period,
    metric,
    unit,
    source_url: sourceUrl,
    source_kind: sourceKind,
    note,
  } = table.texts as Record<string, string[]>;
  const values = table.numbers['value'] as Float64Array;
  const figures: ReportedFigure[] = [];
  const seen = new Map<string, ReportedFigure>();
  for (let row = 0; row < table.rowCount; row++) {
    const line = table.lineOfRow(row);
    const figure: ReportedFigure = {
      company: company?.[row] as string,
      period: period?.[row] as string,
      metric: metric?.[row] as string,
      value: values[row] as number,
      unit: unit?.[row] as string,
      sourceUrl: sourceUrl?.[row] as string,
      sourceKind: sourceKind?.[row] as string,
      note: note?.[row] as string,
      file,
      line,
    };
    const expectedUnit = REPORTED_METRIC_UNITS[figure.metric];
    if (expectedUnit !== undefined && figure.unit !== expectedUnit) {
      throw InputError.inFile(
        { file, line, column: table.columnOf(row, 'unit') },
        `column "unit": ${figure.metric} is in ${expectedUnit}, found "${figure.unit}"`,
      );
    }
    if (figure.period < FIRST_MONTH)
      throw InputError.inFile(
        { file, line, column: table.columnOf(row, 'period') },
        `column "period": ${figure.period} is before the genesis block (${GENESIS_DAY})`,
      );
    const bound = BOUNDS_BY_UNIT[figure.unit] ?? OTHER_UNIT_BOUND;
    if (figure.value > bound.max)
      throw InputError.inFile(
        { file, line, column: table.columnOf(row, 'value') },
        `column "value": ${figure.value} is above ${formatLimit(bound.max)} ${figure.unit} (${bound.reason})`,
      );
    const key = `${figure.company} ${figure.period} ${figure.metric}`;
    const earlier = seen.get(key);
    if (earlier) {
      if (earlier.value !== figure.value) {
        throw InputError.inFile(
          { file, line, column: table.columnOf(row, 'value') },
          `column "value": ${key} is ${figure.value} here but ${earlier.value} on line ${earlier.line}`,
        );
      }
      continue;
    }
    seen.set(key, figure);
    figures.push(figure);
  }
  return figures;
}
