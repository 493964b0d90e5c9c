// `rerate export` end to end through the CLI: the workbook and the CSV files read back cell by cell against the tables
// the command built, formula injection neutralized in both formats while negative numbers stay numbers, the numbers
// equal to those of `rerate update --json` and `rerate network project --json`, and bad input refused by flag with
// nothing half-written.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { ExportColumn, ExportTable } from '../src/present/export-table.ts';
import { inProcessMonteCarlo } from '../src/data/in-process-monte-carlo.ts';
import type { AppPorts } from '../src/app/ports/app-ports.ts';
import type { CoverageSource } from '../src/app/ports/file-sources.ts';
import { defaultPorts } from '../src/cli/default-ports.ts';
import { writeCsvFiles } from '../src/report/csv-export.ts';
import { neutralizeText } from '../src/report/formula-safety.ts';
import { writeXlsx } from '../src/report/xlsx-export.ts';
import { rerate, rerateJson as json } from './support/cli-runner.ts';

/** Company names an attacker might slip into a coverage file, by ticker. */
const HOSTILE_NAMES: Record<string, string> = {
  CIFR: '=HYPERLINK("http://x")',
  CLSK: '+1',
  IREN: '-cmd',
  MARA: '@SUM(A1)',
  RIOT: '\tRiot, "Platforms"',
};

interface Harness {
  ports: AppPorts;
  /** The tables each export handed to the report writer, in order. */
  written: ExportTable[][];
  close(): Promise<void>;
}

function harness(names?: Record<string, string>): Harness {
  const base = defaultPorts({
    env: { RERATE_DB: ':memory:', RERATE_TODAY: '2026-02-05' },
    monteCarlo: inProcessMonteCarlo,
  });
  const written: ExportTable[][] = [];
  const coverage: CoverageSource = names
    ? {
        tickers: () => base.coverage.tickers(),
        async load(ticker) {
          const loaded = await base.coverage.load(ticker);
          const name = names[loaded.company.ticker];
          return name === undefined ? loaded : { ...loaded, company: { ...loaded.company, name } };
        },
      }
    : base.coverage;
  const ports: AppPorts = {
    ...base,
    coverage,
    report: {
      async writeExport(tables, format, out, asOf) {
        written.push(tables);
        return { files: format === 'xlsx' ? await writeXlsx(tables, out, asOf) : await writeCsvFiles(tables, out) };
      },
      checkExport: (format, out) => base.report.checkExport(format, out),
      checkNote: async () => {
        throw new Error('not in this test');
      },
      writeNote: async () => {
        throw new Error('not in this test');
      },
    },
  };
  return { ports, written, close: () => base.runs.close() };
}

const FORMULA_START = /^[=+\-@\t\r]/;
const expectedText = (text: string) => (FORMULA_START.test(text) ? `'${text}` : text);
const xlsxHeader = (c: ExportColumn) => (c.unit ? `${c.header} (${c.unit})` : c.header);
const csvHeader = (c: ExportColumn) => (c.unit ? `${c.header} (${c.unit.replace(/^%/, 'fraction')})` : c.header);
const column = (table: ExportTable, header: string) => {
  const index = table.columns.findIndex((c) => c.header === header);
  assert.ok(index >= 0, `${table.name} has a column ${header}`);
  return index;
};
const tableNamed = (tables: ExportTable[], name: string) => {
  const table = tables.find((t) => t.name === name);
  assert.ok(table, `a ${name} table`);
  return table;
};

interface CsvField {
  value: string;
  quoted: boolean;
}

/** RFC 4180: CRLF-ended records, fields optionally quoted with quotes doubled inside. Strict: a bare LF is an error. */
function parseCsv(text: string): CsvField[][] {
  const rows: CsvField[][] = [];
  let row: CsvField[] = [];
  let i = 0;
  while (i < text.length) {
    let value = '';
    let quoted = false;
    if (text[i] === '"') {
      quoted = true;
      i++;
      for (;;) {
        const quote = text.indexOf('"', i);
        if (quote < 0) throw new Error('unterminated quoted field');
        value += text.slice(i, quote);
        i = quote + 1;
        if (text[i] === '"') {
          value += '"';
          i++;
        } else break;
      }
    } else {
      while (i < text.length && !',\r\n"'.includes(text[i] as string)) value += text[i++];
    }
    row.push({ value, quoted });
    if (text[i] === ',') {
      i++;
    } else if (text.startsWith('\r\n', i)) {
      i += 2;
      rows.push(row);
      row = [];
    } else throw new Error(`unexpected ${JSON.stringify(text[i])} at offset ${i}`);
  }
  if (row.length > 0) throw new Error('the last record does not end with CRLF');
  return rows;
}

/** A number as the CSV gives it: 15 significant digits. */
function assertCsvNumber(field: CsvField, expected: number, where: string) {
  assert.equal(field.quoted, false, `${where}: numbers are not quoted`);
  assert.match(field.value, /^-?\d+(\.\d+)?$/, `${where}: a plain decimal`);
  const got = Number(field.value);
  assert.ok(Math.abs(got - expected) <= 1e-14 * Math.abs(expected), `${where}: ${field.value} vs ${expected}`);
  assert.equal(got < 0, expected < 0, `${where}: sign`);
}

const temp = mkdtempSync(join(tmpdir(), 'rerate-export-'));

describe('rerate export', () => {
  let hostile: Harness;
  let xlsx: { tables: ExportTable[]; file: string; stdout: string };
  let csv: { tables: ExportTable[]; dir: string; stdout: string };

  before(async () => {
    hostile = harness(HOSTILE_NAMES);
    const file = join(temp, 'coverage.xlsx');
    const x = await rerate(hostile.ports, ['export', '--format', 'xlsx', '--out', file]);
    assert.equal(x.code, 0, x.stderr);
    xlsx = { tables: hostile.written[0] as ExportTable[], file, stdout: x.stdout };
    const dir = join(temp, 'csv', 'nested');
    const c = await rerate(hostile.ports, ['export', '--format', 'csv', '--out', dir]);
    assert.equal(c.code, 0, c.stderr);
    csv = { tables: hostile.written[1] as ExportTable[], dir, stdout: c.stdout };
  });
  after(() => hostile.close());

  test('the tables: estimates, valuation, comps, sensitivity, cost curve, network, sources; units in headers', () => {
    assert.deepEqual(
      xlsx.tables.map((t) => t.name),
      ['estimates', 'valuation', 'comps', 'sensitivity', 'cost-curve', 'network', 'sources'],
    );
    assert.match(xlsx.stdout, /coverage\.xlsx/);
    for (const name of ['estimates', 'valuation', 'comps', 'sensitivity', 'cost-curve', 'network', 'sources'])
      assert.match(csv.stdout, new RegExp(`${name}\\.csv`));
    const estimates = tableNamed(xlsx.tables, 'estimates');
    // Five companies × eight calendar quarters from the as-of date's (2026Q1, the data ending 2026-02-04).
    assert.equal(estimates.rows.length, 5 * 8);
    const quarters = estimates.rows.filter((r) => r[0] === 'RIOT').map((r) => r[column(estimates, 'Quarter')]);
    assert.deepEqual(quarters, ['2026Q1', '2026Q2', '2026Q3', '2026Q4', '2027Q1', '2027Q2', '2027Q3', '2027Q4']);
    assert.equal(estimates.columns[column(estimates, 'BTC mined')]?.unit, 'BTC');
    assert.equal(estimates.columns[column(estimates, 'Realized price')]?.unit, 'USD/BTC');
    assert.equal(estimates.columns[column(estimates, 'Adjusted EBITDA')]?.unit, 'USD');
    const sensitivity = tableNamed(xlsx.tables, 'sensitivity');
    assert.equal(sensitivity.rows.length, 5 * 9 * 7);
    const network = tableNamed(xlsx.tables, 'network');
    assert.equal(network.rows[network.rows.length - 1]?.[0], '2027-12-31');
    const sources = tableNamed(xlsx.tables, 'sources');
    const sections = new Set(sources.rows.map((r) => r[0]));
    for (const section of ['export', 'data', 'snapshot', 'methodology', 'scenario', 'run', 'table', 'warning'])
      assert.ok(sections.has(section), section);
    // The CSV export built the same tables.
    assert.deepEqual(csv.tables, xlsx.tables);
  });

  test('XLSX round trip: every header, value and type as in the tables; header bold and frozen', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx.file);
    assert.deepEqual(
      workbook.worksheets.map((s) => s.name),
      xlsx.tables.map((t) => t.name),
    );
    for (const table of xlsx.tables) {
      const sheet = workbook.getWorksheet(table.name);
      assert.ok(sheet);
      assert.equal(sheet.rowCount, table.rows.length + 1, `${table.name}: rows`);
      const header = sheet.getRow(1);
      assert.equal(header.font?.bold, true);
      assert.deepEqual(
        table.columns.map((_, c) => header.getCell(c + 1).value),
        table.columns.map(xlsxHeader),
      );
      const view = sheet.views[0];
      assert.equal(view?.state, 'frozen');
      assert.equal(view?.state === 'frozen' ? view.ySplit : undefined, 1);
      table.rows.forEach((row, r) => {
        const cells = sheet.getRow(r + 2);
        row.forEach((value, c) => {
          const cell = cells.getCell(c + 1);
          const where = `${table.name}!${cell.address}`;
          const kind = (table.columns[c] as ExportColumn).kind;
          if (value === null) {
            assert.equal(cell.type, ExcelJS.ValueType.Null, `${where}: empty`);
          } else if (kind === 'number') {
            assert.equal(cell.type, ExcelJS.ValueType.Number, `${where}: a number`);
            assert.equal(cell.value, value, where);
          } else if (kind === 'date') {
            assert.ok(cell.value instanceof Date, `${where}: a date`);
            assert.equal(cell.value.toISOString().slice(0, 10), value, where);
          } else {
            assert.equal(cell.type, ExcelJS.ValueType.String, `${where}: text`);
            assert.equal(cell.value, expectedText(value as string), where);
          }
        });
      });
    }
    // Fractions with a percent format where the unit is %; separators on money.
    const valuation = workbook.getWorksheet('valuation');
    const table = tableNamed(xlsx.tables, 'valuation');
    assert.equal(valuation?.getRow(2).getCell(column(table, 'Upside') + 1).numFmt, '0.00%');
    assert.equal(valuation?.getRow(2).getCell(column(table, 'Mining') + 1).numFmt, '#,##0');
    assert.equal(valuation?.getRow(2).getCell(column(table, 'Target') + 1).numFmt, '#,##0.00');
  });

  test('CSV round trip: RFC 4180, UTF-8, one file per table, numbers as plain decimals', () => {
    assert.deepEqual(readdirSync(csv.dir).sort(), csv.tables.map((t) => `${t.name}.csv`).sort());
    for (const table of csv.tables) {
      const text = readFileSync(join(csv.dir, `${table.name}.csv`), 'utf8');
      assert.ok(!text.startsWith('\ufeff'), 'no BOM');
      const rows = parseCsv(text);
      assert.equal(rows.length, table.rows.length + 1, `${table.name}: rows`);
      assert.deepEqual(
        rows[0]?.map((f) => f.value),
        table.columns.map(csvHeader),
      );
      table.rows.forEach((row, r) => {
        const fields = rows[r + 1] as CsvField[];
        assert.equal(fields.length, table.columns.length, `${table.name} row ${r + 1}: fields`);
        row.forEach((value, c) => {
          const field = fields[c] as CsvField;
          const where = `${table.name}.csv row ${r + 2} column ${c + 1}`;
          const kind = (table.columns[c] as ExportColumn).kind;
          if (value === null) assert.deepEqual(field, { value: '', quoted: false }, `${where}: empty`);
          else if (kind === 'number') assertCsvNumber(field, value as number, where);
          else if (kind === 'date') assert.deepEqual(field, { value, quoted: false }, where);
          else assert.deepEqual(field, { value: expectedText(value as string), quoted: true }, where);
        });
      });
    }
  });

  const formulaInjectionTestName =
    'formula injection: hostile texts come back with a leading apostrophe; negative numbers stay numbers';
  test(formulaInjectionTestName, async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx.file);
    const valuation = tableNamed(xlsx.tables, 'valuation');
    const companyColumn = column(valuation, 'Company');
    const debtColumn = column(valuation, 'Debt, not convertible');
    const sheet = workbook.getWorksheet('valuation');
    const csvRows = parseCsv(readFileSync(join(csv.dir, 'valuation.csv'), 'utf8'));
    let negatives = 0;
    valuation.rows.forEach((row, r) => {
      const ticker = row[0] as string;
      const hostileName = HOSTILE_NAMES[ticker] as string;
      assert.equal(row[companyColumn], hostileName, 'the table holds the text as given');
      assert.equal(sheet?.getRow(r + 2).getCell(companyColumn + 1).value, `'${hostileName}`, `${ticker} in XLSX`);
      assert.equal(csvRows[r + 1]?.[companyColumn]?.value, `'${hostileName}`, `${ticker} in CSV`);
      const debt = row[debtColumn] as number;
      if (debt < 0) {
        negatives++;
        const cell = sheet?.getRow(r + 2).getCell(debtColumn + 1);
        assert.equal(cell?.type, ExcelJS.ValueType.Number);
        assert.equal(cell?.value, debt);
        assert.deepEqual(csvRows[r + 1]?.[debtColumn], { value: String(debt), quoted: false });
      }
    });
    assert.ok(negatives > 0, 'some company has debt: a negative number in the export');
    // The same names in the estimates sheet.
    const estimatesCsv = readFileSync(join(csv.dir, 'estimates.csv'), 'utf8');
    assert.ok(estimatesCsv.includes(`"'=HYPERLINK(""http://x"")"`));
    assert.ok(estimatesCsv.includes(`"'@SUM(A1)"`));
    assert.ok(!/(^|,)[=+@-][A-Za-z(]/m.test(estimatesCsv), 'no field starts a formula');
  });

  test('neutralizeText: the OWASP characters only', () => {
    for (const text of ['=1+1', '+1', '-cmd', '@SUM(A1)', '\t=1', '\r=1'])
      assert.equal(neutralizeText(text), `'${text}`);
    for (const text of ['RIOT', '', "'quoted", ' =1', '1-2', 'a=b', '—']) assert.equal(neutralizeText(text), text);
  });

  test('the comps sheet equals rerate comps --json, and its EV parts bridge to the market cap', async () => {
    const comps = await json(hostile.ports, ['comps']);
    const sheet = tableNamed(xlsx.tables, 'comps');
    assert.equal(sheet.rows.length, comps.results.companies.length);
    for (const company of comps.results.companies) {
      const row = sheet.rows.find((r) => r[0] === company.ticker);
      assert.ok(row, company.ticker);
      assert.equal(row[column(sheet, 'Enterprise value')], company.enterpriseValueUsd);
      assert.equal(row[column(sheet, 'EV per installed EH/s')], company.evPerInstalledEhsUsd);
      assert.equal(row[column(sheet, 'Implied HPC share')], company.impliedHpc.share);
      const bridge =
        (row[column(sheet, 'Market cap')] as number) +
        (row[column(sheet, 'Debt, not convertible')] as number) +
        (row[column(sheet, 'Convertibles at face')] as number) +
        (row[column(sheet, 'Other claims')] as number) -
        (row[column(sheet, 'Cash')] as number) -
        (row[column(sheet, 'BTC held at the as-of close')] as number);
      assert.ok(Math.abs(bridge - company.enterpriseValueUsd) < 0.01, company.ticker);
    }
    const sources = tableNamed(xlsx.tables, 'sources');
    assert.equal(sources.rows.find((r) => r[0] === 'run' && r[1] === 'comps')?.[2], comps.inputsHash);
  });

  const sheetsEqualCommandsTestName =
    'the valuation sheet equals rerate update --json; the network sheet rerate network project; estimates rerate ' +
    'estimates; cost-curve rerate cost-curve';
  test(sheetsEqualCommandsTestName, async () => {
    const update = await json(hostile.ports, ['update']);
    const valuation = tableNamed(xlsx.tables, 'valuation');
    assert.equal(valuation.rows.length, update.results.companies.length);
    for (const company of update.results.companies) {
      const row = valuation.rows.find((r) => r[0] === company.ticker);
      assert.ok(row, company.ticker);
      assert.equal(row[column(valuation, 'Target')], company.targetUsd);
      assert.equal(row[column(valuation, 'Rating')], company.rating);
      assert.equal(row[column(valuation, 'Price')], company.sharePriceUsd);
      assert.equal(row[column(valuation, 'Price date')], company.sharePriceDate);
      assert.equal(row[column(valuation, 'Upside')], company.upside);
      assert.equal(row[column(valuation, 'Diluted shares')], company.parts.dilutedShares);
      assert.equal(row[column(valuation, 'Methodology')], 'rerate');
      assert.equal(row[column(valuation, 'Scenario')], 'base');
      // The bridge: the parts, cash and (negative) claims sum to the equity value.
      const parts = [
        'Mining',
        'Corporate cash SG&A',
        'Power and land',
        'HPC leases',
        'HPC pipeline',
        'Roll-forward to target date',
        'BTC treasury',
        'Cash',
        'Debt, not convertible',
        'Other claims',
        'Convertibles, debt or bond floor + option',
      ];
      const sum = parts.reduce((s, p) => s + (row[column(valuation, p)] as number), 0);
      const equity = row[column(valuation, 'Equity value')] as number;
      assert.ok(
        Math.abs(sum - equity) <= 1e-6 * Math.max(1, Math.abs(equity)),
        `${company.ticker}: ${sum} vs ${equity}`,
      );
      // The sensitivity grid's centre is the base case: the same target.
      const sensitivity = tableNamed(xlsx.tables, 'sensitivity');
      const centre = sensitivity.rows.filter((r) => r[0] === company.ticker)[Math.floor((9 * 7) / 2)];
      assert.ok(
        Math.abs((centre?.[3] as number) - company.targetUsd) <= 1e-9 * company.targetUsd,
        `${company.ticker}: grid centre ${centre?.[3]} vs ${company.targetUsd}`,
      );
    }
    // The run id recorded in the sources sheet is the one `rerate update` gives for the same inputs.
    const sources = tableNamed(xlsx.tables, 'sources');
    const runRow = (command: string) => sources.rows.find((r) => r[0] === 'run' && r[1] === command);
    assert.equal(runRow('update')?.[2], update.inputsHash);

    const network = tableNamed(xlsx.tables, 'network');
    const projection = await json(hostile.ports, [
      'network',
      'project',
      '--as-of',
      update.asOf,
      '--to',
      '2027-12-31',
      '--interval',
      'day',
    ]);
    assert.equal(runRow('network project')?.[2], projection.inputsHash);
    assert.equal(network.rows.length, projection.results.rows.length);
    const first = projection.results.rows[0];
    assert.deepEqual(network.rows[0], [
      first.from,
      first.metrics.endHeight,
      first.metrics.blocks,
      first.metrics.difficulty,
      first.metrics.hashrateEhs,
      first.metrics.issuanceBtc,
      first.metrics.feesBtc,
      first.metrics.priceUsd,
      first.metrics.btcPerEhDay,
      first.metrics.hashpriceUsdPerPhDay,
    ]);

    // The cost-curve sheet is `rerate cost-curve --json` row by row (issue 21).
    const curveSheet = tableNamed(xlsx.tables, 'cost-curve');
    const curve = await json(hostile.ports, ['cost-curve', '--as-of', update.asOf]);
    assert.equal(runRow('cost-curve')?.[2], curve.inputsHash);
    const curveRows = curve.results.quarters.flatMap(
      (q: { period: string; companies: { ticker: string; cashCostPerBtc: { usd: number } }[] }) =>
        q.companies.map((c) => [q.period, c.ticker, c.cashCostPerBtc.usd]),
    );
    assert.deepEqual(
      curveSheet.rows.map((r) => [r[0], r[column(curveSheet, 'Ticker')], r[column(curveSheet, 'Cash cost per BTC')]]),
      curveRows,
    );
    assert.equal(curveSheet.columns[column(curveSheet, 'Cash cost per BTC')]?.unit, 'USD/BTC');

    const estimates = tableNamed(xlsx.tables, 'estimates');
    const estimated = await json(hostile.ports, [
      'estimates',
      'all',
      '--as-of',
      update.asOf,
      '--quarters',
      '2026Q1:2027Q4',
    ]);
    assert.equal(runRow('estimates')?.[2], estimated.inputsHash);
    for (const company of estimated.results.companies) {
      for (const period of company.periods) {
        const row = estimates.rows.find(
          (r) => r[0] === company.ticker && r[column(estimates, 'Quarter')] === period.period,
        );
        assert.ok(row, `${company.ticker} ${period.period}`);
        assert.equal(row[column(estimates, 'BTC mined')], period.btcMined);
        assert.equal(row[column(estimates, 'Mining revenue')], period.miningRevenueUsd);
        assert.equal(row[column(estimates, 'Adjusted EBITDA')], period.adjustedEbitdaUsd);
        assert.equal(row[column(estimates, 'Share of network')], period.networkShare);
      }
    }
  });

  const anotherAsOfCsvTestName =
    'another as-of, scenario and methodology: the CSV valuation equals rerate update --json to 15 digits';
  test(anotherAsOfCsvTestName, async () => {
    const h = harness();
    try {
      const flags = ['--as-of', '2026-01-15', '--scenario', 'bear', '--methodology', 'jpm-2025-11'];
      const dir = join(temp, 'bear');
      const run = await rerate(h.ports, ['export', '--format', 'csv', '--out', dir, ...flags]);
      assert.equal(run.code, 0, run.stderr);
      const update = await json(h.ports, ['update', ...flags]);
      const rows = parseCsv(readFileSync(join(dir, 'valuation.csv'), 'utf8'));
      const header = (rows[0] as CsvField[]).map((f) => f.value);
      for (const company of update.results.companies) {
        const row = rows.find((r) => r[0]?.value === company.ticker) as CsvField[];
        assertCsvNumber(row[header.indexOf('Target (USD/share)')] as CsvField, company.targetUsd, company.ticker);
        assert.equal(row[header.indexOf('Rating')]?.value, company.rating);
        assert.equal(row[header.indexOf('Scenario')]?.value, 'bear');
        assert.equal(row[header.indexOf('Methodology')]?.value, 'jpm-2025-11');
        assert.equal(row[header.indexOf('As of')]?.value, '2026-01-15');
      }
      const network = parseCsv(readFileSync(join(dir, 'network.csv'), 'utf8'));
      assert.equal(network[1]?.[0]?.value, '2026-01-16');
      assert.equal(network[network.length - 1]?.[0]?.value, '2027-12-31');
    } finally {
      await h.close();
    }
  });

  test('bad input: missing --out or a bad --format is a usage error naming the flag', async () => {
    const h = harness();
    try {
      const noOut = await rerate(h.ports, ['export', '--format', 'xlsx']);
      assert.equal(noOut.code, 2);
      assert.match(noOut.stderr, /--out/);
      const noFormat = await rerate(h.ports, ['export', '--out', join(temp, 'x.xlsx')]);
      assert.equal(noFormat.code, 2);
      assert.match(noFormat.stderr, /--format/);
      const badFormat = await rerate(h.ports, ['export', '--format', 'ods', '--out', join(temp, 'x.ods')]);
      assert.equal(badFormat.code, 2);
      assert.match(badFormat.stderr, /--format/);
      // Into a folder that does not exist: a usage error at --out before any work, not ENOENT after it (issue 19).
      const missing = await rerate(h.ports, ['export', '--format', 'xlsx', '--out', join(temp, 'nope', 'x.xlsx')]);
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /--out: the folder .*nope does not exist/);
      const notXlsx = await rerate(h.ports, ['export', '--format', 'xlsx', '--out', join(temp, 'coverage')]);
      assert.equal(notXlsx.code, 2);
      assert.match(notXlsx.stderr, /--out: .*\.xlsx/);
      const csvFile = await rerate(h.ports, ['export', '--format', 'csv', '--out', join(temp, 'coverage.csv')]);
      assert.equal(csvFile.code, 2);
      assert.match(csvFile.stderr, /--out: .*folder/);
      const badDate = await rerate(h.ports, [
        'export',
        '--format',
        'csv',
        '--out',
        join(temp, 'old'),
        '--as-of',
        '1999-01-01',
      ]);
      assert.equal(badDate.code, 2);
      assert.match(badDate.stderr, /--as-of/);
      assert.equal(h.written.length, 0, 'nothing reached the writer');
    } finally {
      await h.close();
    }
  });

  const unwritableOutPathTestName =
    'an unwritable out path: exit 1 with a clear message, and no file, partial or temporary, left behind';
  test(unwritableOutPathTestName, async () => {
    const h = harness();
    try {
      const root = join(temp, 'unwritable');
      mkdirSync(root);
      writeFileSync(join(root, 'a-file'), 'not a folder');
      const underFile = await rerate(h.ports, [
        'export',
        '--format',
        'xlsx',
        '--out',
        join(root, 'a-file', 'coverage.xlsx'),
      ]);
      assert.equal(underFile.code, 1);
      assert.match(underFile.stderr, /rerate: failed: could not write the XLSX export .*a-file\/coverage\.xlsx/);
      const csvUnderFile = await rerate(h.ports, [
        'export',
        '--format',
        'csv',
        '--out',
        join(root, 'a-file', 'tables'),
      ]);
      assert.equal(csvUnderFile.code, 1);
      assert.match(
        csvUnderFile.stderr,
        /rerate: failed: could not write the CSV export to the folder .*a-file\/tables/,
      );
      // A workbook path that is a folder: the temporary file is removed.
      mkdirSync(join(root, 'taken.xlsx'));
      const folder = await rerate(h.ports, ['export', '--format', 'xlsx', '--out', join(root, 'taken.xlsx')]);
      assert.equal(folder.code, 1);
      assert.match(folder.stderr, /could not write the XLSX export/);
      // A CSV target that is a folder: nothing is renamed into place, no temporary file stays.
      mkdirSync(join(root, 'tables', 'network.csv'), { recursive: true });
      const blocked = await rerate(h.ports, ['export', '--format', 'csv', '--out', join(root, 'tables')]);
      assert.equal(blocked.code, 1);
      assert.match(blocked.stderr, /network\.csv exists and is not a file/);
      assert.deepEqual(readdirSync(join(root, 'tables')), ['network.csv']);
      assert.deepEqual(readdirSync(root).sort(), ['a-file', 'tables', 'taken.xlsx']);
      assert.deepEqual(readdirSync(join(root, 'taken.xlsx')), []);
    } finally {
      await h.close();
    }
  });

  const identicalTestName =
    'identical inputs give a byte-identical workbook, whatever the wall clock says; it is dated by its as-of';
  test(identicalTestName, async (t) => {
    const h = harness();
    try {
      const dir = join(temp, 'identical');
      mkdirSync(dir);
      const exportAt = async (clock: string, name: string) => {
        t.mock.timers.setTime(Date.parse(clock));
        const out = join(dir, name);
        const run = await rerate(h.ports, ['export', '--format', 'xlsx', '--as-of', '2026-01-30', '--out', out]);
        assert.equal(run.code, 0, run.stderr);
        return readFileSync(out);
      };
      // Hours and days apart, and not on the zip format's 2-second grid.
      t.mock.timers.enable({ apis: ['Date'], now: 0 });
      const first = await exportAt('2026-02-05T09:15:01Z', 'first.xlsx');
      const second = await exportAt('2027-11-23T23:59:59Z', 'second.xlsx');
      t.mock.timers.reset();
      assert.ok(first.equals(second), 'the two workbooks differ');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(
        first.buffer.slice(first.byteOffset, first.byteOffset + first.byteLength) as ArrayBuffer,
      );
      assert.equal(workbook.created.toISOString(), '2026-01-30T00:00:00.000Z');
      assert.equal(workbook.modified.toISOString(), '2026-01-30T00:00:00.000Z');
    } finally {
      await h.close();
    }
  });

  test('writers alone: nulls empty, negatives numeric, dates real, and a failed write keeps the old file', async () => {
    const table: ExportTable = {
      name: 'sample',
      title: 'a sample',
      columns: [
        { header: 'Name', kind: 'text' },
        { header: 'Day', kind: 'date' },
        { header: 'Value', unit: 'USD', kind: 'number' },
        { header: 'Share', unit: '%', kind: 'number' },
      ],
      rows: [
        ['-12.5 as text', '2026-02-04', -12.5, -0.25],
        ['comma, "quote"\nline', null, null, 0],
        ['', '2025-12-31', 1e-7, 1e21],
      ],
    };
    const dir = join(temp, 'writers');
    const [file] = await writeXlsx([table], join(temp, 'sample.xlsx'), '2026-02-04');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file as string);
    const sheet = workbook.getWorksheet('sample');
    assert.equal(sheet?.getCell('A2').value, "'-12.5 as text");
    assert.equal(sheet?.getCell('C2').value, -12.5);
    assert.equal(sheet?.getCell('C2').type, ExcelJS.ValueType.Number);
    assert.equal(sheet?.getCell('D2').value, -0.25);
    assert.equal(sheet?.getCell('D1').value, 'Share (%)');
    assert.equal(sheet?.getCell('B3').type, ExcelJS.ValueType.Null);
    assert.equal(sheet?.getCell('C3').type, ExcelJS.ValueType.Null);
    const [csvFile] = await writeCsvFiles([table], dir);
    const text = readFileSync(csvFile as string, 'utf8');
    assert.equal(
      text,
      '"Name","Day","Value (USD)","Share (fraction)"\r\n' +
        '"\'-12.5 as text",2026-02-04,-12.5,-0.25\r\n' +
        '"comma, ""quote""\nline",,,0\r\n' +
        '"",2025-12-31,0.0000001,1000000000000000000000\r\n',
    );
    // A table a builder got wrong fails before anything is written; the earlier file stays whole.
    const broken: ExportTable = { ...table, rows: [['x', '2026-02-04', Number.NaN, 0]] };
    await assert.rejects(writeCsvFiles([broken], dir), /internal error/);
    await assert.rejects(writeXlsx([broken], file as string, '2026-02-04'), /internal error/);
    assert.equal(readFileSync(csvFile as string, 'utf8'), text);
    assert.deepEqual(readdirSync(dir), ['sample.csv']);
  });
});

process.on('exit', () => rmSync(temp, { recursive: true, force: true }));
