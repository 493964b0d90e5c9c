/**
 * The coverage universe: one YAML company file per ticker in the package's data/coverage/ (or a folder given),
 * validated against the company schema with every problem at file:line:column.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sha256Hex } from '../app/canonical-json.ts';
import { companyFileSchema } from '../schema/company.ts';
import type { CoverageSource } from '../app/ports/file-sources.ts';
import type { LoadedCompany } from '../inputs/loaded-files.ts';
import { InputError } from '../schema/input-error.ts';
import { parseYamlWithPlainValue } from '../schema/yaml-document.ts';
import { packageDataDir } from './embedded-snapshot.ts';
import { shownName } from './confined-path.ts';
import { readInputTextFile } from './input-text-file.ts';

export function coverageDir(): string {
  return join(packageDataDir(), 'coverage');
}

export function coverageTickers(dir: string = coverageDir()): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => name.replace(/\.yaml$/, ''))
    .sort();
}

export function loadCompany(
  ticker: string,
  dir: string = coverageDir(),
  shownDir = 'data/coverage',
  field = 'ticker',
): LoadedCompany {
  // Found in the folder's listing by name, never joined into a path: nothing outside data/coverage is reached.
  const covered = coverageTickers(dir);
  if (!covered.includes(ticker)) {
    throw InputError.at([field], `no company file for "${shownName(ticker)}"; covered: ${covered.join(', ')}`);
  }
  const shownAs = `${shownDir}/${ticker}.yaml`;
  return parseCompanyText(
    readInputTextFile(join(dir, `${ticker}.yaml`), { shownAs, kind: 'company file' }),
    shownAs,
    ticker,
  );
}

/** A company file's text, validated; `file` names it in errors. */
export function parseCompanyText(text: string, file: string, ticker: string): LoadedCompany {
  const { value: company, plainValue } = parseYamlWithPlainValue(text, file, companyFileSchema);
  if (company.ticker !== ticker)
    throw InputError.inFile(
      { file, line: 1, column: 1 },
      `the file is named ${ticker} but describes ${company.ticker}`,
    );
  return { company, raw: plainValue, file, sha256: sha256Hex(text), text };
}

/** The CoverageSource port over a folder of company files (default: the embedded coverage). */
export function coverageFiles(dir: string = coverageDir(), shownDir = 'data/coverage'): CoverageSource {
  return {
    async tickers() {
      return coverageTickers(dir);
    },
    async load(ticker, field) {
      return loadCompany(ticker, dir, shownDir, field);
    },
  };
}
