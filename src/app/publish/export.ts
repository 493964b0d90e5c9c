/**
 * `rerate export --format xlsx|csv --out FILE`: the spreadsheets analysts live in (DESIGN.md §10) — estimates,
 * valuation, sensitivity grid, network projection and their sources — as one workbook or one CSV file per table.
 * The tables are built by export-tables.ts from the same commands the CLI prints; the files are written by the report
 * adapter (ports.report), safe against formula injection.
 */
import { CIRCUMSTANTIAL_WARNINGS } from '../../schema/result-envelope.ts';
import { exportInputSchema, exportSchema, type ExportResult } from '../../schema/export.ts';
import { defineCommand } from '../command.ts';
import { buildExportTables, ESTIMATE_QUARTERS } from './export-tables.ts';

export const exportCommand = defineCommand({
  name: 'export',
  summary:
    'Spreadsheet export: estimates, valuation, sensitivity grid, cost curve, network projection and sources ' +
    '(XLSX or CSV)',
  description:
    `Writes the tables analysts keep in their models: quarterly estimates of every covered company (the as-of date's ` +
    `quarter and the next ${ESTIMATE_QUARTERS - 1}), the valuation (rating, target, price, upside and every part of ` +
    'the sum), the target over BTC price × network growth, the sector cost curve (rerate cost-curve), the daily ' +
    'network projection to the end of those quarters, and a sources sheet (data as-of dates, snapshot, methodology, ' +
    'scenario, run ids, warnings). XLSX: one workbook, a sheet per table; CSV: one file per table in the folder ' +
    '--out. Numbers are numeric cells with units in the headers; text that would start a formula is prefixed with ' +
    'an apostrophe.',
  examples: [
    'rerate export --format xlsx --out coverage.xlsx',
    'rerate export --format csv --out exports/2026-02-04 --as-of 2026-02-04',
    'rerate export --format xlsx --out bear.xlsx --scenario bear --methodology jpm-2025-11',
  ],
  http: {
    notServed: 'writes files: GET /api/v1/export returns the workbook itself',
    heavy: true,
    download: {
      formats: { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      otherFormats: 'csv writes a folder of files: use the CLI (rerate export --format csv)',
      query: ['asOf', 'scenario', 'methodology'],
    },
  },
  inputSchema: exportInputSchema,
  outputSchema: exportSchema,
  async run(input, ports) {
    await ports.report.checkExport(input.format, input.out);
    const built = await buildExportTables(
      { asOf: input.asOf, scenario: input.scenario, methodology: input.methodology },
      ports,
    );
    const { files } = await ports.report.writeExport(built.tables, input.format, input.out, built.asOf);
    const results: ExportResult = {
      format: input.format,
      files,
      tables: built.tables.map((table) => ({
        name: table.name,
        rows: table.rows.length,
        columns: table.columns.length,
      })),
    };
    return {
      results,
      asOf: built.asOf,
      dataAsOf: built.dataAsOf,
      // Data warnings (stale series, an unreadable local store) are added to the envelope once by executeCommand;
      // the sources sheet keeps them all.
      warnings: built.warnings.filter((warning) => !CIRCUMSTANTIAL_WARNINGS.has(warning.code)),
    };
  },
  textView(results) {
    return [
      {
        kind: 'pairs',
        title: `Export (${results.format})`,
        rows: results.files.map((file): [string, string] => ['wrote', file]),
      },
      {
        kind: 'table',
        title: 'Tables',
        columns: ['Table', 'Rows', 'Columns'],
        rows: results.tables.map((t) => [t.name, String(t.rows), String(t.columns)]),
      },
    ];
  },
});
