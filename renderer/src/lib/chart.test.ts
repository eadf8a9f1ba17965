import { describe, it, expect } from 'vitest';
import { bandLayout, colorsFor, fitText, formatTick, legendLayout, linearScale, niceStep, niceTicks, PALETTE, slug, stepDecimals, svgFile, wrapText } from './chart';

describe('linearScale', () => {
  it('maps the domain onto the range, inverted ranges included', () => {
    const y = linearScale([0, 10], [200, 0]);
    expect(y(0)).toBe(200);
    expect(y(10)).toBe(0);
    expect(y(2.5)).toBe(150);
  });
  it('puts everything mid-range for a flat domain', () => {
    expect(linearScale([3, 3], [0, 100])(3)).toBe(50);
  });
});

describe('niceTicks', () => {
  it('chooses steps of 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceStep(10, 5)).toBe(2);
    expect(niceStep(1, 4)).toBe(0.25);
    expect(niceStep(7000, 5)).toBe(2000);
    expect(niceStep(0.3, 5)).toBe(0.1);
  });
  it('covers the values and extends the domain to the outer ticks', () => {
    expect(niceTicks(0, 2.3, 5)).toEqual({ ticks: [0, 0.5, 1, 1.5, 2, 2.5], domain: [0, 2.5] });
    expect(niceTicks(1.12, 1.87, 4)).toEqual({ ticks: [1, 1.2, 1.4, 1.6, 1.8, 2], domain: [1, 2] });
  });
  it('writes ticks without floating-point noise', () => {
    expect(niceTicks(0, 0.7, 7).ticks).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]);
  });
  it('still gives an axis for no range or a flat one', () => {
    expect(niceTicks(0, 0).domain).toEqual([0, 1]);
    expect(niceTicks(4, 4).domain[0]).toBe(0);
    expect(niceTicks(4, 4).domain[1]).toBeGreaterThanOrEqual(4);
    expect(niceTicks(NaN, NaN).domain).toEqual([0, 1]);
  });
});

describe('tick labels', () => {
  it('uses the decimals of the step', () => {
    expect(stepDecimals(0.25)).toBe(2);
    expect(stepDecimals(2.5)).toBe(1);
    expect(stepDecimals(100)).toBe(0);
    expect(formatTick(0.5, 0.25)).toBe('0.50');
    expect(formatTick(1.2, 0.2)).toBe('1.2');
  });
  it('writes thousands as k on coarse axes', () => {
    expect(formatTick(2000, 1000)).toBe('2k');
    expect(formatTick(2500, 500)).toBe('2.5k');
    expect(formatTick(120, 20)).toBe('120');
  });
});

describe('bandLayout', () => {
  it('splits each group slot between its bars, centred, with equal groups', () => {
    const b = bandLayout(2, 3, 400, 0.25, 1000);
    expect(b.groupX).toEqual([0, 200]);
    expect(b.groupWidth).toBe(200);
    const used = b.barWidth * 3 + 2 * (b.barOffset(1) - b.barOffset(0) - b.barWidth);
    expect(b.barOffset(0) * 2 + used).toBeCloseTo(200, 6); // as much room left as right
    expect(b.barOffset(2)).toBeGreaterThan(b.barOffset(1));
    expect(b.barOffset(2) + b.barWidth).toBeLessThanOrEqual(200);
  });
  it('caps a bar so a chart of few bars has no slabs', () => {
    expect(bandLayout(2, 1, 700, 0.25, 56).barWidth).toBe(56);
  });
});

describe('colorsFor', () => {
  it('gives every key of a set its own colour, the same whatever else is in the set', () => {
    const a = colorsFor(['v1', 'v2', 'o:o200k_base']);
    expect(new Set(a.values()).size).toBe(3);
    const b = colorsFor(['o:o200k_base', 'v9']);
    expect(b.get('o:o200k_base')).toBe(a.get('o:o200k_base'));
  });
  it('never repeats a colour while the palette lasts', () => {
    const keys = Array.from({ length: PALETTE.length }, (_, i) => `v${i + 1}`);
    expect(new Set(colorsFor(keys).values()).size).toBe(PALETTE.length);
  });
});

describe('labels and legends', () => {
  it('cuts a label with an ellipsis to fit', () => {
    expect(fitText('short', 200)).toBe('short');
    const cut = fitText('a very long tokenizer label indeed', 60);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.length).toBeLessThan(20);
  });
  it('flows legend entries into rows', () => {
    const one = legendLayout(['#1 a', '#2 b'], 600);
    expect(one.height).toBe(18);
    expect(one.items[1].x).toBeGreaterThan(0);
    const wrapped = legendLayout(['#1 a long tokenizer name', '#2 another long tokenizer name', '#3 and one more'], 260);
    expect(wrapped.items[1].y).toBeGreaterThan(0);
    expect(wrapped.height).toBeGreaterThan(18);
    expect(legendLayout([], 600).height).toBe(0);
  });
});

describe('files', () => {
  it('makes a standalone SVG file with the namespace', () => {
    expect(svgFile('<svg viewBox="0 0 1 1"></svg>')).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"></svg>\n');
    expect(svgFile('<svg xmlns="http://www.w3.org/2000/svg"></svg>')).toContain('<svg xmlns="http://www.w3.org/2000/svg"></svg>');
  });
  it('slugs chart names for file names', () => {
    expect(slug('Token premium: FLORES tr/en (Türkçe)')).toBe('token-premium-flores-tr-en-turkce');
    expect(slug('***')).toBe('chart');
  });
});

describe('wrapText', () => {
  it('flows words into lines that fit, and cuts what does not fit in the last one', () => {
    expect(wrapText('short caption', 300)).toEqual(['short caption']);
    const lines = wrapText('one two three four five six seven eight nine ten eleven twelve', 80, 11, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1].endsWith('…')).toBe(true);
    const all = wrapText('one two three four', 40, 11, 10);
    expect(all.join(' ')).toBe('one two three four');
    expect(all.length).toBeGreaterThan(1);
  });
});
