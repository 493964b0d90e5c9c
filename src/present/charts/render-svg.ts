/**
 * Chart specs (src/app/chart-spec.ts) as self-contained SVG for the research note (DESIGN.md §10): no scripts, no
 * external fonts or CSS, a generic sans-serif font, colours that print. Pure and deterministic: the same spec and
 * options always give the same string (coordinates rounded to 0.01 px).
 *
 * Data marks carry `class="mark"` and `data-value` (the value as a plain JS number; for a line, its last point):
 * one per waterfall step, one per non-null heatmap cell, one per line series. Everything else (axes, grid, labels,
 * legend, reference and event markers) has another class.
 */
import type { ChartSpec, HeatmapChart, LineChart, WaterfallChart } from './chart-spec.ts';
import { civilFromDay, dayFromCivil, parseIsoDay } from '../../units/calendar-day.ts';

export interface ChartSvgOptions {
  /** Pixels; default 720. */
  width?: number;
  /** Pixels; default 400 for waterfalls, 360 for lines, fitted to the rows for heatmaps. */
  height?: number;
}

const FONT = 'sans-serif';
/** Average glyph width of a generic sans-serif as a share of the font size: enough to lay out labels. */
const CHAR_WIDTH = 0.56;

/** Colours with at least 4.5:1 contrast on white for text and marks, distinct in greyscale print. */
const COLOR = {
  text: '#1a1a1a',
  muted: '#555555',
  grid: '#e3e3e3',
  axis: '#8a8a8a',
  zero: '#333333',
  up: '#2e7d32',
  down: '#c62828',
  total: '#37474f',
  reference: '#1565c0',
  event: '#616161',
  missing: '#eeeeee',
  hatch: '#9e9e9e',
  /** Diverging scale (ColorBrewer RdBu ends): below the midpoint red, above it blue. */
  below: [178, 24, 43] as const,
  above: [33, 102, 172] as const,
  middle: [247, 247, 247] as const,
};
const SERIES_COLORS = ['#1f4e79', '#c2410c', '#2e7d32', '#6a1b9a', '#00838f', '#795548'];

export function renderChartSvg(spec: ChartSpec, options: ChartSvgOptions = {}): string {
  switch (spec.kind) {
    case 'waterfall':
      return renderWaterfall(spec, options);
    case 'heatmap':
      return renderHeatmap(spec, options);
    case 'line':
      return renderLine(spec, options);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Numbers and units

const SCALES: [number, string][] = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'k'],
];
const MINUS = '\u2212';

interface UnitStyle {
  prefix: string;
  suffix: string;
  /** Multiply by this before formatting (fractions → percent, millions → units). */
  factor: number;
  /** Per-share prices below $1,000 keep their cents. */
  cents: boolean;
}

/** How a unit reads next to a number: `USD per share` → $16.75, `per year` → 35%, `USD/PH/day` → $38/PH/day. */
function unitStyle(unit: string): UnitStyle {
  const u = unit.trim();
  const lower = u.toLowerCase();
  const usd = /^(usd|\$)\s*(.*)$/i.exec(u);
  if (usd) {
    const rest = (usd[2] ?? '').trim();
    const restLower = rest.toLowerCase();
    if (rest === '' || restLower === 'per share' || restLower === '(mean)')
      return { prefix: '$', suffix: '', factor: 1, cents: restLower === 'per share' };
    if (restLower === 'million' || restLower === 'millions' || restLower === 'm')
      return { prefix: '$', suffix: '', factor: 1e6, cents: false };
    if (restLower === 'billion' || restLower === 'billions' || restLower === 'bn')
      return { prefix: '$', suffix: '', factor: 1e9, cents: false };
    const per = /^(?:\/|per\s+)(.+)$/i.exec(rest);
    const denominator = (per?.[1] ?? rest)
      .replace(/\s+per\s+/gi, '/')
      .replace(/PH\/s/i, 'PH')
      .replace(/^critical-IT\s+/i, '');
    return { prefix: '$', suffix: `/${denominator}`, factor: 1, cents: false };
  }
  if (lower === '%' || lower === 'percent' || lower === 'pct')
    return { prefix: '', suffix: '%', factor: 1, cents: false };
  if (lower === 'fraction' || lower === 'per year' || lower === 'share' || lower.startsWith('fraction of'))
    return { prefix: '', suffix: '%', factor: 100, cents: false };
  if (lower === 'difficulty' || lower === '' || lower === 'count' || lower === 'number')
    return { prefix: '', suffix: '', factor: 1, cents: false };
  return { prefix: '', suffix: ` ${u.replace(/^critical-IT\s+/i, '')}`, factor: 1, cents: false };
}

/** A plain number with a k/M/B/T suffix and `significant` digits, trailing zeros trimmed, thousands separated. */
function compactMagnitude(abs: number, significant: number): string {
  let scaled = abs;
  let suffix = '';
  let index = SCALES.findIndex(([factor]) => abs >= factor);
  if (index >= 0) {
    const [factor, name] = SCALES[index] as [number, string];
    scaled = abs / factor;
    suffix = name;
  }
  let text = roundSignificant(scaled, significant);
  // 999.96k rounds to 1000k: move up a scale when there is one.
  if (Number(text) >= 1000 && index !== 0) {
    index = index < 0 ? SCALES.length - 1 : index - 1;
    const [factor, name] = SCALES[index] as [number, string];
    scaled = abs / factor;
    suffix = name;
    text = roundSignificant(scaled, significant);
  }
  return `${groupThousands(text)}${suffix}`;
}

function roundSignificant(value: number, significant: number): string {
  if (value === 0) return '0';
  const magnitude = Math.floor(Math.log10(value));
  const decimals = Math.min(12, Math.max(0, significant - 1 - magnitude));
  return trimZeros(value.toFixed(decimals));
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

function groupThousands(text: string): string {
  const [whole, fraction] = text.split('.') as [string, string | undefined];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/**
 * A value with its unit, compactly: `$16.75` (USD per share), `$60k` (USD), `35%` (per year, fraction), `142T`
 * (difficulty), `913 EH/s`, `$38.3/PH/day`, `$6.23B` (USD million). Negatives take a minus sign (−). `significant`
 * digits default to 3; per-share prices below $1,000 keep two decimals unless `significant` is given.
 */
export function formatCompact(value: number, unit: string, significant?: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  const style = unitStyle(unit);
  const scaled = value * style.factor;
  const abs = Math.abs(scaled);
  let body: string;
  if (style.cents && significant === undefined && abs < 1000) body = abs.toFixed(2);
  else body = compactMagnitude(abs, significant ?? 3);
  const negative = scaled < 0 && /[1-9]/.test(body);
  return `${negative ? MINUS : ''}${style.prefix}${body}${style.suffix}`;
}

/** Below 1,000 (after the unit's factor): fixed decimals with the unit, so a column of values lines up (`$16.0`, `$16.3`). */
function formatFixed(value: number, unit: string, decimals: number): string {
  const style = unitStyle(unit);
  const scaled = value * style.factor;
  const body = groupThousands(Math.abs(scaled).toFixed(decimals));
  return `${scaled < 0 && /[1-9]/.test(body) ? MINUS : ''}${style.prefix}${body}${style.suffix}`;
}

/** Tick labels: enough digits to tell neighbouring ticks apart, without the unit's long suffix. */
function tickFormatter(ticks: number[], unit: string): (value: number) => string {
  const style = unitStyle(unit);
  const short = style.suffix === '%' || style.suffix === '' ? unit : style.prefix === '$' ? 'USD' : 'count';
  const step = ticks.length > 1 ? Math.min(...ticks.slice(1).map((t, i) => Math.abs(t - (ticks[i] as number)))) : 0;
  const largest = Math.max(...ticks.map(Math.abs));
  const significant =
    step > 0 && largest > 0 ? Math.min(6, Math.max(2, Math.ceil(Math.log10(largest / step) + 1e-9) + 1)) : 3;
  return (value) => formatCompact(value, short, significant);
}

// ---------------------------------------------------------------------------------------------------------------
// SVG text

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
function px(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

type AttributeValue = string | number | undefined;

function element(name: string, attributes: Record<string, AttributeValue>, content?: string): string {
  const parts = [name];
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    parts.push(`${key}="${typeof value === 'number' ? px(value) : escapeXml(value)}"`);
  }
  return content === undefined ? `<${parts.join(' ')}/>` : `<${parts.join(' ')}>${content}</${name}>`;
}

/** A text element; `lines` become tspans one line-height apart. */
function text(attributes: Record<string, AttributeValue>, lines: string | string[], lineHeight = 13): string {
  const list = typeof lines === 'string' ? [lines] : lines;
  if (list.length === 1) return element('text', attributes, escapeXml(list[0] as string));
  const x = attributes.x;
  const spans = list
    .map((line, i) => element('tspan', { x, dy: i === 0 ? undefined : lineHeight }, escapeXml(line)))
    .join('');
  return element('text', attributes, spans);
}

/** White halo behind text that sits on lines or colour. */
const HALO = { stroke: '#ffffff', 'stroke-width': 3, 'stroke-linejoin': 'round', 'paint-order': 'stroke' } as const;

function textWidth(label: string, fontSize: number): number {
  return label.length * fontSize * CHAR_WIDTH;
}

/** Word wrap to at most `maxLines` lines of `maxChars`; the last line ends in … when text is left over. */
function wrap(label: string, maxChars: number, maxLines: number): string[] {
  const limit = Math.max(3, Math.floor(maxChars));
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

function safeId(id: string): string {
  const cleaned = id.replace(/[^A-Za-z0-9_-]/g, '-');
  return `chart-${cleaned === '' ? 'x' : cleaned}`;
}

interface Frame {
  width: number;
  height: number;
  /** y below the title block. */
  top: number;
  parts: string[];
}

/** The svg root, background, accessible name and the visible title and subtitle. */
function openFrame(spec: ChartSpec, width: number, height: number, subtitle: string, description: string): Frame {
  const id = safeId(spec.id);
  const titleLines = wrap(spec.title, (width - 24) / (15 * CHAR_WIDTH), 2);
  const parts = [
    element('title', { id: `${id}-title` }, escapeXml(spec.title)),
    element('desc', { id: `${id}-desc` }, escapeXml(description)),
    element('rect', { class: 'background', x: 0, y: 0, width, height, fill: '#ffffff' }),
    text(
      { class: 'chart-title', x: 12, y: 22, 'font-size': 15, 'font-weight': 'bold', fill: COLOR.text },
      titleLines,
      18,
    ),
  ];
  const subtitleY = 22 + titleLines.length * 18;
  parts.push(text({ class: 'chart-subtitle', x: 12, y: subtitleY, 'font-size': 11.5, fill: COLOR.muted }, subtitle));
  return { width, height, top: subtitleY + 10, parts };
}

function closeFrame(spec: ChartSpec, frame: Frame): string {
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
      'font-family': FONT,
      'font-size': 12,
    },
    `\n${frame.parts.join('\n')}\n`,
  );
  return `${root}\n`;
}

function noData(frame: Frame): void {
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

// ---------------------------------------------------------------------------------------------------------------
// Scales

/** 1, 2, 2.5, 5 × 10^k steps giving about `count` intervals over [min, max]. */
function niceTicks(min: number, max: number, count: number): number[] {
  if (!(max > min)) {
    const pad = min === 0 ? 1 : Math.abs(min) * 0.1;
    return niceTicks(min - pad, max + pad, count);
  }
  const raw = (max - min) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  const first = Math.floor(min / step + 1e-9);
  const last = Math.ceil(max / step - 1e-9);
  const ticks: number[] = [];
  for (let k = first; k <= last; k++) ticks.push(Number((k * step).toPrecision(12)));
  return ticks;
}

/** Log ticks in the 1-2-5 sequence (only powers of ten over more than three decades), covering [min, max]. */
function logTicks(min: number, max: number): number[] {
  const lowPower = Math.floor(Math.log10(min));
  const highPower = Math.ceil(Math.log10(max));
  const multiples = highPower - lowPower > 3 ? [1] : [1, 2, 5];
  const all: number[] = [];
  for (let p = lowPower; p <= highPower; p++)
    for (const m of multiples) all.push(Number((m * 10 ** p).toPrecision(12)));
  const below = all.filter((t) => t <= min * (1 + 1e-12));
  const above = all.filter((t) => t >= max * (1 - 1e-12));
  const lo = below[below.length - 1] ?? all[0] ?? min;
  const hi = above[0] ?? all[all.length - 1] ?? max;
  return all.filter((t) => t >= lo && t <= hi);
}

function linearScale(domain: [number, number], range: [number, number]): (value: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  return (value) => r0 + ((value - d0) / span) * (r1 - r0);
}

// ---------------------------------------------------------------------------------------------------------------
// Waterfall

function renderWaterfall(spec: WaterfallChart, options: ChartSvgOptions): string {
  const width = options.width ?? 720;
  const height = options.height ?? 400;
  const steps = spec.steps.filter((s) => Number.isFinite(s.value));
  const frame = openFrame(spec, width, height, spec.unit, `Waterfall of ${steps.length} steps in ${spec.unit}.`);
  if (steps.length === 0) {
    noData(frame);
    return closeFrame(spec, frame);
  }

  // Running sum: a total starts from zero and resets the sum to its value.
  let running = 0;
  const bars = steps.map((step) => {
    const from = step.total ? 0 : running;
    const to = step.total ? step.value : running + step.value;
    running = to;
    return { ...step, from, to };
  });
  const reference = spec.reference && Number.isFinite(spec.reference.value) ? spec.reference : undefined;
  const extent = [0, ...bars.flatMap((b) => [b.from, b.to]), ...(reference ? [reference.value] : [])];
  const ticks = niceTicks(Math.min(...extent), Math.max(...extent), 6);
  const domain: [number, number] = [ticks[0] as number, ticks[ticks.length - 1] as number];
  const formatTick = tickFormatter(ticks, spec.unit);

  const left = 14 + Math.max(...ticks.map((t) => textWidth(formatTick(t), 11))) + 8;
  const right = 16;
  const plotWidth = width - left - right;
  const band = plotWidth / bars.length;
  const barWidth = Math.min(band * 0.64, 90);

  // Category labels: wrapped under the bars, or rotated when the bands are narrow.
  const labelFont = 11;
  const rotate = band < 44;
  const wrapped = bars.map((b) => wrap(b.label, (band - 6) / (labelFont * CHAR_WIDTH), 3));
  const longest = Math.max(...bars.map((b) => Math.min(b.label.length, 28)));
  const bottom = rotate
    ? 16 + longest * labelFont * CHAR_WIDTH * 0.72
    : 14 + Math.max(...wrapped.map((w) => w.length)) * 13;
  const plotTop = frame.top + 18;
  const plotBottom = height - bottom;
  const y = linearScale(domain, [plotBottom - 16, plotTop]);
  const bandX = (i: number) => left + band * i + band / 2;
  const parts = frame.parts;

  for (const tick of ticks) {
    parts.push(
      element('line', {
        class: 'grid',
        'data-tick': String(tick),
        x1: left,
        x2: width - right,
        y1: y(tick),
        y2: y(tick),
        stroke: COLOR.grid,
        'stroke-width': 1,
      }),
    );
    parts.push(
      text(
        {
          class: 'axis tick-label',
          x: left - 8,
          y: y(tick) + 4,
          'text-anchor': 'end',
          'font-size': 11,
          fill: COLOR.muted,
        },
        formatTick(tick),
      ),
    );
  }

  const valueLabels: string[] = [];
  const longestValue = Math.max(...bars.map((b) => formatCompact(b.value, spec.unit).length + 1));
  const valueFont = Math.max(8, Math.min(11, (band - 2) / (longestValue * CHAR_WIDTH)));
  bars.forEach((bar, i) => {
    const top = y(Math.max(bar.from, bar.to));
    const barHeight = Math.max(1, Math.abs(y(bar.from) - y(bar.to)));
    const fill = bar.total ? COLOR.total : bar.value >= 0 ? COLOR.up : COLOR.down;
    const x = bandX(i) - barWidth / 2;
    const valueText = formatCompact(bar.value, spec.unit);
    parts.push(
      element(
        'rect',
        {
          class: 'mark',
          'data-value': String(bar.value),
          'data-label': bar.label,
          x,
          y: top,
          width: barWidth,
          height: barHeight,
          fill,
        },
        element('title', {}, escapeXml(`${bar.label}: ${valueText}`)),
      ),
    );
    const shown = bar.total || bar.value < 0 ? valueText : `+${valueText}`;
    const labelY = bar.value >= 0 ? top - 5 : top + barHeight + 13;
    valueLabels.push(
      text(
        {
          class: 'value-label',
          x: bandX(i),
          y: labelY,
          'text-anchor': 'middle',
          'font-size': Math.round(valueFont * 10) / 10,
          'font-weight': bar.total ? 'bold' : undefined,
          fill: COLOR.text,
          ...HALO,
        },
        shown,
      ),
    );
    const next = bars[i + 1];
    if (next && !next.total) {
      parts.push(
        element('line', {
          class: 'connector',
          x1: x + barWidth,
          x2: bandX(i + 1) - barWidth / 2,
          y1: y(bar.to),
          y2: y(bar.to),
          stroke: COLOR.axis,
          'stroke-width': 1,
          'stroke-dasharray': '2 2',
        }),
      );
    }
    if (rotate) {
      // At −40°, a label reaches left by its width × cos 40°: keep it inside the chart.
      const room = Math.min(28, Math.floor((bandX(i) - 4) / (labelFont * CHAR_WIDTH * 0.766)));
      const label = bar.label.length > room ? `${bar.label.slice(0, Math.max(1, room - 1))}…` : bar.label;
      const ly = plotBottom + 12;
      parts.push(
        text(
          {
            class: 'category-label',
            x: bandX(i),
            y: ly,
            'text-anchor': 'end',
            'font-size': labelFont,
            fill: COLOR.text,
            transform: `rotate(-40 ${px(bandX(i))} ${px(ly)})`,
          },
          label,
        ),
      );
    } else {
      parts.push(
        text(
          {
            class: 'category-label',
            x: bandX(i),
            y: plotBottom + 14,
            'text-anchor': 'middle',
            'font-size': labelFont,
            fill: COLOR.text,
          },
          wrapped[i] as string[],
        ),
      );
    }
  });

  // Zero and reference lines over the bars (the reference on a white casing, to show on dark bars), under the value
  // labels (they have a halo); the reference label goes to whichever end of the line is clear of bars and labels.
  const boxes = bars.map((bar, i) => ({
    x0: bandX(i) - barWidth / 2,
    x1: bandX(i) + barWidth / 2,
    y0: y(Math.max(bar.from, bar.to)) - 18,
    y1: y(Math.min(bar.from, bar.to)) + 18,
  }));
  const overlap = (x0: number, x1: number, y0: number, y1: number) =>
    boxes.reduce(
      (sum, b) =>
        sum +
        Math.max(0, Math.min(b.x1, x1) - Math.max(b.x0, x0)) * Math.max(0, Math.min(b.y1, y1) - Math.max(b.y0, y0)),
      0,
    );
  parts.push(
    element('line', {
      class: 'zero-line',
      x1: left,
      x2: width - right,
      y1: y(0),
      y2: y(0),
      stroke: COLOR.zero,
      'stroke-width': 1,
    }),
  );
  if (reference) {
    const ry = y(reference.value);
    const label = `${reference.label} ${formatCompact(reference.value, spec.unit)}`;
    const labelWidth = textWidth(label, 11) * 1.05;
    const spots = [
      {
        x: width - right - 2,
        anchor: 'end',
        y: ry - 6,
        box: [width - right - 2 - labelWidth, width - right, ry - 18, ry - 2],
      },
      { x: left + 4, anchor: 'start', y: ry - 6, box: [left + 2, left + 4 + labelWidth, ry - 18, ry - 2] },
      {
        x: width - right - 2,
        anchor: 'end',
        y: ry + 14,
        box: [width - right - 2 - labelWidth, width - right, ry + 2, ry + 18],
      },
      { x: left + 4, anchor: 'start', y: ry + 14, box: [left + 2, left + 4 + labelWidth, ry + 2, ry + 18] },
    ] as const;
    // The first clear spot, else the least covered one.
    const spot = spots.reduce((best, c) => (overlap(...c.box) < overlap(...best.box) ? c : best), spots[0]);
    parts.push(
      element('line', {
        class: 'reference-casing',
        x1: left,
        x2: width - right,
        y1: ry,
        y2: ry,
        stroke: '#ffffff',
        'stroke-width': 3.5,
        'stroke-opacity': 0.8,
      }),
    );
    parts.push(
      element('line', {
        class: 'reference',
        'data-value': String(reference.value),
        x1: left,
        x2: width - right,
        y1: ry,
        y2: ry,
        stroke: COLOR.reference,
        'stroke-width': 1.5,
        'stroke-dasharray': '6 4',
      }),
    );
    parts.push(
      text(
        {
          class: 'reference-label',
          x: spot.x,
          y: spot.y,
          'text-anchor': spot.anchor,
          'font-size': 11,
          'font-weight': 'bold',
          fill: COLOR.reference,
          ...HALO,
        },
        label,
      ),
    );
  }

  parts.push(...valueLabels);

  return closeFrame(spec, frame);
}

// ---------------------------------------------------------------------------------------------------------------
// Heatmap

function mix(a: readonly number[], b: readonly number[], t: number): string {
  const channel = (i: number) => Math.round((a[i] as number) + ((b[i] as number) - (a[i] as number)) * t);
  return `#${[0, 1, 2].map((i) => channel(i).toString(16).padStart(2, '0')).join('')}`;
}

/** t in [-1, 1] → colour: −1 deep red, 0 near white, +1 deep blue. */
function divergingColor(t: number): string {
  const clamped = Math.max(-1, Math.min(1, t));
  return clamped >= 0 ? mix(COLOR.middle, COLOR.above, clamped) : mix(COLOR.middle, COLOR.below, -clamped);
}

/** Fractional index of `value` along ascending or descending `values`; undefined outside them. */
function fractionalIndex(values: number[], value: number): number | undefined {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    const tolerance = 1e-9 * Math.max(1, Math.abs(v));
    if (Math.abs(v - value) <= tolerance) return i;
    const next = values[i + 1];
    if (next !== undefined && (value - v) * (value - next) < 0) return i + (value - v) / (next - v);
  }
  return undefined;
}

function renderHeatmap(spec: HeatmapChart, options: ChartSvgOptions): string {
  const width = options.width ?? 720;
  const nx = spec.x.values.length;
  const ny = spec.y.values.length;
  const cells = spec.values.flatMap((row) => row.filter((v): v is number => v !== null && Number.isFinite(v)));
  const hasMissing = spec.values.some(
    (row, j) => j < ny && (row.length < nx || row.slice(0, nx).some((v) => v === null || !Number.isFinite(v))),
  );
  const min = cells.length > 0 ? Math.min(...cells) : 0;
  const max = cells.length > 0 ? Math.max(...cells) : 0;
  const midpoint = spec.midpoint !== undefined && Number.isFinite(spec.midpoint) ? spec.midpoint : (min + max) / 2;
  const spread = Math.max(Math.abs(max - midpoint), Math.abs(min - midpoint));
  // Values on both sides: one symmetric scale (equal distances, equal colours). All on one side (every target below the
  // share price, say): that side's hue from light at the nearest value to deep at the farthest, so the grid still
  // shows its gradient.
  const side = min >= midpoint && max > midpoint ? 1 : max <= midpoint && min < midpoint ? -1 : 0;
  const near = side > 0 ? min : max;
  const far = side > 0 ? max : min;
  const ONE_SIDED_FLOOR = 0.2;
  const colourT = (value: number): number => {
    if (side === 0) return spread > 0 ? (value - midpoint) / spread : 0;
    return side * (far === near ? 0.6 : ONE_SIDED_FLOOR + ((1 - ONE_SIDED_FLOOR) * (value - near)) / (far - near));
  };

  const formatX = tickFormatter(spec.x.values, spec.x.unit);
  const formatY = tickFormatter(spec.y.values, spec.y.unit);
  const yLabels = spec.y.values.map(formatY);
  const left = 12 + 18 + Math.max(0, ...yLabels.map((l) => textWidth(l, 11))) + 8;
  const right = 16;
  const legendHeight = 44;
  const bottom = 18 + 20 + legendHeight;
  const titleLines = wrap(spec.title, (width - 24) / (15 * CHAR_WIDTH), 2).length;
  const plotTop = 22 + titleLines * 18 + 10 + 8;
  const plotWidth = width - left - right;
  const cellWidth = nx > 0 ? plotWidth / nx : plotWidth;
  const cellHeight =
    options.height !== undefined
      ? Math.max(1, (options.height - plotTop - bottom) / Math.max(1, ny))
      : Math.max(14, Math.min(30, 360 / Math.max(1, ny)));
  const height = options.height ?? Math.round(plotTop + cellHeight * ny + bottom);
  const subtitle = `Cells: ${spec.unit}; rows: ${spec.y.label}, columns: ${spec.x.label}`;
  const frame = openFrame(
    spec,
    width,
    height,
    subtitle,
    `Heatmap of ${spec.title} over ${nx} × ${ny} values of ${spec.x.label} and ${spec.y.label}.`,
  );
  if (nx === 0 || ny === 0) {
    noData(frame);
    return closeFrame(spec, frame);
  }
  const id = safeId(spec.id);
  const parts = frame.parts;
  parts.push(
    element(
      'defs',
      {},
      element(
        'pattern',
        { id: `${id}-hatch`, width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' },
        element('rect', { width: 6, height: 6, fill: COLOR.missing }) +
          element('line', { x1: 0, y1: 0, x2: 0, y2: 6, stroke: COLOR.hatch, 'stroke-width': 1.5 }),
      ),
    ),
  );

  // Cell labels: as large as fits; full precision (per-share cents) when there is room, else three digits (with the same
  // decimals on every cell when all are below 1,000), none when tiny.
  const fits = (longest: number) =>
    Math.min(11, cellHeight * 0.55, (cellWidth - 4) / Math.max(1, longest * CHAR_WIDTH));
  const longestOf = (format: (v: number) => string) =>
    cells.reduce((longest, v) => Math.max(longest, format(v).length), 1);
  const largest = Math.max(0, ...cells.map((v) => Math.abs(v * unitStyle(spec.unit).factor)));
  const shortFormat =
    largest < 1000
      ? (v: number) => formatFixed(v, spec.unit, Math.max(0, 2 - Math.floor(Math.log10(Math.max(largest, 1e-9)))))
      : (v: number) => formatCompact(v, spec.unit, 3);
  let cellFormat = (v: number) => formatCompact(v, spec.unit);
  let cellFont = fits(longestOf(cellFormat));
  if (cellFont < 8) {
    cellFormat = shortFormat;
    cellFont = fits(longestOf(cellFormat));
  }
  const labelCells = cellFont >= 6;

  const xAt = (i: number) => left + cellWidth * i;
  const yAt = (j: number) => plotTop + cellHeight * j;
  for (let j = 0; j < ny; j++) {
    const row = spec.values[j] ?? [];
    for (let i = 0; i < nx; i++) {
      const value = row[i] ?? null;
      const where = `${spec.x.label} ${formatCompact(spec.x.values[i] as number, spec.x.unit)}, ${spec.y.label} ${formatCompact(spec.y.values[j] as number, spec.y.unit)}`;
      const box = { x: xAt(i), y: yAt(j), width: cellWidth, height: cellHeight };
      if (value === null || !Number.isFinite(value)) {
        parts.push(
          element(
            'rect',
            { class: 'missing', ...box, fill: `url(#${id}-hatch)`, stroke: '#ffffff', 'stroke-width': 0.5 },
            element('title', {}, escapeXml(`${where}: no value`)),
          ),
        );
        continue;
      }
      const t = colourT(value);
      const label = cellFormat(value);
      parts.push(
        element(
          'rect',
          {
            class: 'mark',
            'data-value': String(value),
            ...box,
            fill: divergingColor(t),
            stroke: '#ffffff',
            'stroke-width': 0.5,
          },
          element('title', {}, escapeXml(`${where}: ${label}`)),
        ),
      );
      if (labelCells) {
        parts.push(
          text(
            {
              class: 'cell-label',
              x: xAt(i) + cellWidth / 2,
              y: yAt(j) + cellHeight / 2 + cellFont * 0.36,
              'text-anchor': 'middle',
              'font-size': Math.round(cellFont * 10) / 10,
              fill: Math.abs(t) > 0.55 ? '#ffffff' : COLOR.text,
            },
            label,
          ),
        );
      }
    }
  }

  // Axes: tick labels thinned to what fits, axis titles.
  const plotBottom = plotTop + cellHeight * ny;
  const xLabels = spec.x.values.map(formatX);
  const xEvery = Math.max(1, Math.ceil((Math.max(...xLabels.map((l) => textWidth(l, 11))) + 6) / cellWidth));
  xLabels.forEach((label, i) => {
    if (i % xEvery !== 0) return;
    parts.push(
      text(
        {
          class: 'axis tick-label',
          x: xAt(i) + cellWidth / 2,
          y: plotBottom + 14,
          'text-anchor': 'middle',
          'font-size': 11,
          fill: COLOR.muted,
        },
        label,
      ),
    );
  });
  const yEvery = Math.max(1, Math.ceil(13 / cellHeight));
  yLabels.forEach((label, j) => {
    if (j % yEvery !== 0) return;
    parts.push(
      text(
        {
          class: 'axis tick-label',
          x: left - 6,
          y: yAt(j) + cellHeight / 2 + 4,
          'text-anchor': 'end',
          'font-size': 11,
          fill: COLOR.muted,
        },
        label,
      ),
    );
  });
  parts.push(
    text(
      {
        class: 'axis axis-title',
        x: left + plotWidth / 2,
        y: plotBottom + 31,
        'text-anchor': 'middle',
        'font-size': 11.5,
        fill: COLOR.text,
      },
      spec.x.label,
    ),
  );
  const yTitleX = 16;
  const yTitleY = plotTop + (cellHeight * ny) / 2;
  const yTitle = wrap(spec.y.label, (cellHeight * ny) / (11.5 * CHAR_WIDTH), 1)[0] as string;
  parts.push(
    text(
      {
        class: 'axis axis-title',
        x: yTitleX,
        y: yTitleY,
        'text-anchor': 'middle',
        'font-size': 11.5,
        fill: COLOR.text,
        transform: `rotate(-90 ${px(yTitleX)} ${px(yTitleY)})`,
      },
      yTitle,
    ),
  );

  // The base case: the cell outlined when it lies on the grid, a ring between cells otherwise.
  let markerLegend: string | undefined;
  if (spec.marker) {
    const fx = fractionalIndex(spec.x.values, spec.marker.x);
    const fy = fractionalIndex(spec.y.values, spec.marker.y);
    if (fx !== undefined && fy !== undefined) {
      const onGrid = Number.isInteger(fx) && Number.isInteger(fy);
      if (onGrid) {
        parts.push(
          element('rect', {
            class: 'marker',
            x: xAt(fx) + 1,
            y: yAt(fy) + 1,
            width: cellWidth - 2,
            height: cellHeight - 2,
            fill: 'none',
            stroke: '#000000',
            'stroke-width': 2.5,
          }),
        );
      } else {
        const cx = xAt(fx) + cellWidth / 2;
        const cy = yAt(fy) + cellHeight / 2;
        const r = Math.max(3.5, Math.min(5.5, cellHeight / 4));
        parts.push(
          element('circle', { class: 'marker', cx, cy, r, fill: 'none', stroke: '#ffffff', 'stroke-width': 4 }),
        );
        parts.push(
          element('circle', { class: 'marker', cx, cy, r, fill: 'none', stroke: '#000000', 'stroke-width': 2 }),
        );
      }
      markerLegend = `${onGrid ? '▭' : '○'} ${spec.marker.label}`;
    }
  }

  // Legend: swatches from the lowest to the highest value, the midpoint in the middle; missing cells; the marker.
  const legendY = plotBottom + 44;
  const swatches = side === 0 ? 9 : 5;
  const swatchWidth = 22;
  const midText = formatCompact(midpoint, spec.unit);
  const legendTitle =
    side === 0
      ? `Colour: red below, blue above ${midText}`
      : `Colour: every cell ${side > 0 ? 'above' : 'below'} ${midText}; deeper = further`;
  parts.push(
    text({ class: 'legend legend-title', x: left, y: legendY + 10, 'font-size': 11, fill: COLOR.text }, legendTitle),
  );
  const legendX = left + textWidth(legendTitle, 11) + 12;
  for (let k = 0; k < swatches; k++) {
    const t =
      side === 0
        ? -1 + (2 * k) / (swatches - 1)
        : side * (ONE_SIDED_FLOOR + ((1 - ONE_SIDED_FLOOR) * (side > 0 ? k : swatches - 1 - k)) / (swatches - 1));
    parts.push(
      element('rect', {
        class: 'legend legend-swatch',
        x: legendX + k * swatchWidth,
        y: legendY,
        width: swatchWidth,
        height: 12,
        fill: divergingColor(t),
        stroke: '#bdbdbd',
        'stroke-width': 0.5,
      }),
    );
  }
  const legendValue = (value: number, x: number, anchor: string) =>
    text(
      { class: 'legend legend-label', x, y: legendY + 26, 'text-anchor': anchor, 'font-size': 10.5, fill: COLOR.muted },
      formatCompact(value, spec.unit),
    );
  // Swatches run from low values (left) to high (right) in both cases.
  parts.push(legendValue(side === 0 ? midpoint - spread : min, legendX, 'start'));
  if (side === 0) parts.push(legendValue(midpoint, legendX + (swatches * swatchWidth) / 2, 'middle'));
  parts.push(legendValue(side === 0 ? midpoint + spread : max, legendX + swatches * swatchWidth, 'end'));
  let nextX = legendX + swatches * swatchWidth + 24;
  if (hasMissing) {
    parts.push(
      element('rect', {
        class: 'legend legend-swatch',
        x: nextX,
        y: legendY,
        width: 16,
        height: 12,
        fill: `url(#${id}-hatch)`,
        stroke: '#bdbdbd',
        'stroke-width': 0.5,
      }),
    );
    parts.push(
      text(
        { class: 'legend legend-label', x: nextX + 22, y: legendY + 10, 'font-size': 11, fill: COLOR.text },
        'no value',
      ),
    );
    nextX += 90;
  }
  if (markerLegend !== undefined)
    parts.push(
      text(
        { class: 'legend legend-label', x: nextX, y: legendY + 10, 'font-size': 11, fill: COLOR.text },
        markerLegend,
      ),
    );
  return closeFrame(spec, frame);
}

// ---------------------------------------------------------------------------------------------------------------
// Line

interface TimeTick {
  day: number;
  label: string | undefined;
}

/** Year ticks over long spans (quarters as unlabelled grid when few years), quarters over a year or two, months below. */
function timeTicks(first: number, last: number, plotWidth: number): TimeTick[] {
  const span = last - first;
  const start = civilFromDay(first as Parameters<typeof civilFromDay>[0]);
  const end = civilFromDay(last as Parameters<typeof civilFromDay>[0]);
  const ticks: TimeTick[] = [];
  if (span > 730) {
    const years = end.year - start.year + 1;
    const every = [1, 2, 5, 10, 20, 50].find((k) => (years / k) * 40 <= plotWidth) ?? 100;
    for (let year = start.year; year <= end.year + 1; year++) {
      for (let month = 1; month <= 10; month += 3) {
        const day = dayFromCivil(year, month, 1);
        if (day < first || day > last) continue;
        if (month === 1 && year % every === 0) ticks.push({ day, label: String(year) });
        else if (month === 1 || years <= 5) ticks.push({ day, label: undefined });
      }
    }
  } else if (span > 120) {
    for (let year = start.year; year <= end.year; year++) {
      for (let quarter = 1; quarter <= 4; quarter++) {
        const day = dayFromCivil(year, quarter * 3 - 2, 1);
        if (day >= first && day <= last) ticks.push({ day, label: quarter === 1 ? `${year}` : `Q${quarter}` });
      }
    }
  } else {
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    for (let year = start.year; year <= end.year; year++) {
      for (let month = 1; month <= 12; month++) {
        const day = dayFromCivil(year, month, 1);
        if (day >= first && day <= last)
          ticks.push({ day, label: month === 1 ? `${year}` : (months[month - 1] as string) });
      }
    }
  }
  // The first labelled tick names its year when it is not a year tick itself (`Q3 2025`, `Nov 2025`).
  const firstLabelled = ticks.find((t) => t.label !== undefined);
  if (firstLabelled && !/^\d{4}$/.test(firstLabelled.label as string))
    firstLabelled.label = `${firstLabelled.label as string} ${civilFromDay(firstLabelled.day as Parameters<typeof civilFromDay>[0]).year}`;
  return ticks;
}

function renderLine(spec: LineChart, options: ChartSvgOptions): string {
  const width = options.width ?? 720;
  const height = options.height ?? 360;
  const log = spec.logScale === true;
  const series = spec.series
    .map((s, index) => ({
      ...s,
      color: SERIES_COLORS[index % SERIES_COLORS.length] as string,
      points: s.points
        .map((p) => ({ day: parseIsoDay(p.date), value: p.value }))
        .filter(
          (p): p is { day: NonNullable<typeof p.day>; value: number } =>
            p.day !== undefined && Number.isFinite(p.value) && (!log || p.value > 0),
        ),
    }))
    .filter((s) => s.points.length > 0);
  const subtitle = `${spec.unit}${log ? ' (log scale)' : ''}`;
  const frame = openFrame(
    spec,
    width,
    height,
    subtitle,
    `Line chart of ${series.length} series in ${spec.unit}${log ? ' on a log scale' : ''}.`,
  );
  if (series.length === 0) {
    noData(frame);
    return closeFrame(spec, frame);
  }
  const parts = frame.parts;
  const days = series.flatMap((s) => s.points.map((p) => p.day as number));
  const values = series.flatMap((s) => s.points.map((p) => p.value));
  let firstDay = Math.min(...days);
  let lastDay = Math.max(...days);
  if (lastDay === firstDay) {
    firstDay -= 15;
    lastDay += 15;
  }
  const minValue = Math.min(...values);
  const maxValue = Math.max(...values);
  const ticks = log
    ? logTicks(minValue, maxValue)
    : niceTicks(minValue >= 0 ? 0 : minValue, maxValue <= 0 ? 0 : maxValue, 5);
  // Log ticks (1-2-5) read well with three significant digits; linear ones get the digits their step needs.
  const tickText = tickFormatter(log ? [] : ticks, spec.unit);

  // Legend under the subtitle, wrapping onto more rows as needed.
  const legendRows: { x: number; row: number; s: (typeof series)[number] }[] = [];
  let lx = 12;
  let row = 0;
  for (const s of series) {
    const itemWidth = 30 + textWidth(s.name, 11) + 18;
    if (lx + itemWidth > width - 12 && lx > 12) {
      row++;
      lx = 12;
    }
    legendRows.push({ x: lx, row, s });
    lx += itemWidth;
  }
  const legendTop = frame.top + 4;
  for (const item of legendRows) {
    const ly = legendTop + item.row * 16;
    parts.push(
      element('line', {
        class: 'legend legend-swatch',
        x1: item.x,
        x2: item.x + 24,
        y1: ly,
        y2: ly,
        stroke: item.s.color,
        'stroke-width': 2.5,
        'stroke-dasharray': item.s.style === 'projection' ? '6 4' : undefined,
      }),
    );
    parts.push(
      text({ class: 'legend legend-label', x: item.x + 30, y: ly + 4, 'font-size': 11, fill: COLOR.text }, item.s.name),
    );
  }

  const plotTop = legendTop + (row + 1) * 16 + 14;
  const left = 14 + Math.max(...ticks.map((t) => textWidth(tickText(t), 11))) + 8;
  const right = 20;
  const plotBottom = height - 28;
  const x = linearScale([firstDay, lastDay], [left, width - right]);
  const low = ticks[0] as number;
  const high = ticks[ticks.length - 1] as number;
  const y = log
    ? (v: number) => linearScale([Math.log10(low), Math.log10(high)], [plotBottom, plotTop])(Math.log10(v))
    : linearScale([low, high], [plotBottom, plotTop]);

  for (const tick of ticks) {
    parts.push(
      element('line', {
        class: 'grid',
        'data-tick': String(tick),
        x1: left,
        x2: width - right,
        y1: y(tick),
        y2: y(tick),
        stroke: COLOR.grid,
        'stroke-width': 1,
      }),
    );
    parts.push(
      text(
        {
          class: 'axis tick-label',
          x: left - 8,
          y: y(tick) + 4,
          'text-anchor': 'end',
          'font-size': 11,
          fill: COLOR.muted,
        },
        tickText(tick),
      ),
    );
  }
  for (const tick of timeTicks(firstDay, lastDay, width - left - right)) {
    const tx = x(tick.day);
    parts.push(
      element('line', {
        class: tick.label === undefined ? 'grid grid-minor' : 'grid',
        x1: tx,
        x2: tx,
        y1: plotTop,
        y2: plotBottom,
        stroke: COLOR.grid,
        'stroke-width': tick.label === undefined ? 0.5 : 1,
      }),
    );
    parts.push(
      element('line', {
        class: 'axis',
        x1: tx,
        x2: tx,
        y1: plotBottom,
        y2: plotBottom + 4,
        stroke: COLOR.axis,
        'stroke-width': 1,
      }),
    );
    if (tick.label !== undefined)
      parts.push(
        text(
          {
            class: 'axis tick-label',
            x: tx,
            y: plotBottom + 17,
            'text-anchor': 'middle',
            'font-size': 11,
            fill: COLOR.muted,
          },
          tick.label,
        ),
      );
  }
  parts.push(
    element('line', {
      class: 'axis',
      x1: left,
      x2: width - right,
      y1: plotBottom,
      y2: plotBottom,
      stroke: COLOR.axis,
      'stroke-width': 1,
    }),
  );

  // Event markers before the lines, labels staggered when they would collide.
  const markers = (spec.markers ?? [])
    .map((m) => ({ ...m, day: parseIsoDay(m.date) }))
    .filter(
      (m): m is typeof m & { day: NonNullable<typeof m.day> } =>
        m.day !== undefined && m.day >= firstDay && m.day <= lastDay,
    )
    .sort((a, b) => a.day - b.day);
  let previousEnd = -Infinity;
  let level = 0;
  for (const marker of markers) {
    const mx = x(marker.day);
    const labelWidth = textWidth(marker.label, 10.5);
    const flip = mx + 4 + labelWidth > width - right;
    const startX = flip ? mx - 4 - labelWidth : mx + 4;
    level = startX < previousEnd + 4 ? level + 1 : 0;
    previousEnd = startX + labelWidth;
    parts.push(
      element('line', {
        class: 'event-marker',
        'data-date': marker.date,
        x1: mx,
        x2: mx,
        y1: plotTop - 4,
        y2: plotBottom,
        stroke: COLOR.event,
        'stroke-width': 1,
        'stroke-dasharray': '3 3',
      }),
    );
    parts.push(
      text(
        {
          class: 'event-label',
          x: flip ? mx - 4 : mx + 4,
          y: plotTop + 8 + level * 13,
          'text-anchor': flip ? 'end' : 'start',
          'font-size': 10.5,
          fill: COLOR.event,
          ...HALO,
        },
        marker.label,
      ),
    );
  }

  for (const s of series) {
    const last = s.points[s.points.length - 1] as { day: number; value: number };
    const common = {
      class: 'mark',
      'data-value': String(last.value),
      'data-series': s.name,
      'data-style': s.style,
      'data-points': String(s.points.length),
    };
    if (s.points.length === 1) {
      parts.push(element('circle', { ...common, cx: x(last.day), cy: y(last.value), r: 3, fill: s.color }));
      continue;
    }
    const d = s.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${px(x(p.day))} ${px(y(p.value))}`).join('');
    parts.push(
      element('path', {
        ...common,
        d,
        fill: 'none',
        stroke: s.color,
        'stroke-width': s.style === 'projection' ? 2 : 1.6,
        'stroke-dasharray': s.style === 'projection' ? '6 4' : undefined,
        'stroke-linejoin': 'round',
        'stroke-linecap': 'round',
      }),
    );
  }
  return closeFrame(spec, frame);
}
