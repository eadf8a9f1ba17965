import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import fc from 'fast-check';
import { type CorpusUnits, type CorpusUnitsInput, corpusUnits } from '../hybrid/corpusUnits';
import { turkishMini } from '../hybrid/testdicts';
import { trainHybrid } from '../hybrid/trainer';
import { corpusUnitsNative, nativeCaseMode, nativeUnits } from './units';
import { describeNative, memoryGrowth } from './testSupport';

const root = join(__dirname, '..', '..', '..');
const isSurrogate = (cp: number) => cp >= 0xd800 && cp <= 0xdfff;
/** The one code point s is, or -1. */
const single = (s: string) => (s.length === (s.codePointAt(0)! > 0xffff ? 2 : 1) ? s.codePointAt(0)! : -1);
const lowerJs = (s: string) => s.toLowerCase();
const upperJs = (s: string) => s.toUpperCase();
// The neighbours gen-case.mjs tries: a mapping that changes in one of them is context dependent (Final_Sigma).
const CONTEXTS = [['A', ''], ['a', ''], ['', 'a'], ['A', 'a'], ['A', '\u0301'], ['a', '\u0301a'], ['\u0301', 'A']];
const contextDependent = (ch: string, f: (s: string) => string) => CONTEXTS.some(([b, a]) => f(b + ch + a) !== f(b) + f(ch) + f(a));

/** The words of a text as the trainer gets them: split on whitespace, counted. */
function wordCountsOf(text: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const w of text.split(/\s+/u)) if (w) m.set(w, (m.get(w) ?? 0) + 1);
  return m;
}
const sampleCounts = wordCountsOf(readFileSync(join(root, 'samples/tr/sample.txt'), 'utf8') + '\n' + readFileSync(join(root, 'samples/tr/sentences.txt'), 'utf8'));

const sortedEntries = <V>(m: Map<string, V>) => [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));

/** Both engines on one input, with every progress and stop call logged. */
function both(wordCounts: Map<string, number>, language: string, caseMarkers: boolean) {
  const logs = { ref: [] as string[], nat: [] as string[] };
  const input = (log: string[]): CorpusUnitsInput => ({ wordCounts, language, caseMarkers, progress: (d, t) => log.push(`${d}/${t}`), stop: () => log.push('stop') });
  const ref = corpusUnits(input(logs.ref));
  const nat = corpusUnitsNative(input(logs.nat));
  return { ref, nat, logs };
}

function expectSame(nat: CorpusUnits, ref: CorpusUnits) {
  expect(nat.words).toEqual(ref.words);
  expect(nat.types).toEqual(ref.types); // in the same (code-unit) order
  expect(sortedEntries(nat.residue)).toEqual(sortedEntries(ref.residue));
  expect(nat.wordUnits).toBe(ref.wordUnits);
}

// Pieces that make the case classes, the fold-length rule, the special mappings and the unit kinds matter.
const piece = fc.constantFrom(
  'İ', 'ı', 'I', 'i', 'İSTANBUL', 'istanbul', 'Istanbul', 'ılık', 'Işık', 'IŞIK', 'IĞDIR', 'iPhone', 'McDonald', 'kitap', 'Kitap', 'KİTAP', 'EV',
  'ß', 'ẞ', 'Straße', 'STRAẞE', 'STRASSE', 'Σ', 'σ', 'ς', 'ΣΑΣ', 'Οδός', 'ΟΔΟΣ', 'ΐ', 'ά', 'Ά', 'ǅ', 'ǆ', 'Ǆ', 'ǈ', 'ﬀ', 'ŉ', 'ǰ', 'ſ', 'K', 'Å', 'Ω',
  '\u0345', '\u0307', '\u0301', '\u0300', 'a\u0301', 'I\u0307', 'i\u0307', 'İ\u0301', 'J\u0307', 'Ì', 'Į', 'ᾳ', 'ᾼ', 'ῼ', 'Ꭰ', 'ꭰ', 'Ⓐ', 'ⓐ', 'ǉ',
  '𐐀', '𐐨', '𞤀', '𞤢', '𝐀', 'ꞵ', 'ᲀ', 'ԵՒ', 'և', 'ĳ', 'Ĳ',
  '123', '0', '٣٤', '１２', '𝟘', '.', "'", '-', '…', '😀', '\u200d', ' ', '\u00a0', '\t', '\n', '\u3000', '\ufeff', '\u0085',
  '\ud800', '\udc00', '\ud83d', 'a\ud800b',
);
const anyCodePoint = fc.integer({ min: 0, max: 0x10ffff }).map((c) => String.fromCodePoint(c)); // lone surrogates included
const word = fc.array(fc.oneof(piece, piece, anyCodePoint), { minLength: 1, maxLength: 6 }).map((a) => a.join(''));
const count = fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 2 ** 40 }), fc.constantFrom(0, -2, Number.NaN));
const corpus = fc.array(fc.tuple(word, count), { maxLength: 50 }).map((pairs) => new Map(pairs));
const LANGS = ['tr', 'az', 'en', 'hu', 'id', 'lt', 'el', 'tr-TR', 'tr_TR', 'AZ', 'de', ''];

describeNative('native units pass', () => {
  it('has the root case mapping of this Node, special where it is not one code point or depends on the context', () => {
    const units = nativeUnits()!;
    const got = units.caseMappings(0, 0x110000, 0);
    const wrong: string[] = [];
    const blame = (cp: number, what: string) => wrong.length < 5 && wrong.push(`U+${cp.toString(16)} ${what}`);
    for (let cp = 0; cp < 0x110000; cp++) {
      const [l, u] = [got[2 * cp], got[2 * cp + 1]];
      if (isSurrogate(cp)) {
        if (l !== cp || u !== cp) blame(cp, 'surrogate changes');
        continue;
      }
      const ch = String.fromCodePoint(cp);
      for (const [m, f, name] of [[l, lowerJs, 'lower'], [u, upperJs, 'upper']] as const) {
        const want = single(f(ch));
        if (m >= 0 ? m !== want : want >= 0 && !contextDependent(ch, f)) blame(cp, `${name}: ${m} vs ${want}`);
      }
    }
    // Context freedom of what is not special, a block at a time (gen-case.mjs does the same).
    for (let base = 0; base < 0x110000; base += 4096) {
      for (const [col, f] of [[0, lowerJs], [1, upperJs]] as const) {
        const parts: string[] = [];
        const want: string[] = [];
        const mapped = CONTEXTS.map(([b, a]) => [f(b), f(a)]);
        for (let cp = base; cp < base + 4096; cp++) {
          const m = got[2 * cp + col];
          if (isSurrogate(cp) || m < 0) continue;
          const ch = String.fromCodePoint(cp);
          const mch = String.fromCodePoint(m);
          for (let c = 0; c < CONTEXTS.length; c++) {
            parts.push(CONTEXTS[c][0] + ch + CONTEXTS[c][1]);
            want.push(mapped[c][0] + mch + mapped[c][1]);
          }
        }
        if (f(parts.join('\n')) !== want.join('\n')) blame(base, `block not context free (${col ? 'upper' : 'lower'})`);
      }
    }
    // A mismatch means this Node has another Unicode or ICU version: run `node native/tools/gen-case.mjs` and rebuild.
    expect(wrong).toEqual([]);
    expect(got[2 * 0x3a3]).toBe(-1); // Final_Sigma
    expect(got[2 * 0xdf + 1]).toBe(-1); // ß -> SS
  });

  it('maps the dotted I of Turkish and Azerbaijani as casing.ts does, and the rest as the root mapping', () => {
    const units = nativeUnits()!;
    const rootMap = units.caseMappings(0, 0x110000, 0);
    const dotted = units.caseMappings(0, 0x110000, 1);
    const changed: string[] = [];
    for (let i = 0; i < dotted.length; i++) if (dotted[i] !== rootMap[i]) changed.push(`${i % 2 ? 'upper' : 'lower'} ${(i >> 1).toString(16)} -> ${dotted[i].toString(16)}`);
    expect(changed).toEqual(['lower 49 -> 131', 'upper 69 -> 130', 'lower 130 -> 69']); // ı upper-cases to I in the root mapping too
    expect(rootMap[2 * 0x130]).toBe(-1); // İ lower-cases to i + U+0307 in the root mapping
  });

  it("probes every cased or case-ignorable letter and mark, and tells which languages' casing it can do", () => {
    const parts: string[] = [];
    for (let cp = 0; cp < 0x110000; cp++) {
      if (isSurrogate(cp)) continue;
      const ch = String.fromCodePoint(cp);
      if (/^[\p{L}\p{M}]$/u.test(ch) && /^[\p{Cased}\p{Case_Ignorable}]$/u.test(ch)) parts.push(ch + '\n' + ch + '\u0307\n');
    }
    expect(nativeUnits()!.caseProbe() === parts.join('')).toBe(true);
    const modes = Object.fromEntries(LANGS.map((l) => [l, nativeCaseMode(l)]));
    expect(modes).toEqual({ tr: 1, az: 1, en: 0, hu: 0, id: 0, lt: null, el: null, 'tr-TR': 1, tr_TR: 1, AZ: 1, de: 0, '': 0 });
  });

  it('gives the reference result on the bundled sample, doing nearly every word itself', () => {
    for (const language of ['tr', 'az', 'en', 'hu', 'id', 'lt', 'el']) {
      for (const caseMarkers of [true, false]) {
        const { ref, nat, logs } = both(sampleCounts, language, caseMarkers);
        if (caseMarkers && (language === 'lt' || language === 'el')) {
          expect(nat).toBeNull(); // the locale has its own case rules: the reference does the whole pass
          continue;
        }
        expect(nat).not.toBeNull();
        expectSame(nat!, ref);
        expect(logs.nat).toEqual(logs.ref);
        const n = sampleCounts.size;
        expect(logs.ref).toEqual([`0/${n}`, 'stop', `5000/${n}`, 'stop', `${n}/${n}`]);
        // Root-mapping languages leave the words with İ (two code points when lower-cased) to the reference: under 1%.
        expect(nat!.fallbackWords).toBeLessThanOrEqual(language === 'tr' || language === 'az' || !caseMarkers ? 0 : n / 100);
      }
    }
  });

  it('gives the reference result on random words in every language, with and without case markers', () => {
    let words = 0;
    let fallbacks = 0;
    fc.assert(
      fc.property(corpus, fc.constantFrom(...LANGS), fc.boolean(), (wordCounts, language, caseMarkers) => {
        const { ref, nat, logs } = both(wordCounts, language, caseMarkers);
        if (nat === null) {
          expect(caseMarkers && nativeCaseMode(language) === null).toBe(true);
          return;
        }
        expectSame(nat, ref);
        expect(logs.nat).toEqual(logs.ref);
        words += nat.words.length;
        fallbacks += nat.fallbackWords;
      }),
      { numRuns: 3000 },
    );
    // Random words are full of special mappings, yet most still never reach the reference.
    expect(words).toBeGreaterThan(8000);
    expect(fallbacks).toBeLessThan(words * 0.5);
  });

  it('adds the types of words left to the reference into the sorted table, summing a type both give', () => {
    // ΟΔΟΣ folds with Final_Sigma (left to the reference) to the type "οδος", which οδος gives the addon too.
    const { ref, nat } = both(new Map([['ΟΔΟΣ', 2], ['οδος', 3], ['αλφα', 1], ['ΩΜΕΓΑΣ', 4], ['ζ', 5]]), 'en', true);
    expect(nat!.fallbackWords).toBe(2);
    expectSame(nat!, ref);
    const at = nat!.types.list.indexOf('οδος');
    expect([nat!.types.lead[at], nat!.types.list]).toEqual([5, ['αλφα', 'ζ', 'οδος', 'ωμεγας']]);
  });

  it('stops where the reference stops and leaves bad counts and inexact sums to it', () => {
    const many = new Map<string, number>();
    for (let i = 0; i < 12345; i++) many.set(`w${i}İ${String.fromCodePoint(0x3a3 + (i % 3))}`, 1 + (i % 7));
    const stopAt = (k: number) => {
      const log: string[] = [];
      let calls = 0;
      const input: CorpusUnitsInput = {
        wordCounts: many, language: 'tr', caseMarkers: true,
        progress: (d, t) => log.push(`${d}/${t}`),
        stop: () => {
          if (++calls === k) throw new Error(`stopped at ${k}`);
        },
      };
      return { log, input };
    };
    for (const k of [1, 2, 3]) {
      const a = stopAt(k);
      const b = stopAt(k);
      expect(() => corpusUnits(a.input)).toThrow(`stopped at ${k}`);
      expect(() => corpusUnitsNative(b.input)).toThrow(`stopped at ${k}`);
      expect(b.log).toEqual(a.log);
    }
    const { ref, nat } = both(many, 'tr', true);
    expectSame(nat!, ref);
    expect(nat!.fallbackWords).toBe(4115); // the words with Σ (final sigma: context dependent)

    const bad = new Map([['a', 1], ['b', 1.5]]);
    expect(corpusUnitsNative({ wordCounts: bad, language: 'tr', caseMarkers: true })).toBeNull();
    expect(() => corpusUnits({ wordCounts: bad, language: 'tr', caseMarkers: true })).toThrow('word "b" has an invalid count 1.5');
    // The trainer on its default engine falls back to the reference, which names the word.
    const config = { vocabSize: 600, subwordShare: 0.3, minFrequency: 1, digits: 'single' as const, caseMarkers: true, specialTokens: [] };
    expect(() => trainHybrid({ wordCounts: new Map([['Kitap', 2], ['ev', 0.5]]), dictionary: turkishMini(), config })).toThrow('word "ev" has an invalid count 0.5');
    expect(corpusUnitsNative({ wordCounts: new Map([['a', Infinity]]), language: 'tr', caseMarkers: true })).toBeNull();
    expect(corpusUnitsNative({ wordCounts: new Map([['ab', 2 ** 52], ['cd', 2 ** 51]]), language: 'tr', caseMarkers: true })).toBeNull();
    expect(corpusUnitsNative({ wordCounts: new Map([['ab', 2 ** 51]]), language: 'tr', caseMarkers: true })!.wordUnits).toBe(2 ** 51);
    const empty = both(new Map([['x', 0]]), 'en', true);
    expectSame(empty.nat!, empty.ref);
    expect(empty.logs.nat).toEqual(['0/0']);
  });

  it('throws JavaScript errors for malformed arguments', () => {
    const units = nativeUnits()!;
    const call = (...args: unknown[]) => () => (units.corpusUnits as (...a: unknown[]) => unknown)(...args);
    const ok = ['abcd', Uint32Array.of(1, 3), Float64Array.of(1, 2), 0];
    expect(call(...ok)).not.toThrow();
    expect(call(5, ...ok.slice(1))).toThrow(TypeError);
    expect(call('abcd', [1, 3], ok[2], 0)).toThrow(TypeError);
    expect(call('abcd', ok[1], Uint32Array.of(1, 2), 0)).toThrow(TypeError);
    expect(call('abcd', ok[1], Float64Array.of(1), 0)).toThrow(RangeError);
    expect(call('abcd', Uint32Array.of(1, 4), ok[2], 0)).toThrow(RangeError);
    expect(call('abcd', Uint32Array.of(0xffffffff, 5), ok[2], 0)).toThrow(RangeError);
    for (const c of [0, -1, 1.5, NaN, Infinity, 2 ** 53]) expect(call('abcd', ok[1], Float64Array.of(1, c), 0)).toThrow(RangeError);
    expect(call('abcd', ok[1], Float64Array.of(2 ** 51, 2 ** 51), 0)).toThrow('counts are too large to add up exactly');
    for (const m of [2, -2, 0.5, '1', undefined]) expect(call('abcd', ok[1], ok[2], m)).toThrow();
    expect(call()).toThrow(TypeError);
    const cm = (...args: unknown[]) => () => (units.caseMappings as (...a: unknown[]) => unknown)(...args);
    expect(cm(0, 10, 0)).not.toThrow();
    for (const args of [[-1, 10, 0], [10, 5, 0], [0, 0x110001, 0], [0, 10, -1], [0, 10, 2], ['0', 10, 0], [0.5, 10, 0]]) expect(cm(...args)).toThrow();
  });

  it('does not grow memory over repeated passes', async () => {
    const run = () => corpusUnitsNative({ wordCounts: sampleCounts, language: 'tr', caseMarkers: true });
    const grew = await memoryGrowth(run);
    expect(grew.arrayBuffers).toBeLessThan(16 << 20);
    expect(grew.rss).toBeLessThan(128 << 20);
  });
});
