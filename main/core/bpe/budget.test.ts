import { describe, it, expect } from 'vitest';
import { explainBudget } from './budget';

describe('explainBudget', () => {
  it('splits the budget into specials, bytes and merges', () => {
    const b = explainBudget(32000, 1);
    expect(b).toMatchObject({ vocabSize: 32000, specials: 1, alphabet: 256, merges: 31743, ok: true });
    expect(b.text).toBe('32000 = 1 special token + 256 byte tokens + 31743 merges');
    expect(explainBudget(259, 2).text).toBe('259 = 2 special tokens + 256 byte tokens + 1 merge');
    expect(explainBudget(256, 0)).toMatchObject({ merges: 0, ok: true });
  });

  it('says the minimum when the budget cannot hold the alphabet', () => {
    const b = explainBudget(200, 3);
    expect(b.ok).toBe(false);
    expect(b.merges).toBe(0);
    expect(b.text).toContain('minimum is 259');
    expect(b.text).toContain('3 special tokens + 256 byte tokens');
    expect(explainBudget(258.5, 1).ok).toBe(false);
  });
});
