import { describe, expect, it } from 'vitest';
import type { EvalResult } from '../../api/contract';
import { exportEvaluation } from './export';

const prf = (p: number, r: number, f: number) => ({ precision: p, recall: r, f1: f });
const result: EvalResult = {
  id: 4,
  name: 'bpe, "quoted" | piped',
  createdAt: '2025-03-01T10:00:00.000Z',
  durationMs: 1500,
  config: { sampleLines: 2, seed: 1, renyiAlpha: 2.5, pivot: null, curveSizes: [300] },
  inputs: {
    corpus: { id: 1, name: 'c', sha256: 'a'.repeat(64), language: 'tr', lines: 10, sampledLines: 2 },
    goldSets: [{ id: 2, name: 'g', format: 'tsv', sha256: 'b'.repeat(64), entries: 3 }],
    parallelSets: [{ id: 3, name: 'p', sha256: 'c'.repeat(64), rows: 2, languages: ['en', 'tr'] }],
    dictionary: null,
    tokenizers: [],
  },
  tokenizers: [
    {
      source: { kind: 'version', id: 1 }, label: 'tok, one', kind: 'bpe', vocabSize: 300, configHash: 'h',
      compression: { lines: 2, words: 4, tokens: 6, chars: 20, bytes: 22, tokensPerWord: 1.5, charsPerToken: 20 / 6, bytesPerToken: 22 / 6, wholeWords: 3, wholeWordRate: 0.75 },
      renyi: { alpha: 2.5, efficiency: 0.5, shannonEfficiency: 0.6, utilisation: 0.02, typesUsed: 6 },
      alignment: null,
      roundTrip: { lines: 2, exact: 2, rate: 1 },
      throughputMBs: 1.25,
      boundaries: [{ goldSetId: 2, name: 'g', words: 3, tp: 2, fp: 1, fn: 1, micro: prf(2 / 3, 2 / 3, 2 / 3), macro: prf(0.5, 0.5, 0.5), overSegmented: 1, underSegmented: 1, exact: 1 }],
      premium: [{ parallelSetId: 3, name: 'p', pivot: 'en', languages: [
        { language: 'en', premium: 1, tokens: 4, pivotTokens: 4, rows: 2, skipped: 0 },
        { language: 'tr', premium: 1.5, tokens: 6, pivotTokens: 4, rows: 2, skipped: 0 },
      ] }],
      error: null,
    },
    {
      source: { kind: 'openai', name: 'cl100k_base' }, label: 'broken', kind: null, vocabSize: null, configHash: null,
      compression: null, renyi: null, alignment: null, roundTrip: null, throughputMBs: null, boundaries: [], premium: [], error: 'could not load, sorry',
    },
  ],
  curve: { versionId: 1, label: 'tok, one', points: [{ vocabSize: 300, tokensPerWord: 1.5, charsPerToken: 3, bytesPerToken: 3.5 }] },
};

describe('exporting an evaluation', () => {
  it('writes long-form CSV, quoting cells with commas or quotes, errors in their own column', () => {
    const { content, fileName } = exportEvaluation(result, 'csv');
    expect(fileName).toBe('evaluation-4-bpe_quoted_piped.csv');
    const lines = content.split('\n');
    expect(lines[0]).toBe('evaluation_id,tokenizer,kind,vocab_size,metric,set,language,at_vocab_size,value,error');
    expect(lines).toContain('4,"tok, one",bpe,300,tokens_per_word,,,,1.5,');
    expect(lines).toContain('4,"tok, one",bpe,300,renyi_efficiency,alpha=2.5,,,0.5,');
    expect(lines).toContain('4,"tok, one",bpe,300,token_premium,p (pivot en),tr,,1.5,');
    expect(lines).toContain('4,"tok, one",bpe,,curve_tokens_per_word,,,300,1.5,');
    expect(lines).toContain('4,broken,,,error,,,,,"could not load, sorry"');
    // 6 compression + 4 renyi + round trip + throughput + 10 boundary + 2 x 4 premium + error + 3 curve rows, header, final newline
    expect(lines).toHaveLength(6 + 4 + 2 + 10 + 8 + 1 + 3 + 2);
  });

  it('writes Markdown tables with escaped pipes, the failures, and only the footnotes it uses', () => {
    const md = exportEvaluation(result, 'md').content;
    expect(md.startsWith('# Evaluation #4: bpe, "quoted" \\| piped\n')).toBe(true);
    expect(md).toContain('| tok, one | 300 | 1.500 | 3.333 | 3.667 | 75.0% | 0.500 | 0.600 | 2.0% | 100.0% (2/2) | 1.25 |');
    expect(md).toContain('| tok, one | 0.667 | 0.667 | 0.667 | 0.500 | 1 | 1 | 1 |');
    expect(md).toContain('| Tokenizer | en tokens | tr |\n| --- | ---: | ---: |\n| tok, one | 4 | 1.500 |');
    expect(md).toContain('- broken: could not load, sorry');
    expect(md).toContain('[^8]: Tokens of each language');
    expect(md).not.toContain('[^6]'); // no dictionary, no alignment table
  });

  it('writes the stored result as JSON', () => {
    expect(JSON.parse(exportEvaluation(result, 'json').content)).toEqual(result);
  });
});
