import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { Tokenizer } from 'tokenizers';
import { trainBpe } from './trainer';
import { BpeTokenizer } from './tokenizer';
import { toHfTokenizerJson, fromHfTokenizerJson, HF_BYTELEVEL_REGEX } from './hf';
import { jsToOnig, onigToJs } from './dialect';
import { PRETOKENIZER_PRESETS, compilePattern, pretokenize } from './pretokenize';
import { BYTE_TO_CHAR } from './bytelevel';
import type { BpeModel } from './types';

const fixture = readFileSync(new URL('../../../fixtures/bpe/mixed.txt', import.meta.url), 'utf8');
const O200K_ONIG = [
  "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]*[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?",
  "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]+[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?",
  '\\p{N}{1,3}',
  ' ?[^\\s\\p{L}\\p{N}]+[\\r\\n/]*',
  '\\s*[\\r\\n]+',
  '\\s+(?!\\S)',
  '\\s+',
].join('|');

function hfSplitter(onigPattern: string): (s: string) => string[] {
  const json = {
    version: '1.0',
    added_tokens: [],
    normalizer: null,
    pre_tokenizer: { type: 'Split', pattern: { Regex: onigPattern }, behavior: 'Isolated', invert: false },
    post_processor: null,
    decoder: null,
    model: { type: 'BPE', dropout: null, unk_token: null, vocab: { a: 0 }, merges: [] },
  };
  const pre = Tokenizer.fromString(JSON.stringify(json)).getPreTokenizer()!;
  return (s) => pre.preTokenizeString(s).map((p) => p[0]);
}

function jsSplitter(jsPattern: string): (s: string) => string[] {
  const re = compilePattern(jsPattern);
  return (s) => pretokenize(s, re).map((p) => s.slice(p.start, p.end));
}

function trainOnFixture(pattern: string, vocabSize: number, specials = ['<|endoftext|>']): BpeModel {
  const counts = new Map<string, number>();
  const split = jsSplitter(pattern);
  for (const piece of split(fixture)) counts.set(piece, (counts.get(piece) ?? 0) + 1);
  return trainBpe(counts, { vocabSize, minFrequency: 1, pattern, specialTokens: specials }).model;
}

async function hfIds(tok: Tokenizer, text: string): Promise<number[]> {
  return (await tok.encode(text, null, { addSpecialTokens: false })).getIds();
}

describe('pre-tokenizer presets agree with Oniguruma', () => {
  // Code points whose Unicode properties differ between V8's and Oniguruma's Unicode tables (characters
  // added or recategorised in Unicode 16/17) cannot agree through any pattern; everything else must.
  // Planes 0-3 and the tag/variation-selector block of plane 14; the rest is unassigned or private use.
  const SWEPT = [[0, 0xd7ff], [0xe000, 0x323af], [0xe0000, 0xe01ef]];
  const PROBES = ['L', 'Lu', 'Ll', 'Lt', 'Lm', 'Lo', 'M', 'N', 'Nd', 'White_Space'];
  let cached: Set<number> | null = null;
  function skewed(): Set<number> {
    if (cached) return cached;
    const out = (cached = new Set<number>());
    for (const p of PROBES) {
      const hf = hfSplitter(`\\p{${p}}`);
      const re = new RegExp(`^\\p{${p}}$`, 'u');
      for (const [from, to] of SWEPT) for (let lo = from; lo <= to; lo += 8192) {
        const cps: number[] = [];
        for (let cp = lo; cp < Math.min(to + 1, lo + 8192); cp++) if (cp < 0xd800 || cp > 0xdfff) cps.push(cp);
        const matched = new Set(hf(cps.map((c) => String.fromCodePoint(c)).join('\u0001')).filter((x) => x !== '\u0001' && [...x].length === 1));
        for (const cp of cps) if (matched.has(String.fromCodePoint(cp)) !== re.test(String.fromCodePoint(cp))) out.add(cp);
      }
    }
    return out;
  }

  it.each(['gpt2', 'gpt4o'] as const)('%s splits every code point in context identically', (name) => {
    const source = PRETOKENIZER_PRESETS[name];
    expect(jsToOnig(source)).toBe(source); // the presets use only syntax both engines share
    const hf = hfSplitter(source);
    const js = jsSplitter(source);
    const skew = skewed();
    const context = (c: string) => `a${c}b ${c}1${c}${c} ${c}\n${c}'s${c}A${c}'LL. ${c}  ${c}\r\n\t${c}`;
    const mismatches: number[] = [];
    for (const [lo, hi] of SWEPT) {
      for (let start = lo; start <= hi; start += 256) {
        const cps: number[] = [];
        for (let cp = start; cp <= Math.min(hi, start + 255); cp++) if (!skew.has(cp)) cps.push(cp);
        const text = cps.map((cp) => context(String.fromCodePoint(cp))).join('');
        if (JSON.stringify(js(text)) === JSON.stringify(hf(text))) continue;
        for (const cp of cps) {
          const t = context(String.fromCodePoint(cp));
          if (JSON.stringify(js(t)) !== JSON.stringify(hf(t))) mismatches.push(cp);
        }
      }
    }
    expect(mismatches.map((c) => c.toString(16))).toEqual([]);
    expect(skew.size).toBeLessThan(6000); // only recent Unicode additions are allowed to differ
  });

  it('reads the Oniguruma originals of both presets back as the presets', () => {
    expect(onigToJs(HF_BYTELEVEL_REGEX)).toBe(PRETOKENIZER_PRESETS.gpt2);
    expect(onigToJs(O200K_ONIG)).toBe(PRETOKENIZER_PRESETS.gpt4o);
    // And the translated o200k still splits like the original in Oniguruma ("'S", "'ſ" included).
    const text = fixture + " IT'S it's It'ſ WE'LL we'Ll";
    expect(jsSplitter(onigToJs(O200K_ONIG))(text)).toEqual(hfSplitter(O200K_ONIG)(text));
  });

  it('translates engine-specific classes in custom patterns both ways', () => {
    const text = fixture + ' ١٢٣ ٣٤٥ x\u0085y\ufeffz ǅ_ab';
    for (const js of ['\\d+|\\w+|\\s+|.', '[\\w\\-]+|\\S', '\\p{Script=Latin}+|\\P{Script=Latin}', '^.|\\b\\w+\\b|[^]', '\\u{1F642}|[\\u00e7\\u011f]+|\\D']) {
      expect(hfSplitter(jsToOnig(js))(text), js).toEqual(jsSplitter(js)(text));
    }
    for (const onig of ['\\d+|\\w+|\\s+|.', '\\p{Latin}+|\\P{Latin}', '(?i:kitap|ev)|\\h+|\\x{00e7}|[^\\s]', '^\\s*\\S|\\S$|\\A.']) {
      expect(jsSplitter(onigToJs(onig))(text), onig).toEqual(hfSplitter(onig)(text));
    }
    expect(() => onigToJs('[a[b]]')).toThrow(/nested character class/);
    expect(() => onigToJs('[\\W]')).toThrow(/\\W inside a character class/);
    expect(() => onigToJs('\\X')).toThrow(/\\X/);
  });
});

describe('tokenizer.json export', () => {
  const model = trainOnFixture(PRETOKENIZER_PRESETS.gpt4o, 256 + 1 + 600);
  const ours = new BpeTokenizer(model);
  const json = JSON.stringify(toHfTokenizerJson(model));
  const theirs = Tokenizer.fromString(json);

  it('loads in Hugging Face tokenizers and encodes to the same ids (whole text, per line, specials)', async () => {
    expect(model.vocab.length).toBe(857);
    expect(theirs.getVocabSize(true)).toBe(857);
    const texts = [
      fixture,
      ...fixture.split('\n'),
      'evlerimizdekiler<|endoftext|>kitaplarımız<|endoftext|><|endoftext|> 🙂\n\n\t  son',
      '',
      '   ',
      'İSTANBUL’DA ığdır 12345678 x\r\n\r\n  y',
    ];
    for (const text of texts) expect(await hfIds(theirs, text), JSON.stringify(text)).toEqual(ours.encodeIds(text));
    expect(await theirs.decode(ours.encodeIds(fixture), false)).toBe(fixture);
  });

  it('agrees with the gpt2 preset too', async () => {
    const m2 = trainOnFixture(PRETOKENIZER_PRESETS.gpt2, 256 + 2 + 500, ['<|endoftext|>', '<pad>']);
    const hf = Tokenizer.fromString(JSON.stringify(toHfTokenizerJson(m2)));
    const t2 = new BpeTokenizer(m2);
    for (const text of [fixture, ...fixture.split('\n'), "<pad>it's<|endoftext|> we'LL"]) {
      expect(await hfIds(hf, text)).toEqual(t2.encodeIds(text));
    }
  });

  it('round-trips through import to an identical model', () => {
    expect(fromHfTokenizerJson(JSON.parse(json))).toEqual(model);
  });
});

describe('tokenizer.json import', () => {
  const base = () => JSON.parse(JSON.stringify(toHfTokenizerJson(trainOnFixture(PRETOKENIZER_PRESETS.gpt4o, 300)))) as Record<string, any>;

  it('accepts GPT-2 style files: ByteLevel with use_regex, "a b" merges, special at the end', async () => {
    // Build a GPT-2-like layout by hand: bytes first, merges, then the special token last.
    const m = trainOnFixture(PRETOKENIZER_PRESETS.gpt2, 256 + 1 + 200);
    const vocab: Record<string, number> = {};
    m.vocab.slice(1).forEach((tok, i) => (vocab[tok] = i));
    vocab['<|endoftext|>'] = m.vocab.length - 1;
    const file = {
      version: '1.0',
      added_tokens: [{ id: m.vocab.length - 1, content: '<|endoftext|>', single_word: false, lstrip: false, rstrip: false, normalized: true, special: true }],
      normalizer: null,
      pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
      post_processor: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: false, use_regex: true },
      decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
      model: { type: 'BPE', dropout: null, unk_token: null, continuing_subword_prefix: '', end_of_word_suffix: '', fuse_unk: false, vocab, merges: m.merges.map(([a, b]) => `${a} ${b}`) },
    };
    const imported = fromHfTokenizerJson(file);
    expect(imported.pattern).toBe(PRETOKENIZER_PRESETS.gpt2);
    expect(imported.specials).toEqual([{ id: m.vocab.length - 1, content: '<|endoftext|>' }]);
    expect(imported.vocab[0]).toBe(BYTE_TO_CHAR[0]);
    const hf = Tokenizer.fromString(JSON.stringify(file));
    const ours = new BpeTokenizer(imported);
    for (const text of [fixture, "it's<|endoftext|>Kitap"]) expect(ours.encodeIds(text)).toEqual(await hfIds(hf, text));
  });

  it('accepts ByteLevel without a regex (one piece per text) and exports it so Hugging Face agrees', async () => {
    const file = base();
    file.pre_tokenizer = { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: false };
    const imported = fromHfTokenizerJson(file);
    const original = Tokenizer.fromString(JSON.stringify(file));
    const reexported = Tokenizer.fromString(JSON.stringify(toHfTokenizerJson(imported)));
    const ours = new BpeTokenizer(imported);
    for (const text of fixture.split('\n').slice(0, 12)) {
      const want = await hfIds(original, text);
      expect(ours.encodeIds(text)).toEqual(want);
      expect(await hfIds(reexported, text)).toEqual(want);
    }
  });

  it('supports ignore_merges like Hugging Face does', async () => {
    const file = base();
    file.model.ignore_merges = true;
    // A token reachable only through merges that would be applied differently stays whole with ignore_merges.
    const imported = fromHfTokenizerJson(file);
    expect(imported.ignoreMerges).toBe(true);
    const hf = Tokenizer.fromString(JSON.stringify(file));
    expect(new BpeTokenizer(imported).encodeIds(fixture)).toEqual(await hfIds(hf, fixture));
  });

  const rejects: [string, (f: Record<string, any>) => void, RegExp][] = [
    ['WordPiece', (f) => (f.model.type = 'WordPiece'), /model.type is "WordPiece"/],
    ['Unigram', (f) => (f.model.type = 'Unigram'), /model.type is "Unigram"/],
    ['Metaspace', (f) => (f.pre_tokenizer = { type: 'Metaspace', replacement: '▁' }), /pre_tokenizer.type is "Metaspace"/],
    ['byte_fallback', (f) => (f.model.byte_fallback = true), /model.byte_fallback/],
    ['dropout', (f) => (f.model.dropout = 0.1), /model.dropout/],
    ['a normalizer', (f) => (f.normalizer = { type: 'NFC' }), /normalizer is "NFC"/],
    ['add_prefix_space', (f) => (f.pre_tokenizer.pretokenizers[1].add_prefix_space = true), /add_prefix_space/],
    ['a non-ByteLevel decoder', (f) => (f.decoder = { type: 'Metaspace' }), /decoder is "Metaspace"/],
    ['Split behavior', (f) => (f.pre_tokenizer.pretokenizers[0].behavior = 'Removed'), /behavior is "Removed"/],
    ['lstrip', (f) => (f.added_tokens[0].lstrip = true), /added_tokens\[0\].lstrip/],
    ['a gap in ids', (f) => (f.model.vocab['Ġzzz'] = 400), /without gaps, but 400 is used/],
    ['a merge of unknown tokens', (f) => f.model.merges.push(['q', 'zzz']), /refers to "zzz", which is not in the vocabulary/],
    ['a malformed merge', (f) => f.model.merges.push('abc'), /not a pair of tokens/],
    ['a non byte-level vocab', (f) => (f.model.vocab['▁ev'] = Object.keys(f.model.vocab).length), /not byte-level/],
    ['two ids for one token', (f) => (f.added_tokens[0].id = 5), /gives id 5 to both/],
  ];
  it.each(rejects)('rejects %s with a clear error', (_name, mutate, message) => {
    const f = base();
    mutate(f);
    expect(() => fromHfTokenizerJson(f)).toThrow(message);
  });
});
