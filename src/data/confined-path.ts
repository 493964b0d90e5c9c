/**
 * Names that become file paths (issue 19, "files outside the data reach answers"). A data entry — a ticker, a
 * built-in scenario or methodology — is found by its name in its folder's listing, never by joining the name into a
 * path (src/data/coverage-files.ts and its siblings); a file a data file names (a scenario's forward curve) must lie
 * inside that file's folder, checked on the resolved real path (so `..`, absolute paths and symbolic links out of it
 * are all refused) before anything is read.
 * Refusals quote neither the refused file's content nor more than a bounded, printable form of the name.
 */
import { existsSync, realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { printable } from '../present/printable-text.ts';
import { InputError } from '../schema/input-error.ts';

/** A name from outside as an error may show it: printable, at most 80 characters. */
export function shownName(name: string): string {
  return printable(name, 80);
}

/**
 * The real path of `path` (relative to `folder`) if it lies inside `folder`, else an input error at `field`. Absolute
 * paths and `..` are refused outright; a symbolic link is followed and must still end inside the folder.
 */
export function pathInside(folder: string, path: string, field: string, what: string): string {
  const refuse = (why: string) => {
    throw InputError.at([field], `${what} "${shownName(path)}" is refused: ${why}`);
  };
  if (path.includes('\u0000')) refuse('a file name has no NUL character');
  if (isAbsolute(path) || /^[a-zA-Z]:/.test(path)) refuse('give a path relative to the file that names it');
  if (path.split(/[/\\]/).includes('..')) refuse('it may not leave the folder of the file that names it (no "..")');
  const realFolder = realpathSync(folder);
  const full = resolve(realFolder, path);
  const real = existsSync(full) ? realpathSync(full) : full;
  const inside = relative(realFolder, real);
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside))
    refuse('it resolves outside the folder of the file that names it');
  return real;
}
