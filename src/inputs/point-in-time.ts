/**
 * A company file as it stood on a day: what a run as of that day may use (issue 18, "point-in-time company files").
 * Every list item (a site, an energization step, a lease, a pipeline project, a debt instrument, a dated fleet point,
 * a dilutive security, a thesis point) and every annotated figure may carry `knownFrom`, the day it became public.
 * On an earlier day a list item is left out, and a figure falls back to its `previously` value. A figure public
 * only after the file's own date must give `previously` (an input error otherwise); one public between the run's day
 * and the file's date with no earlier value stands (there is nothing else to use) and is named in the warning, as a
 * file dated after the run is as a whole. The file as written (`raw`) is resolved alongside, and `originalPath` maps
 * a resolved path back to the item as written.
 */
import { InputError } from '../schema/input-error.ts';
import type { ResultWarning } from '../schema/result-envelope.ts';
import { isoFromDay, type DayNumber } from '../units/calendar-day.ts';
import type { LoadedCompany } from './loaded-files.ts';

/** A figure or item the run leaves out because it was not public on the as-of day. */
export interface Withheld {
  path: string;
  knownFrom: string;
  /** What the run did with it. */
  instead: 'left out' | 'previous value' | 'used: no earlier value in the file';
}

export interface PointInTimeCompany {
  loaded: LoadedCompany;
  withheld: Withheld[];
  /** A field path of the resolved file as the path of the same item in the file as written (list items left out
   * shift the indices after them). */
  originalPath(path: string): string;
}

export function companyAsOf(loaded: LoadedCompany, asOfDay: DayNumber): PointInTimeCompany {
  const asOf = isoFromDay(asOfDay);
  const withheld: Withheld[] = [];
  /** For each list that lost items, by its path as written: the written index of each kept item. */
  const keptIndices = new Map<string, number[]>();
  const resolve = (parsed: unknown, raw: unknown, path: string): [unknown, unknown] => {
    if (Array.isArray(parsed)) {
      const rawItems = Array.isArray(raw) ? raw : [];
      const kept: [unknown, unknown][] = [];
      const indices: number[] = [];
      parsed.forEach((item, i) => {
        const itemPath = `${path}[${i}]`;
        const from = knownFromOf(item);
        if (from !== undefined && from > asOf) withheld.push({ path: itemPath, knownFrom: from, instead: 'left out' });
        else {
          kept.push(resolve(item, rawItems[i], itemPath));
          indices.push(i);
        }
      });
      if (indices.length < parsed.length) keptIndices.set(path, indices);
      if (kept.length === parsed.length && kept.every(([p], i) => p === parsed[i])) return [parsed, raw];
      return [kept.map(([p]) => p), kept.map(([, r]) => r)];
    }
    if (parsed === null || typeof parsed !== 'object') return [parsed, raw];
    const record = parsed as Record<string, unknown>;
    const rawRecord = (raw !== null && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    if (typeof record['value'] === 'number') {
      const from = knownFromOf(record);
      if (from === undefined || from <= asOf) return [parsed, raw];
      const previously = record['previously'];
      if (previously === undefined) {
        // A figure public only after the file's own date must say what was public before: otherwise a run as of
        // the file's date would see the future.
        if (from > loaded.company.asOf)
          throw InputError.at(
            [loaded.file, ...path.split(/[.[\]]+/).filter(Boolean)],
            `public on ${from}, after the file's date ${loaded.company.asOf}: give the value public before it ` +
              '(`previously: { value, source }`)',
          );
        // Nothing earlier to use: the figure stands, named in the warning, as every figure of a file dated after
        // the run does (a run before the file's date is warned about as a whole).
        withheld.push({ path, knownFrom: from, instead: 'used: no earlier value in the file' });
        return [parsed, raw];
      }
      withheld.push({ path, knownFrom: from, instead: 'previous value' });
      return resolve(previously, rawRecord['previously'] ?? previously, path);
    }
    let changed = false;
    const out: Record<string, unknown> = {};
    const rawOut: Record<string, unknown> = { ...rawRecord };
    for (const [key, value] of Object.entries(record)) {
      const [p, r] = resolve(value, rawRecord[key], path ? `${path}.${key}` : key);
      out[key] = p;
      if (key in rawRecord) rawOut[key] = r;
      changed ||= p !== value;
    }
    return changed ? [out, rawOut] : [parsed, raw];
  };
  const [company, raw] = resolve(loaded.company, loaded.raw, '');
  const originalPath = (path: string) => {
    if (keptIndices.size === 0) return path;
    // Walk the path, mapping each index of a list that lost items back to the written one.
    let written = '';
    for (const part of path.match(/[^.[\]]+|\[\d+\]/g) ?? []) {
      if (part.startsWith('[')) {
        const index = Number(part.slice(1, -1));
        written += `[${keptIndices.get(written)?.[index] ?? index}]`;
      } else written += written ? `.${part}` : part;
    }
    return written;
  };
  if (withheld.length === 0) return { loaded, withheld, originalPath };
  return { loaded: { ...loaded, company: company as LoadedCompany['company'], raw }, withheld, originalPath };
}

function knownFromOf(item: unknown): string | undefined {
  if (item === null || typeof item !== 'object') return undefined;
  const from = (item as Record<string, unknown>)['knownFrom'];
  return typeof from === 'string' ? from : undefined;
}

/** One warning listing what a run left out, or `undefined` when the file held nothing later than the as-of day. */
export function withheldWarning(ticker: string, withheld: readonly Withheld[]): ResultWarning | undefined {
  if (withheld.length === 0) return undefined;
  const items = withheld.map((w) => `${w.path} (public ${w.knownFrom}: ${w.instead})`).join('; ');
  return {
    code: 'not-yet-public',
    message: `${ticker}: figures and items public only after the as-of date: ${items}.`,
    field: 'knownFrom',
  };
}
