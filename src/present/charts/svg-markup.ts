/**
 * SVG markup as strings, with no DOM: escaped text, elements with attributes in the order given, coordinates rounded
 * to 0.01 px, and text measured and wrapped by an average glyph width (no font metrics: the font is a generic
 * sans-serif). Pure: the same arguments always give the same string.
 */
import { COLOR } from './palette.ts';

/** Average glyph width of a generic sans-serif as a share of the font size: enough to lay out labels. */
export const CHAR_WIDTH = 0.56;

/** Default distance between the lines of a multi-line text element, px. */
export const LINE_HEIGHT_PX = 13;

/** Wrapping never makes lines narrower than this many characters. */
const MIN_WRAP_CHARS = 3;

/** Width of the white halo behind text, px. */
const HALO_WIDTH_PX = 3;

/** White halo behind text that sits on lines or colour. */
export const HALO = {
  stroke: COLOR.background,
  'stroke-width': HALO_WIDTH_PX,
  'stroke-linejoin': 'round',
  'paint-order': 'stroke',
} as const;

/** Text for XML character data and attribute values: & < > " ' escaped, characters XML forbids dropped. */
export function escapeXml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

/** Coordinates rounded to 0.01 px, never `-0`. */
export function px(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

/** An attribute value: numbers are written as px(); undefined leaves the attribute out. */
export type AttributeValue = string | number | undefined;

/** An element, self-closing without `content`; `content` is markup, inserted as is. */
export function element(name: string, attributes: Record<string, AttributeValue>, content?: string): string {
  const parts = [name];
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    parts.push(`${key}="${typeof value === 'number' ? px(value) : escapeXml(value)}"`);
  }
  return content === undefined ? `<${parts.join(' ')}/>` : `<${parts.join(' ')}>${content}</${name}>`;
}

/** A text element; `lines` become tspans one line-height (px) apart. */
export function text(
  attributes: Record<string, AttributeValue>,
  lines: string | string[],
  lineHeight = LINE_HEIGHT_PX,
): string {
  const list = typeof lines === 'string' ? [lines] : lines;
  if (list.length === 1) return element('text', attributes, escapeXml(list[0] as string));
  const x = attributes.x;
  const spans = list
    .map((line, i) => element('tspan', { x, dy: i === 0 ? undefined : lineHeight }, escapeXml(line)))
    .join('');
  return element('text', attributes, spans);
}

/** Estimated width of `label` at `fontSize` px, in px. */
export function textWidth(label: string, fontSize: number): number {
  return label.length * fontSize * CHAR_WIDTH;
}

/** Word wrap to at most `maxLines` lines of `maxChars`; the last line ends in … when text is left over. */
export function wrap(label: string, maxChars: number, maxLines: number): string[] {
  const limit = Math.max(MIN_WRAP_CHARS, Math.floor(maxChars));
  const words = label.split(/\s+/).filter((w) => w.length > 0);
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    const candidate = current === '' ? word : `${current} ${word}`;
    if (candidate.length <= limit || current === '') current = candidate;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current !== '') lines.push(current);
  const cut = lines.slice(0, maxLines).map((line) => (line.length > limit ? `${line.slice(0, limit - 1)}…` : line));
  if (lines.length > maxLines) {
    const last = cut[maxLines - 1] as string;
    cut[maxLines - 1] = last.length >= limit ? `${last.slice(0, limit - 1)}…` : `${last}…`;
  }
  return cut.length > 0 ? cut : [''];
}
