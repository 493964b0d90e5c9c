/**
 * Where each number of a company file comes from. A figure written as `{ value, source }` is sourced and as
 * `{ value, assumption }` an assumption; a bare number takes the `source` or `assumption` of the nearest object
 * around it (a site's, a lease's, a debt instrument's), and is unlabelled when there is none. Coverage files must
 * have no unlabelled figure.
 */

export type ProvenanceKind = 'sourced' | 'assumption' | 'unlabelled';

export interface FigureProvenance {
  /** Field path, e.g. `sites[2].grossMw` or `fleet.hashrateEhs[0].value`. */
  path: string;
  value: number;
  kind: ProvenanceKind;
  /** The citation or the assumption's rationale. */
  note: string;
  asOf?: string;
  /** When the figure became public, where the file says. */
  knownFrom?: string;
}

/** The keys of an annotated figure `{ value, source | assumption, asOf, knownFrom, previously }`. */
const FIGURE_KEYS = new Set(['value', 'source', 'asOf', 'assumption', 'knownFrom', 'previously']);
/** Keys that annotate the object they sit in rather than hold a figure. */
const ANNOTATIONS = new Set(['source', 'assumption', 'asOf', 'knownFrom']);

interface Label {
  kind: ProvenanceKind;
  note: string;
}

export function figureProvenance(company: unknown): FigureProvenance[] {
  const figures: FigureProvenance[] = [];
  walk(company, '', { kind: 'unlabelled', note: '' }, figures);
  return figures;
}

/**
 * Numbers that are settings of the schema itself rather than figures about the company: a lease's `rampMonths` (how
 * the model phases rent in) and an interconnection allocation's `year` (a key, not a quantity).
 */
const NOT_FIGURES = new Set(['rampMonths', 'year']);

/** What `rerate coverage list` counts as a figure, and as sourced (issue 21). */
export const COMPLETENESS_DEFINITION =
  "figures = the leaf numbers of the company file (bare or { value }; a figure's `previously` value is not counted " +
  'again), excluding rampMonths and year (settings of the schema, not facts) and every non-numeric value (dates, ' +
  "names, stages, terms); sourced = a figure with a citation of its own or of the object around it (a site's, a " +
  "lease's, an instrument's); completeness = sourced ÷ figures";

export interface Completeness {
  figures: number;
  sourced: number;
  assumed: number;
  unlabelled: number;
  /** Sourced ÷ figures, percent (0 for a file without figures). */
  sourcedPct: number;
}

/** How many of a file's figures are sourced, assumed or neither. */
export function completenessOf(figures: readonly FigureProvenance[]): Completeness {
  const count = (kind: ProvenanceKind) => figures.filter((f) => f.kind === kind).length;
  const sourced = count('sourced');
  return {
    figures: figures.length,
    sourced,
    assumed: count('assumption'),
    unlabelled: count('unlabelled'),
    sourcedPct: figures.length === 0 ? 0 : (sourced / figures.length) * 100,
  };
}

function walk(node: unknown, path: string, inherited: Label, out: FigureProvenance[]): void {
  if (typeof node === 'number') {
    const key = path.split('.').pop() ?? '';
    if (!NOT_FIGURES.has(key)) out.push({ path, value: node, kind: inherited.kind, note: inherited.note });
    return;
  }
  if (Array.isArray(node)) {
    node.forEach((item, index) => walk(item, `${path}[${index}]`, inherited, out));
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  const label = labelOf(record) ?? inherited;
  if (typeof record['value'] === 'number' && Object.keys(record).every((key) => FIGURE_KEYS.has(key))) {
    const figure: FigureProvenance = { path, value: record['value'], kind: label.kind, note: label.note };
    if (typeof record['asOf'] === 'string') figure.asOf = record['asOf'];
    if (typeof record['knownFrom'] === 'string') figure.knownFrom = record['knownFrom'];
    out.push(figure);
    return;
  }
  for (const [key, value] of Object.entries(record)) {
    if (ANNOTATIONS.has(key)) continue;
    walk(value, path ? `${path}.${key}` : key, label, out);
  }
}

function labelOf(record: Record<string, unknown>): Label | undefined {
  if (typeof record['assumption'] === 'string') return { kind: 'assumption', note: record['assumption'] };
  if (typeof record['source'] === 'string') return { kind: 'sourced', note: record['source'] };
  return undefined;
}

/** The `assumed` notes of sourced objects: which of their non-numeric values (dates, terms) are assumptions. */
export function assumedNotes(node: unknown, path = ''): { path: string; note: string }[] {
  if (Array.isArray(node)) return node.flatMap((item, index) => assumedNotes(item, `${path}[${index}]`));
  if (node === null || typeof node !== 'object') return [];
  const record = node as Record<string, unknown>;
  const own = typeof record['assumed'] === 'string' ? [{ path, note: record['assumed'] }] : [];
  return [
    ...own,
    ...Object.entries(record).flatMap(([key, value]) =>
      key === 'assumed' ? [] : assumedNotes(value, path ? `${path}.${key}` : key),
    ),
  ];
}
