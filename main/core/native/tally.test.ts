// The addon's token tally (native/src/tally.h, used by the training statistics) against the TypeScript one
// (trainStats.ts scanTally over HybridTokenizer.scan on engine 'typescript'): identical totals and samples, in the
// same order, on the sample words with every kind of token, on random words, across chunks and after the
// addon asked the tokenizer for words and cases; whole training statistics identical on both engines; malformed
// calls rejected with nothing added.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { HybridTokenizer, type TokenTally } from '../hybrid/codec';
import { buildLexicon } from '../hybrid/metrics';
import type { HybridModel } from '../hybrid/model';
import { corpusEncodingStats, scanTally } from '../hybrid/trainStats';
import { describeNative } from './testSupport';
import type { NativeTextEncoder, NativeTextHandle } from './textEncoder';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const read = (f: string) => readFileSync(root + f, 'utf8');
const sampleModel = () => JSON.parse(read('fixtures/hybrid/tr-sample-model.json')) as HybridModel;
const sampleWords = [...new Set(read('samples/tr/sample.txt').split(/\s+/u).filter(Boolean))];
// Specials, case runs, digits, whitespace pre-tokens, byte tokens that split a character, astral letters, final sigma.
const oddWords = ['<|endoftext|>', 'x<|endoftext|>y', 'KİTAP', "İSTANBUL'DA", 'EV VE', '12.5', '1.250', ' ev', '  ev', '\n', '\r\n', ' \t', '😀ev', '\u0301a', 'ΟΔΟΣ', 'Straße', 'ǅem', '\u00a0evler', '(kitap)', 'ﬁ'];

// Per id: 1 sampled, 2 sharable (a mix, so both branches run on many ids).
const flagsFor = (model: HybridModel) => Uint8Array.from(model.vocab, (_, id) => id % 7 === 0 ? 0 : (id % 3 === 0 ? 2 : 0) | 1);

/** The words through a tally in calls of up to `chunk` words, every `aloneEvery`-th word in a call of its own. */
function feed(tally: TokenTally, words: readonly [string, number][], chunk: number, aloneEvery = 0) {
  const alone = Uint8Array.from(words, (_, i) => (aloneEvery > 0 && i % aloneEvery === aloneEvery - 1 ? 1 : 0));
  const calls: number[] = [];
  tally.addWords(words, alone, chunk, (done) => calls.push(done));
  expect(calls.at(-1) ?? 0).toBe(words.length);
  return { ...tally.take(), calls };
}

const weighted = (list: readonly string[]): [string, number][] => list.map((w, i) => [w, 1 + (i % 5)]);

function handleOf(tok: HybridTokenizer): NativeTextHandle {
  tok.encode('');
  const te = (tok as unknown as { textEncoder: NativeTextEncoder | null }).textEncoder;
  expect(te, 'the text encoder was not built for this model').not.toBeNull();
  return (te as unknown as { handle: NativeTextHandle }).handle;
}

describeNative('native token tally', () => {
  it('gives the TypeScript tally, samples in the same order, on the sample words in chunks of several sizes', () => {
    const model = sampleModel();
    const words = weighted([...sampleWords, ...oddWords]);
    const flags = flagsFor(model);
    const ref = () => scanTally(new HybridTokenizer(model, { engine: 'typescript' }), flags);
    const { calls: _, ...want } = feed(ref(), words, 64);
    expect(want.samples.length).toBeGreaterThan(500);
    // Partial-byte tokens (a byte token that splits a character) are among the samples.
    expect(want.samples.some((s) => s.text.includes('\ufffd'))).toBe(true);
    for (const [chunk, aloneEvery] of [[1, 0], [64, 0], [4096, 0], [64, 7], [5, 2]]) {
      const tally = new HybridTokenizer(model).nativeTally(flags);
      expect(tally).not.toBeNull();
      // The same figures whatever the calls; the same calls as the reference's for the same chunking.
      const got = feed(tally!, words, chunk, aloneEvery);
      expect({ ...got, calls: undefined }).toEqual({ ...want, calls: undefined });
      expect(got.calls).toEqual(feed(ref(), words, chunk, aloneEvery).calls);
    }
  });

  it('gives the TypeScript tally on random words', () => {
    const model = sampleModel();
    const flags = flagsFor(model);
    const piece = fc.constantFrom(' ', '  ', '\n', '\r', '\t', '\u00a0', 'ev', 'EV', 'Ev', 'kitap', 'KİTAP', 'lar', 'ı', 'I', '3', '42', '.', "'", '😀', '<|endoftext|>', 'ß', 'Σ');
    const word = fc.array(piece, { minLength: 1, maxLength: 5 }).map((p) => p.join(''));
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 4 }), (list, chunk, aloneEvery) => {
        const words = weighted(list.filter((w) => !w.endsWith('\r')));
        if (words.length === 0) return;
        const want = feed(scanTally(new HybridTokenizer(model, { engine: 'typescript' }), flags), words, chunk, aloneEvery);
        expect(feed(new HybridTokenizer(model).nativeTally(flags)!, words, chunk, aloneEvery)).toEqual(want);
      }),
      { numRuns: 150 },
    );
  });

  it('gives the same training statistics as the TypeScript engine', () => {
    const model = sampleModel();
    const words = weighted([...sampleWords, ...oddWords, 'EV\r']);
    const stats = (engine: 'native' | 'typescript') => {
      const tok = new HybridTokenizer(model, { engine });
      return corpusEncodingStats(tok, tok.layout, words, buildLexicon(model.dictionary, engine), () => {});
    };
    expect(stats('native')).toEqual(stats('typescript'));
  });

  it('refuses a corpus word that holds a lone surrogate, as the TypeScript tally does', () => {
    const model = sampleModel();
    const words: [string, number][] = [['ev', 1], ['a\ud83d', 2], ['\ude00b', 1]];
    for (const engine of ['native', 'typescript'] as const) {
      const tok = new HybridTokenizer(model, { engine });
      expect(() => corpusEncodingStats(tok, tok.layout, words, buildLexicon(model.dictionary, engine), () => {}), engine).toThrow(
        /lone surrogate U\+D83D at offset \d+ cannot be encoded/,
      );
    }
  });

  it('rejects malformed calls with a JavaScript error and adds nothing', () => {
    const model = sampleModel();
    const tok = new HybridTokenizer(model);
    const h = handleOf(tok);
    const args = (over: Record<number, unknown> = {}) => Object.assign(['a ev', new Uint32Array([2, 2]), new Float64Array([1, 1]), new Uint8Array(2), 64], over) as unknown[];
    const words = (...a: unknown[]) => (h.tallyWords as (...x: unknown[]) => unknown)(...a);
    expect(() => words(...args())).toThrow(/startTally was not called/);
    expect(() => h.tallyNext(1)).toThrow(/startTally was not called/);
    expect(() => h.takeTally()).toThrow(/startTally was not called/);
    expect(() => h.startTally(new Uint8Array(3))).toThrow(/one entry per vocabulary id/);
    expect(() => h.startTally([1, 2] as unknown as Uint8Array)).toThrow(/flags must be a Uint8Array/);
    h.startTally(new Uint8Array(model.vocab.length).fill(1));
    const bad: [string, unknown[], RegExp][] = [
      ['not a string', args({ 0: 42 }), /text must be a string/],
      ['lone surrogate', args({ 0: 'a \ud800', 1: new Uint32Array([2, 1]) }), /word 1 holds a lone surrogate at offset 0/],
      // A high surrogate ending one word and a low one starting the next are no pair.
      ['split pair', args({ 0: 'a\ud83d\ude00b', 1: new Uint32Array([2, 2]) }), /word 0 holds a lone surrogate at offset 1/],
      ['lens type', args({ 1: [2, 2] }), /lens must be a Uint32Array/],
      ['weights type', args({ 2: new Int32Array([1, 1]) }), /weights must be a Float64Array/],
      ['alone type', args({ 3: [0, 0] }), /alone must be a Uint8Array/],
      ['lengths', args({ 2: new Float64Array([1]) }), /differ in length/],
      ['lens past the text', args({ 1: new Uint32Array([2, 3]) }), /lens exceed the text/],
      ['lens short of the text', args({ 1: new Uint32Array([1, 2]) }), /lens do not cover the text/],
      ['chunk', args({ 4: 0 }), /chunk must be an integer/],
      ['chunk type', args({ 4: '64' }), /chunk must be a number/],
    ];
    for (const [what, a, msg] of bad) expect(() => words(...a), what).toThrow(msg);
    expect(() => h.tallyNext(0)).toThrow(/threads/);
    // Nothing was set: there is nothing to tally.
    expect(h.tallyNext(1)).toBe(0);
    const t = h.takeTally();
    expect([t.tokens, t.ids.length, t.text]).toEqual([0, 0, '']);
  });
});
