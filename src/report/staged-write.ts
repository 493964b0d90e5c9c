/**
 * Writing files the user names (a note and its charts folder, an export) so that a crash at any point leaves each
 * target as it was or complete, and leaves no debris once the next write into the same folder starts (issue 19).
 *
 * A write stages everything in one hidden folder beside its targets, `.<label>.rerate-staging-<pid>-<token>` (a
 * rename is atomic only within one file system, so the staging cannot go to the system's temporary folder), the new
 * entries in its `new/`. Once all is written and synced, `moves.json` — which new entry replaces which target, in
 * order — is written whole and renamed into the staging folder: that is the commit point. The moves are then applied
 * (a file is renamed over its target; a folder's old copy is first moved into the staging folder as `previous-<i>`)
 * and the staging folder removed.
 *
 * Before a write, staging folders in the same folder whose process is gone are settled, as a database replays its
 * log: a committed one (it has `moves.json`) is carried forward, each staged entry still there moved into place; an
 * uncommitted one is removed with everything in it. A staging folder of a live process, this one included, is left
 * alone (a process id reused since is taken as live: the folder stays until a later write).
 */
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  type Stats,
} from 'node:fs';
import { join } from 'node:path';
import { processIsLive } from '../data/process-is-live.ts';
import { syncPath } from '../data/durable-files.ts';

/** `<pid>` of a staging folder's name. */
const STAGING_NAME = /^\..*\.rerate-staging-(\d+)-[0-9a-f]{12}$/;
/**
 * `<pid>` of the temporaries written by versions before staged writes (`note-charts.incoming-<pid>`,
 * `note.md.incoming-<pid>`, `.<name>.<pid>-<hex>.tmp`, `.<name>.<pid>.<hex>.tmp`): never committed, so removed.
 */
const EARLIER_TEMPORARY = /^(?:.+\.incoming-(\d+)|\..+\.(\d+)[.-][0-9a-f]{8,12}\.tmp)$/;
const MOVES_FILE = 'moves.json';
/** The staged entries' folder inside the staging folder (apart from the moves file and the old copies). */
const NEW_ENTRIES = 'new';
/** Labels are cut to this many characters, so the staging folder's name stays within NAME_MAX (255). */
const LABEL_CHARACTERS = 100;

/** A staged entry (a name in the staging's `new/`) and the target it replaces (a name in the folder written to). */
export interface StagedMove {
  staged: string;
  target: string;
}

export interface StagedWrite {
  /** The path of the staged entry `name`, for a writer that writes it itself. */
  path(name: string): string;
  /** Writes a staged file (`name` may be `folder/file` inside a staged folder) and returns its path. */
  writeFile(name: string, data: string | Uint8Array): string;
  /** Makes a staged folder and returns its path. */
  makeFolder(name: string): string;
}

/**
 * Runs `write` against a new staging folder in `folder` (labelled `label`, e.g. the target's name), then commits the
 * moves it returns. A failure before the commit point removes the staging folder and leaves every target untouched;
 * one after it (rare: the targets are checked first) leaves the staging folder for the next write to finish.
 */
export async function writeStaged(
  folder: string,
  label: string,
  write: (staging: StagedWrite) => Promise<StagedMove[]> | StagedMove[],
): Promise<void> {
  settleAbandonedWrites(folder);
  const staging = join(folder, `.${label.slice(0, LABEL_CHARACTERS)}.rerate-staging-${process.pid}-${token()}`);
  mkdirSync(staging);
  const entries = join(staging, NEW_ENTRIES);
  let committed = false;
  try {
    mkdirSync(entries);
    const moves = await write({
      path: (name) => join(entries, name),
      writeFile(name, data) {
        writeFileSync(join(entries, name), data, { flag: 'wx' });
        return join(entries, name);
      },
      makeFolder(name) {
        mkdirSync(join(entries, name));
        return join(entries, name);
      },
    });
    for (const move of moves) checkMove(entries, folder, move);
    for (const move of moves) syncTree(join(entries, move.staged));
    syncPath(entries);
    syncPath(staging);
    writeFileSync(join(staging, `${MOVES_FILE}.incoming`), JSON.stringify(moves), { flag: 'wx' });
    syncPath(join(staging, `${MOVES_FILE}.incoming`));
    renameSync(join(staging, `${MOVES_FILE}.incoming`), join(staging, MOVES_FILE));
    syncPath(staging);
    committed = true;
    applyMoves(staging, folder, moves);
    syncPath(folder);
    rmSync(staging, { recursive: true, force: true });
  } catch (error) {
    if (!committed) rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Settles the staging folders in `folder` left by processes that are gone: committed ones are carried forward,
 * the others removed, as are an earlier version's temporaries. Returns the names settled.
 */
export function settleAbandonedWrites(folder: string): string[] {
  if (!existsSync(folder)) return [];
  const settled: string[] = [];
  for (const name of readdirSync(folder)) {
    const earlier = EARLIER_TEMPORARY.exec(name);
    if (earlier && !processIsLive(Number(earlier[1] ?? earlier[2]))) {
      rmSync(join(folder, name), { recursive: true, force: true });
      settled.push(name);
      continue;
    }
    const match = STAGING_NAME.exec(name);
    if (!match || processIsLive(Number(match[1]))) continue;
    const staging = join(folder, name);
    if (!lstatSync(staging).isDirectory()) continue;
    const moves = committedMoves(staging);
    if (moves) applyMoves(staging, folder, moves);
    rmSync(staging, { recursive: true, force: true });
    settled.push(name);
  }
  return settled;
}

/** Refuses, before the commit point, a move that could not be applied: a file over a folder or the reverse. */
function checkMove(entries: string, folder: string, move: StagedMove): void {
  if (!isPlainName(move.target) || !isPlainName(move.staged))
    throw new Error(`internal error: a staged move must name entries of the folder (${JSON.stringify(move)})`);
  const staged = lstatSync(join(entries, move.staged));
  const target = statOf(join(folder, move.target));
  if (target && target.isDirectory() !== staged.isDirectory())
    throw new Error(`${join(folder, move.target)} is ${target.isDirectory() ? 'a folder' : 'not a folder'}`);
}

/** Moves each staged entry still in the staging folder over its target, in order (a folder's old copy aside first). */
function applyMoves(staging: string, folder: string, moves: readonly StagedMove[]): void {
  moves.forEach((move, index) => {
    const staged = join(staging, NEW_ENTRIES, move.staged);
    if (!existsSync(staged)) return; // moved before the crash
    const target = join(folder, move.target);
    if (lstatSync(staged).isDirectory() && statOf(target)?.isDirectory()) {
      const aside = join(staging, `previous-${index}`);
      // An old copy already aside means the target there now is nothing of ours to keep.
      if (existsSync(aside)) rmSync(target, { recursive: true, force: true });
      else renameSync(target, aside);
    }
    renameSync(staged, target);
  });
}

/** The moves a committed staging folder records, or undefined when it was not committed (or they are not ours). */
function committedMoves(staging: string): StagedMove[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(join(staging, MOVES_FILE), 'utf8'));
  } catch {
    return undefined;
  }
  const valid =
    Array.isArray(parsed) &&
    parsed.every(
      (move: unknown) =>
        typeof move === 'object' &&
        move !== null &&
        isPlainName((move as StagedMove).staged) &&
        isPlainName((move as StagedMove).target),
    );
  return valid ? (parsed as StagedMove[]) : undefined;
}

/** A name of an entry in a folder: no separator, not `.` or `..` (what a moves file names can never leave it). */
function isPlainName(name: unknown): boolean {
  return typeof name === 'string' && name !== '' && name !== '.' && name !== '..' && !/[/\\\0]/.test(name);
}

function statOf(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

/** Flushes a file, or a folder with every file in it, to disk (a rename is durable once its folder is synced). */
function syncTree(path: string): void {
  if (lstatSync(path).isDirectory()) for (const name of readdirSync(path)) syncTree(join(path, name));
  syncPath(path);
}

function token(): string {
  return randomBytes(6).toString('hex');
}
