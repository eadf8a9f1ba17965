import { describe, expect, it } from 'vitest';
import type { EvalCompareCell, EvalCompareMeasure, EvalComparison } from '../../../main/api/contract';
import { compareBars, compareOrder, defaultMeasure, formatCompareDelta, formatCompareValue, measureTitle, shortTokenizerLabel, toggleCompare } from './evalCompare';

const measure = (over: Partial<EvalCompareMeasure> & Pick<EvalCompareMeasure, 'key' | 'metric'>): EvalCompareMeasure => ({
  label: over.metric, help: 'help', unit: 'number', better: 'higher', group: 'sample', set: null, language: null, ...over,
});
const cell = (m: string, a: number | null, b: number | null, over: Partial<EvalCompareCell> = {}): EvalCompareCell => ({
  measure: m, a, b, delta: a !== null && b !== null ? b - a : null, relative: null, change: null, note: null, ...over,
});
const run = (id: number) => ({ id, name: `run ${id}`, createdAt: '', corpus: null, sampledLines: null, seed: 1, renyiAlpha: 2.5, goldSets: [], parallelSets: [], dictionary: null });

const comparison: EvalComparison = {
  a: run(1),
  b: run(2),
  notices: [],
  measures: [
    measure({ key: 'whole_word_rate', metric: 'whole_word_rate', label: 'Whole words', unit: 'fraction' }),
    measure({ key: 'gold0:boundary_f1', metric: 'boundary_f1', label: 'Boundary F1', group: 'gold', set: 'gold.tsv' }),
  ],
  tokenizers: [
    { key: 'v1~v1', label: '#1 bpe', matchedBy: 'source', a: null, b: null, cells: [cell('whole_word_rate', 0.4, 0.5), cell('gold0:boundary_f1', 0.5, 0.6)] },
    { key: 'v2~-', label: '#2 hybrid', matchedBy: null, a: null, b: null, cells: [cell('whole_word_rate', 0.3, null), cell('gold0:boundary_f1', 0.9, null)] },
    { key: '-~o:cl100k_base', label: 'OpenAI cl100k_base', matchedBy: null, a: null, b: null, cells: [cell('whole_word_rate', null, null), cell('gold0:boundary_f1', null, 0.2)] },
  ],
};

describe('comparing two runs in Reports', () => {
  it('ticks at most two runs, the older one as A', () => {
    expect(toggleCompare([], 3)).toEqual([3]);
    expect(toggleCompare([3], 1)).toEqual([3, 1]);
    expect(toggleCompare([3, 1], 5)).toEqual([1, 5]);
    expect(toggleCompare([3, 1], 3)).toEqual([1]);
    expect(compareOrder([5, 2])).toEqual({ a: 2, b: 5 });
    expect(compareOrder([5])).toBeNull();
  });

  it('formats values and signed differences by unit', () => {
    expect(formatCompareValue({ unit: 'fraction' }, 0.4321)).toBe('43.2%');
    expect(formatCompareValue({ unit: 'percent' }, 43.21)).toBe('43.2%');
    expect(formatCompareValue({ unit: 'count' }, 1234)).toBe('1,234');
    expect(formatCompareValue({ unit: 'number' }, null)).toBe('—');
    expect(formatCompareDelta({ unit: 'number' }, { delta: -0.12, relative: -0.061 })).toBe('\u22120.12 (\u22126.1%)');
    expect(formatCompareDelta({ unit: 'count' }, { delta: 3, relative: null })).toBe('+3');
    expect(formatCompareDelta({ unit: 'fraction' }, { delta: 0.015, relative: 0.03 })).toBe('+1.5 pp');
    expect(formatCompareDelta({ unit: 'number' }, { delta: 0, relative: 0 })).toBe('0');
    // A small change keeps its digits instead of reading as 0.
    expect(formatCompareDelta({ unit: 'number' }, { delta: 0.0004, relative: 0.00014 })).toBe('+0.0004 (+0.014%)');
    expect(formatCompareDelta({ unit: 'number' }, { delta: null, relative: null })).toBe('—');
    expect(measureTitle({ label: 'Token premium', set: 'flores', language: 'tr' })).toBe('Token premium · flores · tr');
  });

  it('draws run A beside run B per tokenizer, shares in percent, tokenizers without a value left out', () => {
    const bars = compareBars(comparison, 'whole_word_rate');
    expect(bars.unit).toBe('%');
    expect(bars.groups.map((g) => [g.label, g.bars.map((b) => [b.key, b.value])])).toEqual([
      ['#1 bpe', [['a', 40], ['b', 50]]],
      ['#2 hybrid', [['a', 30]]],
    ]);
    expect(bars.series.map((s) => s.label)).toEqual(['A: #1 run 1', 'B: #2 run 2']);
    expect(bars.caption).toContain('higher is better');
    const f1 = compareBars(comparison, 'gold0:boundary_f1');
    expect(f1.title).toBe('Boundary F1 · gold.tsv');
    expect(f1.groups.at(-1)).toMatchObject({ label: 'OpenAI cl100k_base', bars: [{ key: 'b', value: 0.2 }] });
    expect(compareBars(comparison, 'nope').groups).toEqual([]);
  });

  it('picks fertility, else boundary F1, for the first chart; shortens paired labels', () => {
    expect(defaultMeasure(comparison)).toBe('gold0:boundary_f1');
    expect(defaultMeasure({ measures: [] })).toBeNull();
    expect(shortTokenizerLabel('#2 e2e-hybrid → #5 e2e-hybrid')).toBe('#2 → #5 e2e-hybrid');
    expect(shortTokenizerLabel('#2 a → #5 b')).toBe('#2 a → #5 b');
  });
});
