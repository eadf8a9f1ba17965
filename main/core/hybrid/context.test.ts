import { describe, expect, it } from 'vitest';
import type { AllomorphGroup } from '../dict/types';
import { compileClasses, holds, predictVariant } from './context';

const classes = compileClasses({ vowel: 'aeıioöuü', back: 'aıou', front: 'eiöü', voiceless: 'çfhkpsşt', rounded: 'oöuü' });

describe('holds', () => {
  it('reads the last vowel, last char, next char and word end', () => {
    expect(holds({ lastVowel: 'back' }, { left: 'kitap', next: null }, classes)).toBe(true);
    expect(holds({ lastVowel: 'front' }, { left: 'kitap', next: null }, classes)).toBe(false);
    expect(holds({ lastVowel: 'back' }, { left: 'xyz', next: null }, classes)).toBe(false); // no vowel: fails
    expect(holds({ lastChar: 'voiceless' }, { left: 'kitap', next: null }, classes)).toBe(true);
    expect(holds({ lastChar: '!voiceless' }, { left: 'ev', next: null }, classes)).toBe(true);
    expect(holds({ lastChar: 'voiceless' }, { left: '', next: null }, classes)).toBe(false);
    expect(holds({ next: 'vowel' }, { left: 'kitab', next: 'ı' }, classes)).toBe(true);
    expect(holds({ next: 'vowel' }, { left: 'kitab', next: null }, classes)).toBe(false);
    expect(holds({ nextIsEnd: true }, { left: 'ev', next: '' }, classes)).toBe(true);
    expect(holds({ nextIsEnd: false }, { left: 'ev', next: 'ler' }, classes)).toBe(true);
    expect(holds({ lastVowel: ['back', 'rounded'] }, { left: 'okul', next: null }, classes)).toBe(true);
    expect(holds({ lastVowel: ['back', 'rounded'] }, { left: 'kitap', next: null }, classes)).toBe(false);
    expect(holds({}, { left: '', next: null }, classes)).toBe(true);
  });

  it('rejects unknown class names instead of failing silently', () => {
    expect(() => holds({ lastChar: 'vowl' }, { left: 'a', next: null }, classes)).toThrow(/unknown character class "vowl"/);
  });
});

describe('predictVariant', () => {
  const rules = [
    { variant: 'lar', when: { lastVowel: 'back' } },
    { variant: 'ler', when: { lastVowel: 'front' } },
  ];
  const g: AllomorphGroup = { name: 'PLU', kind: 'suffix', class: 'plural', variants: ['lar', 'ler'], rules };
  it('picks the single qualifying variant, independent of rule order', () => {
    expect(predictVariant(g, { left: 'kitap', next: null }, classes)).toBe('lar');
    expect(predictVariant({ ...g, rules: [...rules].reverse() }, { left: 'ev', next: null }, classes)).toBe('ler');
  });
  it('returns null when none or several distinct variants qualify', () => {
    expect(predictVariant(g, { left: 'xyz', next: null }, classes)).toBeNull();
    const both: AllomorphGroup = { ...g, rules: [...rules, { variant: 'ler', when: { lastChar: 'voiceless' } }] };
    expect(predictVariant(both, { left: 'kitap', next: null }, classes)).toBeNull();
    // Two rules naming the same variant are alternatives, not a conflict.
    const same: AllomorphGroup = { ...g, rules: [...rules, { variant: 'lar', when: { lastChar: 'voiceless' } }] };
    expect(predictVariant(same, { left: 'kitap', next: null }, classes)).toBe('lar');
  });
});
