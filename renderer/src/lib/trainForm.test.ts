import { describe, it, expect } from 'vitest';
import { parseSpecialTokens, toTrainConfig, trainBlocker } from './trainForm';
import type { TrainForm } from './trainForm';

const form = (over: Partial<TrainForm> = {}): TrainForm => ({
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
