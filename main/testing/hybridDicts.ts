// Random hybrid dictionaries for the native-vs-reference tests (main/core/native/analyze.test.ts and
// wordEncoder.test.ts): built to provoke ties, surrogate pairs (astral letters), negated and intersected
// classes, alternants with conditions, morphotactics, compounds and prefixes. Each case holds a dictionary,
// words made of its morph surfaces plus random strings, and scores.
import fc from 'fast-check';
import type { AllomorphGroup, Condition, Dictionary } from '../core/dict/types';
import { type MorphemeLogProbs, uniformLogProbs } from '../core/hybrid/analyzer';

export const CLASSES = {
  vowel: 'aeıioöu𝔢',
  back: 'aıou',
  front: 'eiö𝔢',
  rounded: 'oöu',
  voiceless: 'kt𝔞',
  consonant: 'kdtlrnş𝔞',
};
export const LETTERS = ['a', 'e', 'ı', 'i', 'o', 'ö', 'u', 'k', 't', 'd', 'l', 'r', 'n', 'ş', '𝔞', '𝔢'];
const NAMES = Object.keys(CLASSES);
const POS = ['noun', 'verb'];
const SUFFIX_CLASSES = ['case', 'plural', 'poss'];

/** A morph surface of 1..max letters. */
export const piece = (max: number) => fc.array(fc.constantFrom(...LETTERS), { minLength: 1, maxLength: max }).map((a) => a.join(''));
const ref = fc.oneof(
  fc.constantFrom(...NAMES),
  fc.constantFrom(...NAMES).map((n) => '!' + n),
  fc.tuple(fc.constantFrom(...NAMES), fc.constantFrom(...NAMES)).map(([a, b]) => [a, '!' + b]),
);
/** A context condition over the classes (any subset of its parts). */
export const condition: fc.Arbitrary<Condition> = fc.record({ lastVowel: ref, lastChar: ref, next: ref, nextIsEnd: fc.boolean() }, { requiredKeys: [] });
// Scores from a small set, so equal scores (and the tie-breaking keys after them) are common.
const score = fc.constantFrom(-1, -2, -2.5, -3, -1e-7, -2 - 4e-7);

/** A random dictionary (group names repeat: homophonous affixes), words and scores. */
export const randomCase: fc.Arbitrary<{ dict: Dictionary; words: string[]; probs: MorphemeLogProbs }> = fc
  .record({
    roots: fc.array(
      fc.record({
        surface: piece(4),
        pos: fc.constantFrom(...POS),
        alternants: fc.array(fc.record({ surface: piece(4), when: condition }), { maxLength: 1 }),
      }),
      { minLength: 1, maxLength: 10 },
    ),
    groups: fc.array(
      fc.record({
        kind: fc.constantFrom<'suffix' | 'prefix'>('suffix', 'suffix', 'suffix', 'prefix'),
        class: fc.constantFrom(...SUFFIX_CLASSES, 'pfx'),
        variants: fc.array(piece(3), { minLength: 1, maxLength: 4 }),
        rules: fc.array(fc.record({ pick: fc.nat(), when: condition }), { maxLength: 4 }),
      }),
      { minLength: 1, maxLength: 7 },
    ),
    edges: fc.option(fc.array(fc.tuple(fc.constantFrom('^', ...POS, ...SUFFIX_CLASSES, 'pfx'), fc.constantFrom(...POS, ...SUFFIX_CLASSES, 'pfx', '$')), { maxLength: 14 })),
    words: fc.array(fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 12 }),
    extra: fc.array(piece(9), { maxLength: 4 }),
    probs: fc.option(fc.record({ roots: fc.array(score, { minLength: 10, maxLength: 10 }), groups: fc.array(score, { minLength: 7, maxLength: 7 }), unseen: score, transitions: fc.boolean() })),
  })
  .map((c) => {
    const groups: AllomorphGroup[] = c.groups.map((g, i) => ({
      name: `G${i % 5}`, // repeated names: several groups may share one name, as homophonous affixes do
      kind: g.kind,
      class: g.class,
      variants: g.variants,
      rules: g.rules.map((r) => ({ variant: g.variants[r.pick % g.variants.length], when: r.when })),
    }));
    const dict: Dictionary = {
      format: 'tokstudio-dictionary/1',
      name: 'random',
      language: 'xx',
      alphabet: LETTERS.join(''),
      charClasses: CLASSES,
      roots: c.roots.map((r) => ({ surface: r.surface, pos: r.pos, alternants: r.alternants })),
      groups,
      ...(c.edges ? { morphotactics: { edges: c.edges } } : {}),
    };
    // Words made of morph surfaces (so the lattice has real ambiguity), plus random strings.
    const surfaces = [...dict.roots.flatMap((r) => [r.surface, ...(r.alternants ?? []).map((a) => a.surface)]), ...groups.flatMap((g) => g.variants)];
    const words = [...c.words.map((ix) => ix.map((i) => surfaces[i % surfaces.length]).join('')), ...c.extra];
    let probs = uniformLogProbs(dict);
    if (c.probs) {
      const p = c.probs;
      const roots: Record<string, number> = {};
      dict.roots.forEach((r, i) => (roots[r.surface] = p.roots[i % 10]));
      const gs: Record<string, number> = {};
      groups.forEach((g, i) => (gs[g.name] = p.groups[i % 7]));
      probs = { roots, groups: gs, unseen: p.unseen };
      if (p.transitions) {
        const t: Record<string, Record<string, number>> = {};
        ['^', '*', 'noun', 'case'].forEach((s, i) => (t[s] = { G0: p.groups[i], G2: p.groups[(i + 3) % 7] }));
        probs.transitions = t;
      }
    }
    return { dict, words, probs };
  });
