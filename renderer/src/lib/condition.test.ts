import { describe, it, expect } from 'vitest';
import { conditionOf, describeCondition, emptyFields, fieldsOf, parseClassRef, unknownClasses } from './condition';

describe('class references', () => {
  it('parses a name, a complement and a list', () => {
    expect(parseClassRef('  vowel ')).toBe('vowel');
    expect(parseClassRef('!front')).toBe('!front');
    expect(parseClassRef('front, rounded')).toEqual(['front', 'rounded']);
    expect(parseClassRef('front rounded,')).toEqual(['front', 'rounded']);
    expect(parseClassRef(' , ')).toBeUndefined();
  });
});

describe('condition fields', () => {
  it('round-trip a condition through the fields', () => {
    const c = { lastVowel: ['back', 'unrounded'], next: '!vowel', nextIsEnd: true };
    const f = fieldsOf(c);
    expect(f).toEqual({ lastVowel: 'back, unrounded', lastChar: '', next: '!vowel', nextIsEnd: true });
    expect(conditionOf(f)).toEqual(c);
  });
  it('gives null for empty fields, so "always" is stored as no condition', () => {
    expect(conditionOf(emptyFields())).toBeNull();
    expect(conditionOf({ ...emptyFields(), lastChar: '   ' })).toBeNull();
    expect(fieldsOf(null)).toEqual(emptyFields());
  });
  it('describes a condition in one line', () => {
    expect(describeCondition({ next: 'vowel' })).toBe('next vowel');
    expect(describeCondition({ lastVowel: ['front', 'rounded'], nextIsEnd: true })).toBe('last vowel front+rounded · at word end');
    expect(describeCondition(null)).toBe('always');
    expect(describeCondition({ nextIsEnd: false })).toBe('not at word end');
  });
  it('names classes the dictionary does not define', () => {
    const f = { ...emptyFields(), lastVowel: '!front, round', next: 'vowel' };
    expect(unknownClasses(f, new Set(['front', 'vowel']))).toEqual(['round']);
  });
});
