/**
 * The filing overlays of the local data store (issue 20): `<dir>/filings/<TICKER>/<filed>-<accession>.json`, one
 * per ticker and filing, written once and never changed (append-only, like the snapshots). A write goes to a
 * temporary file in the same folder, is synced, then linked into place — a link never replaces an existing file, so
 * of two writers one wins and the other finds the overlay there — and the folder is synced: a crash leaves the
 * overlay whole or absent.
 * A temporary file a killed writer left is removed by the next write once its process is gone.
 */
import { existsSync, linkSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FilingOverlayStore } from '../app/ports/filings.ts';
import { filingOverlaySchema, type FilingOverlay } from '../schema/filings.ts';
import { InputError } from '../schema/input-error.ts';
import { readInputTextFile } from './input-text-file.ts';
import { processIsLive } from './process-is-live.ts';
import { syncPath, writeSynced } from './durable-files.ts';

const OVERLAY_FILE = /^\d{4}-\d{2}-\d{2}-\d{10}-\d{2}-\d{6}\.json$/;
const TEMPORARY = /^\.incoming-(\d+)-\d+$/;
const TICKER = /^[A-Z][A-Z.]{0,9}$/;

export function filingOverlayStore(dataDir: string): FilingOverlayStore {
  const root = join(dataDir, 'filings');
  const folderOf = (ticker: string) => {
    if (!TICKER.test(ticker) || ticker.includes('..')) throw InputError.at(['ticker'], 'a ticker like RIOT');
    return join(root, ticker);
  };
  return {
    location: root,
    list(ticker) {
      const folder = folderOf(ticker);
      if (!existsSync(folder)) return [];
      return readdirSync(folder)
        .filter((name) => OVERLAY_FILE.test(name))
        .sort()
        .map((name) => readOverlay(join(folder, name), ticker));
    },
    async write(overlay) {
      const checked = filingOverlaySchema.parse(overlay);
      const folder = folderOf(checked.ticker);
      mkdirSync(folder, { recursive: true });
      for (const name of readdirSync(folder)) {
        const temporary = TEMPORARY.exec(name);
        if (temporary && !processIsLive(Number(temporary[1]))) rmSync(join(folder, name), { force: true });
      }
      const target = join(folder, `${checked.filing.filed}-${checked.filing.accession}.json`);
      if (existsSync(target)) return { location: target, created: false };
      const temporary = join(folder, `.incoming-${process.pid}-${Date.now()}`);
      writeSynced(temporary, `${JSON.stringify(checked, null, 2)}\n`, 'wx');
      let created = true;
      try {
        linkSync(temporary, target);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        created = false;
      } finally {
        rmSync(temporary, { force: true });
      }
      syncPath(folder);
      return { location: target, created };
    },
  };
}

function readOverlay(path: string, ticker: string): FilingOverlay {
  const text = readInputTextFile(path, { shownAs: path, kind: 'filing overlay' });
  const at = { file: path, line: 1, column: 1 };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw InputError.inFile(at, `not JSON (${(error as Error).message}); move the file aside and fetch again`);
  }
  const parsed = filingOverlaySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw InputError.inFile(at, `${issue.path.join('.')}: ${issue.message}`);
  }
  if (parsed.data.ticker !== ticker) throw InputError.inFile(at, `an overlay of ${parsed.data.ticker}, not ${ticker}`);
  return parsed.data;
}
