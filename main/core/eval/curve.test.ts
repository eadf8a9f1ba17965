import { describe, expect, it } from 'vitest';
import { PRETOKENIZER_PRESETS, trainBpe } from '../bpe/index';
import { defaultCurveSizes, fertilityCurve } from './curve';

describe('fertility against vocabulary size', () => {
  it('defaults to powers of two from 512 below the size, above the minimum, plus the size', () => {
    expect(defaultCurveSizes(3000, 1)).toEqual([512, 1024, 2048, 3000]);
    expect(defaultCurveSizes(2048, 1)).toEqual([512, 1024, 2048]);
    expect(defaultCurveSizes(512, 1)).toEqual([512]);
    expect(defaultCurveSizes(600, 300)).toEqual([600]); // 512 < 300 + 256
  });

  it('measures each cut of the merge history on the sample', () => {
    // Pre-token counts " aa" x10 and "aa" x5: merge 1 is a+a (15), merge 2 is " "+aa (10); vocabulary 256 + 2.
    const { model } = trainBpe([[' aa', 10], ['aa', 5]], { vocabSize: 258, minFrequency: 1, pattern: PRETOKENIZER_PRESETS.gpt4o, specialTokens: [] });
    expect(model.vocab).toHaveLength(258);
    // Sample "aa aa": 2 words, 5 chars, 5 bytes, pre-tokens "aa" and " aa".
    //   256: bytes only, 5 tokens -> 2.5 tokens/word, 1 char/token
    //   257: [aa] [ ][aa] = 3 tokens -> 1.5, 5/3
    //   258: [aa] [ aa] = 2 tokens -> 1, 2.5
    expect(fertilityCurve(model, [258, 256, 257, 257], ['aa aa'])).toEqual([
      { vocabSize: 256, tokensPerWord: 2.5, charsPerToken: 1, bytesPerToken: 1 },
      { vocabSize: 257, tokensPerWord: 1.5, charsPerToken: 5 / 3, bytesPerToken: 5 / 3 },
      { vocabSize: 258, tokensPerWord: 1, charsPerToken: 2.5, bytesPerToken: 2.5 },
    ]);
  });
});
