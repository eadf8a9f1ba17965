import { describe, it, expect } from 'vitest';
import type { EvalResult, EvalTokenizerResult } from '../../../main/api/contract';
import { boundaryBars, curveData, formatMetric, headerGroups, measuredMetrics, metric, metricBars, premiumBars, shortLabel, tableRows } from './evalReport';

const prf = (precision: number, recall: number, f1: number) => ({ precision, recall, f1 });
const share = (languagePct: number, purePct: number) => ({ counted: 100, language: languagePct, pure: purePct, languagePct, purePct });

function tok(over: Partial<EvalTokenizerResult> & Pick<EvalTokenizerResult, 'source' | 'label'>): EvalTokenizerResult {
  return {
    kind: 'bpe', vocabSize: 600, configHash: 'abc', compression: null, renyi: null, alignment: null, roundTrip: null,
    throughputMBs: null, boundaries: [], premium: [], error: null, ...over,
  };
}

const compression = (tokensPerWord: number) => ({ lines: 10, words: 100, tokens: 100 * tokensPerWord, chars: 600, bytes: 650, tokensPerWord, charsPerToken: 600 / (100 * tokensPerWord), bytesPerToken: 650 / (100 * tokensPerWord), wholeWords: 40, wholeWordRate: 0.4 });
const bounds = (f1: number) => ({ goldSetId: 7, name: 'gold', words: 10, tp: 1, fp: 1, fn: 1, micro: prf(0.5, 0.6, f1), macro: prf(0.4, 0.4, 0.4), overSegmented: 1, underSegmented: 2, exact: 3 });
const premium = (hu: number | null) => ({ parallelSetId: 3, name: 'par', pivot: 'en', languages: [
  { language: 'en', premium: 1, tokens: 10, pivotTokens: 10, rows: 2, skipped: 0 },
  { language: 'tr', premium: 1.5, tokens: 15, pivotTokens: 10, rows: 2, skipped: 0 },
  { language: 'hu', premium: hu, tokens: 0, pivotTokens: 10, rows: 0, skipped: 2 },
] });

const result: EvalResult = {
  id: 5, name: 'run', createdAt: '2025-01-01T00:00:00Z', durationMs: 1234,
  config: { sampleLines: 2000, seed: 1, renyiAlpha: 2.5, pivot: null, curveSizes: null },
  inputs: {
    corpus: { id: 1, name: 'c', sha256: 'f'.repeat(64), language: 'tr', lines: 10, sampledLines: 10 },
    goldSets: [{ id: 7, name: 'gold', format: 'tsv', sha256: 'a'.repeat(64), entries: 10 }],
    parallelSets: [{ id: 3, name: 'par', sha256: 'b'.repeat(64), rows: 2, languages: ['tr', 'en', 'hu'] }],
    dictionary: null,
    tokenizers: [],
  },
  tokenizers: [
    tok({ source: { kind: 'version', id: 1 }, label: '#1 bpe-600', compression: compression(2), renyi: { alpha: 2.5, efficiency: 0.42, shannonEfficiency: 0.6, utilisation: 0.75, typesUsed: 450 }, boundaries: [bounds(0.55)], premium: [premium(2)], roundTrip: { lines: 10, exact: 10, rate: 1 } }),
    tok({ source: { kind: 'version', id: 2 }, label: '#2 hybrid', kind: 'hybrid', vocabSize: 3000, compression: compression(1.5), alignment: { tokens: share(80, 60), types: share(70, 50) }, boundaries: [bounds(0.8)], premium: [premium(null)] }),
    tok({ source: { kind: 'openai', name: 'o200k_base' }, label: 'OpenAI o200k_base', kind: null, vocabSize: null, error: 'cannot load' }),
  ],
  curve: { versionId: 1, label: '#1 bpe-600', points: [
    { vocabSize: 600, tokensPerWord: 2, charsPerToken: 3, bytesPerToken: 3.2 },
    { vocabSize: 512, tokensPerWord: 2.2, charsPerToken: 2.7, bytesPerToken: 2.9 },
  ] },
};

describe('the result table', () => {
  it('has one row per tokenizer with metric values in display units and micro P/R/F1 per gold set', () => {
    const rows = tableRows(result);
    expect(rows.map((r) => r.label)).toEqual(['#1 bpe-600', '#2 hybrid', 'OpenAI o200k_base']);
    expect(rows[0].values.tokensPerWord).toBe(2);
    expect(rows[0].values.wholeWords).toBe(40);
    expect(rows[0].values.utilisation).toBe(75);
    expect(rows[0].values.roundTrip).toBe(100);
    expect(rows[1].values.languagePct).toBe(80);
    expect(rows[1].boundaries).toEqual([{ goldSetId: 7, precision: 0.5, recall: 0.6, f1: 0.8, exact: 3, words: 10 }]);
  });
  it('keeps the error of a failed tokenizer and no values', () => {
    const failed = tableRows(result)[2];
    expect(failed.error).toBe('cannot load');
    expect(Object.values(failed.values).every((v) => v === null)).toBe(true);
    expect(failed.boundaries).toEqual([null]);
  });
  it('shows only metrics some tokenizer measured', () => {
    const ids = measuredMetrics(result).map((m) => m.id);
    expect(ids).toContain('languagePct');
    expect(ids).not.toContain('throughput');
  });
  it('groups header cells of consecutive metrics of one group', () => {
    const ms = measuredMetrics(result);
    expect(headerGroups(ms, 'tr-starter')).toEqual([
      { label: 'On the corpus sample', span: ms.filter((m) => m.group === 'sample').length },
      { label: 'Alignment with tr-starter', span: 2 },
    ]);
    expect(headerGroups([], null)).toEqual([]);
  });
  it('formats values by their unit', () => {
    expect(formatMetric(metric('wholeWords'), 40)).toBe('40%');
    expect(formatMetric(metric('vocab'), 32000)).toBe('32,000');
    expect(formatMetric(metric('tokensPerWord'), 1.23456)).toBe('1.235');
    expect(formatMetric(metric('renyi'), null)).toBe('—');
  });
  it('drops the kind and size from compare-style labels', () => {
    expect(shortLabel('#3 tr-32k (bpe, 32,000)')).toBe('#3 tr-32k');
    expect(shortLabel('OpenAI o200k_base')).toBe('OpenAI o200k_base');
  });
});

describe('chart series', () => {
  it('gives one bar per tokenizer that has the metric, coloured like the table', () => {
    const rows = tableRows(result);
    const bars = metricBars(result, 'tokensPerWord');
    expect(bars.groups.map((g) => g.bars[0].value)).toEqual([2, 1.5]);
    expect(bars.groups[1].bars[0].color).toBe(rows[1].color);
    expect(bars.series.map((s) => s.key)).toEqual(['v1', 'v2']);
    expect(bars.caption).toContain('lower is better');
  });
  it('groups boundary F1 by gold set', () => {
    const b = boundaryBars(result);
    expect(b.groups).toHaveLength(1);
    expect(b.groups[0].bars.map((x) => [x.key, x.value])).toEqual([['v1', 0.55], ['v2', 0.8]]);
  });
  it('groups the premium by language without the pivot, skipping languages without a value', () => {
    const [p] = premiumBars(result);
    expect(p.groups.map((g) => g.label)).toEqual(['tr', 'hu']);
    expect(p.groups[0].bars.map((x) => x.value)).toEqual([1.5, 1.5]);
    expect(p.groups[1].bars.map((x) => [x.key, x.value])).toEqual([['v1', 2]]);
    expect(p.reference).toEqual({ value: 1, label: 'parity with en' });
  });
  it('sorts the curve by vocabulary size and uses the version\'s colour', () => {
    const c = curveData(result)!;
    expect(c.points).toEqual([{ x: 512, y: 2.2 }, { x: 600, y: 2 }]);
    expect(c.color).toBe(tableRows(result)[0].color);
    expect(c.logX).toBe(false);
    expect(curveData({ ...result, curve: { versionId: 1, label: 'x', points: [{ vocabSize: 512, tokensPerWord: 3, charsPerToken: 1, bytesPerToken: 1 }, { vocabSize: 8192, tokensPerWord: 2, charsPerToken: 1, bytesPerToken: 1 }] } })!.logX).toBe(true);
    expect(curveData({ ...result, curve: null })).toBeNull();
  });
});
