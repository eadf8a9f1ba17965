import { describe, it, expect } from 'vitest';
import type { TokenizerSummary } from '../../../main/api/contract';
import { emptyQueueForm, toCreateQueueArgs, toggleTokenizer } from './queueForm';

const tok = (id: number, kind: 'bpe' | 'hybrid'): TokenizerSummary => ({
  id,
  name: `t${id}`,
  kind,
  source: 'trained',
  parentId: null,
  vocabSize: 1000,
  configHash: 'x',
  createdAt: '',
  trainingMs: 1,
});
const toks = [tok(1, 'bpe'), tok(2, 'hybrid'), tok(3, 'hybrid')];

describe('toCreateQueueArgs', () => {
  it('builds a frequency queue with the proposing version first', () => {
    const form = { ...emptyQueueForm(), name: ' common ', corpusId: 4, tokenizerIds: [2, 1], size: '50', minLength: '4' };
    expect(toCreateQueueArgs(form, toks)).toEqual({
      ok: true,
      value: { name: 'common', language: 'tr', source: 'frequency', corpusId: 4, tokenizerIds: [2, 1], size: 50, minLength: 4 },
    });
  });
  it('asks for what each source needs', () => {
    const base = { ...emptyQueueForm(), name: 'q' };
    expect(toCreateQueueArgs(base, toks)).toMatchObject({ ok: false, error: expect.stringContaining('corpus') });
    expect(toCreateQueueArgs({ ...base, corpusId: 1, source: 'disagreement', tokenizerIds: [1] }, toks)).toMatchObject({ ok: false, error: expect.stringContaining('two or more') });
    expect(toCreateQueueArgs({ ...base, corpusId: 1, source: 'disagreement', tokenizerIds: [1, 2] }, toks).ok).toBe(true);
    expect(toCreateQueueArgs({ ...base, corpusId: 1, source: 'uncertainty', tokenizerIds: [1] }, toks)).toMatchObject({ ok: false, error: expect.stringContaining('hybrid') });
    expect(toCreateQueueArgs({ ...base, corpusId: 1, source: 'uncertainty', tokenizerIds: [2, 3] }, toks).ok).toBe(false);
    expect(toCreateQueueArgs({ ...base, corpusId: 1, source: 'uncertainty', tokenizerIds: [3] }, toks).ok).toBe(true);
    expect(toCreateQueueArgs({ ...base, source: 'wordlist' }, toks)).toMatchObject({ ok: false, error: expect.stringContaining('word list') });
    expect(toCreateQueueArgs({ ...base, source: 'wordlist', wordlistPath: ' /w.txt ' }, toks)).toMatchObject({ ok: true, value: { wordlistPath: '/w.txt' } });
  });
  it('checks name, language, numbers and versions that are gone', () => {
    const ok = { ...emptyQueueForm(), name: 'q', corpusId: 1 };
    expect(toCreateQueueArgs({ ...ok, name: '  ' }, toks).ok).toBe(false);
    expect(toCreateQueueArgs({ ...ok, language: 't' }, toks).ok).toBe(false);
    expect(toCreateQueueArgs({ ...ok, size: '0' }, toks)).toMatchObject({ ok: false, error: expect.stringContaining('Size') });
    expect(toCreateQueueArgs({ ...ok, size: '2.5' }, toks).ok).toBe(false);
    expect(toCreateQueueArgs({ ...ok, minLength: '101' }, toks).ok).toBe(false);
    expect(toCreateQueueArgs({ ...ok, tokenizerIds: [9] }, toks)).toMatchObject({ ok: false, error: expect.stringContaining('no longer exists') });
  });
  it('keeps the order versions were ticked in', () => {
    expect(toggleTokenizer([], 3)).toEqual([3]);
    expect(toggleTokenizer([3], 1)).toEqual([3, 1]);
    expect(toggleTokenizer([3, 1], 3)).toEqual([1]);
  });
});
