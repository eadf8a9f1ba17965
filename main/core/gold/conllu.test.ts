import { describe, expect, it } from 'vitest';
import { dataLines } from './common';
import { escapeSegment, parseConllu, unescapeSegment } from './conllu';
import { detectGoldFormat, parseGold } from './read';

const row = (id: string, form: string, misc: string) => [id, form, '_', '_', '_', '_', '_', '_', '_', misc].join('\t');

describe('CoNLL-U gold reader', () => {
  it('reads Seg= from MISC and skips comments, ranges, empty nodes and tokens without Seg', () => {
    const text = [
      '# sent_id = 1',
      '# text = evlerden geldim',
      row('1-2', 'evlerden', '_'),
      row('1', 'evlerden', 'SpaceAfter=No|Seg=ev+ler+den'),
      row('1.1', 'x', 'Seg=x'),
      row('2', 'geldim', 'Seg=gel+di+m'),
      row('3', '.', '_'),
      '',
      row('1', 'kitap', 'Gloss=book|Seg=kitap'),
      '',
    ].join('\n');
    expect(detectGoldFormat(dataLines(text))).toBe('conllu');
    expect(parseGold(text, 'conllu', 'g.conllu')).toEqual([
      { word: 'evlerden', alternatives: [['ev', 'ler', 'den']], line: 4 },
      { word: 'geldim', alternatives: [['gel', 'di', 'm']], line: 6 },
      { word: 'kitap', alternatives: [['kitap']], line: 9 },
    ]);
  });

  it('escapes and unescapes %, + and | inside segments', () => {
    expect(escapeSegment('a+b|c%2B')).toBe('a%2Bb%7Cc%252B');
    expect(unescapeSegment(escapeSegment('a+b|c%2B'))).toBe('a+b|c%2B');
    const items = parseConllu(dataLines(row('1', 'C++|x', `Seg=C${escapeSegment('++|')}+x`)), 'g.conllu');
    expect(items[0].alternatives).toEqual([['C++|', 'x']]);
  });

  it('names the line of a bad row', () => {
    expect(() => parseGold(`# c\n${row('1', 'evler', 'Seg=ev+lar')}\n`, 'conllu', 'g.conllu')).toThrow('g.conllu:2: segments "ev lar" do not spell the word "evler"');
    expect(() => parseGold('1\tevler\t_\n', 'conllu', 'g.conllu')).toThrow('g.conllu:1: expected a CoNLL-U token line with 10 tab-separated columns, found 3');
    expect(() => parseGold(row('x', 'evler', 'Seg=ev+ler'), 'conllu', 'g.conllu')).toThrow('g.conllu:1: ID "x"');
    expect(() => parseGold(row('1', 'evler', '_'), 'conllu', 'g.conllu')).toThrow('no gold entries');
  });
});
