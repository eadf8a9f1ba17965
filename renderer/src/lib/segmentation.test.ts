import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  carryLabels,
  cutsFromSegments,
  fitLabels,
  joinSegments,
  quickLabels,
  rememberLabel,
  sameSegmentation,
  segmentAt,
  segmentsFromCuts,
  spans,
  toggleCut,
} from './segmentation';

describe('cuts and segments', () => {
  it('turns segments into cuts and back', () => {
    expect(cutsFromSegments('kitaplarımız', ['kitap', 'lar', 'ımız'])).toEqual([5, 8]);
    expect(segmentsFromCuts('kitaplarımız', [5, 8])).toEqual(['kitap', 'lar', 'ımız']);
    expect(segmentsFromCuts('ev', [])).toEqual(['ev']);
    expect(cutsFromSegments('ev', ['ev'])).toEqual([]);
  });

  it('counts letters as code points, so a letter outside the BMP is one slot', () => {
    expect(cutsFromSegments('a😀b', ['a😀', 'b'])).toEqual([2]);
    expect(segmentsFromCuts('a😀b', [1])).toEqual(['a', '😀b']);
  });

  it('accepts a case-folded proposal of the same length, and refuses one that does not fit', () => {
    expect(cutsFromSegments('İstanbul', ['istanbul'])).toEqual([]);
    expect(cutsFromSegments('Kitaplar', ['kitap', 'lar'])).toEqual([5]);
    expect(cutsFromSegments('kitaplar', ['kitap', 'la'])).toBeNull();
    expect(cutsFromSegments('kitap', ['kitap', 'lar'])).toBeNull();
    expect(cutsFromSegments('kitap', ['', 'kitap'])).toBeNull();
  });

  it('ignores cuts at the edges, out of range or repeated', () => {
    expect(segmentsFromCuts('evler', [0, 2, 2, 5, 9, -1])).toEqual(['ev', 'ler']);
  });

  it('toggles a cut on and off, and never at an edge', () => {
    expect(toggleCut([], 2, 5)).toEqual([2]);
    expect(toggleCut([4, 2], 3, 5)).toEqual([2, 3, 4]);
    expect(toggleCut([2, 3], 2, 5)).toEqual([3]);
    expect(toggleCut([2], 0, 5)).toEqual([2]);
    expect(toggleCut([2], 5, 5)).toEqual([2]);
  });

  it('round-trips any word and any cut set (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'ı', 'ş', 'İ', '😀', 'ğ'), { minLength: 1, maxLength: 14 }), fc.array(fc.nat(20)), (ls, raw) => {
        const word = ls.join('');
        const segs = segmentsFromCuts(word, raw);
        expect(segs.join('')).toBe(word);
        expect(segs.every((s) => s.length > 0)).toBe(true);
        const cuts = cutsFromSegments(word, segs)!;
        expect(segmentsFromCuts(word, cuts)).toEqual(segs);
        expect(cuts.length).toBe(segs.length - 1);
      }),
    );
  });

  it('gives spans and the segment holding a letter', () => {
    expect(spans([2, 5], 7)).toEqual([
      [0, 2],
      [2, 5],
      [5, 7],
    ]);
    expect(segmentAt([2, 5], 7, 0)).toBe(0);
    expect(segmentAt([2, 5], 7, 1)).toBe(0);
    expect(segmentAt([2, 5], 7, 2)).toBe(1);
    expect(segmentAt([2, 5], 7, 6)).toBe(2);
  });
});

describe('labels', () => {
  it('keeps the label of a segment whose span did not change', () => {
    // ev|ler|den -> ev|ler|d|en: ev and ler keep theirs, the split "den" keeps its label on the left part.
    expect(carryLabels([2, 5], ['root', 'PLU', 'ABL'], [2, 5, 6], 8)).toEqual(['root', 'PLU', 'ABL', null]);
  });
  it('gives a merged segment the first part’s label, and a new right part none', () => {
    expect(carryLabels([2, 5], ['root', 'PLU', 'ABL'], [5], 8)).toEqual(['root', 'ABL']);
    expect(carryLabels([], ['root'], [3], 5)).toEqual(['root', null]);
    expect(carryLabels([3], ['root', 'X'], [2], 5)).toEqual(['root', null]);
  });
  it('fits labels to the segment count', () => {
    expect(fitLabels(null, 2)).toEqual([null, null]);
    expect(fitLabels(['root', 'PLU', 'x'], 2)).toEqual(['root', 'PLU']);
    expect(fitLabels(['root'], 3)).toEqual(['root', null, null]);
  });
  it('offers root and new first, then the proposal’s groups, then recent ones, at most nine', () => {
    expect(quickLabels(['root', 'PLU', null, 'ABL'], ['POSS1P', 'PLU'])).toEqual(['root', 'new', 'PLU', 'ABL', 'POSS1P']);
    expect(quickLabels(null, [])).toEqual(['root', 'new']);
    expect(quickLabels(null, 'ABCDEFGHIJ'.split(''))).toHaveLength(9);
  });
  it('remembers recent labels most recent first, without root or new', () => {
    expect(rememberLabel(['PLU', 'ABL'], 'ABL')).toEqual(['ABL', 'PLU']);
    expect(rememberLabel(['PLU'], 'root')).toEqual(['PLU']);
    expect(rememberLabel(['a', 'b', 'c'], 'd', 3)).toEqual(['d', 'a', 'b']);
  });
  it('joins and compares segmentations', () => {
    expect(joinSegments(['ev', 'ler'])).toBe('ev+ler');
    expect(joinSegments(null)).toBe('');
    expect(sameSegmentation(['ev', 'ler'], ['ev', 'ler'])).toBe(true);
    expect(sameSegmentation(['ev', 'ler'], ['evler'])).toBe(false);
    expect(sameSegmentation(null, ['ev'])).toBe(false);
  });
});
