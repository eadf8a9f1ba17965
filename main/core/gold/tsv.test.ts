import { describe, expect, it } from 'vitest';
import { parseGoldTsv } from './tsv';

describe('gold TSV', () => {
  it('reads words and segments, skipping comments and blank lines', () => {
    expect(parseGoldTsv('# c\nevler\tev ler\n\nkitabı\tkitab ı\n', 'g.tsv')).toEqual([
      { word: 'evler', segments: ['ev', 'ler'], line: 2 },
      { word: 'kitabı', segments: ['kitab', 'ı'], line: 4 },
    ]);
  });

  it('names the line of a malformed entry', () => {
    expect(() => parseGoldTsv('evler\tev ler\nkitaplar kitap lar\n', 'g.tsv')).toThrow(/g\.tsv:2: expected/);
    expect(() => parseGoldTsv('evler\tev lar\n', 'g.tsv')).toThrow(/g\.tsv:1: segments "ev lar" do not spell/);
  });
});
