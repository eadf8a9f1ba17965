// Hybrid training's residue pass on the addon (Analyzer::residuePass, summed up in C++) against the reference's
// (HybridAnalyzer.residuePass on the TypeScript engine), and the reference against what the trainer did before
// the pass existed (a visitor over each best analysis feeding TableLearner.add and the residue map): the same
// covered weight and types, affix observations and residue strings, in the same first-seen order, on random
// dictionaries (astral letters, surrogates right before an affix, words over 64 units, words that are all
// residue, zero weights), the test dictionaries and the bundled Turkish one; the same order on one thread and two;
// malformed calls throw.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { Dictionary } from '../dict/types';
import { TableLearner } from '../hybrid/allomorph';
import { type DictView, type MorphemeLogProbs, uniformLogProbs } from '../hybrid/analyzer';
import { compileClasses } from '../hybrid/context';
import { HybridAnalyzer, type ResidueTally } from '../hybrid/engine';
import type { HybridConfig, HybridModel } from '../hybrid/model';
import { indonesianMini, turkishMini } from '../hybrid/testdicts';
import { trainHybrid } from '../hybrid/trainer';
import { randomCase } from '../../testing/hybridDicts';
import { NativeAnalyzer } from './analyze';
import { describeNative } from './testSupport';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const read = (f: string) => readFileSync(root + f, 'utf8');

type RawPass = (text: string, lens: Uint32Array, lead: unknown, inner: unknown, threads?: unknown) => Record<string, unknown>;
const handleOf = (nat: NativeAnalyzer) => (nat as unknown as { handle: { residuePass: RawPass } }).handle;

/** Deterministic weights: lead and inner from 0 to 3 (zeros too: a word that never opens or never continues). */
const weightsFor = (words: readonly string[], seed = 0) => ({
  lead: words.map((_, i) => (i * 5 + seed) % 4),
  inner: words.map((_, i) => (i * 3 + seed * 7 + 1) % 4),
});

/** The trainer's residue pass before residuePass existed: a visitor over each best analysis. */
function visitorPass(a: HybridAnalyzer, dict: DictView, words: string[], lead: number[], inner: number[]) {
  const learner = new TableLearner(compileClasses(dict.charClasses));
  const residue = new Map<string, number>();
  const addResidue = (s: string, n: number) => residue.set(s, (residue.get(s) ?? 0) + n);
  let coveredWeight = 0;
  let coveredTypes = 0;
  let weight = 0;
  a.visitBest(words, {
    word(i, full) {
      weight = lead[i] + inner[i];
      if (full) {
        coveredWeight += weight;
        coveredTypes++;
      }
    },
    morph(i, kind, start, end, label) {
      const w = words[i];
      if (kind === 'prefix' || kind === 'suffix') learner.add(label!, { left: w.slice(0, start), next: w.slice(end) || null }, w.slice(start, end), weight);
      else if (kind === 'residue') {
        const surface = w.slice(start, end);
        if (start === 0) {
          if (lead[i] > 0) addResidue(' ' + surface, lead[i]);
          if (inner[i] > 0) addResidue(surface, inner[i]);
        } else addResidue(surface, weight);
      }
    },
  });
  return { coveredWeight, coveredTypes, tables: learner.tables(), residue: [...residue] };
}

/** What the trainer makes of a tally: tables through addKeys, the residue as a map. */
function applied(t: ResidueTally, dict: DictView) {
  const learner = new TableLearner(compileClasses(dict.charClasses));
  for (const o of t.affixes) learner.addKeys(o.group, o.vowel, o.last, o.variant, o.weight);
  return { coveredWeight: t.coveredWeight, coveredTypes: t.coveredTypes, tables: learner.tables(), residue: t.residue };
}

const sortedTally = (t: ResidueTally) => ({
  coveredWeight: t.coveredWeight,
  coveredTypes: t.coveredTypes,
  affixes: t.affixes.map((o) => JSON.stringify([o.group, o.vowel, o.last, o.variant, o.weight])).sort(),
  residue: t.residue.map((r) => JSON.stringify(r)).sort(),
});

function expectSamePass(dict: DictView, probs: MorphemeLogProbs, words: string[], seed = 0): void {
  const { lead, inner } = weightsFor(words, seed);
  const reference = new HybridAnalyzer(dict, probs, 'typescript');
  const want = reference.residuePass(words, lead, inner);
  const addon = new HybridAnalyzer(dict, probs);
  expect(addon.engine).toBe('native');
  const got = addon.residuePass(words, lead, inner);
  // The reference hands over its analyses (the statistics pass is seeded with them); the addon none.
  expect(got.analyses).toBeNull();
  expect(want.analyses).toEqual(reference.bestMany(words));
  expect(sortedTally(got)).toEqual(sortedTally(want));
  // The same first-seen order.
  expect(got.affixes).toEqual(want.affixes);
  expect(got.residue).toEqual(want.residue);
  // The reference gives what the trainer's visitor gave.
  expect(applied(want, dict)).toEqual(visitorPass(reference, dict, words, lead, inner));
}

/** Words that put surrogates right before affixes, run past 64 units or are all residue. */
function edgeWords(dict: DictView): string[] {
  const variants = [...new Set(dict.groups.flatMap((g) => g.variants).filter((v) => v.length > 0))];
  const roots = dict.roots.map((r) => r.surface).slice(0, 6);
  const out = ['xyz', 'q', '123', '𝔞', '𝔞𝔢𝔞', 'a'.repeat(65), '𝔞'.repeat(40), '\udc00', ''];
  for (const v of variants) {
    // (An unknown stem before a suffix needs a vowel: 'a', or '𝔢', whose first unit is taken for one.)
    out.push('𝔞' + v, '𝔢' + v, 'a𝔞' + v, 'k\udc00' + v, 'a\udc00' + v, '\udc00' + v, '\ud835' + v, 'a\ud835' + v, 'x' + v + v, 'a'.repeat(70) + v);
    for (const r of roots) out.push(r + '𝔢' + v, r + v, r + '\udc00' + v, '𝔞' + r + v);
  }
  return out;
}

describeNative('the residue pass on the addon is the reference trainer pass', () => {
  it('on random dictionaries, scores and words (astral letters, surrogates before affixes, long words, all residue)', () => {
    fc.assert(
      fc.property(randomCase, fc.nat(3), ({ dict, words, probs }, seed) => expectSamePass(dict, probs, [...words, ...edgeWords(dict)], seed)),
      { numRuns: 300 },
    );
  });

  it('on the test dictionaries, with and without morphotactics', () => {
    const words = ['kitaplarımızdan', 'kitabı', 'ağacın', 'gidiyorum', 'yorumlar', 'evlerde', 'gelmek', 'xyz', 'ev', 'e', 'bukuku', 'membaca', 'dibacakan', 'pembacaan', 'kitap𝔞lar', '𝔞ler'];
    const small = JSON.parse(read('fixtures/dict/small.json')) as Dictionary;
    for (const d of [turkishMini(), indonesianMini(), small]) {
      expectSamePass(d, uniformLogProbs(d), [...words, ...edgeWords(d)]);
      const { morphotactics: _, ...free } = d;
      expectSamePass(free, uniformLogProbs(free), [...words, ...edgeWords(free)], 1);
    }
  });

  it('with homophonous groups (one name, several groups) as one group, as the reference labels them', () => {
    // 'ev' + 'ler' takes the first PLU, 'sev' + 'ler' the second: the same name, context (e|v) and variant.
    const d: Dictionary = {
      ...turkishMini(),
      roots: [
        { surface: 'ev', pos: 'noun' },
        { surface: 'sev', pos: 'verb' },
      ],
      groups: [
        { name: 'PLU', kind: 'suffix', class: 'plural', variants: ['lar', 'ler'] },
        { name: 'PLU', kind: 'suffix', class: 'agent', variants: ['ler', 'lar'] },
      ],
      morphotactics: { edges: [['^', 'noun'], ['^', 'verb'], ['noun', 'plural'], ['verb', 'agent'], ['noun', '$'], ['verb', '$'], ['plural', '$'], ['agent', '$']] },
    };
    const words = ['evler', 'sevler', 'evlar', 'sevlar', 'sev', 'xler'];
    expectSamePass(d, uniformLogProbs(d), words);
    const nat = NativeAnalyzer.create(d, uniformLogProbs(d))!;
    expect(nat.residuePass(words, [1, 1, 1, 1, 1, 1], [0, 0, 0, 0, 0, 0])!.affixes.filter((o) => o.variant === 'ler' && o.last === 'v')).toEqual([{ group: 'PLU', vowel: 'e', last: 'v', variant: 'ler', weight: 2 }]);
  });

  it('on the bundled Turkish dictionary and a trained model, over 5000 words, on one thread and on two', () => {
    const dict = JSON.parse(read('samples/tr/dictionary.json')) as Dictionary;
    const model = JSON.parse(read('fixtures/hybrid/tr-sample-model.json')) as HybridModel;
    const text = read('samples/tr/sample.txt') + '\n' + read('samples/tr/sentences.txt');
    const seen = new Set(text.toLocaleLowerCase('tr').split(/[^\p{L}\p{M}]+/u).filter(Boolean));
    // Made-up words from the dictionary's roots and suffixes, until there are enough for two threads.
    const suffixes = dict.groups.filter((g) => g.kind === 'suffix').flatMap((g) => g.variants);
    let x = 12345;
    const next = (n: number) => (x = (x * 1103515245 + 12345) % 2147483648) % n;
    while (seen.size < 6000) seen.add(dict.roots[next(dict.roots.length)].surface + suffixes[next(suffixes.length)] + (next(2) ? suffixes[next(suffixes.length)] : ''));
    const words = [...seen, ...edgeWords(dict)];
    expectSamePass(dict, uniformLogProbs(dict), words);
    expectSamePass(model.dictionary as DictView, model.logProbs, words, 2);
    // The raw sums on one thread and on two: identical, order included.
    const nat = NativeAnalyzer.create(model.dictionary as DictView, model.logProbs)!;
    const { lead, inner } = weightsFor(words);
    const args = [words.join(''), Uint32Array.from(words, (w) => w.length), Float64Array.from(lead), Float64Array.from(inner)] as const;
    const one = handleOf(nat).residuePass(...args, 1);
    expect(handleOf(nat).residuePass(...args, 2)).toEqual(one);
    expect((one.affixWeights as Float64Array).length).toBeGreaterThan(100);
    expect((one.residueWeights as Float64Array).length).toBeGreaterThan(100);
  });

  it('remembers its best analyses for analyzeMany under the same scores, and forgets them when the scores change', () => {
    const dict = JSON.parse(read('samples/tr/dictionary.json')) as Dictionary;
    const model = JSON.parse(read('fixtures/hybrid/tr-sample-model.json')) as HybridModel;
    const text = read('samples/tr/sample.txt') + '\n' + read('samples/tr/sentences.txt');
    const words = [...new Set(text.toLocaleLowerCase('tr').split(/[^\p{L}\p{M}]+/u).filter(Boolean)), ...edgeWords(dict), '', 'a'.repeat(80)];
    const others = ['kitaplarımızdan', 'xyzlar', 'evlerimizde', 'q'];
    const mixed = [...others, ...words.slice(0, 300), 'zzlar', ...words.slice(300)];
    const fresh = (probs: MorphemeLogProbs) => NativeAnalyzer.create(dict, probs)!;
    const nat = fresh(uniformLogProbs(dict));
    const { lead, inner } = weightsFor(words);
    nat.residuePass(words, lead, inner);
    // k = 1 reads what was remembered (words it analysed, mixed with words it did not); k = 5 searches.
    for (const k of [1, 5]) expect(nat.analyzeMany(mixed, k)).toEqual(fresh(uniformLogProbs(dict)).analyzeMany(mixed, k));
    // Scored differently, the best analysis of many words changes: the remembered ones must not be read.
    const probs = model.logProbs as MorphemeLogProbs;
    nat.setProbs(probs);
    const want = fresh(probs).analyzeMany(mixed, 1);
    expect(want).not.toEqual(fresh(uniformLogProbs(dict)).analyzeMany(mixed, 1));
    expect(nat.analyzeMany(mixed, 1)).toEqual(want);
  });

  it('sums what an addon without residuePass analyses, the same way', () => {
    const d = turkishMini();
    const words = ['kitaplarımızdan', 'evlerde', 'xyz', 'kitap𝔞lar', ...edgeWords(d)];
    const { lead, inner } = weightsFor(words);
    const addon = new HybridAnalyzer(d, uniformLogProbs(d));
    const want = addon.residuePass(words, lead, inner);
    // An own property hides the method, as on an addon built before it.
    Object.defineProperty(handleOf(addon.nativeAnalyzer!), 'residuePass', { value: undefined });
    expect(addon.nativeAnalyzer!.residuePass(words, lead, inner)).toBeNull();
    expect(addon.residuePass(words, lead, inner)).toEqual(want);
  });

  it('trains the same model with the same statistics on both engines, with astral and over-long words in the corpus', () => {
    const counts = new Map<string, number>();
    const text = read('samples/tr/sentences.txt') + ' Kitap𝔞lar 𝔞ler kitapl\u{1d522}r ' + 'a'.repeat(70) + 'lar evler' + ' x𝔢de ' + 'Ev'.repeat(40);
    for (const w of text.split(/\s+/)) if (w) counts.set(w, (counts.get(w) ?? 0) + 1);
    const config: HybridConfig = { vocabSize: 1200, subwordShare: 0.3, minFrequency: 1, digits: 'single', caseMarkers: true, specialTokens: [] };
    for (const dictionary of [turkishMini(), JSON.parse(read('samples/tr/dictionary.json')) as Dictionary]) {
      const nat = trainHybrid({ wordCounts: counts, dictionary, config });
      const ts = trainHybrid({ wordCounts: counts, dictionary, config, engine: 'typescript' });
      expect(JSON.stringify(nat.model)).toBe(JSON.stringify(ts.model));
      expect({ ...nat.stats, trainingMs: 0 }).toEqual({ ...ts.stats, trainingMs: 0 });
    }
  });

  it('rejects a malformed call with a JavaScript error, never a crash', () => {
    const d = turkishMini();
    const pass = handleOf(NativeAnalyzer.create(d, uniformLogProbs(d))!);
    const one = new Float64Array([1]);
    const lens = new Uint32Array([3]);
    expect(pass.residuePass('abc', lens, one, one)).toMatchObject({ coveredTypes: 0, residueText: ' abcabc' });
    // A view into a larger buffer reads its own elements.
    expect(pass.residuePass('abc', lens, new Float64Array([7, 2]).subarray(1), new Float64Array([7, 0]).subarray(1))).toMatchObject({ residueText: ' abc', residueWeights: Float64Array.from([2]) });
    const bad: [unknown[], ErrorConstructor][] = [
      [[], TypeError],
      [['abc', lens, one], TypeError],
      [[42, lens, one, one], TypeError],
      [['abc', [3], one, one], TypeError],
      [['abc', new Int32Array([3]), one, one], TypeError],
      [['abc', lens, [1], one], TypeError],
      [['abc', lens, one, new Float32Array([1])], TypeError],
      [['abc', new Uint32Array([4]), one, one], RangeError],
      [['abc', new Uint32Array([1]), one, one], RangeError],
      [['abc', new Uint32Array([1, 1]), one, one], RangeError],
      [['abc', lens, new Float64Array(2), one], RangeError],
      [['abc', lens, one, new Float64Array(0)], RangeError],
      [['abc', lens, one, one, 0], RangeError],
      [['abc', lens, one, one, 1.5], RangeError],
      [['abc', lens, one, one, 'two'], TypeError],
    ];
    for (const [args, type] of bad) expect(() => (pass.residuePass as (...a: unknown[]) => unknown)(...args), JSON.stringify(args.map(String))).toThrow(type);
  });
});
