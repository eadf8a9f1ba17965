import { describe, it, expect } from 'vitest';
import type { WordAnalysis } from '../../../main/api/contract';
import { morphTag, scoreLine, wordAt } from './analysis';

describe('wordAt', () => {
  const text = 'Kitaplarımızdan geliyoruz. (İstanbul’a) — 2024\nyeni';
  const at = (sub: string, from = 0) => {
    const i = text.indexOf(sub, from);
    return wordAt(text, i, i + sub.length);
  };
  it('finds the whole word around a chip inside it', () => {
    expect(at('lar')).toEqual({ word: 'Kitaplarımızdan', start: 0, end: 15 });
    expect(at('dan')?.word).toBe('Kitaplarımızdan');
  });
  it('strips punctuation at the ends only', () => {
    expect(at('iyor')?.word).toBe('geliyoruz');
    expect(at('.')?.word).toBe('geliyoruz');
    expect(at('bul’')).toEqual({ word: 'İstanbul’a', start: text.indexOf('İstanbul'), end: text.indexOf(')') });
  });
  it('steps over the leading space of a subword piece', () => {
    expect(at(' gel')?.word).toBe('geliyoruz');
  });
  it('places an empty (marker) range on the word that starts there', () => {
    expect(wordAt(text, 0, 0)?.word).toBe('Kitaplarımızdan');
    expect(wordAt(text, 15, 15)).toBeNull(); // a space
    expect(wordAt(text, text.length, text.length)).toBeNull();
  });
  it('refuses whitespace and punctuation-only words', () => {
    expect(at(' ')).toBeNull();
    expect(at('—')).toBeNull();
    expect(at('\n')).toBeNull();
  });
  it('keeps digits and the next line apart', () => {
    expect(at('2024')?.word).toBe('2024');
    expect(at('yeni')?.word).toBe('yeni');
  });
});

describe('morphTag and scoreLine', () => {
  it('labels morphs by kind and group', () => {
    expect(morphTag({ surface: 'kitab', kind: 'root', root: 'kitap', start: 0, end: 5 })).toBe('root kitap');
    expect(morphTag({ surface: 'gel', kind: 'root', root: 'gel', start: 0, end: 3 })).toBe('root');
    expect(morphTag({ surface: 'dan', kind: 'suffix', group: 'ABL', start: 0, end: 3 })).toBe('ABL');
    expect(morphTag({ surface: 'n', kind: 'residue', start: 0, end: 1 })).toBe('residue');
  });
  it('summarises the score', () => {
    const a: WordAnalysis = { morphs: [], score: { residueChars: 1, logProb: -32.706, morphs: 5 }, full: false, rank: 1, reason: 'x' };
    expect(scoreLine(a)).toBe('5 morphs · log p −32.71 · 1 residue char');
    expect(scoreLine({ ...a, score: { residueChars: 0, logProb: -3, morphs: 1 } })).toBe('1 morph · log p −3.00 · no residue');
  });
});
