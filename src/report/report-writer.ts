/**
 * The report adapter (the app's ReportWriter port): notes as Markdown with SVG charts beside them, self-contained
 * HTML or PDF printed by the system's headless Chromium; exports as an XLSX workbook or CSV files. Everything is
 * staged beside its target and moved into place once complete (staged-write.ts), so a failure or a crash leaves no
 * half-written note or export, and the next write into the folder clears what a crash left.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../schema/input-error.ts';
import type { NoteDocument } from '../present/note/note-document.ts';
import type { ReportWriter } from '../app/ports/report-writer.ts';
import { writeCsvFiles } from './csv-export.ts';
import { noteHtml } from './note-html.ts';
import { noteMarkdown } from './note-markdown.ts';
import { printHtmlToPdf, resolveChromium } from './pdf-chromium.ts';
import { renderChartSvg } from '../present/charts/render-chart.ts';
import { writeStaged } from './staged-write.ts';
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
      if (format === 'md') return { files: await writeMarkdown(note, out) };
      const html = noteHtml(note);
      const name = basename(out);
      if (format === 'html') {
        await writeStaged(dirname(out), name, (staging) => {
          staging.writeFile(name, html);
          return [{ staged: name, target: name }];
        });
        return { files: [out] };
      }
      let pages = 0;
      await writeStaged(dirname(out), name, async (staging) => {
        const browser = options.chromiumPath ? { executablePath: options.chromiumPath } : {};
        pages = (await printHtmlToPdf(html, staging.path(name), browser)).pages;
        return [{ staged: name, target: name }];
      });
      return { files: [out], pages };
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
async function writeMarkdown(note: NoteDocument, out: string): Promise<string[]> {
  const name = basename(out);
  const chartsFolderName = `${name.replace(/\.md$/i, '')}-charts`;
  const charts = note.blocks.flatMap((block) => (block.kind === 'chart' ? [block.chart] : []));
  await writeStaged(dirname(out), name, (staging) => {
    staging.makeFolder(chartsFolderName);
    for (const chart of charts) staging.writeFile(`${chartsFolderName}/${chart.id}.svg`, renderChartSvg(chart));
    staging.writeFile(name, noteMarkdown(note, encodeURI(chartsFolderName)));
    // The charts first, the note last: the note never links charts that are not there.
    return [
      { staged: chartsFolderName, target: chartsFolderName },
      { staged: name, target: name },
    ];
  });
  const chartsFolder = join(dirname(out), chartsFolderName);
  return [out, ...charts.map((chart) => join(chartsFolder, `${chart.id}.svg`))];
}
