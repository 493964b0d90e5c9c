/**
 * A table for spreadsheet export (DESIGN.md §10): one sheet of a workbook or one CSV file. Numbers stay numbers
 * (numeric cells), units go in the headers, and text is written so a spreadsheet never runs it as a formula.
 */

export interface ExportColumn {
  /** The header without its unit, e.g. 'Mining revenue'. */
  header: string;
  /** Shown in the header as `Mining revenue (USD)`; absent for text and counts without a unit. */
  unit?: string;
  kind: 'number' | 'text' | 'date';
}

export interface ExportTable {
  /** Sheet name, and the CSV file's name without `.csv` (letters, digits, dashes). */
  name: string;
  /** What the table is, for a title row or the docs. */
  title: string;
  columns: ExportColumn[];
  /**
   * One value per column: a number for number columns (null when unknown), text for text columns, YYYY-MM-DD for
   * dates.
   */
  rows: (string | number | null)[][];
}
