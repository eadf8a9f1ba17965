import { describe, expect, it } from 'vitest';
import { corpusUnits } from './corpusUnits';

const wordCounts = () =>
  new Map([
    ['Kitap', 2],
    ["kitap'ın", 3],
    ['İSTANBUL', 1],
    ['iPhone', 1],
    ['x1', 4],
    ['٣', 5],
    ['a\u00a0b', 1],
    ['ev', 0],
  ]);

describe('corpusUnits (the reference)', () => {
  it('folds word units into types with lead / inner counts and keeps the rest as residue', () => {
    const log: string[] = [];
    const r = corpusUnits({ wordCounts: wordCounts(), language: 'tr', caseMarkers: true, progress: (d, t) => log.push(`${d}/${t}`), stop: () => log.push('stop') });
    expect(r.words.map(([w]) => w)).toEqual(['Kitap', 'a\u00a0b', 'iPhone', "kitap'ın", 'x1', 'İSTANBUL', '٣']);
    // The types in code-unit order, with their counts side by side.
    expect(r.types.list.map((t, i) => [t, r.types.lead[i], r.types.inner[i]])).toEqual([
      ['a', 1, 0],
      ['b', 0, 1],
      ['istanbul', 1, 0],
      ['kitap', 5, 0],
      ['x', 4, 0],
      ['ın', 0, 3],
    ]);
    // Mixed case travels unfolded with the space that precedes a word; whitespace inside a word has no lead.
    expect(Object.fromEntries(r.residue)).toEqual({ "'": 3, ' iPhone': 1, ' ٣': 5, '\u00a0': 1 });
    expect(r.wordUnits).toBe(16);
    expect(log).toEqual(['0/7', 'stop', '7/7']);
  });

  it('keeps case without case markers, and refuses a count that is not a whole number', () => {
    const r = corpusUnits({ wordCounts: wordCounts(), language: 'tr', caseMarkers: false });
    expect(r.types.list).toEqual(['Kitap', 'a', 'b', 'iPhone', 'kitap', 'x', 'İSTANBUL', 'ın']);
    expect(() => corpusUnits({ wordCounts: new Map([['a', 1], ['b', 2.5]]), language: 'tr', caseMarkers: true })).toThrow('word "b" has an invalid count 2.5');
  });
});
