import { describe, expect, it } from 'vitest';
import { choosePivot, tokenPremium } from './premium';

const words = (_lang: string, text: string) => text.split(' ').length;

describe('token premium', () => {
  it('divides each language total by the pivot total over the rows both have', () => {
    const rows: Record<string, string>[] = [
      { en: 'the two books', tr: 'iki kitap', de: 'die zwei Bücher' }, // en 3, tr 2, de 3
      { en: 'in the house', tr: 'evde' }, //                              en 3, tr 1, de -
      { tr: 'boş', de: 'leer' }, //                                        en -, tr 1, de 1
    ];
    const p = tokenPremium(rows, ['en', 'tr', 'de'], 'en', words);
    // tr: rows 1-2, 3 tokens over en's 6 = 0.5, row 3 skipped (no en)
    // de: row 1 only, 3 / 3 = 1, rows 2 (no de) and 3 (no en) skipped
    // en: rows 1-2, 6 / 6 = 1, row 3 skipped
    expect(p).toEqual([
      { language: 'en', premium: 1, tokens: 6, pivotTokens: 6, rows: 2, skipped: 1 },
      { language: 'tr', premium: 0.5, tokens: 3, pivotTokens: 6, rows: 2, skipped: 1 },
      { language: 'de', premium: 1, tokens: 3, pivotTokens: 3, rows: 1, skipped: 2 },
    ]);
  });

  it('gives null when no row has both sides', () => {
    expect(tokenPremium([{ en: 'a' }, { tr: 'b' }], ['en', 'tr'], 'en', words)[1]).toEqual({ language: 'tr', premium: null, tokens: 0, pivotTokens: 0, rows: 0, skipped: 2 });
  });

  it('chooses the pivot: the requested one, else en, else the first language', () => {
    expect(choosePivot(['tr', 'en'], undefined, 's')).toBe('en');
    expect(choosePivot(['tr', 'de'], undefined, 's')).toBe('tr');
    expect(choosePivot(['tr', 'de'], 'de', 's')).toBe('de');
    expect(() => choosePivot(['tr', 'de'], 'en', 'flores')).toThrow('parallel set "flores" has no language "en" (it has tr, de)');
  });
});
