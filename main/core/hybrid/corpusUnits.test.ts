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
    expect(Object.fromEntries(r.types)).toEqual({
      kitap: { lead: 5, inner: 0 },
      ın: { lead: 0, inner: 3 },
      istanbul: { lead: 1, inner: 0 },
      x: { lead: 4, inner: 0 },
      a: { lead: 1, inner: 0 },
      b: { lead: 0, inner: 1 },
    });
    // Mixed case travels unfolded with the space that precedes a word; whitespace inside a word has no lead.
    expect(Object.fromEntries(r.residue)).toEqual({ "'": 3, ' iPhone': 1, ' ٣': 5, '\u00a0': 1 });
    expect(r.wordUnits).toBe(16);
    expect(log).toEqual(['0/7', 'stop', '7/7']);
  });

  it('keeps case without case markers, and refuses a count that is not a whole number', () => {
    const r = corpusUnits({ wordCounts: wordCounts(), language: 'tr', caseMarkers: false });
    expect([...r.types.keys()].sort()).toEqual(['Kitap', 'a', 'b', 'iPhone', 'kitap', 'x', 'İSTANBUL', 'ın']);
    expect(() => corpusUnits({ wordCounts: new Map([['a', 1], ['b', 2.5]]), language: 'tr', caseMarkers: true })).toThrow('word "b" has an invalid count 2.5');
  });
});
