// Pins the hybrid encoder's exact output (ids, tokens, texts, types, groups, shared flags, UTF-16 and byte
// offsets, error messages) on a fixed model, so that speed work on the encoding path cannot change a byte.
//
// The model (fixtures/hybrid/tr-sample-model.json) was trained once with trainHybrid on samples/tr/sample.txt and
// samples/tr/dictionary.json (vocabSize 1500, subwordShare 0.3, minFrequency 2, digits 'single', caseMarkers,
// specials <|endoftext|> <x> <xy>); it is a fixture so that trainer changes do not move this test. The hashes
// were produced by the encoder as it was before its fast path (commit 815d392) and must never change; if the
// fixture or the model format ever has to change, recompute them with a trusted encoder, not with the new one.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { mulberry32 as rng } from '../eval/sample';
import { describe, expect, it } from 'vitest';
import { HybridTokenizer } from './codec';
import { type HybridModel, buildLayout } from './model';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const read = (f: string) => readFileSync(root + f, 'utf8');
const base = JSON.parse(read('fixtures/hybrid/tr-sample-model.json')) as HybridModel;
const sample = read('samples/tr/sample.txt');
const sentences = read('samples/tr/sentences.txt');
const words = [...new Set(sample.split(/\s+/u).filter(Boolean))];


/** Corpus words in case variants between separators, specials, whitespace runs, numbers and random code points. */
function generated(seed: number, count: number): string[] {
  const r = rng(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)];
  const seps = [' ', ' ', ' ', ' ', '', '  ', '   ', '\n', '\r\n', '\r', '\t', ' '.repeat(17), ' '.repeat(40), '.', '. ', ', ', "'", '"', '(', ') ', '\u00a0', '…', '%', ':', ';', '!', '?', '»', ' - ', '\u2028', '\u3000', '<cap>', '<nosp>', '<|endoftext|>', '<|endoftext|> ', '<x>', '<xy>', '<xyz'];
  const extras = ['İ', 'I', 'ı', 'i', 'İSTANBUL', 'IĞDIR', 'iPhone', 'McDonald', 'ẞ', 'ǅ', 'e\u0301', 'ﬁ', 'ŉ', 'ΐ', 'ΌΣΟΣ', '😀', '👩‍👩‍👧', '\u{1d400}', 'ß', 'İi̇', '٣٤', '1.250,75', '12:30', '3,5', '007', '1000000', '\uFFFD', '\uFEFF', '\u0000', 'K', 'Å'];
  const variant = (w: string): string => {
    const x = r();
    if (x < 0.45) return w;
    if (x < 0.6) return w.toLocaleUpperCase('tr');
    if (x < 0.7) return w.toUpperCase();
    if (x < 0.82) return w.charAt(0).toLocaleUpperCase('tr') + w.slice(1);
    if (x < 0.9) return w.charAt(0).toUpperCase() + w.slice(1);
    return Array.from(w, (c) => (r() < 0.5 ? c.toUpperCase() : c)).join('');
  };
  const codePoint = (): string => {
    const x = r();
    let cp = x < 0.3 ? 0x20 + Math.floor(r() * 0x5f) : x < 0.6 ? 0xa0 + Math.floor(r() * 0x2000) : x < 0.85 ? Math.floor(r() * 0x10000) : 0x10000 + Math.floor(r() * 0x100000);
    if (cp >= 0xd800 && cp <= 0xdfff && r() < 0.8) cp = 0x41; // a few lone surrogates stay: the error path
    return String.fromCodePoint(cp);
  };
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const parts: string[] = [];
    const n = 1 + Math.floor(r() * 24);
    for (let k = 0; k < n; k++) {
      const x = r();
      if (x < 0.55) parts.push(variant(pick(words)));
      else if (x < 0.75) parts.push(pick(seps));
      else if (x < 0.87) parts.push(pick(extras));
      else {
        let s = '';
        for (let j = 1 + Math.floor(r() * 6); j > 0; j--) s += codePoint();
        parts.push(s);
      }
      if (r() < 0.7) parts.push(' ');
    }
    out.push(parts.join(''));
  }
  return out;
}

const inputs = {
  lines: [...sample.split('\n'), ...sentences.split('\n')],
  whole: [sample, sentences],
  // The trainer's statistics pass: every corpus word after "a ".
  words: words.map((w) => 'a ' + w),
  generated: generated(20261130, 1500),
};

/** SHA-256 of JSON.stringify(tokens) (or the error message) per input, one line each. */
function digest(tok: HybridTokenizer, list: readonly string[]): string {
  const h = createHash('sha256');
  for (const s of list) {
    let line: string;
    try {
      line = JSON.stringify(tok.encode(s));
    } catch (e) {
      line = 'ERROR ' + (e as Error).message;
    }
    h.update(line + '\n');
  }
  return h.digest('hex');
}

const variants: Record<string, () => HybridModel> = {
  base: () => base,
  // Same layout, no case folding: words keep their case in residue and morphs.
  nocase: () => ({ ...base, config: { ...base.config, caseMarkers: false } }),
  // Digits in groups of three: a different layout, so the vocabulary is rebuilt from it.
  group3: () => {
    const m = { ...base, config: { ...base.config, digits: 'group3' as const } };
    return { ...m, vocab: buildLayout(m).tokens };
  },
};

const EXPECTED: Record<string, Record<string, string>> = {
  base: {
    lines: '358b94d4921d1c59741e8693cc9ad46d002335bf5c2a9290bdac17b0afc22ebb',
    whole: '5875f016c271c458720067ac3d3d1022bc3ce6d88bcd59e6edb50cc8862c9874',
    words: '2f81fa4f6e440ec28842b0633fc40324efc2499eb5274d7c3ba2cb39b8c25b84',
    generated: '77154a32cfefe6f61bb0b71b0bc2614493220aaa1a90ae66dab105256cace2a9',
  },
  nocase: {
    lines: '9cfd8d240e0c3ace1f7d08de77130c386934130d97caa838148eb9ca2641eea3',
    whole: '6fce26bb5f82d82e29418ee6573c9267e06316d9319977535e65da60d5bfd790',
    words: '35ca8ccfee7dbc3e1e4b158e46e55f5ba33889a78d34fbb10d8ded8b1b1c0b8a',
    generated: '9c2e20150acb9ece9ba82e2c6a53745ee5009c92e36c2b911ee1ac6d4a63a518',
  },
  group3: {
    lines: '2f069d07c2915464a1c56afeb28911f1d6a68f20102932e216579444c448e66d',
    whole: '3c46ae15b4726f9149e8b8cf0447b4cc267fc71372fcc01d49307e1e2475d655',
    words: 'c29e127d93487d5d605fded979f670bdd32d913dade9913f5cbaadb53a60138b',
    generated: 'a49120ca3b898a20f72847493252dcf539a5286e432f19b9e85da38fa9ee5156',
  },
};

describe('hybrid encoder output is pinned', () => {
  for (const [name, make] of Object.entries(variants)) {
    it(`${name}: the same tokens as the reference encoder, for every input set`, () => {
      const tok = new HybridTokenizer(make());
      const got: Record<string, string> = {};
      for (const [set, list] of Object.entries(inputs)) got[set] = digest(tok, list);
      expect(got).toEqual(EXPECTED[name]);
    });
  }

  it('encodeIds gives the ids of encode, and every encodable input decodes back', () => {
    const tok = new HybridTokenizer(base);
    for (const s of [...inputs.lines, ...inputs.generated]) {
      let ids: number[];
      try {
        ids = tok.encode(s).map((t) => t.id);
      } catch (e) {
        expect(() => tok.encodeIds(s)).toThrow((e as Error).message);
        continue;
      }
      expect(tok.encodeIds(s)).toEqual(ids);
      expect(tok.decode(ids)).toBe(s);
    }
  });

  it('a fresh tokenizer (nothing cached) and a warm one agree', () => {
    const warm = new HybridTokenizer(base);
    for (const s of inputs.generated) {
      try {
        warm.encodeIds(s);
      } catch {
        // lone surrogates: the error is pinned above
      }
    }
    const cold = new HybridTokenizer(base);
    expect(digest(cold, inputs.generated)).toBe(digest(warm, inputs.generated));
  });
});
