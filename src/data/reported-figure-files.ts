/**
 * Reported monthly figures from CSV files: the embedded set is every `.csv` in the package's data/reported/,
 * merged in file-name order (a figure repeated across files must agree).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sha256Hex } from '../app/canonical-json.ts';
import type { LoadedReportedFigures } from '../inputs/loaded-files.ts';
import type { ReportedFiguresSource } from '../app/ports/file-sources.ts';
import { InputError } from '../schema/input-error.ts';
import { parseReportedFigures, type ReportedFigure } from '../schema/reported-figures.ts';
import { packageDataDir } from './embedded-snapshot.ts';
import { readInputTextFile } from './input-text-file.ts';

export function reportedFigureFiles(
  dir: string = join(packageDataDir(), 'reported'),
  shownDir = 'data/reported',
): ReportedFiguresSource {
  let embedded: LoadedReportedFigures | undefined;
  return {
    async embedded() {
      if (!embedded) {
        const names = readdirSync(dir)
          .filter((name) => name.endsWith('.csv'))
          .sort();
        const loaded = names.map((name) => {
          const shownAs = `${shownDir}/${name}`;
          return parseReportedText(
            readInputTextFile(join(dir, name), { shownAs, kind: 'reported-figures file' }),
            shownAs,
          );
        });
        embedded = { figures: mergeFigures(loaded.flatMap((l) => l.figures)), files: loaded.flatMap((l) => l.files) };
      }
      return embedded;
    },
    async load(path, field) {
      return parseReportedText(readInputTextFile(path, { shownAs: path, kind: 'file', field }), path);
    },
  };
}

/** One reported-figures CSV's text, validated; `shownAs` names it in errors. */
export function parseReportedText(text: string, shownAs: string): LoadedReportedFigures {
  return { figures: parseReportedFigures(text, shownAs), files: [{ file: shownAs, sha256: sha256Hex(text), text }] };
}

/** One figure per company, month and metric; the same figure in two files must have the same value. */
export function mergeFigures(figures: ReportedFigure[]): ReportedFigure[] {
  const byKey = new Map<string, ReportedFigure>();
  for (const figure of figures) {
    const key = `${figure.company} ${figure.period} ${figure.metric}`;
    const earlier = byKey.get(key);
    if (!earlier) byKey.set(key, figure);
    else if (earlier.value !== figure.value) {
      throw InputError.inFile(
        { file: figure.file, line: figure.line },
        `${key} is ${figure.value} here but ${earlier.value} in ${earlier.file}:${earlier.line}`,
      );
    }
  }
  return [...byKey.values()];
}
