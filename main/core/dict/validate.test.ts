import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../errors';
import type { Dictionary } from './types';
import { assertValidDictionary, finishDictionary, normalizeDictionary, validateDictionary, type Problem } from './validate';
import { compareCodePoints } from './normalize';

const FIX = join(import.meta.dirname, '../../../fixtures/dict');
const small = (): Dictionary => JSON.parse(readFileSync(join(FIX, 'small.json'), 'utf8')) as Dictionary;
const errors = (d: unknown): Problem[] => validateDictionary(d).problems.filter((p) => p.severity === 'error');

describe('validateDictionary', () => {
  it('accepts the fixture, including homophones in groups of different classes (ACC ı / P3SG ı)', () => {
    const { dictionary, problems } = validateDictionary(small());
    expect(problems).toEqual([]);
    expect(dictionary?.groups).toHaveLength(5);
  });

  it('reports shape problems with paths', () => {
    const d = small() as unknown as Record<string, unknown>;
    d.format = 'tokstudio-dictionary/2';
    (d.groups as Record<string, unknown>[])[1].varients = ['x'];
    (d.roots as Record<string, unknown>[])[2].pos = 7;
    const { dictionary, problems } = validateDictionary(d);
    expect(dictionary).toBeNull();
    const paths = problems.map((p) => p.path);
    expect(paths).toContain('format');
    expect(paths).toContain('groups[1]');
    expect(paths).toContain('roots[2].pos');
    expect(problems.find((p) => p.path === 'groups[1]')?.message).toMatch(/varients/);
    expect(validateDictionary(null).problems[0].path).toBe('(top level)');
  });

  it('finds duplicates, empty surfaces and letters outside the alphabet', () => {
    const d = small();
    d.roots.push({ surface: 'ev', pos: 'noun' }, { surface: '', pos: 'noun' }, { surface: 'quiz', pos: 'noun' }, { surface: 'ev', pos: 'verb' });
    d.groups.push({ name: 'PLU', kind: 'suffix', class: 'other', variants: ['lar'] });
    d.groups.push({ name: 'PL2', kind: 'suffix', class: 'plural', variants: ['ler', 'ler', ''] });
    d.roots[0].alternants!.push({ surface: 'kitab' });
    expect(errors(d)).toEqual([
      { path: 'roots[0].alternants[1].surface', message: 'duplicate alternant "kitab" of root "kitap"', severity: 'error' },
      { path: 'roots[3].surface', message: 'duplicate root "ev" (noun) (also roots[1])', severity: 'error' },
      { path: 'roots[4].surface', message: 'empty root surface', severity: 'error' },
      { path: 'roots[5].surface', message: 'root "quiz" contains "q" (U+0071), which is not in the alphabet', severity: 'error' },
      { path: 'groups[5].name', message: 'duplicate group name "PLU" (also groups[0])', severity: 'error' },
      { path: 'groups[6].variants[1]', message: 'duplicate variant "ler" in group "PL2"', severity: 'error' },
      { path: 'groups[6].variants[2]', message: 'empty variant', severity: 'error' },
    ]);
  });

  it('allows homographs with another pos, and warns (only) about one affix in two groups of one class', () => {
    const d = small();
    d.roots.push({ surface: 'ev', pos: 'verb' });
    d.groups.push({ name: 'PL2', kind: 'suffix', class: 'plural', variants: ['ler'] });
    const { problems } = validateDictionary(d);
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(problems).toContainEqual({
      path: 'groups[5].variants[0]',
      message: 'suffix "ler" is in group "PL2" and in groups[0] ("PLU"), both of class "plural"',
      severity: 'warning',
    });
  });

  it('checks rules, class references and char classes', () => {
    const d = small();
    d.groups[0].rules!.push({ variant: 'lır', when: { lastVowel: 'round' } });
    d.groups[1].rules![0].when.lastChar = ['!voiceless', 'nasal'];
    d.roots[0].alternants![0].when = { next: '!consonant' };
    d.charClasses.odd = 'aqx';
    expect(errors(d).map((p) => [p.path, p.message])).toEqual([
      ['charClasses.odd', 'character class "aqx" contains "q" (U+0071), which is not in the alphabet'],
      ['roots[0].alternants[0].when.next', 'character class "consonant" is not defined in charClasses'],
      ['groups[0].rules[2].variant', 'rule names variant "lır", which group "PLU" does not have'],
      ['groups[0].rules[2].when.lastVowel', 'character class "round" is not defined in charClasses'],
      ['groups[1].rules[0].when.lastChar', 'character class "nasal" is not defined in charClasses'],
    ]);
    const noVowel = small();
    delete noVowel.charClasses.vowel;
    noVowel.roots[0].alternants = [];
    expect(errors(noVowel).map((p) => p.message)).toContain('lastVowel needs a character class named "vowel"');
  });

  it('checks the morphotactic graph', () => {
    const d = small();
    d.morphotactics!.edges.push(['case', 'copula'], ['$', 'noun'], ['noun', '^'], ['case', '$']);
    d.groups.push({ name: 'DIM', kind: 'suffix', class: 'diminutive', variants: ['cik'] });
    const { problems } = validateDictionary(d);
    expect(problems.map((p) => [p.severity, p.path, p.message])).toEqual([
      ['error', 'morphotactics.edges[10]', 'class "copula" is neither a root pos nor a group class'],
      ['error', 'morphotactics.edges[11]', 'an edge cannot leave "$" (the word end)'],
      ['error', 'morphotactics.edges[12]', 'an edge cannot lead to "^" (the word start)'],
      ['warning', 'morphotactics.edges', 'class "diminutive" cannot be reached from "^"'],
    ]);
  });
});

describe('assertValidDictionary', () => {
  it('throws one UserError naming the source and at most 20 problems', () => {
    const d = small();
    for (let i = 0; i < 25; i++) d.roots.push({ surface: `x${i}q`, pos: 'noun' });
    let caught: unknown;
    try {
      assertValidDictionary(d, 'my.json');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(UserError);
    const message = (caught as Error).message;
    expect(message).toMatch(/^my\.json: 25 problems in the dictionary:\n {2}roots\[3\]\.surface: root "x0q" contains "x"/);
    expect(message.split('\n')).toHaveLength(22);
    expect(message).toMatch(/… and 5 more$/);
  });

  it('returns the dictionary when only warnings remain', () => {
    const d = small();
    d.groups.push({ name: 'DIM', kind: 'suffix', class: 'diminutive', variants: ['cik'] });
    expect(assertValidDictionary(d, 'x').groups).toHaveLength(6);
  });
});

describe('normalizeDictionary', () => {
  it('folds surfaces (Turkish I) and sorts into one canonical order', () => {
    const d = small();
    d.roots.push({ surface: 'IŞIK', pos: 'noun' }, { surface: 'İnce', pos: 'adj' }, { surface: 'çiçek', pos: 'noun' });
    d.groups[0].variants = ['LAR', 'ler'];
    d.groups[0].rules![0].variant = 'LAR';
    d.groups[0].rules!.reverse();
    d.morphotactics!.edges.push(['^', 'noun'], ['^', 'adj']);
    const n = normalizeDictionary(d);
    expect(n.roots.map((r) => r.surface)).toEqual(['ev', 'gel', 'ince', 'kitap', 'çiçek', 'ışık']); // code point order
    expect(n.groups.map((g) => g.name)).toEqual(['ACC', 'LOC', 'NEG', 'P3SG', 'PLU']);
    expect(n.groups[4].variants).toEqual(['lar', 'ler']);
    expect(n.groups[4].rules!.map((r) => r.variant)).toEqual(['lar', 'ler']);
    expect(n.morphotactics!.edges.filter(([a]) => a === '^')).toEqual([['^', 'adj'], ['^', 'neg'], ['^', 'noun'], ['^', 'verb']]);
    expect(Object.keys(n.charClasses)).toEqual(['back', 'front', 'voiceless', 'vowel']);
    // Idempotent, and independent of the input order.
    expect(normalizeDictionary(n)).toEqual(n);
    const shuffled = { ...d, roots: [...d.roots].reverse(), groups: [...d.groups].reverse() };
    expect(JSON.stringify(normalizeDictionary(shuffled))).toBe(JSON.stringify(n));
  });

  it('NFC-normalises decomposed input', () => {
    const d = small();
    d.roots.push({ surface: 'gu\u0308l', pos: 'noun' }); // u + combining diaeresis
    expect(finishDictionary(d, 'x').roots.map((r) => r.surface)).toContain('gül');
  });

  it('orders by code point, like SQLite BINARY on UTF-8', () => {
    const words = ['\u{1F600}', '\uFF21', 'z', 'a', 'ş'];
    expect([...words].sort(compareCodePoints)).toEqual(['a', 'z', 'ş', '\uFF21', '\u{1F600}']);
  });
});
