import { describe, it, expect } from 'vitest';
import { kappaBand, progressParts, progressText, sourceLabel, statusGlyph, statusLabel } from './annotateStatus';

describe('status display', () => {
  it('names and marks every status', () => {
    expect(statusLabel('gold')).toBe('Gold');
    expect(statusLabel('unseen')).toBe('Unseen');
    expect(new Set(['unseen', 'draft', 'gold', 'disputed'].map((s) => statusGlyph(s as 'gold'))).size).toBe(4);
  });
  it('splits progress into bar parts in a fixed order, leaving empty ones out', () => {
    const parts = progressParts({ unseen: 50, draft: 20, gold: 25, disputed: 5 }, 100);
    expect(parts.map((p) => p.status)).toEqual(['gold', 'draft', 'disputed', 'unseen']);
    expect(parts.map((p) => p.percent)).toEqual([25, 20, 5, 50]);
    expect(progressParts({ unseen: 4, draft: 0, gold: 0, disputed: 0 }, 4)).toEqual([{ status: 'unseen', count: 4, percent: 100 }]);
    expect(progressParts({ unseen: 0, draft: 0, gold: 0, disputed: 0 }, 0)).toEqual([]);
  });
  it('says how much is gold', () => {
    expect(progressText({ unseen: 50, draft: 20, gold: 30, disputed: 0 }, 100)).toBe('30 of 100 gold (30%)');
    expect(progressText({ unseen: 0, draft: 0, gold: 0, disputed: 0 }, 0)).toBe('0 of 0 gold (0%)');
  });
  it('reads sources and kappa bands', () => {
    expect(sourceLabel('disagreement')).toBe('tokenizers disagree');
    expect(kappaBand(0.85)).toBe('almost perfect');
    expect(kappaBand(0.5)).toBe('moderate');
    expect(kappaBand(-0.1)).toBe('worse than chance');
    expect(kappaBand(Number.NaN)).toBe('—');
  });
});
