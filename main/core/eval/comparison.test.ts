import { describe, expect, it } from 'vitest';
import type { EvalComparison, EvalResult, EvalTokenizerResult } from '../../api/contract';
import { EvalComparison as EvalComparisonSchema } from '../../api/contract';
import { compareEvaluations, matchTokenizers } from './comparison';
import { exportComparison, formatDelta, formatValue } from './comparisonExport';
import { BOUNDARY_METRICS, PREMIUM_METRICS, TOKENIZER_METRICS } from './metrics';

const prf = (precision: number, recall: number, f1: number) => ({ precision, recall, f1 });
const sha = (c: string) => c.repeat(64);

function tok(over: Partial<EvalTokenizerResult> & Pick<EvalTokenizerResult, 'source' | 'label'>): EvalTokenizerResult {
  return {
    kind: 'bpe', vocabSize: 600, configHash: null, compression: null, renyi: null, alignment: null, roundTrip: null,
    throughputMBs: null, boundaries: [], premium: [], error: null, ...over,
  };
}
const compression = (tokensPerWord: number, wholeWordRate = 0.4) => ({
  lines: 10, words: 100, tokens: 100 * tokensPerWord, chars: 600, bytes: 650, tokensPerWord,
  charsPerToken: 6 / tokensPerWord, bytesPerToken: 6.5 / tokensPerWord, wholeWords: 100 * wholeWordRate, wholeWordRate,
});
const renyi = (efficiency: number, alpha = 2.5) => ({ alpha, efficiency, shannonEfficiency: 0.6, utilisation: 0.5, typesUsed: 300 });
const bounds = (goldSetId: number, f1: number, over = 2) => ({ goldSetId, name: 'g', words: 10, tp: 5, fp: 1, fn: 1, micro: prf(0.8, 0.7, f1), macro: prf(0.7, 0.7, 0.7), overSegmented: over, underSegmented: 1, exact: 4 });
const premium = (setId: number, pivot: string, tr: number | null) => ({
  parallelSetId: setId, name: 'p', pivot,
  languages: [
    { language: pivot, premium: 1, tokens: 10, pivotTokens: 10, rows: 3, skipped: 0 },
    { language: pivot === 'en' ? 'tr' : 'en', premium: tr, tokens: 15, pivotTokens: 10, rows: 3, skipped: 0 },
  ],
});

const gold = { id: 7, name: 'g', format: 'tsv', sha256: sha('a'), entries: 10 };
const par = { id: 3, name: 'p', sha256: sha('b'), rows: 3, languages: ['en', 'tr'] };
const corpus = { id: 1, name: 'c', sha256: sha('c'), language: 'tr', lines: 100, sampledLines: 50 };

function run(id: number, over: Partial<EvalResult> = {}, inputs: Partial<EvalResult['inputs']> = {}): EvalResult {
  return {
    id, name: `run ${id}`, createdAt: '2025-03-01T10:00:00.000Z', durationMs: 1000,
    config: { sampleLines: 50, seed: 1, renyiAlpha: 2.5, pivot: null, curveSizes: null },
    inputs: { corpus, goldSets: [gold], parallelSets: [], dictionary: null, tokenizers: [], ...inputs },
    tokenizers: [],
    curve: null,
    ...over,
  };
}

const bpeA = tok({ source: { kind: 'version', id: 1 }, label: '#1 bpe', configHash: 'h1', compression: compression(2), renyi: renyi(0.4), roundTrip: { lines: 50, exact: 50, rate: 1 }, boundaries: [bounds(7, 0.5)] });
const hybA = tok({ source: { kind: 'version', id: 2 }, label: '#2 hybrid', kind: 'hybrid', configHash: 'h2', compression: compression(1.6), renyi: renyi(0.45), boundaries: [bounds(7, 0.9)] });
const o200 = tok({ source: { kind: 'openai', name: 'o200k_base' }, label: 'OpenAI o200k_base', kind: 'openai', vocabSize: 200_019, compression: compression(2.2), boundaries: [bounds(7, 0.3)] });

const cellOf = (c: EvalComparison, row: string, key: string) => {
  const t = c.tokenizers.find((x) => x.label === row)!;
  const i = c.measures.findIndex((m) => m.key === key);
  expect(i, `measure ${key}`).toBeGreaterThanOrEqual(0);
  return t.cells[i];
};

describe('comparing two evaluation runs', () => {
  it('pairs tokenizers by source, config hash, then a unique name; the rest stay in one run', () => {
    const a = [bpeA, hybA, o200, tok({ source: { kind: 'version', id: 4 }, label: '#4 imported', configHash: 'hx' }), tok({ source: { kind: 'version', id: 6 }, label: '#6 twin' }), tok({ source: { kind: 'version', id: 7 }, label: '#7 twin' })];
    const b = [
      tok({ source: { kind: 'openai', name: 'o200k_base' }, label: 'OpenAI o200k_base' }),
      tok({ source: { kind: 'version', id: 5 }, label: '#5 hybrid', kind: 'hybrid', configHash: 'h5' }), // retrained: new hash, same name
      tok({ source: { kind: 'version', id: 9 }, label: '#9 re-imported', configHash: 'hx' }), // the same file imported again
      tok({ source: { kind: 'version', id: 1 }, label: '#1 bpe', configHash: 'h1' }),
      tok({ source: { kind: 'version', id: 8 }, label: '#8 twin' }), // two "twin"s in A: ambiguous, not paired
      tok({ source: { kind: 'openai', name: 'cl100k_base' }, label: 'OpenAI cl100k_base' }),
    ];
    const pairs = matchTokenizers(a, b).map((p) => [p.a?.label ?? null, p.b?.label ?? null, p.by]);
    expect(pairs).toEqual([
      ['#1 bpe', '#1 bpe', 'source'],
      ['#2 hybrid', '#5 hybrid', 'name'],
      ['OpenAI o200k_base', 'OpenAI o200k_base', 'source'],
      ['#4 imported', '#9 re-imported', 'config'],
      ['#6 twin', null, null],
      ['#7 twin', null, null],
      [null, '#8 twin', null],
      [null, 'OpenAI cl100k_base', null],
    ]);
    // A name shared by versions of different kinds is no pairing.
    const bpeNamedHybrid = tok({ source: { kind: 'version', id: 5 }, label: '#5 hybrid', kind: 'bpe' });
    expect(matchTokenizers([hybA], [bpeNamedHybrid]).map((p) => p.by)).toEqual([null, null]);
  });

  it('gives A, B and B − A per metric, judged by the metric direction', () => {
    const a = run(1, { tokenizers: [bpeA, hybA] });
    const b = run(2, {
      tokenizers: [
        tok({ ...bpeA, compression: compression(1.8, 0.5), renyi: renyi(0.4), roundTrip: { lines: 50, exact: 49, rate: 0.98 }, boundaries: [bounds(7, 0.6, 1)] }),
        tok({ ...hybA, source: { kind: 'version', id: 5 }, label: '#5 hybrid', configHash: 'h5' }),
      ],
    });
    const c = compareEvaluations(a, b);
    expect(EvalComparisonSchema.parse(c)).toEqual(c);
    expect(c.tokenizers.map((t) => [t.label, t.matchedBy])).toEqual([['#1 bpe', 'source'], ['#2 hybrid → #5 hybrid', 'name']]);
    expect(c.notices).toEqual([{ level: 'info', kind: 'tokenizers', text: '#2 hybrid (run A) and #5 hybrid (run B) are different versions of the same name, compared as one tokenizer' }]);

    // Fewer tokens per word is better; fewer whole words would be worse.
    expect(cellOf(c, '#1 bpe', 'tokens_per_word')).toEqual({ measure: 'tokens_per_word', a: 2, b: 1.8, delta: expect.closeTo(-0.2, 12), relative: expect.closeTo(-0.1, 12), change: 'better', note: null });
    expect(cellOf(c, '#1 bpe', 'whole_word_rate')).toMatchObject({ a: 0.4, b: 0.5, delta: expect.closeTo(0.1, 12), change: 'better' });
    expect(cellOf(c, '#1 bpe', 'round_trip_rate')).toMatchObject({ delta: expect.closeTo(-0.02, 12), change: 'worse' });
    expect(cellOf(c, '#1 bpe', 'renyi_efficiency')).toMatchObject({ delta: 0, relative: 0, change: 'same' });
    // No direction: a change is reported, not judged.
    expect(cellOf(c, '#1 bpe', 'vocab_utilisation')).toMatchObject({ delta: 0, change: 'same' });
    expect(cellOf(c, '#1 bpe', 'gold0:boundary_f1')).toMatchObject({ a: 0.5, b: 0.6, change: 'better' });
    expect(cellOf(c, '#1 bpe', 'gold0:over_segmented')).toMatchObject({ a: 2, b: 1, delta: -1, relative: -0.5, change: 'better' });
    // The hybrid has no round trip in either run: a measure stays (bpe has it), its cell says why it is empty.
    expect(cellOf(c, '#2 hybrid → #5 hybrid', 'round_trip_rate')).toMatchObject({ a: null, b: null, delta: null, note: 'not measured in run A; not measured in run B' });
    // Nobody measured alignment (no dictionary) or throughput: those measures are left out.
    expect(c.measures.map((m) => m.metric)).not.toContain('language_token_pct');
    expect(c.measures.map((m) => m.metric)).not.toContain('throughput_mb_s');
    const f1 = c.measures.find((m) => m.key === 'gold0:boundary_f1')!;
    expect(f1).toEqual({ key: 'gold0:boundary_f1', metric: 'boundary_f1', label: 'Boundary F1', help: expect.any(String), unit: 'number', better: 'higher', group: 'gold', set: 'g', language: null });
  });

  it('says why a metric is missing: no gold set, no dictionary, a failed tokenizer, a tokenizer in one run only', () => {
    const withDict = { id: 4, name: 'tr', stamp: '4:abc' };
    const a = run(1, { tokenizers: [bpeA, o200] }, { goldSets: [] });
    const b = run(2, {
      tokenizers: [
        tok({ ...bpeA, alignment: { tokens: { counted: 10, language: 5, pure: 4, languagePct: 50, purePct: 40 }, types: { counted: 5, language: 2, pure: 1, languagePct: 40, purePct: 20 } } }),
        tok({ ...o200, compression: null, boundaries: [], error: 'could not load' }),
        tok({ source: { kind: 'version', id: 3 }, label: '#3 new', compression: compression(1.5), boundaries: [bounds(7, 0.7)] }),
      ],
    }, { dictionary: withDict });
    const c = compareEvaluations(a, b);
    expect(c.notices.filter((n) => n.level === 'warning').map((n) => n.kind)).toEqual(['gold', 'dictionary']);
    expect(c.notices[0].text).toBe('gold set "g" is only in run B: its boundary scores have nothing to compare with');
    expect(c.notices.at(-1)).toEqual({ level: 'info', kind: 'tokenizers', text: 'only in run B: #3 new' });
    expect(cellOf(c, '#1 bpe', 'gold0:boundary_f1')).toMatchObject({ a: null, b: 0.5, delta: null, change: null, note: 'run A had no gold set "g"' });
    expect(cellOf(c, '#1 bpe', 'language_token_pct')).toMatchObject({ a: null, b: 50, note: 'run A had no dictionary' });
    expect(cellOf(c, 'OpenAI o200k_base', 'tokens_per_word')).toMatchObject({ a: 2.2, b: null, note: 'failed in run B' });
    expect(c.tokenizers.find((t) => t.label === 'OpenAI o200k_base')!.b!.error).toBe('could not load');
    expect(cellOf(c, '#3 new', 'tokens_per_word')).toMatchObject({ a: null, b: 1.5, note: 'not in run A' });
    expect(c.tokenizers.find((t) => t.label === '#3 new')).toMatchObject({ key: '-~v3', matchedBy: null, a: null });
  });

  it('warns when the runs measured different data, and does not subtract across different α or pivots', () => {
    const otherCorpus = { ...corpus, id: 2, name: 'c2', sha256: sha('d') };
    const a = run(1, { tokenizers: [tok({ ...bpeA, premium: [premium(3, 'en', 1.5)] })] }, { parallelSets: [par] });
    const b = run(2, { config: { ...a.config, renyiAlpha: 1 }, tokenizers: [tok({ ...bpeA, renyi: renyi(0.5, 1), boundaries: [bounds(8, 0.5)], premium: [premium(3, 'tr', 0.7)] })] }, {
      corpus: otherCorpus,
      goldSets: [{ ...gold, id: 8, name: 'g-again' }], // the same file imported again: same sha256, other id
      parallelSets: [par],
    });
    const c = compareEvaluations(a, b);
    expect(c.notices.map((n) => [n.level, n.kind])).toEqual([['warning', 'corpus'], ['warning', 'alpha'], ['warning', 'parallel']]);
    expect(c.notices[0].text).toContain('different corpora: run A sampled "c"');
    // The gold set pairs by content, named by both names.
    expect(cellOf(c, '#1 bpe', 'gold0:boundary_f1')).toMatchObject({ a: 0.5, b: 0.5, change: 'same' });
    expect(c.measures.find((m) => m.key === 'gold0:boundary_f1')!.set).toBe('g / g-again');
    expect(cellOf(c, '#1 bpe', 'renyi_efficiency')).toMatchObject({ a: 0.4, b: 0.5, delta: null, change: null, note: 'α differs (2.5 in A, 1 in B)' });
    // Pivot en in A, tr in B: both languages have a value somewhere, none is subtracted.
    expect(c.measures.filter((m) => m.group === 'parallel').map((m) => m.key)).toEqual(['parallel0:en:token_premium', 'parallel0:tr:token_premium']);
    expect(cellOf(c, '#1 bpe', 'parallel0:tr:token_premium')).toMatchObject({ a: 1.5, b: 1, delta: null, note: 'pivot differs (en in A, tr in B)' });

    const sameCorpusOtherSample = compareEvaluations(a, run(3, { config: { ...a.config, seed: 2 }, tokenizers: [bpeA] }, { parallelSets: [par] }));
    expect(sameCorpusOtherSample.notices[0]).toEqual({ level: 'warning', kind: 'sample', text: 'different samples of "c": 50 lines with seed 1 in run A, 50 lines with seed 2 in run B' });
    // A gold set edited in place (same id, new content) is compared, with a warning.
    const edited = compareEvaluations(a, run(4, { tokenizers: [bpeA] }, { goldSets: [{ ...gold, sha256: sha('e'), entries: 12 }], parallelSets: [par] }));
    expect(edited.notices.map((n) => n.text)).toContain(`gold set "g" changed between the runs (10 → 12 words, sha256 ${sha('a').slice(0, 12)} → ${sha('e').slice(0, 12)}): the boundary scores are on different words`);
  });

  it('premium: lower is better, a language without rows says so', () => {
    const a = run(1, { tokenizers: [tok({ ...bpeA, premium: [premium(3, 'en', 1.5)] })] }, { parallelSets: [par] });
    const b = run(2, { tokenizers: [tok({ ...bpeA, premium: [premium(3, 'en', 1.2)] }), tok({ ...hybA, premium: [premium(3, 'en', null)] })] }, { parallelSets: [par] });
    const c = compareEvaluations(a, b);
    expect(c.measures.filter((m) => m.group === 'parallel').map((m) => m.key)).toEqual(['parallel0:tr:token_premium']);
    expect(cellOf(c, '#1 bpe', 'parallel0:tr:token_premium')).toMatchObject({ delta: expect.closeTo(-0.3, 12), change: 'better' });
    expect(cellOf(c, '#2 hybrid', 'parallel0:tr:token_premium')).toMatchObject({ note: 'not in run A; no rows with both sides in run B' });
  });

  it('refuses to compare a run with itself', () => {
    expect(() => compareEvaluations(run(3), run(3))).toThrow('evaluation #3 cannot be compared with itself: pick two different runs');
  });

  it('keeps each metric direction in one place, with unique ids', () => {
    const all = [...TOKENIZER_METRICS, ...BOUNDARY_METRICS, ...PREMIUM_METRICS];
    expect(new Set(all.map((m) => m.id)).size).toBe(all.length);
    const better = Object.fromEntries(all.map((m) => [m.id, m.better]));
    expect(better).toMatchObject({ tokens_per_word: 'lower', chars_per_token: 'higher', boundary_f1: 'higher', over_segmented: 'lower', token_premium: 'lower', vocab_utilisation: null });
  });
});

describe('exporting a comparison', () => {
  const a = run(1, { name: 'before, "quoted"', tokenizers: [bpeA, o200] });
  const b = run(2, { name: 'after | piped', tokenizers: [tok({ ...bpeA, compression: compression(1.8) })] }, { goldSets: [] });
  const c = compareEvaluations(a, b);

  it('writes long-form CSV, one row per tokenizer and measure', () => {
    const { content, fileName } = exportComparison(c, 'csv');
    expect(fileName).toBe('comparison-1-vs-2.csv');
    const lines = content.trimEnd().split('\n');
    expect(lines[0]).toBe('run_a,run_b,tokenizer,tokenizer_a,tokenizer_b,matched_by,metric,set,language,better,value_a,value_b,delta,change,note');
    expect(lines).toHaveLength(1 + c.tokenizers.length * c.measures.length);
    expect(lines).toContain(`1,2,#1 bpe,#1 bpe,#1 bpe,source,tokens_per_word,,,lower,2,1.8,${1.8 - 2},better,`);
    expect(lines).toContain('1,2,OpenAI o200k_base,OpenAI o200k_base,,,boundary_f1,g,,higher,0.3,,,,not in run B');
    expect(lines).toContain('1,2,#1 bpe,#1 bpe,#1 bpe,source,boundary_f1,g,,higher,0.5,,,,"run B had no gold set ""g"""');
  });

  it('writes Markdown: the inputs of both runs, the differences first, a table per tokenizer', () => {
    const md = exportComparison(c, 'md').content;
    expect(md.startsWith('# Evaluation #1 (A) against #2 (B)\n')).toBe(true);
    expect(md).toContain('| Evaluation | #1 before, "quoted" | #2 after \\| piped |');
    expect(md).toContain('**The runs differ in their inputs');
    expect(md).toContain('- gold set "g" is only in run A');
    expect(md).toContain('## #1 bpe\n\nbpe, 600 tokens in run A; bpe, 600 tokens in run B.');
    expect(md).toContain(`| Tokens / word ↓ | 2.000 | 1.800 | ${'\u2212'}0.200 (${'\u2212'}10.0%) | better |  |`);
    expect(md).toContain('| Boundary F1 · g ↑ | 0.500 | — | — |  | run B had no gold set "g" |');
    expect(md).toContain('## OpenAI o200k_base\n\nopenai, 200,019 tokens in run A; not in run B.');
  });

  it('writes the comparison as JSON', () => {
    expect(JSON.parse(exportComparison(c, 'json').content)).toEqual(c);
  });

  it('formats shares in percentage points and counts as whole numbers', () => {
    expect(formatValue({ unit: 'fraction' }, 0.4)).toBe('40.0%');
    expect(formatDelta({ unit: 'fraction' }, 0.012, 0.03)).toBe('+1.2 pp');
    expect(formatDelta({ unit: 'percent' }, -3, -0.1)).toBe('\u22123.0 pp');
    expect(formatDelta({ unit: 'count' }, 12, null)).toBe('+12');
    expect(formatDelta({ unit: 'number' }, 0, 0)).toBe('0');
    expect(formatDelta({ unit: 'number' }, 0.00042, 0.00014)).toBe('+0.00042 (+0.014%)');
    expect(formatValue({ unit: 'count' }, 1234)).toBe('1,234');
  });
});
