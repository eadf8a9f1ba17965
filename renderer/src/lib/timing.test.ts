import { describe, it, expect, vi, afterEach } from 'vitest';
import { debounce, sequencer } from './timing';

afterEach(() => {
  vi.useRealTimers();
});

describe('debounce', () => {
  it('calls once with the last arguments after the quiet period', () => {
    vi.useFakeTimers();
    const seen: string[] = [];
    const d = debounce((s: string) => seen.push(s), 60);
    d('a');
    vi.advanceTimersByTime(30);
    d('ab');
    vi.advanceTimersByTime(59);
    expect(seen).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(seen).toEqual(['ab']);
  });
  it('can be cancelled', () => {
    vi.useFakeTimers();
    const seen: number[] = [];
    const d = debounce((n: number) => seen.push(n), 10);
    d(1);
    d.cancel();
    vi.advanceTimersByTime(100);
    expect(seen).toEqual([]);
    d(2);
    vi.advanceTimersByTime(10);
    expect(seen).toEqual([2]);
  });
});

describe('sequencer', () => {
  it('lets only the latest ticket through', async () => {
    const seq = sequencer();
    const shown: string[] = [];
    const request = async (text: string, delay: number) => {
      const t = seq.next();
      await new Promise((r) => setTimeout(r, delay));
      if (seq.isCurrent(t)) shown.push(text);
    };
    await Promise.all([request('old, slow', 30), request('new, fast', 1)]);
    expect(shown).toEqual(['new, fast']);
  });
});
