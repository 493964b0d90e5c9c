/**
 * Export tables as one XLSX workbook (DESIGN.md §10), with exceljs: a sheet per table, in order.
 *
 * - Row 1 is the header, `Header (unit)`, bold and frozen, with an auto-filter; data starts on row 2.
 * - Numbers are numeric cells holding the exact float64 of the results (a negative stays negative). The number
 *   format only changes how they look, by unit: thousands separators everywhere, decimals where the unit needs
 *   them (USD 0, USD/share 2, BTC 4, EH/s 2, …; see NUMBER_FORMATS). Columns whose unit is `%` or `%/yr` hold
 *   fractions (0.25) shown with a percent format (25.00%), as a spreadsheet stores percentages.
 * - Dates are real date cells (UTC midnight of the day, Excel's 1900 date system) formatted `yyyy-mm-dd`, so they
 *   sort and filter as dates.
 * - An unknown value (null) is an empty cell.
 * - Text is neutralized against formula injection (formula-safety.ts) and always written as a text cell.
 * - Column widths fit the header and the widest value (10–60 characters).
 * - Identical tables and as-of date give a byte-identical file: the workbook's created and modified dates
 *   (docProps/core.xml) are midnight UTC of the as-of date, and so is every zip entry's time (exceljs stamps both
 *   with the wall clock; zip-timestamps.ts).
 * - The workbook is staged beside `out` and renamed over it (staged-write.ts), so `out` is either the old file or
 *   the complete new one, and a failure or a crash leaves nothing else behind. The folder must exist.
 */
import { basename, dirname } from 'node:path';
import type { ExportColumn, ExportTable } from '../present/export-table.ts';
import { checkExportTables } from './csv-export.ts';
import { neutralizeText } from './formula-safety.ts';
import { writeStaged } from './staged-write.ts';
import { withZipTimestamps } from './zip-timestamps.ts';

/** Display formats by unit (Excel number-format codes); other units get DEFAULT_NUMBER_FORMAT. */
export const NUMBER_FORMATS: Readonly<Record<string, string>> = {
  USD: '#,##0',
  'USD/BTC': '#,##0',
  'USD/share': '#,##0.00',
  'USD/MWh': '#,##0.00',
  'USD/PH/day': '#,##0.00',
  BTC: '#,##0.0000',
  'BTC/EH/day': '#,##0.0000',
  'EH/s': '#,##0.00',
  MW: '#,##0.0',
  MWh: '#,##0',
  shares: '#,##0',
  days: '0',
  '%': '0.00%',
  '%/yr': '0.00%',
};
/** Numbers without a unit (counts, heights, difficulty) show whole, with separators. */
export const COUNT_NUMBER_FORMAT = '#,##0';
export const DEFAULT_NUMBER_FORMAT = '#,##0.00';
export const DATE_FORMAT = 'yyyy-mm-dd';

/** `Header (unit)`, or the header alone for a column without a unit. */
export function headerLabel(column: ExportColumn): string {
  return column.unit === undefined || column.unit === '' ? column.header : `${column.header} (${column.unit})`;
}

export function numberFormatOf(column: ExportColumn): string {
  if (column.unit === undefined || column.unit === '') return COUNT_NUMBER_FORMAT;
  return NUMBER_FORMATS[column.unit] ?? DEFAULT_NUMBER_FORMAT;
}

/** Writes the tables as one workbook at `out`, dated `asOf` (YYYY-MM-DD, the day they describe); returns `[out]`. */
export async function writeXlsx(tables: readonly ExportTable[], out: string, asOf: string): Promise<string[]> {
  checkExportTables(tables);
  // Loaded here, not at start-up: exceljs is large and only exports need it.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'rerate';
  workbook.created = new Date(`${asOf}T00:00:00.000Z`);
  workbook.modified = workbook.created;
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
    sheet.columns = table.columns.map((column, c) => ({
      header: headerLabel(column),
      key: `c${c}`,
      width: widthOf(
        column,
        table.rows.map((row) => row[c] ?? null),
      ),
      ...(column.kind === 'text'
        ? {}
        : { style: { numFmt: column.kind === 'date' ? DATE_FORMAT : numberFormatOf(column) } }),
    }));
    const header = sheet.getRow(1);
    header.font = { bold: true };
    header.eachCell((cell) => (cell.numFmt = 'General'));
    for (const row of table.rows)
      sheet.addRow(row.map((value, c) => cellValue(value, (table.columns[c] as ExportColumn).kind)));
    if (table.columns.length > 0)
      sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
  }

  try {
    const zip = withZipTimestamps(new Uint8Array(await workbook.xlsx.writeBuffer()), asOf);
    const name = basename(out);
    await writeStaged(dirname(out), name, (staging) => {
      staging.writeFile(name, zip);
      return [{ staged: name, target: name }];
    });
  } catch (error) {
    throw new Error(
      `could not write the XLSX export ${out}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return [out];
}

function cellValue(value: string | number | null, kind: ExportColumn['kind']): string | number | Date | null {
  if (value === null || typeof value === 'number') return value;
  if (kind === 'date') return new Date(`${value}T00:00:00.000Z`);
  return neutralizeText(value);
}

/** Characters the widest shown value needs, between 10 and 60. */
function widthOf(column: ExportColumn, values: (string | number | null)[]): number {
  let widest = headerLabel(column).length;
  const format = column.kind === 'number' ? numberFormatOf(column) : '';
  const decimals = /\.(0+)/.exec(format)?.[1]?.length ?? 0;
  for (const value of values) {
    if (value === null) continue;
    let length: number;
    if (typeof value === 'string') length = column.kind === 'date' ? 10 : neutralizeText(value).length;
    else {
      const shown = format.endsWith('%') ? value * 100 : value;
      const digits = String(Math.trunc(Math.abs(shown))).length;
      length =
        digits +
        (format.includes(',') ? Math.floor((digits - 1) / 3) : 0) +
        (decimals > 0 ? decimals + 1 : 0) +
        (shown < 0 ? 1 : 0) +
        (format.endsWith('%') ? 1 : 0);
    }
    widest = Math.max(widest, length);
  }
  return Math.min(60, Math.max(10, widest + 2));
}
