import { describe, it, expect } from 'vitest';
import { describeRecord, describeValue, humanizeKey } from './describe';

describe('humanizeKey', () => {
  it('turns camelCase into a label', () => {
    expect(humanizeKey('pretokenTypes')).toBe('Pretoken types');
    expect(humanizeKey('peakRssBytes')).toBe('Peak RSS');
    expect(humanizeKey('trainingMs')).toBe('Training');
    expect(humanizeKey('merges')).toBe('Merges');
  });
});

describe('describeValue', () => {
  it('formats by key suffix and type', () => {
    expect(describeValue('peakRssBytes', 3 * 1024 * 1024)).toBe('3.0 MB');
    expect(describeValue('trainingMs', 2345)).toBe('2.35 s');
    expect(describeValue('merges', 31743)).toBe('31,743');
    expect(describeValue('ratio', 1.23456)).toBe('1.235');
    expect(describeValue('specialTokens', ['<s>', '</s>'])).toBe('<s>  </s>');
    expect(describeValue('specialTokens', [])).toBe('none');
    expect(describeValue('pattern', '')).toBe('""');
  });
  it('explains an early stop, and its absence', () => {
    expect(describeValue('stoppedEarly', { reason: 'no pair occurs twice', atMerges: 344 })).toBe('no pair occurs twice (at 344 merges)');
    expect(describeValue('stoppedEarly', null)).toBe('no');
  });
});

describe('describeRecord', () => {
  it('keeps order and skips requested keys', () => {
    const rows = describeRecord({ vocabSize: 600, pattern: 'x', minFrequency: 2 }, ['pattern']);
    expect(rows.map((r) => r.key)).toEqual(['vocabSize', 'minFrequency']);
    expect(rows[0]).toEqual({ key: 'vocabSize', label: 'Vocab size', value: '600' });
  });
});
