/** The writers of notes and exports (src/report). */
import type { NoteDocument } from '../../present/note/note-document.ts';
import type { ExportTable } from '../../present/export-table.ts';

export type NoteFormat = 'md' | 'html' | 'pdf';
export type ExportFormat = 'xlsx' | 'csv';

/**
 * Writes notes and exports (src/report). Paths are the user's; a missing tool (Chromium for PDF) is an error naming
 * it.
 */
export interface ReportWriter {
  /**
   * Checks, before any work, that a note can be written: the folder of `out` exists and, for PDF, a Chromium is
   * there. Throws an error naming what is missing (an InputError for a bad --out).
   */
  checkNote(format: NoteFormat, out: string): Promise<void>;
  /**
   * Writes the note to `out` in the format: Markdown (its charts as SVG files in a folder beside it), one
   * self-contained HTML file, or a PDF printed by headless Chromium. Returns the files written (the note first).
   */
  writeNote(note: NoteDocument, format: NoteFormat, out: string): Promise<{ files: string[]; pages?: number }>;
  /**
   * Checks, before any work, that an export can be written: the folder an XLSX file goes into exists (an InputError
   * at --out, not ENOENT after the work; issue 19). A CSV export makes its folder.
   */
  checkExport(format: ExportFormat, out: string): Promise<void>;
  /**
   * Writes the tables as one XLSX workbook (a sheet each) at `out`, or as CSV files (one each) in the folder `out`.
   * `asOf` (YYYY-MM-DD) is the day the tables describe: the workbook is dated by it, not by the clock, so identical
   * inputs give identical bytes.
   */
  writeExport(tables: ExportTable[], format: ExportFormat, out: string, asOf: string): Promise<{ files: string[] }>;
}
