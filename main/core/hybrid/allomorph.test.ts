import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AllomorphGroup } from '../dict/types';
import { Allomorphy, type AllomorphTables, TableLearner, tableKeys } from './allomorph';
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

describe('TableLearner', () => {
  /** The tables written out the long way: per group a count per full key, vowel, char and variant, as observed. */
  function plainTables(obs: { group: string; left: string; variant: string; weight: number }[]): AllomorphTables {
    const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const counts: Record<string, Record<'full' | 'vowel' | 'char', Record<string, Record<string, number>>> & { all: Record<string, number> }> = {};
    for (const o of obs) {
      const k = tableKeys({ left: o.left, next: null }, classes);
      const g = (counts[o.group] ??= { full: {}, vowel: {}, char: {}, all: {} });
      for (const level of ['full', 'vowel', 'char'] as const) {
        const row = (g[level][k[level]] ??= {});
        row[o.variant] = (row[o.variant] ?? 0) + o.weight;
      }
      g.all[o.variant] = (g.all[o.variant] ?? 0) + o.weight;
    }
    // The most frequent variant, ties to the first by code points.
    const best = (row: Record<string, number>) => Object.keys(row).sort(cmp).reduce((a, v) => (row[v] > row[a] ? v : a));
    const table = (level: Record<string, Record<string, number>>) => Object.fromEntries(Object.keys(level).sort(cmp).map((k) => [k, best(level[k])]));
    const out: AllomorphTables = {};
    for (const name of Object.keys(counts).sort(cmp)) {
      const g = counts[name];
      out[name] = { full: table(g.full), vowel: table(g.vowel), char: table(g.char), majority: best(g.all) };
    }
    return out;
  }

  const observation = fc.record({
    group: fc.constantFrom('DAT', 'PLU', 'x|y'),
    // Contexts with vowels, astral letters, lone surrogates and '|' (which the full key joins with).
    left: fc.array(fc.constantFrom('a', 'e', 'ı', 'k', 'l', 'y', '|', '𝔞', '\udc00', '\ud835'), { maxLength: 5 }).map((a) => a.join('')),
    variant: fc.constantFrom('a', 'e', 'ya', 'ye', 'ler'),
    weight: fc.integer({ min: 1, max: 4 }),
  });

  it('gives the tables of the counts, whatever the order, by context or by keys', () => {
    fc.assert(
      fc.property(fc.array(observation, { maxLength: 60 }), (obs) => {
        const want = plainTables(obs);
        const byCtx = new TableLearner(classes);
        for (const o of obs) byCtx.add(o.group, { left: o.left, next: null }, o.variant, o.weight);
        expect(byCtx.tables()).toEqual(want);
        const byKeys = new TableLearner(classes);
        for (const o of [...obs].reverse()) {
          const k = tableKeys({ left: o.left, next: null }, classes);
          byKeys.addKeys(o.group, k.vowel, k.char, o.variant, o.weight);
        }
        expect(JSON.stringify(byKeys.tables())).toBe(JSON.stringify(want));
      }),
      { numRuns: 300 },
    );
  });
});
