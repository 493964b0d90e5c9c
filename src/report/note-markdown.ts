/**
 * The note as Markdown (GitHub-flavoured tables). Charts are SVG files in a folder beside the note, linked by a
 * relative path, so the Markdown stays readable as text and renders with its charts on GitHub or in an editor.
 */
import type { NoteBlock, NoteDocument } from '../present/note/note-document.ts';

/** The Markdown text, with chart links `<chartsFolder>/<chart id>.svg`. */
export function noteMarkdown(note: NoteDocument, chartsFolder: string): string {
  const lines: string[] = [`# ${inline(note.title)}`, '', `*${inline(note.subtitle)}*`, ''];
  for (const block of note.blocks) lines.push(...blockLines(block, chartsFolder), '');
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

function blockLines(block: NoteBlock, chartsFolder: string): string[] {
  switch (block.kind) {
    case 'heading':
      return [`${'#'.repeat(block.level + 1)} ${inline(block.text)}`];
    case 'paragraph':
      return [inline(block.text)];
    case 'list':
      return block.items.map((item) => `- ${inline(item)}`);
    case 'table': {
      const header = `| ${block.columns.map((column) => cell(column.label)).join(' | ')} |`;
      const rule = `| ${block.columns.map((column) => (column.align === 'right' ? '---:' : ':---')).join(' | ')} |`;
      const rows = block.rows.map((row) => `| ${row.map(cell).join(' | ')} |`);
      return [
        `**${inline(block.caption)}**`,
        '',
        header,
        rule,
        ...rows,
        ...(block.notes ?? []).flatMap((note) => ['', `*${inline(note)}*`]),
      ];
    }
    case 'chart':
      return [
        `![${inline(block.chart.title)}](${chartsFolder}/${block.chart.id}.svg)`,
        ...(block.caption ? ['', `*${inline(block.caption)}*`] : []),
      ];
    case 'warnings':
      return [
        `**${inline(block.title)}**`,
        '',
        ...(block.items.length === 0
          ? ['None.']
          : block.items.map((item) => `- \`${item.code}\`: ${inline(item.message)}`)),
      ];
  }
}

/** Text in a paragraph or list: characters Markdown would read as markup are escaped. */
function inline(text: string): string {
  // Line breaks would start new blocks; `&name;` would render as an entity.
  return text
    .replace(/\r?\n|\r/g, ' ')
    .replace(/([\\`*_[\]<>])/g, '\\$1')
    .replace(/&(?=#?[a-zA-Z0-9]+;)/g, '\\&');
}

/** Text in a table cell: also the pipe, and no line breaks. */
function cell(text: string): string {
  return inline(text).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
