/**
 * The note as one self-contained HTML page: inline CSS and SVG charts, no script and no external resource, so it
 * opens offline, prints to PDF as it shows, and can be mailed as one file. Each top-level section starts a new
 * printed page.
 */
import type { NoteBlock, NoteDocument } from '../present/note/note-document.ts';
import { renderChartSvg } from '../present/charts/render-chart.ts';

const STYLE =
  `
  body { font-family: "Helvetica Neue", Arial, sans-serif; font-size: 10.5pt; color: #1a1a1a; max-width: 60rem; ` +
  `margin: 2rem auto; padding: 0 1.5rem; line-height: 1.4; }
  header h1 { font-size: 20pt; margin-bottom: 0.2rem; }
  header p { color: #555; margin-top: 0; }
  h2 { font-size: 15pt; border-bottom: 2px solid #0b3d91; padding-bottom: 0.2rem; margin-top: 2rem; }
  h3 { font-size: 12pt; margin-top: 1.2rem; }
  h2, h3, h4, caption { break-after: avoid; }
  table { border-collapse: collapse; width: 100%; margin: 0.5rem 0; font-size: 9pt; }
  caption { text-align: left; font-weight: 600; padding-bottom: 0.3rem; }
  th, td { border-bottom: 1px solid #ddd; padding: 0.25rem 0.4rem; vertical-align: top; overflow-wrap: anywhere; }
  td:first-child, th:first-child { white-space: nowrap; }
  th { background: #f2f4f8; text-align: left; }
  td.right, th.right { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; ` +
  `overflow-wrap: normal; }
  th { overflow-wrap: normal; }
  .notes { font-size: 8.5pt; color: #555; margin: 0.2rem 0 0.8rem; }
  figure { margin: 0.8rem 0; break-inside: avoid; }
  figure svg { max-width: 100%; height: auto; }
  figcaption { font-size: 8.5pt; color: #555; }
  .warnings li { font-size: 8.5pt; }
  .warnings code { color: #8a4b00; }
  @media print { body { margin: 0; max-width: none; } h2 { break-before: page; } ` +
  `h2:first-of-type { break-before: auto; } table, tr { break-inside: avoid; } }
`;

export function noteHtml(note: NoteDocument): string {
  const body = note.blocks.map(blockHtml).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(note.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>${escape(note.title)}</h1><p>${escape(note.subtitle)}</p></header>
<main>
${body}
</main>
</body>
</html>
`;
}

function blockHtml(block: NoteBlock): string {
  switch (block.kind) {
    case 'heading': {
      const tag = `h${block.level + 1}`;
      return `<${tag}${block.id ? ` id="${escape(block.id)}"` : ''}>${escape(block.text)}</${tag}>`;
    }
    case 'paragraph':
      return `<p>${escape(block.text)}</p>`;
    case 'list':
      return `<ul>${block.items.map((item) => `<li>${escape(item)}</li>`).join('')}</ul>`;
    case 'table': {
      const align = (index: number) => (block.columns[index]?.align === 'right' ? ' class="right"' : '');
      const head = block.columns.map((column, index) => `<th${align(index)}>${escape(column.label)}</th>`).join('');
      const rows = block.rows
        .map((row) => `<tr>${row.map((value, index) => `<td${align(index)}>${escape(value)}</td>`).join('')}</tr>`)
        .join('\n');
      const notes = (block.notes ?? []).map((note) => `<p class="notes">${escape(note)}</p>`).join('');
      return (
        `<table><caption>${escape(block.caption)}</caption><thead><tr>${head}</tr></thead>` +
        `<tbody>\n${rows}\n</tbody></table>${notes}`
      );
    }
    case 'chart':
      return (
        `<figure id="figure-${escape(block.chart.id)}">${renderChartSvg(block.chart)}` +
        `${block.caption ? `<figcaption>${escape(block.caption)}</figcaption>` : ''}</figure>`
      );
    case 'warnings':
      return (
        `<section class="warnings"><h4>${escape(block.title)}</h4>` +
        (block.items.length === 0
          ? '<p>None.</p>'
          : '<ul>' +
            block.items.map((item) => `<li><code>${escape(item.code)}</code> ${escape(item.message)}</li>`).join('') +
            '</ul>') +
        '</section>'
      );
  }
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
