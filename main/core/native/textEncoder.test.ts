// The native hybrid text encoder (native/src/textenc.cc via textEncoder.ts: HybridTokenizer.encodeInto of a whole
// text on the addon) against the reference (HybridTokenizer on engine 'typescript', codec.ts is the
// specification): encode() output identical as JSON on texts that stress what the text encoder does itself
// (specials, whitespace, digits in both modes, <capsrun> runs, implied spaces, case classes it must ask about),
// on model variants it takes and one it must leave, random texts, and warm caches; the two ask paths (words the
// reference builds, cases the reference answers); seeded analyses given before and after it exists; malformed
// calls to its addon methods; memory over repeated builds.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { Dictionary } from '../dict/types';
import type { Analysis } from '../hybrid/analyzer';
import { HybridTokenizer } from '../hybrid/codec';
import { type HybridConfig, type HybridModel, MARKERS, WHITESPACE_TOKENS, buildLayout, digitStrings, groupIdCount } from '../hybrid/model';
import { trainHybrid } from '../hybrid/trainer';
import { findLoneSurrogate } from '../text/surrogates';
import { randomCase } from '../../testing/hybridDicts';
import { NativeAnalyzer } from './analyze';
import { describeNative, memoryGrowth } from './testSupport';
import { type NativeTextEncoder, type NativeTextEncoderSpec, type NativeTextHandle, textEncoderSpec } from './textEncoder';
import { NativeWordEncoder } from './wordEncoder';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const read = (f: string) => readFileSync(root + f, 'utf8');
const sampleModel = () => JSON.parse(read('fixtures/hybrid/tr-sample-model.json')) as HybridModel;
const sentences = read('samples/tr/sentences.txt');
const sampleWords = [...new Set(read('samples/tr/sample.txt').split(/[^\p{L}\p{M}]+/u).filter(Boolean))];

/** Digits in groups of three: another layout, so the vocabulary is rebuilt from it (as pinned.test.ts does). */
function group3(m: HybridModel): HybridModel {
  const g = { ...m, config: { ...m.config, digits: 'group3' as const } };
  return { ...g, vocab: buildLayout(g).tokens };
}
const withConfig = (m: HybridModel, c: Partial<HybridConfig>): HybridModel => ({ ...m, config: { ...m.config, ...c } });
const withLanguage = (m: HybridModel, language: string): HybridModel => ({ ...m, dictionary: { ...m.dictionary, language } });

function encoded(tok: HybridTokenizer, s: string): string {
  try {
    return JSON.stringify(tok.encode(s));
  } catch (e) {
    return 'ERROR ' + (e as Error).message;
  }
}

/** The tokenizer's text encoder (made on its first encode), or null. */
function textEncoderOf(tok: HybridTokenizer): NativeTextEncoder | null {
  return (tok as unknown as { textEncoder: NativeTextEncoder | null | undefined }).textEncoder ?? null;
}

/** The addon object behind a tokenizer's text encoder (encoding once first, so that it exists). */
function handleOf(tok: HybridTokenizer): NativeTextHandle {
  tok.encode('');
  const te = textEncoderOf(tok);
  expect(te, 'the text encoder was not built for this model').not.toBeNull();
  return (te as unknown as { handle: NativeTextHandle }).handle;
}

/** Every text encoded natively and with the reference must give identical output (or error); returns the native tokenizer. */
function expectSame(model: HybridModel, texts: readonly string[], nat = new HybridTokenizer(model), ref = new HybridTokenizer(model, { engine: 'typescript' })) {
  for (const s of texts) {
    const a = encoded(nat, s);
    const b = encoded(ref, s);
    if (a !== b) expect({ text: s, got: a }).toEqual({ text: s, got: b });
  }
  return nat;
}

/**
 * Records the addon's asks of a tokenizer: the words handed in with putWords (with a leading space when asked
 * with a carried space) and the word units answered with putCases (wrapping the addon object's own methods,
 * which the text encoder calls through it).
 */
function spyAsks(tok: HybridTokenizer): { words: string[]; cases: string[] } {
  const h = handleOf(tok);
  const asked = { words: [] as string[], cases: [] as string[] };
  const putWords = h.putWords.bind(h);
  const putCases = h.putCases.bind(h);
  // The addon's methods are read-only on its prototype: own properties shadow them.
  Object.defineProperties(h, {
    putWords: {
      value: (text: string, lens: Uint32Array, carry: Uint8Array, ...rest: [Uint8Array, Int32Array]) => {
        let at = 0;
        lens.forEach((n, i) => asked.words.push((carry[i] ? ' ' : '') + text.slice(at, (at += n))));
        return putWords(text, lens, carry, ...rest);
      },
    },
    putCases: {
      value: (words: string[], ...rest: [Uint8Array, string[], Uint8Array]) => {
        asked.cases.push(...words);
        return putCases(words, ...rest);
      },
    },
  });
  return asked;
}

// ---------- texts that stress the text encoder (the sample model: Turkish, specials <|endoftext|> <x> <xy>)

const EOT = '<|endoftext|>';
const PUNCT = ['.', ',', ';', ':', '!', '?', '…', ')', ']', '}', '»', '%'];
const upperTr = (w: string) => w.toLocaleUpperCase('tr');
const capTr = (w: string) => w.charAt(0).toLocaleUpperCase('tr') + w.slice(1);
// Lower-case sample words (most start with a root: in capitals they make <capsrun> runs, after a space implied spaces).
const W = sampleWords.filter((w) => w.length > 3 && w === w.toLocaleLowerCase('tr')).slice(0, 40);

// Case oddities: words the addon's table cannot fold itself (Final_Sigma, mappings to several code points), so
// it asks JavaScript (putCases), and dotted/dotless I, title case, combining marks.
const CASE_ODD = ['ΌΣΟΣ', 'Σ', 'ὈΔΥΣΣΕΎΣ', 'σ', 'ΣΑ', 'Όσος', 'ß', 'STRAẞE', 'ẞ', 'ŉ', 'ǅ', 'ǅemal', 'ǄEMAL', 'ﬁ', 'ﬁle', 'İ', 'ı', 'I', 'i', 'İi̇', 'Iı', 'İSTANBUL', 'ISPARTA', 'IĞDIR', 'i\u0307', 'I\u0307', 'e\u0301v', 'E\u0301V', 'Å', 'K', 'ΐ', 'ΰ', 'iPhone', 'McDonald', 'ǈ', 'ᾼ', 'ﬀ'];
// Astral letters and emoji: residue tokens that split characters (partial bytes); the word encoder leaves such words.
const ASTRAL = ['😀', 'ev😀', '😀ev', 'ev 😀 ev', '👩‍👩‍👧', '𝔞', 'ev𝔞', '𝔞ev', '𝔞𝔢 ev', '\u{1d400}bc', 'ev \u{1d400}', '\u{20000}', 'kitap\u{20000}', '\ufeff', '\u0000', '\ufffd', 'e\u0301', '\u0301ev'];

function stressTexts(): string[] {
  const t: string[] = [];
  const [a, b, c] = W;
  // Specials: alone, adjacent, at start and end, inside words and runs, <x> and <xy> side by side, look-alikes.
  t.push(EOT, EOT + EOT, EOT + a, a + EOT, a.slice(0, 2) + EOT + a.slice(2), capTr(a) + EOT + b, ` ${EOT} `, `${EOT} ${upperTr(a)} ${upperTr(b)}`, `${upperTr(a)} ${EOT} ${upperTr(b)}`);
  t.push('<x><xy><xyz', 'a<x>b', '<xy>' + a, '<cap>' + a + ' <nosp>', '<|endoftext', 'x<|endoftext|>|>', `3${EOT}4`, `${a}. ${EOT}${b}`);
  // Runs of 1..40 spaces between and around words, numbers and punctuation.
  for (let n = 1; n <= 40; n++) {
    const s = ' '.repeat(n);
    t.push(s, a + s + b, s + a, a + s, '1' + s + '2', '.' + s + a, upperTr(a) + s + upperTr(b));
  }
  // Whitespace tokens and whitespace the model encodes as residue.
  t.push(`${a}\r\n${b}`, '\r\n\r\n', '\r', `${a}\r${b}`, '\r\r\n', `\t\t${a}`, ' \t ', `${a}\u00a0${b}`, `${a} \u00a0 ${b}`, '\u2028', `${a}\u2028 ${b}`, `\u3000${a}`, `${a}\u3000 \u3000`, '\n \n', ' \n', `${a} \r\n ${b}`, `${a}\n\n ${b}`, `\u00a0${a}`);
  // Digits: ASCII in both modes, Arabic-Indic, long numbers, implied spaces before digits.
  t.push('3', `42 ${a}`, `${a} 42`, `${a}42`, `42${a}`, '1.250', '3,5', '12:30', '1 250', '1. 250', '٣٤', `${a} ٣٤`, '٣4', '4٣', '1234567890123456789012345', '0', '007', '1000000', '. 5', ', 5', '5. 6', '5.6', '%5', '5%', '5 %', `x 5 ${a}`, '1,2,3', '(12)', '12)', '…3', '»3', '3 4 5', '99 999 9999', '10000000000000000000000000000000000001');
  // <capsrun> runs: alone, mixed with capitalised and lower words, across punctuation and newlines, ended by other units.
  const U = W.slice(0, 6).map(upperTr);
  t.push('ANKARA VE İSTANBUL', 'ANKARA VE İSTANBUL ' + a, 'Ankara VE İSTANBUL', 'ANKARA ve İSTANBUL', 'ANKARA, VE İSTANBUL', 'ANKARA VE.İSTANBUL', 'ANKARA VE\nİSTANBUL', 'ANKARA  VE');
  t.push(U.join(' '), `${U[0]} ${capTr(b)} ${c} ${U[1]} ${U[2]}`, `${U[0]} ${U[1]}. ${U[2]} ${U[3]}`, `${U[0]}, ${U[1]} ${U[2]}`, `${U[0]} ${U[1]}\n${U[2]} ${U[3]}`, `${U[0]} ${U[1]}\r\n${U[2]} ${U[3]}`);
  t.push(`${U[0]} 3 ${U[1]} ${U[2]}`, `${U[0]} ${U[1]} 3`, `${U[0]}\t${U[1]}`, `${U[0]}\u00a0${U[1]} ${U[2]}`, `iPhone ${U[0]} ${U[1]}`, `${U[0]} ${U[1]} iPhone`, `${U[0]} ${U[1]}'${U[2]}`, `(${U[0]} ${U[1]})`, `${U[0]} ΌΣΟΣ ${U[1]}`, `${U[0]} ${U[1]} ${a}${U[2]}`);
  t.push(`${U[0]} 😀 ${U[1]} ${U[2]}`, `${U[0]}𝔞 ${U[1]} ${U[2]}`, `${U[0]}${EOT} ${U[1]} ${U[2]}`, `${U[0]} ${U[1]}${EOT}${U[2]} ${U[3]}`, 'A B C D', 'I İ I İ', 'KİTAPLARIMIZI GETİRDİK.', "İSTANBUL'DAN GELDİK");
  // Implied spaces after letters, digits and punctuation; words glued after punctuation.
  for (const p of PUNCT) t.push(`${a}${p} ${b}`, `${a}${p}${b}`, `3${p} 4`, `3${p}4`, `${p} ${a}`, `${a} ${p} ${b}`, `${U[0]}${p} ${U[1]} ${U[2]}`, `${p}${p} ${capTr(a)}`, `${a}${p}\n${b}`);
  for (const p of ['"', "'", '-', '/', '(', '[', '{', '«', '¿', '“', '’', '_', '#']) t.push(`${p}${a}`, `${a}${p}${b}`, `${a} ${p}${b}`, `${p} ${a}`, `${p}${capTr(a)}`, `${p}${upperTr(a)} ${upperTr(b)}`);
  for (const x of [...CASE_ODD, ...ASTRAL]) t.push(x, `${a} ${x}`, `${x} ${a}`, `${x}${a}`, `${a}${x}`, `${upperTr(a)} ${x} ${upperTr(b)}`, `. ${x}`, `${x}.${x}`);
  // The error path: a lone surrogate (the reference checks before either encoder runs).
  t.push(`${a}\ud800`, '\udc00', `${a} \ud83d ${b}`);
  return t;
}

const STRESS = stressTexts();
// Also all at once: one call with many distinct words (a batch spread over threads), lines and all.
const STRESS_ALL = [STRESS.filter((s) => findLoneSurrogate(s) === null).join(' '), sentences, sentences.toLocaleUpperCase('tr')];

/** Some of what the encodings of `texts` hold: markers, specials, long whitespace, implied spaces, partial bytes. */
function emitted(tok: HybridTokenizer, texts: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const wanted = new Set(['\r\n', ' '.repeat(16), EOT, '<xy>', ...MARKERS]);
  for (const s of texts) {
    let tokens;
    try {
      tokens = tok.encode(s);
    } catch {
      continue; // lone surrogates
    }
    for (const t of tokens) {
      if (wanted.has(t.token)) seen.add(t.token);
      if (t.type === 'root' && t.text.startsWith(' ')) seen.add('implied root');
      if (/^ [0-9]/.test(t.text)) seen.add('implied digit');
      // A partial token reports its bytes decoded leniently, not the text it covers.
      if (Buffer.byteLength(t.text) !== t.byteEnd - t.byteStart) seen.add('partial bytes');
    }
  }
  return seen;
}

// ---------- random models (wordEncoder.test.ts's generator, reduced): residue that splits characters gives words
// the word encoder leaves

const SEPARATORS = [' ', ' ', ' ', '  ', '\n', '\r\n', '\t', '', '. ', ', ', '…', "'", '(', ') ', '!', '%', '\u00a0'];
const EXTRAS = ['𝔞', '𝔢', '𝔞𝔢', 'e\u0301', '😀', '42', '٣٤', 'İ', 'I', 'ǅ', 'ΌΣΟΣ', 'ß', EOT];
const caseVariant = (w: string, k: number) => (k === 1 ? w.charAt(0).toUpperCase() + w.slice(1) : k === 2 ? w.toUpperCase() : w);

const randomModelCase = randomCase.chain(({ dict: d, words }) => {
  // A model needs unique group names (randomCase repeats them for the analyzer's sake).
  const dict: Dictionary = { ...d, groups: d.groups.map((g, i) => ({ ...g, name: `G${i}` })) };
  const surfaces = [...dict.roots.map((r) => r.surface), ...dict.groups.flatMap((g) => g.variants)];
  const token = fc.oneof(
    fc.tuple(fc.constantFrom(...words), fc.nat(2)).map(([w, k]) => caseVariant(w, k)),
    fc.array(fc.constantFrom(...surfaces), { minLength: 1, maxLength: 3 }).map((a) => a.join('')),
    fc.constantFrom(...SEPARATORS),
    fc.constantFrom(...EXTRAS),
  );
  const text = fc.array(token, { maxLength: 30 }).map((a) => a.join(''));
  return fc.record({
    dict: fc.constant(dict),
    corpus: fc.array(text, { minLength: 1, maxLength: 8 }),
    texts: fc.array(text, { minLength: 1, maxLength: 8 }),
    extra: fc.nat(120),
    digits: fc.constantFrom<'single' | 'group3'>('single', 'group3'),
    caseMarkers: fc.boolean(),
  });
});

/** A model trained on the case's corpus with little room for merges (so residue bytes split characters). */
function trainRandom(c: { dict: Dictionary; corpus: string[]; extra: number; digits: 'single' | 'group3'; caseMarkers: boolean }): HybridModel {
  const counts = new Map<string, number>();
  for (const t of c.corpus) for (const w of t.split(/\s+/u)) if (w) counts.set(w, (counts.get(w) ?? 0) + 1);
  if (counts.size === 0) counts.set('a', 1);
  const specials = [EOT];
  // The least vocabulary the trainer takes, plus some room for roots and merges.
  const fixed = specials.length + MARKERS.length + WHITESPACE_TOKENS.length + groupIdCount(c.dict.groups) + digitStrings(c.digits).length;
  const config: HybridConfig = { vocabSize: fixed + 256 + c.extra, subwordShare: 0.3, minFrequency: 1, digits: c.digits, caseMarkers: c.caseMarkers, specialTokens: specials };
  return trainHybrid({ wordCounts: counts, dictionary: c.dict, config }).model;
}

// Seeds as wordEncoder.test.ts makes them: the second-best analysis where there is one, every seventh the whole
// word as residue (an analysis the analyzer would not give).
function seedsFor(model: HybridModel, words: readonly string[]): Analysis[] {
  const ref = new HybridTokenizer(model, { engine: 'typescript' });
  return words.map((w, i) => {
    if (i % 7 === 3) return { morphs: [{ surface: w, kind: 'residue' as const, start: 0, end: w.length }], score: { residueChars: w.length, logProb: -1, morphs: 1 }, full: false };
    const list = ref.analyze(w, 2);
    return list[list.length - 1];
  });
}

describeNative('the native hybrid text encoder gives the reference encoding', () => {
  it('on texts that stress it: specials, whitespace, digits in both modes, capsrun runs, implied spaces, odd cases and astral letters', () => {
    const base = sampleModel();
    for (const model of [base, group3(base)]) {
      const nat = new HybridTokenizer(model);
      const asked = spyAsks(nat);
      expectSame(model, [...STRESS, ...STRESS_ALL], nat);
      // The text encoder encoded all of it (not the TypeScript loop), with words of its own and words left.
      const counts = textEncoderOf(nat)!.counts;
      expect(counts.handled).toBeGreaterThan(100);
      expect(counts.notHandled).toBe(asked.words.length);
      // Both ask paths ran, each case and each (word, carry) once: the answers are kept in the addon.
      expect(asked.cases).toEqual(expect.arrayContaining(['ΌΣΟΣ', 'Σ', 'ὈΔΥΣΣΕΎΣ', 'saatΣ', 'STRAẞE']));
      expect(asked.words).toEqual(expect.arrayContaining(['όσος', ' όσος', 'saat𝔞', 'ǆemal']));
      expect(new Set(asked.cases).size).toBe(asked.cases.length);
      expect(new Set(asked.words).size).toBe(asked.words.length);
      // What the texts made the encoder emit, so that the list cannot quietly stop covering it.
      expect([...emitted(nat, STRESS)].sort()).toEqual(['\r\n', ' '.repeat(16), EOT, '<cap>', '<caps>', '<capsrun>', '<nosp>', '<xy>', 'implied digit', 'implied root', 'partial bytes'].sort());
    }
  });

  it('on model variants: no case markers, root and dotted case mappings, specials that start others, and a casing it cannot do', () => {
    const base = sampleModel();
    const texts = [...STRESS.filter((_, i) => i % 3 === 0), STRESS_ALL[0]];
    // Case markers off (words keep their case), and the root mapping (English rules on Turkish text: İ folds to i̇, two units).
    for (const model of [withConfig(base, { caseMarkers: false }), withLanguage(base, 'en'), withLanguage(base, 'az'), withConfig(withLanguage(base, 'lt'), { caseMarkers: false })]) {
      const nat = expectSame(model, texts);
      expect(textEncoderOf(nat), model.dictionary.language).not.toBeNull();
    }
    // Specials of which one starts another, listed shortest first: only leftmost-longest matching takes the longer.
    const pre = withConfig(base, { specialTokens: ['<x>', '<x>>', EOT, EOT + '!'] });
    const prefixed = { ...pre, vocab: buildLayout(pre).tokens };
    const natPre = expectSame(prefixed, [...texts, '<x>>', '<x>>>', 'a<x>>b', '<x><x>>', '<<x>>', EOT + '!', EOT + '!!', `<x>${EOT}!`, `ev${EOT}!ev`]);
    expect(natPre.encode('a<x>>b').map((t) => t.text)).toEqual(['a', '<x>>', 'b']);
    expect(textEncoderOf(natPre)).not.toBeNull();
    // Lithuanian casing has locale rules the addon's table does not follow: no text encoder, the TypeScript loop
    // (over the native word encoder) encodes, identically.
    const lt = withLanguage(base, 'lt');
    expect(textEncoderSpec(lt, buildLayout(lt))).toBeNull();
    const nat = expectSame(lt, texts);
    expect((nat as unknown as { textEncoder: unknown }).textEncoder).toBeNull();
    expect((nat as unknown as { wordEncoder: unknown }).wordEncoder).not.toBeNull();
  });

  it('on random texts of sample words and odd pieces (property)', () => {
    const base = sampleModel();
    // One warm pair per model variant for the whole property: caches carry over from run to run.
    const pairs = [base, group3(base), withConfig(base, { caseMarkers: false })].map((m) => ({ m, nat: new HybridTokenizer(m), ref: new HybridTokenizer(m, { engine: 'typescript' }) }));
    const word = fc.tuple(fc.constantFrom(...sampleWords), fc.nat(4)).map(([w, k]) => (k === 1 ? capTr(w) : k === 2 ? upperTr(w) : k === 3 ? w.toUpperCase() : w));
    const odd = fc.constantFrom(...CASE_ODD, ...ASTRAL, EOT, '<x>', '<xy>', '<cap>', ...PUNCT, '"', "'", '(', '٣٤', '1.250', '007', '1234567');
    const sep = fc.oneof(
      fc.constantFrom(' ', ' ', ' ', '', '\n', '\r\n', '\r', '\t', '\u00a0', '\u2028', '\u3000', '. ', ', '),
      fc.integer({ min: 2, max: 40 }).map((n) => ' '.repeat(n)),
    );
    const text = fc.array(fc.oneof(word, word, odd, sep, sep), { maxLength: 40 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.nat(pairs.length - 1), text, (p, s) => {
        const { m, nat, ref } = pairs[p];
        expectSame(m, [s], nat, ref);
      }),
      { numRuns: 1000 },
    );
    for (const { nat } of pairs) expect(textEncoderOf(nat)).not.toBeNull();
  });

  it('gives each line, on a cache warmed by the whole text, the tokens fresh tokenizers give it', () => {
    const base = sampleModel();
    const lines = [...sentences.split('\n'), ...STRESS.filter((s, i) => i % 9 === 0 && !s.includes('\n'))];
    const whole = lines.join('\n');
    for (const model of [base, group3(base)]) {
      const warm = new HybridTokenizer(model);
      const ref = new HybridTokenizer(model, { engine: 'typescript' });
      expect(encoded(warm, whole)).toBe(encoded(ref, whole));
      for (const line of lines) {
        const fresh = encoded(new HybridTokenizer(model), line);
        expect({ line, got: encoded(warm, line) }).toEqual({ line, got: fresh });
        expect({ line, got: fresh }).toEqual({ line, got: encoded(new HybridTokenizer(model, { engine: 'typescript' }), line) });
      }
    }
  });

  it('asks JavaScript for the words the word encoder leaves and the cases its table cannot fold, once each', () => {
    const model = sampleModel();
    const nat = new HybridTokenizer(model);
    const ref = new HybridTokenizer(model, { engine: 'typescript' });
    const asked = spyAsks(nat);
    const te = textEncoderOf(nat)!;
    // Final_Sigma: the addon asks for the case of ΌΣΟΣ once, then encodes it from the answer it keeps. Folded,
    // όσος is residue bytes that split its letters: a word the reference builds, once per carry.
    for (const s of ['ΌΣΟΣ', 'ΌΣΟΣ', 'ev ΌΣΟΣ ΌΣΟΣ']) expectSame(model, [s], nat, ref);
    expect(asked).toEqual({ cases: ['ΌΣΟΣ'], words: ['όσος', ' όσος'] });
    expect(te.counts.notHandled).toBe(2);
    // An astral letter in a word: the same for a word the case table folds itself.
    for (const s of ['𝔞ev', '𝔞ev', 'x 𝔞ev 𝔞ev']) expectSame(model, [s], nat, ref);
    expect(asked).toEqual({ cases: ['ΌΣΟΣ'], words: ['όσος', ' όσος', '𝔞ev', ' 𝔞ev'] });
    expect(te.counts.notHandled).toBe(4);
    // Nothing new to ask the second time round, in any order.
    expectSame(model, ['ΌΣΟΣ 𝔞ev x 𝔞ev', 'x ΌΣΟΣ\n𝔞ev ΌΣΟΣ'], nat, ref);
    expect(asked.words.length + asked.cases.length).toBe(5);
    expect(te.counts.notHandled).toBe(4);
    expect(te.counts.handled).toBeGreaterThan(0);
  });

  it('on random models whose residue splits characters: identical, and some words left to the reference', () => {
    let notHandled = 0;
    let handled = 0;
    fc.assert(
      fc.property(randomModelCase, (c) => {
        const model = trainRandom(c);
        const nat = expectSame(model, [...c.texts, c.texts.join(' '), c.corpus.join('\n')]);
        const te = textEncoderOf(nat);
        expect(te).not.toBeNull();
        handled += te!.counts.handled;
        notHandled += te!.counts.notHandled;
      }),
      { numRuns: 100 },
    );
    expect(handled).toBeGreaterThan(100);
    expect(notHandled).toBeGreaterThan(0);
  });

  it('follows seeded analyses given before and after the text encoder exists', () => {
    const model = sampleModel();
    const words = [...new Set(sentences.toLocaleLowerCase('tr').split(/[^\p{L}\p{M}]+/u).filter(Boolean))];
    const seeds = seedsFor(model, words);
    // A seed the addon cannot take (a root morph with a surface the analyzer has no entry for): the reference
    // builds that word (its root decodes otherwise, so the word goes to residue).
    const kept = buildLayout(model).rootShared;
    const rootWord = model.dictionary.roots.find((r) => kept.has(r.surface) && (r.alternants ?? []).length === 0 && r.surface.length >= 3)!;
    const odd = rootWord.surface + 'zq';
    const oddSeed: Analysis = { morphs: [{ surface: odd, kind: 'root', root: rootWord.surface, start: 0, end: odd.length }], score: { residueChars: 0, logProb: -1, morphs: 1 }, full: true };
    const allWords = [...words, odd];
    const allSeeds = [...seeds, oddSeed];
    const text = sentences + ' ' + odd + ' ' + capTr(odd);
    const first = 'bir iki üç';
    for (const when of ['before', 'after'] as const) {
      const nat = new HybridTokenizer(model);
      const want = new HybridTokenizer(model, { engine: 'typescript' });
      for (const tok of [nat, want]) {
        if (when === 'before') tok.seedAnalyses(allWords, allSeeds);
        tok.encode(first);
        if (when === 'after') tok.seedAnalyses(allWords, allSeeds);
      }
      expect(textEncoderOf(nat), when).not.toBeNull();
      expect(encoded(nat, text), when).toBe(encoded(want, text));
      // The seeds changed something: unseeded, the encodings differ.
      expect(encoded(nat, text)).not.toBe(encoded(new HybridTokenizer(model, { engine: 'typescript' }), text));
    }
  });

  it('rejects malformed calls with JavaScript errors, caches nothing from them, and keeps encoding correctly', () => {
    const model = sampleModel();
    const layout = buildLayout(model);
    const V = layout.tokens.length;
    const tok = new HybridTokenizer(model);
    const ref = new HybridTokenizer(model, { engine: 'typescript' });
    const h = handleOf(tok);
    const call = (name: keyof NativeTextHandle, ...args: unknown[]) => () => (h[name] as (...a: unknown[]) => unknown).apply(h, args);
    // After every rejected call a short text still encodes as the reference does; after each group, everything.
    const probe = `ev ΌΣΟΣ 12345 ${EOT} İSTANBUL VE ANKARA 𝔞ev`;
    const rejects = (f: () => unknown, error: RegExp | ErrorConstructor, what?: string) => {
      expect(f, what).toThrow(error);
      expect(encoded(tok, probe), what).toBe(encoded(ref, probe));
    };
    const stillRight = (extra: string[] = []) => expectSame(model, [...extra, STRESS_ALL[0]], tok, ref);
    stillRight();
    // Words the tokenizer has not met yet: a rejected call that cached them would change their encoding (an
    // encoding already cached is never replaced, so they must be new).
    const word = 'kitaplarımızdan';
    const word2 = 'defterlerimizden';
    for (const w of [word, word2]) expect(STRESS_ALL[0] + probe).not.toContain(w);

    // encodeText: the text, lone surrogates (named with their offset), threads.
    for (const t of [42, undefined, null, {}, ['ev']]) rejects(call('encodeText', t), TypeError);
    rejects(call('encodeText', 'ev\ud800x'), /lone surrogate at offset 2/);
    rejects(call('encodeText', '\udc00'), /lone surrogate at offset 0/);
    rejects(call('encodeText', 'ab \ud83d'), /offset 3/);
    for (const th of [0, 1.5, -1, 257, NaN, Infinity]) rejects(call('encodeText', 'ev', th), RangeError, String(th));
    for (const th of ['x', '2', true, {}]) rejects(call('encodeText', 'ev', th), TypeError);
    expect(call('encodeText', 'ev', 1)()).toBeInstanceOf(Int32Array);

    // putWords: per word the piece count, then (id, start, end, shared, byteStart, byteEnd) per piece.
    const len = word.length;
    const piece = [layout.digitIds.get('7')!, 0, len, 0, -1, -1];
    const put = (text: string, lens: number[], data: number[], carry = lens.map(() => 0), morph = lens.map(() => 0)) =>
      call('putWords', text, Uint32Array.from(lens), Uint8Array.from(carry), Uint8Array.from(morph), Int32Array.from(data));
    const badPieces = [
      [V, 0, len, 0, -1, -1], // id out of range
      [-1, 0, len, 0, -1, -1],
      [piece[0], -2, len, 0, -1, -1], // start before the carried space
      [piece[0], 3, 2, 0, -1, -1],
      [piece[0], 0, len + 1, 0, -1, -1], // end past the word
      [piece[0], 0, len, 2, -1, -1],
      [piece[0], 0, len, 0, -1, 0], // byteStart/byteEnd half -1
      [piece[0], 0, len, 0, 0, -1],
      [piece[0], 0, len, 0, 2, 1],
      [piece[0], 0, len, 0, -2, -2],
    ];
    // A good first word, then a bad second one: the whole call is refused, the first word is not kept either.
    for (const bad of badPieces) rejects(put(word + word, [len, len], [1, ...piece, 1, ...bad]), RangeError, JSON.stringify(bad));
    rejects(put(word, [len], [1, ...piece, 0]), /more than/); // too much data
    rejects(put(word, [len], [2, ...piece]), /piece count/); // too little data
    rejects(put(word, [len], [-1]), /piece count/);
    rejects(put(word, [len], []), /ends early/);
    rejects(put(word, [len + 1], [1, ...piece]), /exceed/);
    rejects(put(word, [len - 1], [1, ...piece.map((x, i) => (i === 2 ? len - 1 : x))]), /cover/);
    rejects(put(word, [len], [1, ...piece], [0, 0]), /differ in length/);
    rejects(put(word, [len], [1, ...piece], [0], []), /differ in length/);
    rejects(call('putWords', 7, new Uint32Array([1]), new Uint8Array(1), new Uint8Array(1), new Int32Array([0])), TypeError);
    rejects(call('putWords', 'x', [1], new Uint8Array(1), new Uint8Array(1), new Int32Array([0])), TypeError);
    rejects(call('putWords', 'x', new Uint32Array([1]), new Uint8Array(1), new Uint8Array(1), new Uint32Array([0])), TypeError);
    rejects(call('putWords', 'x', new Uint32Array([1]), new Uint8Array(1), new Uint8Array(1)), TypeError);
    stillRight([word, 'x ' + word]);

    // giveAnalyses: per word 0, or 1, residue chars, morph count, (kind, start, end, entry, state) per morph, end state.
    const len2 = word2.length;
    const residueAll = [1, len2, 1, 3, 0, len2, -1, 0, 0]; // the whole word as residue: not what the analyzer picks
    const give = (text: string, lens: number[], g: number[], refused = lens.map(() => 0)) =>
      call('giveAnalyses', text, Uint32Array.from(lens), Int32Array.from(g), Uint8Array.from(refused));
    // For the third word 'abc' (the first is well-formed, the second has none).
    const badGiven = [
      [],
      [0, 0],
      [2],
      [1, 0, 0, 0], // no morphs
      [1, 0, 1, 3, 0, 3, -1, 0], // no end state
      [1, 0, 1, 3, 0, 3, -1, 0, 0, 0], // one int too many
      [1, 0, 1, 3, 0, 4, -1, 0, 0], // past the word
      [1, 0, 1, 3, 2, 1, -1, 0, 0],
      [1, 0, 1, 3, -1, 1, -1, 0, 0],
      [1, 0, 1, 7, 0, 3, 0, 0, 0], // no such kind
      [1, 0, 1, -1, 0, 3, 0, 0, 0],
      [1, 0, 1, 1, 0, 3, 1e6, 0, 0], // no such root entry
      [1, 0, 1, 1, 0, 3, -1, 0, 0],
      [1, 0, 2, 3, 0, 3, -1, 0, 0], // two morphs announced, one there
    ];
    for (const g of badGiven) rejects(give(word2 + 'ev' + 'abc', [len2, 2, 3], [...residueAll, 0, ...g]), RangeError, JSON.stringify(g));
    rejects(give(word2, [len2], residueAll, [0, 0]), /differ in length/);
    rejects(give(word2, [len2 + 1], residueAll), /exceed/);
    rejects(give(word2, [len2 - 1], residueAll), RangeError);
    rejects(call('giveAnalyses', word2, Uint32Array.from([len2]), residueAll, new Uint8Array(1)), TypeError);
    rejects(call('giveAnalyses', word2, Uint32Array.from([len2]), Int32Array.from(residueAll), [0]), TypeError);
    stillRight([word2, 'x ' + word2]);

    // putCases: word units, class (0 lower, 1 capitalised, 2 all caps, 3 mixed), folded form, upper round trip.
    // Each call starts with a well-formed entry for ΌΣΟΣ (lower case, unfolded) that would change its encoding if
    // it were kept (an answer, unlike an encoding, replaces the one kept).
    const cases = (words: unknown[], cls: number[], folded: unknown[], upper = cls.map(() => 0)) => call('putCases', words, Uint8Array.from(cls), folded, Uint8Array.from(upper));
    rejects(cases(['ΌΣΟΣ', 'Ab'], [0, 7], ['ΌΣΟΣ', 'ab']), /not a case class/);
    rejects(cases(['ΌΣΟΣ', 'Ab'], [0, 1], ['ΌΣΟΣ', 'abc']), /differs in length/);
    rejects(cases(['ΌΣΟΣ', 'AB'], [0, 2], ['ΌΣΟΣ', 'a']), /differs in length/);
    rejects(cases(['ΌΣΟΣ', 5], [0, 0], ['ΌΣΟΣ', 'x']), TypeError);
    rejects(cases(['ΌΣΟΣ', 'x'], [0, 0], ['ΌΣΟΣ', null]), TypeError);
    rejects(cases(['ΌΣΟΣ', 'x'], [0, 0], ['ΌΣΟΣ']), /differ in length/);
    rejects(cases(['ΌΣΟΣ'], [0, 0], ['ΌΣΟΣ']), /differ in length/);
    rejects(cases(['ΌΣΟΣ'], [0], ['ΌΣΟΣ'], [0, 0]), /differ in length/);
    rejects(call('putCases', 'ΌΣΟΣ', new Uint8Array(1), ['ΌΣΟΣ'], new Uint8Array(1)), TypeError);
    rejects(call('putCases', ['ΌΣΟΣ'], [0], ['ΌΣΟΣ'], new Uint8Array(1)), TypeError);
    stillRight(['ΌΣΟΣ', 'ev ΌΣΟΣ']);

    // setupText: a spec with a field missing or wrong, ids out of range, digits the mode needs missing. The text
    // encoder in use stays as it was.
    const good = textEncoderSpec(model, layout)!;
    const digitsWithout = (i: number) => Int32Array.from(good.digitIds, (x, j) => (j === i ? -1 : x));
    const broken: Partial<Record<keyof NativeTextEncoderSpec, unknown>>[] = [
      ...Object.keys(good).map((k) => ({ [k]: undefined })),
      { specialText: 7 },
      { specialLens: Uint32Array.from(good.specialLens, (n) => n + 1) },
      { specialLens: new Uint32Array(good.specialLens.length) },
      { specialIds: Int32Array.from(good.specialIds, () => V) },
      { specialIds: good.specialIds.subarray(1) },
      { markers: Int32Array.from([0, 1, 2, -1]) },
      { markers: good.markers.subarray(1) },
      { whitespace: good.whitespace.subarray(0, 4) }, // no space run
      { whitespace: Int32Array.from(good.whitespace, (x, i) => (i === 19 ? V : x)) },
      { digitIds: good.digitIds.subarray(1) },
      { digitIds: Int32Array.from(good.digitIds, (x, i) => (i === 3 ? V : x)) },
      { digitIds: digitsWithout(7) }, // single digits: 7 missing
      { singleDigits: false }, // groups of three: the sample has no two- and three-digit strings
      { caseMode: 2 },
      { caseMode: -2 },
      { caseMode: 0.5 },
    ];
    const label = (b: object) => Object.entries(b).map(([k, v]) => `${k}: ${ArrayBuffer.isView(v) ? 'typed array' : String(v)}`).join();
    for (const b of broken) rejects(call('setupText', { ...good, ...b }), TypeError, label(b));
    rejects(call('setupText', null), TypeError);
    rejects(call('setupText'), TypeError);
    // Groups of three: every one-, two- and three-digit string is needed.
    const g3 = group3(model);
    const g3Tok = new HybridTokenizer(g3);
    const g3Handle = handleOf(g3Tok);
    const g3Good = textEncoderSpec(g3, buildLayout(g3))!;
    for (const i of [0, 9, 10, 109, 110, 1109]) {
      expect(() => g3Handle.setupText({ ...g3Good, digitIds: Int32Array.from(g3Good.digitIds, (x, j) => (j === i ? -1 : x)) }), String(i)).toThrow(/lacks a digit/);
    }
    expectSame(g3, ['12345 678', STRESS_ALL[0]], g3Tok);
    stillRight(['12345 678']);

    // A word encoder whose text encoder was never set up.
    const bare = NativeWordEncoder.create(model, layout, NativeAnalyzer.create(model.dictionary, model.logProbs))!;
    const bh = (bare as unknown as { handle: NativeTextHandle }).handle;
    expect(() => bh.encodeText('ev')).toThrow(/setupText was not called/);
    expect(() => bh.putWords('ev', Uint32Array.from([2]), new Uint8Array(1), new Uint8Array(1), Int32Array.from([0]))).toThrow(/setupText was not called/);
    expect(() => bh.giveAnalyses('ev', Uint32Array.from([2]), Int32Array.from([0]), new Uint8Array(1))).toThrow(/setupText was not called/);
    expect(() => bh.putCases(['Ev'], Uint8Array.from([1]), ['ev'], new Uint8Array(1))).toThrow(/setupText was not called/);
    expect(bare.encodeMany(['ev'], [false])[0]).not.toBeNull(); // the word encoder itself still works
  });

  it('takes well-formed answers as given (so the checks above, that rejected ones left nothing behind, can fail)', () => {
    const model = sampleModel();
    const layout = buildLayout(model);
    const word = 'kitaplarımızdan';
    // A word handed in before the addon meets it is used as handed in: here one digit token for the whole word.
    const a = new HybridTokenizer(model);
    handleOf(a).putWords(word, Uint32Array.from([word.length]), new Uint8Array(1), new Uint8Array(1), Int32Array.from([1, layout.digitIds.get('7')!, 0, word.length, 0, -1, -1]));
    expect(a.encode(word).map((t) => t.id)).toEqual([layout.digitIds.get('7')]);
    // A case answer is taken as given: ΌΣΟΣ said to be lower case is encoded unfolded, with no <caps>.
    const b = new HybridTokenizer(model);
    handleOf(b).putCases(['ΌΣΟΣ'], Uint8Array.from([0]), ['ΌΣΟΣ'], new Uint8Array(1));
    expect(encoded(b, 'ΌΣΟΣ')).not.toBe(encoded(new HybridTokenizer(model, { engine: 'typescript' }), 'ΌΣΟΣ'));
    expect(b.encode('ΌΣΟΣ').map((t) => t.type)).not.toContain('marker');
    // A given analysis is followed: the word as residue, as the reference seeded so encodes it.
    const c = new HybridTokenizer(model);
    handleOf(c).giveAnalyses(word, Uint32Array.from([word.length]), Int32Array.from([1, word.length, 1, 3, 0, word.length, -1, 0, 0]), new Uint8Array(1));
    const seededRef = new HybridTokenizer(model, { engine: 'typescript' });
    seededRef.seedAnalyses([word], [{ morphs: [{ surface: word, kind: 'residue', start: 0, end: word.length }], score: { residueChars: word.length, logProb: -1, morphs: 1 }, full: false }]);
    expect(encoded(c, word)).toBe(encoded(seededRef, word));
    expect(encoded(c, word)).not.toBe(encoded(new HybridTokenizer(model, { engine: 'typescript' }), word));
  });

  it('does not grow memory over repeated builds and encodes', async () => {
    const model = sampleModel();
    const text = read('samples/tr/sample.txt') + '\nΌΣΟΣ 𝔞ev ǅemal ' + EOT + ' 1234567';
    const cycle = () => {
      const tok = new HybridTokenizer(model);
      tok.encodeIds(text);
      expect(textEncoderOf(tok)).not.toBeNull();
    };
    // memoryGrowth collects after every round, so RSS shows what rounds keep (measured: -1 to +8 MB).
    const grew = await memoryGrowth(cycle);
    expect(grew.arrayBuffers).toBeLessThan(8 << 20);
    expect(grew.rss).toBeLessThan(32 << 20);
  });
});
