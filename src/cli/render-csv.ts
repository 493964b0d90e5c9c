/**
 * CSV output (RFC 4180 quoting). Text that a spreadsheet would run as a formula (starting with = + - @, tab or
 * carriage return) is prefixed with a quote mark, so an export is safe to open; numbers are written as numbers.
 */
import type { CsvView } from '../app/command.ts';

export function renderCsv(view: CsvView): string {
  const lines = [view.columns.map(csvText).join(',')];
  for (const row of view.rows) lines.push(row.map(csvCell).join(','));
  return lines.join('\n') + '\n';
}

function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return csvText(value);
}

function csvText(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
