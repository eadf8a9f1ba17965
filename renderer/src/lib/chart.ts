// The arithmetic of the hand-made SVG charts: linear scales, "nice" ticks, band layout for grouped bars,
// and a categorical palette with a stable colour per tokenizer. No DOM here, so all of it is unit-tested.

export interface LinearScale {
  (v: number): number;
  domain: readonly [number, number];
  range: readonly [number, number];
}

/** Maps [d0, d1] onto [r0, r1]; a zero-width domain maps everything to the middle of the range. */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): LinearScale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  const f = ((v: number) => (span === 0 ? (r0 + r1) / 2 : r0 + ((v - d0) / span) * (r1 - r0))) as LinearScale;
  f.domain = [d0, d1];
  f.range = [r0, r1];
  return f;
}

/** A step of 1, 2, 2.5 or 5 times a power of ten close to span / count. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const raw = span / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const r = raw / mag;
  const m = r <= 1 ? 1 : r <= 2 ? 2 : r <= 2.5 ? 2.5 : r <= 5 ? 5 : 10;
  return m * mag;
}

/**
 * About `count` round tick values covering [min, max], and the domain they span (the axis is extended to
 * the outer ticks so bars never poke past the last grid line). An empty or flat range still gets an axis.
 */
export function niceTicks(min: number, max: number, count = 5): { ticks: number[]; domain: [number, number] } {
  let lo = Number.isFinite(min) ? min : 0;
  let hi = Number.isFinite(max) ? max : 1;
  if (lo > hi) [lo, hi] = [hi, lo];
  if (lo === hi) {
    if (lo === 0) hi = 1;
    else if (lo > 0) lo = 0;
    else hi = 0;
  }
  const step = niceStep(hi - lo, count);
  const start = Math.floor(lo / step + 1e-9) * step;
  const end = Math.ceil(hi / step - 1e-9) * step;
  const ticks: number[] = [];
  // Rounding to the step's decimals keeps 0.30000000000000004 off the axis.
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 2);
  for (let v = start; v <= end + step / 2; v += step) ticks.push(Number(v.toFixed(decimals)));
  return { ticks, domain: [ticks[0], ticks[ticks.length - 1]] };
}

/** Decimals a step needs to be written exactly: 0.25 -> 2, 2.5 -> 1, 100 -> 0. */
export function stepDecimals(step: number): number {
  if (!Number.isFinite(step) || step <= 0) return 0;
  const text = Number(step.toPrecision(6)).toFixed(10).replace(/0+$/, '');
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** A tick label: thousands as 1k / 2.5k on coarse axes, else the decimals the step needs. */
export function formatTick(v: number, step: number): string {
  if (Math.abs(v) >= 1000 && step >= 100) return `${Number((v / 1000).toFixed(3))}k`;
  return v.toFixed(stepDecimals(step));
}

export interface Band {
  /** Left edge of each group. */
  groupX: number[];
  groupWidth: number;
  /** Left edge of series s inside a group, relative to the group. */
  barOffset: (s: number) => number;
  barWidth: number;
}

/**
 * Grouped bars across `width`: each group takes an equal slot with `groupPad` (share of the slot) left
 * empty, split between its `series` bars (a small gap between bars). Bars are capped at `maxBar` pixels so a
 * chart with two bars does not draw two slabs.
 */
export function bandLayout(groups: number, series: number, width: number, groupPad = 0.25, maxBar = 56): Band {
  const g = Math.max(1, groups);
  const s = Math.max(1, series);
  const slot = width / g;
  const inner = slot * (1 - groupPad);
  const gap = s > 1 ? Math.min(3, inner / s / 5) : 0;
  const barWidth = Math.max(1, Math.min(maxBar, (inner - gap * (s - 1)) / s));
  const used = barWidth * s + gap * (s - 1);
  const lead = (slot - used) / 2;
  return {
    groupX: Array.from({ length: g }, (_, i) => i * slot),
    groupWidth: slot,
    barOffset: (k: number) => lead + k * (barWidth + gap),
    barWidth,
  };
}

/**
 * Twelve categorical colours (Tableau 10 plus two), each readable as a bar on white and distinct from its
 * neighbours; the darker ones first so small sets look calm.
 */
export const PALETTE: readonly string[] = [
  '#2c5bd4', '#e8730c', '#17894f', '#c2304a', '#7b52c4', '#8c5a3c',
  '#d14fa6', '#5f6b7a', '#9a9d12', '#1797a8', '#b8860b', '#4a4fb0',
];

function hashKey(key: string): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * A colour per source key: each key prefers the palette slot its hash names (so a tokenizer keeps its
 * colour from run to run), taking the next free slot when another key of this set already has it. With
 * more keys than colours the palette repeats.
 */
export function colorsFor(keys: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const taken = new Set<number>();
  for (const key of keys) {
    if (out.has(key)) continue;
    let slot = hashKey(key) % PALETTE.length;
    if (taken.size < PALETTE.length) {
      while (taken.has(slot)) slot = (slot + 1) % PALETTE.length;
      taken.add(slot);
    }
    out.set(key, PALETTE[slot]);
  }
  return out;
}

/** An SVG element's markup as a standalone file (the XML prolog, the namespace when missing). */
export function svgFile(markup: string): string {
  const withNs = /^<svg[^>]*\sxmlns=/.test(markup) ? markup : markup.replace(/^<svg/, '<svg xmlns="http://www.w3.org/2000/svg"');
  return `<?xml version="1.0" encoding="UTF-8"?>\n${withNs}\n`;
}

/** A file-name-safe slug: "Boundary F1 per gold set" -> "boundary-f1-per-gold-set". */
export function slug(s: string): string {
  return (
    s
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'chart'
  );
}

/** Width of a label in px at `fontPx`, estimated (SVG text cannot be measured before it is drawn). */
export function textWidth(text: string, fontPx = 11): number {
  let w = 0;
  for (const ch of text) w += /[iljtf.,:;'|!() ]/.test(ch) ? 0.32 : /[A-ZMmWw%#@]/.test(ch) ? 0.78 : 0.56;
  return w * fontPx;
}

/** The label cut with "…" to fit `maxPx`. */
export function fitText(text: string, maxPx: number, fontPx = 11): string {
  if (textWidth(text, fontPx) <= maxPx) return text;
  const chars = [...text];
  while (chars.length > 1 && textWidth(chars.join('') + '…', fontPx) > maxPx) chars.pop();
  return chars.join('') + '…';
}

export interface LegendItem {
  x: number;
  y: number;
  label: string;
}

/** Legend entries (swatch + label) flowed left to right in rows of `width`; returns the rows' height too. */
export function legendLayout(labels: readonly string[], width: number, fontPx = 11, rowHeight = 18): { items: LegendItem[]; height: number } {
  const swatch = 14;
  const gap = 18;
  const items: LegendItem[] = [];
  let x = 0;
  let y = 0;
  for (const raw of labels) {
    const label = fitText(raw, Math.max(60, width - swatch - 6), fontPx);
    const w = swatch + 6 + textWidth(label, fontPx);
    if (x > 0 && x + w > width) {
      x = 0;
      y += rowHeight;
    }
    items.push({ x, y, label });
    x += w + gap;
  }
  return { items, height: labels.length === 0 ? 0 : y + rowHeight };
}

/** Words flowed into at most `maxLines` lines of `maxPx`; the last line ends in "…" when text is left over. */
export function wrapText(text: string, maxPx: number, fontPx = 11, maxLines = 2): string[] {
  const lines: string[] = [];
  let line = '';
  const words = text.split(/\s+/).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const next = line ? `${line} ${words[i]}` : words[i];
    if (!line || textWidth(next, fontPx) <= maxPx) {
      line = next;
      continue;
    }
    lines.push(line);
    line = words[i];
    if (lines.length === maxLines) {
      lines[maxLines - 1] = fitText(`${lines[maxLines - 1]} ${words.slice(i).join(' ')}`, maxPx, fontPx);
      return lines;
    }
  }
  if (line) lines.push(fitText(line, maxPx, fontPx));
  return lines;
}

/** The drawing width every report chart shares (exported files come out the same size). */
export const CHART_WIDTH = 640;
export const CHART_FONT = 'system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif';

/** Nice ticks with the distance between two of them (1 when there is a single tick). */
export function stepTicks(min: number, max: number, count = 5): { ticks: number[]; domain: [number, number]; step: number } {
  const t = niceTicks(min, max, count);
  return { ...t, step: t.ticks.length > 1 ? t.ticks[1] - t.ticks[0] : 1 };
}
