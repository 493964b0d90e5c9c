/** Renders a command's text view: aligned label/value pairs and tables, plain text, deterministic. */
import type { TextSection } from '../app/command.ts';
import type { ResultWarning } from '../schema/result-envelope.ts';

const NUMERIC = /^(?:[-+]?\$?-?[\d,.]+M?[%†‡*]?(?: [A-Za-zµ/]+)*(?: \[.*\])?(?: \(.*\))?|n\/a)$/;

export function renderSections(sections: readonly TextSection[]): string {
  return sections.map(renderSection).join('\n');
}

function renderSection(section: TextSection): string {
  const lines = [section.title, '='.repeat(section.title.length)];
  if (section.kind === 'text') {
    lines.push(section.text);
  } else if (section.kind === 'pairs') {
    const width = Math.max(...section.rows.map(([label]) => label.length));
    for (const [label, value] of section.rows) lines.push(`${label.padEnd(width)}  ${value}`);
  } else {
    const widths = section.columns.map((column, c) =>
      Math.max(column.length, ...section.rows.map((row) => (row[c] ?? '').length)),
    );
    // Numbers line up on the right, words on the left.
    const format = (cells: readonly string[]) =>
      cells
        .map((cell, c) => (c > 0 && NUMERIC.test(cell) ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0)))
        .join('  ')
        .trimEnd();
    lines.push(format(section.columns), widths.map((w) => '-'.repeat(w)).join('  '));
    for (const row of section.rows) lines.push(format(row));
    for (const note of section.notes ?? []) lines.push(note);
  }
  return lines.join('\n') + '\n';
}

export function renderWarnings(warnings: readonly ResultWarning[]): string {
  if (warnings.length === 0) return '';
  return `\nWarnings:\n${warnings.map((warning) => `  - ${warning.message}`).join('\n')}\n`;
}
