import { describe, it, expect } from 'vitest';
import { ANNOTATOR_KEY, cleanAnnotator, loadAnnotator, saveAnnotator } from './annotator';

function memory(): Map<string, string> & { getItem(k: string): string | null; setItem(k: string, v: string): void } {
  const m = new Map<string, string>() as Map<string, string> & { getItem(k: string): string | null; setItem(k: string, v: string): void };
  m.getItem = (k) => m.get(k) ?? null;
  m.setItem = (k, v) => void m.set(k, v);
  return m;
}

describe('annotator name', () => {
  it('is trimmed, single-spaced and 1..100 characters', () => {
    expect(cleanAnnotator('  Ayşe   Yılmaz ')).toBe('Ayşe Yılmaz');
    expect(cleanAnnotator('   ')).toBeNull();
    expect(cleanAnnotator('x'.repeat(101))).toBeNull();
  });
  it('is kept in storage and read back', () => {
    const s = memory();
    expect(loadAnnotator(s)).toBeNull();
    expect(saveAnnotator(s, ' ayse ')).toBe('ayse');
    expect(s.get(ANNOTATOR_KEY)).toBe('ayse');
    expect(loadAnnotator(s)).toBe('ayse');
    expect(saveAnnotator(s, '')).toBeNull();
    expect(loadAnnotator(s)).toBe('ayse');
  });
  it('survives storage that throws', () => {
    const broken = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('denied'); } };
    expect(loadAnnotator(broken)).toBeNull();
    expect(saveAnnotator(broken, 'ayse')).toBe('ayse');
  });
});
