/**
 * Scenario files: the built-in ones in the package's data/scenarios/ and any YAML file a user names, plus the
 * forward-curve CSVs they may point to. Everything read is validated and located (file:line:column) on error.
 */
import { readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { sha256Hex } from '../app/canonical-json.ts';
import type { LoadedScenario } from '../inputs/loaded-files.ts';
import type { ScenarioSource } from '../app/ports/file-sources.ts';
import { BTC_PRICE_USD, formatLimit, GENESIS_DAY, LAST_INPUT_DAY } from '../schema/bounds.ts';
import { readCsvTable } from '../schema/csv-table.ts';
import { InputError } from '../schema/input-error.ts';
import { scenarioFileSchema } from '../schema/scenario.ts';
import { parseYaml } from '../schema/yaml-document.ts';
import { parseIsoDay } from '../units/calendar-day.ts';
import { packageDataDir } from './embedded-snapshot.ts';
import { pathInside, shownName } from './confined-path.ts';
import { readInputTextFile, type InputFileNaming } from './input-text-file.ts';

export function scenarioFiles(
  scenarioDir: string = join(packageDataDir(), 'scenarios'),
  cwd: string = process.cwd(),
): ScenarioSource {
  const builtInNames = () =>
    readdirSync(scenarioDir)
      .filter((name) => name.endsWith('.yaml'))
      .map((name) => name.replace(/\.yaml$/, ''))
      .sort();

  const readScenario = (path: string, shownAs: string, builtIn: boolean): LoadedScenario => {
    const naming: InputFileNaming = { shownAs, kind: 'scenario file' };
    // A file the user named is refused at the flag that named it; a built-in one names itself.
    if (!builtIn) naming.field = 'scenario';
    return parseScenarioText(readInputTextFile(path, naming), shownAs, builtIn);
  };

  return {
    async list() {
      return builtInNames().map((name) =>
        readScenario(join(scenarioDir, `${name}.yaml`), `data/scenarios/${name}.yaml`, true),
      );
    },
    async load(nameOrPath) {
      const looksLikePath = /[/\\]/.test(nameOrPath) || /\.ya?ml$/i.test(nameOrPath);
      if (looksLikePath) {
        return readScenario(resolve(cwd, nameOrPath), nameOrPath, false);
      }
      const names = builtInNames();
      if (!names.includes(nameOrPath)) {
        throw InputError.at(
          ['scenario'],
          `no built-in scenario "${shownName(nameOrPath)}"; built-in: ${names.join(', ')} (or give a .yaml file)`,
        );
      }
      return readScenario(join(scenarioDir, `${nameOrPath}.yaml`), `data/scenarios/${nameOrPath}.yaml`, true);
    },
    async readForwardCurve(path, relativeToFile) {
      // A curve a scenario file names lies in that file's folder (issue 19): never an absolute path or "..".
      const fullPath = relativeToFile
        ? pathInside(dirname(resolve(cwd, relativeToFile)), path, 'scenario', 'price.curve')
        : resolve(cwd, path);
      const relativePath = relative(cwd, fullPath);
      const shownAs = relativePath.startsWith('..') ? fullPath : relativePath;
      const naming: InputFileNaming = { shownAs, kind: 'forward-curve file', field: 'scenario', key: 'price.curve' };
      if (relativeToFile) naming.namedIn = relativeToFile;
      return parseForwardCurve(readInputTextFile(fullPath, naming), shownAs);
    },
  };
}

/** A scenario file's text, validated; `shownAs` names it in errors. */
export function parseScenarioText(text: string, shownAs: string, builtIn: boolean): LoadedScenario {
  return {
    scenario: parseYaml(text, shownAs, scenarioFileSchema),
    file: shownAs,
    builtIn,
    sha256: sha256Hex(text),
    text,
  };
}

/** A forward curve (`date,usd`, dates increasing), validated; `shownAs` names it in errors. */
export function parseForwardCurve(
  text: string,
  shownAs: string,
): Awaited<ReturnType<ScenarioSource['readForwardCurve']>> {
  const table = readCsvTable(text, shownAs, [
    { name: 'date', kind: 'date' },
    { name: 'usd', kind: 'number', min: BTC_PRICE_USD.min },
  ]);
  const dates = table.texts['date'] as string[];
  const prices = table.numbers['usd'] as Float64Array;
  const points = dates.map((date, row) => {
    if (parseIsoDay(date) === undefined) {
      throw InputError.inFile(
        { file: shownAs, line: table.lineOfRow(row), column: 1 },
        `"${date}" is not a calendar date`,
      );
    }
    if (date < GENESIS_DAY || date > LAST_INPUT_DAY)
      throw InputError.inFile(
        { file: shownAs, line: table.lineOfRow(row), column: 1 },
        `${date} is outside ${GENESIS_DAY} (the genesis block) to ${LAST_INPUT_DAY}`,
      );
    const usd = prices[row] as number;
    if (usd > BTC_PRICE_USD.max)
      throw InputError.inFile(
        { file: shownAs, line: table.lineOfRow(row), column: table.columnOf(row, 'usd') },
        `column "usd": at most ${formatLimit(BTC_PRICE_USD.max)} USD: ${BTC_PRICE_USD.reason}`,
      );
    if (row > 0 && date <= (dates[row - 1] as string)) {
      throw InputError.inFile({ file: shownAs, line: table.lineOfRow(row), column: 1 }, 'dates must increase');
    }
    return { date, usd: prices[row] as number };
  });
  if (points.length === 0) throw InputError.inFile({ file: shownAs, line: 2, column: 1 }, 'the curve has no points');
  return { file: shownAs, sha256: sha256Hex(text), text, points };
}
