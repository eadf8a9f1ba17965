import { describe, expect, it } from 'vitest';
import { compression, textCounts } from './compression';

describe('compression', () => {
  it('counts words, code points and UTF-8 bytes', () => {
    // "ab é𝑥": words 2; code points a b ' ' é 𝑥 = 5 (𝑥 is 2 UTF-16 units); bytes 1+1+1+2+4 = 9
    expect(textCounts('ab é𝑥')).toEqual({ words: ['ab', 'é𝑥'], chars: 5, bytes: 9 });
  });

  it('gives fertility, chars and bytes per token, and the whole-word rate', () => {
    // lines "ab cd" (5 chars, 5 bytes, 2 words) and "é" (1 char, 2 bytes, 1 word); tokens 3 + 1 = 4
    // tokens/word = 4/3; chars/token = 6/4 = 1.5; bytes/token = 7/4 = 1.75; whole: ab, é (not cd) -> 2/3
    const c = compression(['ab cd', 'é'], [3, 1], (w) => w !== 'cd');
    expect(c).toEqual({ lines: 2, words: 3, tokens: 4, chars: 6, bytes: 7, tokensPerWord: 4 / 3, charsPerToken: 1.5, bytesPerToken: 1.75, wholeWords: 2, wholeWordRate: 2 / 3 });
  });

  it('gives 0 for ratios over nothing', () => {
    expect(compression([''], [0], () => true)).toMatchObject({ words: 0, tokens: 0, tokensPerWord: 0, charsPerToken: 0, wholeWordRate: 0 });
  });
});
