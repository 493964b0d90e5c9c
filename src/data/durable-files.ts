/**
 * Writes that survive a crash or a power cut (POSIX): a file's bytes are on disk once the file is synced, and a new,
 * renamed or linked entry once its folder is synced too. Shared by the local data store, the filing overlays and the
 * staged writes of notes and exports.
 */
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';

/** Flushes a file or a folder (its entries) to disk. */
export function syncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Writes `text` to `file` and flushes it; `flag` 'wx' refuses a file that exists. */
export function writeSynced(file: string, text: string, flag: 'w' | 'wx' = 'w'): void {
  const fd = openSync(file, flag);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
