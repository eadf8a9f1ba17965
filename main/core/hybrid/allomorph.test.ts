import { describe, expect, it } from 'vitest';
import type { AllomorphGroup } from '../dict/types';
import { Allomorphy, TableLearner } from './allomorph';
import { compileClasses } from './context';

const classes = compileClasses({ vowel: 'aeıioöuü', back: 'aıou', front: 'eiöü' });
const DAT: AllomorphGroup = { name: 'DAT', kind: 'suffix', class: 'case', variants: ['a', 'e', 'ya', 'ye'] };

describe('learned variant tables', () => {
  const learner = new TableLearner(classes);
  learner.add('DAT', { left: 'okul', next: null }, 'a', 5);
  learner.add('DAT', { left: 'ev', next: null }, 'e', 3);
  learner.add('DAT', { left: 'masa', next: null }, 'ya', 2);
  learner.add('DAT', { left: 'kedi', next: null }, 'ye', 2);
  learner.add('DAT', { left: 'kedi', next: null }, 'e', 2); // a tie at key i|i: 'e' sorts before 'ye'
  const tables = learner.tables();
  const a = new Allomorphy([DAT], tables, classes);
  it('uses the full key, then backs off to the vowel, the char, the majority', () => {
    expect(a.predict('DAT', { left: 'okul', next: null })).toBe('a'); // u|l
    expect(a.predict('DAT', { left: 'masa', next: null })).toBe('ya'); // a|a
    expect(a.predict('DAT', { left: 'kedi', next: null })).toBe('e'); // tie broken by code points
    expect(a.predict('DAT', { left: 'kol', next: null })).toBe('a'); // o|l unseen -> vowel o unseen -> char l -> 'a'
    expect(a.predict('DAT', { left: 'zzz', next: null })).toBe('a'); // nothing known: majority
  });
  it('is plain JSON and round-trips through it', () => {
    const back = new Allomorphy([DAT], JSON.parse(JSON.stringify(tables)), classes);
    expect(back.predict('DAT', { left: 'masa', next: null })).toBe('ya');
  });
  it('prefers rules over the table', () => {
    const ruled: AllomorphGroup = { ...DAT, rules: [{ variant: 'e', when: { lastVowel: 'front' } }] };
    const r = new Allomorphy([ruled], tables, classes);
    expect(r.predict('DAT', { left: 'kedi', next: null })).toBe('e');
    expect(r.predict('DAT', { left: 'okul', next: null })).toBe('a'); // no rule holds: the table decides
    expect(() => r.predict('NOPE', { left: '', next: null })).toThrow(/unknown allomorph group/);
  });
});
