/**
 * The run store over SQL (SQLite or PostgreSQL, one schema: migrations.ts). A run is written in one transaction —
 * its row, the texts of its files (kept once per SHA-256), its companies and its figures — or not at all; a run
 * whose id is there already writes nothing.
 */
import type { RunCompany, RunStore, RunSummary, StoredRun } from '../app/ports/run-store.ts';
import type { RunFigure } from '../app/ports/run-store.ts';
import type { ResultEnvelope } from '../schema/result-envelope.ts';
import { namedInputs } from '../app/runs/run-manifest.ts';
import { type RunManifest } from '../app/ports/run-store.ts';
import { canonicalJson } from '../app/canonical-json.ts';
import { InputError } from '../schema/input-error.ts';
import type { SqlDatabase, SqlExecutor, SqlValue } from './sql-database.ts';

/** Rows per multi-row INSERT (5 values each: well under both databases' parameter limits). */
const ROWS_PER_INSERT = 200;

interface RunRow extends Record<string, unknown> {
  id: string;
  seq: number | string;
  saved_at: string;
  command: string;
  as_of: string;
  scenario: string | null;
  methodology: string | null;
  code_commit: string | null;
  manifest_json: string;
  envelope_json: string;
}

export function sqlRunStore(db: SqlDatabase, now: () => Date = () => new Date()): RunStore {
  return {
    location: db.location,

    async save(run) {
      return db.transaction(async (tx) => {
        if (db.dialect === 'postgres') await tx.run('LOCK TABLE runs IN SHARE ROW EXCLUSIVE MODE');
        const existing = await tx.query<{ seq: number | string }>('SELECT seq FROM runs WHERE id = ?', [run.id]);
        if (existing[0]) return { created: false, seq: Number(existing[0].seq) };
        const next = await tx.query<{ next: number | string }>('SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM runs');
        const seq = Number(next[0]?.next ?? 1);
        const named = namedInputs(run.manifest);
        await tx.run(
          'INSERT INTO runs (id, seq, saved_at, command, as_of, scenario, methodology, engine_version, code_commit, ' +
            `manifest_json, envelope_json, company_count, figure_count)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            run.id,
            seq,
            now().toISOString(),
            run.manifest.command,
            run.manifest.asOf,
            named.scenario,
            named.methodology,
            run.manifest.engineVersion,
            run.manifest.codeCommit,
            canonicalJson(run.manifest),
            JSON.stringify(run.envelope),
            run.companies.length,
            run.figures.length,
          ],
        );
        for (const [sha256, text] of run.texts) {
          await tx.run('INSERT INTO run_files (sha256, text) VALUES (?, ?) ON CONFLICT (sha256) DO NOTHING', [
            sha256,
            text,
          ]);
        }
        await insertRows(
          tx,
          'run_companies (run_id, ticker, rating, target_usd)',
          run.companies.map((c) => [run.id, c.ticker, c.rating, c.targetUsd]),
        );
        await insertRows(
          tx,
          'run_figures (run_id, ticker, period, metric, value)',
          run.figures.map((f) => [run.id, f.ticker, f.period, f.metric, f.value]),
        );
        return { created: true, seq };
      });
    },

    async list({ ticker, limit }) {
      const where = ticker === undefined ? '' : 'WHERE id IN (SELECT run_id FROM run_companies WHERE ticker = ?)';
      const params: SqlValue[] = ticker === undefined ? [] : [ticker];
      const selected = `SELECT id FROM runs ${where} ORDER BY seq DESC LIMIT ?`;
      const selectedParams = [...params, limit ?? 1_000_000];
      const rows = await db.query<RunRow>(
        'SELECT id, seq, saved_at, command, as_of, scenario, methodology, code_commit ' +
          `FROM runs WHERE id IN (${selected}) ORDER BY seq DESC`,
        selectedParams,
      );
      const companies = await companiesOf(db, selected, selectedParams);
      return rows.map((row): RunSummary => ({
        id: row.id,
        seq: Number(row.seq),
        savedAt: row.saved_at,
        command: row.command,
        asOf: row.as_of,
        scenario: row.scenario,
        methodology: row.methodology,
        codeCommit: row.code_commit,
        companies: companies.get(row.id) ?? [],
      }));
    },

    async get(idOrPrefix) {
      if (!/^[0-9a-f]{6,64}$/.test(idOrPrefix))
        throw InputError.at(['run'], `"${idOrPrefix}" is not a run id: give at least 6 of its hex digits`);
      const rows = await db.query<RunRow>('SELECT * FROM runs WHERE id LIKE ? ORDER BY seq LIMIT 2', [
        `${idOrPrefix}%`,
      ]);
      if (rows.length > 1) throw InputError.at(['run'], `"${idOrPrefix}" matches more than one run: give more digits`);
      const row = rows[0];
      if (!row) return undefined;
      const manifest = JSON.parse(row.manifest_json) as RunManifest;
      const shas = [...new Set(manifest.files.map((f) => f.sha256))];
      const texts = new Map<string, string>();
      if (shas.length > 0) {
        const files = await db.query<{ sha256: string; text: string }>(
          `SELECT sha256, text FROM run_files WHERE sha256 IN (${shas.map(() => '?').join(', ')})`,
          shas,
        );
        for (const file of files) texts.set(file.sha256, file.text);
      }
      const figures = await db.query<{ ticker: string; period: string; metric: string; value: number | null }>(
        'SELECT ticker, period, metric, value FROM run_figures WHERE run_id = ? ORDER BY ticker, period, metric',
        [row.id],
      );
      const run: StoredRun = {
        id: row.id,
        seq: Number(row.seq),
        savedAt: row.saved_at,
        manifest,
        texts,
        envelope: JSON.parse(row.envelope_json) as ResultEnvelope<unknown>,
        figures: figures.map((f): RunFigure => ({
          ticker: f.ticker,
          period: f.period,
          metric: f.metric,
          value: f.value === null ? null : Number(f.value),
        })),
        companies: (await companiesOf(db, '?', [row.id])).get(row.id) ?? [],
      };
      return run;
    },

    async close() {
      await db.close();
    },
  };
}

async function insertRows(tx: SqlExecutor, table: string, rows: SqlValue[][]): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    const chunk = rows.slice(start, start + ROWS_PER_INSERT);
    const width = chunk[0]?.length ?? 0;
    const tuple = `(${Array(width).fill('?').join(', ')})`;
    await tx.run(`INSERT INTO ${table} VALUES ${chunk.map(() => tuple).join(', ')}`, chunk.flat());
  }
}

/** The companies of the runs `runIdsSql` selects (a subquery, or `?` for one id). */
async function companiesOf(
  db: SqlDatabase,
  runIdsSql: string,
  params: readonly SqlValue[],
): Promise<Map<string, RunCompany[]>> {
  const byRun = new Map<string, RunCompany[]>();
  const rows = await db.query<{ run_id: string; ticker: string; rating: string | null; target_usd: number | null }>(
    `SELECT run_id, ticker, rating, target_usd FROM run_companies WHERE run_id IN (${runIdsSql}) ORDER BY ticker`,
    params,
  );
  for (const row of rows) {
    const list = byRun.get(row.run_id) ?? [];
    list.push({
      ticker: row.ticker,
      rating: row.rating,
      targetUsd: row.target_usd === null ? null : Number(row.target_usd),
    });
    byRun.set(row.run_id, list);
  }
  return byRun;
}
