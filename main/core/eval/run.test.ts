import { describe, expect, it } from 'vitest';
import { fakeTokenizer } from '../../testing/fakeTokenizer';
import { buildLexicon } from '../hybrid/metrics';
import { CancelledError } from '../errors';
import { runEvaluation, type EvalRunInput } from './run';

const vocab = ['a', ' ', ' ev', 'ler', 'de', 'e', 'v', 'l', 'r', 'd', 'E', ' the', ' house', 'the', 'house', 'in', ' in'];
const good = fakeTokenizer(vocab);
const lossy = fakeTokenizer(vocab, { lossy: true });
const dict = {
  name: 't', language: 'tr', alphabet: 'abcdefghijklmnopqrstuvwxyz', charClasses: {},
  roots: [{ surface: 'ev', pos: 'noun' }],
  groups: [{ name: 'PLU', kind: 'suffix' as const, class: 'plural', variants: ['ler', 'lar'] }, { name: 'LOC', kind: 'suffix' as const, class: 'case', variants: ['de', 'da'] }],
};

const input = (over: Partial<EvalRunInput> = {}): EvalRunInput => ({
  tokenizers: [
    { source: { kind: 'version', id: 1 }, label: 'good', configHash: 'h1', load: () => good },
    { source: { kind: 'version', id: 2 }, label: 'lossy', configHash: 'h2', load: () => lossy },
    { source: { kind: 'version', id: 3 }, label: 'broken', configHash: null, load: () => { throw new Error('tokenizer #3 not found'); } },
  ],
  sample: ['evler evde', 'Evde'],
  gold: [{ id: 7, name: 'g', items: [{ word: 'evler', alternatives: [['ev', 'ler']], line: 1 }, { word: 'evde', alternatives: [['ev', 'de']], line: 2 }] }],
  parallel: [{ id: 9, name: 'p', languages: ['tr', 'en'], rows: [{ tr: 'evde', en: 'in the house' }] }],
  lexicon: buildLexicon(dict as never),
  renyiAlpha: 2.5,
  curve: null,
  ...over,
});

describe('an evaluation run', () => {
  it('measures every tokenizer on the sample, the gold and the parallel text', async () => {
    const phases: string[] = [];
    const out = await runEvaluation(input(), { progress: (p) => phases.push(p), checkCancelled: () => {} });
    const [g, l, b] = out.tokenizers;
    // "evler evde" -> [e][v][ler][ ev][de] = 5 tokens; "Evde" -> [E][v][de] = 3 tokens; words 3
    expect(g.compression).toMatchObject({ lines: 2, words: 3, tokens: 8, chars: 14, bytes: 14, tokensPerWord: 8 / 3 });
    // whole words: evler -> "a evler" = [a][ ev][ler] (2), evde -> [ ev][de] (2), Evde -> [a][ ][E][v][de]: none
    expect(g.compression!.wholeWords).toBe(0);
    // ids used: e v ler " ev" de E = 6 of 17
    expect(g.renyi).toMatchObject({ alpha: 2.5, typesUsed: 6, utilisation: 6 / 17 });
    expect(g.roundTrip).toEqual({ lines: 2, exact: 2, rate: 1 });
    expect(l.roundTrip).toEqual({ lines: 2, exact: 1, rate: 0.5 }); // "Evde" decodes to "evde"
    expect(g.throughputMBs).toBeGreaterThan(0);
    // Alignment over non-special tokens e v ler " ev" de E v de: pure = ler, ev, de, de = 4 of 8
    expect(g.alignment!.tokens).toMatchObject({ counted: 8, pure: 4, purePct: 50 });
    // Gold: evler -> ev|ler exact, evde -> ev|de exact
    expect(g.boundaries).toEqual([expect.objectContaining({ goldSetId: 7, name: 'g', words: 2, tp: 2, fp: 0, fn: 0, exact: 2 })]);
    // Premium, pivot en: "in the house" = [in][ the][ house] 3; "evde" = [e][v][de] 3 -> tr 1
    expect(g.premium).toEqual([{ parallelSetId: 9, name: 'p', pivot: 'en', languages: [
      { language: 'tr', premium: 1, tokens: 3, pivotTokens: 3, rows: 1, skipped: 0 },
      { language: 'en', premium: 1, tokens: 3, pivotTokens: 3, rows: 1, skipped: 0 },
    ] }]);
    expect(b).toMatchObject({ label: 'broken', error: 'tokenizer #3 not found', compression: null, boundaries: [], premium: [] });
    expect(phases).toContain('good: boundaries on g');
    expect(phases.at(-1)).toBe('done');
  });

  it('runs without a sample (only gold and parallel), and stops when cancelled', async () => {
    const out = await runEvaluation(input({ sample: null, lexicon: null }));
    expect(out.tokenizers[0]).toMatchObject({ compression: null, renyi: null, roundTrip: null, alignment: null });
    expect(out.tokenizers[0].boundaries).toHaveLength(1);
    await expect(
      runEvaluation(input(), { progress: () => {}, checkCancelled: () => { throw new CancelledError(); } }),
    ).rejects.toThrow(CancelledError);
  });
});
