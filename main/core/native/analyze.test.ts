// The native hybrid analyzer against the reference (hybrid/analyzer.ts): the same n best analyses, byte for
// byte as JSON, on the shipped dictionary, the test dictionaries and random dictionaries built to provoke ties,
// surrogate pairs, negated and intersected classes, morphotactics, compounds and prefixes; and whole trainings.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { Dictionary } from '../dict/types';
import { Analyzer, type MorphemeLogProbs, uniformLogProbs } from '../hybrid/analyzer';
import { HybridTokenizer } from '../hybrid/codec';
import { trainHybrid } from '../hybrid/trainer';
import { indonesianMini, turkishMini } from '../hybrid/testdicts';
import type { HybridConfig } from '../hybrid/model';
import { NativeAnalyzer, analyzerSpec, emptyBestCounts, type BestCounts } from './analyze';
import { HybridAnalyzer } from '../hybrid/engine';
import { nativeAddon } from './load';
import { describeNative, memoryGrowth } from './testSupport';
import { randomCase } from '../../testing/hybridDicts';

const samples = fileURLToPath(new URL('../../../samples/tr/', import.meta.url));
const read = (f: string) => readFileSync(samples + f, 'utf8');

function expectSame(dict: Dictionary, probs: MorphemeLogProbs, words: string[], ns = [1, 3]): void {
  const ts = new Analyzer(dict, probs);
  const nat = NativeAnalyzer.create(dict, probs);
  expect(nat).not.toBeNull();
  // The same scores sent sparse (as for a large dictionary), once at creation and once by setProbs.
  const sparse = NativeAnalyzer.create(dict, probs, 0)!;
  const sparseLater = NativeAnalyzer.create(dict, uniformLogProbs(dict), 0)!;
  expect(sparseLater.setProbs(probs)).toBe(true);
  for (const n of ns) {
    for (const [name, a] of [['dense', nat!], ['sparse', sparse], ['sparse, set later', sparseLater]] as const) {
      const got = a.analyzeMany(words, n);
      words.forEach((w, i) => {
        const want = ts.analyzeWithStates(w, n);
        if (JSON.stringify(got[i]) !== JSON.stringify(want)) expect({ scores: name, word: w, n, got: got[i] }).toEqual({ scores: name, word: w, n, got: want });
      });
    }
  }
  // The hard-EM statistics, computed inside the addon, against the reference's counting of its analyses.
  const weights = words.map((_, i) => 1 + ((i * 7) % 5));
  const a = emptyBestCounts();
  const b = emptyBestCounts();
  new HybridAnalyzer(dict, probs, 'typescript').countBest(words, weights, a);
  nat!.countBest(words, weights, b);
  const sorted = (c: BestCounts) => Object.fromEntries(Object.entries(c).map(([k, m]) => [k, [...(m as Map<string, number>)].sort()]));
  expect(sorted(b)).toEqual(sorted(a));
}

describeNative('native hybrid analysis is identical to the reference Analyzer', () => {
  it('on random dictionaries, scores and words (ties, surrogate pairs, classes, morphotactics, prefixes)', () => {
    fc.assert(
      fc.property(randomCase, ({ dict, words, probs }) => expectSame(dict, probs, words, [1, 2, 5])),
      { numRuns: 400 },
    );
  });

  it('on the test dictionaries, with and without morphotactics', () => {
    const words = ['kitaplarımızdan', 'kitabı', 'ağacın', 'gidiyorum', 'yorumlar', 'evlerde', 'gelmek', 'xyz', 'ev', 'e', 'bukuku', 'membaca', 'dibacakan', 'pembacaan'];
    for (const d of [turkishMini(), indonesianMini()]) {
      expectSame(d, uniformLogProbs(d), words);
      const { morphotactics: _, ...free } = d;
      expectSame(free, uniformLogProbs(free), words);
    }
  });

  it('on the bundled Turkish dictionary, every word of the sample and gold, with trained scores', () => {
    const dict = JSON.parse(read('dictionary.json')) as Dictionary;
    const text = read('sample.txt') + '\n' + read('sentences.txt');
    const counts = new Map<string, number>();
    for (const w of text.split(/\s+/)) if (w) counts.set(w, (counts.get(w) ?? 0) + 1);
    const words = [...new Set(text.toLocaleLowerCase('tr').split(/[^\p{L}\p{M}]+/u).filter(Boolean))];
    const gold = read('gold.tsv')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => l.split('\t')[0]);
    const config: HybridConfig = { vocabSize: 4000, subwordShare: 0.4, minFrequency: 2, digits: 'single', caseMarkers: true, specialTokens: [] };
    const { model } = trainHybrid({ wordCounts: counts, dictionary: dict, config, engine: 'typescript' });
    expectSame(dict, uniformLogProbs(dict), [...words, ...gold], [1, 5]);
    expectSame(model.dictionary as Dictionary, model.logProbs, [...words, ...gold], [1, 5]);
  });

  it('treats words over 64 units, empty words and lone surrogates as the reference does', () => {
    const d = turkishMini();
    expectSame(d, uniformLogProbs(d), ['a'.repeat(65), 'kitap'.repeat(13), '', '\ud800', 'ev\udc00ler', 'kitap\ud835'], [1, 4]);
  });

  it('trains the same model, with the same statistics, as the TypeScript engine', () => {
    const dict = JSON.parse(read('dictionary.json')) as Dictionary;
    const counts = new Map<string, number>();
    for (const w of read('sample.txt').split(/\s+/)) if (w) counts.set(w, (counts.get(w) ?? 0) + 1);
    const config: HybridConfig = { vocabSize: 3000, subwordShare: 0.3, minFrequency: 2, digits: 'group3', caseMarkers: true, specialTokens: ['<|endoftext|>'] };
    const nat = trainHybrid({ wordCounts: counts, dictionary: dict, config });
    const ts = trainHybrid({ wordCounts: counts, dictionary: dict, config, engine: 'typescript' });
    expect(JSON.stringify(nat.model)).toBe(JSON.stringify(ts.model));
    expect({ ...nat.stats, trainingMs: 0 }).toEqual({ ...ts.stats, trainingMs: 0 });
    const line = read('sentences.txt').split('\n').slice(0, 20).join('\n');
    expect(new HybridTokenizer(nat.model).encode(line)).toEqual(new HybridTokenizer(ts.model, { engine: 'typescript' }).encode(line));
  });

  it('does not grow memory over repeated analyser builds, analyses and counts', async () => {
    const dict = JSON.parse(read('dictionary.json')) as Dictionary;
    const words = [...new Set(read('sample.txt').toLocaleLowerCase('tr').split(/[^\p{L}\p{M}]+/u).filter(Boolean))];
    const weights = words.map(() => 1);
    const cycle = () => {
      const nat = NativeAnalyzer.create(dict, uniformLogProbs(dict))!;
      nat.analyzeMany(words, 3);
      nat.countBest(words, weights, emptyBestCounts());
    };
    const grew = await memoryGrowth(cycle);
    expect(grew.arrayBuffers).toBeLessThan(8 << 20);
    expect(grew.rss).toBeLessThan(96 << 20);
  });

  it('falls back to the reference for what the spec cannot express', () => {
    const d = turkishMini();
    const many: Record<string, string> = {};
    for (let i = 0; i < 65; i++) many[`c${i}`] = 'a';
    expect(NativeAnalyzer.create({ ...d, charClasses: { ...d.charClasses, ...many } }, uniformLogProbs(d))).toBeNull();
    const typo = { ...d, groups: [{ name: 'X', kind: 'suffix' as const, class: 'case', variants: ['a'], rules: [{ variant: 'a', when: { next: 'nosuchclass' } }] }] };
    expect(NativeAnalyzer.create(typo, uniformLogProbs(typo))).toBeNull();
  });

  it('rejects a malformed spec or call with a JavaScript error, never a crash', () => {
    const addon = nativeAddon()!;
    expect(() => new addon.Analyzer({} as never)).toThrow(TypeError);
    expect(() => new addon.Analyzer(null as never)).toThrow(TypeError);
    const d = turkishMini();
    const nat = NativeAnalyzer.create(d, uniformLogProbs(d))!;
    const handle = (nat as unknown as { handle: { analyzeMany: (...a: unknown[]) => unknown; setScores: (s: unknown) => void } }).handle;
    expect(() => handle.analyzeMany('abc', new Uint32Array([4]), 1)).toThrow(RangeError);
    expect(() => handle.analyzeMany('abc', new Uint32Array([1]), 1)).toThrow(RangeError);
    expect(() => handle.analyzeMany('abc', [3], 1)).toThrow(TypeError);
    expect(() => handle.analyzeMany(42, new Uint32Array([3]), 1)).toThrow(TypeError);
    expect(() => handle.analyzeMany('abc', new Uint32Array([3]), 0)).toThrow(RangeError);
    expect(() => handle.analyzeMany('abc', new Uint32Array([3]), 1, 1e9)).toThrow(RangeError);
    expect(() => handle.setScores({ rootLp: new Float64Array(1), affixLp: new Float64Array(1) })).toThrow(TypeError);
    // Out-of-range indices and inconsistent lengths in an otherwise valid spec.
    const good = analyzerSpec(d, uniformLogProbs(d))!.spec;
    expect(() => new addon.Analyzer(good)).not.toThrow();
    const broken: Record<string, unknown>[] = [
      { rootPos: good.rootPos.map(() => 1e6) },
      { rootCitation: good.rootCitation.map(() => -1) },
      { rootLens: good.rootLens.map((n) => n + 1) },
      { affixGroup: good.affixGroup.map(() => good.groups) },
      { affixClass: good.affixClass.subarray(1) },
      { rules: good.rules.subarray(1) },
      { allowed: new Uint8Array(3) },
      { affixLp: new Float64Array(2) },
      { affixSparse: true },
      { affixSparse: true, affixUnigram: new Float64Array(good.groups), affixStates: Uint32Array.from([good.states]), affixGroups: Uint32Array.from([0]), affixValues: Float64Array.from([0]) },
      { affixSparse: true, affixUnigram: new Float64Array(good.groups), affixStates: Uint32Array.from([0]), affixGroups: Uint32Array.from([good.groups]), affixValues: Float64Array.from([0]) },
      { affixSparse: true, affixUnigram: new Float64Array(good.groups), affixStates: Uint32Array.from([0, 0]), affixGroups: Uint32Array.from([0, 0]), affixValues: Float64Array.from([0, 1]) },
      { affixSparse: true, affixUnigram: new Float64Array(1 + good.groups), affixStates: new Uint32Array(0), affixGroups: new Uint32Array(0), affixValues: new Float64Array(0) },
      { classCodePoints: Int32Array.from([0x110000]), classMaskLo: Uint32Array.from([1]), classMaskHi: Uint32Array.from([0]) },
      { rootText: 7 },
      { states: 1 },
    ];
    for (const b of broken) expect(() => new addon.Analyzer({ ...good, ...b } as typeof good), JSON.stringify(Object.keys(b))).toThrow(TypeError);
  });
});
