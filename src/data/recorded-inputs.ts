/**
 * The inputs of a stored run, served through the same ports as the files on disk: every company, scenario, curve,
 * methodology and reported-figures file is read from the texts recorded with the run and validated as when it was
 * first read. A file the run did not record is an InputError naming it.
 */
import type { RecordedSources, ReplaySource, RunInputs } from '../app/ports/replay-source.ts';
import type { RecordedFile, RecordedFileRole } from '../app/ports/run-store.ts';
import { InputError } from '../schema/input-error.ts';
import { parseCompanyText } from './coverage-files.ts';
import { parseMethodologyText } from './methodology-files.ts';
import { mergeFigures, parseReportedText } from './reported-figure-files.ts';
import { parseForwardCurve, parseScenarioText } from './scenario-files.ts';

export function recordedInputs(): ReplaySource {
  // Parsed once per run: a diff recomputes several states from the same two runs.
  const cache = new WeakMap<RunInputs, RecordedSources>();
  return {
    sourcesOf(run) {
      let sources = cache.get(run);
      if (!sources) cache.set(run, (sources = sourcesOf(run)));
      return sources;
    },
  };
}

/** Memoizes a parse by key (parsed values are not mutated downstream). */
function memo<T>(parse: (key: string) => T): (key: string) => T {
  const parsed = new Map<string, T>();
  return (key) => {
    if (!parsed.has(key)) parsed.set(key, parse(key));
    return parsed.get(key) as T;
  };
}

function sourcesOf(run: RunInputs): RecordedSources {
  const { manifest } = run;
  const short = run.id.slice(0, 12);
  const textOf = (entry: RecordedFile): string => {
    const text = run.texts.get(entry.sha256);
    if (text === undefined)
      throw new Error(
        `run ${short}: the text of ${entry.file} (${entry.sha256.slice(0, 12)}) is missing from the store`,
      );
    return text;
  };
  const entries = (role: RecordedFileRole, request?: string) =>
    manifest.files.filter((f) => f.role === role && (request === undefined || f.request === request));
  const one = (role: RecordedFileRole, request: string, field: string): RecordedFile => {
    const entry = entries(role, request)[0];
    if (!entry) throw InputError.at([field], `run ${short} did not read a ${role} "${request}"`);
    return entry;
  };

  const company = memo((ticker) => {
    const entry = one('company', ticker, 'ticker');
    return parseCompanyText(textOf(entry), entry.file, ticker);
  });
  const scenario = memo((nameOrPath) => {
    const entry = one('scenario', nameOrPath, 'scenario');
    return parseScenarioText(textOf(entry), entry.file, entry.builtIn ?? false);
  });
  const reported = memo((request) =>
    entries('reported', request).map((entry) => parseReportedText(textOf(entry), entry.file)),
  );

  return {
    coverage: {
      async tickers() {
        return manifest.coverage ?? entries('company').map((f) => f.request);
      },
      async load(ticker) {
        return company(ticker);
      },
    },
    scenarios: {
      async list() {
        return entries('scenario').map((entry) => parseScenarioText(textOf(entry), entry.file, entry.builtIn ?? false));
      },
      async load(nameOrPath) {
        return scenario(nameOrPath);
      },
      async readForwardCurve(path, relativeToFile) {
        const entry = entries('curve', path).find((f) => f.relativeTo === (relativeToFile ?? ''));
        if (!entry) throw InputError.at(['scenario'], `run ${short} did not read the forward curve ${path}`);
        return parseForwardCurve(textOf(entry), entry.file);
      },
    },
    methodologies: {
      async list() {
        return entries('methodology').map((entry) =>
          parseMethodologyText(textOf(entry), entry.file, entry.builtIn ?? false),
        );
      },
      async load(nameOrPath) {
        const entry = one('methodology', nameOrPath, 'methodology');
        return parseMethodologyText(textOf(entry), entry.file, entry.builtIn ?? false);
      },
    },
    reported: {
      async embedded() {
        const loaded = reported('embedded');
        return { figures: mergeFigures(loaded.flatMap((l) => l.figures)), files: loaded.flatMap((l) => l.files) };
      },
      async load(path, field) {
        const loaded = reported(path);
        if (loaded.length === 0) throw InputError.at([field], `run ${short} did not read ${path}`);
        return { figures: loaded.flatMap((l) => l.figures), files: loaded.flatMap((l) => l.files) };
      },
    },
  };
}
