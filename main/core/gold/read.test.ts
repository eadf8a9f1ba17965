import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { tempDir } from '../../testing/tmp';
import { dataLines } from './common';
import { detectGoldFormat, parseGold, readGoldFile } from './read';

const FIX = join(import.meta.dirname, '../../../fixtures/eval');

describe('gold files', () => {
  it('reads the plain TSV format', () => {
    const g = readGoldFile(join(FIX, 'gold.tsv'));
    expect(g.format).toBe('tsv');
    expect(g.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(g.items).toEqual([
      { word: 'kitaplar', alternatives: [['kitap', 'lar']], line: 2 },
      { word: 'evde', alternatives: [['ev', 'de']], line: 3 },
    ]);
  });

  it('reads Morpho Challenge alternatives and labelled morphs', () => {
    const g = readGoldFile(join(FIX, 'gold.morpho.tsv'));
    expect(g.format).toBe('morpho');
    expect(g.items).toEqual([
      { word: 'kitaplar', alternatives: [['kitap', 'lar']], line: 2 },
      { word: 'evlerinde', alternatives: [['ev', 'ler', 'i', 'n', 'de'], ['ev', 'ler', 'in', 'de']], line: 3 },
      { word: 'geldi', alternatives: [['gel', 'di']], line: 4 },
    ]);
  });

  it('reads Morfessor annotations: any whitespace after the word, repeated words accumulate', () => {
    const g = readGoldFile(join(FIX, 'gold.morfessor.txt'));
    expect(g.format).toBe('morfessor');
    expect(g.items).toEqual([
      { word: 'kitaplar', alternatives: [['kitap', 'lar']], line: 2 },
      { word: 'evlerinde', alternatives: [['ev', 'ler', 'i', 'n', 'de'], ['ev', 'ler', 'in', 'de'], ['ev', 'lerin', 'de']], line: 3 },
      { word: 'geldi', alternatives: [['gel', 'di']], line: 6 },
    ]);
    // Like Python's str.split(None, 1): leading whitespace before the word is not part of it.
    expect(parseGold('  ab\ta b \n', 'morfessor', 'g')).toEqual([{ word: 'ab', alternatives: [['a', 'b']], line: 1 }]);
  });

  it('reads SIGMORPHON 2022 word-level files, projecting canonical segments onto the surface', () => {
    const g = readGoldFile(join(FIX, 'gold.sigmorphon.tsv'));
    expect(g.format).toBe('sigmorphon');
    expect(g.items.map((i) => i.alternatives[0])).toEqual([['ablat', 'ion', 's'], ['stopp', 'ed'], ['happi', 'ness'], ['cat', 's'], ['dog']]);
  });

  it('detects the format from content, the extension only when the content says nothing', () => {
    const d = (t: string, p = 'x.txt') => detectGoldFormat(dataLines(t), p);
    expect(d('a\tb @@c\n')).toBe('sigmorphon');
    expect(d('ab\ta b\t100\n')).toBe('sigmorphon');
    expect(d('ab\ta b\nab\ta b, ab\n')).toBe('morpho');
    expect(d('ab\ta b\n')).toBe('tsv');
    expect(d('ab a b\n')).toBe('morfessor');
    expect(d('# only a comment\n', 'g.tsv')).toBe('tsv');
    expect(d('\n', 'g.txt')).toBeNull();
  });

  it('names the file and line of every malformed case', () => {
    const bad: [string, Parameters<typeof parseGold>[1], RegExp][] = [
      ['ab\ta b\nabc\n', 'tsv', /^g:2: expected "word<TAB>segments"/],
      ['ab\ta c\n', 'tsv', /^g:1: segments "a c" do not spell the word "ab"/],
      ['ab\ta b\nab\ta b\textra\n', 'morpho', /^g:2: expected "word<TAB>segmentations", found 3/],
      ['ab\ta b,\n', 'morpho', /^g:1: an empty alternative for "ab"/],
      ['ab\ta b, a c\n', 'morpho', /^g:1: segments "a c" do not spell/],
      ['\tab\n', 'morpho', /^g:1: empty word/],
      ['ab a b\nab\n', 'morfessor', /^g:2: expected "word analysis/],
      ['ab a b, , a b\n', 'morfessor', /^g:1: an empty alternative/],
      ['  ab\n', 'morfessor', /^g:1: expected "word analysis/],
      ['ab\n', 'sigmorphon', /^g:1: expected "word<TAB>seg @@seg .*found 1 tab-separated column$/],
      ['ab\ta @@\t1\n', 'sigmorphon', /^g:1: an empty segment in "a @@"/],
      ['ab\ta\tb\tc\n', 'sigmorphon', /^g:1: expected .* found 4/],
      ['# nothing\n\n', 'tsv', /^g: no gold entries/],
    ];
    for (const [text, format, re] of bad) expect(() => parseGold(text, format, 'g'), `${format}: ${JSON.stringify(text)}`).toThrow(re);
  });

  it('refuses a file that is not UTF-8 or has no entries, naming it', () => {
    const tmp = tempDir('tokstudio-gold-');
    try {
      writeFileSync(tmp.path('latin1.tsv'), Buffer.from([0x65, 0x76, 0xfc, 0x09, 0x65, 0x76, 0x0a]));
      expect(() => readGoldFile(tmp.path('latin1.tsv'))).toThrow('latin1.tsv: not valid UTF-8');
      writeFileSync(tmp.path('empty.txt'), '# c\n');
      expect(() => readGoldFile(tmp.path('empty.txt'))).toThrow('empty.txt: no gold entries');
      expect(() => readGoldFile(tmp.path('missing.tsv'))).toThrow(/missing\.tsv: cannot read \(ENOENT\)/);
    } finally {
      tmp.cleanup();
    }
  });
});
