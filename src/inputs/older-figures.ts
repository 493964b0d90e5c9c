/**
 * Which figures of a company file are older than a run's as-of date (issue 20, "Later as-of dates"). A run later
 * than the file's own date says so per figure, reading each figure's own date — so a share price replaced by a
 * stored close, or a figure from a filing overlay, carries the date it brings and is listed only when that is older:
 *
 * - an annotated figure `{ value, asOf | knownFrom }`: its `asOf` (the day it describes), else its `knownFrom`;
 * - an annotated figure in a section with an `asOf` (the balance sheet): the section's date when it has none;
 * - a list item with `knownFrom` (a debt instrument, a site): that date;
 * - a dated series (`[{ date, value }]`, e.g. the fleet's hashrate): its last point on or before the as-of date;
 * - the key inputs (share price, basic shares, cash, BTC held) with no date of their own: the file's `asOf`.
 *
 * Other undated figures are judgments or standing facts (a pool fee, a site's MW) and are not listed. A run as of
 * the file's date or earlier lists nothing: the file is current by its own word (point-in-time.ts covers earlier).
 */
import type { OlderFigure } from '../schema/older-figures.ts';
import { dayFromIso, isoFromDay, type DayNumber } from '../units/calendar-day.ts';
import type { LoadedCompany } from './loaded-files.ts';

/** Key inputs a valuation reads (src/app/sessions/valuation-session.ts), listed even when undated. */
const KEY_INPUT_PATHS = ['market.sharePriceUsd', 'shares.basic', 'balanceSheet.cashUsd', 'balanceSheet.btcHeld'];

type Dated = Omit<OlderFigure, 'ageDays'>;

/**
 * The figures of the file as it stood on the as-of day (`loaded`, resolved by point-in-time.ts) dated before that
 * day, oldest first; `originalPath` maps a resolved path to the file as written.
 */
export function figuresOlderThanAsOf(
  loaded: LoadedCompany,
  asOfDay: DayNumber,
  originalPath: (path: string) => string = (path) => path,
): OlderFigure[] {
  const asOf = isoFromDay(asOfDay);
  const fileAsOf = loaded.company.asOf;
  if (asOf <= fileAsOf) return [];
  const found = new Map<string, Dated>();
  walk(loaded.company, '', undefined, asOf, found);
  for (const path of KEY_INPUT_PATHS) {
    if (found.has(path)) continue;
    const figure = at(loaded.company, path);
    if (typeof figure === 'number' || isFigure(figure))
      found.set(path, { path, date: fileAsOf, datedBy: 'file asOf', source: sourceOf(figure, loaded.file) });
  }
  return [...found.values()]
    .filter((f) => f.date < asOf)
    .map((f) => ({ ...f, path: originalPath(f.path), ageDays: asOfDay - dayFromIso(f.date) }))
    .sort((a, b) => a.date.localeCompare(b.date) || a.path.localeCompare(b.path));
}

function walk(node: unknown, path: string, sectionAsOf: string | undefined, asOf: string, out: Map<string, Dated>) {
  if (Array.isArray(node)) {
    const points = node.filter(isSeriesPoint);
    if (points.length > 0 && points.length === node.length) {
      const last = points.filter((p) => p.date <= asOf).reduce<SeriesPoint | undefined>(later, undefined);
      if (!last) return;
      const at = `${path}[${points.indexOf(last)}]`;
      out.set(at, { path: at, date: last.date, datedBy: 'series point', source: sourceOf(last) });
      return;
    }
    node.forEach((item, i) => walk(item, `${path}[${i}]`, sectionAsOf, asOf, out));
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  if (isFigure(record)) {
    const own = stringAt(record, 'asOf') ?? stringAt(record, 'knownFrom');
    const date = own ?? sectionAsOf;
    if (date === undefined) return;
    const datedBy = own === undefined ? 'section asOf' : record['asOf'] === own ? 'asOf' : 'knownFrom';
    out.set(path, { path, date, datedBy, source: sourceOf(record) });
    return;
  }
  const knownFrom = path.endsWith(']') ? stringAt(record, 'knownFrom') : undefined;
  if (knownFrom !== undefined) out.set(path, { path, date: knownFrom, datedBy: 'knownFrom', source: sourceOf(record) });
  // A section's own date (the balance sheet's, an item's knownFrom) dates its undated figures; the file's does not.
  const section = path === '' ? undefined : (stringAt(record, 'asOf') ?? knownFrom ?? sectionAsOf);
  for (const [key, value] of Object.entries(record)) walk(value, path ? `${path}.${key}` : key, section, asOf, out);
}

interface SeriesPoint {
  date: string;
  value: number;
  source?: string;
  assumption?: string;
}

/** The later of two points (the first on a tie): written order decides between points of one day. */
function later(last: SeriesPoint | undefined, point: SeriesPoint): SeriesPoint {
  return last && last.date >= point.date ? last : point;
}

function isSeriesPoint(item: unknown): item is SeriesPoint {
  if (item === null || typeof item !== 'object') return false;
  const record = item as Record<string, unknown>;
  return typeof record['date'] === 'string' && typeof record['value'] === 'number';
}

function isFigure(node: unknown): node is Record<string, unknown> {
  return node !== null && typeof node === 'object' && typeof (node as Record<string, unknown>)['value'] === 'number';
}

function stringAt(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' ? value : undefined;
}

function sourceOf(node: unknown, fallback = 'no source given'): string {
  if (node === null || typeof node !== 'object') return fallback;
  const record = node as Record<string, unknown>;
  const source = stringAt(record, 'source');
  if (source !== undefined) return source;
  const assumption = stringAt(record, 'assumption');
  return assumption === undefined ? fallback : `assumption: ${assumption}`;
}

function at(root: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (isRecord(node) ? node[key] : undefined), root);
}

function isRecord(node: unknown): node is Record<string, unknown> {
  return node !== null && typeof node === 'object';
}
