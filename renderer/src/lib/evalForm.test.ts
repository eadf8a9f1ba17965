import { describe, it, expect } from 'vitest';
import type { ParallelSetSummary } from '../../../main/api/contract';
import { bundledGoldPath, emptyEvalForm, pivotChoices, toEvalStartArgs, toggled } from './evalForm';

const available = [
  { source: { kind: 'version' as const, id: 1 } },
  { source: { kind: 'version' as const, id: 2 } },
  { source: { kind: 'openai' as const, name: 'o200k_base' as const } },
];

describe('toEvalStartArgs', () => {
  it('turns the form into eval.start arguments', () => {
    const form = { ...emptyEvalForm(), sources: ['v2', 'o:o200k_base'], corpusId: 4, sampleLines: ' 500 ', goldSetIds: [7], parallelSetIds: [3], pivot: 'en', dictionaryId: 1, renyiAlpha: '3', curveVersionId: 1, name: ' mine ' };
    expect(toEvalStartArgs(form, available)).toEqual({
      ok: true,
      value: {
        name: 'mine',
        sources: [{ kind: 'version', id: 2 }, { kind: 'openai', name: 'o200k_base' }],
        corpusId: 4, sampleLines: 500, seed: 1, goldSetIds: [7], parallelSetIds: [3], pivot: 'en', dictionaryId: 1, renyiAlpha: 3, curveVersionId: 1,
      },
    });
  });
  it('leaves out what is not chosen (no corpus: no sample size; no parallel set: no pivot)', () => {
    const r = toEvalStartArgs({ ...emptyEvalForm(), sources: ['v1'], goldSetIds: [7], pivot: 'en', sampleLines: 'junk' }, available);
    expect(r).toEqual({ ok: true, value: { sources: [{ kind: 'version', id: 1 }], goldSetIds: [7], parallelSetIds: [], seed: 1, renyiAlpha: 2.5 } });
  });
  it('says what to fix', () => {
    const base = { ...emptyEvalForm(), sources: ['v1'], corpusId: 1 };
    expect(toEvalStartArgs({ ...base, sources: [] }, available)).toMatchObject({ ok: false, error: expect.stringContaining('at least one tokenizer') });
    expect(toEvalStartArgs({ ...base, sources: ['v99'] }, available)).toMatchObject({ ok: false });
    expect(toEvalStartArgs({ ...base, corpusId: null }, available)).toMatchObject({ ok: false, error: expect.stringContaining('corpus, a gold set or a parallel set') });
    expect(toEvalStartArgs({ ...base, sampleLines: '0' }, available)).toMatchObject({ ok: false, error: expect.stringContaining('Sample lines') });
    expect(toEvalStartArgs({ ...base, sampleLines: '1.5' }, available)).toMatchObject({ ok: false, error: expect.stringContaining('whole number') });
    expect(toEvalStartArgs({ ...base, renyiAlpha: '0' }, available)).toMatchObject({ ok: false, error: expect.stringContaining('Rényi') });
    expect(toEvalStartArgs({ ...base, renyiAlpha: '' }, available)).toMatchObject({ ok: false });
    expect(toEvalStartArgs({ ...base, seed: '-1' }, available)).toMatchObject({ ok: false, error: expect.stringContaining('Seed') });
  });
  it('refuses more than twelve tokenizers', () => {
    const many = Array.from({ length: 13 }, (_, i) => ({ source: { kind: 'version' as const, id: i + 1 } }));
    expect(toEvalStartArgs({ ...emptyEvalForm(), corpusId: 1, sources: many.map((m) => `v${m.source.id}`) }, many)).toMatchObject({ ok: false, error: expect.stringContaining('at most 12') });
  });
});

describe('form helpers', () => {
  it('offers the languages of the picked parallel sets as pivots', () => {
    const set = (id: number, languages: string[]) => ({ id, languages }) as ParallelSetSummary;
    expect(pivotChoices([set(1, ['tr', 'en']), set(2, ['hu', 'en', 'de'])], [1, 2])).toEqual(['tr', 'en', 'hu', 'de']);
    expect(pivotChoices([set(1, ['tr', 'en']), set(2, ['hu'])], [2])).toEqual(['hu']);
  });
  it('finds the bundled gold set beside the bundled corpus', () => {
    expect(bundledGoldPath('/opt/app/samples/tr/sample.txt')).toBe('/opt/app/samples/tr/gold.tsv');
    expect(bundledGoldPath('C:\\app\\samples\\tr\\sample.txt')).toBe('C:\\app\\samples\\tr\\gold.tsv');
  });
  it('toggles picks in order, up to a cap', () => {
    expect(toggled(['a'], 'b')).toEqual(['a', 'b']);
    expect(toggled(['a', 'b'], 'a')).toEqual(['b']);
    expect(toggled(['a', 'b'], 'c', 2)).toEqual(['a', 'b']);
  });
});
