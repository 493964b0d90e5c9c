/**
 * Export tables as CSV files (DESIGN.md §10): one `<name>.csv` per table in a folder, created if missing.
 *
 * - RFC 4180: fields separated by commas, records ended by CRLF (the last one too), a field with a quote, comma,
 *   CR or LF quoted with its quotes doubled. Every text field is quoted (RFC 4180 §2.5 allows it, and OWASP's CSV
 *   injection advice asks for it), numbers and dates are not, an unknown value is an empty field. UTF-8, no BOM.
 * - The header row is `Header (unit)`. Columns whose unit is `%` (or `%/yr`) hold fractions (0.25 is 25%), as a
 *   spreadsheet stores percentages; the CSV header says so: `Upside (fraction)`, `Network growth (fraction/yr)`.
 * - Numbers are plain decimals: `.` as the decimal point, no thousands separators, no exponent, 15 significant
 *   digits (all that float64 carries reliably: a value agrees with the JSON's and the workbook's to 1 part in 10^15,
 *   without binary noise like 31.000000000000036), trailing zeros trimmed. A negative number is `-12.5`, never
 *   neutralized.
 * - Text that would start a formula gets a leading `'` (formula-safety.ts).
 * - Every file is staged in the folder first (staged-write.ts); only when all are written are they renamed over the
 *   targets (which are checked first to be files or absent), so a failure leaves no half-written file, and a crash
 *   while they are renamed is finished by the next write into the folder: the old set or the complete new one.
 */
import { mkdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { ExportColumn, ExportTable } from '../present/export-table.ts';
import { neutralizeText } from './formula-safety.ts';
import { writeStaged } from './staged-write.ts';

/** Writes `<name>.csv` for each table into `outDir`; returns the paths written, in table order. */
export async function writeCsvFiles(tables: readonly ExportTable[], outDir: string): Promise<string[]> {
  checkExportTables(tables);
  const texts = tables.map((table) => ({ path: join(outDir, `${table.name}.csv`), text: csvText(table) }));
  try {
    await mkdir(outDir, { recursive: true });
    // A target that is a folder (or anything but a file) would fail its rename after others had succeeded.
    for (const { path } of texts) {
      const existing = await stat(path).catch(() => undefined);
      if (existing && !existing.isFile()) throw new Error(`${path} exists and is not a file`);
    }
    await writeStaged(outDir, 'export', (staging) =>
      texts.map(({ path, text }) => {
        staging.writeFile(basename(path), text);
        return { staged: basename(path), target: basename(path) };
      }),
    );
  } catch (error) {
    throw new Error(
      `could not write the CSV export to the folder ${outDir}: ` +
        `${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return texts.map((t) => t.path);
}

/** One table as CSV text (RFC 4180, CRLF line ends). */
export function csvText(table: ExportTable): string {
  const lines = [table.columns.map((column) => quoted(csvHeaderLabel(column))).join(',')];
  for (const row of table.rows)
    lines.push(row.map((value, i) => csvField(value, (table.columns[i] as ExportColumn).kind)).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** `Header (unit)`; a `%` unit reads `fraction`, since the values are fractions. */
export function csvHeaderLabel(column: ExportColumn): string {
  if (column.unit === undefined || column.unit === '') return column.header;
  return `${column.header} (${column.unit.replace(/^%/, 'fraction')})`;
}

function csvField(value: string | number | null, kind: ExportColumn['kind']): string {
  if (value === null) return '';
  if (typeof value === 'number') return plainDecimal(value);
  if (kind === 'date') return value;
  return quoted(neutralizeText(value));
}

function quoted(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * A finite number as a plain decimal: 15 significant digits (every digit a float64 carries reliably; it drops binary
 * noise such as 31.000000000000036 → 31), trailing zeros trimmed, no exponent, `.` decimal point, `0` for ±0.
 */
export function plainDecimal(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`internal error: ${value} in an export table`);
  if (value === 0) return '0';
  const text = value.toPrecision(CSV_SIGNIFICANT_DIGITS);
  const negative = text.startsWith('-');
  const e = text.indexOf('e');
  const mantissa = text.slice(negative ? 1 : 0, e < 0 ? undefined : e);
  const exponent = e < 0 ? 0 : Number(text.slice(e + 1));
  const [whole, fraction = ''] = mantissa.split('.') as [string, string | undefined];
  const digits = whole + fraction;
  const point = whole.length + exponent;
  let plain =
    point <= 0
      ? `0.${'0'.repeat(-point)}${digits}`
      : point >= digits.length
        ? digits + '0'.repeat(point - digits.length)
        : `${digits.slice(0, point)}.${digits.slice(point)}`;
  if (plain.includes('.')) plain = plain.replace(/0+$/, '').replace(/\.$/, '');
  return negative && plain !== '0' ? `-${plain}` : plain;
}

/** Significant digits of CSV numbers. */
export const CSV_SIGNIFICANT_DIGITS = 15;

const TABLE_NAME = /^[A-Za-z0-9-]{1,31}$/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The checks both writers make before writing anything: names that can be sheet and file names, no duplicates, and
 * every cell of the kind its column says (a number or null, text, or a YYYY-MM-DD date or null). A failure is a bug
 * in the table's builder, not bad input.
 */
export function checkExportTables(tables: readonly ExportTable[]): void {
  const names = new Set<string>();
  for (const table of tables) {
    if (!TABLE_NAME.test(table.name))
      throw new Error(
        `internal error: export table name "${table.name}" is not letters, digits and dashes (at most 31)`,
      );
    if (names.has(table.name.toLowerCase())) throw new Error(`internal error: two export tables named ${table.name}`);
    names.add(table.name.toLowerCase());
    table.rows.forEach((row, r) => {
      if (row.length !== table.columns.length)
        throw new Error(
          `internal error: ${table.name} row ${r + 1} has ${row.length} values for ${table.columns.length} columns`,
        );
      row.forEach((value, c) => {
        const column = table.columns[c] as ExportColumn;
        const ok =
          column.kind === 'number'
            ? value === null || (typeof value === 'number' && Number.isFinite(value))
            : column.kind === 'date'
              ? value === null || (typeof value === 'string' && ISO_DAY.test(value))
              : value === null || typeof value === 'string';
        if (!ok)
          throw new Error(
            `internal error: ${table.name} row ${r + 1}, ${column.header}: ` +
              `${JSON.stringify(value)} is not a ${column.kind}`,
          );
      });
    });
  }
}
