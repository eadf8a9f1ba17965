import { describe, it, expect } from 'vitest';
import { hybridBudget, parseShare, parseSpecialTokens, toHybridConfig, toTrainConfig, toTrainRequest, trainBlocker } from './trainForm';
import type { TrainForm } from './trainForm';

const form = (over: Partial<TrainForm> = {}): TrainForm => ({
  kind: 'bpe',
  dictionaryId: null,
  subwordShare: '0.3',
  digits: 'single',
  caseMarkers: true,
  name: 'tr-bpe',
  corpusIds: [1],
  vocabSize: '32000',
  minFrequency: '2',
  pretokenizer: 'gpt4o',
  pattern: '',
  specialTokens: '<|endoftext|>\n',
  ...over,
});

describe('parseSpecialTokens', () => {
  it('takes one token per non-empty line', () => {
    expect(parseSpecialTokens('<s>\r\n\n</s>\n')).toEqual({ ok: true, value: ['<s>', '</s>'] });
    expect(parseSpecialTokens('')).toEqual({ ok: true, value: [] });
  });
  it('refuses duplicates and stray spaces', () => {
    expect(parseSpecialTokens('<s>\n<s>')).toMatchObject({ ok: false, error: expect.stringContaining('twice') });
    expect(parseSpecialTokens(' <s>')).toMatchObject({ ok: false, error: expect.stringContaining('spaces') });
  });
});

describe('toTrainConfig', () => {
  it('builds the config from a preset form', () => {
    expect(toTrainConfig(form())).toEqual({
      ok: true,
      value: { vocabSize: 32000, minFrequency: 2, pretokenizer: 'gpt4o', specialTokens: ['<|endoftext|>'] },
    });
  });
  it('sends the pattern only for a custom pre-tokenizer, and checks it compiles', () => {
    const c = toTrainConfig(form({ pretokenizer: 'custom', pattern: '\\p{L}+|\\s+' }));
    expect(c).toMatchObject({ ok: true, value: { pattern: '\\p{L}+|\\s+' } });
    const preset = toTrainConfig(form({ pretokenizer: 'gpt2', pattern: 'x' }));
    expect(preset.ok && 'pattern' in preset.value).toBe(false);
    expect(preset.ok).toBe(true);
    expect(toTrainConfig(form({ pretokenizer: 'custom', pattern: '(' }))).toMatchObject({ ok: false, error: expect.stringContaining('does not compile') });
    expect(toTrainConfig(form({ pretokenizer: 'custom', pattern: '' })).ok).toBe(false);
  });
  it('rejects numbers that are not whole or out of range', () => {
    expect(toTrainConfig(form({ vocabSize: '3.5' }))).toMatchObject({ ok: false, error: expect.stringContaining('whole number') });
    expect(toTrainConfig(form({ vocabSize: '' })).ok).toBe(false);
    expect(toTrainConfig(form({ vocabSize: '2000000' }))).toMatchObject({ ok: false, error: expect.stringContaining('between') });
    expect(toTrainConfig(form({ minFrequency: '0' })).ok).toBe(false);
  });
});

describe('trainBlocker', () => {
  it('needs a name and a corpus', () => {
    expect(trainBlocker(form())).toBeNull();
    expect(trainBlocker(form({ name: '  ' }))).toMatch(/name/);
    expect(trainBlocker(form({ corpusIds: [] }))).toMatch(/corpus/);
    expect(trainBlocker(form({ vocabSize: 'x' }))).toMatch(/Vocabulary/);
  });
});

describe('parseShare', () => {
  it('reads fractions and percentages', () => {
    expect(parseShare('0.3')).toEqual({ ok: true, value: 0.3 });
    expect(parseShare(' .25 ')).toEqual({ ok: true, value: 0.25 });
    expect(parseShare('1')).toEqual({ ok: true, value: 1 });
    expect(parseShare('30%')).toEqual({ ok: true, value: 0.3 });
  });
  it('refuses what is not a share', () => {
    expect(parseShare('1.5').ok).toBe(false);
    expect(parseShare('-0.1').ok).toBe(false);
    expect(parseShare('abc').ok).toBe(false);
    expect(parseShare('').ok).toBe(false);
    expect(parseShare('120%').ok).toBe(false);
  });
});

describe('toHybridConfig and toTrainRequest', () => {
  const hybrid = (over: Partial<TrainForm> = {}) => form({ kind: 'hybrid', dictionaryId: 4, ...over });
  it('builds a hybrid request with the dictionary and every option', () => {
    expect(toTrainRequest(hybrid({ digits: 'group3', caseMarkers: false, subwordShare: '0.4', vocabSize: '3000' }))).toEqual({
      ok: true,
      value: {
        kind: 'hybrid',
        name: 'tr-bpe',
        corpusIds: [1],
        dictionaryId: 4,
        config: { vocabSize: 3000, subwordShare: 0.4, minFrequency: 2, digits: 'group3', caseMarkers: false, specialTokens: ['<|endoftext|>'] },
      },
    });
  });
  it('needs a dictionary for hybrid but not for BPE', () => {
    expect(trainBlocker(hybrid({ dictionaryId: null }))).toMatch(/dictionary/);
    expect(trainBlocker(form({ dictionaryId: null }))).toBeNull();
  });
  it('ignores the pre-tokenizer for hybrid and the share for BPE', () => {
    expect(toHybridConfig(hybrid({ pretokenizer: 'custom', pattern: '(' })).ok).toBe(true);
    expect(toTrainConfig(form({ subwordShare: 'nonsense' })).ok).toBe(true);
    expect(trainBlocker(hybrid({ subwordShare: '2' }))).toMatch(/Subword share/);
  });
  it('builds a BPE request', () => {
    expect(toTrainRequest(form({ name: ' x ' }))).toMatchObject({ ok: true, value: { kind: 'bpe', name: 'x', config: { vocabSize: 32000 } } });
  });
});

describe('hybridBudget', () => {
  it('caps the dictionary at vocab × (1 − share) and leaves the rest to subwords', () => {
    expect(hybridBudget(32000, 0.3)).toMatchObject({ dictionaryMax: 22400, subwordMin: 9600 });
    expect(hybridBudget(3000, 0.3).text).toContain('3,000 = up to 2,100 for the dictionary');
  });
  it('always leaves the 256 byte tokens', () => {
    expect(hybridBudget(1000, 0)).toMatchObject({ dictionaryMax: 744, subwordMin: 256 });
    expect(hybridBudget(100, 0.3)).toMatchObject({ dictionaryMax: 0, subwordMin: 100 });
  });
});
