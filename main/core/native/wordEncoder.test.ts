// The native hybrid word encoder (native/src/wordenc.cc via wordEncoder.ts) against the reference
// (HybridTokenizer on engine 'typescript', whose buildWord and decoder are the specification): encode() output
// identical as JSON on the bundled sample model (sample, sentences, every gold word in case variants and
// contexts) and on models trained from random dictionaries over random texts (astral letters, combining marks,
// digits, punctuation, residue tokens that split characters); the share of words the addon really handles;
// malformed specs and calls; memory over repeated builds.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, expect, it } from 'vitest';
import type { Dictionary } from '../dict/types';
import { HybridTokenizer } from '../hybrid/codec';
import { type HybridConfig, type HybridModel, MARKERS, WHITESPACE_TOKENS, buildLayout, digitStrings, groupIdCount } from '../hybrid/model';
import { trainHybrid } from '../hybrid/trainer';
import { NativeAnalyzer } from './analyze';
import { nativeAddon } from './load';
import { describeNative, memoryGrowth } from './testSupport';
import { NativeWordEncoder, nativeWordEncoderClass, wordEncoderSpec } from './wordEncoder';
import type { NativeTextEncoder } from './textEncoder';
import { LETTERS, condition, piece, randomCase } from '../../testing/hybridDicts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const read = (f: string) => readFileSync(root + f, 'utf8');
const sampleModel = () => JSON.parse(read('fixtures/hybrid/tr-sample-model.json')) as HybridModel;

type Counts = NativeWordEncoder['counts'];

/**
 * What the addon encoded for a tokenizer: the words its word encoder encoded and those it left to the reference,
 * through the text encoder and through the TypeScript loop (texts the text encoder leaves).
 */
function encoderCounts(tok: HybridTokenizer): Counts {
  const w = wordEncoderOf(tok)?.counts ?? { handled: 0, notHandled: 0 };
  const t = textEncoderOf(tok)?.counts ?? { handled: 0, notHandled: 0 };
  return { handled: w.handled + t.handled, notHandled: w.notHandled + t.notHandled };
}

/** The tokenizer's native text encoder (built on its first encode), or null. */
function textEncoderOf(tok: HybridTokenizer): NativeTextEncoder | null {
  return (tok as unknown as { textEncoder: NativeTextEncoder | null | undefined }).textEncoder ?? null;
}

/** The tokenizer's native word encoder (built on its first encode), or null. */
function wordEncoderOf(tok: HybridTokenizer): NativeWordEncoder | null {
  return (tok as unknown as { wordEncoder: NativeWordEncoder | null | undefined }).wordEncoder ?? null;
}

function encoded(tok: HybridTokenizer, s: string): string {
  try {
    return JSON.stringify(tok.encode(s));
  } catch (e) {
    return 'ERROR ' + (e as Error).message;
  }
}

/**
 * Encodes every text with the addon's word encoder and with the reference; the outputs (or errors) must be
 * identical. Returns the word encoder's counts.
 */
function expectSameEncodings(model: HybridModel, texts: readonly string[]): Counts {
  const nat = new HybridTokenizer(model);
  const ref = new HybridTokenizer(model, { engine: 'typescript' });
  for (const s of texts) {
    const a = encoded(nat, s);
    const b = encoded(ref, s);
    if (a !== b) expect({ text: s, got: a }).toEqual({ text: s, got: b });
  }
  expect(wordEncoderOf(nat), 'the native word encoder was not built for this model').not.toBeNull();
  return encoderCounts(nat);
}

const share = (c: Counts) => c.handled / Math.max(1, c.handled + c.notHandled);

// Random texts over a dictionary's words and surfaces, with what stresses the encoder around them.
const SEPARATORS = [' ', ' ', ' ', ' ', '  ', '\n', '\r\n', '\t', '', '.', '. ', ', ', '…', '»', "'", '(', ') ', '!', '%', ' - ', '\u00a0', ':'];
const EXTRAS = ['𝔞', '𝔢', '𝔞𝔢', '\u0301', 'e\u0301', 'a\u0308', '😀', '3', '42', '007', '٣٤', '1.5', 'Ş', 'İ', 'I', 'ǅ', '\u{1d400}', 'ß', 'ﬁ', '<|endoftext|>', 'ŉ'];
const caseOf = (w: string, k: number) => (k === 0 ? w : k === 1 ? w.charAt(0).toUpperCase() + w.slice(1) : k === 2 ? w.toUpperCase() : w);

function randomText(words: readonly string[], surfaces: readonly string[]): fc.Arbitrary<string> {
  const word = fc.tuple(fc.constantFrom(...words), fc.nat(3)).map(([w, k]) => caseOf(w, k));
  const glued = fc.array(fc.constantFrom(...surfaces), { minLength: 1, maxLength: 4 }).map((a) => a.join(''));
  const letters = fc.array(fc.constantFrom(...LETTERS, 'ş', 'x', 'ğ', '𝔞'), { minLength: 1, maxLength: 7 }).map((a) => a.join(''));
  return fc
    .array(fc.oneof(word, word, glued, letters, fc.constantFrom(...SEPARATORS), fc.constantFrom(...SEPARATORS), fc.constantFrom(...EXTRAS)), { maxLength: 30 })
    .map((a) => a.join(''));
}

/**
 * A random dictionary with texts, and a small training config. Group names are made unique (as a model needs);
 * some roots get more alternants (so several may qualify at once); words include long suffix chains (so the
 * decoder's look-ahead runs to its depth limit).
 */
const trainedCase = fc
  .tuple(randomCase, fc.array(fc.record({ root: fc.nat(), surface: piece(4), when: condition }), { maxLength: 4 }), fc.array(fc.array(fc.nat(), { minLength: 3, maxLength: 7 }), { maxLength: 8 }))
  .chain(([{ dict, words }, alts, chains]) => {
    const roots = dict.roots.map((r) => ({ ...r, alternants: [...(r.alternants ?? [])] }));
    for (const a of alts) roots[a.root % roots.length].alternants.push({ surface: a.surface, when: a.when });
    const d: Dictionary = { ...dict, roots, groups: dict.groups.map((g, i) => ({ ...g, name: `G${i}` })) };
    const surfaces = [...d.roots.flatMap((r) => [r.surface, ...(r.alternants ?? []).map((a) => a.surface)]), ...d.groups.flatMap((g) => g.variants)];
    const suffixes = d.groups.filter((g) => g.kind === 'suffix').flatMap((g) => g.variants);
    const rootSurfaces = d.roots.flatMap((r) => [r.surface, ...(r.alternants ?? []).map((a) => a.surface)]);
    const chained = suffixes.length === 0 ? [] : chains.map(([r, ...ix]) => rootSurfaces[r % rootSurfaces.length] + ix.map((i) => suffixes[i % suffixes.length]).join(''));
    const text = randomText([...words, ...chained], surfaces);
    return fc.record({
      dict: fc.constant(d),
      corpus: fc.array(text, { minLength: 1, maxLength: 12 }),
      texts: fc.array(text, { minLength: 1, maxLength: 12 }),
      extra: fc.nat(160),
      subwordShare: fc.constantFrom(0.05, 0.3, 0.7),
      digits: fc.constantFrom<'single' | 'group3'>('single', 'single', 'group3'),
      caseMarkers: fc.boolean(),
      specials: fc.constantFrom<string[]>([], ['<|endoftext|>']),
    });
  });

interface TrainedCase {
  dict: Dictionary;
  corpus: string[];
  extra: number;
  subwordShare: number;
  digits: 'single' | 'group3';
  caseMarkers: boolean;
  specials: string[];
}

function trainCase(c: TrainedCase, engine?: 'typescript') {
  const counts = new Map<string, number>();
  for (const t of c.corpus) for (const w of t.split(/\s+/u)) if (w) counts.set(w, (counts.get(w) ?? 0) + 1);
  if (counts.size === 0) counts.set('a', 1);
  // The least vocabulary the trainer takes (specials, markers, whitespace, affixes, digits and 256 bytes), plus
  // some room: for roots (pruned when it runs out, leaving residue next to morphs) and merges.
  const fixed = c.specials.length + MARKERS.length + WHITESPACE_TOKENS.length + groupIdCount(c.dict.groups) + digitStrings(c.digits).length;
  const config: HybridConfig = { vocabSize: fixed + 256 + c.extra, subwordShare: c.subwordShare, minFrequency: 1, digits: c.digits, caseMarkers: c.caseMarkers, specialTokens: c.specials };
  return trainHybrid({ wordCounts: counts, dictionary: c.dict, config, engine });
}

const totals: Counts = { handled: 0, notHandled: 0 };

describeNative('the native hybrid word encoder gives the reference encoding', () => {
  it('on the bundled sample model: sample, sentences, and most words handled by the addon', () => {
    const sample = read('samples/tr/sample.txt');
    const sentences = read('samples/tr/sentences.txt');
    // Whole texts (thousands of words in one call, so on both threads) and line by line (small calls, warm caches).
    const texts = [sample, sentences, ...sample.split('\n'), ...sentences.split('\n')];
    const c = expectSameEncodings(sampleModel(), texts);
    expect(c.handled).toBeGreaterThan(3000);
    expect(share(c)).toBeGreaterThan(0.9);
  });

  it('on every gold word: lower, Capitalised and UPPER, alone, after a space and glued after punctuation', () => {
    const gold = read('samples/tr/gold.tsv')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => l.split('\t')[0]);
    const variants = gold.flatMap((w) => [w, w.charAt(0).toLocaleUpperCase('tr') + w.slice(1), w.toLocaleUpperCase('tr')]);
    const contexts = variants.flatMap((w) => [w, 'a ' + w, `(${w})`, 'x.' + w, "ev'" + w, '3' + w, '…' + w + '!']);
    const c = expectSameEncodings(sampleModel(), [...contexts, contexts.join(' '), variants.join(' ')]);
    expect(share(c)).toBeGreaterThan(0.9);
    // The model without case markers (words keep their case) and with digit groups: other layouts, same rule.
    const base = sampleModel();
    expectSameEncodings({ ...base, config: { ...base.config, caseMarkers: false } }, [contexts.join(' ')]);
    const g3 = { ...base, config: { ...base.config, digits: 'group3' as const } };
    expectSameEncodings({ ...g3, vocab: buildLayout(g3).tokens }, [contexts.join(' ')]);
  });

  it('on models trained from random dictionaries, over random texts', () => {
    fc.assert(
      fc.property(trainedCase, (c) => {
        const { model } = trainCase(c);
        const got = expectSameEncodings(model, [...c.texts, c.texts.join(' '), c.corpus.join('\n')]);
        totals.handled += got.handled;
        totals.notHandled += got.notHandled;
      }),
      { numRuns: 400 },
    );
    // Both paths ran: words the addon encoded, and words it left to the reference (e.g. residue tokens that
    // split a character).
    expect(totals.handled).toBeGreaterThan(1000);
    expect(totals.notHandled).toBeGreaterThan(0);
  });

  it('on suffix chains whose surfaces hang on what follows (the look-ahead to its depth limit)', () => {
    // A small alphabet and classes, groups whose rules read the next character (and the word end), roots whose
    // alternants do, and words of a root and three to seven suffixes.
    const letters = ['a', 'e', 'k', 't', 'd'];
    const classes = { vowel: 'ae', front: 'e', back: 'a', hard: 'kt', soft: 'd' };
    const names = Object.keys(classes);
    const ref = fc.oneof(fc.constantFrom(...names), fc.constantFrom(...names).map((n) => '!' + n));
    const when = fc.record({ next: ref, nextIsEnd: fc.boolean(), lastVowel: ref }, { requiredKeys: ['next'] });
    const surface = fc.array(fc.constantFrom(...letters), { minLength: 1, maxLength: 2 }).map((a) => a.join(''));
    const chainCase = fc.record({
      groups: fc.array(fc.record({ variants: fc.uniqueArray(surface, { minLength: 2, maxLength: 3 }), rules: fc.array(fc.record({ pick: fc.nat(), when }), { maxLength: 4 }) }), { minLength: 2, maxLength: 4 }),
      roots: fc.array(fc.record({ surface: fc.constantFrom('kat', 'ted', 'dak'), alternants: fc.array(fc.record({ surface, when }), { maxLength: 3 }) }), { minLength: 1, maxLength: 3 }),
      words: fc.array(fc.tuple(fc.nat(), fc.array(fc.nat(), { minLength: 3, maxLength: 7 })), { minLength: 1, maxLength: 10 }),
      extra: fc.nat(60),
    });
    fc.assert(
      fc.property(chainCase, (c) => {
        const dict: Dictionary = {
          format: 'tokstudio-dictionary/1',
          name: 'chains',
          language: 'xx',
          alphabet: letters.join(''),
          charClasses: classes,
          roots: c.roots.map((r) => ({ surface: r.surface, pos: 'noun', alternants: r.alternants.map((a) => ({ surface: r.surface.slice(0, 2) + a.surface, when: a.when })) })),
          groups: c.groups.map((g, i) => ({ name: `S${i}`, kind: 'suffix' as const, class: 'case', variants: g.variants, rules: g.rules.map((r) => ({ variant: g.variants[r.pick % g.variants.length], when: r.when })) })),
        };
        const stems = dict.roots.flatMap((r) => [r.surface, ...(r.alternants ?? []).map((a) => a.surface)]);
        const variants = dict.groups.flatMap((g) => g.variants);
        const words = c.words.map(([r, ix]) => stems[r % stems.length] + ix.map((i) => variants[i % variants.length]).join(''));
        const { model } = trainCase({ dict, corpus: [words.join(' ')], extra: c.extra, subwordShare: 0.05, digits: 'single', caseMarkers: true, specials: [] });
        expectSameEncodings(model, [...words, words.join(' '), words.map((w) => w.toUpperCase()).join(' ')]);
      }),
      { numRuns: 300 },
    );
  });

  it('on a root with two alternants for one context (the citation then stands)', () => {
    const dict: Dictionary = {
      format: 'tokstudio-dictionary/1',
      name: 'two-alternants',
      language: 'xx',
      alphabet: 'abdikptv',
      charClasses: { vowel: 'ai' },
      roots: [{ surface: 'kitap', pos: 'noun', alternants: [{ surface: 'kitab', when: { next: 'vowel' } }, { surface: 'kitav', when: { next: 'vowel' } }] }],
      groups: [{ name: 'ACC', kind: 'suffix', class: 'case', variants: ['i'] }],
    };
    const { model } = trainCase({ dict, corpus: ['kitapi kitabi kitavi kitap'], extra: 40, subwordShare: 0.05, digits: 'single', caseMarkers: true, specials: [] });
    expectSameEncodings(model, ['kitapi', 'kitabi kitavi kitap', 'Kitapi']);
    // Both alternants qualify before a vowel, so the shared root id decodes to the citation there.
    const kitapi = new HybridTokenizer(model).encode('kitapi');
    expect(kitapi.map((t) => [t.text, t.shared])).toEqual([
      ['kitap', true],
      ['i', true],
    ]);
  });

  it('follows seeded analyses as buildWord does, even ones the analyzer would not pick', () => {
    const model = sampleModel();
    const text = read('samples/tr/sentences.txt');
    const words = [...new Set(text.toLocaleLowerCase('tr').split(/[^\p{L}\p{M}]+/u).filter(Boolean))];
    const ref = new HybridTokenizer(model, { engine: 'typescript' });
    // The second-best analysis where there is one (else the best), and a made-up one: the whole word as residue.
    const seeds = words.map((w, i) => {
      const list = ref.analyze(w, 2);
      if (i % 7 === 3) return { morphs: [{ surface: w, kind: 'residue' as const, start: 0, end: w.length }], score: { residueChars: w.length, logProb: -1, morphs: 1 }, full: false };
      return list[list.length - 1];
    });
    for (const seed of [true, false]) {
      const nat = new HybridTokenizer(model);
      const want = new HybridTokenizer(model, { engine: 'typescript' });
      if (seed) {
        nat.seedAnalyses(words, seeds);
        want.seedAnalyses(words, seeds);
      }
      expect(JSON.stringify(nat.encode(text))).toBe(JSON.stringify(want.encode(text)));
      expect(share(encoderCounts(nat))).toBeGreaterThan(0.9);
    }
    // A seeded analysis the addon cannot take (a root the analyzer does not have) is left to the reference.
    const odd = { morphs: [{ surface: 'ev', kind: 'root' as const, root: 'nosuchroot', start: 0, end: 2 }], score: { residueChars: 0, logProb: -1, morphs: 1 }, full: true };
    const enc = NativeWordEncoder.create(model, buildLayout(model), NativeAnalyzer.create(model.dictionary, model.logProbs))!;
    expect(enc.encodeMany(['ev', 'ev'], [false, false], [odd, undefined]).map((e) => e !== null)).toEqual([false, true]);
  });

  it('gives the same training statistics (the statistics pass encodes every corpus word) as the TypeScript engine', () => {
    fc.assert(
      fc.property(trainedCase, (c) => {
        const nat = trainCase(c);
        const ts = trainCase(c, 'typescript');
        expect(JSON.stringify(nat.model)).toBe(JSON.stringify(ts.model));
        expect({ ...nat.stats, trainingMs: 0 }).toEqual({ ...ts.stats, trainingMs: 0 });
      }),
      { numRuns: 25 },
    );
  });

  it('reads \\p{Nd} from the Unicode table exactly as the JavaScript regex engine does', () => {
    const classes = nativeAddon()!.classes as (from: number, to: number, withDigits?: boolean) => Uint8Array;
    const withDigits = classes(0, 0x110000, true);
    const plain = classes(0, 0x110000);
    const wrong: string[] = [];
    for (let cp = 0; cp < 0x110000; cp++) {
      const want = /^\p{Nd}$/u.test(String.fromCodePoint(cp));
      if (((withDigits[cp] & 32) !== 0) !== want || (plain[cp] & 32) !== 0 || (withDigits[cp] & 31) !== plain[cp]) {
        if (wrong.length < 5) wrong.push(`U+${cp.toString(16)}`);
      }
    }
    // A mismatch means this Node has another Unicode version: run `node native/tools/gen-unicode.mjs` and rebuild.
    expect(wrong).toEqual([]);
  });

  it('says null for what the spec cannot express, and the tokenizer then keeps the reference', () => {
    const base = sampleModel();
    const internals = (m: HybridModel) => NativeAnalyzer.create(m.dictionary, m.logProbs)!.internals;
    const specOf = (m: HybridModel) => wordEncoderSpec(m, buildLayout(m), internals(m));
    expect(specOf(base)).not.toBeNull();
    const withRoot = (alt: { surface: string; when?: object }, surface = 'zzz'): HybridModel => ({
      ...base,
      dictionary: { ...base.dictionary, roots: [...base.dictionary.roots, { surface, pos: 'noun', alternants: [alt as { surface: string }] }] },
    });
    expect(specOf(withRoot({ surface: 'zzy', when: { next: 'vowel' } }))).not.toBeNull();
    expect(specOf(withRoot({ surface: 'zzy', when: { next: 'nosuchclass' } }))).toBeNull();
    expect(specOf(withRoot({ surface: 'zzy', when: { next: [['vowel']] } }))).toBeNull();
    expect(specOf(withRoot({ surface: 'zzy', when: { nextIsEnd: 1 } }))).toBeNull();
    expect(specOf(withRoot({ surface: 'zz\ud800' }))).toBeNull();
    expect(specOf({ ...base, residue: { ...base.residue, ignoreMerges: true } })).toBeNull();
    expect(specOf({ ...base, residue: { ...base.residue, pattern: '\\S+' } })).toBeNull();
    const group = base.dictionary.groups.find((g) => new Set(g.variants).size > 1)!.name;
    expect(specOf({ ...base, allomorphy: { ...base.allomorphy, [group]: { full: {}, vowel: { a: 7 }, char: {}, majority: '' } as never } })).toBeNull();
    expect(specOf({ ...base, allomorphy: { ...base.allomorphy, [group]: 'table' as never } })).toBeNull();
    expect(NativeWordEncoder.create(base, buildLayout(base), null)).toBeNull();
    // An inexpressible model is encoded on the reference path, identically.
    const odd = { ...base, residue: { ...base.residue, pattern: '[\\s\\S]+?' } };
    const tok = new HybridTokenizer(odd);
    expect(tok.encode('kitaplarımızdan geldik')).toEqual(new HybridTokenizer(odd, { engine: 'typescript' }).encode('kitaplarımızdan geldik'));
    expect(wordEncoderOf(tok)).toBeNull();
  });

  it('rejects a malformed spec or call with a JavaScript error, never a crash', () => {
    const WordEncoder = nativeWordEncoderClass()!;
    const model = sampleModel();
    const layout = buildLayout(model);
    const { handle } = NativeAnalyzer.create(model.dictionary, model.logProbs)!.internals;
    const good = wordEncoderSpec(model, layout, NativeAnalyzer.create(model.dictionary, model.logProbs)!.internals)!;
    const enc = new WordEncoder(handle, good);
    const bpe = new (nativeAddon()!.Encoder)({
      preset: 'gpt2',
      byteIds: Uint32Array.from({ length: 256 }, (_, i) => i),
      left: new Uint32Array(0),
      right: new Uint32Array(0),
      result: new Uint32Array(0),
      specials: [],
      specialIds: new Uint32Array(0),
      ignoreMerges: false,
    });
    // Not an analyzer: nothing, a plain object, another class's object (its type tag differs).
    for (const a of [undefined, null, {}, bpe, enc]) expect(() => new WordEncoder(a as never, good)).toThrow(TypeError);
    expect(() => new WordEncoder(handle, null as never)).toThrow(TypeError);
    expect(() => new WordEncoder(handle, {} as never)).toThrow(TypeError);
    const broken: Partial<Record<keyof typeof good, unknown>>[] = [
      { strText: 7 },
      { strLens: good.strLens.map((n) => n + 1) },
      { kind: good.kind.map(() => 9) },
      { ref: good.ref.map(() => 1e6) },
      { ref: good.ref.subarray(1) },
      { prefix: new Uint8Array(2) },
      { nospId: 0 },
      { nospId: 1e9 },
      { rootCands: good.rootCands.map(() => -1) },
      { rootCandStart: good.rootCandStart.subarray(1) },
      { altCondStart: good.altCondStart.subarray(1) },
      { altCond: Int32Array.from(good.altCond, () => 1e6) },
      { groupVarStart: good.groupVarStart.map(() => 0) },
      { groupVariants: good.groupVariants.map(() => 1e6) },
      { groupFallback: good.groupFallback.subarray(1) },
      { ruleCond: good.ruleCond.map(() => 1e6) },
      { groupRuleStart: good.groupRuleStart.subarray(1) },
      { groupMajority: good.groupMajority.map(() => 1e6) },
      { tables: Int32Array.from([0, 3, -1, -1, 0]) },
      { tables: Int32Array.from([0, 0, -1, 0x110000, 0]) },
      { tables: Int32Array.from([0, 0, -1, -1]) },
      { conds: good.conds.subarray(1) },
      { conds: Uint32Array.from({ length: 16 }, (_, i) => (i === 15 ? 3 : 0)) },
      { classCodePoints: Int32Array.from([0x110000]), classMaskLo: Uint32Array.from([1]), classMaskHi: Uint32Array.from([0]) },
      { contextVowels: Uint32Array.from([0x10000]) },
      { rootShared: good.rootShared.subarray(1) },
      { affixExplicit: good.affixExplicit.map(() => 1e9) },
      { bpeBase: good.bpeBase + 1 },
      { bpeBytes: good.bpeBytes.subarray(1) },
      { bpeLens: good.bpeLens.map((n) => n + 1) },
      { bpeByteIds: new Uint32Array(255) },
      { bpeByteIds: new Uint32Array(256).fill(1e6) },
      { bpeLeft: good.bpeLeft.map(() => 1e6) },
      { bpeResult: good.bpeResult.subarray(1) },
      { bpeRight: [1, 2] },
    ];
    for (const b of broken) expect(() => new WordEncoder(handle, { ...good, ...b } as typeof good), JSON.stringify(Object.keys(b))).toThrow(TypeError);
    const call = enc.encodeMany as (...a: unknown[]) => unknown;
    const one = new Uint8Array(1);
    expect(() => call.call(enc, 'abc', new Uint32Array([4]), one)).toThrow(RangeError);
    expect(() => call.call(enc, 'abc', new Uint32Array([1]), one)).toThrow(RangeError);
    expect(() => call.call(enc, 'abc', new Uint32Array([3]), new Uint8Array(2))).toThrow(RangeError);
    expect(() => call.call(enc, 'abc', [3], one)).toThrow(TypeError);
    expect(() => call.call(enc, 'abc', new Uint32Array([3]), [1])).toThrow(TypeError);
    expect(() => call.call(enc, 42, new Uint32Array([3]), one)).toThrow(TypeError);
    expect(() => call.call(enc, 'abc', new Uint32Array([3]), one, 0)).toThrow(RangeError);
    expect(() => call.call(enc, 'abc', new Uint32Array([3]), one, 'two')).toThrow(TypeError);
    // Given analyses: whole records, known kinds, spans inside their words, entries in range.
    const given = (g: number[]) => call.call(enc, 'abc', new Uint32Array([3]), one, 1, Int32Array.from(g));
    expect(() => given([0])).not.toThrow();
    expect(() => given([1, 0, 1, 3, 0, 3, -1, 0, 0])).not.toThrow();
    for (const g of [[], [0, 0], [2], [1, 0, 0, 0], [1, 0, 1, 3, 0, 4, -1, 0, 0], [1, 0, 1, 3, 2, 1, -1, 0, 0], [1, 0, 1, 7, 0, 3, 0, 0, 0], [1, 0, 1, 1, 0, 3, 1e6, 0, 0], [1, 0, 1, 3, 0, 3, -1, 0], [1, 0, 2, 3, 0, 3, -1, 0, 0]]) {
      expect(() => given(g), JSON.stringify(g)).toThrow(RangeError);
    }
    expect(() => call.call(enc, 'abc', new Uint32Array([3]), one, 1, [0])).toThrow(TypeError);
    // Odd but well-formed input: an empty word, a lone surrogate, a word over 64 units; never a crash.
    const odd = ['', '\ud800', 'ev\udc00ler', 'a'.repeat(100), 'kitap'];
    const data = enc.encodeMany(odd.join(''), Uint32Array.from(odd, (w) => w.length), new Uint8Array(odd.length).fill(1));
    expect(data[0]).toBe(0); // the empty word has no analysis: left to the reference
    expect(data.length).toBeGreaterThanOrEqual(odd.length * 2);
  });

  it('does not grow memory over repeated builds and encodes', async () => {
    const model = sampleModel();
    const text = read('samples/tr/sample.txt');
    const cycle = () => {
      const tok = new HybridTokenizer(model);
      tok.encodeIds(text);
      expect(wordEncoderOf(tok)).not.toBeNull();
    };
    const grew = await memoryGrowth(cycle);
    expect(grew.arrayBuffers).toBeLessThan(8 << 20);
    expect(grew.rss).toBeLessThan(96 << 20);
  });
});

afterAll(() => {
  if (totals.handled + totals.notHandled > 0) console.log(`random models: ${totals.handled} words encoded on the addon, ${totals.notHandled} left to the reference`);
});
