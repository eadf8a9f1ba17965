import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportWordlist, parseCsv, parseWordlist } from './wordlist';
import type { Dictionary } from './types';
import { finishDictionary } from './validate';

const FIX = join(import.meta.dirname, '../../../fixtures/dict');

describe('parseWordlist', () => {
  it('keeps homographs with another pos as separate roots', () => {
    const { dictionary: d } = parseWordlist('surface\tpos\nyüz\tnoun\nyüz\tverb\nyüz\tnoun\n', 'h.tsv', 'tsv', { language: 'tr' });
    expect(d.roots).toEqual([
      { surface: 'yüz', pos: 'noun' },
      { surface: 'yüz', pos: 'verb' },
    ]);
  });

  it('reads roots and affix groups from TSV', () => {
    const text = [
      'surface\tpos\tkind\tgroup\talternants\tgloss\textra',
      'kitap\tnoun\troot\t\tkitab\tbook',
      'Ev\tnoun\t\t\t\t',
      '',
      'lar\tplural\tsuffix\tPLU\t\tplural',
      'ler\tplural\tsuffix\tPLU\t\t',
      'na\tneg\tprefix\t\t\t',
      '\t\t\t\t\t',
    ].join('\n');
    const { dictionary: d, report } = parseWordlist(text, 'list.tsv', 'tsv', { language: 'tr' });
    expect(d.roots).toEqual([
      { surface: 'ev', pos: 'noun' },
      { surface: 'kitap', pos: 'noun', alternants: [{ surface: 'kitab' }], gloss: 'book' },
    ]);
    expect(d.groups).toEqual([
      { name: 'PLU', kind: 'suffix', class: 'plural', variants: ['lar', 'ler'], gloss: 'plural' },
      { name: 'na', kind: 'prefix', class: 'neg', variants: ['na'] }, // the group name defaults to the surface
    ]);
    expect(d.alphabet).toBe('abeiklnprtv');
    expect(report).toMatchObject({ format: 'tsv', roots: 2, groups: 2, variants: 3, skippedTotal: 0 }); // a row of empty fields is a blank line
    expect(report.warnings).toEqual(['list.tsv:1: column "extra" is not used (known: surface, pos, class, kind, group, alternants, gloss)']);
  });

  it('reads RFC 4180 CSV: quotes, doubled quotes, commas and line breaks inside fields', () => {
    const text = 'surface,class,kind,group,gloss\r\nkitap,noun,root,,"a book, or ""the"" book"\r\n"lar",plural,suffix,PLU,"two\nlines"\r\nev,noun,root,,\r\n';
    const { dictionary: d } = parseWordlist(text, 'l.csv', 'csv');
    expect(d.roots.find((r) => r.surface === 'kitap')?.gloss).toBe('a book, or "the" book');
    expect(d.groups[0].gloss).toBe('two\nlines');
    expect(parseCsv(text, 'l.csv').map((r) => r.line)).toEqual([1, 2, 3, 5]); // record 3 spans two lines
  });

  it('names the line of bad input', () => {
    const bad = (text: string, format: 'tsv' | 'csv' = 'tsv') => () => parseWordlist(text, 'w.' + format, format);
    expect(bad('pos\tkind\nx\troot')).toThrow('w.tsv:1: the header row must name a "surface" column');
    expect(bad('surface\tkind\nx\troot\ny\tinfix')).toThrow('w.tsv:3: kind must be root, prefix or suffix, got "infix"');
    expect(bad('surface\tpos\nx\tnoun\n\tverb')).toThrow('w.tsv:3: the surface column is empty');
    expect(bad('surface\tkind\tgroup\tclass\nlar\tsuffix\tPLU\tpl\nna\tprefix\tPLU\tpl')).toThrow(
      'w.tsv:3: group "PLU" is prefix of class "pl" here but suffix of class "pl" on line 2',
    );
    expect(bad('surface,gloss\nx,"open\n', 'csv')).toThrow('w.csv:2: a quoted field is not closed');
    expect(bad('surface,gloss\nx,"a"b\n', 'csv')).toThrow('w.csv:2: unexpected "b" after a closing quote');
    expect(bad('surface,gloss\nx,a"b\n', 'csv')).toThrow('w.csv:2: a quote inside an unquoted field');
    expect(bad('surface\nx\ty')).toThrow('w.tsv:2: 2 fields, but the header has 1');
    expect(bad('')).toThrow('w.tsv: the file is empty');
  });
});

describe('exportWordlist', () => {
  const small = (): Dictionary => finishDictionary(JSON.parse(readFileSync(join(FIX, 'small.json'), 'utf8')), 'small.json');

  for (const format of ['tsv', 'csv'] as const) {
    it(`round-trips roots, alternant surfaces, groups and glosses through ${format.toUpperCase()}`, () => {
      const d = small();
      d.roots[0].gloss = 'a house, "home"'; // needs quoting in CSV
      if (format === 'tsv') d.roots[0].gloss = 'a house';
      const text = exportWordlist(d, format);
      const back = parseWordlist(text, `x.${format}`, format, { language: 'tr' }).dictionary;
      expect(back.roots).toEqual(d.roots.map((r) => ({ ...r, alternants: r.alternants?.map((a) => ({ surface: a.surface })) })));
      expect(back.groups).toEqual(d.groups.map(({ rules: _rules, ...g }) => g));
    });
  }

  it('refuses to write a tab into TSV', () => {
    const d = small();
    d.roots[0].gloss = 'tab\there';
    expect(() => exportWordlist(d, 'tsv')).toThrow(/export as CSV instead/);
  });
});
