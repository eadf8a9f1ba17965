import { describe, expect, it } from 'vitest';
import { renyiEfficiency, renyiEntropy, utilisation } from './renyi';

describe('Rényi efficiency', () => {
  // counts 2, 1, 1 -> p = 0.5, 0.25, 0.25; |V| = 4, log 4 = 1.3862944
  const counts = [2, 1, 1];

  it('alpha = 2: H = -log(0.25 + 0.0625 + 0.0625) = -log 0.375 = 0.9808293', () => {
    expect(renyiEntropy(counts, 2)).toBeCloseTo(0.9808293, 6);
    expect(renyiEfficiency(counts, 4, 2)).toBeCloseTo(0.9808293 / 1.3862944, 6); // 0.7075187
  });

  it('alpha = 2.5: sum p^2.5 = 0.1767767 + 2 * 0.03125 = 0.2392767; log = -1.4301347, H = -1.4301347 / -1.5 = 0.9534231', () => {
    expect(renyiEntropy(counts, 2.5)).toBeCloseTo(0.9534231, 6);
    expect(renyiEfficiency(counts, 4, 2.5)).toBeCloseTo(0.6877494, 6); // 0.9534231 / 1.3862944;
  });

  it('alpha = 1 is Shannon: 0.5 log 2 + 0.5 log 4 = 1.0397208, efficiency 0.75', () => {
    expect(renyiEntropy(counts, 1)).toBeCloseTo(1.0397208, 6);
    expect(renyiEfficiency(counts, 4, 1)).toBeCloseTo(0.75, 10);
    // and alpha near 1 converges to it
    expect(renyiEntropy(counts, 1.000001)).toBeCloseTo(1.0397208, 4);
  });

  it('a uniform distribution over the whole vocabulary has efficiency 1 for any alpha; large alpha stays finite', () => {
    for (const a of [0.5, 1, 2.5, 50]) expect(renyiEfficiency([3, 3, 3, 3], 4, a)).toBeCloseTo(1, 10);
    // alpha = 100 tends to min-entropy -log max p = log 2 (p = 0.5, 0.25, 0.25): 100/99 * log 2 ... within 1%
    expect(renyiEntropy(counts, 100)).toBeCloseTo((100 / 99) * Math.log(2), 3);
  });

  it('utilisation is ids used over vocabulary size; no tokens give 0', () => {
    expect(utilisation(3, 4)).toBe(0.75);
    expect(renyiEfficiency([], 4, 2.5)).toBe(0);
    expect(() => renyiEntropy(counts, 0)).toThrow(/positive/);
  });
});
