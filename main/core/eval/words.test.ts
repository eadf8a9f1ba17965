import { describe, expect, it } from 'vitest';
import type { EncodedToken } from '../../api/contract';
import { fakeTokenizer } from '../../testing/fakeTokenizer';
import { WordView, contentTokens, cutsInside, segmentsAt } from './words';

const tok = (text: string, start: number, end: number): EncodedToken => ({ id: 0, token: text, text, type: 'merge', start, end, byteStart: start, byteEnd: end });

describe('a word as a tokenizer cuts it', () => {
  it('keeps content tokens: drops zero-width markers, whitespace-only tokens and tokens before the word', () => {
    // "a " + "Ev": [a][ ][<cap>][ev] with the word at 2..4
    const toks = [tok('a', 0, 1), tok(' ', 1, 2), tok('', 2, 2), tok('Ev', 2, 4)];
    expect(contentTokens(toks, 2).map((t) => t.text)).toEqual(['Ev']);
  });

  it('cuts where content tokens end strictly inside the word, relative to its start', () => {
    // "a kitaplar": [a][ kit][ap][lar] -> ends at 5 and 7 inside 2..10 -> cuts 3, 5
    const toks = [tok('a', 0, 1), tok(' kit', 1, 5), tok('ap', 5, 7), tok('lar', 7, 10)];
    expect(cutsInside(toks, 2, 10)).toEqual([3, 5]);
    expect(segmentsAt('kitaplar', [3, 5])).toEqual(['kit', 'ap', 'lar']);
    // Two byte tokens inside one character span that whole character, so they end at the same offset.
    const split = [tok(' ı', 1, 3), tok('ı', 1, 3), tok('k', 3, 4)];
    expect(cutsInside(split, 2, 4)).toEqual([1]);
  });

  it('counts a word whole when it is exactly one content token', () => {
    const view = new WordView(fakeTokenizer(['a', ' ', ' kitap', 'lar', 'k', 'i', 't', 'p']));
    // "a kitaplar" -> [a][ kitap][lar]: two content tokens
    expect(view.isWhole('kitaplar')).toBe(false);
    expect(view.segments('kitaplar')).toEqual(['kitap', 'lar']);
    // "a kitap" -> [a][ kitap]
    expect(view.isWhole('kitap')).toBe(true);
    expect(view.segments('kitap')).toEqual(['kitap']);
    // "a lar" -> [a][ ][lar]: the space token does not count
    expect(view.isWhole('lar')).toBe(true);
  });
});
