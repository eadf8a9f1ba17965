import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { cutModel } from './cut';
import { trainBpe } from './trainer';
import { PRETOKENIZER_PRESETS, compilePattern, pretokenize } from './pretokenize';
import type { BpeTrainOptions } from './types';

const fixture = readFileSync(new URL('../../../fixtures/bpe/mixed.txt', import.meta.url), 'utf8');
const counts = new Map<string, number>();
for (const s of pretokenize(fixture, compilePattern(PRETOKENIZER_PRESETS.gpt4o))) {
  const piece = fixture.slice(s.start, s.end);
  counts.set(piece, (counts.get(piece) ?? 0) + 1);
}
const opts = (vocabSize: number): BpeTrainOptions => ({
  vocabSize,
  minFrequency: 2,
  pattern: PRETOKENIZER_PRESETS.gpt4o,
  specialTokens: ['<|endoftext|>'],
});

describe('cutModel', () => {
  it('equals training with the smaller budget', () => {
    const big = trainBpe(counts, opts(400)).model;
    expect(big.vocab.length).toBe(400);
    for (const size of [257, 300, 399, 400]) {
      expect(cutModel(big, size)).toEqual(trainBpe(counts, opts(size)).model);
    }
  });

  it('rejects sizes below the alphabet or above the model', () => {
    const big = trainBpe(counts, opts(300)).model;
    expect(() => cutModel(big, 256)).toThrow(/cannot cut to 256 is too small: .*minimum is 257/);
    expect(() => cutModel(big, 301)).toThrow('cannot cut to 301 tokens: the model has only 300');
  });

  it('lays an imported model out like a trained one', () => {
    const m = trainBpe(counts, opts(280)).model;
    // The same model with the special token moved to the end, as GPT-2 files have it.
    const moved = { ...m, vocab: [...m.vocab.slice(1), m.vocab[0]], specials: [{ id: 279, content: m.vocab[0] }] };
    expect(cutModel(moved, 270)).toEqual(cutModel(m, 270));
  });
});
