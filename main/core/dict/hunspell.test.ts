import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importHunspell } from './hunspell';
import { validateDictionary } from './validate';

const FIX = join(import.meta.dirname, '../../../fixtures/dict');
const pair = (name: string) => importHunspell(join(FIX, `${name}.aff`), join(FIX, `${name}.dic`));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tokstudio-hunspell-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Writes an .aff/.dic pair into the temp folder and imports it. */
function importText(aff: string, dic: string) {
  writeFileSync(join(dir, 't.aff'), aff);
  writeFileSync(join(dir, 't.dic'), dic);
  return importHunspell(join(dir, 't.aff'), join(dir, 't.dic'));
}

describe('importHunspell', () => {
  it('maps flags to groups, stems to roots and continuation classes to edges', () => {
    const { dictionary: d, report } = pair('mini');
    expect(d.language).toBe('tr-TR');
    expect(d.roots).toEqual([
      { surface: 'ankara', pos: 'stem' }, // lower-cased
      { surface: 'bilgi', pos: 'stem' },
      { surface: 'ev', pos: 'stem' }, // two entries merged
      { surface: 'kalem', pos: 'noun' }, // po: after a tab
      { surface: 'kitap', pos: 'stem' },
      { surface: 'yol', pos: 'noun' }, // po: after a space
    ]);
    expect(d.groups).toEqual([
      { name: 'PFX:Re', kind: 'prefix', class: 'Re', variants: ['yeni'] },
      { name: 'PFX:Un', kind: 'prefix', class: 'Un', variants: ['na'] },
      { name: 'SFX:Ac', kind: 'suffix', class: 'Ac', variants: ['bı', 'ı'], gloss: "strip 'p'" },
      { name: 'SFX:Ca', kind: 'suffix', class: 'Ca', variants: ['da', 'de', 'ta', 'te'], gloss: 'locative' },
      { name: 'SFX:Pl', kind: 'suffix', class: 'Pl', variants: ['lar', 'ler'] },
    ]);
    expect(d.morphotactics!.edges).toEqual([
      ['Pl', 'Ca'], // lar/Ca: the second level
      ['Re', 'Un'], // na/Re: yeni- may come before na-
      ['Un', 'stem'],
      ['^', 'Re'],
      ['^', 'Un'],
      ['^', 'noun'],
      ['^', 'stem'],
      ['noun', 'Ca'], // kalem/Zr: the zero suffix Zr is transparent to its continuation Ca
      ['stem', 'Ac'],
      ['stem', 'Ca'],
      ['stem', 'Pl'],
    ]);
    expect(report).toMatchObject({ format: 'hunspell', roots: 6, groups: 5, variants: 10, edges: 11, skippedTotal: 2 });
    expect(report.skipped).toEqual([
      { file: 'mini.dic', line: 6, reason: '"yasak" is a FORBIDDENWORD' },
      { file: 'mini.dic', line: 7, reason: '"bağ" needs an affix (NEEDAFFIX) but has none' },
    ]);
    expect(report.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^1 affix rules strip characters/),
        'IGNORE "^" is noted but not applied',
        '1 affix flags add nothing at all and became no group',
      ]),
    );
    expect(validateDictionary(d).problems).toEqual([]);
  });

  it('reads an ISO-8859-9 pair to the same dictionary', () => {
    const utf8 = pair('mini').dictionary;
    const latin5 = pair('mini-latin5').dictionary;
    expect({ ...latin5, name: '', sources: [] }).toEqual({ ...utf8, name: '', sources: [] });
  });

  it('treats FLAG char flags as bytes, even in a UTF-8 file', () => {
    const { dictionary: d } = pair('byteflags');
    expect(d.roots.map((r) => r.surface)).toEqual(['ház', 'könyv']);
    expect(d.groups.map((g) => [g.name, g.variants])).toEqual([
      ['SFX:A', ['ban']],
      ['SFX:ö', ['ök', 'ok']], // byte 0xF6 shown as its latin1 character
    ]);
    expect(d.morphotactics!.edges).toContainEqual(['ö', 'A']);
  });

  it('resolves AF flag aliases, AM morph aliases, FLAG num and escaped slashes', () => {
    const { dictionary: d } = pair('alias');
    expect(d.roots).toEqual([
      { surface: 'cat', pos: 'noun' },
      { surface: 'do/g', pos: 'noun' },
      { surface: 'walk', pos: 'verb' },
    ]);
    expect(d.groups.map((g) => [g.name, g.variants])).toEqual([
      ['SFX:10', ['s']],
      ['SFX:20', ["'ed"]],
    ]);
    expect(d.morphotactics!.edges).toEqual([
      ['10', '20'],
      ['^', 'noun'],
      ['^', 'verb'],
      ['noun', '10'],
      ['noun', '20'],
      ['verb', '10'],
      ['verb', '20'],
    ]);
  });

  it('names the file and line of malformed input', () => {
    expect(() => importText('SFX A Y 1\nSFX A 0\n', '1\nx/A\n')).toThrow('t.aff:2: SFX rule has 3 fields, expected at least 4');
    expect(() => importText('SFX A Y 2\nSFX A 0 s .\n\nPFX B Y 1\n', '1\nx\n')).toThrow(
      't.aff:4: expected 1 more SFX A rule (header on line 1), found "PFX B Y 1"',
    );
    expect(() => importText('SFX A Y 2\nSFX A 0 s .\n', '1\nx\n')).toThrow('the file ends 1 SFX rule short of the header on line 1');
    expect(() => importText('SFX A Y x\n', '1\nx\n')).toThrow('t.aff:1: SFX A: expected a header');
    expect(() => importText('SFX A X 1\nSFX A 0 s .\n', '1\nx\n')).toThrow('t.aff:1: SFX header cross_product must be Y or N');
    expect(() => importText('FLAG long\nSFX Aa Y 1\nSFX Aa 0 s .\n', '1\nx/Aab\n')).toThrow('t.dic:2: FLAG long needs two characters per flag');
    expect(() => importText('FLAG num\n', '2\nx/1,a\n')).toThrow('t.dic:2: FLAG num expects numbers');
    expect(() => importText('AF 1\nAF AB\n', '1\nx/2\n')).toThrow('t.dic:2: flag alias "2" is not a number from 1 to 1');
    expect(() => importText('', 'x/A\n')).toThrow('t.dic:1: the first line must be the number of entries');
    expect(() => importText('SET KLINGON-1\n', '1\nx\n')).toThrow('t.aff: encoding "SET KLINGON-1" is not supported');
    expect(() => importText('FLAG weird\n', '1\nx\n')).toThrow('t.aff: unknown "FLAG weird"');
  });

  it('skips multi-word entries and reports a wrong entry count', () => {
    const { dictionary: d, report } = importText('SET UTF-8\n', '5\nNew York\nyork\n\n');
    expect(d.roots.map((r) => r.surface)).toEqual(['york']);
    expect(report.skipped).toEqual([{ file: 't.dic', line: 2, reason: '"New York" is several words' }]);
    expect(report.warnings).toContain('t.dic: the first line announces 5 entries, the file has 2');
  });
});
