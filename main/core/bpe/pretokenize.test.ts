import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { PRETOKENIZER_PRESETS, compilePattern, pretokenize, resolvePattern, splitSpecials } from './pretokenize';

const pieces = (text: string, source: string) => pretokenize(text, compilePattern(source)).map((s) => text.slice(s.start, s.end));

describe('presets', () => {
  it('split like GPT-2 and GPT-4o', () => {
    const text = "Kitaplarımızı 2024'te okuduk, it's   OK!!\n\n  Ağaç";
    expect(pieces(text, PRETOKENIZER_PRESETS.gpt2)).toEqual([
      // GPT-2's English contraction rule cuts the Turkish suffix 'te after its "t".
      'Kitaplarımızı', ' 2024', "'t", 'e', ' okuduk', ',', ' it', "'s", '  ', ' OK', '!!', '\n\n ', ' Ağaç',
    ]);
    expect(pieces(text, PRETOKENIZER_PRESETS.gpt4o)).toEqual([
      'Kitaplarımızı', ' ', '202', '4', "'te", ' okuduk', ',', " it's", '  ', ' OK', '!!\n\n', ' ', ' Ağaç',
    ]);
    // o200k splits camelCase before an upper-case letter and takes contractions in any case.
    expect(pieces("camelCaseWord IT'S", PRETOKENIZER_PRESETS.gpt4o)).toEqual(['camel', 'Case', 'Word', " IT'S"]);
  });
});

describe('compilePattern', () => {
  it('names the pattern in a syntax error', () => {
    expect(() => compilePattern('(\\p{L}+')).toThrow(/pre-tokenizer pattern "\(\\\\p\{L\}\+" is not a valid regular expression/);
  });
  it('rejects patterns that can match the empty string', () => {
    expect(() => compilePattern('\\p{L}*')).toThrow(/can match the empty string/);
    expect(() => compilePattern('x|(?=\\d)')).toThrow(/can match the empty string/);
    expect(compilePattern('\\p{L}+|.').flags).toBe('gu');
  });
});

describe('resolvePattern', () => {
  it('returns presets and validated custom patterns', () => {
    expect(resolvePattern('gpt2')).toBe(PRETOKENIZER_PRESETS.gpt2);
    expect(resolvePattern('gpt4o')).toBe(PRETOKENIZER_PRESETS.gpt4o);
    expect(resolvePattern('custom', '\\S+|\\s+')).toBe('\\S+|\\s+');
    expect(() => resolvePattern('custom')).toThrow(/needs a pattern/);
    expect(() => resolvePattern('custom', '[')).toThrow(/not a valid regular expression/);
  });
});

describe('pretokenize', () => {
  it('emits skipped stretches as pieces of their own', () => {
    expect(pieces('ab, cd!!', '\\p{L}+')).toEqual(['ab', ', ', 'cd', '!!']);
    expect(pieces('', '\\p{L}+')).toEqual([]);
  });

  it('covers every code unit exactly once, in order', () => {
    const patterns = ['\\p{L}+', '\\d{2}', ' ?\\p{Lu}', PRETOKENIZER_PRESETS.gpt2, PRETOKENIZER_PRESETS.gpt4o];
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), fc.constantFrom(...patterns), (text, source) => {
        const spans = pretokenize(text, compilePattern(source));
        let at = 0;
        for (const s of spans) {
          expect(s.start).toBe(at);
          expect(s.end).toBeGreaterThan(s.start);
          at = s.end;
        }
        expect(at).toBe(text.length);
      }),
      { numRuns: 500 },
    );
  });
});

describe('splitSpecials', () => {
  const cut = (text: string, specials: string[]) =>
    splitSpecials(text, specials).map((s) => (s.special === null ? text.slice(s.start, s.end) : `[${specials[s.special]}]`));

  it('takes the leftmost, then the longest special', () => {
    expect(cut('a<s>b</s><s>', ['<s>', '</s>'])).toEqual(['a', '[<s>]', 'b', '[</s>]', '[<s>]']);
    expect(cut('x<|end|>y', ['<|end', '<|end|>'])).toEqual(['x', '[<|end|>]', 'y']);
    expect(cut('<<a>', ['<a>', '<<'])).toEqual(['[<<]', 'a>']);
    expect(cut('plain', [])).toEqual(['plain']);
    expect(cut('', ['<s>'])).toEqual([]);
  });

  it('covers the text', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', '<s>', '<', 's>', '<<s>>', ' '), { maxLength: 20 }), (parts) => {
        const text = parts.join('');
        const segs = splitSpecials(text, ['<s>', '<<s>>']);
        expect(segs.map((s) => text.slice(s.start, s.end)).join('')).toBe(text);
      }),
    );
  });
});
