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

/** The texts and word spans corpusEncodingStats hands a tally: "a w1\na w2…", one call per `chunk` words. */
function feed(tally: TokenTally, words: readonly [string, number][], chunk: number) {
  for (let from = 0; from < words.length; from += chunk) {
    const part = words.slice(from, from + chunk);
    let text = '';
    const aStart: number[] = [];
    const wordEnd: number[] = [];
    for (const [w] of part) {
      if (text.length > 0) text += '\n';
      aStart.push(text.length);
      text += 'a ' + w;
      wordEnd.push(text.length);
    }
    tally.add(text, Int32Array.from(aStart), Int32Array.from(wordEnd), Float64Array.from(part, ([, n]) => n));
  }
  return tally.take();
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
    const want = feed(scanTally(new HybridTokenizer(model, { engine: 'typescript' }), flags), words, 64);
    expect(want.samples.length).toBeGreaterThan(500);
    // Partial-byte tokens (a byte token that splits a character) are among the samples.
    expect(want.samples.some((s) => s.text.includes('\ufffd'))).toBe(true);
    for (const chunk of [1, 64, 4096]) {
      const tally = new HybridTokenizer(model).nativeTally(flags);
      expect(tally).not.toBeNull();
      expect(feed(tally!, words, chunk)).toEqual(want);
    }
  });

  it('gives the TypeScript tally on random words', () => {
    const model = sampleModel();
    const flags = flagsFor(model);
    const piece = fc.constantFrom(' ', '  ', '\n', '\r', '\t', '\u00a0', 'ev', 'EV', 'Ev', 'kitap', 'KİTAP', 'lar', 'ı', 'I', '3', '42', '.', "'", '😀', '<|endoftext|>', 'ß', 'Σ');
    const word = fc.array(piece, { minLength: 1, maxLength: 5 }).map((p) => p.join(''));
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 8 }), (list, chunk) => {
        const words = weighted(list.filter((w) => !w.endsWith('\r')));
        if (words.length === 0) return;
        const want = feed(scanTally(new HybridTokenizer(model, { engine: 'typescript' }), flags), words, chunk);
        expect(feed(new HybridTokenizer(model).nativeTally(flags)!, words, chunk)).toEqual(want);
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

  it('rejects malformed calls with a JavaScript error and adds nothing', () => {
    const model = sampleModel();
    const tok = new HybridTokenizer(model);
    const h = handleOf(tok);
    expect(() => h.tallyText('a ev', 1, new Int32Array([0]), new Int32Array([4]), new Float64Array([1]))).toThrow(/startTally was not called/);
    expect(() => h.takeTally()).toThrow(/startTally was not called/);
    expect(() => h.startTally(new Uint8Array(3))).toThrow(/one entry per vocabulary id/);
    expect(() => h.startTally([1, 2] as unknown as Uint8Array)).toThrow(/flags must be a Uint8Array/);
    h.startTally(new Uint8Array(model.vocab.length).fill(1));
    const bad: [string, unknown[], RegExp][] = [
      ['not a string', [42, 1, new Int32Array([0]), new Int32Array([4]), new Float64Array([1])], /text must be a string/],
      ['lone surrogate', ['a \ud800', 1, new Int32Array([0]), new Int32Array([3]), new Float64Array([1])], /lone surrogate at offset 2/],
      ['threads', ['a ev', 0, new Int32Array([0]), new Int32Array([4]), new Float64Array([1])], /threads/],
      ['aStart type', ['a ev', 1, [0], new Int32Array([4]), new Float64Array([1])], /aStart must be an Int32Array/],
      ['weight type', ['a ev', 1, new Int32Array([0]), new Int32Array([4]), new Int32Array([1])], /weight must be a Float64Array/],
      ['lengths', ['a ev', 1, new Int32Array([0, 1]), new Int32Array([4]), new Float64Array([1])], /differ in length/],
      ['past the end', ['a ev', 1, new Int32Array([0]), new Int32Array([5]), new Float64Array([1])], /word 0 is out of order or outside the text/],
      ['empty span', ['a ev', 1, new Int32Array([2]), new Int32Array([2]), new Float64Array([1])], /word 0/],
      ['out of order', ['a ev\na ev', 1, new Int32Array([5, 0]), new Int32Array([9, 4]), new Float64Array([1, 1])], /word 1/],
      ['negative', ['a ev', 1, new Int32Array([-1]), new Int32Array([4]), new Float64Array([1])], /word 0/],
    ];
    for (const [what, args, msg] of bad) expect(() => (h.tallyText as (...a: unknown[]) => unknown)(...args), what).toThrow(msg);
    const t = h.takeTally();
    expect([t.tokens, t.ids.length, t.text]).toEqual([0, 0, '']);
  });
});
