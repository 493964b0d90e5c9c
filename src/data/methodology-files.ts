/** Methodology presets: the built-in ones in the package's data/methodology/ and any YAML file a user names. */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { shownName } from './confined-path.ts';
import { sha256Hex } from '../app/canonical-json.ts';
import type { LoadedMethodology } from '../inputs/loaded-files.ts';
import type { MethodologySource } from '../app/ports/file-sources.ts';
import { InputError } from '../schema/input-error.ts';
import { methodologyFileSchema } from '../schema/methodology.ts';
import { parseYaml } from '../schema/yaml-document.ts';
import { packageDataDir } from './embedded-snapshot.ts';
import { readInputTextFile, type InputFileNaming } from './input-text-file.ts';

export function methodologyFiles(
  dir: string = join(packageDataDir(), 'methodology'),
  cwd: string = process.cwd(),
): MethodologySource {
  const builtInNames = () =>
    readdirSync(dir)
      .filter((name) => name.endsWith('.yaml'))
      .map((name) => name.replace(/\.yaml$/, ''))
      .sort();
  const read = (path: string, shownAs: string, builtIn: boolean): LoadedMethodology => {
    const naming: InputFileNaming = { shownAs, kind: 'methodology file' };
    // A file the user named is refused at the flag that named it; a built-in one names itself.
    if (!builtIn) naming.field = 'methodology';
    return parseMethodologyText(readInputTextFile(path, naming), shownAs, builtIn);
  };
  return {
    async list() {
      return builtInNames().map((name) => read(join(dir, `${name}.yaml`), `data/methodology/${name}.yaml`, true));
    },
    async load(nameOrPath) {
      if (/[/\\]/.test(nameOrPath) || /\.ya?ml$/i.test(nameOrPath)) {
        return read(resolve(cwd, nameOrPath), nameOrPath, false);
      }
      const names = builtInNames();
      if (!names.includes(nameOrPath))
        throw InputError.at(
          ['methodology'],
          `no built-in methodology "${shownName(nameOrPath)}"; built-in: ${names.join(', ')} (or give a .yaml file)`,
        );
      return read(join(dir, `${nameOrPath}.yaml`), `data/methodology/${nameOrPath}.yaml`, true);
    },
  };
}

/** A methodology file's text, validated; `shownAs` names it in errors. */
export function parseMethodologyText(text: string, shownAs: string, builtIn: boolean): LoadedMethodology {
  return {
    methodology: parseYaml(text, shownAs, methodologyFileSchema),
    file: shownAs,
    builtIn,
    sha256: sha256Hex(text),
    text,
  };
}
