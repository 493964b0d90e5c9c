/**
 * The frame every chart shares: the svg root with its accessible name and description, a white background, the
 * visible title (wrapped to two lines) and subtitle, and the "No data" placeholder. A chart kind opens a frame, pushes
 * its parts below `frame.top` and closes it into the SVG text.
 */
import type { ChartSpec } from './chart-spec.ts';
import { COLOR } from './palette.ts';
import { CHAR_WIDTH, element, escapeXml, px, text, wrap } from './svg-markup.ts';

export interface ChartSvgOptions {
  /** Pixels; default 720. */
  width?: number;
  /** Pixels; default 400 for waterfalls, 360 for lines, fitted to the rows for heatmaps. */
  height?: number;
}

/** Chart width when the options give none, px. */
export const DEFAULT_WIDTH_PX = 720;
/** Inset of the title, subtitle and legends from the chart's left and right edges, px. */
export const EDGE_PX = 12;
/** Tick labels on every axis, px. */
export const TICK_FONT_PX = 11;
/** Axis titles, px. */
export const AXIS_TITLE_FONT_PX = 11.5;
/** Legend entries, px. */
export const LEGEND_FONT_PX = 11;

const FONT_FAMILY = 'sans-serif';
/** The root font size, inherited by text that sets none, px. */
const BASE_FONT_PX = 12;
/** The title: font size, the first line's baseline from the top, the distance between its lines, px. */
const TITLE_FONT_PX = 15;
const TITLE_BASELINE_PX = 22;
const TITLE_LINE_HEIGHT_PX = 18;
/** Longer titles are cut to this many lines, ending in …. */
const TITLE_MAX_LINES = 2;
const SUBTITLE_FONT_PX = 11.5;
/** From the subtitle's baseline to the top of what follows (`frame.top`), px. */
const SUBTITLE_GAP_PX = 10;

export interface Frame {
  width: number;
  height: number;
  /** y below the title block. */
  top: number;
  parts: string[];
}

/** The id of the svg root (and the prefix of the ids inside it): `chart-` and the spec id with safe characters only. */
export function safeId(id: string): string {
  const cleaned = id.replace(/[^A-Za-z0-9_-]/g, '-');
  return `chart-${cleaned === '' ? 'x' : cleaned}`;
}

/** The title's lines, the subtitle's baseline and the y below the title block (`frame.top`) for a chart width. */
export function titleBlock(title: string, width: number): { lines: string[]; subtitleY: number; top: number } {
  const lines = wrap(title, (width - 2 * EDGE_PX) / (TITLE_FONT_PX * CHAR_WIDTH), TITLE_MAX_LINES);
  const subtitleY = TITLE_BASELINE_PX + lines.length * TITLE_LINE_HEIGHT_PX;
  return { lines, subtitleY, top: subtitleY + SUBTITLE_GAP_PX };
}

/** The svg root, background, accessible name and the visible title and subtitle. */
export function openFrame(
  spec: ChartSpec,
  width: number,
  height: number,
  subtitle: string,
  description: string,
): Frame {
  const id = safeId(spec.id);
  const block = titleBlock(spec.title, width);
  const parts = [
    element('title', { id: `${id}-title` }, escapeXml(spec.title)),
    element('desc', { id: `${id}-desc` }, escapeXml(description)),
    element('rect', { class: 'background', x: 0, y: 0, width, height, fill: COLOR.background }),
    text(
      {
        class: 'chart-title',
        x: EDGE_PX,
        y: TITLE_BASELINE_PX,
        'font-size': TITLE_FONT_PX,
        'font-weight': 'bold',
        fill: COLOR.text,
      },
      block.lines,
      TITLE_LINE_HEIGHT_PX,
    ),
  ];
  parts.push(
    text(
      { class: 'chart-subtitle', x: EDGE_PX, y: block.subtitleY, 'font-size': SUBTITLE_FONT_PX, fill: COLOR.muted },
      subtitle,
    ),
  );
  return { width, height, top: block.top, parts };
}

/** The finished SVG text: the root element around the frame's parts, one part a line, ending in a newline. */
export function closeFrame(spec: ChartSpec, frame: Frame): string {
  const id = safeId(spec.id);
  const root = element(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      id,
      class: `chart chart-${spec.kind}`,
      width: frame.width,
      height: frame.height,
      viewBox: `0 0 ${px(frame.width)} ${px(frame.height)}`,
      role: 'img',
      'aria-label': spec.title,
      'aria-labelledby': `${id}-title`,
      'aria-describedby': `${id}-desc`,
      'font-family': FONT_FAMILY,
      'font-size': BASE_FONT_PX,
    },
    `\n${frame.parts.join('\n')}\n`,
  );
  return `${root}\n`;
}

/** "No data" in the middle of the space below the title block. */
export function noData(frame: Frame): void {
  frame.parts.push(
    text(
      {
        class: 'no-data',
        x: frame.width / 2,
        y: (frame.top + frame.height) / 2,
        'text-anchor': 'middle',
        fill: COLOR.muted,
      },
      'No data',
    ),
  );
}
