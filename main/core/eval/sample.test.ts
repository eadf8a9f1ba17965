import { describe, expect, it } from 'vitest';
import { Reservoir, mulberry32 } from './sample';

const draw = (n: number, size: number, seed: number) => {
  const r = new Reservoir<number>(size, seed);
  for (let i = 0; i < n; i++) r.offer(i);
  return r;
};

describe('seeded line sample', () => {
  it('is reproducible for a seed, different for another, and keeps the original order', () => {
    const a = draw(1000, 20, 7).items();
    expect(draw(1000, 20, 7).items()).toEqual(a);
    expect(draw(1000, 20, 8).items()).not.toEqual(a);
    expect(a).toHaveLength(20);
    expect([...a].sort((x, y) => x - y)).toEqual(a);
    expect(new Set(a).size).toBe(20);
  });

  it('takes everything when there are fewer lines than asked', () => {
    const r = draw(5, 20, 1);
    expect(r.items()).toEqual([0, 1, 2, 3, 4]);
    expect(r.offered).toBe(5);
  });

  it('is roughly uniform: over 2000 draws of 10 from 100, every line is picked about 200 times', () => {
    const hits = new Array(100).fill(0);
    for (let s = 0; s < 2000; s++) for (const i of draw(100, 10, s).items()) hits[i]++;
    // Binomial(2000, 0.1): mean 200, sd 13.4; 6 sd either way
    expect(Math.min(...hits)).toBeGreaterThan(120);
    expect(Math.max(...hits)).toBeLessThan(280);
  });

  it('mulberry32 is in [0, 1) and deterministic', () => {
    const r = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => r());
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const again = mulberry32(42);
    expect(again()).toBe(xs[0]);
  });
});
