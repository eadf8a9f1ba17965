import { describe, expect, it } from 'vitest';
import { cutsOf, disagreements } from './compare';
import type { EncodedToken } from '../contract';

const tok = (start: number, end: number): EncodedToken => ({ id: 0, token: '', text: '', type: 'merge', start, end, byteStart: start, byteEnd: end });

describe('boundary disagreements', () => {
  it('cuts where tokens end inside the text; zero-width markers do not cut', () => {
    expect([...cutsOf([tok(0, 0), tok(0, 5), tok(5, 8), tok(8, 11)], 11)]).toEqual([5, 8]);
  });

  it('lists offsets cut by some but not all', () => {
    // "kitaplardan": A = kitap|lar|dan, B = kitap|lardan, C = kit|ap|lar|dan; D failed.
    const d = disagreements([new Set([5, 8]), new Set([5]), new Set([3, 5, 8]), null]);
    expect(d).toEqual([
      { offset: 3, cutBy: [2] },
      { offset: 8, cutBy: [0, 2] },
    ]);
  });
});
