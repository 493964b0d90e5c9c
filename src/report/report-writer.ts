/**
 * The report adapter (the app's ReportWriter port): notes as Markdown with SVG charts beside them, self-contained
 * HTML or PDF printed by the system's headless Chromium; exports as an XLSX workbook or CSV files. Every file is
 * written under a temporary name and renamed, so a failure leaves no half-written note or export.
 */
import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../schema/input-error.ts';
import type { NoteDocument } from '../present/note/note-document.ts';
import type { ReportWriter } from '../app/ports/report-writer.ts';
import { writeCsvFiles } from './csv-export.ts';
import { noteHtml } from './note-html.ts';
import { noteMarkdown } from './note-markdown.ts';
import { printHtmlToPdf, resolveChromium } from './pdf-chromium.ts';
import { renderChartSvg } from '../present/charts/render-chart.ts';
import { writeXlsx } from './xlsx-export.ts';

export interface ReportWriterOptions {
  /** The Chromium or Chrome binary for PDF (RERATE_CHROMIUM); default: the system's, looked up. */
  chromiumPath?: string | undefined;
}

export function reportWriter(options: ReportWriterOptions = {}): ReportWriter {
  return {
    async checkNote(format, out) {
      const folder = dirname(resolve(out));
      if (!existsSync(folder) || !statSync(folder).isDirectory())
        throw InputError.at(['out'], `the folder ${folder} does not exist`);
      if (existsSync(out) && statSync(out).isDirectory())
        throw InputError.at(['out'], `${out} is a folder; name the note's file`);
      if (format === 'pdf') resolveChromium(options.chromiumPath);
    },
    async writeNote(note, format, out) {
      if (format === 'md') return { files: writeMarkdown(note, out) };
      const html = noteHtml(note);
      if (format === 'html') {
        writeAtomically(out, html);
        return { files: [out] };
      }
      const printed = await printHtmlToPdf(
        html,
        out,
        options.chromiumPath ? { executablePath: options.chromiumPath } : {},
      );
      return { files: [out], pages: printed.pages };
    },
    async checkExport(format, out) {
      // A CSV export makes its folder (and any missing parents); an XLSX file needs the folder it goes into.
      const folder = dirname(resolve(out));
      if (format === 'xlsx' && !existsSync(folder)) throw InputError.at(['out'], `the folder ${folder} does not exist`);
    },
    async writeExport(tables, format, out, asOf) {
      return { files: format === 'xlsx' ? await writeXlsx(tables, out, asOf) : await writeCsvFiles(tables, out) };
    },
  };
}

/** `note.md` and its charts in `note-charts/`, one SVG per chart, linked relatively. */
function writeMarkdown(note: NoteDocument, out: string): string[] {
  const chartsFolderName = `${basename(out).replace(/\.md$/i, '')}-charts`;
  const chartsFolder = join(dirname(out), chartsFolderName);
  const charts = note.blocks.flatMap((block) => (block.kind === 'chart' ? [block.chart] : []));
  const staging = `${chartsFolder}.incoming-${process.pid}`;
  const noteStaging = `${out}.incoming-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    // Everything is written first; then the charts folder and the note are swapped in, the note last.
    for (const chart of charts) writeFileSync(join(staging, `${chart.id}.svg`), renderChartSvg(chart));
    writeFileSync(noteStaging, noteMarkdown(note, encodeURI(chartsFolderName)));
    rmSync(chartsFolder, { recursive: true, force: true });
    renameSync(staging, chartsFolder);
    renameSync(noteStaging, out);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    rmSync(noteStaging, { force: true });
    throw error;
  }
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
