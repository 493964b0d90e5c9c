/**
 * The coverage universe: one YAML company file per ticker in the package's data/coverage/ (or a folder given),
 * validated against the company schema and its cross-field rules with every problem at file:line:column, and dated
 * no later than today: a company file records what was known on its date, so a date to come is a typo (2062 for 2026)
 * that would make every figure look public to every run (issue 19).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sha256Hex } from '../app/canonical-json.ts';
import { parseCompanyYaml } from '../schema/company-rules.ts';
import type { CoverageSource } from '../app/ports/file-sources.ts';
import type { LoadedCompany } from '../inputs/loaded-files.ts';
import { InputError } from '../schema/input-error.ts';
import { throwRuleIssues } from '../schema/yaml-locator.ts';
import { dayFromIso, isoFromDay, type DayNumber } from '../units/calendar-day.ts';
import { packageDataDir } from './embedded-snapshot.ts';
import { shownName } from './confined-path.ts';
import { readInputTextFile } from './input-text-file.ts';
import type { FilingOverlayStore } from '../app/ports/filings.ts';
import { withFilingOverlays } from '../inputs/filing-overlay.ts';
import { overlaysInText, textWithOverlays } from './filing-overlay-text.ts';

export function coverageDir(): string {
  return join(packageDataDir(), 'coverage');
}

export function coverageTickers(dir: string = coverageDir()): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => name.replace(/\.yaml$/, ''))
    .sort();
}

/** A file may be dated a day after today (UTC): the grace of a time zone ahead of UTC. */
const FILE_DATE_GRACE_DAYS = 1;

/** Today's UTC day from the system clock, the default of the rule above. */
function systemToday(): string {
  return new Date().toISOString().slice(0, 10);
}

export function loadCompany(
  ticker: string,
  dir: string = coverageDir(),
  shownDir = 'data/coverage',
  field = 'ticker',
  today: () => string = systemToday,
  overlays?: FilingOverlayStore,
): LoadedCompany {
  // Found in the folder's listing by name, never joined into a path: nothing outside data/coverage is reached.
  const covered = coverageTickers(dir);
  if (!covered.includes(ticker)) {
    throw InputError.at([field], `no company file for "${shownName(ticker)}"; covered: ${covered.join(', ')}`);
  }
  const shownAs = `${shownDir}/${ticker}.yaml`;
  const fileText = readInputTextFile(join(dir, `${ticker}.yaml`), { shownAs, kind: 'company file' });
  return parseCompanyText(textWithOverlays(fileText, overlays?.list(ticker) ?? []), shownAs, ticker, today());
}

/**
 * A company file's text, validated; `file` names it in errors. With `today`, a file dated later is refused (a run
 * replayed from its record was checked on the day it ran). The filing overlays the text carries after the file
 * (src/data/filing-overlay-text.ts) are applied, each public from its filing's date (src/inputs/filing-overlay.ts).
 */
export function parseCompanyText(text: string, file: string, ticker: string, today?: string): LoadedCompany {
  const { company, plainValue } = parseCompanyYaml(text, file);
  if (today !== undefined && company.asOf > isoFromDay((dayFromIso(today) + FILE_DATE_GRACE_DAYS) as DayNumber))
    throwRuleIssues(text, file, [
      {
        path: ['asOf'],
        message:
          `the file is dated ${company.asOf}, after today (${today}, the clock; RERATE_TODAY sets it): ` +
          'a company file records what was known on its date, which cannot be to come',
      },
    ]);
  if (company.ticker !== ticker)
    throw InputError.inFile(
      { file, line: 1, column: 1 },
      `the file is named ${ticker} but describes ${company.ticker}`,
    );
  const loaded = { company, raw: plainValue, file, sha256: sha256Hex(text), text };
  return withFilingOverlays(loaded, overlaysInText(text, file)).loaded;
}

/** The CoverageSource port over a folder of company files (default: the embedded coverage). */
export function coverageFiles(
  dir: string = coverageDir(),
  shownDir = 'data/coverage',
  today: () => string = systemToday,
  overlays?: FilingOverlayStore,
): CoverageSource {
  return {
    async tickers() {
      return coverageTickers(dir);
    },
    async load(ticker, field) {
      return loadCompany(ticker, dir, shownDir, field, today, overlays);
    },
  };
}
