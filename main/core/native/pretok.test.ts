import { it, expect } from 'vitest';
import fc from 'fast-check';
import { compilePattern, pretokenize, PRETOKENIZER_PRESETS } from '../bpe/pretokenize';
import { nativeAddon } from './load';
import { describeNative } from './testSupport';

const CLASS_TESTS: [number, RegExp][] = [
  [1, /^[\p{Lu}\p{Lt}]$/u],
  [2, /^\p{Ll}$/u],
  [3, /^[\p{Lm}\p{Lo}]$/u],
  [4, /^\p{M}$/u],
  [5, /^\p{N}$/u],
];

/** Piece end offsets in UTF-8 bytes, from the JavaScript regex. */
function jsEnds(text: string, preset: 'gpt2' | 'gpt4o'): number[] {
  const re = compilePattern(PRETOKENIZER_PRESETS[preset]);
  return pretokenize(text, re).map((s) => Buffer.byteLength(text.slice(0, s.end)));
}

// Characters that make the presets' alternatives and their backtracking matter.
const tricky = fc.constantFrom(
  'a', 'B', 'ǅ', 'ʰ', 'ا', '\u0301', '\u0903', '1', '٣', 'Ⅻ', '½', "'", "'s", "'S", "'ſ", "'ll", "'LL", "'Re", "'ve", "'d", "'m", "'t", "'x",
  ' ', '  ', '\t', '\n', '\r', '\r\n', '\u000b', '\u0085', '\u00a0', '\u2028', '\u3000', '\ufeff', '/', '.', '!', '-', '😀', '\u{1F3FB}',
  'İ', 'ı', 'ş', 'Ğ', 'ß', 'ǈ', 'ᾈ', 'ﬀ', '\u200d', '\u{E0100}', '\u{10FFFF}', '\0',
);
const anyChar = fc.integer({ min: 0, max: 0x10ffff }).filter((c) => c < 0xd800 || c > 0xdfff).map((c) => String.fromCodePoint(c));
const text = fc.array(fc.oneof(tricky, tricky, anyChar), { maxLength: 40 }).map((a) => a.join(''));

describeNative('native pre-tokenizers', () => {
  it('classify every code point as the JavaScript regex engine does', () => {
    const got = nativeAddon()!.classes(0, 0x110000);
    const wrong: string[] = [];
    for (let cp = 0; cp < 0x110000; cp++) {
      const ch = String.fromCodePoint(cp);
      let want = 0;
      for (const [v, re] of CLASS_TESTS) if (re.test(ch)) { want = v; break; }
      if (/^\p{White_Space}$/u.test(ch)) want |= 8;
      if (/^\s$/u.test(ch)) want |= 16;
      if (got[cp] !== want && wrong.length < 5) wrong.push(`U+${cp.toString(16)}: ${got[cp]} vs ${want}`);
    }
    // A mismatch means this Node has another Unicode version: run `node native/tools/gen-unicode.mjs` and rebuild.
    expect(wrong).toEqual([]);
  });

  it('split random text exactly as the gpt2 and gpt4o regexes do', () => {
    const addon = nativeAddon()!;
    fc.assert(
      fc.property(text, (t) => {
        for (const preset of ['gpt2', 'gpt4o'] as const) expect([...addon.pretokenize(t, preset)]).toEqual(jsEnds(t, preset));
      }),
      { numRuns: 3000 },
    );
  });

  it('split hand-picked cases exactly as the regexes do', () => {
    const addon = nativeAddon()!;
    const cases = [
      '', 'Hello world', "it's  we'RE they'LL", '  \n  \n\nfoo', 'x \n y', 'ABCdef GHI jkl', 'ʰʰA', 'Aʰ.', '\u0301.', '.\u0301a', ' \u0301',
      '123456 7', 'a/b//\n\r\n', '...\n\n', ' !?', '\t\tx', '\u00a0\u00a0a', 'İSTANBUL\'dan', 'kitaplarımızı getirdik.\n',
    ];
    for (const t of cases) for (const preset of ['gpt2', 'gpt4o'] as const) expect([...addon.pretokenize(t, preset)], `${preset} ${JSON.stringify(t)}`).toEqual(jsEnds(t, preset));
  });

  it('refuses bad arguments and lone surrogates with exceptions', () => {
    const addon = nativeAddon()!;
    expect(() => addon.pretokenize('a\ud800b', 'gpt4o')).toThrow(/lone surrogate U\+D800 at offset 1/);
    expect(() => (addon.pretokenize as (...a: unknown[]) => unknown)(42, 'gpt4o')).toThrow(TypeError);
    expect(() => (addon.pretokenize as (...a: unknown[]) => unknown)('a', 'gpt5')).toThrow(TypeError);
    expect(() => (addon.classes as (...a: unknown[]) => unknown)(5, 2)).toThrow(RangeError);
    expect(() => (addon.classes as (...a: unknown[]) => unknown)(0, 0x110001)).toThrow(RangeError);
  });
});
