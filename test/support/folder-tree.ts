import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every file under `folder` with its text, folders as `name/`: the whole state a reader of the folder can see. */
export function folderTree(folder: string, prefix = ''): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const name of readdirSync(folder).sort()) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) {
      entries[`${prefix}${name}/`] = '';
      Object.assign(entries, folderTree(path, `${prefix}${name}/`));
    } else entries[`${prefix}${name}`] = readFileSync(path, 'utf8');
  }
  return entries;
}
