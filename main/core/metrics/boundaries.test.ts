import { describe, expect, it } from 'vitest';
import { boundariesOf, boundaryScores } from './boundaries';

describe('boundary precision, recall and F1', () => {
  it('finds the offsets between segments', () => {
    expect(boundariesOf(['kitap', 'lar', 'ımız', 'dan'])).toEqual([5, 8, 12]);
    expect(boundariesOf(['ev'])).toEqual([]);
  });

  it('matches scores worked out by hand', () => {
    // kitaplardan: gold 5,8; predicted 5 -> tp 1, fn 1.
    // gidiyorum: gold 3,7; predicted 3,4,7 (gid i yor um) -> tp 2, fp 1.
    // ev: no boundaries either side -> scores 1/1/1.
    const s = boundaryScores([
      { gold: ['kitap', 'lar', 'dan'], predicted: ['kitap', 'lardan'] },
      { gold: ['gid', 'iyor', 'um'], predicted: ['gid', 'i', 'yor', 'um'] },
      { gold: ['ev'], predicted: ['ev'] },
    ]);
    expect([s.tp, s.fp, s.fn]).toEqual([3, 1, 1]);
    // micro: P = 3/4, R = 3/4, F1 = 0.75
    expect(s.micro.precision).toBeCloseTo(0.75, 10);
    expect(s.micro.recall).toBeCloseTo(0.75, 10);
    expect(s.micro.f1).toBeCloseTo(0.75, 10);
    // macro: word P = 1, 2/3, 1 -> 8/9; word R = 1/2, 1, 1 -> 5/6; word F1 = 2/3, 0.8, 1 -> 0.8222...
    expect(s.macro.precision).toBeCloseTo(8 / 9, 10);
    expect(s.macro.recall).toBeCloseTo(5 / 6, 10);
    expect(s.macro.f1).toBeCloseTo((2 / 3 + 0.8 + 1) / 3, 10);
    expect([s.overSegmented, s.underSegmented, s.exact]).toEqual([1, 1, 1]);
  });

  it('refuses to compare different words', () => {
    expect(() => boundaryScores([{ gold: ['ev', 'ler'], predicted: ['ev', 'de'] }])).toThrow(/different words/);
  });
});
