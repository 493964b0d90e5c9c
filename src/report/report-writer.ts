/**
 * The report adapter (the app's ReportWriter port): notes as Markdown with SVG charts beside them, self-contained
 * HTML or PDF printed by the system's headless Chromium; exports as an XLSX workbook or CSV files. Every file is
 * written under a temporary name and renamed, so a failure leaves no half-written note or export.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { NoteDocument } from '../app/note-document.ts';
import type { ReportWriter } from '../app/ports.ts';
import { writeCsvFiles } from './csv-export.ts';
import { noteHtml } from './note-html.ts';
import { noteMarkdown } from './note-markdown.ts';
import { printHtmlToPdf } from './pdf-chromium.ts';
import { renderChartSvg } from './render-svg.ts';
import { writeXlsx } from './xlsx-export.ts';

export interface ReportWriterOptions {
  /** The Chromium or Chrome binary for PDF (RERATE_CHROMIUM); default: the system's, looked up. */
  chromiumPath?: string | undefined;
}

export function reportWriter(options: ReportWriterOptions = {}): ReportWriter {
  return {
    async writeNote(note, format, out) {
      mkdirSync(dirname(out), { recursive: true });
      if (format === 'md') return { files: writeMarkdown(note, out) };
      const html = noteHtml(note);
      if (format === 'html') {
        writeAtomically(out, html);
        return { files: [out] };
      }
      const printed = await printHtmlToPdf(html, out, options.chromiumPath ? { executablePath: options.chromiumPath } : {});
      return { files: [out], pages: printed.pages };
    },
    async writeExport(tables, format, out) {
      return { files: format === 'xlsx' ? await writeXlsx(tables, out) : await writeCsvFiles(tables, out) };
    },
  };
}

/** `note.md` and its charts in `note-charts/`, one SVG per chart, linked relatively. */
function writeMarkdown(note: NoteDocument, out: string): string[] {
  const chartsFolderName = `${basename(out).replace(/\.md$/i, '')}-charts`;
  const chartsFolder = join(dirname(out), chartsFolderName);
  const charts = note.blocks.flatMap((block) => (block.kind === 'chart' ? [block.chart] : []));
  const staging = `${chartsFolder}.incoming-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    for (const chart of charts) writeFileSync(join(staging, `${chart.id}.svg`), renderChartSvg(chart));
    rmSync(chartsFolder, { recursive: true, force: true });
    renameSync(staging, chartsFolder);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  writeAtomically(out, noteMarkdown(note, chartsFolderName));
  return [out, ...charts.map((chart) => join(chartsFolder, `${chart.id}.svg`))];
}

function writeAtomically(path: string, text: string): void {
  const temporary = `${path}.incoming-${process.pid}`;
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
