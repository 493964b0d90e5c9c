/**
 * The research note as a document (DESIGN.md §10): headings, text, tables, charts and warnings, built from command
 * results in src/app and written as Markdown, HTML or PDF by src/report. Text is plain: renderers escape it.
 */
import type { ChartSpec } from '../charts/chart-spec.ts';

export type NoteBlock =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string; id?: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | {
      kind: 'table';
      caption: string;
      columns: { label: string; align: 'left' | 'right' }[];
      rows: string[][];
      notes?: string[];
    }
  | { kind: 'chart'; chart: ChartSpec; caption?: string }
  | { kind: 'warnings'; title: string; items: { code: string; message: string }[] };

export interface NoteDocument {
  title: string;
  subtitle: string;
  /** The day the note describes (YYYY-MM-DD). */
  asOf: string;
  blocks: NoteBlock[];
}
