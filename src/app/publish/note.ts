/**
 * `rerate note`: the research note — coverage, revisions, companies, network, calendar, disclosures (DESIGN.md §10).
 */
import { defineCommand } from '../command.ts';
import type { ChartSpec } from '../../present/charts/chart-spec.ts';
import { buildNote } from './note-builder.ts';
import type { NoteFormat } from '../ports/report-writer.ts';
import { noteInputSchema, noteSchema } from '../../schema/note.ts';

export const noteCommand = defineCommand({
  name: 'note',
  summary: 'Write the research note (Markdown, HTML or PDF)',
  description:
    'Coverage table with ratings, targets, prior targets and upside; the changes since the previous saved run with ' +
    'their attribution; per company the thesis, the sum-of-the-parts bridge, quarterly estimates, a BTC price × ' +
    'network growth heatmap, ERCOT exposure and key risks; the network history and projection; the calendar; the ' +
    'methodology, data sources and warnings. Saves the coverage as an update run. Markdown writes its charts as SVG ' +
    'files in a folder beside the note; HTML is one self-contained file; PDF is printed by the system Chromium ' +
    '(RERATE_CHROMIUM names another binary).',
  examples: [
    'rerate note --out note.md',
    'rerate note --format pdf --out note.pdf',
    'rerate note --as-of 2025-09-30 --scenario bear --format html --out bear.html',
  ],
  http: {
    notServed: 'writes files: GET /api/v1/note returns the note itself',
    heavy: true,
    download: {
      formats: { html: 'text/html; charset=utf-8', pdf: 'application/pdf' },
      otherFormats: 'md writes a folder of SVG charts: use the CLI (rerate note --format md)',
      query: ['asOf', 'scenario', 'methodology'],
      runOf: (results) => results.runId,
    },
  },
  inputSchema: noteInputSchema,
  outputSchema: noteSchema,
  async run(input, ports) {
    const format: NoteFormat =
      input.format ?? (/\.pdf$/i.test(input.out) ? 'pdf' : /\.html?$/i.test(input.out) ? 'html' : 'md');
    // Before any work or any saved run: the output folder exists, and a browser for PDF.
    await ports.report.checkNote(format, input.out);
    const built = await buildNote(
      { asOf: input.asOf, scenario: input.scenario, methodology: input.methodology },
      ports,
    );
    const written = await ports.report.writeNote(built.note, format, input.out);
    const results = {
      format,
      files: written.files,
      pages: written.pages ?? null,
      title: built.note.title,
      sections: built.note.blocks.flatMap((block) =>
        block.kind === 'heading' && block.level === 1 ? [block.text] : [],
      ),
      charts: built.charts.map((chart) => ({
        id: chart.id,
        kind: chart.kind,
        title: chart.title,
        points: pointsOf(chart),
      })),
      runId: built.runId,
      priorRunId: built.priorRunId,
    };
    return { results, asOf: built.asOf, dataAsOf: built.dataAsOf, warnings: built.warnings };
  },
  textView(results) {
    const comparedWith = results.priorRunId
      ? `, compared with ${results.priorRunId.slice(0, 12)}`
      : ' (no previous run to compare with)';
    return [
      {
        kind: 'pairs',
        title: results.title,
        rows: [
          ['Written', results.files[0] ?? ''],
          ['Format', `${results.format}${results.pages === null ? '' : `, ${results.pages} pages`}`],
          [
            'Charts',
            `${results.charts.length}` +
              `${results.format === 'md' ? ` (SVG files beside the note: ${results.files.length - 1})` : ''}`,
          ],
          ['Sections', results.sections.join(' · ')],
          ['Saved as run', `${results.runId.slice(0, 12)}${comparedWith}`],
        ],
      },
    ];
  },
});

/** Data points a chart shows: steps, grid cells with a value, cost-curve bars, series points or scatter points. */
function pointsOf(chart: ChartSpec): number {
  if (chart.kind === 'waterfall') return chart.steps.length;
  if (chart.kind === 'heatmap') return chart.values.flat().filter((value) => value !== null).length;
  if (chart.kind === 'cost-curve') return chart.steps.length;
  if (chart.kind === 'scatter') return chart.points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y)).length;
  return chart.series.reduce((sum, series) => sum + series.points.length, 0);
}
