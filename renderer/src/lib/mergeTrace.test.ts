import { describe, it, expect } from 'vitest';
import { formatMergeTrace, hasMergeTrace, MergeTraceCache } from './mergeTrace';

const step = (rank: number, left: string, right: string) => ({ rank, left, right, result: left + right });

describe('formatMergeTrace', () => {
  it('writes the steps in order with their ranks, whitespace visible', () => {
    expect(formatMergeTrace([step(3, 'k', 'i'), step(12, 'ki', 't'), step(40, ' ', 'kit')])).toBe('k+i → ki (#3) · ki+t → kit (#12) · ·+kit → ·kit (#40)');
  });
  it('caps long traces with "+N more"', () => {
    const steps = Array.from({ length: 15 }, (_, i) => step(i, 'a'.repeat(i + 1), 'a'));
    const s = formatMergeTrace(steps);
    expect(s.split(' · ')).toHaveLength(13);
    expect(s.endsWith('· +3 more')).toBe(true);
  });
  it('is empty for a token no merge built', () => {
    expect(formatMergeTrace([])).toBe('');
  });
  it('knows which token types have merges', () => {
    expect(hasMergeTrace('merge')).toBe(true);
    expect(hasMergeTrace('subword')).toBe(true);
    expect(hasMergeTrace('root')).toBe(false);
    expect(hasMergeTrace('byte')).toBe(false);
  });
});

describe('MergeTraceCache', () => {
  it('asks once per (version, token) and shares an answer in flight', async () => {
    const calls: string[] = [];
    const cache = new MergeTraceCache(async (v, t) => {
      calls.push(`${v}:${t}`);
      return [step(t, 'a', 'b')];
    });
    const [a, b] = await Promise.all([cache.get(1, 5), cache.get(1, 5)]);
    expect(a).toBe(b);
    await cache.get(2, 5);
    await cache.get(1, 5);
    expect(calls).toEqual(['1:5', '2:5']);
    cache.forget(1);
    await cache.get(1, 5);
    expect(calls).toEqual(['1:5', '2:5', '1:5']);
  });
  it('forgets failures, so a later hover asks again', async () => {
    let n = 0;
    const cache = new MergeTraceCache(async () => {
      if (n++ === 0) throw new Error('down');
      return [];
    });
    await expect(cache.get(1, 1)).rejects.toThrow('down');
    await expect(cache.get(1, 1)).resolves.toEqual([]);
  });
  it('keeps at most `limit` answers, dropping the least recently used', async () => {
    const calls: number[] = [];
    const cache = new MergeTraceCache(async (_v, t) => {
      calls.push(t);
      return [];
    }, 2);
    await cache.get(1, 1);
    await cache.get(1, 2);
    await cache.get(1, 1); // 1 is now the most recent
    await cache.get(1, 3); // evicts 2
    await cache.get(1, 1);
    await cache.get(1, 2);
    expect(calls).toEqual([1, 2, 3, 2]);
  });
});
